// Views before reviews: keep a copy of what a young person types on their own phone, so a lost
// connection, a closed tab or a flat battery does not eat their words. Never talks to a server:
// the server copy is saved by each step's own form submit.
//
// Forms marked data-heard-draft="<draft id>-<step>" are copied into localStorage as they are typed,
// together with data-heard-saved (when the server last saved the draft). On the next visit, if the
// server has not saved anything since, the copy is put back and a note says so. When offline,
// sending is held back (the copy stays) until the connection returns.
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

function same (a, b) {
  return JSON.stringify(a) === JSON.stringify(b)
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
  const copy = (() => {
    try {
      return JSON.parse(store.getItem(key) || 'null')
    } catch (error) {
      return null
    }
  })()

  if (copy && copy.saved === saved && !same(copy.fields, fieldsOf(form))) {
    fill(form, copy.fields)
    note(form, form.getAttribute('data-heard-restored-text'))
  } else if (copy && copy.saved !== saved) {
    store.removeItem(key) // the server has saved since: its copy is the newer one
  }

  let timer = null
  const save = () => {
    timer = null
    try {
      store.setItem(key, JSON.stringify({ saved, fields: fieldsOf(form) }))
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
