"""Counting the SQL a request sends, to hold pages to a number of queries that does not grow with
the data. Statements are counted as they reach the database driver (SQLAlchemy's
`before_cursor_execute`), so lazy loads and the tenancy hook's extra criteria are all seen."""
from __future__ import annotations

import os
import traceback
from contextlib import contextmanager

from sqlalchemy import event

from app.extensions import db


class Queries(list):
    def __str__(self) -> str:
        return "\n".join(f"{n + 1:>3}. {' '.join(sql.split())[:300] + (sql[sql.index('  <- '):] if '  <- ' in sql else '')}" for n, sql in enumerate(self))


@contextmanager
def counting_queries():
    """`with counting_queries() as queries:` … `len(queries)`, and `str(queries)` to read them."""
    queries = Queries()

    def record(conn, cursor, statement, parameters, context, executemany):
        if os.environ.get("QUERY_TRACE"):  # QUERY_TRACE=1 shows where each query came from
            frames = [f for f in traceback.extract_stack() if "/app/" in f.filename and "/site-packages/" not in f.filename]
            statement += "  <- " + " < ".join(f"{f.filename.split('/app/')[-1]}:{f.lineno}" for f in reversed(frames[-4:]))
        queries.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield queries
    finally:
        event.remove(engine, "before_cursor_execute", record)


def queries_for(client, path: str, **kwargs) -> Queries:
    """The statements one GET sends; the page must answer 200."""
    with counting_queries() as queries:
        response = client.get(path, **kwargs)
    assert response.status_code == 200, (path, response.status_code)
    return queries


def assert_constant(small: Queries, large: Queries, *, at_most: int | None = None, what: str = "page") -> None:
    """The same number of queries with more data, and no more than `at_most`."""
    assert len(large) == len(small), (
        f"{what}: {len(small)} queries with little data, {len(large)} with more\n"
        f"--- little data ---\n{small}\n--- more data ---\n{large}"
    )
    if at_most is not None:
        assert len(small) <= at_most, f"{what}: {len(small)} queries (at most {at_most})\n{small}"
