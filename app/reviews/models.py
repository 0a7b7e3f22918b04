"""Reviews, and the views a young person sends before one.

A `ViewsSubmission` is written by the young person (draft, then sent once). After sending it is
never edited: anything more is an `Addition`. Each thing they ask for is a `Wish`, so the IRO can
record an outcome for each. `ViewsReader` keeps when each chosen reader first and last read it.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models_base import AuthorityOwned, TimestampMixin, UTCDateTime

LAC_REVIEW = "lac"
PATHWAY_REVIEW = "pathway"
REVIEW_KINDS = (LAC_REVIEW, PATHWAY_REVIEW)

DRAFT = "draft"
SENT = "sent"

# DfE participation codes: how the child took part in their review.
PN_CODES = ("PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7")

AGREED = "agreed"
NOT_THIS_TIME = "not_this_time"
FIND_OUT = "find_out"
OUTCOMES = (AGREED, NOT_THIS_TIME, FIND_OUT)

READER_IRO = "iro"
READER_WORKER = "worker"
READER_ROLES = (READER_IRO, READER_WORKER)


class Review(AuthorityOwned, TimestampMixin, db.Model):
    """A looked-after child review or a pathway plan review, chaired by an IRO."""

    # An IRO's lists read their reviews in date order, a page at a time.
    __table_args__ = (Index("ix_review_iro_id_date", "iro_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    iro_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    date: Mapped[date | None] = mapped_column(Date, index=True)  # None while not yet set
    kind: Mapped[str] = mapped_column(String(12), default=LAC_REVIEW)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    imported: Mapped[bool] = mapped_column(Boolean, default=False)
    participation_code: Mapped[str | None] = mapped_column(String(3))
    participation_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    participation_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    young_person = relationship("User", foreign_keys=[young_person_id])
    iro = relationship("User", foreign_keys=[iro_id])
    submission: Mapped[ViewsSubmission | None] = relationship(back_populates="review", uselist=False)


class ViewsSubmission(AuthorityOwned, TimestampMixin, db.Model):
    """What a young person wants their review to hear. One per review."""

    __table_args__ = (UniqueConstraint("review_id", name="uq_views_submission_review"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id"))
    young_person_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default=DRAFT, index=True)
    version: Mapped[str] = mapped_column(String(12))  # which set of steps: see steps.VERSIONS
    answers: Mapped[dict] = mapped_column(JSON, default=dict)  # topic key -> {"text": .., "face": ..}
    meeting: Mapped[dict] = mapped_column(JSON, default=dict)  # how they want their meeting
    readers: Mapped[list] = mapped_column(JSON, default=lambda: [READER_IRO])  # READER_ROLES chosen
    language: Mapped[str] = mapped_column(String(10), default="en")  # the language they wrote in
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    interpreter_language: Mapped[str | None] = mapped_column(String(10))
    helped_by_trusted_adult: Mapped[bool] = mapped_column(Boolean, default=False)
    helper_name: Mapped[str | None] = mapped_column(String(120))
    last_step: Mapped[str | None] = mapped_column(String(30))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Two phones, one draft: every save bumps `revision`; `step_revisions` says at which revision
    # each step last changed, so a save from a page older than that step's last change is held
    # in `held` (step key -> what that page sent) until the young person chooses between the two.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    step_revisions: Mapped[dict | None] = mapped_column(JSON)
    held: Mapped[dict | None] = mapped_column(JSON)
    send_key: Mapped[str | None] = mapped_column(String(64), unique=True)  # idempotency key of the send
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    risk_flagged: Mapped[bool] = mapped_column(Boolean, default=False)  # the safeguarding screen found risk
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    acknowledgement_note: Mapped[str | None] = mapped_column(Text)

    review: Mapped[Review] = relationship(back_populates="submission")
    young_person = relationship("User", foreign_keys=[young_person_id])
    acknowledged_by = relationship("User", foreign_keys=[acknowledged_by_id])
    wishes: Mapped[list[Wish]] = relationship(back_populates="submission", order_by="Wish.position", cascade="all, delete-orphan")
    additions: Mapped[list[Addition]] = relationship(back_populates="submission", order_by="Addition.created_at")
    reader_rows: Mapped[list[ViewsReader]] = relationship(back_populates="submission", order_by="ViewsReader.id")

    @property
    def is_sent(self) -> bool:
        return self.status == SENT


class Wish(AuthorityOwned, TimestampMixin, db.Model):
    """One thing the young person wants to happen or change, and what was decided about it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("views_submission.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(16))
    outcome_text: Mapped[str | None] = mapped_column(Text)
    outcome_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    submission: Mapped[ViewsSubmission] = relationship(back_populates="wishes")


class Addition(AuthorityOwned, TimestampMixin, db.Model):
    """Something added after sending: never an edit of what was already read."""

    __table_args__ = (UniqueConstraint("submission_id", "client_key", name="uq_addition_client_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("views_submission.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(10), default="en")
    client_key: Mapped[str] = mapped_column(String(64))  # idempotency: a double tap adds once

    submission: Mapped[ViewsSubmission] = relationship(back_populates="additions")


class ViewsReader(AuthorityOwned, db.Model):
    """A person the views went to, and when they first and last read them (receipts)."""

    __table_args__ = (UniqueConstraint("submission_id", "user_id", name="uq_views_reader"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("views_submission.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    reader_role: Mapped[str] = mapped_column(String(10))
    first_read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    submission: Mapped[ViewsSubmission] = relationship(back_populates="reader_rows")
    user = relationship("User")
