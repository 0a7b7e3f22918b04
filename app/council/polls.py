"""Polls: open for a period, or live at a meeting with the facilitator opening each question.

The promise, as the question page puts it: nobody can see what you chose, not even the staff;
until voting closes Heard keeps a link to your vote so you can change it on this phone or
computer, and when voting closes even that link is deleted. It is meant to hold against someone
holding the whole database, the server's logs and SECRET_KEY (tests/privacy/test_polls.py):

- `PollVoter` says that a member voted on a question (one ballot each: a unique constraint),
  never which ballot is theirs.
- A ballot holds no person, no time and a random id, in a table with no hidden order (SQLite
  WITHOUT ROWID). It is found by the hash of a random key kept only in the voter's browser
  session (app/privacy/keys.py): the server cannot make that key from the voter's id or its
  secret, so a session forged with SECRET_KEY finds nothing. From another browser, or after
  signing out, the vote stands but cannot be shown or changed.
- When a question closes (`seal_question`) every key is wiped and the question's ballots are
  written afresh, in a random order with new ids, in one transaction: PostgreSQL's physical
  order and writing transaction no longer tie a ballot to its voter's row, as they do until then.
- Comments and "other" answers go to moderation with their author (moderators need to know who
  wrote them); no ballot points at them and they point at no ballot. "Other" is counted from
  those answers.
"""
from __future__ import annotations

import hashlib
import hmac
import random
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from .. import audit
from ..access import YOUNG_PERSON
from ..auth.models import User
from ..errors import RuleBroken
from ..extensions import db
from ..models_base import utcnow
from ..once import add_once
from ..privacy.anonymous import forget_loaded, rewrite_shuffled
from ..privacy.keys import key_hash as hash_key
from . import texts
from .models import (
    CLOSED,
    COMMENT,
    DRAFT,
    EVERYONE,
    LIVE_POLL,
    MULTIPLE,
    OPEN,
    OPEN_POLL,
    OTHER_TEXT,
    SINGLE,
    CouncilGroup,
    Meeting,
    Poll,
    PollBallot,
    PollChoice,
    PollOption,
    PollQuestion,
    PollText,
    PollVoter,
)
from .service import is_facilitator, is_member, member_group_ids

OTHER = "other"  # the form value for the "other" choice


# --- making polls --------------------------------------------------------------------------

def save_poll(poll: Poll | None, *, group: CouncilGroup, title: dict, mode: str, audience: str,
              hide_results_until_close: bool, opens_at: datetime | None = None, closes_at: datetime | None = None,
              meeting: Meeting | None = None, by: User) -> Poll:
    if not (title or {}).get("en", "").strip():
        raise RuleBroken(_l("Enter a title in English"), "title_en")
    if mode == OPEN_POLL and opens_at and closes_at and closes_at <= opens_at:
        raise RuleBroken(_l("The closing date must be after the opening date"), "closes_at")
    if meeting is not None and meeting.group_id != group.id:
        raise RuleBroken(_l("Choose a meeting of this group"), "meeting_id")
    if poll is None:
        poll = Poll(authority_id=group.authority_id, group_id=group.id, created_by_id=by.id, state=DRAFT)
        db.session.add(poll)
    elif poll.state == CLOSED:
        raise RuleBroken(_l("This poll has closed and cannot be changed"))
    poll.title, poll.mode, poll.audience = title, mode, audience
    poll.hide_results_until_close = hide_results_until_close
    poll.opens_at, poll.closes_at = (opens_at, closes_at) if mode == OPEN_POLL else (None, None)
    poll.meeting_id = meeting.id if meeting else None
    db.session.flush()
    audit.record("council.poll_saved", poll, actor=by)
    return poll


def add_question(poll: Poll, *, text: dict, kind: str, options: list[dict], allow_other: bool = False,
                 allow_comment: bool = False, question: PollQuestion | None = None) -> PollQuestion:
    """Add (or, before anyone has voted, rewrite) a question. `options` are {locale: text} dicts."""
    if poll.state == CLOSED:
        raise RuleBroken(_l("This poll has closed and cannot be changed"))
    if not (text or {}).get("en", "").strip():
        raise RuleBroken(_l("Enter the question in English"), "text_en")
    options = [o for o in options if (o or {}).get("en", "").strip()]
    if len(options) < 2:
        raise RuleBroken(_l("Give at least two answers to choose from, one on each line"), "options_en")
    if kind not in (SINGLE, MULTIPLE):
        raise RuleBroken(_l("Choose how many answers people can pick"), "kind")
    if question is None:
        question = PollQuestion(authority_id=poll.authority_id, poll=poll, position=len(poll.questions),
                                state=OPEN if (poll.state == OPEN and poll.mode == OPEN_POLL) else DRAFT)
        db.session.add(question)
    elif ballot_count(question):
        raise RuleBroken(_l("People have already answered this question, so it cannot be changed"))
    question.text, question.kind, question.allow_other, question.allow_comment = text, kind, allow_other, allow_comment
    for old in list(question.options):
        question.options.remove(old)
    db.session.flush()
    for position, option in enumerate(options):
        question.options.append(PollOption(authority_id=poll.authority_id, position=position, text=option))
    db.session.flush()
    return question


def open_poll(poll: Poll, by: User) -> Poll:
    """Start the poll. An open poll takes answers to every question at once; a live poll waits for
    the facilitator to open each question at the meeting."""
    if not poll.questions:
        raise RuleBroken(_l("Add a question before opening the poll"))
    if poll.state == CLOSED:
        raise RuleBroken(_l("This poll has closed"))
    poll.state = OPEN
    now = utcnow()
    if poll.mode == OPEN_POLL:
        for question in poll.questions:
            question.state, question.opened_at = OPEN, question.opened_at or now
    db.session.flush()
    audit.record("council.poll_opened", poll, actor=by)
    return poll


def close_poll(poll: Poll, by: User | None) -> Poll:
    now = utcnow()
    poll.state, poll.closed_at = CLOSED, now
    for question in poll.questions:
        if question.state != CLOSED:
            question.state, question.closed_at = CLOSED, now
    db.session.flush()
    for question in poll.questions:
        seal_question(question)
    audit.record("council.poll_closed", poll, actor=by, authority_id=poll.authority_id)
    return poll


def open_question(question: PollQuestion, by: User) -> PollQuestion:
    """Live polls: open one question for voting; any other open question of the poll closes."""
    poll = question.poll
    if poll.mode != LIVE_POLL:
        raise RuleBroken(_l("Only questions of a live poll are opened one at a time"))
    if poll.state == CLOSED:
        raise RuleBroken(_l("This poll has closed"))
    if poll.state == DRAFT:
        open_poll(poll, by)
    now = utcnow()
    for other in poll.questions:
        if other.id != question.id and other.state == OPEN:
            other.state, other.closed_at = CLOSED, now
            seal_question(other)
    # Re-opening a closed question lets people carry on voting; their ballots are kept.
    question.state, question.opened_at, question.closed_at = OPEN, question.opened_at or now, None
    db.session.flush()
    audit.record("council.poll_question_opened", question, actor=by)
    return question


def close_question(question: PollQuestion, by: User) -> PollQuestion:
    if question.state != OPEN:
        raise RuleBroken(_l("This question is not open"))
    question.state, question.closed_at = CLOSED, utcnow()
    db.session.flush()
    seal_question(question)
    audit.record("council.poll_question_closed", question, actor=by)
    return question


def seal_question(question: PollQuestion, *, rng: random.Random | None = None) -> None:
    """Voting on the question has closed: wipe every ballot's key and write the ballots (and
    their choices) afresh in a random order with new ids, in the caller's transaction. From now
    on nothing, not even the database, can tell whose ballot is whose. A question opened again
    takes new votes; the sealed ones stand as they are."""
    forget_loaded(PollChoice, lambda _choice: True)
    forget_loaded(PollBallot, lambda ballot: ballot.question_id == question.id)
    table = PollBallot.__table__
    rewrite_shuffled(table, table.c.question_id == question.id, children=((PollChoice.__table__, "ballot_id"),),
                     change=lambda row: row.update(key_hash=None), rng=rng)


# --- state -----------------------------------------------------------------------------------

def poll_is_open(poll: Poll, now: datetime | None = None) -> bool:
    now = now or utcnow()
    if poll.state != OPEN:
        return False
    if poll.mode == OPEN_POLL:
        if poll.opens_at and now < poll.opens_at:
            return False
        if poll.closes_at and now >= poll.closes_at:
            return False
    return True


def poll_is_closed(poll: Poll, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return poll.state == CLOSED or (poll.mode == OPEN_POLL and poll.state == OPEN and poll.closes_at is not None and now >= poll.closes_at)


def question_is_open(question: PollQuestion, now: datetime | None = None) -> bool:
    return question.state == OPEN and poll_is_open(question.poll, now)


def question_is_closed(question: PollQuestion, now: datetime | None = None) -> bool:
    return question.state == CLOSED or poll_is_closed(question.poll, now)


def current_question(poll: Poll) -> PollQuestion | None:
    """The question a live poll is on: the open one, else the last one closed."""
    open_ = [q for q in poll.questions if q.state == OPEN]
    if open_:
        return open_[0]
    closed = [q for q in poll.questions if q.state == CLOSED and q.closed_at]
    return max(closed, key=lambda q: q.closed_at) if closed else None


def close_expired_polls(now: datetime | None = None) -> int:
    """Mark open-period polls whose closing time has passed as closed (run from the reminders job)."""
    now = now or utcnow()
    stmt = select(Poll).where(Poll.state == OPEN, Poll.mode == OPEN_POLL, Poll.closes_at.is_not(None), Poll.closes_at <= now)
    # Another app server's run may be closing the same polls: each is closed by one run only.
    polls = db.session.scalars(stmt.with_for_update(skip_locked=True)).all()
    for poll in polls:
        close_poll(poll, None)
    return len(polls)


# --- who may see and vote ------------------------------------------------------------------

def can_vote(poll: Poll, user: User) -> bool:
    if user.role != YOUNG_PERSON or user.authority_id != poll.authority_id:
        return False
    return poll.audience == EVERYONE or is_member(poll.group, user)


def can_see(poll: Poll, user: User) -> bool:
    if user.authority_id != poll.authority_id:
        return False
    if is_facilitator(user):
        return True
    return poll.state != DRAFT and can_vote(poll, user)


def polls_for(user: User, *, open_only: bool = True) -> list[Poll]:
    """Polls a young person can answer (or see the results of)."""
    groups = member_group_ids(user)
    stmt = select(Poll).where(Poll.state.in_((OPEN,) if open_only else (OPEN, CLOSED)))
    polls = [p for p in db.session.scalars(stmt.order_by(Poll.created_at.desc())).all()
             if p.audience == EVERYONE or p.group_id in groups]
    if open_only:
        polls = [p for p in polls if poll_is_open(p)]
    return polls


def group_polls(group: CouncilGroup) -> list[Poll]:
    return list(db.session.scalars(select(Poll).where(Poll.group_id == group.id).order_by(Poll.created_at.desc())).all())


# --- voting ----------------------------------------------------------------------------------

def _key(purpose: str, question_id: int, user_id: int) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"heard.council.{purpose}:{question_id}:{user_id}".encode(), hashlib.sha256).hexdigest()


def device_purpose(question: PollQuestion | int) -> str:
    """What the voter's browser calls its key for this question (app/privacy/keys.py)."""
    return f"poll:{getattr(question, 'id', question)}"


def ballot_key_hash(question: PollQuestion | int, key: str) -> str:
    return hash_key(device_purpose(question), key)


def has_voted(question_id: int, user: User) -> bool:
    stmt = select(PollVoter.id).where(PollVoter.question_id == question_id, PollVoter.user_id == user.id)
    return db.session.scalar(stmt) is not None


def text_key(question: PollQuestion, user: User) -> str:
    # Comments and "other" answers have known authors: this keeps one of each per member.
    return _key("text", question.id, user.id)


def my_ballot(question: PollQuestion, key: str | None) -> PollBallot | None:
    """The ballot this browser's key finds (None without the key: nobody else can find it)."""
    if not key:
        return None
    stmt = select(PollBallot).where(PollBallot.question_id == question.id, PollBallot.key_hash == ballot_key_hash(question, key))
    return db.session.scalar(stmt)


def my_choices(question: PollQuestion, user: User, key: str | None) -> set[str]:
    """What this member chose, as form values (option ids as strings, and "other"), as far as
    this browser's key can tell: empty where it cannot (see `has_voted`)."""
    ballot = my_ballot(question, key)
    if ballot is None:
        return set()
    chosen = {str(choice.option_id) for choice in ballot.choices}
    if _own_text_row(question, user, OTHER_TEXT) is not None:
        chosen.add(OTHER)
    return chosen


@dataclass
class VoteOutcome:
    ballot: PollBallot
    changed: bool  # True when an earlier vote was replaced
    risk: bool = False  # free text suggested risk: show where to get help now
    item: object | None = None  # that text's moderation item, so the page can say who was told


def cast_vote(question: PollQuestion, user: User, choices: list[str], *, key: str, other_text: str | None = None,
              comment: str | None = None, language: str | None = None) -> VoteOutcome:
    """Cast or change the member's vote. `key` is their browser's random key for the question:
    it finds (and changes) the ballot it made, and nothing else can."""
    poll = question.poll
    if not can_vote(poll, user):
        raise RuleBroken(_l("This poll is for members of the group"))
    if not question_is_open(question):
        raise RuleBroken(_l("Voting on this question has closed"), "choice")
    valid = {str(option.id): option for option in question.options}
    picked = list(dict.fromkeys(c for c in choices if c))
    unknown = [c for c in picked if c not in valid and not (c == OTHER and question.allow_other)]
    if unknown or not picked:
        raise RuleBroken(_l("Choose an answer"), "choice")
    if question.kind == SINGLE and len(picked) > 1:
        raise RuleBroken(_l("Choose one answer"), "choice")
    other_text, comment = texts.clean(other_text), texts.clean(comment)
    wants_other = OTHER in picked
    if wants_other and not other_text:
        raise RuleBroken(_l("Write your other answer"), "other_text")
    texts.check_length(other_text, "other_text")
    texts.check_length(comment, "comment")
    if comment and not question.allow_comment:
        comment = ""

    ballot = my_ballot(question, key)
    changed = ballot is not None
    if ballot is None:
        if has_voted(question.id, user):
            raise RuleBroken(_l("You have already voted on this question on another phone or computer, or before you signed out. "
                                  "Your vote is secret, so it cannot be changed from here."), "choice")
        ballot = PollBallot(authority_id=poll.authority_id, question_id=question.id, key_hash=ballot_key_hash(question, key))
        try:
            with db.session.begin_nested():
                db.session.add(PollVoter(authority_id=poll.authority_id, question_id=question.id, user_id=user.id))
                db.session.add(ballot)
        except IntegrityError:
            # A second tap raced the first: vote on the ballot that won, if it is this browser's.
            ballot = my_ballot(question, key)
            if ballot is None:
                raise RuleBroken(_l("You have already voted on this question."), "choice") from None
            changed = True
    ballot.choices[:] = [PollChoice(option_id=valid[c].id) for c in picked if c != OTHER]
    db.session.flush()

    risky = None
    if wants_other:
        risky = _save_text(question, user, OTHER_TEXT, texts.POLL_OTHER, other_text, language)
    else:
        _drop_text(question, user, OTHER_TEXT)
    if comment:
        risky = _save_text(question, user, COMMENT, texts.POLL_COMMENT, comment, language) or risky
    return VoteOutcome(ballot=ballot, changed=changed, risk=risky is not None, item=risky)


def _own_text_row(question: PollQuestion, user: User, kind: str) -> PollText | None:
    stmt = select(PollText).where(PollText.question_id == question.id, PollText.text_key == text_key(question, user), PollText.kind == kind)
    return db.session.scalar(stmt)


def _save_text(question: PollQuestion, user: User, kind: str, source: str, text: str, language: str | None):
    """Queue the text for moderation; its moderation item if it suggested risk, else None."""
    row = _own_text_row(question, user, kind)
    if row is not None:
        own = texts.own_view(row.item_id, user)
        if own is not None and own.text == text:
            return None  # unchanged: do not queue it twice
    item = texts.submit(authority_id=question.authority_id, source=source, source_id=question.id, text=text,
                        language=language, author=user)
    if row is None:
        row, _added = add_once(PollText(authority_id=question.authority_id, question_id=question.id,
                                        text_key=text_key(question, user), kind=kind, item_id=item.id),
                               lambda: _own_text_row(question, user, kind))
    row.item_id = item.id
    db.session.flush()
    return item if getattr(item, "risk", False) else None


def _drop_text(question: PollQuestion, user: User, kind: str) -> None:
    row = _own_text_row(question, user, kind)
    if row is not None:
        db.session.delete(row)
        db.session.flush()


def my_texts(question: PollQuestion, user: User) -> dict:
    """The member's own comment and "other" answer: {kind: OwnView(text, status, reason, ...)}."""
    found = {}
    for kind in (COMMENT, OTHER_TEXT):
        row = _own_text_row(question, user, kind)
        if row is not None:
            found[kind] = texts.own_view(row.item_id, user)
    return found


def published_texts(question: PollQuestion) -> dict[str, list]:
    """Approved comments and "other" answers, for the group; never with a name."""
    rows = db.session.scalars(select(PollText).where(PollText.question_id == question.id).order_by(PollText.created_at)).all()
    shown = texts.published([row.item_id for row in rows])
    result: dict[str, list] = {COMMENT: [], OTHER_TEXT: []}
    for row in rows:
        if row.item_id in shown:
            result[row.kind].append(shown[row.item_id])
    return result


# --- results ---------------------------------------------------------------------------------

def ballot_count(question: PollQuestion) -> int:
    return db.session.scalar(select(func.count()).select_from(PollBallot).where(PollBallot.question_id == question.id)) or 0


@dataclass
class Results:
    question: PollQuestion
    voters: int
    counts: dict = field(default_factory=dict)  # option id (or "other") -> count
    hidden: bool = False  # results are kept back until the poll closes

    @property
    def rows(self) -> list[tuple]:
        """(key, option or None, count, percent of voters) in the question's order."""
        rows = []
        for option in self.question.options:
            n = self.counts.get(option.id, 0)
            rows.append((option.id, option, n, (100.0 * n / self.voters) if self.voters else 0.0))
        if self.question.allow_other:
            n = self.counts.get(OTHER, 0)
            rows.append((OTHER, None, n, (100.0 * n / self.voters) if self.voters else 0.0))
        return rows

    def signature(self) -> str:
        """Changes whenever anything shown changes; lets a page skip redrawing."""
        state = "%s:%s:%s" % (self.question.id, self.question.state, self.hidden)
        body = ",".join(f"{k}={v}" for k, v in sorted(self.counts.items(), key=lambda kv: str(kv[0])))
        return hashlib.sha256(f"{state}|{self.voters}|{body}".encode()).hexdigest()[:16]


def count_votes(question: PollQuestion) -> dict:
    stmt = (
        select(PollChoice.option_id, func.count())
        .join(PollBallot, PollBallot.id == PollChoice.ballot_id)
        .where(PollBallot.question_id == question.id)
        .group_by(PollChoice.option_id)
    )
    counts: dict = {option_id: n for option_id, n in db.session.execute(stmt).all()}
    if question.allow_other:
        counts[OTHER] = db.session.scalar(
            select(func.count()).select_from(PollText).where(PollText.question_id == question.id, PollText.kind == OTHER_TEXT)
        ) or 0
    return counts


def results(question: PollQuestion) -> Results:
    """Counts as the group sees them. With results hidden until close, only the number of
    voters is given (to everyone, facilitators too) until the question closes."""
    voters = ballot_count(question)
    hidden = question.poll.hide_results_until_close and not question_is_closed(question)
    counts = {} if hidden else count_votes(question)
    return Results(question=question, voters=voters, counts=counts, hidden=hidden)


def export_rows(poll: Poll) -> list[list[str]]:
    """Poll results for a CSV leaving the group: through the small-numbers rules."""
    from ..i18n.content import localise
    from ..reports.disclosure import distribution

    from ..reports.disclosure import MIN_CELL

    rows = [["question", "answer", "votes", "share of answers"]]
    for question in poll.questions:
        if question.poll.hide_results_until_close and not question_is_closed(question):
            continue
        counts = count_votes(question)
        # Multiple-choice answers can overlap, so a voter may appear in several rows; the base
        # is the number of voters either way.
        keys = [option.id for option in question.options] + ([OTHER] if question.allow_other else [])
        dist = distribution(counts, keys)
        labels = {option.id: localise(option.text, "en").text for option in question.options}
        labels[OTHER] = "Other"
        qtext = localise(question.text, "en").text
        for key in keys:
            cell = dist.cell(key)
            rows.append([qtext, labels[key], cell.csv if cell else "", cell.percent_text if cell else ""])
        voters = ballot_count(question)
        rows.append([qtext, "(people who voted)", str(voters) if voters >= MIN_CELL else "<5", ""])
    return rows


# --- what live pages ask for every second or two -----------------------------------------------

SNAPSHOT_SECONDS = 0.5  # how stale a live page's answer may be; far inside the 2 s the room sees
MEMBER_SECONDS = 5.0  # how long "is a member" is trusted by live pages before it is checked again


def _ttl(seconds: float) -> float:
    # Tests empty the database between tests and ids come round again: no sharing there, unless
    # a test asks for it (COUNCIL_LIVE_CACHE).
    if current_app.testing and not current_app.config.get("COUNCIL_LIVE_CACHE"):
        return 0.0
    return seconds


@dataclass(frozen=True)
class Snapshot:
    group_id: int
    audience: str
    mode: str
    poll_state: str
    current: int | None  # the question open now (live polls)
    question: int | None
    question_open: bool
    voters: int
    signature: str


_snapshots: dict[tuple, tuple[float, Snapshot | None]] = {}
_members: dict[tuple, tuple[float, bool]] = {}


def snapshot(authority_id: int, poll_id: int, question_id: int | None) -> Snapshot | None:
    """The state of a poll and one of its questions (None if the council has no such poll or
    question), shared by every request in this process for half a second, so a room of phones
    asking at once costs the database one round of queries, not hundreds."""
    import time

    key = (authority_id, poll_id, question_id)
    now = time.monotonic()
    cached = _snapshots.get(key)
    if cached is not None and now - cached[0] < _ttl(SNAPSHOT_SECONDS):
        return cached[1]
    poll = db.session.get(Poll, poll_id)
    question = db.session.get(PollQuestion, question_id) if question_id is not None else None
    if poll is None or poll.authority_id != authority_id or (question_id is not None and (question is None or question.poll_id != poll.id)):
        shot = None
    else:
        current = current_question(poll) if poll.mode == LIVE_POLL else None
        current_id = current.id if current is not None and current.state == OPEN else None
        if question is not None:
            result = results(question)
            shot = Snapshot(poll.group_id, poll.audience, poll.mode, poll.state, current_id, question.id,
                            question_is_open(question), result.voters, result.signature())
        else:
            shot = Snapshot(poll.group_id, poll.audience, poll.mode, poll.state, current_id, None, False, 0, "")
    if len(_snapshots) > 1000:
        _snapshots.clear()
    _snapshots[key] = (now, shot)
    return shot


def member_recently(group_id: int, user: User) -> bool:
    """Membership for live pages, trusted for a few seconds (someone who leaves stops getting
    updates within MEMBER_SECONDS; every vote and page load still checks at once)."""
    import time

    from .models import ACTIVE, Membership

    key = (group_id, user.id)
    now = time.monotonic()
    cached = _members.get(key)
    if cached is not None and now - cached[0] < _ttl(MEMBER_SECONDS):
        return cached[1]
    found = db.session.scalar(select(Membership.state).where(Membership.group_id == group_id, Membership.user_id == user.id))
    if len(_members) > 10000:
        _members.clear()
    _members[key] = (now, found == ACTIVE)
    return found == ACTIVE


def projector_opened(poll: Poll) -> None:
    """The room's screen shows how young people are voting: who put it up is logged."""
    audit.record("council.projector_opened", poll)


def exported(poll: Poll) -> None:
    audit.record("council.poll_exported", poll)
