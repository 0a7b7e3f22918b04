"""Helpers for pledge tests: a council with a published pledge and charter and an open round."""
from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from app.auth.models import CARE_LEAVER
from app.extensions import db
from app.models_base import utcnow

from .. import factories


@pytest.fixture
def council(db):
    authority = factories.authority(enabled_languages=["en", "ar", "fa"], contact_phone="0300 555 0100")
    c = SimpleNamespace(authority=authority)
    c.pledge = factories.pledge_version(authority, "in_care", themes=2, promises=2)
    c.charter = factories.pledge_version(authority, "care_leaver", themes=1, promises=3, title={"en": "Charter", "fa": "منشور"})
    c.round = factories.rating_round(authority)
    c.manager = factories.staff(authority, "manager")
    c.admin = factories.staff(authority, "council_admin")
    c.participation = factories.staff(authority, "participation_officer")
    c.child = factories.young_person(authority, age=13)
    c.leaver = factories.young_person(authority, age=19, care_status=CARE_LEAVER, preferred_language="fa")
    db.session.commit()
    return c


def young_people(authority, n, **fields):
    return [factories.young_person(authority, **fields) for _ in range(n)]


def past(days=1):
    return utcnow() - timedelta(days=days)
