// Autosave for the standard page. Each criterion is saved a moment after the person
// stops typing; a line under it says "Saved", or what went wrong, in a polite live
// region so screen readers hear it without losing their place. The server checks the
// version each save builds on and refuses a stale one, so nothing is overwritten; the
// page's save button still works exactly as without JavaScript.

const QUIET_MS = 1500

export function enableAutosave (form) {
  const url = form.dataset.autosave
  const token = form.querySelector('input[name="csrf_token"]')?.value
  if (!url || !token) return
  const note = form.querySelector('.osa-autosave-note')
  if (note) note.hidden = false
  for (const block of form.querySelectorAll('.osa-criterion[data-code]')) {
    watch(block, url, token)
  }
}

function watch (block, url, token) {
  const code = block.dataset.code
  const status = document.createElement('p')
  status.className = 'govuk-body-s osa-autosave-status'
  status.setAttribute('aria-live', 'polite')
  status.id = `${block.querySelector('h2')?.id ?? code}-autosave`
  block.append(status)

  let timer = null
  let saving = false
  let again = false

  const field = (name) => block.querySelector(`input[type="hidden"][name="${name}:${code}"]`)

  async function save () {
    if (saving) { again = true; return }
    saving = true
    status.textContent = 'Saving…'
    const body = new URLSearchParams()
    body.set('csrf_token', token)
    body.set('criterion', code)
    for (const input of block.querySelectorAll('input, textarea')) {
      if (!input.name || input.disabled || input.type === 'file') continue
      if ((input.type === 'radio' || input.type === 'checkbox') && !input.checked) continue
      body.set(input.name, input.value)
    }
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { Accept: 'application/json' },
        body,
        credentials: 'same-origin'
      })
      const reply = await response.json().catch(() => null)
      if (!reply) {
        status.textContent = 'Not saved: the service did not answer as expected. Your text is still here; use the save button.'
      } else {
        if (reply.status === 'saved') {
          field('version').value = reply.version
          field('orig').value = reply.orig
        }
        status.textContent = reply.message
      }
      status.classList.toggle('osa-autosave-status--problem', !response.ok)
    } catch {
      status.textContent = 'Not saved: check your connection. Your text is still here; it will be sent when you type again or press save.'
      status.classList.add('osa-autosave-status--problem')
    } finally {
      saving = false
      if (again) { again = false; save() }
    }
  }

  const soon = () => {
    clearTimeout(timer)
    timer = setTimeout(save, QUIET_MS)
  }
  block.addEventListener('input', soon)
  block.addEventListener('change', soon)
}
