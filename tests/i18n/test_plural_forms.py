"""Each catalogue's Plural-Forms header follows CLDR's plural rules for its language, as Babel has
them for catalogue headers (`babel.messages.plurals`, what `pybabel init` writes).

A wrong header picks the wrong form without any error: Tigrinya's `n != 1` called 0 "many", and
Persian's single form left no room for CLDR's two.
"""
from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from app.i18n.locales import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
LOCALES = [code for code in LANGUAGES if code != "en"]
NUMBERS = range(0, 1201)


def _catalogue(code: str):
    with (ROOT / "translations" / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=code)


def _header(catalogue) -> str:
    return dict(catalogue.mime_headers)["Plural-Forms"]


def _rule(plural_forms: str) -> tuple[int, object]:
    """(nplurals, the plural function) of a gettext Plural-Forms value."""
    parts = dict(part.strip().split("=", 1) for part in plural_forms.strip().rstrip(";").split(";"))
    return int(parts["nplurals"]), gettext.c2py(parts["plural"])


@pytest.mark.parametrize("code", LOCALES)
def test_plural_header_follows_cldr(code):
    catalogue = _catalogue(code)
    expected_count, expected = _rule(get_plural(code).plural_forms)
    count, rule = _rule(_header(catalogue))
    assert count == expected_count, f"{code}: nplurals={count}, CLDR has {expected_count} forms"
    wrong = [n for n in NUMBERS if rule(n) != expected(n)]
    assert not wrong, f"{code}: the header picks another form than CLDR for n in {wrong[:10]}"


@pytest.mark.parametrize("code", LOCALES)
def test_every_plural_message_has_one_text_per_form(code):
    catalogue = _catalogue(code)
    count, _rule_ = _rule(_header(catalogue))
    short = [m.id[0] for m in catalogue if m.pluralizable and m.string and len(m.string) != count]
    assert not short, f"{code}: plural messages without {count} forms: {short[:5]}"
