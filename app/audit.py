"""Who did what to which record, and when. Views call `record()`; nothing is ever updated."""
from __future__ import annotations

from datetime import datetime

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db
from .models_base import AuthorityOwned, UTCDateTime, utcnow
from .privacy.anonymous import day_of


class AuditEvent(AuthorityOwned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("user.id"), index=True)
    action: Mapped[str] = mapped_column(String(80), index=True)
    target_type: Mapped[str | None] = mapped_column(String(60))
    target_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


# Pass as `actor` where no person may be linked to the event, not even whoever is signed in
# (anonymous survey answers, for one). Such an event is also kept only to the day: a time to the
# second could be laid beside someone's sign-in and name them all the same.
ANONYMOUS = object()


def record(action: str, target=None, *, authority_id: int | None = None, actor=None, day_only: bool = False, **detail) -> AuditEvent:
    """Add an audit event to the session; the caller's commit saves it with the change itself.
    `day_only` keeps the time to the day (young people's sign-ins: see auth.service)."""
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
        detail={k: v for k, v in detail.items() if v is not None},
    )
    db.session.add(event)
    return event
