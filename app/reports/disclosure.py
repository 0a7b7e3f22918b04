"""Statistical disclosure control for every figure Heard shows about young people in aggregate.

The rules, shared by surveys, the pledge scorecard and polls:
- any count under 5 (zero included) is shown as "fewer than 5";
- a group under 10 is not broken down further (its total may show, if 5 or more);
- a percentage is never shown where its count or its base is suppressed;
- no suppressed number can be worked out by subtraction: the cells hidden in a distribution
  always hold at least 5 between them (so neither "only one is hidden" nor "everyone gave the same
  answer" gives anyone away), and the same holds down each answer of a breakdown against the
  overall figure shown beside it, and for the groups' totals.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

MIN_CELL = 5
MIN_GROUP = 10

FEWER_THAN_5 = _l("fewer than 5")


@dataclass
class Cell:
    count: int | None  # None when suppressed
    percent: float | None = None

    @property
    def suppressed(self) -> bool:
        return self.count is None

    def __str__(self) -> str:
        return str(FEWER_THAN_5) if self.count is None else str(self.count)

    @property
    def csv(self) -> str:
        return "<5" if self.count is None else str(self.count)

    @property
    def percent_text(self) -> str:
        return "" if self.percent is None else f"{self.percent:.0f}%"


@dataclass
class Distribution:
    base: Cell
    cells: dict[Hashable, Cell] = field(default_factory=dict)
    broken_down: bool = False

    def cell(self, category) -> Cell | None:
        return self.cells.get(category)


def _suppress_cells(counts: dict[Hashable, int]) -> dict[Hashable, Cell]:
    hidden = {key for key, n in counts.items() if n < MIN_CELL}
    shown = sorted((n, str(key), key) for key, n in counts.items() if key not in hidden)
    if len(hidden) == 1 and shown:
        hidden.add(shown[0][2])  # secondary suppression: the total would give the one away
    return {key: Cell(None if key in hidden else n) for key, n in counts.items()}


def _smallest_shown(cells: Mapping[Hashable, Cell]):
    shown = sorted((cell.count, str(key), key) for key, cell in cells.items() if cell.count is not None)
    return shown[0][2] if shown else None


def _protect_row(dist: Distribution) -> None:
    """Hide more cells until the hidden ones hold at least MIN_CELL between them."""
    if not dist.broken_down:
        return
    while True:
        hidden = [key for key, cell in dist.cells.items() if cell.count is None]
        shown_total = sum(cell.count for cell in dist.cells.values() if cell.count is not None)
        key = _smallest_shown(dist.cells)
        if not hidden or key is None or dist.base.count - shown_total >= MIN_CELL:
            break
        dist.cells[key] = Cell(None)
    for cell in dist.cells.values():
        cell.percent = None if cell.count is None else 100.0 * cell.count / dist.base.count


def distribution(counts: Mapping[Hashable, int], categories: Iterable[Hashable]) -> Distribution:
    """Counts per category (missing ones are 0) made safe to show."""
    full = {category: int(counts.get(category, 0)) for category in categories}
    base = sum(full.values())
    if base < MIN_CELL:
        return Distribution(base=Cell(None))
    if base < MIN_GROUP:
        return Distribution(base=Cell(base))
    dist = Distribution(base=Cell(base), cells=_suppress_cells(full), broken_down=True)
    _protect_row(dist)
    return dist


def breakdown(
    groups: Mapping[Hashable, Mapping[Hashable, int]],
    categories: Iterable[Hashable],
    overall: Distribution | None = None,
) -> dict[Hashable, Distribution]:
    """A distribution per group (e.g. age band), safe to show beside the overall distribution.

    `overall` is what is shown for everyone together; by default the distribution of the sums.
    """
    categories = list(categories)
    if overall is None:
        overall = distribution({c: sum(int(g.get(c, 0)) for g in groups.values()) for c in categories}, categories)
    result = {key: distribution(counts, categories) for key, counts in groups.items()}

    changed = True
    while changed:
        changed = False
        # Group totals against the overall total.
        if overall.base.count is not None:
            hidden = [key for key, dist in result.items() if dist.base.count is None]
            shown = sorted((dist.base.count, str(key), key) for key, dist in result.items() if dist.base.count is not None)
            if hidden and shown and overall.base.count - sum(n for n, _, _ in shown) < MIN_CELL:
                result[shown[0][2]] = Distribution(base=Cell(None))
                changed = True
                continue
        # A group left unbroken is overall minus the others: its answers need the same cover.
        for category in categories:
            total = overall.cells.get(category)
            if total is None or total.count is None:
                continue
            hidden = [key for key, dist in result.items() if not dist.broken_down or dist.cells[category].count is None]
            shown = sorted(
                (dist.cells[category].count, str(key), key)
                for key, dist in result.items()
                if dist.broken_down and dist.cells[category].count is not None
            )
            if hidden and shown and total.count - sum(n for n, _, _ in shown) < MIN_CELL:
                dist = result[shown[0][2]]
                dist.cells[category] = Cell(None)
                _protect_row(dist)
                changed = True
    return result
