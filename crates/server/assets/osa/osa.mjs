// Progressive enhancement only: every page works without this file.
import { initAll } from '/assets/govuk-frontend.min.js'
import { enableAutosave } from '/assets/osa/autosave.mjs'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
for (const form of document.querySelectorAll('form[data-autosave]')) {
  enableAutosave(form)
}

// Printing shows every closed details element open (browsers without the CSS for
// it print them closed), and puts each back as it was afterwards.
let openedForPrint = []
window.addEventListener('beforeprint', () => {
  openedForPrint = [...document.querySelectorAll('details:not([open])')]
  for (const d of openedForPrint) d.open = true
})
window.addEventListener('afterprint', () => {
  for (const d of openedForPrint) d.open = false
  openedForPrint = []
})
