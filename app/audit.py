"""Who did what to which record, and when. Views call `record()`; nothing is ever updated."""
from __future__ import annotations

from datetime import datetime

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db
from .models_base import AuthorityOwned, UTCDateTime, utcnow


class AuditEvent(AuthorityOwned, db.Model):
    # The audit view: a council's events, newest first, a page at a time.
    __table_args__ = (Index("ix_audit_event_authority_id_at", "authority_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("user.id"), index=True)
    action: Mapped[str] = mapped_column(String(80), index=True)
    target_type: Mapped[str | None] = mapped_column(String(60))
    target_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


# Pass as `actor` where no person may be linked to the event, not even whoever is signed in
# (anonymous survey answers, for one).
ANONYMOUS = object()


def record(action: str, target=None, *, authority_id: int | None = None, actor=None, **detail) -> AuditEvent:
    """Add an audit event to the session; the caller's commit saves it with the change itself."""
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
        detail={k: v for k, v in detail.items() if v is not None},
    )
    db.session.add(event)
    return event
