"""Test harness: one app per session built by the real migrations, a clean database per test,
factories for every model (tests/factories.py), and signed-in clients for any user.

`make test` runs on SQLite; with DATABASE_URL set to PostgreSQL the same tests run there.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from flask.globals import _cv_app
from flask_babel import refresh as babel_refresh
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import inspect, text

from app import create_app
from config import normalise_database_url
from app.extensions import db as _db
from app.extensions import limiter
from app.models_base import utcnow
from app.tenancy import all_councils

from . import factories
from .helpers import session_token


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return _worker_database(url)
    # A file (not :memory:) so the browser tests' live server thread sees the same data.
    handle, path = tempfile.mkstemp(prefix="heard-test-", suffix=".db")
    os.close(handle)
    return f"sqlite:///{path}"


def _forget_request_state() -> None:
    """Test request contexts share the session's app context, so `g` outlives them: forget the
    signed-in user, the council and the interface language a test may have left there."""
    from flask import g

    for name in ("_login_user", "council_token"):
        g.pop(name, None)
    babel_refresh()


class IsolatedClient(FlaskClient):
    """Runs each request in its own app context, as in production.

    Without this, requests reuse the test's app context and share `g` (and so the signed-in
    user) and the database session with it and with each other.
    """

    def open(self, *args, **kwargs):
        token = _cv_app.set(None)
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(token)
            _db.session.expire_all()  # the test sees what the request committed


def _worker_database(url: str) -> str:
    """Under pytest-xdist each worker gets its own PostgreSQL database, made next to the given one."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker or not url.startswith(("postgres://", "postgresql")):
        return url
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    base = make_url(normalise_database_url(url))
    name = f"{base.database}_{worker}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).scalar():
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def app():
    url = _database_url()
    os.environ["DATABASE_URL"] = url
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=normalise_database_url(url))
    app.test_client_class = IsolatedClient
    with app.app_context():
        if _db.engine.dialect.name == "sqlite":
            # A throwaway test database need not survive a power cut: skip the fsyncs.
            from sqlalchemy import event

            event.listen(_db.engine, "connect", lambda conn, _record: conn.execute("PRAGMA synchronous=OFF"))
            _db.engine.dispose()
        if _db.engine.dialect.name == "postgresql":
            with _db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"))
        upgrade(revision="heads")
        yield app
        _db.session.remove()
        _db.engine.dispose()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def db(app):
    """A clean database for every test: every table emptied afterwards.

    A test looks at every council's rows, as the test of a promise across councils must; what it
    drives (requests, CLI commands) binds its own council, as in production, and fails closed if
    it does not."""
    limiter.reset()
    _forget_request_state()
    with all_councils():
        yield _db
    _forget_request_state()
    _db.session.rollback()
    _db.session.remove()
    with _db.engine.begin() as conn:
        existing = set(inspect(conn).get_table_names())
        tables = [t.name for t in reversed(_db.metadata.sorted_tables) if t.name in existing]
        if conn.dialect.name == "postgresql":
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(text(f'DELETE FROM "{table}"'))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def sign_in(app):
    """sign_in(user) returns a test client with that user's session, as after a full sign-in."""

    def _sign_in(user):
        _db.session.commit()
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = session_token(user)
            session["_fresh"] = True
            session["seen"] = utcnow().timestamp()
        return client

    return _sign_in


class World:
    """Two councils with one person of every role each, for access and isolation tests."""

    def __init__(self):
        self.a = self._council("A")
        self.b = self._council("B")
        _db.session.commit()

    @staticmethod
    def _council(label: str):
        from types import SimpleNamespace

        authority = factories.authority(name=f"Council {label}")
        people = SimpleNamespace(authority=authority)
        for role in ("iro", "worker", "participation_officer", "safeguarding_lead", "manager", "council_admin", "complaints_officer"):
            setattr(people, role, factories.staff(authority, role, display_name=f"Staff {role} {label}"))
        people.young_person = factories.young_person(
            authority,
            display_name=f"Zephyrine{label}",
            iro_id=people.iro.id,
            worker_id=people.worker.id,
        )
        people.other_young_person = factories.young_person(authority, display_name=f"Quillon{label}")
        return people


@pytest.fixture
def world(db):
    return World()


class SmtpServer:
    """A real SMTP server on localhost (aiosmtpd). Set `refuse` to an SMTP reply such as
    "451 4.3.0 Try again later" and it refuses every recipient with it until set back to None."""

    def __init__(self):
        self.received = []
        self.refuse: str | None = None
        self.refused = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.refuse:
            self.refused += 1
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        from email import message_from_bytes
        from email.policy import default as default_policy

        self.received.append(message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"


@pytest.fixture
def smtp_server(app):
    """A real SMTP server the app sends to; see SmtpServer."""
    from aiosmtpd.controller import Controller

    handler = SmtpServer()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    saved = (app.config["MAIL_SERVER"], app.config["MAIL_PORT"], app.config["MAIL_ENABLED"])
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_ENABLED=True)
    try:
        yield handler
    finally:
        controller.stop()
        app.config["MAIL_SERVER"], app.config["MAIL_PORT"], app.config["MAIL_ENABLED"] = saved


@pytest.fixture
def mail_outbox(smtp_server):
    """A real SMTP server on localhost (aiosmtpd) that accepts everything; yields the list of
    messages it received."""
    return smtp_server.received


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
