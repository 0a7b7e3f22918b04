"""The pledge: how young people rated the council's promises in the round that closed in the
quarter (the scorecard's own protected figures), the promises that moved most since the round
before, and the council's "you said, we did" answers."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...i18n.content import localise
from ...pledges import scorecard
from ...pledges.models import KEPT, PledgeAnswer, Promise, RatingRound
from ..quarters import Quarter
from .sections import Section
from .tables import PERCENT, Entry, Row, Table
from ...tenancy import for_council


@dataclass
class Answer:
    promise: str
    we_will: str | None
    we_did: str | None


@for_council
def round_closed_in(authority_id: int, quarter: Quarter) -> RatingRound | None:
    return db.session.scalar(
        select(RatingRound)
        .where(
            RatingRound.sealed_at.is_not(None),
            RatingRound.closes_at >= quarter.starts_at,
            RatingRound.closes_at < quarter.ends_at,
        )
        .order_by(RatingRound.closes_at.desc(), RatingRound.id.desc())
        .limit(1)
    )


def _kept(dist) -> Entry:
    return Entry(dist.figure(KEPT))


@for_council
def _answers(authority_id: int, rnd: RatingRound) -> list[Answer]:
    answers = list(db.session.scalars(select(PledgeAnswer).where(PledgeAnswer.round_id == rnd.id)))
    if not answers:
        return []
    lineages = {a.promise_lineage_id for a in answers}
    promises = db.session.scalars(select(Promise).where(Promise.id.in_(lineages) | Promise.lineage_id.in_(lineages))).all()
    newest = {}
    for promise in sorted(promises, key=lambda p: p.id):
        newest[promise.lineage_id or promise.id] = promise
    out = []
    for answer in sorted(answers, key=lambda a: a.id):
        promise = newest.get(answer.promise_lineage_id)
        we_will, we_did = localise(answer.we_will).text, localise(answer.we_did).text
        if promise is not None and (we_will or we_did):
            out.append(Answer(localise(promise.text).text, we_will or None, we_did or None))
    return out


def section(authority_id: int, quarters: list[Quarter]) -> Section:
    rows: dict[tuple, Row] = {}
    movers, answers, chosen_round = [], [], None
    sealed = scorecard.service.sealed_rounds(authority_id)
    for index, quarter in enumerate(quarters):
        rnd = round_closed_in(authority_id, quarter)
        if rnd is None:
            continue
        card = scorecard.round_scorecard(rnd)
        for audience in card.audiences:
            key = (audience.audience, "all")
            rows.setdefault(key, Row(f"{audience.audience}|all", str(_l("All promises: %(audience)s", audience=audience.label)), [Entry() for _ in quarters], PERCENT))
            rows[key].entries[index] = _kept(audience.overall)
            for theme in audience.themes:
                lineage = theme.theme.lineage_id or theme.theme.id
                key = (audience.audience, lineage)
                label = f"{localise(theme.theme.title).text} ({audience.label})"
                rows.setdefault(key, Row(f"{audience.audience}|{lineage}", label, [Entry() for _ in quarters], PERCENT))
                rows[key].entries[index] = _kept(theme.overall)
        if index == 0:
            chosen_round = rnd
            earlier = [r for r in sealed if r.opens_at <= rnd.opens_at]
            movers = scorecard.trends(authority_id, [scorecard.round_scorecard(r) for r in earlier[-2:]]).movers
            answers = _answers(authority_id, rnd)
    table = Table(
        "pledge",
        str(_l("Share of young people who said each part of the pledge was kept")),
        str(_l("Promises")),
        rows=list(rows.values()),
        chart=True,
    )
    return Section(
        "pledge",
        str(_l("Our pledge to young people")),
        str(_l("Young people rate each promise in the pledge and the care leavers' charter: kept, sometimes, not kept, or don't know. These are the rounds that closed in each quarter.")),
        str(_l("You told us whether we kept each of our promises. This is what you said, and what we are doing about it.")),
        tables=[table],
        extras={
            "movers": [
                {"promise": localise(m.label).text, "before": m.before.percent_text, "after": m.after.percent_text, "change": round(m.change)}
                for m in movers
            ],
            "answers": answers,
            "round": chosen_round.name if chosen_round else None,
        },
    )
