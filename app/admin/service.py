"""Council admin: creating and updating people and the council's settings."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import audit
from ..access import STAFF_ROLES, YOUNG_PERSON
from ..auth import sessions as login_sessions
from ..auth.models import User
from ..errors import RuleBroken
from ..extensions import db
from ..models_base import utcnow
from ..tenancy import for_council


def _allocation(authority_id: int, user_id, role: str) -> int | None:
    if not user_id:
        return None
    person = db.session.get(User, int(user_id))
    if person is None or person.authority_id != authority_id or person.role != role:
        return None
    return person.id


def _set_active(person: User, created: bool, fields: dict) -> None:
    """New accounts start switched on; switching one off signs it out everywhere."""
    if created:
        person.active = True
    elif "active" in fields and person.active != bool(fields["active"]):
        person.active = bool(fields["active"])
        person.deactivated_at = None if person.active else utcnow()
        if not person.active:
            login_sessions.end_all(person, login_sessions.SWITCHED_OFF)


@for_council
def save_young_person(person: User | None, *, authority_id: int, by: User, **fields) -> User:
    reference = (fields.get("reference") or "").strip() or None
    if reference:
        clash = db.session.scalar(
            select(User).where(User.reference == reference, User.id != (person.id if person else -1))
        )
        if clash:
            raise RuleBroken(_l("Another young person already has that reference"), "reference")
    created = person is None
    if created:
        person = User(authority_id=authority_id, role=YOUNG_PERSON)
        db.session.add(person)
    person.display_name = fields["display_name"].strip()
    person.reference = reference
    person.date_of_birth = fields["date_of_birth"]
    person.care_status = fields["care_status"]
    if "placement" in fields:
        person.placement = (fields.get("placement") or "").strip() or None
    if "phone" in fields:
        person.phone = (fields.get("phone") or "").strip() or None
    person.preferred_language = fields.get("preferred_language") or person.preferred_language
    person.iro_id = _allocation(authority_id, fields.get("iro_id"), "iro")
    person.worker_id = _allocation(authority_id, fields.get("worker_id"), "worker")
    _set_active(person, created, fields)
    db.session.flush()
    audit.record("young_person.created" if created else "young_person.updated", person, actor=by)
    return person


def _line_manager(authority_id: int, person: User, user_id) -> int | None:
    """Any active member of staff of the same council, but not themselves."""
    if not user_id:
        return None
    manager = db.session.get(User, int(user_id))
    if manager is None or manager.authority_id != authority_id or not manager.is_staff or manager is person:
        raise RuleBroken(_l("Choose a line manager from your council's staff"), "line_manager_id")
    return manager.id


def save_staff(person: User | None, *, authority_id: int, by: User, **fields) -> User:
    email = fields["email"].strip().lower()
    clash = db.session.scalar(
        select(User).where(User.email == email, User.id != (person.id if person else -1)),
        execution_options={"all_authorities": True},
    )
    if clash:
        raise RuleBroken(_l("Someone already uses that email address"), "email")
    if fields["role"] not in STAFF_ROLES:
        raise RuleBroken(_l("Choose a role"), "role")
    created = person is None
    if created:
        person = User(authority_id=authority_id)
        db.session.add(person)
    person.display_name = fields["display_name"].strip()
    person.email = email
    person.role = fields["role"]
    person.job_title = (fields.get("job_title") or "").strip() or None
    person.work_phone = (fields.get("work_phone") or "").strip() or None
    person.line_manager_id = _line_manager(authority_id, person, fields.get("line_manager_id"))
    _set_active(person, created, fields)
    db.session.flush()
    audit.record("staff.created" if created else "staff.updated", person, actor=by, role=person.role)
    return person


def settings_changed(authority) -> None:
    """The council's own settings were changed (the caller filled them in): logged."""
    audit.record("authority.settings_changed", authority)
