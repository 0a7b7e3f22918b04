"""Adding a row that may be there once only, when the same request can arrive twice at once.

A double tap, or a phone that resends, sends two identical requests a moment apart. Both check
"not there yet", both add the row, and the database's unique constraint refuses the second. That
second request is not an error: what it asked for has been done. `add_once` adds the row inside
a SAVEPOINT, so a refusal undoes only the row, and hands back the row that got there first.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError

from .extensions import db

Row = TypeVar("Row")


def add_once(row: Row, find: Callable[[], Row | None]) -> tuple[Row, bool]:
    """Add `row`; if a unique constraint says it is already there, `find()` the one that is.
    Returns (the row, whether this call added it)."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        found = find()
        if found is None:  # refused for some other reason than being there already
            raise
        return found, False
    return row, True
