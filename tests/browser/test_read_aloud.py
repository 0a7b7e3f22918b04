"""Read aloud in Chromium: shown only where the device has a voice for the page's language.

Headless Debian Chromium has no voices of its own, so each test gives the page the voices it
needs by stubbing speechSynthesis before any script runs, and records what would be spoken.
"""
from __future__ import annotations

import json

from playwright.sync_api import expect

from app.glossary import service

from .conftest import assert_accessible, assert_no_horizontal_overflow

BUTTON = '[data-module="heard-read-aloud"]'


def _stub_speech(page, voices, *, late=False):
    """Replace the device's speech synthesis with one that has `voices` and records speak() calls.

    With late=True the voices arrive after the page has loaded, as on many phones.
    """
    page.add_init_script(
        """
        (() => {
          const voices = %s.map(([lang, name]) => ({ lang, name, voiceURI: name, default: false, localService: true }))
          let available = %s ? [] : voices
          window.__spoken = []
          window.__utterances = []
          window.__cancelled = 0
          window.__voicesArrive = () => { available = voices; speechSynthesis.onvoiceschanged && speechSynthesis.onvoiceschanged() }
          window.SpeechSynthesisUtterance = class { constructor (text) { this.text = text; this.voice = null; this.lang = '' } }
          speechSynthesis.getVoices = () => available
          speechSynthesis.speak = (u) => { window.__utterances.push(u); window.__spoken.push({ text: u.text, voice: u.voice && u.voice.name, lang: u.lang }) }
          speechSynthesis.cancel = () => { window.__cancelled += 1 }
        })()
        """
        % (json.dumps(voices), "true" if late else "false")
    )


def _choose_language(page, code):
    page.request.post("/language", form={"language": code})


def test_button_stays_hidden_without_a_voice_for_the_page_language(phone):
    _stub_speech(phone, [])
    phone.goto("/words")
    expect(phone.locator("body.js-enabled")).to_have_count(1)
    expect(phone.locator(BUTTON)).to_be_hidden()

    # An English voice does not make an Arabic page readable.
    other = phone.context.new_page()
    _stub_speech(other, [["en-GB", "English"]])
    _choose_language(other, "ar")
    other.goto("/words")
    expect(other.locator("html")).to_have_attribute("lang", "ar")
    expect(other.locator("body.js-enabled")).to_have_count(1)
    expect(other.locator(BUTTON)).to_be_hidden()


def test_chromium_without_voices_shows_no_button(phone):
    phone.goto("/words")
    expect(phone.locator("body.js-enabled")).to_have_count(1)
    languages = phone.evaluate("() => 'speechSynthesis' in window ? speechSynthesis.getVoices().map(v => v.lang) : []")
    if any(language.lower().startswith("en") for language in languages):  # a machine with an English voice
        expect(phone.locator(BUTTON)).to_be_visible()
    else:
        expect(phone.locator(BUTTON)).to_be_hidden()


def test_arabic_page_is_read_with_the_arabic_voice_and_can_be_stopped(phone):
    _stub_speech(phone, [["en-GB", "English"], ["ar-SA", "Maged"]])
    _choose_language(phone, "ar")
    phone.goto("/words")
    button = phone.locator(BUTTON)
    expect(button).to_be_visible()
    start, stop = button.get_attribute("data-label-start"), button.get_attribute("data-label-stop")
    expect(button).to_have_text(start)
    assert_accessible(phone)
    assert_no_horizontal_overflow(phone)

    button.click()
    expect(button).to_have_text(stop)
    spoken = phone.evaluate("() => window.__spoken")
    assert spoken and all(line["voice"] == "Maged" and line["lang"] == "ar-SA" for line in spoken)
    text = "\n".join(line["text"] for line in spoken)
    arabic = service.load("ar").terms
    assert arabic["pathway-plan"].word in text and arabic["advocate"].explanation in text
    assert phone.locator("h1").inner_text() in text
    # Nothing outside the main content, and nothing marked to be skipped (the language list).
    assert "Soomaali" not in text and "Heard never shares" not in text
    assert spoken[0]["text"] == phone.locator("h1").inner_text()

    button.click()  # stop
    expect(button).to_have_text(start)
    assert phone.evaluate("() => window.__cancelled") >= 2  # once before reading, once to stop

    button.click()  # read again, and let it finish: the button goes back by itself
    expect(button).to_have_text(stop)
    phone.evaluate("() => window.__utterances[window.__utterances.length - 1].onend()")
    expect(button).to_have_text(start)


def test_voices_that_arrive_late_and_match_the_primary_language_show_the_button(phone):
    _stub_speech(phone, [["fa-IR", "Dariush"]], late=True)
    _choose_language(phone, "fa_AF")
    phone.goto("/words")
    expect(phone.locator("html")).to_have_attribute("lang", "fa-AF")
    expect(phone.locator("body.js-enabled")).to_have_count(1)
    expect(phone.locator(BUTTON)).to_be_hidden()
    phone.evaluate("() => window.__voicesArrive()")
    expect(phone.locator(BUTTON)).to_be_visible()
    phone.locator(BUTTON).click()
    assert phone.evaluate("() => window.__spoken[0].voice") == "Dariush"
