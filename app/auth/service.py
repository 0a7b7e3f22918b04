"""Sign-in rules as plain functions: codes, accounts, second factor, sign-out everywhere."""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta

import pyotp
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from .. import audit
from ..access import YOUNG_PERSON
from ..errors import RuleBroken
from ..extensions import db
from ..models_base import utcnow
from ..privacy.anonymous import day_of
from ..tenancy import all_councils
from . import sessions
from .models import INVITE, RESET, AccessCode, AccountNotice, User
from .passwords import hash_password, needs_rehash, password_problem, verify_password

# No 0/O, 1/I/L, 5/S, 2/Z: easy to read off a card and type on a phone.
CODE_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 8
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,29}$")
TOTP_ISSUER = "Heard"


# ---------------------------------------------------------------- one-time codes

def normalise_code(code: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", (code or "").upper())


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def code_key(secret: str) -> bytes:
    """The key for code hashes, derived from the app's secret (and used for nothing else)."""
    return hmac.new(secret.encode(), b"heard.access-code", hashlib.sha256).digest()


def keyed_code_hash(unkeyed: str, secret: str) -> str:
    """HMAC of the code's plain SHA-256. A code has only 27^8 values, so a plain hash in a leaked
    database is worked back in minutes; without the server's secret this one cannot be. Keying
    the old plain hash (rather than the code) let the migration convert codes already handed out."""
    return hmac.new(code_key(secret), unkeyed.encode(), hashlib.sha256).hexdigest()


def _hash_code(code: str) -> str:
    unkeyed = hashlib.sha256(normalise_code(code).encode()).hexdigest()
    return keyed_code_hash(unkeyed, current_app.config["SECRET_KEY"])


def issue_code(user: User, purpose: str, *, by: User | None, lifetime: timedelta) -> str:
    """Create a one-time code for `user`, revoking earlier unused ones. Returns it formatted.

    An invite is only for an account not yet set up: one that has a password is reset, never
    set up again, so nobody can use an invite to take it over. A reset code from staff ends the
    person's sessions and is shown to them when they next sign in."""
    if purpose == INVITE and user.has_account:
        raise RuleBroken(_l("%(name)s has already set up their account, so an invite cannot be made for it.", name=user.display_name))
    now = utcnow()
    for old in db.session.scalars(
        select(AccessCode).where(
            AccessCode.user_id == user.id,
            AccessCode.purpose == purpose,
            AccessCode.used_at.is_(None),
            AccessCode.revoked_at.is_(None),
        )
    ):
        old.revoked_at = now
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    db.session.add(
        AccessCode(
            authority_id=user.authority_id,
            user=user,
            purpose=purpose,
            code_hash=_hash_code(code),
            created_by_id=by.id if by else None,
            expires_at=now + lifetime,
        )
    )
    audit.record(f"code.{purpose}.issued", user, actor=by)
    if purpose == RESET and by is not None and by.id != user.id:
        staff_changed_account(user, RESET_CODE_GIVEN, by=by, reason=sessions.STAFF_RESET)
    return format_code(code)


def find_code(code: str, purpose: str) -> AccessCode | None:
    """A code that can still be used, or None."""
    if len(normalise_code(code)) != CODE_LENGTH:
        return None
    with all_councils():  # a code is typed before anyone knows which council it is from
        found = db.session.scalar(
            select(AccessCode)
            .options(joinedload(AccessCode.user))
            .where(AccessCode.code_hash == _hash_code(code), AccessCode.purpose == purpose)
        )
    return found if _usable(found, purpose) else None


def _usable(found: AccessCode | None, purpose: str) -> bool:
    if found is None or found.used_at or found.revoked_at or found.expires_at <= utcnow() or not found.user.active:
        return False
    # Set up since it was issued: an invite never replaces a password.
    return not (purpose == INVITE and found.user.has_account)


def usable_code(code_id, purpose: str) -> AccessCode | None:
    """A code checked earlier in this browser, by its id (kept so the code itself need not be)."""
    if not isinstance(code_id, int):
        return None
    with all_councils():  # the council is not known until the code is
        found = db.session.get(AccessCode, code_id)
        return found if found is not None and found.purpose == purpose and _usable(found, purpose) else None


# ---------------------------------------------------------------- accounts

def username_problem(username: str):
    if not USERNAME_RE.match(username):
        return _l("Use 3 to 30 letters a to z, numbers, dots, dashes or underscores, starting with a letter or number.")
    with all_councils():  # usernames sign in without naming a council, so they are unique across all
        taken = db.session.scalar(select(func.count()).select_from(User).where(func.lower(User.username) == username))
    if taken:
        return _l("Someone already has that username. Try another.")
    return None


def redeem_invite(code: str | AccessCode, *, username: str | None, password: str, language: str | None) -> User:
    """Set up an account from an invite code (typed, or found earlier by `usable_code`). Young
    people choose a username; staff use their email."""
    access = usable_code(code.id, INVITE) if isinstance(code, AccessCode) else find_code(code, INVITE)
    if access is None:
        raise RuleBroken(_l("That code does not work. Check it, or ask your worker for a new one."), "code")
    user = access.user
    if user.has_account:  # find_code says so too; this rule must hold however the code was found
        raise RuleBroken(_l("That code does not work. Check it, or ask your worker for a new one."), "code")
    if user.role == YOUNG_PERSON:
        username = (username or "").strip().lower()
        problem = username_problem(username)
        if problem:
            raise RuleBroken(problem, "username")
        user.username = username
    problem = password_problem(password, username=user.username, email=user.email)
    if problem:
        raise RuleBroken(problem, "password")
    user.password_hash = hash_password(password)
    if language:
        user.preferred_language = language
    access.used_at = utcnow()
    audit.record("account.set_up", user, actor=user)
    return user


def reset_password_with_code(code: str, password: str) -> User:
    access = find_code(code, RESET)
    if access is None:
        raise RuleBroken(_l("That code does not work. Check it, or ask your worker for a new one."), "code")
    user = access.user
    problem = password_problem(password, username=user.username, email=user.email)
    if problem:
        raise RuleBroken(problem, "password")
    user.password_hash = hash_password(password)
    sessions.end_all(user, sessions.PASSWORD_RESET)  # whoever knew the old password is signed out
    access.used_at = utcnow()
    audit.record("account.password_reset", user, actor=user, code_from=access.created_by_id)
    return user


def change_password(user: User, current: str, new: str) -> None:
    if not verify_password(user.password_hash, current):
        raise RuleBroken(_l("Your current password is not right."), "current_password")
    problem = password_problem(new, username=user.username, email=user.email)
    if problem:
        raise RuleBroken(problem, "new_password")
    user.password_hash = hash_password(new)
    # Signed out everywhere else; the person who just chose it stays signed in here.
    sessions.end_all(user, sessions.PASSWORD_CHANGED, keeping_current=True)
    audit.record("account.password_changed", user, actor=user)


def authenticate(identifier: str, password: str) -> User | None:
    """The active user with this username or email and password, or None (same time either way)."""
    identifier = (identifier or "").strip().lower()
    user = None
    if identifier:
        column = User.email if "@" in identifier else User.username
        with all_councils():  # sign-in names a person, not a council
            user = db.session.scalar(select(User).where(func.lower(column) == identifier))
    if not verify_password(user.password_hash if user else None, password or ""):
        return None
    if not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def sign_out_everywhere(user: User) -> None:
    sessions.end_all(user, sessions.EVERYWHERE)
    audit.record("account.signed_out_everywhere", user, actor=user)


def pending_mark(user: User) -> str:
    """What the cookie holds between the password and the authenticator code: the person, and a
    keyed digest of their password hash, so that a new password ends a sign-in half done too."""
    return f"{user.id}.{_pending_digest(user)}"


def _pending_digest(user: User) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"pending:{user.id}:{user.password_hash}".encode(), hashlib.sha256).hexdigest()


def pending_user(mark) -> User | None:
    """The active person a pending_mark names, if their password is still the one they gave."""
    ident, _, digest = str(mark or "").partition(".")
    if not ident.isdigit() or len(ident) > 12:
        return None
    with all_councils():  # half-way through signing in, to whichever council
        user = db.session.get(User, int(ident))
    if user is None or not user.active or user.password_hash is None:
        return None
    return user if hmac.compare_digest(digest, _pending_digest(user)) else None


def note_sign_in(user: User) -> None:
    # A young person's sign-in is kept to the day: a time to the second could be laid beside an
    # anonymous act (a safeguarding alert from survey words, say) and name them.
    young = user.is_young_person
    user.last_sign_in_at = day_of(utcnow()) if young else utcnow()
    audit.record("account.signed_in", user, actor=user, day_only=young)


# ---------------------------------------------------------------- second factor (staff)

def start_totp_enrolment(user: User) -> str:
    if user.totp_confirmed_at is None:
        user.totp_secret = user.totp_secret or pyotp.random_base32()
    return user.totp_secret


def totp_uri(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email or user.display_name, issuer_name=TOTP_ISSUER)


def check_totp(user: User, code: str, *, at: datetime | None = None) -> bool:
    """True for a current code not used before; a code is good for one sign-in only."""
    code = re.sub(r"\s", "", code or "")
    if not user.totp_secret or not re.fullmatch(r"\d{6}", code):
        return False
    totp = pyotp.TOTP(user.totp_secret)
    now = at or utcnow()
    for drift in (-1, 0, 1):
        moment = now + timedelta(seconds=30 * drift)
        step = int(moment.timestamp()) // 30
        if totp.at(int(moment.timestamp())) == code:
            if user.totp_last_step is not None and step <= user.totp_last_step:
                return False
            user.totp_last_step = step
            return True
    return False


def confirm_totp(user: User, code: str) -> bool:
    if check_totp(user, code):
        user.totp_confirmed_at = utcnow()
        audit.record("account.totp_enrolled", user, actor=user)
        return True
    return False


def reset_totp(user: User, *, by: User) -> None:
    user.totp_secret = None
    user.totp_confirmed_at = None
    user.totp_last_step = None
    audit.record("account.totp_reset", user, actor=by)
    staff_changed_account(user, SECOND_FACTOR_RESET, by=by, reason=sessions.SECOND_FACTOR_RESET)


# ---------------------------------------------------------------- changes made by staff

RESET_CODE_GIVEN = "reset_code"
SECOND_FACTOR_RESET = "second_factor_reset"

NOTICES = {
    RESET_CODE_GIVEN: _l("%(name)s gave you a code to choose a new password on %(day)s. If you did not ask for one, tell someone you trust."),
    SECOND_FACTOR_RESET: _l("%(name)s reset your authenticator app on %(day)s. If you did not ask for this, tell your council's Heard admin."),
}


def staff_changed_account(user: User, kind: str, *, by: User, reason: str) -> None:
    """Staff changed how `user` signs in: every session of theirs ends (whoever held one must sign
    in again), and they are told who did it, and when, at their next sign-in."""
    sessions.end_all(user, reason)
    db.session.add(AccountNotice(authority_id=user.authority_id, user_id=user.id, kind=kind, by_id=by.id, on=utcnow().date()))


def take_notices(user: User) -> list[str]:
    """What staff changed on this account since it last signed in, as sentences, oldest first;
    each is shown once."""
    from ..i18n.formatting import local_date

    found = db.session.scalars(
        select(AccountNotice).options(joinedload(AccountNotice.by))
        .where(AccountNotice.user_id == user.id).order_by(AccountNotice.id)
    ).all()
    messages = []
    for notice in found:
        name = notice.by.display_name if notice.by is not None else _l("Your council")
        messages.append(str(NOTICES[notice.kind] % {"name": name, "day": local_date(notice.on, "d MMMM")}))
        db.session.delete(notice)
    return messages
