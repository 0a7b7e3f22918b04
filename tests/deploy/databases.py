"""Throwaway databases beside the test database, for backups, restores and upgrades."""
from __future__ import annotations

import os
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from config import normalise_database_url


def test_database_url() -> str:
    return normalise_database_url(os.environ["DATABASE_URL"])


def is_postgresql() -> bool:
    return test_database_url().startswith("postgresql")


@contextmanager
def scratch_database(label: str):
    """A new, empty database of the same kind as the test database; dropped afterwards."""
    if is_postgresql():
        base = make_url(test_database_url())
        name = f"{base.database}_{label}_{uuid.uuid4().hex[:8]}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield base.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    else:
        handle, path = tempfile.mkstemp(prefix=f"heard-{label}-", suffix=".db")
        os.close(handle)
        try:
            yield f"sqlite:///{path}"
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(path + suffix).unlink(missing_ok=True)


def libpq_url(url: str) -> str:
    """The URL as pg_dump and pg_restore take it (no SQLAlchemy driver name)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)
