"""Themes, not text: the figures managers and the Corporate Parenting Board see about Heard
between reviews. Counts only, never a word a young person wrote, never a name.

- `counts(authority_id, start, end)` gives the raw numbers (for the board pack, which protects
  them together with the rest of the pack);
- `figures(authority_id, start, end)` gives them made safe to show on their own: every figure goes
  through `app.reports.disclosure.protect`, with the relations a reader can see between the tables
  (months and the whole period; topics and the messages they belong to; answers, sorting and
  complaint stages against the kinds they count), so no hidden figure can be worked out.
A thing belongs to the period in which it was sent (a call-back: asked; a complaint stage: started).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ..extensions import db
from ..reports.disclosure import BASE, MIN_CELL, Distribution, distribution, protect
from ..working_days import UK, add_working_days, local_day, working_days_between
from .models import (
    ADVOCACY_STATUSES,
    COMPLAINT,
    FACES,
    REPRESENTATION_KINDS,
    SENT,
    STAGES,
    STATEMENT_KINDS,
    TOPICS,
    AdvocacyRequest,
    CallBack,
    ComplaintStage,
    Representation,
    Statement,
)
from .settings import settings_for

NO_TOPIC = "none"
TOPIC_KEYS = (*TOPICS, NO_TOPIC)
STAGE_OUTCOMES = ("answered_in_time", "answered_late", "open_late", "open_in_time")
YES_NO = ("yes", "no")


@dataclass
class Timing:
    """How long something took, in working days, for those it happened to."""

    count: int
    median_days: float | None  # None when fewer than MIN_CELL things are measured


@dataclass
class Counts:
    """The raw numbers for a council and period: never shown as they are."""

    start: date
    end: date
    months: list[date]
    kinds: dict[date, dict[str, int]]  # month -> statement kind -> how many were sent
    council: dict[date, dict[str, int]]  # month -> complaint, compliment or comment -> how many
    topics: dict[date, dict[str, int]]  # month -> topic (or "none") -> statements
    faces: dict[str, int]
    acknowledged_in_time: dict[str, int]  # yes/no, of statements
    sorted: dict[str, int]  # yes/no, of statements
    callbacks_within_promise: dict[str, int]  # yes/no, of call-backs made or already late
    stages: dict[int, dict[str, int]]  # stage -> STAGE_OUTCOMES
    advocacy: dict[str, int]  # status -> requests
    days_to_acknowledge: list[float]
    days_to_reply: list[float]
    unread_days: int


@dataclass
class Figures:
    start: date
    end: date
    months: list[date]
    kinds_overall: Distribution  # messages to workers, by kind
    kinds_by_month: dict[date, Distribution]
    council_overall: Distribution  # complaints, compliments and comments
    council_by_month: dict[date, Distribution]
    topics_overall: Distribution
    topics_by_month: dict[date, Distribution]
    faces: Distribution
    acknowledged_in_time: Distribution  # within the council's unread days
    time_to_acknowledge: Timing
    time_to_reply: Timing
    sorted_share: Distribution
    callbacks_within_promise: Distribution
    stages: dict[int, Distribution] = field(default_factory=dict)
    advocacy: Distribution | None = None
    unread_days: int = 2


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, time(0), tzinfo=UK), datetime.combine(end + timedelta(days=1), time(0), tzinfo=UK)


def months_between(start: date, end: date) -> list[date]:
    months, month = [], date(start.year, start.month, 1)
    while month <= end:
        months.append(month)
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return months


def _month(moment: datetime) -> date:
    day = local_day(moment)
    return date(day.year, day.month, 1)


def _days(start: datetime, end: datetime) -> float:
    """Working days from one moment to another, by their UK dates (the same day: 0)."""
    return float(working_days_between(local_day(start), local_day(end)))


def _timing(values: list[float]) -> Timing:
    if len(values) < MIN_CELL:
        return Timing(len(values), None)
    return Timing(len(values), statistics.median(values))


def _add(counts: dict, key, n: int = 1) -> None:
    counts[key] = counts.get(key, 0) + n


def counts(authority_id: int, start: date, end: date, *, now: datetime | None = None) -> Counts:
    settings = settings_for(authority_id)
    low, high = _bounds(start, end)
    months = months_between(start, end)
    now = now or datetime.now(UK)

    statements = list(db.session.scalars(
        select(Statement).where(Statement.authority_id == authority_id, Statement.status == SENT, Statement.sent_at >= low, Statement.sent_at < high)
    ))
    representations = list(db.session.scalars(
        select(Representation).where(
            Representation.authority_id == authority_id, Representation.status == SENT, Representation.sent_at >= low, Representation.sent_at < high
        )
    ))
    kinds = {m: {} for m in months}
    council = {m: {} for m in months}
    topics = {m: {} for m in months}
    faces: dict[str, int] = {}
    for statement in statements:
        month = _month(statement.sent_at)
        _add(kinds[month], statement.kind)
        _add(topics[month], statement.topic or NO_TOPIC)
        if statement.face:
            _add(faces, statement.face)
    for item in representations:
        _add(council[_month(item.sent_at)], item.kind)

    acknowledged, sorted_counts = {"yes": 0, "no": 0}, {"yes": 0, "no": 0}
    to_ack, to_reply = [], []
    for statement in statements:
        answers = [t for t in (statement.acknowledged_at, *(r.created_at for r in statement.replies)) if t is not None]
        first_answer = min(answers, default=None)
        deadline = add_working_days(local_day(statement.sent_at), settings.unread_days)
        _add(acknowledged, "yes" if first_answer is not None and local_day(first_answer) <= deadline else "no")
        if first_answer is not None:
            to_ack.append(_days(statement.sent_at, first_answer))
        if statement.replies:
            to_reply.append(_days(statement.sent_at, statement.replies[0].created_at))
        _add(sorted_counts, "yes" if statement.sorted_at else "no")

    kept = {"yes": 0, "no": 0}
    for callback in db.session.scalars(
        select(CallBack).where(CallBack.authority_id == authority_id, CallBack.created_at >= low, CallBack.created_at < high, CallBack.cancelled_at.is_(None))
    ):
        if callback.done_at is not None:
            _add(kept, "yes" if callback.done_at <= callback.due_at else "no")
        elif now > callback.due_at:
            _add(kept, "no")  # still waiting and already late; one not yet due is not counted

    today = local_day(now)
    stages = {number: {} for number in STAGES}
    for stage in db.session.scalars(
        select(ComplaintStage).join(Representation, Representation.id == ComplaintStage.complaint_id).where(
            ComplaintStage.authority_id == authority_id, Representation.kind == COMPLAINT,
            ComplaintStage.started_on >= start, ComplaintStage.started_on <= end,
        )
    ):
        if stage.responded_on is not None:
            key = "answered_in_time" if stage.responded_on <= stage.deadline else "answered_late"
        else:
            key = "open_late" if today > stage.deadline else "open_in_time"
        _add(stages[stage.number], key)

    advocacy: dict[str, int] = {}
    for item in db.session.scalars(
        select(AdvocacyRequest).where(AdvocacyRequest.authority_id == authority_id, AdvocacyRequest.referred_at >= low, AdvocacyRequest.referred_at < high)
    ):
        _add(advocacy, item.status)

    return Counts(start, end, months, kinds, council, topics, faces, acknowledged, sorted_counts, kept, stages, advocacy, to_ack, to_reply,
                  settings.unread_days)


def _summed(table: dict[date, dict[str, int]]) -> dict[str, int]:
    """The whole period: each category summed over the months."""
    whole: dict[str, int] = {}
    for row in table.values():
        for key, n in row.items():
            _add(whole, key, n)
    return whole


def figures(authority_id: int, start: date, end: date, *, now: datetime | None = None) -> Figures:
    raw = counts(authority_id, start, end, now=now)
    tables = {"kinds": (raw.kinds, STATEMENT_KINDS), "council": (raw.council, REPRESENTATION_KINDS), "topics": (raw.topics, TOPIC_KEYS)}
    nodes: dict = {}
    categories_of: dict = {}
    equations = []
    for name, (by_month, categories) in tables.items():
        nodes[name] = _summed(by_month)
        nodes |= {(name, m): by_month[m] for m in raw.months}
        categories_of |= {key: categories for key in (name, *((name, m) for m in raw.months))}
        equations.append((name, [(name, m) for m in raw.months]))
    nodes |= {"acknowledged": raw.acknowledged_in_time, "sorted": raw.sorted, "stage_1": raw.stages[1]}
    categories_of |= {"acknowledged": YES_NO, "sorted": YES_NO, "stage_1": STAGE_OUTCOMES}
    # Each month's (and the period's) topics count the same messages as its kinds; so do the
    # answered-in-time and sorted figures; every complaint sent in the period started stage 1 in it.
    lines = [(((("topics", m), BASE)), [(("kinds", m), BASE)]) for m in raw.months]
    lines += [((name, BASE), [("kinds", BASE)]) for name in ("topics", "acknowledged", "sorted")]
    lines += [(("stage_1", BASE), [("council", COMPLAINT)])]
    safe = protect(nodes, STATEMENT_KINDS, equations, categories_of=categories_of, lines=lines)
    return Figures(
        start=raw.start,
        end=raw.end,
        months=raw.months,
        kinds_overall=safe["kinds"],
        kinds_by_month={m: safe[("kinds", m)] for m in raw.months},
        council_overall=safe["council"],
        council_by_month={m: safe[("council", m)] for m in raw.months},
        topics_overall=safe["topics"],
        topics_by_month={m: safe[("topics", m)] for m in raw.months},
        faces=distribution(raw.faces, FACES),
        acknowledged_in_time=safe["acknowledged"],
        time_to_acknowledge=_timing(raw.days_to_acknowledge),
        time_to_reply=_timing(raw.days_to_reply),
        sorted_share=safe["sorted"],
        callbacks_within_promise=distribution(raw.callbacks_within_promise, YES_NO),
        stages={1: safe["stage_1"], **{n: distribution(raw.stages[n], STAGE_OUTCOMES) for n in STAGES if n != 1}},
        advocacy=distribution(raw.advocacy, ADVOCACY_STATUSES),
        unread_days=raw.unread_days,
    )
