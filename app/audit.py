"""Who did what to which record, and when. Views call `record()`; nothing is ever updated.

Each event also notes the young person whose record it was (`subject_id`), where there is one, so
a council admin can see everything done to one young person's records and a young person can see
who has read theirs."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import JSON, ForeignKey, Index, Integer, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from .access import STAFF_ROLES, YOUNG_PERSON
from .extensions import db
from .models_base import AuthorityOwned, UTCDateTime, utcnow
from .pagination import paginate
from .privacy.anonymous import day_of
from .tenancy import for_council

if TYPE_CHECKING:
    from .auth.models import User


class AuditEvent(AuthorityOwned, db.Model):
    # The audit view: a council's events, newest first, a page at a time.
    __table_args__ = (Index("ix_audit_event_authority_id_at", "authority_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("user.id"), index=True)
    action: Mapped[str] = mapped_column(String(80), index=True)
    target_type: Mapped[str | None] = mapped_column(String(60))
    target_id: Mapped[int | None] = mapped_column(Integer)
    subject_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("user.id"), index=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


# Pass as `actor` where no person may be linked to the event, not even whoever is signed in
# (anonymous survey answers, for one). Such an event is also kept only to the day: a time to the
# second could be laid beside someone's sign-in and name them all the same.
ANONYMOUS = object()


# Records written by a young person, whose `author_id` is theirs (None where anonymous).
AUTHORED_BY_YOUNG_PEOPLE = frozenset({"ModerationItem", "Idea", "MeetingQuestion"})


def subject_of(target) -> int | None:
    """The young person whose record `target` is, if any."""
    if target is None:
        return None
    if getattr(target, "__tablename__", None) == "user":
        return target.id if target.role == YOUNG_PERSON else None
    found = getattr(target, "young_person_id", None)
    if found is None and type(target).__name__ in AUTHORED_BY_YOUNG_PEOPLE:
        found = target.author_id
    if found is None and getattr(target, "submission", None) is not None:  # a wish, an addition
        found = getattr(target.submission, "young_person_id", None)
    return found


def record(action: str, target=None, *, authority_id: int | None = None, actor=None, subject=None, day_only: bool = False,
           **detail) -> AuditEvent:
    """Add an audit event to the session; the caller's commit saves it with the change itself.
    `subject` names the young person concerned where the target does not say; `day_only` keeps the
    time to the day (young people's sign-ins: see auth.service)."""
    if actor is ANONYMOUS:
        actor = None
        day_only = True
    elif actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    if authority_id is None:
        authority_id = getattr(target, "authority_id", None) or getattr(actor, "authority_id", None)
    event = AuditEvent(
        at=day_of(utcnow()) if day_only else utcnow(),
        authority_id=authority_id,
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=type(target).__name__ if target is not None else None,
        target_id=getattr(target, "id", None),
        subject_id=getattr(subject, "id", subject) if subject is not None else subject_of(target),
        detail={k: v for k, v in detail.items() if v is not None},
    )
    db.session.add(event)
    return event


# --- reading the log ---------------------------------------------------------------------------

# Staff opening a young person's own things: what "who has read my things" shows them.
READ_ACTIONS = ("views.read", "views.printed", "views.pdf_downloaded", "review.viewed", "young_person.viewed")


@for_council
def events(authority_id: int, *, actor_id: int | None = None, subject_id: int | None = None, action: str | None = None, page=1):
    """One page of the council's audit log, newest first, filtered by who, whose record and what."""
    stmt = select(AuditEvent)
    if actor_id:
        stmt = stmt.where(AuditEvent.actor_id == actor_id)
    if subject_id:
        stmt = stmt.where(AuditEvent.subject_id == subject_id)
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    return paginate(stmt.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()), page)


@for_council
def actions_used(authority_id: int) -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))


@for_council
def actors(authority_id: int) -> list:
    """Everyone who has done something in the council's log, by name."""
    from .auth.models import User

    ids = select(AuditEvent.actor_id).where(AuditEvent.actor_id.is_not(None)).distinct()
    return list(db.session.scalars(select(User).where(User.id.in_(ids)).order_by(User.display_name, User.id)))


@dataclass
class Read:
    """One member of staff's reading of one of a young person's things."""

    reader: object  # User
    action: str
    target_type: str | None
    target_id: int | None
    first_at: datetime
    last_at: datetime
    times: int


@for_council(of="young_person")
def reads_of(young_person) -> list[Read]:
    """Who among the staff has opened this young person's things, what and when, newest first.
    The young person's own actions, and anything done without a person (jobs), are left out."""
    from .auth.models import User

    rows = db.session.execute(
        select(AuditEvent.actor_id, AuditEvent.action, AuditEvent.target_type, AuditEvent.target_id, func.min(AuditEvent.at), func.max(AuditEvent.at), func.count())
        .join(User, User.id == AuditEvent.actor_id)
        .where(
            AuditEvent.subject_id == young_person.id,
            AuditEvent.action.in_(READ_ACTIONS),
            User.role.in_(STAFF_ROLES),
        )
        .group_by(AuditEvent.actor_id, AuditEvent.action, AuditEvent.target_type, AuditEvent.target_id)
    ).all()
    readers = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_({r[0] for r in rows})))} if rows else {}
    found = [Read(readers[a], action, t_type, t_id, first, last, n) for a, action, t_type, t_id, first, last, n in rows]
    return sorted(found, key=lambda r: r.last_at, reverse=True)


def young_people() -> list[User]:
    """The council's young people in name order, to choose whose records to see."""
    from .access import YOUNG_PERSON
    from .auth.models import User

    return list(db.session.scalars(select(User).where(User.role == YOUNG_PERSON).order_by(User.display_name, User.id)))


def people(ids) -> dict[int, User]:
    """The people with these ids (who acted, whom it was about), by id."""
    from .auth.models import User

    ids = set(ids) - {None}
    return {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
