"""The board pack's tables: one row per measure, one column per quarter. The page, its charts,
the PDF and the CSV are all drawn from these, so they can never disagree.

Every number in an entry is already protected (app.reports.disclosure) before it gets here.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..disclosure import Cell, Distribution

COUNT = "count"  # a number of young people, reviews, alerts...: shown or hidden by the rules
SHARE = "share"  # a count and the share it is of its base: "12 (40%)"
PERCENT = "percent"  # a share only, where the count is shown elsewhere or means little: "40%"
TEXT = "text"  # anything else safe to show as it is: a median time, a number of meetings held


@dataclass
class Entry:
    """One figure in one quarter's column."""

    cell: Cell | None = None  # None where the measure had nothing in that quarter
    text: str | None = None  # for TEXT rows, or a note shown after the figure
    average: float | None = None  # the all-council average beside a percentage, where there is one

    def shown(self, kind: str) -> str:
        if self.cell is None:
            return self.text or "–"
        if kind == PERCENT:
            return self.cell.percent_text or (str(self.cell) if self.cell.count is None else "–")
        if kind == SHARE and self.cell.percent is not None:
            return f"{self.cell} ({self.cell.percent_text})"
        return str(self.cell)

    @property
    def percent(self) -> float | None:
        return None if self.cell is None else self.cell.percent


@dataclass
class Row:
    key: str
    label: str
    entries: list[Entry]
    kind: str = COUNT


@dataclass
class Table:
    key: str
    caption: str
    first_header: str
    rows: list[Row] = field(default_factory=list)
    chart: bool = False  # draw the shares as bars beside the table
    note: str | None = None

    @property
    def has_figures(self) -> bool:
        return any(entry.cell is not None or entry.text for row in self.rows for entry in row.entries)

    @property
    def charted_rows(self) -> list[Row]:
        return [row for row in self.rows if row.kind in (SHARE, PERCENT)]


def entry_of(dist: Distribution | None, category=None) -> Entry:
    """The entry for a category of a protected distribution (or its base, with no category)."""
    if dist is None:
        return Entry()
    if category is None:
        return Entry(dist.base)
    return Entry(dist.figure(category) if dist.base.count is not None or dist.broken_down else Cell(None, why=dist.base.why))
