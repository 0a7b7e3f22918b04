"""Adding a row that may be there once only, when the same request can arrive twice at once.

A double tap, or a phone that resends, sends two identical requests a moment apart. Both check
"not there yet", both add the row, and the database's unique constraint refuses the second. That
second request is not an error: what it asked for has been done. `add_once` adds the row inside
a SAVEPOINT, so a refusal undoes only that, and hands back the row that got there first.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError

from .extensions import db

Row = TypeVar("Row")


def add_once(row: Row, find: Callable[[], Row | None], *with_it: object) -> tuple[Row, bool]:
    """Add `row` (and the rows `with_it`, which stand or fall with it); if a unique constraint
    refuses them, `find()` the row that is there. Returns (the row, whether this call added it).

    Give rows their parents' ids rather than appending them to a loaded collection: a refused
    row must not linger in one."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
            db.session.add_all(with_it)
    except IntegrityError:
        found = find()
        if found is None:  # refused for some other reason than being there already
            raise
        return found, False
    return row, True
