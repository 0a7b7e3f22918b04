"""Small helpers shared by tests."""
from __future__ import annotations

from flask import current_app
from flask_babel import force_locale, gettext
from markupsafe import escape


def translated(message: str, locale: str, **variables) -> str:
    """`message` as a page in `locale` shows it (translated, then HTML-escaped)."""
    with current_app.test_request_context(), force_locale(locale):
        return str(escape(gettext(message, **variables)))


def translated_parts(message: str, locale: str) -> list[str]:
    """The pieces of a translated message around its placeholders, for messages whose
    placeholders are filled with markup."""
    import re

    with current_app.test_request_context(), force_locale(locale):
        text = gettext(message)
    return [part for part in re.split(r"%\(\w+\)[sd]", text) if part.strip()]


def text_of(response) -> str:
    """What a reader would see in a response: a PDF's text through pdftotext where installed,
    anything else decoded as text."""
    if response.mimetype == "application/pdf":
        import shutil
        import subprocess

        if shutil.which("pdftotext"):
            return subprocess.run(["pdftotext", "-", "-"], input=response.data, capture_output=True, check=True).stdout.decode()
    return response.get_data().decode("utf-8", errors="replace")
