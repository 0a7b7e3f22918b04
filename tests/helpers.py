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


class SignInFormOnPage:
    """The sign-in form on a page, as a browser would send it: its address and hidden inputs."""

    def __init__(self, response):
        from html.parser import HTMLParser

        form = self

        class Parser(HTMLParser):
            inside = False

            def handle_starttag(self, tag, attrs):
                attrs = dict(attrs)
                if tag == "form" and (attrs.get("action") or "").endswith("/sign-in"):
                    form.action, self.inside = attrs["action"], True
                elif tag == "input" and self.inside and attrs.get("type") == "hidden":
                    form.fields.append((attrs["name"], attrs.get("value") or ""))

            def handle_endtag(self, tag):
                if tag == "form":
                    self.inside = False

        self.action, self.fields = None, []
        Parser().feed(response.get_data(as_text=True))

    def carried(self) -> dict[str, list[str]]:
        """The hidden inputs other than the form's own CSRF token, by name."""
        fields: dict[str, list[str]] = {}
        for name, value in self.fields:
            if name != "csrf_token":
                fields.setdefault(name, []).append(value)
        return fields

    def submit(self, client, identifier: str, password: str):
        from werkzeug.datastructures import MultiDict

        assert self.action is not None, "the page has no sign-in form"
        return client.post(self.action, data=MultiDict([*self.fields, ("identifier", identifier), ("password", password)]))
