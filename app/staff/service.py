"""Which young people a member of staff works with, and what they may do for them."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import or_, select

from ..access import ADMIN, IRO, WORKER, YOUNG_PERSON
from ..auth import service as auth_service
from ..auth.models import INVITE, RESET, User
from ..extensions import db


def allocated_young_people(staff: User) -> list[User]:
    """Young people allocated to this IRO or worker; a council admin sees the whole council."""
    stmt = select(User).where(User.role == YOUNG_PERSON, User.authority_id == staff.authority_id)
    if staff.role == IRO:
        stmt = stmt.where(User.iro_id == staff.id)
    elif staff.role == WORKER:
        stmt = stmt.where(User.worker_id == staff.id)
    elif staff.role != ADMIN:
        return []
    return list(db.session.scalars(stmt.order_by(User.display_name)))


def can_support(staff: User, young_person: User) -> bool:
    """May this member of staff see the young person's account and issue codes for them?"""
    if young_person.role != YOUNG_PERSON or young_person.authority_id != staff.authority_id:
        return False
    if staff.role == ADMIN:
        return True
    return (staff.role == IRO and young_person.iro_id == staff.id) or (
        staff.role == WORKER and young_person.worker_id == staff.id
    )


def issue_invite(young_person_or_staff: User, *, by: User) -> str:
    days = current_app.config["INVITE_DAYS"]
    return auth_service.issue_code(young_person_or_staff, INVITE, by=by, lifetime=timedelta(days=days))


def issue_reset(user: User, *, by: User) -> str:
    hours = current_app.config["RESET_CODE_HOURS"]
    return auth_service.issue_code(user, RESET, by=by, lifetime=timedelta(hours=hours))


def staff_choices(authority_id: int, role: str) -> list[tuple[str, str]]:
    people = db.session.scalars(
        select(User).where(User.authority_id == authority_id, User.role == role, User.active.is_(True)).order_by(User.display_name)
    )
    return [(str(p.id), p.display_name) for p in people]


def all_staff_choices(authority_id: int) -> list[tuple[str, str]]:
    """Every active member of staff of a council, with their role, for choosing a line manager."""
    people = db.session.scalars(
        select(User).where(User.authority_id == authority_id, User.role != YOUNG_PERSON, User.active.is_(True)).order_by(User.display_name)
    )
    return [(str(p.id), f"{p.display_name} ({p.role_label})") for p in people]


def search_filter(stmt, query: str | None):
    if query:
        like = f"%{query.strip()}%"
        stmt = stmt.where(or_(User.display_name.ilike(like), User.reference.ilike(like), User.username.ilike(like)))
    return stmt
