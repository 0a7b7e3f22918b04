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


def browser_key(client, purpose: str) -> str | None:
    """The random key a test browser keeps in its session for `purpose` (app/privacy/keys.py)."""
    with client.session_transaction() as session:
        return ((session.get("device_keys") or {}).get("k") or {}).get(purpose)


def text_of(response) -> str:
    """What a reader would see in a response: a PDF's text through pdftotext where installed,
    anything else decoded as text."""
    if response.mimetype == "application/pdf":
        import shutil
        import subprocess

        if shutil.which("pdftotext"):
            return subprocess.run(["pdftotext", "-", "-"], input=response.data, capture_output=True, check=True).stdout.decode()
    return response.get_data().decode("utf-8", errors="replace")


def session_token(user) -> str:
    """A new, saved sign-in session for `user`: the token a browser's cookie holds after signing in."""
    from app.auth import sessions
    from app.extensions import db

    token = sessions.start(user)
    db.session.commit()
    return token
