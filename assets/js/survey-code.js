// A survey card's QR code carries the code after "#" in its link. Browsers never send that part
// to the server, so the code is in no server log. This fills the code box from it and wipes it
// from the address bar and the history. Without JavaScript the code on the card is typed.
export function initSurveyCode () {
  const form = document.querySelector('form[data-survey-code]')
  const hash = window.location.hash.slice(1)
  if (!form || !hash) return
  const input = form.querySelector('input[name="code"]')
  let code = ''
  try {
    code = decodeURIComponent(hash).replace(/[^A-Za-z0-9-]/g, '').slice(0, 20)
  } catch (error) {
    code = ''
  }
  window.history.replaceState(null, '', window.location.pathname)
  if (!input || !code) return
  input.value = code
  const button = form.querySelector('button')
  if (button) button.focus()
}
