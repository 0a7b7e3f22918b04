"""The interface languages Heard ships, named in their own words, and how one is chosen."""
from __future__ import annotations

from functools import lru_cache

from babel import Locale
from flask import g, has_request_context, request, session
from flask_babel import get_locale, refresh
from flask_login import current_user

# Order: English first, then the languages most often spoken by unaccompanied children in care.
# Names are written in each language itself, so a child can find theirs without reading English.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "ar": "العربية",
    "ps": "پښتو",
    "fa_AF": "دری",
    "fa": "فارسی",
    "ckb": "کوردی (سۆرانی)",
    "ti": "ትግርኛ",
    "am": "አማርኛ",
    "sq": "Shqip",
    "vi": "Tiếng Việt",
    "kmr": "Kurmancî",
    "so": "Soomaali",
}
RTL = frozenset({"ar", "ps", "fa_AF", "fa", "ckb"})
SESSION_KEY = "lang"
HINT_KEY = "reader_language"


def is_supported(code: str | None) -> bool:
    return code in LANGUAGES


def direction(code: str) -> str:
    return "rtl" if code in RTL else "ltr"


def html_lang(code: str) -> str:
    """BCP 47 for the lang attribute: fa_AF becomes fa-AF."""
    return code.replace("_", "-")


def language_name(code: str | None) -> str:
    return LANGUAGES.get(code or "", code or "")


@lru_cache(maxsize=None)
def language_of(locale: Locale | str) -> str:
    """Heard's code for a Babel locale. Babel names some of our languages differently (it parses
    "kmr" to "ku_Latn_TR"), and catalogues, glossaries and content are filed under our codes."""
    name = str(locale)
    if name in LANGUAGES:
        return name
    for code in LANGUAGES:
        if str(Locale.parse(code)) == name:
            return code
    return name


def current_language(default: str = "en") -> str:
    """The interface language of this request (or of a `force_locale` block), as Heard names it."""
    locale = get_locale()
    return language_of(locale) if locale is not None else default


def speak_to(code: str | None) -> None:
    """This page is for someone whose language is known (a child opening their invite card's link,
    or setting up the account their worker made): speak it, unless the visitor chose a language
    on this phone. English, every account's default, says nothing about the reader."""
    if is_supported(code) and code != "en":
        g.setdefault(HINT_KEY, code)
        refresh()  # the locale may already have been looked up for this request


def select_locale() -> str:
    """The user's saved setting, then an explicit choice this session, then what the page knows
    of its reader (`speak_to`), then the browser's."""
    if not has_request_context():
        return "en"  # the command line and background jobs speak English
    user_language = getattr(current_user, "preferred_language", None) if current_user else None
    if is_supported(user_language):
        return user_language
    chosen = session.get(SESSION_KEY)
    if is_supported(chosen):
        return chosen
    hinted = g.get(HINT_KEY)
    if is_supported(hinted):
        return hinted
    best = request.accept_languages.best_match([code.replace("_", "-") for code in LANGUAGES] + list(LANGUAGES))
    if best:
        best = best.replace("-", "_")
        if is_supported(best):
            return best
    return "en"
