"""Moderation: how quickly what young people wrote for others was checked and published (or not)."""
from __future__ import annotations

import statistics
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select

from ...extensions import db
from ...moderation.models import ModerationItem
from ..disclosure import MIN_GROUP, distribution
from ..quarters import Quarter
from .sections import Section
from .tables import COUNT, SHARE, TEXT, Entry, Row, Table, entry_of
from ...tenancy import for_council

DAY, THREE_DAYS, LONGER = "day", "three_days", "longer"
BANDS = [DAY, THREE_DAYS, LONGER]


def _band(waited: timedelta) -> str:
    if waited <= timedelta(days=1):
        return DAY
    return THREE_DAYS if waited <= timedelta(days=3) else LONGER


@for_council
def figures(authority_id: int, quarter: Quarter):
    """Texts decided in the quarter, by how long each waited; and the median wait, shown only
    where enough were decided for it to describe more than a handful of texts."""
    rows = db.session.execute(
        select(ModerationItem.created_at, ModerationItem.decided_at).where(
            ModerationItem.decided_at.is_not(None),
            ModerationItem.decided_at >= quarter.starts_at,
            ModerationItem.decided_at < quarter.ends_at,
        )
    ).all()
    waits = [decided - created for created, decided in rows]
    counts = dict.fromkeys(BANDS, 0)
    for waited in waits:
        counts[_band(waited)] += 1
    median = timedelta(seconds=statistics.median(w.total_seconds() for w in waits)) if len(waits) >= MIN_GROUP else None
    return distribution(counts, BANDS), median


def duration_text(value: timedelta | None) -> str | None:
    if value is None:
        return None
    hours = value.total_seconds() / 3600
    if hours < 1:
        minutes = max(1, round(value.total_seconds() / 60))
        return ngettext("%(num)d minute", "%(num)d minutes", minutes)
    if hours < 48:
        return ngettext("%(num)d hour", "%(num)d hours", round(hours))
    return ngettext("%(num)d day", "%(num)d days", round(hours / 24))


def section(authority_id: int, quarters: list[Quarter]) -> Section:
    per_quarter = [figures(authority_id, q) for q in quarters]
    rows = [
        Row("decided", str(_l("Texts checked")), [entry_of(dist) for dist, _ in per_quarter], COUNT),
        Row(DAY, str(_l("Checked within a day")), [entry_of(dist, DAY) for dist, _ in per_quarter], SHARE),
        Row(THREE_DAYS, str(_l("Within three days")), [entry_of(dist, THREE_DAYS) for dist, _ in per_quarter], SHARE),
        Row(LONGER, str(_l("Longer")), [entry_of(dist, LONGER) for dist, _ in per_quarter], SHARE),
        Row("median", str(_l("Typical wait (median)")), [Entry(text=duration_text(median)) for _, median in per_quarter], TEXT),
    ]
    return Section(
        "moderation",
        str(_l("Moderation")),
        str(_l("Everything young people write for a group, the council or a report is checked for anything that could identify someone before anyone else reads it. This is how long that took.")),
        str(_l("When you write something for others to read, we check it first so nobody can be identified. This shows how long you waited.")),
        tables=[Table("moderation", str(_l("How long texts waited to be checked")), str(_l("Measure")), rows=rows, chart=True)],
    )
