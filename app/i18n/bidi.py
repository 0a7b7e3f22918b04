"""Names, job titles, numbers and addresses inside text of either direction.

A name or job title in Latin letters inside Arabic (or an Arabic name inside English) must be
isolated, or the bidi algorithm pulls the punctuation and words around it into it (",Social
worker", "Independent ,Grace Okafor Reviewing Officer"). Phone numbers, e-mail addresses,
usernames, codes and references always read left to right. Templates use these filters and
globals for every such value, also as placeholders: `_("Hi %(name)s", name=person.display_name|isolate)`.
"""
from __future__ import annotations

from markupsafe import Markup


def isolate(value) -> Markup:
    """A name or title of whatever direction, kept whole: <bdi>."""
    return Markup("<bdi>{}</bdi>").format(value if value is not None else "")


def ltr(value, *, nowrap: bool = True) -> Markup:
    """A number, code, reference, username or address: isolated, left to right, and (unless it may
    be too long for a phone, like an e-mail address) never broken across lines."""
    css = ' class="heard-nowrap"' if nowrap else ""
    # Reviewed: css is one of two constants, and format escapes the value.
    return Markup('<bdi dir="ltr"{}>{}</bdi>').format(Markup(css), value if value is not None else "")  # nosec B704


def phone_link(number: str) -> Markup:
    """A phone number to tap: left to right, whole on one line."""
    digits = "".join(ch for ch in str(number) if ch.isdigit() or ch == "+")
    return Markup('<a class="govuk-link heard-nowrap" href="tel:{}" dir="ltr">{}</a>').format(digits, number)


def email_link(address: str) -> Markup:
    return Markup('<a class="govuk-link" href="mailto:{}" dir="ltr">{}</a>').format(address, address)


def register(app) -> None:
    app.add_template_filter(isolate, "isolate")
    app.add_template_filter(ltr, "ltr")
    app.add_template_global(phone_link, "phone_link")
    app.add_template_global(email_link, "email_link")
