"""The care-words glossary: shipped data, one JSON file per language in data/.

Each file holds {"language", "needs_native_review", "terms": {key: {"word", "explanation"}}}.
The glossary is content, not interface text: it is not in the gettext catalogues, so a
translator can improve one language's file without touching the code.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..access import IRO
from ..auth.models import CARE_LEAVER
from ..i18n.content import Localised
from ..i18n.locales import LANGUAGES

DATA_DIR = Path(__file__).parent / "data"

# The glossary is offered in every interface language; Kurmanji and Somali are listed
# here as well so the glossary never waits for their interface catalogues.
GLOSSARY_LANGUAGES: dict[str, str] = {**LANGUAGES, "kmr": "Kurmancî", "so": "Soomaali"}

# Every term, in the order the page lists them. Keys are the anchors on /words (/words#pathway-plan).
TERMS: tuple[str, ...] = (
    "in-care",
    "care-plan",
    "review",
    "iro",
    "social-worker",
    "advocate",
    "placement",
    "foster-carer",
    "childrens-home",
    "supported-accommodation",
    "family-time",
    "care-order",
    "section-20",
    "corporate-parent",
    "pledge",
    "children-in-care-council",
    "leaving-care",
    "care-leaver",
    "personal-adviser",
    "pathway-plan",
    "staying-put",
    "local-offer",
    "interpreter",
    "safeguarding",
    "complaint",
    "consent",
    "uasc",
    "home-office",
    "asylum-claim",
    "age-assessment",
)


@dataclass(frozen=True)
class Term:
    key: str
    word: str
    explanation: str


@dataclass(frozen=True)
class Glossary:
    language: str
    needs_native_review: bool
    terms: dict[str, Term]


@dataclass(frozen=True)
class Entry:
    """One term as a page shows it: in the chosen language (or English), with the English beside it."""

    key: str
    word: Localised
    explanation: Localised
    english: Term


def supported(code: str | None) -> bool:
    return code in GLOSSARY_LANGUAGES


@lru_cache(maxsize=None)
def load(language: str) -> Glossary | None:
    """The glossary file for a language, or None if there is none."""
    if not supported(language):
        return None
    path = DATA_DIR / f"{language}.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    terms = {
        key: Term(key, (value.get("word") or "").strip(), (value.get("explanation") or "").strip())
        for key, value in data.get("terms", {}).items()
    }
    return Glossary(language, bool(data.get("needs_native_review", True)), terms)


def glossary_language(locale: str | None) -> str:
    """The glossary to show for a reader's language: theirs, its primary language, or English."""
    for code in (locale, (locale or "").split("_")[0]):
        if code and load(code) is not None:
            return code
    return "en"


def term(key: str, language: str) -> Localised:
    """The word for `key` in `language`, falling back to English."""
    return _pick(key, language, "word")


def entries(language: str) -> list[Entry]:
    """Every term for a language, each falling back to English on its own where it is missing."""
    english = load("en")
    return [
        Entry(key, _pick(key, language, "word"), _pick(key, language, "explanation"), english.terms[key])
        for key in TERMS
    ]


def missing_terms(language: str) -> list[str]:
    """Terms a language's file does not have yet (word or explanation empty)."""
    glossary = load(language)
    have = glossary.terms if glossary else {}
    return [key for key in TERMS if not (key in have and have[key].word and have[key].explanation)]


def _pick(key: str, language: str, field: str) -> Localised:
    if key not in TERMS:
        raise KeyError(f"{key!r} is not a term in the care-words glossary")
    for code in (language, "en"):
        glossary = load(code)
        found = glossary.terms.get(key) if glossary else None
        if found and found.word and found.explanation:
            return Localised(getattr(found, field), code, code != language)
    raise KeyError(f"the English glossary has no {key!r}")


def job_term(person, young_person) -> str:
    """The care word for a member of staff's job, as it is to this young person: their IRO, or
    their personal adviser once they have left care, otherwise their social worker."""
    if person.role == IRO:
        return "iro"
    return "personal-adviser" if young_person.care_status == CARE_LEAVER else "social-worker"
