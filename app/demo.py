"""The demo council: invented people and content, written by us, for trying Heard out.

Features add their own sample content by registering a loader with `hooks.demo_loader` in their
hooks.py; each loader receives the demo council and a dict of the people created here.
"""
from __future__ import annotations

from datetime import date

import pyotp

from . import hooks
from .access import ADMIN, COMPLAINTS, IRO, MANAGER, PARTICIPATION, SAFEGUARDING, WORKER, YOUNG_PERSON
from .auth.models import CARE_LEAVER, IN_CARE, User
from .auth.passwords import hash_password
from .extensions import db
from .models_base import utcnow
from .tenancy import Authority, acting_for

DEMO_SLUG = "northmoor"
DEMO_PASSWORD = "demo river lantern"

def _years_ago(years: int, month: int = 3, day: int = 14) -> date:
    today = date.today()
    return date(today.year - years, month, day)


STAFF = [
    ("iro", IRO, "Grace Okafor", "grace.okafor@northmoor.example", "Independent Reviewing Officer"),
    ("worker", WORKER, "Daniel Hughes", "daniel.hughes@northmoor.example", "Social worker"),
    ("adviser", WORKER, "Priya Shah", "priya.shah@northmoor.example", "Personal adviser"),
    ("participation", PARTICIPATION, "Megan Lloyd", "megan.lloyd@northmoor.example", "Participation officer"),
    ("safeguarding", SAFEGUARDING, "Tom Brennan", "tom.brennan@northmoor.example", "Safeguarding lead"),
    ("manager", MANAGER, "Helen Ward", "helen.ward@northmoor.example", "Head of service, children in care"),
    ("admin", ADMIN, "Sunil Mehta", "sunil.mehta@northmoor.example", "Heard system owner"),
    ("complaints", COMPLAINTS, "Ruth Adeyemi", "ruth.adeyemi@northmoor.example", "Children's complaints officer"),
]
# Who manages whom: told when a young person's message or call-back waits too long.
LINE_MANAGERS = {"worker": "manager", "adviser": "manager", "iro": "manager"}

YOUNG_PEOPLE = [
    # key, name, username, age, status, language, worker key
    ("amira", "Amira", "amira", 14, IN_CARE, "ar", "worker"),
    ("jamal", "Jamal", "jamal", 16, IN_CARE, "ps", "worker"),
    ("lily", "Lily", "lily", 9, IN_CARE, "en", "worker"),
    ("sam", "Sam", "sam", 19, CARE_LEAVER, "en", "adviser"),
    ("yonas", "Yonas", "yonas", 17, IN_CARE, "ti", "worker"),
    ("mia", "Mia", None, 6, IN_CARE, "en", "worker"),  # no account yet: invite her
]


def named_people():
    """A condition for the demo's named people: every role's sign-in, and the young people whose
    stories the demo tells (not the many invented ones behind its figures)."""
    from sqlalchemy import or_

    emails = [email for *_, email, _title in STAFF]
    usernames = [username for _key, _name, username, *_ in YOUNG_PEOPLE if username]
    references = [f"NM-{1000 + number}" for number in range(1, len(YOUNG_PEOPLE) + 1)]
    return or_(User.email.in_(emails), User.username.in_(usernames), User.reference.in_(references))


def load_demo() -> dict[str, User]:
    """Create the demo council and everything in it, acting for that council throughout."""
    authority = Authority(
        name="Northmoor Council",
        slug=DEMO_SLUG,
        default_language="en",
        enabled_languages=["en", "ar", "ps", "fa_AF", "fa", "ti", "sq"],
        out_of_hours_phone="0300 555 0199",
        out_of_hours_email="emergency.duty@northmoor.example",
        contact_phone="0300 555 0100",
        contact_email="childrens.services@northmoor.example",
        advocacy_phone="0300 555 0142",
        is_demo=True,
    )
    db.session.add(authority)
    db.session.flush()
    with acting_for(authority):
        people = _load(authority)
        db.session.commit()
    return people


def _load(authority: Authority) -> dict[str, User]:
    password_hash = hash_password(DEMO_PASSWORD)
    people: dict[str, User] = {}
    for key, role, name, email, title in STAFF:
        people[key] = User(
            authority=authority,
            role=role,
            display_name=name,
            email=email,
            job_title=title,
            work_phone="0300 555 0123",
            password_hash=password_hash,
            totp_secret=pyotp.random_base32(),
            totp_confirmed_at=utcnow(),
        )
    for number, (key, name, username, age, status, language, worker) in enumerate(YOUNG_PEOPLE, start=1):
        people[key] = User(
            authority=authority,
            role=YOUNG_PERSON,
            display_name=name,
            username=username,
            password_hash=password_hash if username else None,
            reference=f"NM-{1000 + number}",
            date_of_birth=_years_ago(age, month=1 + number, day=10 + number),
            care_status=status,
            preferred_language=language,
            iro=people["iro"],
            worker=people[worker],
        )
    for key, manager in LINE_MANAGERS.items():
        people[key].line_manager = people[manager]
    db.session.add_all(people.values())
    db.session.flush()
    for loader in hooks.demo_loaders:
        loader(authority, people)
    return people
