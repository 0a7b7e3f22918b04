"""Dates and times as people in England read them, in the reader's language.

Explicit patterns (not a locale's "short" format) so English reads "22 November 2026" rather
than the American "11/22/26"; month and day names come from the reader's locale, and times are
shown in UK time (BABEL_DEFAULT_TIMEZONE).
"""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask_babel import format_date, format_datetime

UK = ZoneInfo("Europe/London")


def uk_date(value: datetime) -> date:
    """The day it was in the UK at that moment (a stored time is UTC)."""
    return value.astimezone(UK).date()


def local_date(value: date | datetime | None, pattern: str = "d MMMM yyyy") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value, pattern)
    return format_date(value, pattern)


def local_datetime(value: datetime | None, pattern: str = "d MMMM yyyy, HH:mm") -> str:
    return "" if value is None else format_datetime(value, pattern)
