"""The safeguarding clock: alerts are due in real minutes, day and night.

Office hours (a council's working days and times, UK time, with England's bank holidays off) decide
only who else is told: an alert raised, or still unanswered, while the office is closed goes at
once to the council's out-of-hours team (the emergency duty team) as well. They never stretch a
deadline. The moderation digest is the one thing that keeps office hours.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
DEFAULT_DAYS = (0, 1, 2, 3, 4)  # Monday to Friday


def hm(value: str) -> time:
    hours, minutes = (int(x) for x in value.split(":"))
    return time(hours, minutes)


@lru_cache(maxsize=16)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays(day.year)


def ack_deadline(start: datetime, settings) -> datetime:
    """When an alert raised (or passed on) at `start` must be acknowledged: `ack_minutes` later,
    whatever the hour."""
    return start + timedelta(minutes=max(1, settings.ack_minutes or 60))


def office_open(when: datetime, settings) -> bool:
    """Whether the council's office is open at `when` (UK time; bank holidays are closed)."""
    local = when.astimezone(LONDON)
    days = set(settings.work_days if settings.work_days is not None else DEFAULT_DAYS)
    if local.weekday() not in days or is_bank_holiday(local.date()):
        return False
    opens, closes = hm(settings.work_start or "09:00"), hm(settings.work_end or "17:00")
    return opens <= local.time() < closes
