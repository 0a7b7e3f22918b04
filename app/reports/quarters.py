"""Quarters of the year, as Corporate Parenting Boards meet on them: April to June, July to
September, October to December, January to March (the council's financial quarters), each
starting and ending at midnight UK time."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from flask_babel import lazy_gettext as _l

from ..i18n.formatting import UK, local_date


@dataclass(frozen=True, order=True)
class Quarter:
    start: date  # the first day: 1 January, April, July or October

    @property
    def end(self) -> date:
        """The last day."""
        return date.fromordinal(self.next().start.toordinal() - 1)

    @property
    def key(self) -> str:
        """How a quarter is named in addresses: the year and month it starts, 2026-04."""
        return f"{self.start.year:04d}-{self.start.month:02d}"

    @property
    def starts_at(self) -> datetime:
        return _uk_midnight(self.start)

    @property
    def ends_at(self) -> datetime:
        """The first moment after the quarter (exclusive)."""
        return self.next().starts_at

    def next(self) -> Quarter:
        month = self.start.month + 3
        return Quarter(date(self.start.year + (month > 12), (month - 1) % 12 + 1, 1))

    def previous(self) -> Quarter:
        month = self.start.month - 3
        return Quarter(date(self.start.year - (month < 1), (month - 1) % 12 + 1, 1))

    def year_before(self) -> Quarter:
        return Quarter(date(self.start.year - 1, self.start.month, 1))

    def label(self) -> str:
        """"April to June 2026", in the reader's language."""
        return str(_l("%(first)s to %(last)s", first=local_date(self.start, "MMMM"), last=local_date(self.end, "MMMM yyyy")))

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


def _uk_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UK).astimezone(timezone.utc)


def quarter_of(day: date) -> Quarter:
    return Quarter(date(day.year, 3 * ((day.month - 1) // 3) + 1, 1))


def parse(key: str | None) -> Quarter | None:
    """The quarter an address names (2026-04), or None."""
    match = re.fullmatch(r"(\d{4})-(01|04|07|10)", key or "")
    return Quarter(date(int(match[1]), int(match[2]), 1)) if match else None


def last_complete(today: date) -> Quarter:
    return quarter_of(today).previous()


def choices(today: date, count: int = 9) -> list[Quarter]:
    """The quarters a board pack can be made for: this one (so far) and the ones before it."""
    quarters = [quarter_of(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters
