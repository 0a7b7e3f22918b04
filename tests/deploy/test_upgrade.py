"""Upgrading a council's database keeps everything in it.

`fixtures/previous-release.json` is the demo council as the previous release stored it: every
row of every table, written by that release's own code at its last migration (`revision`), and
trimmed only where a table had hundreds of alike rows. The test builds that schema, loads the
rows, upgrades to the newest migration, and checks that every row is still there with the same
values, then that the upgraded council still serves its young people.

A migration that deliberately rewrites a column's values (hashing what was stored plain, say)
or drops a column says so in CHANGED_BY_DESIGN, with the reason, or this test fails.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import JSON, Boolean, Date, DateTime, MetaData, func, select, text

from app import create_app
from app.extensions import db

from .databases import scratch_database

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "previous-release.json").read_text())

# (table, column): why a migration changes (or drops) the stored values on purpose.
CHANGED_BY_DESIGN: dict[tuple[str, str], str] = {
    ("survey_response", "language"): "A rare language names the child who answered: anonymous responses keep none.",
    ("pledge_comment", "rater_key"): "It led from a comment, whose author moderators know, to that young person's ratings.",
    ("rating_round", "secret"): "With it, anyone holding the database could recompute which ratings were whose.",
    ("pledge_rating", "rater_key"): "A key recomputable from the round's secret; raters are kept apart in pledge_rater.",
    ("council_poll_ballot", "voter_key"): "An HMAC under SECRET_KEY that anyone holding the secret could recompute.",
    ("access_code", "code_hash"): "A plain SHA-256 of a short code, worked back in minutes: now keyed with the server's secret.",
    ("moderation_item", "created_at"): "Anonymous items are kept to the day, so their time cannot be laid beside a sign-in.",
    ("moderation_item", "updated_at"): "Anonymous items are kept to the day, so their time cannot be laid beside a sign-in.",
    ("audit_event", "at"): "Anonymous events and young people's sign-ins are kept to the day, so one cannot be laid beside the other.",
    ("user", "last_sign_in_at"): "Young people's sign-ins are kept to the day, for the same reason.",
    ("user", "session_epoch"): "Sessions the server can end (login_session) replace the per-person epoch; everyone signs in once more.",
    ("safeguarding_alert", "created_at"): "Alerts about anonymous text are kept to the hour, so they cannot be tied to a sign-in.",
}

# Tables whose rows a migration writes afresh with new random ids, on purpose: their ids said in
# what order (so by whom) anonymous rows were written. Their rows are compared without the id.
REWRITTEN_BY_DESIGN: dict[str, str] = {
    "pledge_rating": "Anonymous ratings get random ids and a random order, so no id says when (or by whom) one was written.",
    "council_poll_ballot": "Anonymous ballots get random ids and a random order, for the same reason.",
    "council_poll_choice": "Choices follow their ballots' new ids.",
}


def _coerce(value, column_type):
    if value is None:
        return None
    if isinstance(column_type, DateTime):
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    if isinstance(column_type, Date):
        return date.fromisoformat(value)
    if isinstance(column_type, Boolean):
        return bool(value)
    return value


def _comparable(value, column_type):
    if value is None:
        return None
    if isinstance(column_type, DateTime):
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value
    if isinstance(column_type, Date) and isinstance(value, str):
        return date.fromisoformat(value)
    if isinstance(column_type, Boolean):
        return bool(value)
    if isinstance(column_type, JSON) and isinstance(value, str):
        return json.loads(value)
    return value


def _load_fixture(connection) -> None:
    metadata = MetaData()
    metadata.reflect(bind=connection)
    for table in metadata.sorted_tables:
        rows = FIXTURE["tables"].get(table.name)
        if not rows:
            continue
        connection.execute(
            table.insert(),
            [{name: _coerce(value, table.c[name].type) for name, value in row.items()} for row in rows],
        )
        if connection.dialect.name == "postgresql":
            for column in table.primary_key.columns:
                if column.autoincrement is True or (column.autoincrement == "auto" and column.type.python_type is int):
                    connection.execute(
                        text(f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{column.name}'), "
                             f"(SELECT MAX(\"{column.name}\") FROM \"{table.name}\"))")
                    )


def _missing_or_changed(connection) -> list[str]:
    metadata = MetaData()
    metadata.reflect(bind=connection)
    problems = []
    for name, rows in FIXTURE["tables"].items():
        table = metadata.tables.get(name)
        if table is None:
            problems.append(f"table {name} is gone")
            continue
        if name in REWRITTEN_BY_DESIGN:
            problems += _rewritten_rows_changed(connection, table, rows)
            continue
        keys = [c.name for c in table.primary_key.columns]
        stored = {
            tuple(row._mapping[k] for k in keys): row._mapping
            for row in connection.execute(select(table))
        }
        for row in rows:
            key = tuple(row[k] for k in keys)
            now = stored.get(key)
            if now is None:
                problems.append(f"{name} {key} is gone")
                continue
            for column, value in row.items():
                if (name, column) in CHANGED_BY_DESIGN:
                    continue
                if column not in table.c:
                    problems.append(f"{name}.{column} is gone")
                    continue
                column_type = table.c[column].type
                if _comparable(now[column], column_type) != _comparable(value, column_type):
                    problems.append(f"{name} {key} {column}: {value!r} became {now[column]!r}")
    return problems


def _rewritten_rows_changed(connection, table, rows) -> list[str]:
    """The same rows, as many of each, whatever their new ids (and ids that point at new ids)."""
    from collections import Counter

    columns = sorted(
        {column for row in rows for column in row}
        - {"id", "ballot_id"}
        - {column for (name, column) in CHANGED_BY_DESIGN if name == table.name}
    )
    problems = [f"{table.name}.{column} is gone" for column in columns if column not in table.c]
    columns = [column for column in columns if column in table.c]

    def shape(row) -> tuple:
        return tuple(repr(_comparable(row.get(column), table.c[column].type)) for column in columns)

    before = Counter(shape(row) for row in rows)
    after = Counter(shape(dict(row._mapping)) for row in connection.execute(select(table)))
    return problems + [f"{table.name}: {count} row(s) {dict(zip(columns, row))} are gone" for row, count in (before - after).items()]


def test_upgrading_the_previous_release_keeps_every_row_and_serves_the_council():
    from app.demo import DEMO_PASSWORD

    with scratch_database("upgrade") as url:
        app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, RATELIMIT_ENABLED=False)
        with app.app_context():
            upgrade(revision=FIXTURE["revision"])
            with db.engine.begin() as connection:
                _load_fixture(connection)
            upgrade()
            with db.engine.connect() as connection:
                assert _missing_or_changed(connection) == []
                head = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            script_heads = app.extensions["migrate"].migrate.get_config()
            from alembic.script import ScriptDirectory

            assert head in ScriptDirectory.from_config(script_heads).get_heads()

            client = app.test_client()
            response = client.post("/sign-in", data={"identifier": "amira", "password": DEMO_PASSWORD})
            assert response.status_code == 302
            home = client.get(response.headers["Location"], follow_redirects=True).get_data(as_text=True)
            assert "Amira" in home
            db.session.remove()
            db.engine.dispose()


def test_the_fixture_is_the_previous_release_of_every_feature():
    assert {"authority", "user", "review", "views_submission", "wish", "moderation_item", "safeguarding_alert",
            "council_poll", "pledge_rating", "survey_response", "survey_answer", "audit_event"} <= set(FIXTURE["tables"])
