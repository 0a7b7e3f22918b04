"""Sign-in rules as plain functions: codes, accounts, second factor, sign-out everywhere."""
from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

import pyotp
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
from .models import INVITE, RESET, AccessCode, User
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


def _hash_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def issue_code(user: User, purpose: str, *, by: User | None, lifetime: timedelta) -> str:
    """Create a one-time code for `user`, revoking earlier unused ones. Returns it formatted."""
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
    if found is None or found.used_at or found.revoked_at or found.expires_at <= utcnow():
        return None
    if not found.user.active:
        return None
    return found


# ---------------------------------------------------------------- accounts

def username_problem(username: str):
    if not USERNAME_RE.match(username):
        return _l("Use 3 to 30 letters a to z, numbers, dots, dashes or underscores, starting with a letter or number.")
    with all_councils():  # usernames sign in without naming a council, so they are unique across all
        taken = db.session.scalar(select(func.count()).select_from(User).where(func.lower(User.username) == username))
    if taken:
        return _l("Someone already has that username. Try another.")
    return None


def redeem_invite(code: str, *, username: str | None, password: str, language: str | None) -> User:
    """Set up an account from an invite code. Young people choose a username; staff use their email."""
    access = find_code(code, INVITE)
    if access is None:
        raise RuleBroken(_l("That code does not work. Check it, or ask your worker for a new one."), "code")
    user = access.user
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
    user.session_epoch += 1  # whoever knew the old password is signed out
    access.used_at = utcnow()
    audit.record("account.password_reset", user, actor=user)
    return user


def change_password(user: User, current: str, new: str) -> None:
    if not verify_password(user.password_hash, current):
        raise RuleBroken(_l("Your current password is not right."), "current_password")
    problem = password_problem(new, username=user.username, email=user.email)
    if problem:
        raise RuleBroken(problem, "new_password")
    user.password_hash = hash_password(new)
    user.session_epoch += 1
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
    user.session_epoch += 1
    audit.record("account.signed_out_everywhere", user, actor=user)


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
    user.session_epoch += 1
    audit.record("account.totp_reset", user, actor=by)
