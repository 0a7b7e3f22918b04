"""Young people's requests about their data, and each council's retention periods."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models_base import AuthorityOwned, TimestampMixin, UTCDateTime

CORRECTION = "correction"
DELETION = "deletion"
REQUEST_KINDS = (CORRECTION, DELETION)

WAITING = "waiting"
DONE = "done"
REQUEST_STATUSES = (WAITING, DONE)


class DataRequest(AuthorityOwned, TimestampMixin, db.Model):
    """A young person asking for something Heard holds about them to be corrected or deleted.

    The council must answer within one calendar month (`due_on`, UK GDPR article 12(3)). The
    reply says what was done and, for anything kept, why; the young person reads it on "My data".
    """

    __tablename__ = "data_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    details: Mapped[str | None] = mapped_column(Text)  # what is wrong, or anything they want to say
    close_account: Mapped[bool] = mapped_column(Boolean, default=False)  # deletion: their sign-in too
    status: Mapped[str] = mapped_column(String(10), default=WAITING, index=True)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reply: Mapped[str | None] = mapped_column(Text)  # written to the young person
    # What a deletion removed ({rule: count}) and what it kept ([reason keys]).
    outcome: Mapped[dict] = mapped_column(JSON, default=dict)

    young_person = relationship("User", foreign_keys=[young_person_id])
    handled_by = relationship("User", foreign_keys=[handled_by_id])


class RetentionSettings(AuthorityOwned, db.Model):
    """A council's own retention periods, in days, within the limits of the schedule
    (app/privacy/retention.py). A period not set here is the schedule's default."""

    __tablename__ = "retention_settings"
    __table_args__ = (UniqueConstraint("authority_id", name="uq_retention_settings_authority"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    days: Mapped[dict] = mapped_column(JSON, default=dict)  # rule key -> days
