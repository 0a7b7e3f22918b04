"""One-time survey codes: made, written and checked here. Only hashes are ever stored.

A code is 12 characters from an alphabet with no look-alikes (no 0/O, 1/I/L, 5/S, 2/Z), shown
in three groups of four. About 57 bits: guessing one is hopeless, and sign-in style rate limits
apply on top.
"""
from __future__ import annotations

import hashlib
import secrets

ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
LENGTH = 12


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(raw: str | None) -> str:
    """What a person typed, as the code it must be: case, spaces and dashes do not matter."""
    text = (raw or "").upper()
    for wrong, right in (("O", "0"), ("I", "1"), ("L", "1"), ("S", "5"), ("Z", "2")):
        text = text.replace(wrong, right)  # makes a misread letter fail cleanly, never match another
    return "".join(ch for ch in text if ch.isalnum())


def is_well_formed(code: str) -> bool:
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)


def pretty(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def code_hash(code: str) -> str:
    """The code's row in survey_code."""
    return hashlib.sha256(f"survey-code:{code}".encode()).hexdigest()


def code_ref(code: str) -> str:
    """Every draft of a code, in whichever browser: so the others can go when one is sent."""
    return hashlib.sha256(f"survey-draft:{code}".encode()).hexdigest()


def draft_key_for_code(code: str, browser_key: str) -> str:
    """The draft of a code in one browser: needs the code *and* that browser's random key, so
    another browser with the same code finds nothing, and the server cannot make it alone."""
    return hashlib.sha256(f"survey-draft:{code}:browser:{browser_key}".encode()).hexdigest()


def draft_key_for_person(device_key: str, wave_id: int) -> str:
    """The draft of a signed-in young person: a hash of a random key only their browser holds
    (never of who they are, which anyone with the database and SECRET_KEY could hash again)."""
    return hashlib.sha256(f"survey-draft:device:{device_key}:wave:{wave_id}".encode()).hexdigest()
