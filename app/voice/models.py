"""Heard between reviews: what young people tell their workers, call-backs, complaints, compliments
and comments, and requests for an advocate.

- A `Statement` is something a young person tells the people they choose (how they feel, something
  to sort, good news, a visit, anything else): a draft, then sent once. Each chosen reader has a
  `StatementReader` row (read receipts, and the flag to their manager when it sits unread); staff
  answer with `StatementReply` rows.
- A `Representation` is a complaint, a compliment or a comment to the council. A complaint moves
  through the statutory stages, one `ComplaintStage` each.
- A `CallBack` asks someone to phone; its promise is fixed when it is asked.
- An `AdvocacyRequest` goes to the council's advocacy service, with the young person's consent.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..models_base import AuthorityOwned, TimestampMixin, UTCDateTime

DRAFT = "draft"
SENT = "sent"

# What a young person can tell someone.
FEELING = "feeling"
SORT = "sort"
GOOD_NEWS = "good_news"
VISIT = "visit"
OTHER = "other"
STATEMENT_KINDS = (FEELING, SORT, GOOD_NEWS, VISIT, OTHER)

# What they can say to the council.
COMPLAINT = "complaint"
COMPLIMENT = "compliment"
COMMENT = "comment"
REPRESENTATION_KINDS = (COMPLAINT, COMPLIMENT, COMMENT)

TOPICS = ("home", "school", "family_time", "friends", "health", "money", "worker", "moving", "something_else")
FACES = ("happy", "okay", "worried", "sad", "angry")

READER_WORKER = "worker"
READER_IRO = "iro"
READER_ROLES = (READER_WORKER, READER_IRO)

# Versions of the questions: pictures and a trusted adult's help for the youngest, or the usual.
EARLY = "early"
STANDARD = "standard"
VERSIONS = (EARLY, STANDARD)


class _Draft:
    """Columns every young person's draft shares: the steps, the sending, the safety screen."""

    status: Mapped[str] = mapped_column(String(10), default=DRAFT, index=True)
    version: Mapped[str] = mapped_column(String(10), default=STANDARD)
    text: Mapped[str | None] = mapped_column(Text)
    wanted: Mapped[str | None] = mapped_column(Text)  # what would help or put it right
    topic: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(10), default="en")
    helped_by_trusted_adult: Mapped[bool] = mapped_column(Boolean, default=False)
    helper_name: Mapped[str | None] = mapped_column(String(120))
    last_step: Mapped[str | None] = mapped_column(String(30))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    send_key: Mapped[str | None] = mapped_column(String(64), unique=True)  # idempotency key of the send
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    risk_flagged: Mapped[bool] = mapped_column(Boolean, default=False)

    @property
    def is_sent(self) -> bool:
        return self.status == SENT


class Statement(_Draft, AuthorityOwned, TimestampMixin, db.Model):
    """Something a young person tells the people they chose, any time."""

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12), index=True)
    face: Mapped[str | None] = mapped_column(String(10))
    avoid: Mapped[str | None] = mapped_column(Text)  # before a visit: what they do not want to talk about
    readers: Mapped[list] = mapped_column(JSON, default=lambda: [READER_WORKER])  # READER_ROLES chosen
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    sorted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sorted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    young_person = relationship("User", foreign_keys=[young_person_id])
    acknowledged_by = relationship("User", foreign_keys=[acknowledged_by_id])
    sorted_by = relationship("User", foreign_keys=[sorted_by_id])
    reader_rows: Mapped[list[StatementReader]] = relationship(back_populates="statement", order_by="StatementReader.id")
    replies: Mapped[list[StatementReply]] = relationship(back_populates="statement", order_by="StatementReply.created_at")


class StatementReader(AuthorityOwned, db.Model):
    """A person a statement went to: when they first and last read it, and whether their manager
    was told it sat unread too long."""

    __table_args__ = (UniqueConstraint("statement_id", "user_id", name="uq_statement_reader"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statement.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    reader_role: Mapped[str] = mapped_column(String(10))
    first_read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    flagged_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    flagged_to: Mapped[list] = mapped_column(JSON, default=list)  # ids of the managers told

    statement: Mapped[Statement] = relationship(back_populates="reader_rows")
    user = relationship("User")


class StatementReply(AuthorityOwned, TimestampMixin, db.Model):
    """A reader's answer, in plain words, shown to the young person on their phone."""

    __table_args__ = (UniqueConstraint("statement_id", "client_key", name="uq_statement_reply_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("statement.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    text: Mapped[str] = mapped_column(Text)
    client_key: Mapped[str] = mapped_column(String(64))  # one reply per tap
    seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # by the young person

    statement: Mapped[Statement] = relationship(back_populates="replies")
    author = relationship("User")


class Team(AuthorityOwned, TimestampMixin, db.Model):
    """A council team young people can compliment, comment on or complain about."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    members: Mapped[list[TeamMember]] = relationship(back_populates="team", cascade="all, delete-orphan")


class TeamMember(AuthorityOwned, db.Model):
    __table_args__ = (UniqueConstraint("team_id", "user_id", name="uq_team_member"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)

    team: Mapped[Team] = relationship(back_populates="members")
    user = relationship("User")


# The stages of the statutory children's complaints procedure in England.
STAGE_LOCAL = 1  # local resolution
STAGE_INVESTIGATION = 2
STAGE_PANEL = 3  # review panel
STAGES = (STAGE_LOCAL, STAGE_INVESTIGATION, STAGE_PANEL)

OPEN = "open"
CLOSED = "closed"

UPHELD = "upheld"
PARTLY_UPHELD = "partly_upheld"
NOT_UPHELD = "not_upheld"
FINDINGS = (UPHELD, PARTLY_UPHELD, NOT_UPHELD)


class Representation(_Draft, AuthorityOwned, TimestampMixin, db.Model):
    """A complaint, a compliment or a comment from a young person to their council."""

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    wants_advocate: Mapped[str | None] = mapped_column(String(10))  # yes | have_one | no
    received_on: Mapped[date | None] = mapped_column(Date)  # the day the council received it
    state: Mapped[str] = mapped_column(String(10), default=OPEN)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_note: Mapped[str | None] = mapped_column(Text)  # why, in words the young person reads
    # Compliments and comments: the team's answer.
    response: Mapped[str | None] = mapped_column(Text)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    responded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    response_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    young_person = relationship("User", foreign_keys=[young_person_id])
    responded_by = relationship("User", foreign_keys=[responded_by_id])
    team: Mapped[Team | None] = relationship()
    stages: Mapped[list[ComplaintStage]] = relationship(back_populates="complaint", order_by="ComplaintStage.number")

    @property
    def stage(self) -> ComplaintStage | None:
        return self.stages[-1] if self.stages else None


class ComplaintStage(AuthorityOwned, TimestampMixin, db.Model):
    """One stage of a complaint: when it started, when it is due, and the council's answer."""

    __table_args__ = (UniqueConstraint("complaint_id", "number", name="uq_complaint_stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("representation.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    started_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    extended_to: Mapped[date | None] = mapped_column(Date)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    response: Mapped[str | None] = mapped_column(Text)
    finding: Mapped[str | None] = mapped_column(String(16))
    responded_on: Mapped[date | None] = mapped_column(Date)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    responded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    response_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    next_stage_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the young person asked
    flagged_on: Mapped[date | None] = mapped_column(Date)  # the complaints officer was told it is late

    complaint: Mapped[Representation] = relationship(back_populates="stages")
    responded_by = relationship("User", foreign_keys=[responded_by_id])

    @property
    def deadline(self) -> date:
        return self.extended_to or self.due_on


# Call-backs
CALLED = "called"
NO_ANSWER = "no_answer"
CALL_OUTCOMES = (CALLED, NO_ANSWER)
GOOD_TIMES = ("morning", "afternoon", "after_school", "evening", "any_time")


class CallBack(AuthorityOwned, TimestampMixin, db.Model):
    """A young person asked someone to call them; the promise is fixed when they ask."""

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    staff_role: Mapped[str] = mapped_column(String(10))
    about: Mapped[str | None] = mapped_column(Text)
    good_times: Mapped[list] = mapped_column(JSON, default=list)
    phone: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(10), default="en")
    send_key: Mapped[str] = mapped_column(String(64), unique=True)
    promise_hours: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    outcome: Mapped[str | None] = mapped_column(String(12))
    note: Mapped[str | None] = mapped_column(Text)  # for the young person, in plain words
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    flagged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    flagged_to: Mapped[list] = mapped_column(JSON, default=list)
    risk_flagged: Mapped[bool] = mapped_column(Boolean, default=False)

    young_person = relationship("User", foreign_keys=[young_person_id])
    staff = relationship("User", foreign_keys=[staff_id])
    done_by = relationship("User", foreign_keys=[done_by_id])

    @property
    def is_open(self) -> bool:
        return self.done_at is None and self.cancelled_at is None


# Advocacy
REFERRED = "referred"
CONTACTED = "contacted"
ALLOCATED = "allocated"
ADVOCACY_CLOSED = "closed"
ADVOCACY_STATUSES = (REFERRED, CONTACTED, ALLOCATED, ADVOCACY_CLOSED)
CONTACT_WAYS = ("phone", "text", "email", "worker")


class AdvocacyRequest(AuthorityOwned, TimestampMixin, db.Model):
    """A young person asked for an advocate; it went to the council's advocacy service."""

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    source: Mapped[str] = mapped_column(String(20), default="home")  # home | complaint | review | statement
    source_id: Mapped[int | None] = mapped_column(Integer)
    about: Mapped[str | None] = mapped_column(Text)
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_way: Mapped[str | None] = mapped_column(String(10))
    contact: Mapped[str | None] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(10), default="en")
    send_key: Mapped[str] = mapped_column(String(64), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # the advocacy service's link
    token_expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(10), default=REFERRED, index=True)
    referred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    contacted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    allocated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    advocate_name: Mapped[str | None] = mapped_column(String(120))
    service_name: Mapped[str | None] = mapped_column(String(200))  # the service it went to, then
    risk_flagged: Mapped[bool] = mapped_column(Boolean, default=False)

    young_person = relationship("User", foreign_keys=[young_person_id])


class VoiceSettings(AuthorityOwned, db.Model):
    """A council's promises and contacts for Heard between reviews."""

    __table_args__ = (UniqueConstraint("authority_id", name="uq_voice_settings_authority"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    callback_hours: Mapped[int] = mapped_column(Integer, default=24)
    unread_days: Mapped[int] = mapped_column(Integer, default=2)
    advocacy_name: Mapped[str | None] = mapped_column(String(200))
    advocacy_email: Mapped[str | None] = mapped_column(String(254))
    complaints_email: Mapped[str | None] = mapped_column(String(254))
