"""Survey texts address every child the way TRANSLATIONS.md promises for their language.

Tigrinya speaks to the reader in the plural and Amharic in the polite form, so that no child is
addressed as a boy; Pashto and Dari use the informal "you", as the rest of the app does. Each
check looks for the forms a translator is most likely to slip back into.
"""
from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from app.surveys.definitions import DATA, texts

WORD = re.compile(r"[^\s።፡፣፤፥፦?!.,:;؟،«»()]+")

# Second person singular masculine endings: Tigrinya -ካ/-ኻ ("you", "your"), with the question
# particle -ዶ after them; imperatives such as ምረጽ ("choose", to a boy) instead of ምረጹ.
TIGRINYA_MASCULINE = re.compile(r"(ካ|ኻ)(ዶ)?$|^(ምረጽ|ኣይትጽሓፍ|ኣለኻ|ኢኻ)$")
# Amharic -ህ/-ሃ/-ክ endings ("your", "you" to a boy), ትፈልጋለህ-type verbs, and ምረጥ ("choose").
AMHARIC_MASCULINE = re.compile(r"(?<!^ል)(ህ|ሃል|ሃለ|ክ|ለህ|ሃቸው|ህን)$|^(ምረጥ|አትጻፍ|አንተ|ያንተ|ካንተ|ለአንተ|ነህ)$")
# Pashto formal "you": تاسو, ستاسو and the second person plural verb endings -ئ / -ئ?
PASHTO_FORMAL = re.compile(r"^(تاسو|ستاسو|یاست|وئ|شئ)$|ئ$")
# Dari formal "you": شما, the second person plural verb ending -ید (می‌خواهید, دارید) and the
# plural possessive -تان (زندگی‌تان).
DARI_FORMAL = re.compile(r"^(شما|شماست)$|(ید|یدش)$|(\u200cتان|کتان|یتان|رتان)$")


def _offending(locale: str, pattern: re.Pattern[str]) -> list[str]:
    found = []
    for key, text in texts().items():
        for word in WORD.findall(text.get(locale, "")):
            if pattern.search(word):
                found.append(f"{key}: {word}")
    return found


@pytest.mark.parametrize(
    ("locale", "pattern"),
    [("ti", TIGRINYA_MASCULINE), ("am", AMHARIC_MASCULINE), ("ps", PASHTO_FORMAL), ("fa_AF", DARI_FORMAL)],
    ids=["ti", "am", "ps", "fa_AF"],
)
def test_survey_texts_address_the_child_as_the_language_table_says(locale, pattern):
    assert _offending(locale, pattern) == []


def test_the_pattern_catches_the_forms_it_is_for():
    # A check that cannot fail proves nothing: each pattern finds the form it names.
    assert TIGRINYA_MASCULINE.search("ትደሊዶ") is None and TIGRINYA_MASCULINE.search("ኣሎካዶ")
    assert AMHARIC_MASCULINE.search("ስምህን") and not AMHARIC_MASCULINE.search("ስምዎን")
    assert PASHTO_FORMAL.search("وټاکئ") and not PASHTO_FORMAL.search("وټاکه")
    assert DARI_FORMAL.search("می‌خواهید") and not DARI_FORMAL.search("می‌خواهی")


def test_surveys_in_pashto_and_dari_use_the_digits_typed_on_every_phone():
    for key, text in texts().items():
        for locale in ("ps", "fa_AF"):
            assert not re.search(r"[۰-۹٠-٩]", text.get(locale, "")), f"{locale} {key}: {text[locale]}"


def test_somali_says_three_random_words_not_three_different_words():
    path = DATA.parents[2] / "translations" / "so" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale="so")
    checked = 0
    for message in catalogue:
        if isinstance(message.id, str) and "random words" in message.id:
            assert "kala duwan" not in message.string, message.id
            assert "kadis" in message.string, message.id
            checked += 1
        if isinstance(message.id, str) and re.search(r"\badvocate\b", message.id) and message.string:
            assert "u-doode" in message.string.lower() or "u-dood" in message.string.lower(), message.id
    assert checked >= 3
