// Read aloud: the young person's page read out by the device's own speech synthesis.
//
// The button ([data-module="heard-read-aloud"]) is rendered hidden. It is shown only where the
// browser can speak and has a voice for the page's language (<html lang>, or the same primary
// language: a "fa" voice for "fa-AF"). Nothing is sent anywhere: the words never leave the device.
//
// Pressing it reads #main-content, line by line, leaving out anything marked
// data-read-aloud="skip" and text meant only for screen readers (.govuk-visually-hidden), which
// would otherwise be read twice. Pressing it again stops. Leaving the page (including "Exit this
// page") stops the voice at once.

// While this class is on <html>, the stylesheet hides what is not read, so innerText leaves it out.
const MEASURING = 'heard-read-aloud-measuring'

function normalise (code) {
  return (code || '').toLowerCase().replace(/_/g, '-')
}

// The device's voice for the page language: an exact match first, then the same primary language.
function voiceFor (voices, lang) {
  const primary = lang.split('-')[0]
  return (
    voices.find((voice) => normalise(voice.lang) === lang) ||
    voices.find((voice) => normalise(voice.lang).split('-')[0] === primary) ||
    null
  )
}

function linesOf (main) {
  const root = document.documentElement
  root.classList.add(MEASURING)
  // innerText follows the layout (one line per block) and leaves out what is not displayed.
  // The class comes off in the same task, so the page never paints without those parts.
  const text = main.innerText
  root.classList.remove(MEASURING)
  return text.split(/\n+/).map((line) => line.trim()).filter(Boolean)
}

export function initReadAloud () {
  const button = document.querySelector('[data-module="heard-read-aloud"]')
  const main = document.getElementById('main-content')
  const synth = window.speechSynthesis
  const Utterance = window.SpeechSynthesisUtterance
  if (!button || !main || !synth || typeof Utterance !== 'function') return

  const lang = normalise(document.documentElement.lang) || 'en'
  const labels = { start: button.dataset.labelStart, stop: button.dataset.labelStop }
  const label = button.querySelector('.heard-read-aloud__label') || button
  let voice = null
  let reading = false

  function show (speaking) {
    reading = speaking
    label.textContent = speaking ? labels.stop : labels.start
    button.classList.toggle('heard-read-aloud--reading', speaking)
  }

  function findVoice () {
    voice = voiceFor(synth.getVoices() || [], lang)
    button.hidden = !voice
    if (!voice && reading) stop()
  }

  function stop () {
    synth.cancel()
    show(false)
  }

  function read () {
    synth.cancel()
    const lines = linesOf(main)
    if (!lines.length) return
    show(true)
    lines.forEach((line, index) => {
      // One utterance per line: natural pauses, and no single long utterance for a browser to cut off.
      const utterance = new Utterance(line)
      utterance.voice = voice
      utterance.lang = voice.lang
      if (index === lines.length - 1) {
        utterance.onend = () => show(false)
      }
      utterance.onerror = () => show(false)
      synth.speak(utterance)
    })
  }

  button.addEventListener('click', () => (reading ? stop() : read()))
  window.addEventListener('pagehide', () => synth.cancel())

  // Voices often arrive after the page loads.
  synth.onvoiceschanged = findVoice
  findVoice()
}
