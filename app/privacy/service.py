"""Young people's data rights as plain functions: asking for a correction or a deletion, the
council answering within a month, and the subject-access export a council admin makes.

Who handles requests: the council's Heard admins (ADMIN), who are told by an email with no
personal content. Each request must be answered by `due_on`, one calendar month after it was
made; the list at /staff/data-requests shows what is due and what is late.
"""
from __future__ import annotations

import calendar
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from .. import audit
from ..access import ADMIN
from ..auth.models import User
from ..errors import RuleBroken
from ..extensions import db
from ..mail import link, queue_mail
from ..models_base import utcnow
from ..moderation import service as moderation
from ..tenancy import Authority
from . import erasure, inventory, retention
from .models import CORRECTION, DELETION, DONE, REQUEST_KINDS, WAITING, DataRequest

MAX_DETAILS = 2000


def one_month_after(day: date) -> date:
    """The same day next month, or its last day if it has no such day (31 January -> 28 February)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def ask(young_person: User, kind: str, details: str | None, *, close_account: bool = False, language: str = "en") -> DataRequest:
    """A young person's request. Their words are screened like any other: risk tells a person at once."""
    if kind not in REQUEST_KINDS:
        raise RuleBroken(_l("Choose what you want us to do"), field="kind")
    details = (details or "").strip() or None
    if kind == CORRECTION and not details:
        raise RuleBroken(_l("Tell us what is wrong and what it should say"), field="details")
    if details and len(details) > MAX_DETAILS:
        raise RuleBroken(_l("Write less than %(max)d characters", max=MAX_DETAILS), field="details")
    today = utcnow().date()
    request = DataRequest(authority_id=young_person.authority_id, young_person_id=young_person.id, kind=kind, details=details,
                          close_account=bool(close_account and kind == DELETION), status=WAITING, due_on=one_month_after(today))
    db.session.add(request)
    db.session.flush()
    if details:
        moderation.screen_private(authority_id=young_person.authority_id, young_person=young_person, text=details,
                                  language=language, source="privacy.request", source_id=request.id)
    admins = db.session.scalars(select(User.email).where(User.role == ADMIN, User.active.is_(True), User.email.is_not(None))).all()
    body = str(_l("A young person asked for their data to be corrected or deleted. Answer within one month, by %(due)s:",
                  due=request.due_on.isoformat()))
    queue_mail(list(admins), str(_l("Heard: a young person asked about their data")), f"{body}\n{link(f'/staff/data-requests/{request.id}')}\n",
               authority_id=young_person.authority_id, kind="privacy.request", about_id=request.id)
    audit.record("privacy.request_made", request, actor=young_person, kind=kind)
    return request


def waiting(authority_id: int) -> list[DataRequest]:
    return db.session.scalars(select(DataRequest).where(DataRequest.status == WAITING).order_by(DataRequest.due_on, DataRequest.id)).all()


def answered(authority_id: int, limit: int = 50) -> list[DataRequest]:
    return db.session.scalars(select(DataRequest).where(DataRequest.status == DONE).order_by(DataRequest.handled_at.desc()).limit(limit)).all()


def waiting_count(user: User) -> int | None:
    return db.session.scalar(select(func.count()).select_from(DataRequest).where(DataRequest.status == WAITING)) or None


def is_late(request: DataRequest, today: date | None = None) -> bool:
    return request.status == WAITING and (today or utcnow().date()) > request.due_on


def requests_of(young_person: User) -> list[DataRequest]:
    return db.session.scalars(select(DataRequest).where(DataRequest.young_person_id == young_person.id).order_by(DataRequest.created_at.desc())).all()


def complete(request: DataRequest, by: User, reply: str) -> erasure.Erasure | None:
    """Answer a request. A deletion deletes everything that can be, at once; the reply (written by
    staff, to the young person) goes with a list of what was kept and why."""
    if request.status == DONE:
        raise RuleBroken(_l("This request has already been answered"))
    reply = (reply or "").strip()
    if not reply:
        raise RuleBroken(_l("Write your answer to the young person"), field="reply")
    done = None
    if request.kind == DELETION:
        person = db.session.get(User, request.young_person_id)
        done = erasure.erase(person, close_account=request.close_account)
        request.outcome = {"deleted": done.deleted, "kept": done.kept}
    request.status = DONE
    request.reply = reply
    request.handled_at = utcnow()
    request.handled_by_id = by.id
    audit.record("privacy.request_completed", db.session.get(User, request.young_person_id), actor=by,
                 request=request.id, kind=request.kind, deleted=(done.total if done else None))
    return done


def subject_access_export(young_person: User, by: User) -> dict:
    """Everything held about a young person, with what staff wrote about them, for the council to
    check (for other people's details and anything that could cause serious harm) and give to
    them. Every export is in the audit log, and the young person sees it on "My data"."""
    sections = inventory.everything_about(young_person, staff_view=True)
    audit.record("privacy.subject_access_export", young_person, actor=by)
    return {
        "young_person": young_person.id,
        "made": utcnow().isoformat(timespec="seconds"),
        "made_by": by.display_name,
        "check_before_giving": "Remove other people's personal details, and anything the law lets the council withhold "
                               "(Data Protection Act 2018, schedule 3), before giving this to the young person.",
        "data": inventory.as_json(sections),
    }


def set_retention(authority_id: int, days: dict[str, int], *, by: User) -> dict[str, int]:
    """Save the council's retention periods (see `retention.set_periods`); a change is logged."""
    changed = retention.set_periods(authority_id, days)
    if changed:
        audit.record("privacy.retention_changed", db.session.get(Authority, authority_id), actor=by, days=changed)
    return changed
