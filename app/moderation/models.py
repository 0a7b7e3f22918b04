"""Moderation items, safeguarding alerts, and each council's screening lists and alert settings.

What a young person wrote for others lives in exactly one place, `ModerationItem.original_text`,
and what others may read lives in `ModerationItem.approved_text`. Both columns are deferred with
raiseload: loading an item never loads either text, and touching them without an explicit
`undefer` raises. The only code that undefers them is in app/moderation/service.py (the queue,
the author's own view, and `published_texts`, which selects approved text of approved items only).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models_base import AuthorityOwned, TimestampMixin, UTCDateTime, utcnow

PENDING = "pending"
APPROVED = "approved"
REJECTED = "rejected"
ESCALATED = "escalated"
STATUSES = (PENDING, APPROVED, REJECTED, ESCALATED)

AUDIENCES = ("group", "council", "report")

# Why something was not published; the author is told the kind version of each (service.REASONS).
REASON_IDENTIFYING = "identifying"
REASON_UNKIND = "unkind"
REASON_OFF_TOPIC = "off_topic"
REASON_DUPLICATE = "duplicate"
REASON_OTHER = "other"
REASON_CODES = (REASON_IDENTIFYING, REASON_UNKIND, REASON_OFF_TOPIC, REASON_DUPLICATE, REASON_OTHER)


class ModerationItem(AuthorityOwned, TimestampMixin, db.Model):
    """One piece of free text bound for a group, the council or a report."""

    # The queue: a council's waiting items oldest first; decided ones newest first.
    __table_args__ = (
        Index("ix_moderation_item_queue", "authority_id", "status", "created_at"),
        Index("ix_moderation_item_decided", "authority_id", "status", "decided_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(60), index=True)  # e.g. "pledge.comment"
    source_id: Mapped[int | None] = mapped_column(Integer, index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)  # None: anonymous
    language: Mapped[str] = mapped_column(String(10), default="en")
    audience: Mapped[str] = mapped_column(String(20), default="group")
    original_text: Mapped[str] = mapped_column(Text, deferred=True, deferred_raiseload=True)
    approved_text: Mapped[str | None] = mapped_column(Text, deferred=True, deferred_raiseload=True)
    status: Mapped[str] = mapped_column(String(12), default=PENDING, index=True)
    risk: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    findings: Mapped[list] = mapped_column(JSON, default=list)
    redacted: Mapped[bool] = mapped_column(Boolean, default=False)  # approved text differs from original
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reason: Mapped[str | None] = mapped_column(String(20))  # one of REASON_CODES, when rejected
    staff_note: Mapped[str | None] = mapped_column(Text)  # moderators only; never shown to the author
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    author = relationship("User", foreign_keys=[author_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])

    @property
    def is_published(self) -> bool:
        return self.status == APPROVED

    def __repr__(self) -> str:
        return f"<ModerationItem {self.id} {self.source} {self.status}>"


OPEN = "open"
ACKNOWLEDGED = "acknowledged"
CLOSED = "closed"
ALERT_STATUSES = (OPEN, ACKNOWLEDGED, CLOSED)

TRIGGER_SCREENING = "screening"  # risk words in moderated or private text
TRIGGER_HELP_BUTTON = "help_button"  # the young person pressed "I need help now"
TRIGGER_MODERATOR = "moderator"  # a moderator escalated an item
TRIGGERS = (TRIGGER_SCREENING, TRIGGER_HELP_BUTTON, TRIGGER_MODERATOR)


class SafeguardingAlert(AuthorityOwned, TimestampMixin, db.Model):
    """A possible risk to a young person that a person must acknowledge before its deadline."""

    # The alerts list: a council's alerts by status, soonest deadline first.
    __table_args__ = (Index("ix_safeguarding_alert_list", "authority_id", "status", "deadline_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)  # None: anonymous text
    trigger: Mapped[str] = mapped_column(String(20))
    source: Mapped[str | None] = mapped_column(String(60))
    source_id: Mapped[int | None] = mapped_column(Integer)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("moderation_item.id"), index=True)
    # The words that raised it, for the safeguarding lead and allocated worker only.
    text: Mapped[str | None] = mapped_column(Text, deferred=True, deferred_raiseload=True)
    language: Mapped[str | None] = mapped_column(String(10))
    findings: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(14), default=OPEN, index=True)
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    last_escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Everyone who has been told about it (ids), so each of them can open it.
    notified_ids: Mapped[list] = mapped_column(JSON, default=list)
    # When the council's out-of-hours team was emailed (raised or unanswered out of office hours).
    out_of_hours_told_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Anonymous words: whether the young person then asked to be contacted (and was named), or not.
    contact_consent: Mapped[bool | None] = mapped_column(Boolean)
    consented_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    young_person = relationship("User", foreign_keys=[young_person_id])
    acknowledged_by = relationship("User", foreign_keys=[acknowledged_by_id])
    closed_by = relationship("User", foreign_keys=[closed_by_id])
    notes = relationship("AlertNote", order_by="AlertNote.created_at", back_populates="alert")

    def __repr__(self) -> str:
        return f"<SafeguardingAlert {self.id} {self.status}>"


class AlertNote(AuthorityOwned, TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("safeguarding_alert.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    text: Mapped[str] = mapped_column(Text)

    alert = relationship(SafeguardingAlert, back_populates="notes")
    author = relationship("User")


TERM_RISK = "risk"
TERM_NAME = "name"
TERM_SCHOOL = "school"
TERM_KINDS = (TERM_RISK, TERM_NAME, TERM_SCHOOL)


class ScreeningTerm(AuthorityOwned, TimestampMixin, db.Model):
    """A council's own addition to screening: a risk phrase (per language), a name or a school."""

    __table_args__ = (UniqueConstraint("authority_id", "kind", "language", "phrase", name="uq_screening_term"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), index=True)
    language: Mapped[str] = mapped_column(String(10), default="")  # "" for names and schools
    phrase: Mapped[str] = mapped_column(String(200))
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))


class SafeguardingSettings(AuthorityOwned, db.Model):
    """How quickly a council's alerts must be acknowledged, who is told next if not, and the office
    hours outside which the out-of-hours team is told too."""

    __table_args__ = (UniqueConstraint("authority_id", name="uq_safeguarding_settings_authority"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ack_minutes: Mapped[int] = mapped_column(Integer, default=60)
    work_start: Mapped[str] = mapped_column(String(5), default="09:00")  # Europe/London
    work_end: Mapped[str] = mapped_column(String(5), default="17:00")
    work_days: Mapped[list] = mapped_column(JSON, default=lambda: [0, 1, 2, 3, 4])  # Monday = 0
    escalation_ids: Mapped[list] = mapped_column(JSON, default=list)  # ordered staff user ids
    # Switched on only with at least one person on the escalation list (service.save_settings).
    enabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
