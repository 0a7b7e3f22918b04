"""The glossary data: every term in every language, written out, and honest about review."""
from __future__ import annotations

import json

import pytest

from app.glossary import service
from app.i18n.locales import LANGUAGES, RTL

LANGUAGE_CODES = list(service.GLOSSARY_LANGUAGES)


def test_glossary_offers_every_interface_language_plus_kurmanji_and_somali():
    assert set(LANGUAGES) <= set(service.GLOSSARY_LANGUAGES)
    assert service.GLOSSARY_LANGUAGES["kmr"] == "Kurmancî"
    assert service.GLOSSARY_LANGUAGES["so"] == "Soomaali"
    assert len(service.GLOSSARY_LANGUAGES) >= 12


def test_the_words_the_issue_names_are_all_terms():
    for key in (
        "review", "iro", "social-worker", "personal-adviser", "pathway-plan", "care-plan", "advocate",
        "care-order", "section-20", "leaving-care", "care-leaver", "foster-carer", "childrens-home",
        "placement", "supported-accommodation", "staying-put", "local-offer", "pledge",
        "children-in-care-council", "corporate-parent", "family-time", "interpreter", "safeguarding",
        "uasc", "age-assessment", "home-office", "asylum-claim", "complaint", "consent",
    ):
        assert key in service.TERMS
    assert len(set(service.TERMS)) == len(service.TERMS)


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_every_term_is_written_out_in_every_language(language):
    glossary = service.load(language)
    assert glossary is not None, f"no glossary file for {language}"
    assert service.missing_terms(language) == []
    for key in service.TERMS:
        term = glossary.terms[key]
        assert term.word.strip() and term.explanation.strip(), (language, key)
        # Short and plain: a young reader gets a few sentences, not a page.
        assert len(term.explanation) < 400, (language, key)
    assert set(glossary.terms) == set(service.TERMS), f"{language} has terms the page does not list"


@pytest.mark.parametrize("language", [code for code in LANGUAGE_CODES if code != "en"])
def test_every_translation_says_it_still_needs_a_native_speakers_review(language):
    raw = json.loads((service.DATA_DIR / f"{language}.json").read_text(encoding="utf-8"))
    assert raw["language"] == language
    assert raw["needs_native_review"] is True
    assert service.load(language).needs_native_review


@pytest.mark.parametrize("language", [code for code in LANGUAGE_CODES if code != "en"])
def test_translations_are_not_english_copied_across(language):
    english = service.load("en").terms
    translated = service.load(language).terms
    same = [key for key in service.TERMS if translated[key].explanation == english[key].explanation]
    assert same == []


@pytest.mark.parametrize("language", sorted(RTL))
def test_right_to_left_glossaries_are_written_in_arabic_script(language):
    text = " ".join(term.explanation for term in service.load(language).terms.values())
    arabic_letters = sum(1 for char in text if "\u0600" <= char <= "\u06ff")
    assert arabic_letters > len(text) / 2


def test_a_missing_term_falls_back_to_english_on_its_own(tmp_path, monkeypatch):
    for code in ("en", "so"):
        (tmp_path / f"{code}.json").write_text((service.DATA_DIR / f"{code}.json").read_text(encoding="utf-8"), encoding="utf-8")
    partial = json.loads((tmp_path / "so.json").read_text(encoding="utf-8"))
    del partial["terms"]["pathway-plan"]
    partial["terms"]["advocate"]["explanation"] = " "
    (tmp_path / "so.json").write_text(json.dumps(partial, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(service, "DATA_DIR", tmp_path)
    service.load.cache_clear()
    try:
        assert service.missing_terms("so") == ["advocate", "pathway-plan"]
        entries = {entry.key: entry for entry in service.entries("so")}
        assert entries["pathway-plan"].word.text == "Pathway plan"
        assert entries["pathway-plan"].word.fallback and entries["pathway-plan"].word.language == "en"
        assert entries["advocate"].explanation.fallback
        assert entries["review"].word.text == "Dib-u-eegis" and not entries["review"].word.fallback
    finally:
        service.load.cache_clear()


def test_a_language_without_a_glossary_reads_the_english_one():
    assert service.glossary_language("de") == "en"
    assert service.glossary_language("fa_AF") == "fa_AF"
    assert service.glossary_language("ar_EG") == "ar"
    assert not service.supported("../en")
    assert service.load("../en") is None


def test_unknown_term_is_a_mistake():
    with pytest.raises(KeyError):
        service.term("no-such-word", "en")
