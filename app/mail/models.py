"""The outbox: every email Heard sends is first a row here, written in the transaction that caused it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..models_base import AuthorityOwned, TimestampMixin, UTCDateTime, utcnow

WAITING = "waiting"  # not sent yet: due at `next_attempt_at` (again, if an attempt failed)
SENT = "sent"
FAILED = "failed"  # given up: refused for good, or every retry failed
STATUSES = (WAITING, SENT, FAILED)

URGENT = 0  # safeguarding: sent before anything else
NORMAL = 1


class OutgoingMail(AuthorityOwned, TimestampMixin, db.Model):
    """One email to one recipient (nobody sees who else was told)."""

    __tablename__ = "outgoing_mail"
    __table_args__ = (Index("ix_outgoing_mail_due", "status", "priority", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)  # e.g. "safeguarding.alert", "reviews.views_sent"
    about_id: Mapped[int | None] = mapped_column(Integer, index=True)  # the record it is about, e.g. the alert's id
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    priority: Mapped[int] = mapped_column(Integer, default=NORMAL)
    status: Mapped[str] = mapped_column(String(10), default=WAITING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # A sender holds the rows it is sending until this time; another sender skips them meanwhile,
    # and takes them over if the first one died.
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claim: Mapped[str | None] = mapped_column(String(32))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(500))
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def undelivered(self) -> bool:
        return self.status == FAILED or (self.status == WAITING and self.attempts > 0)

    def __repr__(self) -> str:
        return f"<OutgoingMail {self.id} {self.kind} {self.status}>"
