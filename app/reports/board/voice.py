"""Between reviews: messages young people sent their workers and how they were answered, call-backs
kept to the council's promise, and complaints answered within each stage's timescale.

The raw numbers are the between-reviews feature's own (`app.voice.figures.counts`, one call per
quarter). The pack shows fewer of them than the managers' figures page (no months, no kinds or
topics), so it protects what it shows with the relations a reader of the pack can see: the
acknowledged and sorted shares count the same messages, and the complaints made are those that
started stage 1. The pack shows no differences or totals across quarters, so nothing hidden in one
can be had from another."""
from __future__ import annotations

import statistics

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from ...voice import figures as voice_figures
from ...voice.complaints import STAGE_NAMES
from ...voice.settings import settings_for
from ..disclosure import BASE, MIN_CELL, protect
from ..quarters import Quarter
from .sections import Section
from .tables import COUNT, SHARE, TEXT, Entry, Row, Table, entry_of

YES_NO = ("yes", "no")
IN_TIME, OTHER = "in_time", "other"  # a complaint stage answered within its timescale, or not (yet)


def figures(authority_id: int, quarter: Quarter) -> tuple[dict, float | None]:
    """The quarter's protected figures, and the median working days to a reply (None for fewer
    than 5 replies)."""
    raw = voice_figures.counts(authority_id, quarter.start, quarter.end)
    stages = {
        ("stage", number): {IN_TIME: outcomes.get("answered_in_time", 0), OTHER: sum(n for key, n in outcomes.items() if key != "answered_in_time")}
        for number, outcomes in raw.stages.items()
    }
    nodes = {"acknowledged": raw.acknowledged_in_time, "sorted": raw.sorted, "callbacks": raw.callbacks_within_promise, **stages}
    # Messages, call-backs and stages are counted, not people: broken down only with 10 young people behind them.
    people = {"acknowledged": raw.people.get("kinds", 0), "sorted": raw.people.get("kinds", 0), "callbacks": raw.people.get("callbacks", 0)}
    people |= {key: raw.people.get(key, 0) for key in stages}
    # Both count the quarter's messages (a relation with an empty side is left out, as there).
    lines = [(("sorted", BASE), [("acknowledged", BASE)])] if sum(raw.sorted.values()) else []
    shown = protect(nodes, YES_NO, categories_of={key: (IN_TIME, OTHER) for key in stages}, lines=lines, people=people)
    median = statistics.median(raw.days_to_reply) if len(raw.days_to_reply) >= MIN_CELL else None
    return shown, median


def _days(median: float | None) -> str | None:
    if median is None:
        return None
    days = round(median, 1)
    return ngettext("%(num)s working day", "%(num)s working days", int(days) if days.is_integer() else days)


def section(authority_id: int, quarters: list[Quarter]) -> Section:
    per_quarter = [figures(authority_id, q) for q in quarters]
    unread_days = settings_for(authority_id).unread_days
    answered = Table(
        "voice",
        str(_l("How the council answered")),
        str(_l("Measure")),
        rows=[
            Row("messages", str(_l("Messages to workers")), [entry_of(f["acknowledged"]) for f, _ in per_quarter], COUNT),
            Row(
                "acknowledged",
                str(_l("Messages acknowledged within %(days)s working days", days=unread_days)),
                [entry_of(f["acknowledged"], "yes") for f, _ in per_quarter],
                SHARE,
            ),
            Row("sorted", str(_l("Messages marked sorted")), [entry_of(f["sorted"], "yes") for f, _ in per_quarter], SHARE),
            Row("reply", str(_l("Usual time to reply (median)")), [Entry(text=_days(median)) for _, median in per_quarter], TEXT),
            Row("callbacks", str(_l("Call-backs made within the council's promise")), [entry_of(f["callbacks"], "yes") for f, _ in per_quarter], SHARE),
        ],
        chart=True,
    )
    # One row per stage, labelled by the stage, so the chart's bars say which stage they are.
    stage_rows = [Row("complaints", str(_l("Complaints made")), [entry_of(f[("stage", 1)]) for f, _ in per_quarter], COUNT)]
    stage_rows += [
        Row(f"stage_{number}", str(name), [entry_of(f[("stage", number)], IN_TIME) for f, _ in per_quarter], SHARE)
        for number, name in STAGE_NAMES.items()
    ]
    complaints = Table(
        "voice_complaints",
        str(_l("Complaints answered within each stage's timescale")),
        str(_l("Stage")),
        rows=stage_rows,
        chart=True,
        note=str(_l("Each share is of the complaints that started that stage in the quarter.")),
    )
    return Section(
        "voice",
        str(_l("Between reviews")),
        str(_l("What young people told their workers between reviews: statements sent, replies, call-backs kept and complaints answered within their timescales.")),
        str(_l("What you told your worker between reviews, and how quickly they got back to you.")),
        tables=[answered, complaints],
    )
