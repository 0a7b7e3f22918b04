"""Dates read the UK way, in the reader's language and in UK time."""
from datetime import date, datetime, timezone

from flask_babel import force_locale

from app.i18n.formatting import local_date, local_datetime


def test_english_dates_read_day_month_year_and_times_are_uk_time(app):
    with app.test_request_context(), force_locale("en"):
        assert local_date(date(2027, 1, 1)) == "1 January 2027"
        # 12:30 UTC in July is 13:30 in London.
        assert local_datetime(datetime(2026, 7, 1, 12, 30, tzinfo=timezone.utc)) == "1 July 2026, 13:30"


def test_month_names_come_from_the_readers_language(app):
    with app.test_request_context(), force_locale("ar"):
        arabic = local_date(date(2027, 1, 1))
    with app.test_request_context(), force_locale("ti"):
        tigrinya = local_date(date(2027, 1, 1))
    assert "January" not in arabic and "January" not in tigrinya
    assert local_date(None) == "" and local_datetime(None) == ""
