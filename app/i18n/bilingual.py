"""A part of a page in a child's language with English beside it.

An invite card goes home with a child who may read their own language best, to a carer or worker
who may read only English; the card and the pages of joining say the same in both. Each part is one
template rendered once per language, so both versions are the same words, translated as one.
"""
from __future__ import annotations

from flask import render_template
from flask_babel import force_locale
from markupsafe import Markup

from .locales import current_language, direction, html_lang, is_supported


def render_in(language: str, template_name: str, **context) -> Markup:
    """`template_name` rendered in `language`, whatever the page around it speaks."""
    with force_locale(language):
        # Reviewed: the output of an autoescaped Jinja template.
        return Markup(render_template(template_name, **context))  # nosec B704


def language_for(person) -> str:
    """The language to print for a person: theirs when it is known, else the page's."""
    known = getattr(person, "preferred_language", None)
    return known if is_supported(known) else current_language()


def lang_attributes(language: str) -> Markup:
    """lang and dir for an element in another language than the page's."""
    return Markup('lang="{}" dir="{}"').format(html_lang(language), direction(language))


def register(app) -> None:
    app.add_template_global(render_in, "render_in")
    app.add_template_global(lang_attributes, "lang_attributes")
