"""What someone holding Heard's database, its logs and its SECRET_KEY can do, as test helpers.

These tests play that person. They read tables with plain SQL (never through the models, whose
rules they are trying to get round), look at the order rows are stored in, and forge a session
cookie for any young person (anyone with SECRET_KEY can: Flask signs sessions with it).
"""
from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from app.extensions import db
from app.models_base import utcnow
from ..helpers import session_token


# An answer shown as already chosen: a checked radio or checkbox (not the word in a sentence).
CHECKED = re.compile(r"<input[^>]*\bchecked\b")


def rows(sql: str, **params) -> list:
    return list(db.session.execute(text(sql), params).all())


def storage_order(table: str, column: str, where: str = "1=1", **params) -> list:
    """`column` of each row in the order the database keeps the rows: SQLite's hidden rowid
    (insertion order) where the table has one, else its primary key; PostgreSQL's ctid (where
    each row sits in the file, which follows insertion)."""
    if db.engine.dialect.name == "postgresql":
        return [r[0] for r in rows(f"SELECT {column} FROM {table} WHERE {where} ORDER BY ctid", **params)]
    try:
        with db.session.begin_nested():
            return [r[0] for r in rows(f"SELECT {column} FROM {table} WHERE {where} ORDER BY rowid", **params)]
    except DatabaseError:  # WITHOUT ROWID: rows are kept in primary-key order and nothing else
        return [r[0] for r in rows(f"SELECT {column} FROM {table} WHERE {where}", **params)]


def has_hidden_order(table: str) -> bool:
    """True if the table keeps an insertion order beside its primary key (SQLite's rowid)."""
    if db.engine.dialect.name != "sqlite":
        return True  # PostgreSQL always has ctid and xmin: only rewriting the rows hides them
    sql = db.session.execute(text("SELECT sql FROM sqlite_master WHERE type='table' AND name=:t"), {"t": table}).scalar()
    return "WITHOUT ROWID" not in (sql or "").upper()


def transactions(table: str, where: str = "1=1", **params) -> list[int]:
    """PostgreSQL: the id of the transaction that wrote each row (xmin), in storage order."""
    return [int(r[0]) for r in rows(f"SELECT xmin::text::bigint FROM {table} WHERE {where} ORDER BY ctid", **params)]


def forged_client(app, user):
    """A browser signed in as `user`: what anyone holding SECRET_KEY and the database can make (a
    session row of their own, and a cookie naming it). It holds nothing else of theirs: not the
    keys their own browser holds."""
    db.session.commit()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = session_token(user)
        session["_fresh"] = True
        session["seen"] = utcnow().timestamp()
    return client
