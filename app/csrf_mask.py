"""CSRF tokens masked afresh in every response, against BREACH.

Heard compresses its pages (`app/serving.py`). BREACH recovers a secret from a compressed page
that also reflects text an attacker can choose (a search box, a form shown again with what was
typed): each guess that matches part of the secret compresses a little better, and the response
gets a byte shorter. Flask-WTF puts the same session secret in every page, so it is such a
target. Here a page never shows that secret as it is: each time a template asks for a token it
gets the secret XOR-ed with a fresh random pad, sent with the pad (as Django does). No two
responses share the secret's bytes, so there is nothing to guess byte by byte. On a POST the pad
is taken off, the secret is compared with the session's, and Flask-WTF's own check then runs on
the session's signed token.
"""
from __future__ import annotations

import base64
import binascii
import hmac
import secrets

from flask import current_app, session
from flask_wtf.csrf import CSRFProtect, generate_csrf

PREFIX = "m."


def _xor(data: bytes, pad: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(data, pad, strict=True))


def _session_secret() -> str | None:
    return session.get(current_app.config["WTF_CSRF_FIELD_NAME"])


def masked_csrf_token() -> str:
    """What templates call as `csrf_token()`: the session's secret, masked for this one use."""
    generate_csrf()  # makes the session's secret if there is none yet
    raw = bytes.fromhex(_session_secret())  # Flask-WTF's secret is a SHA-1 hex digest
    pad = secrets.token_bytes(len(raw))
    return PREFIX + base64.urlsafe_b64encode(pad + _xor(raw, pad)).decode().rstrip("=")


def unmask(value: str | None) -> str | None:
    """The session's signed token if `value` is a masking of its secret; otherwise `value` as it
    is, for Flask-WTF to judge (a token from a page rendered before masking is still accepted)."""
    if not value or not value.startswith(PREFIX):
        return value
    body = value[len(PREFIX):]
    try:
        data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        return None
    half = len(data) // 2
    expected = _session_secret()
    if not half or len(data) % 2 or not expected:
        return None
    if not hmac.compare_digest(_xor(data[half:], data[:half]).hex(), expected):
        return None
    return generate_csrf()


class MaskedCSRFProtect(CSRFProtect):
    """Flask-WTF's CSRF protection, with tokens masked in pages and unmasked when checked."""

    def init_app(self, app):
        super().init_app(app)
        app.jinja_env.globals["csrf_token"] = masked_csrf_token
        # Registered after Flask-WTF's, so templates get the masked token.
        app.context_processor(lambda: {"csrf_token": masked_csrf_token})

    def _get_csrf_token(self):
        return unmask(super()._get_csrf_token())
