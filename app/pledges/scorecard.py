"""The pledge scorecard: what young people said about each promise, made safe to show.

Every figure goes through app.reports.disclosure. A scorecard shows several related tables at
once (council, age band, theme, promise, promise by age band), so a hidden number could still be
worked out by subtracting one table from another: `protect()` hands every "total = sum of parts"
relation the page shows to the shared rules, which hide more until none gives a small number away.

Theme and council figures count ratings, not people (one young person rates many promises), so
they are only broken down when at least 10 different young people stand behind them.

Only sealed rounds appear: a live count would let someone who watched it change learn how the
last person to rate had answered.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..auth.models import AGE_BANDS
from ..extensions import db
from ..moderation import service as moderation
from ..reports import disclosure
from ..reports.disclosure import Cell, Distribution, distribution
from . import service
from .models import (
    ANSWERS,
    AUDIENCES,
    CARE_LEAVER,
    DONT_KNOW,
    IN_CARE,
    KEPT,
    NOT_KEPT,
    SOMETIMES,
    PledgeComment,
    PledgeTally,
    PledgeTheme,
    PledgeVersion,
    Promise,
    RatingRound,
)

ANSWER_LABELS = {
    KEPT: _l("Kept"),
    SOMETIMES: _l("Sometimes"),
    NOT_KEPT: _l("Not kept"),
    DONT_KNOW: _l("Don't know"),
}
AUDIENCE_LABELS = {IN_CARE: _l("Children in care (pledge)"), CARE_LEAVER: _l("Care leavers (charter)")}
UNKNOWN_BAND = "unknown"
BAND_LABELS = {**{band: band for band in AGE_BANDS}, UNKNOWN_BAND: _l("Age not known")}
BASE = "_base"
MOVERS = 5
# When one more figure must be hidden, summaries go before promises (promises matter most),
# and the council-wide headline goes after the other summaries.
PRIORITY = {"a": 1, "ab": 0, "t": 0, "pb": 2, "p": 3}


# --- Disclosure across related tables --------------------------------------------------------


def protect(
    counts: dict[Hashable, dict[str, int]],
    equations: list[tuple[Hashable, list[Hashable]]],
    people: dict[Hashable, int] | None = None,
    categories=ANSWERS,
    priority=lambda key: 0,
) -> dict[Hashable, Distribution]:
    """Safe distributions for related nodes, where each equation says total = sum of parts.

    `people` gives, for nodes whose counts are ratings rather than people, a lower bound on how
    many different young people stand behind them; such a node is not broken down under 10.
    `priority(key)` ranks how much a node's figures matter: lower ones are hidden first.
    """
    return disclosure.protect(counts, categories, equations, people=people, priority=priority)


# --- The scorecard of one round ------------------------------------------------------------


@dataclass
class PromiseResult:
    promise: Promise
    overall: Distribution
    bands: dict[str, Distribution]
    comments: list = field(default_factory=list)


@dataclass
class ThemeResult:
    theme: PledgeTheme
    overall: Distribution
    promises: list[PromiseResult]


@dataclass
class AudienceResult:
    audience: str
    versions: list[PledgeVersion]
    overall: Distribution
    bands: dict[str, Distribution]
    participants: Cell
    themes: list[ThemeResult]
    band_keys: list[str] = field(default_factory=list)

    @property
    def label(self):
        return AUDIENCE_LABELS[self.audience]


@dataclass
class RoundScorecard:
    round: RatingRound
    audiences: list[AudienceResult]
    band_keys: list[str]

    def promise_results(self):
        for audience in self.audiences:
            for theme in audience.themes:
                for result in theme.promises:
                    yield audience, theme, result


def _counts(round_ids: list[int]) -> dict[int, dict[int, dict[str, dict[str, int]]]]:
    """round id -> promise id -> age band -> answer -> count, from the rounds' tallies (one query)."""
    counts: dict = {rid: defaultdict(lambda: defaultdict(dict)) for rid in round_ids}
    if round_ids:
        rows = db.session.execute(
            select(PledgeTally.round_id, PledgeTally.promise_id, PledgeTally.age_band, PledgeTally.answer, PledgeTally.count).where(PledgeTally.round_id.in_(round_ids))
        )
        for round_id, promise_id, band, answer, n in rows:
            counts[round_id][promise_id][band or UNKNOWN_BAND][answer] = n
    return counts


def _promises(ids) -> dict[int, Promise]:
    """Promises with their versions, pledges, themes and the themes' promises: four queries for
    any number of rounds and promises."""
    if not ids:
        return {}
    load = selectinload(Promise.version)
    found = db.session.scalars(
        select(Promise)
        .where(Promise.id.in_(list(ids)))
        .options(load.selectinload(PledgeVersion.pledge), load.selectinload(PledgeVersion.themes).selectinload(PledgeTheme.promises))
    )
    return {p.id: p for p in found}


def scorecards(rounds: list[RatingRound], *, with_comments: RatingRound | None = None) -> list[RoundScorecard]:
    """The scorecards of several sealed rounds, loaded together: the same few queries for one
    round or twenty (comments for the one round given)."""
    counts = _counts([r.id for r in rounds])
    promises = _promises({pid for by_promise in counts.values() for pid in by_promise})
    return [round_scorecard(r, with_comments=r is with_comments, counts=counts[r.id], promises=promises) for r in rounds]


def round_scorecard(rnd: RatingRound, *, with_comments: bool = False, counts=None, promises: dict[int, Promise] | None = None) -> RoundScorecard:
    """The protected figures of one sealed round, per audience, theme, promise and age band.
    `scorecards()` passes `counts` and `promises` loaded for several rounds at once."""
    if rnd.sealed_at is None:
        raise ValueError("only sealed rounds have a scorecard")
    if counts is None:
        counts = _counts([rnd.id])[rnd.id]
    if promises is None:
        promises = _promises(list(counts))
    promises = [promises[pid] for pid in counts if pid in promises]
    versions = sorted({p.version for p in promises}, key=lambda v: (v.pledge.audience, v.number))
    present_bands = {band for by_band in counts.values() for band in by_band}
    band_keys = [b for b in (*AGE_BANDS, UNKNOWN_BAND) if b in present_bands]

    nodes: dict[Hashable, dict[str, int]] = {}
    equations: list[tuple[Hashable, list[Hashable]]] = []
    people: dict[Hashable, int] = {}

    def add(key, parts):
        total: dict[str, int] = defaultdict(int)
        for part in parts:
            for c, n in nodes[part].items():
                total[c] += n
        nodes[key] = dict(total)
        equations.append((key, list(parts)))

    layout = []
    for audience in AUDIENCES:
        audience_versions = [v for v in versions if v.pledge.audience == audience]
        if not audience_versions:
            continue
        ids = {p.id for v in audience_versions for p in v.promises}
        audience_bands = [b for b in band_keys if any(b in counts.get(i, {}) for i in ids)]
        theme_keys, audience_layout = [], []
        for version in audience_versions:
            for theme in version.themes:
                promise_keys = []
                for promise in theme.promises:
                    band_nodes = []
                    for band in audience_bands:
                        key = ("pb", promise.id, band)
                        nodes[key] = dict(counts.get(promise.id, {}).get(band, {}))
                        band_nodes.append(key)
                    add(("p", promise.id), band_nodes)
                    promise_keys.append(("p", promise.id))
                add(("t", theme.id), promise_keys)
                people[("t", theme.id)] = max((sum(nodes[k].values()) for k in promise_keys), default=0)
                theme_keys.append(("t", theme.id))
                audience_layout.append(theme)
        for band in audience_bands:
            parts = [("pb", p.id, band) for t in audience_layout for p in t.promises]
            add(("ab", audience, band), parts)
            people[("ab", audience, band)] = max((sum(nodes[k].values()) for k in parts), default=0)
        add(("a", audience), theme_keys)
        equations.append((("a", audience), [("ab", audience, band) for band in audience_bands]))
        people[("a", audience)] = (rnd.participants or {}).get(audience, 0)
        layout.append((audience, audience_versions, audience_layout, audience_bands))

    safe = protect(nodes, equations, people, priority=lambda key: PRIORITY[key[0]])

    comments = _comments(rnd) if with_comments else {}
    audiences = []
    for audience, audience_versions, themes, audience_bands in layout:
        participants = distribution({"n": (rnd.participants or {}).get(audience, 0)}, ["n"]).base
        theme_results = [
            ThemeResult(
                theme=theme,
                overall=safe[("t", theme.id)],
                promises=[
                    PromiseResult(
                        promise=p,
                        overall=safe[("p", p.id)],
                        bands={band: safe[("pb", p.id, band)] for band in audience_bands},
                        comments=comments.get(p.id, []),
                    )
                    for p in theme.promises
                ],
            )
            for theme in themes
        ]
        audiences.append(
            AudienceResult(
                audience=audience,
                versions=audience_versions,
                overall=safe[("a", audience)],
                bands={band: safe[("ab", audience, band)] for band in audience_bands},
                band_keys=audience_bands,
                participants=participants,
                themes=theme_results,
            )
        )
    return RoundScorecard(round=rnd, audiences=audiences, band_keys=band_keys)


def _comments(rnd: RatingRound) -> dict[int, list]:
    """Approved (and, where needed, redacted) comments per promise. Nothing else is ever shown."""
    rows = db.session.execute(select(PledgeComment.promise_id, PledgeComment.comment_item_id).where(PledgeComment.round_id == rnd.id)).all()
    published = moderation.published_texts([item_id for _, item_id in rows])
    result: dict[int, list] = defaultdict(list)
    for promise_id, item_id in sorted(rows, key=lambda row: row[1]):
        if item_id in published:
            result[promise_id].append(published[item_id])
    return result


# --- Across rounds -------------------------------------------------------------------------


@dataclass
class TrendRow:
    audience: str
    lineage_id: int
    label: dict  # the newest wording, translated
    kind: str  # "theme" or "promise"
    shares: list  # one Cell per round (the share that said "kept"), or None when not rated


@dataclass
class Mover:
    audience: str
    label: dict
    before: Cell
    after: Cell

    @property
    def change(self) -> float:
        return self.after.percent - self.before.percent


@dataclass
class Trends:
    rounds: list[RatingRound]
    rows: list[TrendRow]
    movers: list[Mover]


def trends(authority_id: int, cards: list[RoundScorecard] | None = None) -> Trends:
    """The share who said "kept", per theme and promise, round by round; and the biggest movers."""
    if cards is None:
        cards = scorecards(service.sealed_rounds(authority_id))
    rows: dict[tuple, TrendRow] = {}
    for index, card in enumerate(cards):
        for audience in card.audiences:
            for theme in audience.themes:
                _trend_cell(rows, len(cards), index, audience.audience, "theme", theme.theme.lineage_id or theme.theme.id, theme.theme.title, theme.overall)
                for result in theme.promises:
                    p = result.promise
                    _trend_cell(rows, len(cards), index, audience.audience, "promise", p.lineage_id or p.id, p.text, result.overall)
    movers = []
    if len(cards) >= 2:
        for row in rows.values():
            before, after = row.shares[-2], row.shares[-1]
            if row.kind == "promise" and before is not None and after is not None and before.percent is not None and after.percent is not None:
                movers.append(Mover(row.audience, row.label, before, after))
        movers.sort(key=lambda m: (-abs(m.change), str(m.label)))
        movers = [m for m in movers if round(m.change) != 0][:MOVERS]
    return Trends(rounds=[card.round for card in cards], rows=list(rows.values()), movers=movers)


def _trend_cell(rows, n, index, audience, kind, lineage_id, label, dist: Distribution):
    row = rows.get((kind, lineage_id))
    if row is None:
        row = rows[(kind, lineage_id)] = TrendRow(audience, lineage_id, label, kind, [None] * n)
    row.label = label  # newest wording wins
    kept = dist.cell(KEPT) if dist.broken_down else Cell(None)
    existing = row.shares[index]
    if existing is None or (existing.percent is None and kept.percent is not None):
        row.shares[index] = kept


# --- CSV -----------------------------------------------------------------------------------


def csv_rows(card: RoundScorecard, text_of) -> list[list[str]]:
    """Rows for the CSV export: every figure as on the page, small ones as "<5", others hidden to
    protect them as "hidden"."""
    header = ["round", "audience", "version", "level", "theme", "promise", "age_band", "total"]
    for c in ANSWERS:
        header += [c, f"{c}_percent"]
    out = [header]

    def line(audience, version, level, theme, promise, band, dist: Distribution):
        row = [card.round.name, audience, version, level, theme, promise, band, dist.base.csv]
        for c in ANSWERS:
            cell = dist.cell(c) if dist.broken_down else Cell(None)
            row += [cell.csv, "" if cell.percent is None else f"{cell.percent:.0f}"]
        out.append(row)

    for audience in card.audiences:
        versions = "+".join(str(v.number) for v in audience.versions)
        line(audience.audience, versions, "council", "", "", "all", audience.overall)
        for band in audience.band_keys:
            line(audience.audience, versions, "council", "", "", band, audience.bands[band])
        for theme in audience.themes:
            number = str(theme.theme.version.number)
            line(audience.audience, number, "theme", text_of(theme.theme.title), "", "all", theme.overall)
            for result in theme.promises:
                line(audience.audience, number, "promise", text_of(theme.theme.title), text_of(result.promise.text), "all", result.overall)
                for band in audience.band_keys:
                    line(audience.audience, number, "promise", text_of(theme.theme.title), text_of(result.promise.text), band, result.bands[band])
    return out
