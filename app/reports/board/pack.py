"""The whole pack for a chosen quarter, with the quarter before and the same quarter a year
earlier beside it.

Each quarter's figures are protected on their own, and every relation between figures of one
quarter that a reader can see is handed to the small-numbers rules together (see each section).
The pack shows no differences between quarters and no totals across them, so nothing hidden in
one quarter can be had from another.
"""
from __future__ import annotations

from dataclasses import dataclass

from ... import audit
from ...tenancy import Authority
from ..quarters import Quarter
from . import council, moderation, pledge, quotes, safeguarding, surveys, views, voice
from .sections import Section
from .tables import Table

# The order the Board reads them in.
SECTIONS = (views, surveys, pledge, council, voice, safeguarding, moderation, quotes)


@dataclass
class Pack:
    authority: Authority
    quarters: list[Quarter]  # the chosen quarter, the one before, the same one a year earlier
    sections: list[Section]

    @property
    def quarter(self) -> Quarter:
        return self.quarters[0]

    def tables(self) -> list[tuple[Section, Table]]:
        return [(section, table) for section in self.sections for table in section.tables]


def quarters_for(quarter: Quarter) -> list[Quarter]:
    return [quarter, quarter.previous(), quarter.year_before()]


def build(authority: Authority, quarter: Quarter) -> Pack:
    quarters = quarters_for(quarter)
    return Pack(authority, quarters, [module.section(authority.id, quarters) for module in SECTIONS])


def csv_rows(pack: Pack) -> list[list[str]]:
    """Every table of the pack, one figure a line, as shown on the page."""
    out = [["section", "table", "measure", "kind", "quarter", "figure", "percent", "all_council_average"]]
    for section, table in pack.tables():
        for row in table.rows:
            for quarter, entry in zip(pack.quarters, row.entries):
                if entry.cell is None:
                    figure, percent = entry.text or "", ""
                else:
                    figure, percent = entry.cell.csv, entry.cell.percent_text.rstrip("%")
                average = "" if entry.average is None else f"{entry.average:.0f}"
                out.append([section.title, table.caption, row.label, row.kind, quarter.label(), figure, percent, average])
    return out


def viewed(authority: Authority, **choices) -> None:
    """Who looked at a board pack, and which (quarter, version, language), is logged."""
    audit.record("board.pack_viewed", None, authority_id=authority.id, **choices)


def downloaded(authority: Authority, *, format: str, **choices) -> None:
    audit.record("board.pack_downloaded", None, authority_id=authority.id, format=format, **choices)
