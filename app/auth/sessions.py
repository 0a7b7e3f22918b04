"""Sign-in sessions the server can end, kept in the database (the why: see LoginSession).

The cookie carries a random token and nothing else about who is signed in. Each request loads
the person by that token's hash, joined to their session row, in one query; an ended row loads
nobody, so ending a row signs out every copy of the cookie, on every app server at once.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from functools import cache

from flask_login import current_user
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models_base import utcnow
from ..privacy.anonymous import day_of
from ..tenancy import all_councils
from .models import LoginSession, User

# Why a session ended, as kept in login_session.ended_reason.
SIGNED_OUT = "signed_out"
EVERYWHERE = "signed_out_everywhere"
IDLE = "idle"
PASSWORD_CHANGED = "password_changed"
PASSWORD_RESET = "password_reset"
STAFF_RESET = "staff_reset"
SECOND_FACTOR_RESET = "second_factor_reset"
SWITCHED_OFF = "switched_off"

# How stale a staff session's last_seen_at may be before a request writes it again: one write a
# few minutes, not one a request. A young person's is written once a day, as it holds only the day.
STAFF_SEEN_EVERY = timedelta(minutes=5)


def _digest(token: str) -> str:
    # 256 random bits need no key or salt: the hash only stops a copy of the table signing anyone in.
    return hashlib.sha256(token.encode()).hexdigest()


def moment_for(user: User, now: datetime | None = None) -> datetime:
    """When, as kept for this person: a young person's to the day (see note_sign_in)."""
    now = now or utcnow()
    return day_of(now) if user.is_young_person else now


def start(user: User) -> str:
    """Open a session for `user` and return its token, which `login_user` puts in the cookie."""
    token = secrets.token_urlsafe(32)
    now = moment_for(user)
    db.session.add(LoginSession(authority_id=user.authority_id, token_hash=_digest(token), user_id=user.id,
                                created_at=now, last_seen_at=now))
    user._login_token = token
    return token


@cache
def _signed_in_user():
    """Built once: this runs on every request. The council and the young person's IRO and worker
    come in the same query (every page shows the council, and a young person's home shows their
    people), and so does the session row that says whether this cookie is still good."""
    return (
        select(User, LoginSession)
        .join(LoginSession, LoginSession.user_id == User.id)
        .options(joinedload(User.authority), joinedload(User.iro), joinedload(User.worker))
        .where(LoginSession.token_hash == bindparam("token_hash"), LoginSession.ended_at.is_(None))
    )


def load(token: str) -> User | None:
    """The active person whose open session this token is, or None."""
    if not isinstance(token, str) or not token or len(token) > 100:
        return None
    with all_councils():  # whoever signed in, in whichever council
        row = db.session.execute(_signed_in_user(), {"token_hash": _digest(token)}).first()
    if row is None:
        return None
    user, login = row
    if not user.active:
        return None
    user._login_token = token
    user._login_session = login
    _note_seen(user, login)
    return user


def _note_seen(user: User, login: LoginSession) -> None:
    now = utcnow()
    seen = moment_for(user, now)
    stale = seen > login.last_seen_at if user.is_young_person else now - login.last_seen_at >= STAFF_SEEN_EVERY
    if stale:
        # On its own connection: a note that the session is in use is not part of what the request
        # does, and must neither wait for the request's commit nor be lost when a page only reads.
        table = LoginSession.__table__
        with db.engine.begin() as connection:
            connection.execute(update(table).where(table.c.id == login.id).values(last_seen_at=seen))


def end_current(reason: str) -> None:
    """End the session the current request was made with, if any (for every copy of its cookie)."""
    if not current_user.is_authenticated:
        return
    token = getattr(current_user._get_current_object(), "_login_token", None)
    if token:
        _end(current_user._get_current_object(), reason, LoginSession.token_hash == _digest(token))


def end_all(user: User, reason: str, *, keeping_current: bool = False) -> None:
    """End every open session of `user`; with `keeping_current`, all but the one this request
    was made with (a new password keeps the person who chose it signed in, here only)."""
    criteria = [LoginSession.user_id == user.id]
    token = getattr(user, "_login_token", None)
    if keeping_current and token:
        criteria.append(LoginSession.token_hash != _digest(token))
    _end(user, reason, *criteria)


def _end(user: User, reason: str, *criteria) -> None:
    with all_councils():
        db.session.execute(
            update(LoginSession)
            .where(LoginSession.ended_at.is_(None), *criteria)
            .values(ended_at=moment_for(user), ended_reason=reason),
            execution_options={"synchronize_session": False},
        )


def forget(user: User) -> None:
    """Delete every session row of `user` (erasure): ended or not, none of them is needed."""
    with all_councils():
        db.session.execute(LoginSession.__table__.delete().where(LoginSession.user_id == user.id))
