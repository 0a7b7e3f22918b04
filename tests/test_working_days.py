"""Working days in England and Wales: weekends and bank holidays do not count."""
from __future__ import annotations

from datetime import date, datetime, timezone

from app.working_days import UK, add_working_days, add_working_hours, is_working_day, working_days_between


def test_bank_holidays_are_not_working_days():
    assert not is_working_day(date(2025, 12, 25))  # Christmas Day
    assert not is_working_day(date(2025, 12, 26))  # Boxing Day
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day, moved to Monday as it falls on a Saturday
    assert not is_working_day(date(2026, 4, 3))  # Good Friday
    assert not is_working_day(date(2026, 8, 31))  # the summer bank holiday (England and Wales, not Scotland)
    assert is_working_day(date(2026, 8, 3))  # Scotland's summer bank holiday is a working day here
    assert is_working_day(date(2026, 1, 2))


def test_ten_working_days_skip_weekends():
    assert add_working_days(date(2026, 1, 5), 10) == date(2026, 1, 19)  # Monday to Monday, two weekends


def test_ten_working_days_skip_christmas_and_new_year():
    # Received Friday 19 December 2025: 25, 26 December and 1 January are bank holidays.
    assert add_working_days(date(2025, 12, 19), 10) == date(2026, 1, 7)


def test_twenty_five_working_days_over_easter():
    # From Monday 16 March 2026: Good Friday (3 April) and Easter Monday (6 April) do not count.
    assert add_working_days(date(2026, 3, 16), 25) == date(2026, 4, 22)


def test_a_day_received_at_the_weekend_counts_from_monday():
    assert add_working_days(date(2026, 1, 10), 1) == date(2026, 1, 12)


def test_working_days_between():
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 1  # only Tuesday 7 April
    assert working_days_between(date(2026, 4, 7), date(2026, 4, 2)) == 0


def _uk(*args) -> datetime:
    return datetime(*args, tzinfo=UK)


def test_promise_hours_on_a_weekday_round_up_to_the_hour():
    assert add_working_hours(_uk(2026, 3, 10, 15, 40), 24) == _uk(2026, 3, 11, 16, 0)


def test_promise_hours_pause_over_the_weekend():
    assert add_working_hours(_uk(2026, 3, 13, 15, 40), 24) == _uk(2026, 3, 16, 16, 0)  # Friday to Monday


def test_promise_hours_asked_on_a_saturday_start_on_monday_morning():
    assert add_working_hours(_uk(2026, 3, 14, 10, 0), 24) == _uk(2026, 3, 17, 9, 0)


def test_promise_hours_pause_over_a_bank_holiday():
    # Thursday before Easter, 14:00: Good Friday to Easter Monday are days off.
    assert add_working_hours(_uk(2026, 4, 2, 14, 0), 24) == _uk(2026, 4, 7, 14, 0)


def test_promise_hours_keep_wall_clock_time_across_the_clocks_going_forward():
    # The clocks go forward on Sunday 29 March 2026; Friday 15:00 is due Monday 15:00 UK time.
    due = add_working_hours(datetime(2026, 3, 27, 15, 0, tzinfo=timezone.utc), 24)
    assert due == _uk(2026, 3, 30, 15, 0) and due.utcoffset().total_seconds() == 3600
