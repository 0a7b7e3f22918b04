"""Every shipped language is served: its pages come out translated, not only its catalogue complete.

Babel parses some of our codes to other CLDR names (kmr becomes ku_Latn_TR); a catalogue found
under neither name is silently replaced by English, so these tests read the pages themselves.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from markupsafe import escape

from app.glossary import service as glossary
from app.i18n.locales import LANGUAGES, html_lang

from .. import factories

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = [code for code in LANGUAGES if code != "en"]


@lru_cache(maxsize=None)
def catalogue(code: str):
    with (ROOT / "translations" / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=code)


def in_catalogue(code: str, msgid: str) -> str:
    return str(escape(catalogue(code)[msgid].string))


@pytest.mark.parametrize("code", SHIPPED)
def test_a_visitor_who_chooses_a_language_gets_the_sign_in_page_in_it(client, code):
    client.post("/language", data={"language": code})
    page = client.get("/sign-in").get_data(as_text=True)
    assert f'<html lang="{html_lang(code)}"' in page
    for msgid in ("Skip to main content", "Sign in"):
        assert in_catalogue(code, msgid) in page, f"{code}: {msgid!r} is not translated"


@pytest.mark.parametrize("code", SHIPPED)
def test_a_young_person_gets_help_in_their_own_language(sign_in, code):
    council = factories.authority()
    person = factories.young_person(council, preferred_language=code)
    client = sign_in(person)
    home = client.get("/my/").get_data(as_text=True)
    help_page = client.get("/my/help").get_data(as_text=True)
    assert in_catalogue(code, "Get help now") in home
    assert f"<h1 class=\"govuk-heading-l\">{in_catalogue(code, 'Get help now')}</h1>" in help_page


@pytest.mark.parametrize("code", SHIPPED)
def test_the_care_words_page_is_in_the_readers_language(client, code):
    client.post("/language", data={"language": code})
    page = client.get("/words").get_data(as_text=True)
    words = glossary.load(code)
    assert words is not None, f"no glossary for {code}"
    assert str(escape(words.terms["advocate"].word)) in page
    assert in_catalogue(code, "Words you may hear in care") in page
