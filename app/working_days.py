"""Working days in England and Wales: Monday to Friday, except bank holidays.

Statutory timescales (the children's complaints procedure) and councils' own promises are counted
in these days. Bank holidays come from the `holidays` library (England's list, which Wales shares),
so a new or moved bank holiday arrives with a library update rather than an edit here. Times are
UK local time: a clock that starts at 16:30 on a Friday in British Summer Time starts then.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

UK = ZoneInfo("Europe/London")
DAY_STARTS = time(9, 0)  # when a clock started on a day off begins to run


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def next_working_day(day: date) -> date:
    """The first working day after `day`."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start`, not counting `start` itself: a complaint made on
    Monday 6 January with 10 working days to answer is due on Monday 20 January."""
    day = start
    for _ in range(days):
        day = next_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days after `start` up to and including `end` (0 if end is not later)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def local(moment: datetime) -> datetime:
    return moment.astimezone(UK)


def local_day(moment: datetime) -> date:
    return local(moment).date()


def add_working_hours(start: datetime, hours: int) -> datetime:
    """`hours` of clock time that runs only on working days, rounded up to the next whole hour.

    A clock started on a weekend or bank holiday starts at 09:00 on the next working day; one that
    reaches the end of a working day before a day off stops, and carries on at the start of the next
    working day. So with 24 hours, 15:40 on a Friday is due by 16:00 on Monday, and Saturday
    morning is due by 09:00 on Tuesday. Returns an aware datetime in UK time.
    """
    moment = local(start)
    if not is_working_day(moment.date()):
        moment = datetime.combine(next_working_day(moment.date()), DAY_STARTS, tzinfo=UK)
    remaining = timedelta(hours=hours)
    while True:
        midnight = datetime.combine(moment.date() + timedelta(days=1), time(0), tzinfo=UK)
        left_today = midnight - moment
        if remaining <= left_today:
            moment = moment + remaining
            break
        remaining -= left_today
        day = moment.date() + timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
        moment = datetime.combine(day, time(0), tzinfo=UK)
    # Arithmetic on aware datetimes in one zone is wall-clock time: a promise "by 4pm" stays 4pm
    # across a change to or from summer time.
    if moment.minute or moment.second or moment.microsecond:
        moment = moment.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    return moment


def working_days_late(due: date, done: date) -> int:
    """How many working days after `due` something was done (0 if on time)."""
    return working_days_between(due, done) if done > due else 0
