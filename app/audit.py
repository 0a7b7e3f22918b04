"""Who did what to which record, and when. Views call `record()`; nothing is ever updated.

Each event also notes the young person whose record it was (`subject_id`), where there is one, so
a council admin can see everything done to one young person's records and a young person can see
who has read theirs."""
from __future__ import annotations

from datetime import datetime

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db
from .models_base import AuthorityOwned, UTCDateTime, utcnow


class AuditEvent(AuthorityOwned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("user.id"), index=True)
    action: Mapped[str] = mapped_column(String(80), index=True)
    target_type: Mapped[str | None] = mapped_column(String(60))
    target_id: Mapped[int | None] = mapped_column(Integer)
    subject_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("user.id"), index=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


# Pass as `actor` where no person may be linked to the event, not even whoever is signed in
# (anonymous survey answers, for one).
ANONYMOUS = object()


# Records written by a young person, whose `author_id` is theirs (None where anonymous).
AUTHORED_BY_YOUNG_PEOPLE = frozenset({"ModerationItem", "Idea", "MeetingQuestion"})


def subject_of(target) -> int | None:
    """The young person whose record `target` is, if any."""
    if target is None:
        return None
    if getattr(target, "__tablename__", None) == "user":
        from .access import YOUNG_PERSON

        return target.id if target.role == YOUNG_PERSON else None
    found = getattr(target, "young_person_id", None)
    if found is None and type(target).__name__ in AUTHORED_BY_YOUNG_PEOPLE:
        found = target.author_id
    if found is None and getattr(target, "submission", None) is not None:  # a wish, an addition
        found = getattr(target.submission, "young_person_id", None)
    return found


def record(action: str, target=None, *, authority_id: int | None = None, actor=None, subject=None, **detail) -> AuditEvent:
    """Add an audit event to the session; the caller's commit saves it with the change itself.
    `subject` names the young person concerned where the target does not say."""
    if actor is ANONYMOUS:
        actor = None
    elif actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    if authority_id is None:
        authority_id = getattr(target, "authority_id", None) or getattr(actor, "authority_id", None)
    event = AuditEvent(
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
