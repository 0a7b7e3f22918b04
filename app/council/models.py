"""Children in Care Council: groups, membership, polls, meetings, ideas and good news.

Free text written by young people (poll comments, "other" answers, ideas, questions for the
councillors, good news) is never stored here: it goes to moderation, and these tables keep only
the moderation item's id. Votes are secret ballots (see `PollBallot`; the promise is in
app/council/polls.py).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..extensions import db
from ..i18n.content import TranslatedText
from ..models_base import AuthorityOwned, TimestampMixin, UTCDateTime, utcnow
from ..privacy.anonymous import NO_ROWID, random_id

# Kinds of group a council runs.
CICC = "cicc"
CARE_LEAVERS = "care_leavers"
JUNIOR = "junior"
OTHER_GROUP = "other"
GROUP_KINDS = (CICC, CARE_LEAVERS, JUNIOR, OTHER_GROUP)


class CouncilGroup(AuthorityOwned, TimestampMixin, db.Model):
    __tablename__ = "council_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[dict] = mapped_column(TranslatedText(), default=dict)
    description: Mapped[dict] = mapped_column(TranslatedText(), default=dict)
    kind: Mapped[str] = mapped_column(String(20), default=CICC)
    # Young people may ask to join; if False, only an invitation from a facilitator lets them in.
    open_to_requests: Mapped[bool] = mapped_column(Boolean, default=True)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    memberships: Mapped[list[Membership]] = relationship(back_populates="group", cascade="all, delete-orphan")


# Membership states. One row per person per group; it moves between states.
REQUESTED = "requested"  # the young person asked; a facilitator decides
INVITED = "invited"  # a facilitator asked; the young person decides
ACTIVE = "active"
LEFT = "left"  # left, or was removed by a facilitator
DECLINED = "declined"  # a request was turned down, or an invitation was declined
MEMBERSHIP_STATES = (REQUESTED, INVITED, ACTIVE, LEFT, DECLINED)


class Membership(AuthorityOwned, TimestampMixin, db.Model):
    __tablename__ = "council_membership"
    __table_args__ = (UniqueConstraint("group_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("council_group.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    state: Mapped[str] = mapped_column(String(12), index=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    joined_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    group: Mapped[CouncilGroup] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship(foreign_keys=[user_id])


class MemberContact(AuthorityOwned, TimestampMixin, db.Model):
    """An email address a young person chose to give for meeting reminders (optional)."""

    __tablename__ = "council_member_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), unique=True)
    email: Mapped[str] = mapped_column(String(254))


# Polls
OPEN_POLL = "open"  # open for a period
LIVE_POLL = "live"  # run at a meeting, one question at a time
POLL_MODES = (OPEN_POLL, LIVE_POLL)

MEMBERS = "members"
EVERYONE = "everyone"  # every young person of the council, members or not
AUDIENCES = (MEMBERS, EVERYONE)

DRAFT = "draft"
OPEN = "open"
CLOSED = "closed"

SINGLE = "single"
MULTIPLE = "multiple"


class Poll(AuthorityOwned, TimestampMixin, db.Model):
    __tablename__ = "council_poll"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("council_group.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("council_meeting.id"), index=True)
    title: Mapped[dict] = mapped_column(TranslatedText(), default=dict)
    mode: Mapped[str] = mapped_column(String(8), default=OPEN_POLL)
    audience: Mapped[str] = mapped_column(String(10), default=MEMBERS)
    state: Mapped[str] = mapped_column(String(8), default=DRAFT, index=True)
    hide_results_until_close: Mapped[bool] = mapped_column(Boolean, default=False)
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    group: Mapped[CouncilGroup] = relationship()
    meeting: Mapped[Meeting | None] = relationship(back_populates="polls")
    questions: Mapped[list[PollQuestion]] = relationship(
        back_populates="poll", order_by="PollQuestion.position", cascade="all, delete-orphan"
    )


class PollQuestion(AuthorityOwned, db.Model):
    __tablename__ = "council_poll_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("council_poll.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[dict] = mapped_column(TranslatedText(), default=dict)
    kind: Mapped[str] = mapped_column(String(8), default=SINGLE)
    allow_other: Mapped[bool] = mapped_column(Boolean, default=False)
    allow_comment: Mapped[bool] = mapped_column(Boolean, default=False)
    # Live polls: each question is opened and closed by the facilitator. Open polls: follows the poll.
    state: Mapped[str] = mapped_column(String(8), default=DRAFT)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    poll: Mapped[Poll] = relationship(back_populates="questions")
    options: Mapped[list[PollOption]] = relationship(
        back_populates="question", order_by="PollOption.position", cascade="all, delete-orphan"
    )


class PollOption(AuthorityOwned, db.Model):
    __tablename__ = "council_poll_option"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("council_poll_question.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[dict] = mapped_column(TranslatedText(), default=dict)

    question: Mapped[PollQuestion] = relationship(back_populates="options")


class PollVoter(AuthorityOwned, db.Model):
    """That a member has voted on a question, so they vote once (a database constraint).
    Nothing here or anywhere says which ballot is theirs."""

    __tablename__ = "council_poll_voter"
    __table_args__ = (UniqueConstraint("question_id", "user_id"), NO_ROWID)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, default=random_id, autoincrement=False)
    question_id: Mapped[int] = mapped_column(ForeignKey("council_poll_question.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)


class PollBallot(AuthorityOwned, db.Model):
    """One voter's answer to one question: no person, no time, a random id.

    While the question is open, `key_hash` is the hash of a random key that only the voter's own
    browser holds, so they (and nobody else, not even someone holding the database and
    SECRET_KEY) can find and change it. When the question closes the keys are wiped and every
    ballot of the question is written afresh in a random order (`polls.seal_question`).
    "Other" is not marked here: it is counted from the "other" answers themselves, so a ballot
    never points at words whose author moderators know.
    """

    __tablename__ = "council_poll_ballot"
    __table_args__ = (UniqueConstraint("question_id", "key_hash"), NO_ROWID)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, default=random_id, autoincrement=False)
    question_id: Mapped[int] = mapped_column(ForeignKey("council_poll_question.id"), index=True)
    key_hash: Mapped[str | None] = mapped_column(String(64))

    choices: Mapped[list[PollChoice]] = relationship(cascade="all, delete-orphan")


class PollChoice(db.Model):
    __tablename__ = "council_poll_choice"
    __table_args__ = (NO_ROWID,)

    ballot_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("council_poll_ballot.id", ondelete="CASCADE"), primary_key=True)
    option_id: Mapped[int] = mapped_column(ForeignKey("council_poll_option.id"), primary_key=True, index=True)


COMMENT = "comment"
OTHER_TEXT = "other"


class PollText(AuthorityOwned, TimestampMixin, db.Model):
    """A comment or "other" answer, held by moderation, whose author moderators know (so it is
    not anonymous, and is found by a keyed hash of question and author to keep one of each per
    member). Nothing in it leads to a ballot, and no ballot leads to it."""

    __tablename__ = "council_poll_text"
    __table_args__ = (UniqueConstraint("question_id", "text_key", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("council_poll_question.id"), index=True)
    text_key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(8))
    item_id: Mapped[int] = mapped_column(Integer, index=True)


# Meetings
class Meeting(AuthorityOwned, TimestampMixin, db.Model):
    __tablename__ = "council_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("council_group.id"), index=True)
    title: Mapped[dict] = mapped_column(TranslatedText(), default=dict)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    place: Mapped[str | None] = mapped_column(String(300))
    online_link: Mapped[str | None] = mapped_column(String(500))
    agenda: Mapped[dict] = mapped_column(TranslatedText(), default=dict)
    access_notes: Mapped[dict] = mapped_column(TranslatedText(), default=dict)  # accessibility and travel
    # A meeting with senior managers or councillors: members send questions beforehand.
    takes_questions: Mapped[bool] = mapped_column(Boolean, default=False)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    group: Mapped[CouncilGroup] = relationship()
    polls: Mapped[list[Poll]] = relationship(back_populates="meeting")


GOING = "yes"
NOT_GOING = "no"
MAYBE = "maybe"
RSVP_ANSWERS = (GOING, MAYBE, NOT_GOING)


class MeetingRsvp(AuthorityOwned, db.Model):
    __tablename__ = "council_meeting_rsvp"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("council_meeting.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    answer: Mapped[str] = mapped_column(String(6))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship()


PRESENT = "present"
APOLOGIES = "apologies"
ABSENT = "absent"
ATTENDANCE_MARKS = (PRESENT, APOLOGIES, ABSENT)


class MeetingAttendance(AuthorityOwned, db.Model):
    __tablename__ = "council_meeting_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("council_meeting.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    mark: Mapped[str] = mapped_column(String(10))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class MeetingQuestion(AuthorityOwned, TimestampMixin, db.Model):
    """A question for the councillors or senior managers, sent before the meeting (moderated)."""

    __tablename__ = "council_meeting_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("council_meeting.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    item_id: Mapped[int] = mapped_column(Integer, index=True)
    answer: Mapped[str | None] = mapped_column(Text)  # written by staff after the meeting
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


# Ideas and consultations
NEW = "new"
CONSIDERING = "considering"
IN_PROGRESS = "in_progress"
DONE = "done"
NOT_POSSIBLE = "not_possible"
IDEA_STATUSES = (NEW, CONSIDERING, IN_PROGRESS, DONE, NOT_POSSIBLE)


class Consultation(AuthorityOwned, TimestampMixin, db.Model):
    """A question the council asks a group, which members answer in their own words."""

    __tablename__ = "council_consultation"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("council_group.id"), index=True)
    question: Mapped[dict] = mapped_column(TranslatedText(), default=dict)
    background: Mapped[dict] = mapped_column(TranslatedText(), default=dict)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    group: Mapped[CouncilGroup] = relationship()


class Idea(AuthorityOwned, TimestampMixin, db.Model):
    """An idea a member raised, or their answer to a consultation. The words are in moderation."""

    __tablename__ = "council_idea"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("council_group.id"), index=True)
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("council_consultation.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    item_id: Mapped[int] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(16), default=NEW, index=True)
    # "You said, we did": written by the facilitator, shown to the author and supporters.
    response: Mapped[str | None] = mapped_column(Text)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    responded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    group: Mapped[CouncilGroup] = relationship()
    consultation: Mapped[Consultation | None] = relationship()
    supports: Mapped[list[IdeaSupport]] = relationship(cascade="all, delete-orphan")


class IdeaSupport(AuthorityOwned, db.Model):
    __tablename__ = "council_idea_support"
    __table_args__ = (UniqueConstraint("idea_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("council_idea.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    supported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class GoodNews(AuthorityOwned, TimestampMixin, db.Model):
    """An achievement a young person shares with their group (moderated)."""

    __tablename__ = "council_good_news"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("council_group.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    item_id: Mapped[int] = mapped_column(Integer, index=True)
    show_name: Mapped[bool] = mapped_column(Boolean, default=False)  # first name, or anonymous

    group: Mapped[CouncilGroup] = relationship()
    author: Mapped[User] = relationship()
