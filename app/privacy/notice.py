"""The privacy notice in three layers, and which one a reader starts with.

- "pictures": one screen of pictures with a sentence each, for children under 8 (read with an adult);
- "short": the same in a few short paragraphs, for 8 to 12;
- "full": everything, for 13 and over and for staff.

Every layer links to the others, so anyone can read more or less. The periods in it are the
council's own (app/privacy/retention.py) when the reader is signed in, and the defaults otherwise.
"""
from __future__ import annotations

from ..auth.models import User, age_on
from ..models_base import utcnow
from . import retention

PICTURES = "pictures"
SHORT = "short"
FULL = "full"
LAYERS = (PICTURES, SHORT, FULL)

ICO_PHONE = "0303 123 1113"
ICO_COMPLAINTS = "https://ico.org.uk/make-a-complaint/"


def layer_for(user: User | None) -> str:
    """Pictures under 8, short for 8 to 12, full for 13 and over and for staff. A visitor who is
    not signed in (perhaps a child at the sign-in page) starts with the short one."""
    if user is None:
        return SHORT
    if user.is_staff or user.date_of_birth is None:
        return FULL if user.is_staff else SHORT
    age = age_on(user.date_of_birth, utcnow().date())
    return PICTURES if age < 8 else SHORT if age <= 12 else FULL


def context(authority) -> dict:
    periods = retention.periods(authority.id if authority else None)
    return {
        "council": authority,
        "periods": {key: retention.describe(days) for key, days in periods.items()},
        "schedule": retention.SCHEDULE,
        "ico_phone": ICO_PHONE,
        "ico_url": ICO_COMPLAINTS,
    }
