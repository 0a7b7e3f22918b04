"""Every interface catalogue is complete for the current source, with placeholders intact.

The source is extracted afresh (as `make translations` does), so a new string anywhere fails
this test until every language has it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app.i18n.locales import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2)}
METHODS = [("app/**.py", "python"), ("templates/**.html", "jinja2")]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]")
LOCALES = [code for code in LANGUAGES if code != "en"]


@lru_cache(maxsize=1)
def source_messages() -> dict[str, str | None]:
    """msgid -> msgid_plural (or None), for every translatable string in the code."""
    messages: dict[str, str | None] = {}
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=METHODS, keywords=KEYWORDS, options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    ):
        if isinstance(message, tuple):
            messages[message[0]] = message[1]
        elif message:
            messages.setdefault(message, None)
    return messages


def _placeholders(text: str) -> list[str]:
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text))


def test_the_source_has_strings_to_translate():
    assert len(source_messages()) > 100


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_is_complete_and_placeholders_are_intact(locale):
    path = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    assert path.exists(), f"no catalogue for {locale}"
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=locale)
    assert not catalogue.fuzzy, f"{locale}: the catalogue header is marked fuzzy, so it would not be compiled"
    problems = []
    for msgid, plural in source_messages().items():
        message = catalogue.get(msgid)
        if message is None:
            problems.append(f"missing: {msgid!r}")
            continue
        if message.fuzzy:
            problems.append(f"fuzzy: {msgid!r}")
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if not all(strings):
            problems.append(f"untranslated: {msgid!r}")
            continue
        expected = _placeholders(msgid)
        for string in strings:
            # Plural forms may leave out the count (e.g. "one"), but never invent or rename one.
            got = _placeholders(string)
            if plural is None and got != expected:
                problems.append(f"placeholders differ in {msgid!r}: {got} != {expected}")
            elif plural is not None and not set(got) <= set(expected) | set(_placeholders(plural)):
                problems.append(f"placeholders differ in {msgid!r}: {got}")
    assert problems == [], f"{locale}: {len(problems)} problems, first: {problems[:10]}"
