"""Limits on guessing passwords and authenticator codes that nobody can turn against a young person.

Young people choose first names as usernames, so anyone can type one. If every wrong password
counted against the account, a classmate could lock a child out of Heard from any phone. So, as
OWASP's "device cookies" advise:

- a phone that signs in to an account is given a signed cookie naming that account;
- wrong guesses from phones without one count against the account for such phones only, and
  enough of them stop untrusted phones guessing for a while;
- a phone holding one counts against its own cookie: it can be slowed down alone, and a lock on
  untrusted phones never reaches it.

Staff authenticator codes are counted the same way, per account, from whatever address.
The counters live in the limiter's store (Redis in production), so every app server counts
together. Accounts are named in counters and cookies by a keyed hash, never by username.
"""
from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import time
from dataclasses import dataclass

from flask import current_app, request
from itsdangerous import BadData, URLSafeTimedSerializer
from limits import RateLimitItem, parse_many

from ..extensions import limiter

DEVICE_COOKIE = "heard_device"
COOKIE_PATH = "/sign-in"  # sent with the sign-in and code pages only
MAX_ACCOUNTS = 8  # a tablet shared at a meeting stays trusted for a few young people
SIGN_IN = "SIGN_IN"  # passwords
CODE = "CODE"  # authenticator codes


def account_of(identifier: str | None) -> str:
    """The account a username or email names, as a keyed hash: the same for every spelling that
    signs in (case, spaces), whether or not the account exists."""
    name = (identifier or "").strip().lower()
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"account:" + name.encode(), hashlib.sha256).hexdigest()[:32]


def accounts_of(user) -> list[str]:
    return [account_of(name) for name in (user.username, user.email) if name]


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="heard-device-cookie")


def _max_age() -> int:
    return current_app.config["DEVICE_COOKIE_DAYS"] * 24 * 3600


def _trusted() -> dict[str, str]:
    """The accounts this phone is trusted for, each with the cookie's own number for it."""
    raw = request.cookies.get(DEVICE_COOKIE)
    if not raw:
        return {}
    try:
        value = _serializer().loads(raw, max_age=_max_age())
    except BadData:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items()}


@dataclass(frozen=True)
class _Counter:
    limits: list[RateLimitItem]
    key: tuple[str, ...]


def _counter(kind: str, accounts: list[str]) -> _Counter:
    trusted = _trusted()
    for account in accounts:
        if account in trusted:
            return _Counter(parse_many(current_app.config[f"{kind}_DEVICE_LIMIT"]), (kind, "device", account, trusted[account]))
    return _Counter(parse_many(current_app.config[f"{kind}_ACCOUNT_LIMIT"]), (kind, "account", accounts[0]))


def wait_before_guessing(kind: str, accounts: list[str]) -> int:
    """Seconds before this phone may guess again at the account; 0 when it may guess now."""
    if not limiter.enabled or not accounts:
        return 0
    counter = _counter(kind, accounts)
    strategy = limiter.limiter
    waits = [
        strategy.get_window_stats(item, *counter.key).reset_time - time.time()
        for item in counter.limits
        if not strategy.test(item, *counter.key)
    ]
    return max(1, math.ceil(max(waits))) if waits else 0


def wrong_guess(kind: str, accounts: list[str]) -> None:
    if not limiter.enabled or not accounts:
        return
    counter = _counter(kind, accounts)
    for item in counter.limits:
        limiter.limiter.hit(item, *counter.key)


def trust_this_device(response, user) -> None:
    """After a full sign-in: this phone is trusted for the account, with a fresh number, so any
    lock on its old number is left behind with it."""
    trusted = _trusted()
    for account in accounts_of(user):
        trusted.pop(account, None)
        trusted[account] = secrets.token_urlsafe(12)
    kept = dict(list(trusted.items())[-MAX_ACCOUNTS:])
    response.set_cookie(
        DEVICE_COOKIE,
        _serializer().dumps(kept),
        max_age=_max_age(),
        path=COOKIE_PATH,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
