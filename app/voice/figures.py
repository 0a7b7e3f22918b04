"""Themes, not text: the figures managers and the Corporate Parenting Board see about Heard
between reviews. Counts only, never a word a young person wrote, never a name.

- `counts(authority_id, start, end)` gives the raw numbers, with how many different young people
  stand behind each table; they are never shown as they are;
- `safe(counts)` makes them safe to show: every figure goes through
  `app.reports.disclosure.protect`, with the relations a reader can see between the tables (months
  and the whole period; topics and faces and the messages they belong to; answers, sorting and
  complaint stages against the kinds they count), so no hidden figure can be worked out; and a
  table behind which fewer than 10 young people stand is not broken down, because one young
  person can send many messages;
- `figures(authority_id, start, end)` is the two together, for the managers' page and the board
  pack (one call per period: periods that do not overlap share no figure).
A thing belongs to the period in which it was sent (a call-back: asked; a complaint stage: started).
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..reports.disclosure import BASE, MIN_CELL, Distribution, protect
from ..working_days import UK, add_working_days, local_day, working_days_between
from .models import (
    ADVOCACY_STATUSES,
    COMPLAINT,
    FACES,
    FEELING,
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
from ..tenancy import for_council

NO_TOPIC = "none"
TOPIC_KEYS = (*TOPICS, NO_TOPIC)
NO_FACE = "none"
FACE_KEYS = (*FACES, NO_FACE)  # of the messages about how someone feels
STAGE_OUTCOMES = ("answered_in_time", "answered_late", "open_late", "open_in_time")
YES_NO = ("yes", "no")


@dataclass
class Timing:
    """How long something took, in working days, for those it happened to."""

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
    faces: dict[str, int]  # face (or "none") -> messages about how someone feels
    acknowledged_in_time: dict[str, int]  # yes/no, of statements
    sorted: dict[str, int]  # yes/no, of statements
    callbacks_within_promise: dict[str, int]  # yes/no, of call-backs made or already late
    stages: dict[int, dict[str, int]]  # stage -> STAGE_OUTCOMES
    advocacy: dict[str, int]  # status -> requests
    days_to_acknowledge: list[float]
    days_to_reply: list[float]
    unread_days: int
    # How many different young people stand behind each table: "kinds" (and "topics",
    # "acknowledged", "sorted", which count the same messages), ("kinds", month), "council",
    # ("council", month), "faces", "callbacks", ("stage", number) and "advocacy".
    people: dict = field(default_factory=dict)


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
    return Timing(statistics.median(values) if len(values) >= MIN_CELL else None)


def _add(counts: dict, key, n: int = 1) -> None:
    counts[key] = counts.get(key, 0) + n


@for_council
def counts(authority_id: int, start: date, end: date, *, now: datetime | None = None) -> Counts:
    settings = settings_for(authority_id)
    low, high = _bounds(start, end)
    months = months_between(start, end)
    now = now or datetime.now(UK)
    people: dict = {}  # table -> the young people behind it

    def seen(table, young_person_id) -> None:
        people.setdefault(table, set()).add(young_person_id)

    statements = list(db.session.scalars(
        select(Statement).options(selectinload(Statement.replies))
        .where(Statement.status == SENT, Statement.sent_at >= low, Statement.sent_at < high)
    ))
    representations = list(db.session.scalars(
        select(Representation).where(
            Representation.status == SENT, Representation.sent_at >= low, Representation.sent_at < high
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
        seen("kinds", statement.young_person_id)
        seen(("kinds", month), statement.young_person_id)
        if statement.kind == FEELING:
            _add(faces, statement.face or NO_FACE)
            seen("faces", statement.young_person_id)
    for item in representations:
        month = _month(item.sent_at)
        _add(council[month], item.kind)
        seen("council", item.young_person_id)
        seen(("council", month), item.young_person_id)

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
        select(CallBack).where(CallBack.created_at >= low, CallBack.created_at < high, CallBack.cancelled_at.is_(None))
    ):
        if callback.done_at is not None:
            _add(kept, "yes" if callback.done_at <= callback.due_at else "no")
        elif now > callback.due_at:
            _add(kept, "no")  # still waiting and already late; one not yet due is not counted
        else:
            continue
        seen("callbacks", callback.young_person_id)

    today = local_day(now)
    stages = {number: {} for number in STAGES}
    for stage, young_person_id in db.session.execute(
        select(ComplaintStage, Representation.young_person_id).join(Representation, Representation.id == ComplaintStage.complaint_id).where(
            Representation.kind == COMPLAINT,
            ComplaintStage.started_on >= start, ComplaintStage.started_on <= end,
        )
    ):
        if stage.responded_on is not None:
            key = "answered_in_time" if stage.responded_on <= stage.deadline else "answered_late"
        else:
            key = "open_late" if today > stage.deadline else "open_in_time"
        _add(stages[stage.number], key)
        seen(("stage", stage.number), young_person_id)

    advocacy: dict[str, int] = {}
    for item in db.session.scalars(
        select(AdvocacyRequest).where(AdvocacyRequest.referred_at >= low, AdvocacyRequest.referred_at < high)
    ):
        _add(advocacy, item.status)
        seen("advocacy", item.young_person_id)

    return Counts(start, end, months, kinds, council, topics, faces, acknowledged, sorted_counts, kept, stages, advocacy, to_ack, to_reply,
                  settings.unread_days, {table: len(ids) for table, ids in people.items()})


def _summed(table: dict[date, dict[str, int]]) -> dict[str, int]:
    """The whole period: each category summed over the months."""
    whole: dict[str, int] = {}
    for row in table.values():
        for key, n in row.items():
            _add(whole, key, n)
    return whole


def safe(raw: Counts) -> Figures:
    """The figures of `counts()` as they may be shown, all protected together."""
    tables = {"kinds": (raw.kinds, STATEMENT_KINDS), "council": (raw.council, REPRESENTATION_KINDS), "topics": (raw.topics, TOPIC_KEYS)}
    nodes: dict = {}
    categories_of: dict = {}
    equations = []
    for name, (by_month, categories) in tables.items():
        nodes[name] = _summed(by_month)
        nodes |= {(name, m): by_month[m] for m in raw.months}
        categories_of |= {key: categories for key in (name, *((name, m) for m in raw.months))}
        equations.append((name, [(name, m) for m in raw.months]))
    nodes |= {
        "faces": raw.faces, "acknowledged": raw.acknowledged_in_time, "sorted": raw.sorted,
        "callbacks": raw.callbacks_within_promise, "advocacy": raw.advocacy,
        **{("stage", n): raw.stages[n] for n in STAGES},
    }
    categories_of |= {
        "faces": FACE_KEYS, "acknowledged": YES_NO, "sorted": YES_NO, "callbacks": YES_NO, "advocacy": ADVOCACY_STATUSES,
        **{("stage", n): STAGE_OUTCOMES for n in STAGES},
    }
    # Each month's (and the period's) topics count the same messages as its kinds; so do the
    # answered-in-time and sorted figures; the faces count the messages about feelings; every
    # complaint sent in the period started stage 1 in it.
    lines = [((("topics", m), BASE), [(("kinds", m), BASE)]) for m in raw.months]
    lines += [((name, BASE), [("kinds", BASE)]) for name in ("topics", "acknowledged", "sorted")]
    # (A relation with an empty side is left out: the engine would take the empty side as a known
    # 0 and hide the other side's whole table, though "fewer than 5" beside "fewer than 5" tells
    # nothing.)
    if raw.faces:
        lines.append((("kinds", FEELING), [("faces", BASE)]))
    if raw.stages[1]:
        lines.append(((("stage", 1), BASE), [("council", COMPLAINT)]))
    # Messages, not people, are counted: a table is broken down only with 10 young people behind it.
    people = {key: raw.people.get(key, 0) for key in nodes}
    for name in ("topics", "acknowledged", "sorted"):
        people[name] = raw.people.get("kinds", 0)
    for m in raw.months:
        people[("topics", m)] = raw.people.get(("kinds", m), 0)
    shown = protect(nodes, STATEMENT_KINDS, equations, categories_of=categories_of, lines=lines, people=people)
    return Figures(
        start=raw.start,
        end=raw.end,
        months=raw.months,
        kinds_overall=shown["kinds"],
        kinds_by_month={m: shown[("kinds", m)] for m in raw.months},
        council_overall=shown["council"],
        council_by_month={m: shown[("council", m)] for m in raw.months},
        topics_overall=shown["topics"],
        topics_by_month={m: shown[("topics", m)] for m in raw.months},
        faces=shown["faces"],
        acknowledged_in_time=shown["acknowledged"],
        time_to_acknowledge=_timing(raw.days_to_acknowledge),
        time_to_reply=_timing(raw.days_to_reply),
        sorted_share=shown["sorted"],
        callbacks_within_promise=shown["callbacks"],
        stages={n: shown[("stage", n)] for n in STAGES},
        advocacy=shown["advocacy"],
        unread_days=raw.unread_days,
    )


def figures(authority_id: int, start: date, end: date, *, now: datetime | None = None) -> Figures:
    return safe(counts(authority_id, start, end, now=now))
