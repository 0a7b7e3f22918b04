"""Invite and reset codes: kept at rest only as a hash keyed with the server's secret, never in the
session cookie, and the codes handed out before the key was added still work after the upgrade."""
from __future__ import annotations

import hashlib
from datetime import timedelta

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from app import create_app
from app.auth import service
from app.auth.models import AccessCode
from app.extensions import db as _db
from app.models_base import utcnow
from app.staff import service as staff_service

from .. import factories
from ..deploy.databases import scratch_database

KEYED = "b7c3e9a41d25"


def _invite(app, person, by):
    with app.test_request_context():
        code = staff_service.issue_invite(person, by=by)
    _db.session.commit()
    return code


def _plain(code: str) -> str:
    return hashlib.sha256(service.normalise_code(code).encode()).hexdigest()


def test_a_leaked_hash_cannot_be_checked_without_the_servers_secret(app, db):
    council = factories.authority()
    person = factories.young_person(council, account=False)
    code = _invite(app, person, factories.staff(council, "worker"))
    stored = db.session.query(AccessCode).one().code_hash
    # Someone with the database but not the secret tries all 27^8 codes with a plain hash: no match.
    assert stored != _plain(code)
    assert stored != hashlib.sha256(code.encode()).hexdigest()
    # The same code under another server's secret hashes differently.
    assert service.keyed_code_hash(_plain(code), app.config["SECRET_KEY"]) == stored
    assert service.keyed_code_hash(_plain(code), "another-secret") != stored
    assert service.find_code(code, "invite").user_id == person.id


def test_a_code_does_not_work_under_another_secret(app, db, monkeypatch):
    council = factories.authority()
    person = factories.young_person(council, account=False)
    code = _invite(app, person, factories.staff(council, "worker"))
    monkeypatch.setitem(app.config, "SECRET_KEY", "a different secret entirely")
    assert service.find_code(code, "invite") is None


def _cookie_payload(app, client) -> str:
    cookie = client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session"))
    assert cookie is not None
    serializer = app.session_interface.get_signing_serializer(app)
    return repr(serializer.loads(cookie.value)) + cookie.value


def test_the_invite_code_never_sits_in_the_session_cookie(app, db, client):
    council = factories.authority()
    person = factories.young_person(council, account=False, display_name="Noor")
    code = _invite(app, person, factories.staff(council, "worker"))
    response = client.post("/join", data={"code": code})
    assert response.status_code == 302 and response.location.endswith("/join/account")
    payload = _cookie_payload(app, client)
    plain = service.normalise_code(code)
    assert plain not in payload and code not in payload
    # The next step still knows which code was checked, and sets the account up.
    assert "Noor" in client.get("/join/account").get_data(as_text=True)
    response = client.post("/join/account", data={"username": "noor.k", "password": "lemon kite harbour", "language": "en"})
    assert response.status_code == 302 and response.location.endswith("/my/")
    assert service.find_code(code, "invite") is None


def test_a_code_revoked_after_it_was_checked_stops_the_next_step(app, db, client):
    council = factories.authority()
    worker = factories.staff(council, "worker")
    person = factories.young_person(council, account=False)
    first = _invite(app, person, worker)
    assert client.post("/join", data={"code": first}).status_code == 302
    _invite(app, person, worker)  # a new card replaces the first
    response = client.get("/join/account")
    assert response.status_code == 302 and response.location.endswith("/join")
    response = client.post("/join/account", data={"username": "some.one", "password": "lemon kite harbour", "language": "en"})
    assert response.status_code == 302 and response.location.endswith("/join")


def test_codes_handed_out_before_the_upgrade_keep_working_and_only_their_keyed_hash_is_kept():
    with scratch_database("codes") as url:
        # Rate limits stay on: the limiter is shared, and a second app must not switch it off for
        # the tests that run after this one.
        app = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
        with app.app_context():
            upgrade(revision="332d70f1f2ee")
            now = utcnow()
            with _db.engine.begin() as connection:
                connection.execute(text("INSERT INTO authority (id, name, slug, created_at, enabled_languages, default_language, is_demo) "
                                        "VALUES (1, 'Eastvale', 'eastvale', :now, '[\"en\"]', 'en', false)"), {"now": now})
                connection.execute(text("INSERT INTO \"user\" (id, authority_id, role, display_name, active, created_at, session_epoch, interpreter_needed) "
                                        "VALUES (1, 1, 'young_person', 'Noor', true, :now, 0, false)"), {"now": now})
                for code_id, code in ((1, "ABCD-EFGH"), (2, "HGFE-DCBA")):
                    connection.execute(text("INSERT INTO access_code (id, authority_id, user_id, purpose, code_hash, expires_at, created_at) "
                                            "VALUES (:id, 1, 1, 'invite', :hash, :expires, :now)"),
                                       {"id": code_id, "hash": _plain(code), "expires": now + timedelta(days=3), "now": now})
            upgrade()
            with _db.engine.connect() as connection:
                stored = set(connection.execute(text("SELECT code_hash FROM access_code")).scalars())
            assert stored.isdisjoint({_plain("ABCD-EFGH"), _plain("HGFE-DCBA")})
            found = service.find_code("abcd efgh", "invite")
            assert found is not None and found.user_id == 1
            _db.session.remove()
            # Going back cannot undo the key: the codes not yet used are revoked, not left half-working.
            downgrade(revision="332d70f1f2ee")
            with _db.engine.connect() as connection:
                assert connection.execute(text("SELECT count(*) FROM access_code WHERE revoked_at IS NULL")).scalar() == 0
            upgrade()
            _db.session.remove()
            _db.engine.dispose()
