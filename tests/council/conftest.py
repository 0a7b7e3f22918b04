"""A council with a facilitator, a group and members, for the council tests."""
from types import SimpleNamespace

import pytest

from app.extensions import db as _db

from .. import factories


@pytest.fixture
def cicc(db):
    authority = factories.authority()
    officer = factories.staff(authority, "participation_officer", display_name="Megan Officer")
    group = factories.council_group(authority, name={"en": "Voice", "ps": "غږ"})
    members = [factories.young_person(authority, display_name=name) for name in ("Amira", "Jamal", "Sam")]
    for member in members:
        factories.council_member(group, member)
    outsider = factories.young_person(authority, display_name="Lily")
    _db.session.commit()
    return SimpleNamespace(authority=authority, officer=officer, group=group, members=members, outsider=outsider)

