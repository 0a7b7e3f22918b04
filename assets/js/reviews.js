// Views before reviews: keep a copy of what a young person types on their own phone, so a lost
// connection, a closed tab or a flat battery does not eat their words. Never talks to a server:
// the server copy is saved by each step's own form submit.
//
// Forms marked data-heard-draft="<draft id>-<step>" are copied into localStorage as they are typed,
// together with data-heard-saved (the version of the server's copy of that form) and the draft
// revision the page was shown at (its hidden "revision" field). On the next visit, if the copy
// differs from what the server shows, it is put back and a note says so. The copy keeps the
// revision it was typed against, so if another phone or tab saved the step since, the server
// notices when it arrives and offers both versions instead of one replacing the other.
// A page after a successful save names the step it stored (data-heard-stored): its copy goes.
// Forms without a revision (additions) drop their copy once the server's copy has changed.
// When offline, sending is held back (the copy stays) until the connection returns.
// The copies are wiped when the views are sent, on signing out and on "Exit this page".

const PREFIX = 'heard.reviews.'

function storage () {
  try {
    const store = window.localStorage
    const probe = PREFIX + 'probe'
    store.setItem(probe, '1')
    store.removeItem(probe)
    return store
  } catch (error) {
    return null // private mode or storage switched off: the server copy still works
  }
}

function fieldsOf (form) {
  const fields = {}
  for (const element of form.elements) {
    if (!element.name || element.type === 'hidden' || element.type === 'submit' || element.name === 'csrf_token') continue
    if (element.type === 'radio' || element.type === 'checkbox') {
      if (!fields[element.name]) fields[element.name] = []
      if (element.checked) fields[element.name].push(element.value)
    } else {
      fields[element.name] = element.value
    }
  }
  return fields
}

function fill (form, fields) {
  for (const element of form.elements) {
    if (!element.name || !(element.name in fields)) continue
    const value = fields[element.name]
    if (element.type === 'radio' || element.type === 'checkbox') {
      element.checked = Array.isArray(value) && value.indexOf(element.value) !== -1
    } else if (element.type !== 'hidden' && element.type !== 'submit') {
      element.value = value
    }
  }
}

// Compared as the server saves them: line endings and outer spaces do not count.
function normalised (fields) {
  const result = {}
  Object.keys(fields || {}).sort().forEach((name) => {
    const value = fields[name]
    result[name] = typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : value
  })
  return result
}

function same (a, b) {
  return JSON.stringify(normalised(a)) === JSON.stringify(normalised(b))
}

function note (form, text) {
  if (!text) return
  let box = form.querySelector('.heard-draft-note')
  if (!box) {
    box = document.createElement('p')
    box.className = 'heard-draft-note'
    box.setAttribute('role', 'status')
    form.insertBefore(box, form.firstChild)
  }
  box.textContent = text
}

function clearAll (store, prefix) {
  const doomed = []
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i)
    if (key && key.indexOf(prefix) === 0) doomed.push(key)
  }
  doomed.forEach((key) => store.removeItem(key))
}

function keepDraft (store, form) {
  const key = PREFIX + form.getAttribute('data-heard-draft')
  const saved = form.getAttribute('data-heard-saved') || '0'
  const revision = form.querySelector('input[name="revision"]')
  const copy = (() => {
    try {
      return JSON.parse(store.getItem(key) || 'null')
    } catch (error) {
      return null
    }
  })()

  // What this device's words were typed against: the page's own versions, or a restored copy's.
  const base = { saved, revision: revision ? revision.value : null }
  if (copy && (same(copy.fields, fieldsOf(form)) || (!revision && copy.saved !== saved))) {
    store.removeItem(key) // nothing new here, or (for a form without revisions) the server has it
  } else if (copy) {
    fill(form, copy.fields)
    if (revision && copy.revision) {
      revision.value = copy.revision
      base.saved = copy.saved
      base.revision = copy.revision
    }
    const newer = revision && copy.saved !== saved
    note(form, form.getAttribute(newer ? 'data-heard-conflict-text' : 'data-heard-restored-text'))
  }

  let timer = null
  const save = () => {
    timer = null
    try {
      store.setItem(key, JSON.stringify({ saved: base.saved, revision: base.revision, fields: fieldsOf(form) }))
    } catch (error) {
      // storage full: the server copy is still saved on every step
    }
  }
  const soon = () => {
    if (timer) window.clearTimeout(timer)
    timer = window.setTimeout(save, 300)
  }
  form.addEventListener('input', soon)
  form.addEventListener('change', soon)

  form.addEventListener('submit', (event) => {
    save()
    if (navigator.onLine === false) {
      event.preventDefault()
      note(form, form.getAttribute('data-heard-offline-text'))
      const again = () => note(form, form.getAttribute('data-heard-online-text'))
      window.addEventListener('online', again, { once: true })
    }
  })
}

export function initReviews () {
  const store = storage()
  if (!store) return
  // The step this page follows was saved: this device's copy of it is no longer needed.
  document.querySelectorAll('[data-heard-stored]').forEach((element) => {
    store.removeItem(PREFIX + element.getAttribute('data-heard-stored'))
  })
  document.querySelectorAll('form[data-heard-draft]').forEach((form) => keepDraft(store, form))
  document.querySelectorAll('form[data-heard-clear]').forEach((form) => {
    form.addEventListener('submit', () => {
      if (navigator.onLine !== false) clearAll(store, PREFIX + form.getAttribute('data-heard-clear'))
    })
  })
  // Nothing of what they typed stays on a shared phone after signing out or a quick exit.
  document.querySelectorAll('.heard-header__form, .govuk-exit-this-page__button').forEach((element) => {
    element.addEventListener(element.tagName === 'FORM' ? 'submit' : 'click', () => clearAll(store, PREFIX))
  })
}
