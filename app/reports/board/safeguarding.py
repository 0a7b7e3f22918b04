"""Safeguarding: how many alerts were raised, and how many were acknowledged within the council's
deadline, for alerts raised while the office was open and while it was closed (the
safeguarding clock's own office hours: UK time, bank holidays closed). Counts only: no
words and no names ever reach the pack."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...moderation import service as moderation
from ...moderation.clock import office_open
from ...moderation.models import SafeguardingAlert
from ..disclosure import BASE, protect
from ..quarters import Quarter
from .sections import Section
from .tables import COUNT, SHARE, Row, Table, entry_of
from ...tenancy import for_council

DAY, NIGHT = "day", "night"
IN_TIME, OTHER = "in_time", "other"  # acknowledged within the deadline, or not (late, or not yet)
OUTCOMES = [IN_TIME, OTHER]


@for_council
def counts(authority_id: int, quarter: Quarter) -> dict:
    settings = moderation.settings_for(authority_id)
    rows = db.session.execute(
        select(SafeguardingAlert.created_at, SafeguardingAlert.deadline_at, SafeguardingAlert.acknowledged_at).where(
            SafeguardingAlert.created_at >= quarter.starts_at,
            SafeguardingAlert.created_at < quarter.ends_at,
        )
    ).all()
    out = {DAY: dict.fromkeys(OUTCOMES, 0), NIGHT: dict.fromkeys(OUTCOMES, 0)}
    for created_at, deadline_at, acknowledged_at in rows:
        when = DAY if office_open(created_at, settings) else NIGHT
        out[when][IN_TIME if acknowledged_at is not None and acknowledged_at <= deadline_at else OTHER] += 1
    return out


def figures(authority_id: int, quarter: Quarter) -> dict:
    """All alerts, then those raised by day and by night, protected together: the day and night
    rows add up to the whole, and each is counted in the split of alerts by when they came."""
    c = counts(authority_id, quarter)
    every = {o: c[DAY][o] + c[NIGHT][o] for o in OUTCOMES}
    when = {DAY: sum(c[DAY].values()), NIGHT: sum(c[NIGHT].values())}
    return protect(
        {"all": every, DAY: c[DAY], NIGHT: c[NIGHT], "when": when},
        OUTCOMES,
        [("all", [DAY, NIGHT])],
        categories_of={"when": [DAY, NIGHT]},
        lines=[(("when", DAY), [(DAY, BASE)]), (("when", NIGHT), [(NIGHT, BASE)]), (("when", BASE), [("all", BASE)])],
    )


def section(authority_id: int, quarters: list[Quarter]) -> Section:
    per_quarter = [figures(authority_id, q) for q in quarters]
    rows = [
        Row("alerts", str(_l("Alerts raised")), [entry_of(f["all"]) for f in per_quarter], COUNT),
        Row("in_time", str(_l("Acknowledged within the deadline")), [entry_of(f["all"], IN_TIME) for f in per_quarter], SHARE),
        Row("day", str(_l("Raised while the office was open")), [entry_of(f["when"], DAY) for f in per_quarter], SHARE),
        Row("day_in_time", str(_l("Of those, acknowledged within the deadline")), [entry_of(f[DAY], IN_TIME) for f in per_quarter], SHARE),
        Row("night", str(_l("Raised while the office was closed (evenings, nights, weekends)")), [entry_of(f["when"], NIGHT) for f in per_quarter], SHARE),
        Row("night_in_time", str(_l("Of those, acknowledged within the deadline")), [entry_of(f[NIGHT], IN_TIME) for f in per_quarter], SHARE),
    ]
    return Section(
        "safeguarding",
        str(_l("Safeguarding alerts")),
        str(_l("When something a young person writes suggests they may be at risk, or they press “I need help now”, Heard alerts the safeguarding lead at once. These are counts of alerts only: no words, no names.")),
        str(_l("If you write something that makes us worry about your safety, or press “I need help now”, a safeguarding lead is told at once, day or night. This shows how quickly they answered.")),
        tables=[Table("safeguarding", str(_l("Safeguarding alerts and how quickly they were acknowledged")), str(_l("Measure")), rows=rows, chart=True)],
    )
