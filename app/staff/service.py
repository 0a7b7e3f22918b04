"""Which young people a member of staff works with, and what they may do for them."""
from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from .. import audit
from ..access import ADMIN, IRO, STAFF_ROLES, WORKER, YOUNG_PERSON
from ..auth import service as auth_service
from ..auth.models import INVITE, RESET, User
from ..extensions import db
from ..pagination import Page, contains, paginate, paginate_list, search_text
from ..tenancy import for_council, get_or_404


def _allocated(staff: User):
    stmt = select(User).where(User.role == YOUNG_PERSON)
    if staff.role == IRO:
        return stmt.where(User.iro_id == staff.id)
    if staff.role == WORKER:
        return stmt.where(User.worker_id == staff.id)
    return stmt if staff.role == ADMIN else None


def allocated_young_people(staff: User) -> list[User]:
    """Young people allocated to this IRO or worker; a council admin sees the whole council."""
    stmt = _allocated(staff)
    return [] if stmt is None else list(db.session.scalars(stmt.order_by(User.display_name, User.id)))


def young_people_page(staff: User, *, search: str = "", page: int | str | None = 1) -> Page[User]:
    """A page of the young people this member of staff supports, found by name, reference or
    username."""
    stmt = _allocated(staff)
    if stmt is None:
        return paginate_list([], page)
    return paginate(search_filter(stmt, search).order_by(User.display_name, User.id), page)


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


@for_council
def staff_choices(authority_id: int, role: str) -> list[tuple[str, str]]:
    people = db.session.scalars(
        select(User).where(User.role == role, User.active.is_(True)).order_by(User.display_name)
    )
    return [(str(p.id), p.display_name) for p in people]


@for_council
def all_staff_choices(authority_id: int) -> list[tuple[str, str]]:
    """Every active member of staff of a council, with their role, for choosing a line manager."""
    people = db.session.scalars(
        select(User).where(User.role != YOUNG_PERSON, User.active.is_(True)).order_by(User.display_name)
    )
    return [(str(p.id), f"{p.display_name} ({p.role_label})") for p in people]


def search_filter(stmt, query: str | None):
    query = search_text(query)
    if query:
        stmt = stmt.where(or_(contains(User.display_name, query), contains(User.reference, query), contains(User.username, query)))
    return stmt


def people_pages(query: str | None, young_page, staff_page) -> tuple[Page[User], Page[User]]:
    """The council's young people and its staff, each a page in name order, found by `query`."""
    young = search_filter(select(User).options(joinedload(User.iro), joinedload(User.worker)).where(User.role == YOUNG_PERSON), query)
    staff = search_filter(select(User).where(User.role.in_(STAFF_ROLES)), query)
    return paginate(young.order_by(User.display_name, User.id), young_page), paginate(staff.order_by(User.display_name, User.id), staff_page)


def open_young_person(person_id: int, staff: User) -> User:
    """A young person's record for staff who support them (404 for anyone else), the read logged."""
    person = get_or_404(User, person_id)
    if not can_support(staff, person):
        abort(404)
    audit.record("young_person.viewed", person)
    return person


def staff_addresses() -> set[str]:
    """The email addresses of the council's staff."""
    return set(db.session.scalars(select(User.email).where(User.role.in_(STAFF_ROLES), User.email.is_not(None))))
