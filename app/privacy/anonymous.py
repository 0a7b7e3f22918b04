"""What every anonymous row in Heard has in common, in one place.

Anonymous rows (survey responses, answers and quotes, poll ballots, pledge ratings) promise that
nobody, not even someone holding the whole database, the server's logs and its SECRET_KEY, can
tell whose they are. The promise is broken as easily by *when* and *in what order* a row was
written as by a name, so every anonymous row:

- has a random id (`random_id`), never a counter;
- is kept on SQLite in a table WITHOUT ROWID (`NO_ROWID`), so the file keeps rows in the order of
  those random ids and has no hidden insertion order;
- is written afresh in a random order, in one transaction, when the keys that found it die
  (`rewrite_shuffled`), so PostgreSQL's physical order (ctid) and writing transaction (xmin) no
  longer say when each row came;
- holds no time finer than the day (`day_of`); things said about it elsewhere (moderation items,
  audit events) are kept to the day as well.

SQLite is also told to overwrite deleted rows (PRAGMA secure_delete, app/extensions.py). PostgreSQL
keeps dead row versions in its files until VACUUM reuses the space; docs/dpia.md says so.
"""
from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy import Table, delete, insert, select

from ..extensions import db

NO_ROWID = {"sqlite_with_rowid": False}


def random_id() -> int:
    # 62 bits: fits a signed BIGINT everywhere and carries no order.
    return secrets.randbits(62) or 1


def day_of(moment: datetime) -> datetime:
    """Midnight (UTC) of the day `moment` falls in: all an anonymous row may say about when."""
    moment = moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def hour_of(moment: datetime) -> datetime:
    moment = moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return moment.replace(minute=0, second=0, microsecond=0)


def shuffled(items, rng: random.Random | None = None) -> list:
    items = list(items)
    (rng or random.SystemRandom()).shuffle(items)
    return items


def forget_loaded(model, predicate) -> None:
    """Drop rows of `model` the session has loaded and `predicate(row)` picks, before they are
    rewritten underneath it."""
    db.session.flush()
    for obj in [o for o in db.session.identity_map.values() if isinstance(o, model) and predicate(o)]:
        db.session.expunge(obj)


def rewrite_shuffled(table: Table, where, *, new_ids: bool = True, children: tuple[tuple[Table, str], ...] = (),
                     change: Callable[[dict], None] | None = None, rng: random.Random | None = None) -> dict[int, int]:
    """Delete the rows `where` selects and insert them again in a random order, with new random
    ids (and the rows of `children`, tables whose column points at these ids, moved with them,
    also in their own random order). `change(row)` may alter each row first (to drop a key).
    Returns {old id: new id}. The caller commits: everything happens in its transaction."""
    rng = rng or random.SystemRandom()
    found = [dict(row._mapping) for row in db.session.execute(select(table).where(where))]
    if not found:
        return {}
    ids = {row["id"]: (random_id() if new_ids else row["id"]) for row in found}
    kept_children = []
    for child, column in children:
        belongs = child.c[column].in_(select(table.c.id).where(where))
        rows = [dict(r._mapping) for r in db.session.execute(select(child).where(belongs))]
        kept_children.append((child, column, rows))
        db.session.execute(delete(child).where(belongs))
    db.session.execute(delete(table).where(where))
    for row in found:
        row["id"] = ids[row["id"]]
        if change is not None:
            change(row)
    db.session.execute(insert(table), shuffled(found, rng))
    for child, column, rows in kept_children:
        for row in rows:
            row[column] = ids[row[column]]
            if "id" in row and new_ids:
                row["id"] = random_id()
        if rows:
            db.session.execute(insert(child), shuffled(rows, rng))
    return ids
