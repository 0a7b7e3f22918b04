"""Anonymous rows carry no time finer than a day and, on SQLite, no hidden insertion order."""
from __future__ import annotations

from sqlalchemy import Date, DateTime

from .attacker import has_hidden_order

# Anonymous rows, and the rows that say who took part (whose order must not pair with them).
ANONYMOUS_TABLES = (
    "survey_response", "survey_answer", "survey_quote", "survey_participation", "survey_draft",
    "council_poll_ballot", "council_poll_choice", "council_poll_voter", "pledge_rating", "pledge_rater",
)


def test_anonymous_tables_hold_no_time_of_day(db):
    for name in ANONYMOUS_TABLES:
        for column in db.metadata.tables[name].columns:
            is_time = isinstance(column.type, DateTime) or isinstance(getattr(column.type, "impl", None), DateTime)
            assert not is_time or isinstance(column.type, Date) and not isinstance(column.type, DateTime), (name, column.name)


def test_anonymous_tables_keep_no_insertion_order_on_sqlite(db):
    if db.engine.dialect.name != "sqlite":
        return  # PostgreSQL: rows are rewritten in random order when their keys die (see the feature tests)
    for name in ANONYMOUS_TABLES:
        assert not has_hidden_order(name), name
