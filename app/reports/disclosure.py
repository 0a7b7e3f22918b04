"""Statistical disclosure control for every figure Heard shows about young people in aggregate.

The rules, shared by surveys, the pledge scorecard and polls:
- any count under 5 (zero included) is shown as "fewer than 5";
- a group under 10 is not broken down further (its total may show, if 5 or more);
- a percentage is never shown where its count or its base is suppressed;
- no suppressed number can be worked out by subtraction: where exactly one cell of a
  distribution is suppressed, the next smallest is suppressed too, and likewise for groups of a
  breakdown whose total is shown.
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


def distribution(counts: Mapping[Hashable, int], categories: Iterable[Hashable]) -> Distribution:
    """Counts per category (missing ones are 0) made safe to show."""
    full = {category: int(counts.get(category, 0)) for category in categories}
    base = sum(full.values())
    if base < MIN_CELL:
        return Distribution(base=Cell(None))
    if base < MIN_GROUP:
        return Distribution(base=Cell(base))
    cells = _suppress_cells(full)
    for cell in cells.values():
        if cell.count is not None:
            cell.percent = 100.0 * cell.count / base
    return Distribution(base=Cell(base), cells=cells, broken_down=True)


def breakdown(
    groups: Mapping[Hashable, Mapping[Hashable, int]], categories: Iterable[Hashable]
) -> dict[Hashable, Distribution]:
    """A distribution per group (e.g. age band), safe to show beside the overall distribution."""
    categories = list(categories)
    result = {key: distribution(counts, categories) for key, counts in groups.items()}

    # A group left unbroken could be recovered as overall minus the others: hide one more.
    hidden = [key for key, dist in result.items() if not dist.broken_down]
    open_groups = sorted((dist.base.count, str(key), key) for key, dist in result.items() if dist.broken_down)
    if len(hidden) == 1 and open_groups:
        key = open_groups[0][2]
        result[key] = Distribution(base=result[key].base)

    # The same for group totals: one suppressed total is the grand total minus the rest.
    suppressed = [key for key, dist in result.items() if dist.base.suppressed]
    shown = sorted((dist.base.count, str(key), key) for key, dist in result.items() if not dist.base.suppressed)
    if len(suppressed) == 1 and shown:
        key = shown[0][2]
        result[key] = Distribution(base=Cell(None))
    return result
