"""Council-authored content in several languages, with English (or the council default) as fallback.

Content is stored as a JSON mapping of locale to text, e.g. {"en": "...", "ar": "..."}; the
`TranslatedText` column type and `localise()` are all a feature needs.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import JSON

from .locales import current_language


def TranslatedText():  # noqa: N802  (reads like a column type)
    return JSON


@dataclass(frozen=True)
class Localised:
    text: str
    language: str
    fallback: bool  # True when shown in another language than the reader's

    def __str__(self) -> str:
        return self.text


def localise(value: dict | None, locale: str | None = None, default: str = "en") -> Localised:
    """The reader's language if the content has it, else the default, else any language it has."""
    value = value or {}
    locale = locale or current_language(default)
    for code in (locale, locale.split("_")[0], default, "en"):
        if value.get(code):
            return Localised(value[code], code, code != locale)
    for code, text in value.items():
        if text:
            return Localised(text, code, code != locale)
    return Localised("", default, False)


def missing_languages(value: dict | None, enabled: list[str]) -> list[str]:
    """Enabled languages this content has not been translated into yet."""
    value = value or {}
    return [code for code in enabled if not (value.get(code) or "").strip()]
