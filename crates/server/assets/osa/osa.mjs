// Progressive enhancement only: every page works without this file.
import { initAll } from '/assets/govuk-frontend.min.js'
import { enableAutosave } from '/assets/osa/autosave.mjs'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
for (const form of document.querySelectorAll('form[data-autosave]')) {
  enableAutosave(form)
}
