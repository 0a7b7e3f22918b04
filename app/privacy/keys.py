"""Keys that only a young person's own browser holds.

Wherever Heard must let a young person find an anonymous row again (to change a vote, a rating or
an answer in progress) the row holds the hash of a random key, and the key itself lives only in
that young person's browser session. The server never stores the key and cannot make it from
anything it holds (not from their id, not from SECRET_KEY), so whoever holds the database, the
logs and the secret still cannot tell which row is theirs. A session forged with SECRET_KEY
starts with no keys.

What this costs, said plainly on the pages: a vote, rating or survey in progress can be changed
or carried on only from the browser where it was given, until the young person signs out; the
key (and with it any way back to the row) is deleted when the question, round or wave closes.

The keys belong to the person signed in when they were made: another person signing in on the
same browser starts with none. Signing out clears the session, keys and all.
"""
from __future__ import annotations

import hashlib
import secrets

from flask import session
from flask_login import current_user

SESSION_KEY = "device_keys"
MAX_KEYS = 40  # a session cookie must stay small; the oldest key goes first


def _owner() -> str:
    return current_user.get_id() if current_user.is_authenticated else ""


def device_key(purpose: str, *, create: bool = True) -> str | None:
    """This browser's random key for `purpose` (e.g. "poll:12"), made on first use if `create`."""
    store = session.get(SESSION_KEY) or {}
    if store.get("o") != _owner():
        store = {"o": _owner(), "k": {}}
    keys = dict(store.get("k") or {})
    key = keys.get(purpose)
    if key is None and create:
        key = secrets.token_urlsafe(16)  # 128 random bits
        keys[purpose] = key
        while len(keys) > MAX_KEYS:
            keys.pop(next(iter(keys)))
        session[SESSION_KEY] = {"o": _owner(), "k": keys}
    return key


def forget(purpose: str) -> None:
    store = session.get(SESSION_KEY) or {}
    keys = dict(store.get("k") or {})
    if keys.pop(purpose, None) is not None:
        session[SESSION_KEY] = {"o": store.get("o", ""), "k": keys}


def key_hash(purpose: str, key: str) -> str:
    """What the server keeps of a key: a one-way hash, useless without the key itself."""
    return hashlib.sha256(f"heard:{purpose}:{key}".encode()).hexdigest()
