"""The glossary page (/words) and care_word(), the link features put on a care word."""
from __future__ import annotations

from flask import render_template, request, url_for
from markupsafe import Markup

from ..access import PUBLIC, allow
from ..i18n.locales import current_language, direction, html_lang
from . import bp, service


@bp.route("/words")
@allow(PUBLIC)
def words():
    reader = service.glossary_language(current_language())
    requested = request.args.get("lang", "").strip()
    # ?lang=xx shows another language's words beside the English ones, e.g. for a child with a
    # worker who reads English, or a child whose interface is in English but who reads Dari.
    other = requested if service.supported(requested) and service.load(requested) else None
    language = other or reader
    glossary = service.load(language)
    return render_template(
        "glossary/words.html",
        entries=service.entries(language),
        language=language,
        language_lang=html_lang(language),
        language_dir=direction(language),
        side_by_side=other is not None and other != "en",
        needs_review=language != "en" and glossary is not None and glossary.needs_native_review,
        unknown_language=bool(requested) and other is None,
        glossary_languages=service.GLOSSARY_LANGUAGES,
    )


def care_word(key: str, text: str | None = None) -> Markup:
    """A link from a care word to its explanation: care_word("advocate") or care_word("iro", "your IRO").

    Without text the link shows the word in the reader's language. An unknown key is a mistake
    in a template, so it fails loudly in tests rather than linking nowhere.
    """
    if key not in service.TERMS:
        raise KeyError(f"{key!r} is not a term in the care-words glossary")
    if text is None:
        word = service.term(key, service.glossary_language(current_language()))
        return Markup('<a class="govuk-link heard-care-word" href="{}" lang="{}">{}</a>').format(
            url_for("glossary.words", _anchor=key), html_lang(word.language), word.text
        )
    return Markup('<a class="govuk-link heard-care-word" href="{}">{}</a>').format(
        url_for("glossary.words", _anchor=key), text
    )
