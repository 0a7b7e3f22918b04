"""Password rules in the NCSC style: length over complexity, and no common passwords."""
from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l

MIN_LENGTH = 8
MAX_LENGTH = 128

_hasher = PasswordHasher()  # Argon2id with the library's current recommended parameters
# Verified against when an account does not exist, so timing does not reveal which ones do.
_DUMMY_HASH = _hasher.hash("not a real password, only used for timing")


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        _safe_verify(_DUMMY_HASH, password)
        return False
    return _safe_verify(password_hash, password)


def _safe_verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def password_problem(password: str, *, username: str | None = None, email: str | None = None):
    """The first thing wrong with a new password, as a translatable message, or None."""
    if len(password) < MIN_LENGTH:
        return _l("Your password needs at least %(n)d characters. Three random words work well.", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _l("Your password can have up to %(n)d characters.", n=MAX_LENGTH)
    lowered = password.lower()
    if lowered in _common_passwords() or lowered.strip("0123456789!") in _common_passwords():
        return _l("That password is too common and easy to guess. Try three random words.")
    for own in (username, (email or "").split("@")[0]):
        if own and len(own) >= 3 and own.lower() in lowered:
            return _l("Your password cannot contain your username.")
    return None
