"""Sign-in limits: guessing is throttled, but nobody can lock a young person out of the phone they
use, a room of young people on one Wi-Fi can all sign in, authenticator codes are counted per
account, and every app server counts in the one shared store."""
from __future__ import annotations

import logging
import re
import time

import pyotp
import pytest

from app import create_app
from itsdangerous import URLSafeTimedSerializer

from app.auth.limits import DEVICE_COOKIE, account_of
from app.extensions import db as _db
from app.extensions import limiter

from .. import factories
from ..deploy import redis_url_or_skip

WRONG = "not the password at all"
LIMITED = "Too many tries"


def _sign_in(client, identifier, password=factories.PASSWORD, address="127.0.0.1"):
    return client.post("/sign-in", data={"identifier": identifier, "password": password}, environ_base={"REMOTE_ADDR": address})


def _signed_in(response) -> bool:
    return response.status_code == 302 and "/sign-in" not in response.location


def _wait_said(response) -> str:
    page = response.get_data(as_text=True)
    found = re.search(r"Wait (\d+ (?:minute|hour)s?)", page)
    assert LIMITED in page and found, page[:2000]
    return found.group(1)


def test_guessing_at_a_young_persons_name_cannot_lock_them_out_of_their_own_phone(app, db):
    council = factories.authority()
    factories.young_person(council, username="amira")
    db.session.commit()
    phone = app.test_client()
    assert _signed_in(_sign_in(phone, "amira"))
    assert phone.get_cookie(DEVICE_COOKIE, path="/sign-in") is not None
    phone.post("/sign-out")

    classmate = app.test_client()
    statuses = [_sign_in(classmate, "Amira", WRONG).status_code for _ in range(15)]
    assert statuses[:10] == [200] * 10 and set(statuses[10:]) == {429}
    # A phone that never signed in as Amira is held back, even with the right password...
    assert _sign_in(app.test_client(), "amira").status_code == 429
    # ...while her own phone signs in as before.
    assert _signed_in(_sign_in(phone, "amira"))


def test_a_trusted_phone_that_keeps_guessing_is_slowed_down_on_its_own(app, db):
    council = factories.authority()
    factories.young_person(council, username="amira")
    db.session.commit()
    phone, other_phone = app.test_client(), app.test_client()
    for client in (phone, other_phone):
        assert _signed_in(_sign_in(client, "amira"))
        client.post("/sign-out")
    statuses = [_sign_in(phone, "amira", WRONG).status_code for _ in range(11)]
    assert statuses == [200] * 10 + [429]
    assert _sign_in(phone, "amira").status_code == 429
    assert _signed_in(_sign_in(other_phone, "amira"))


def test_an_untrusted_phone_is_throttled_and_told_truthfully_how_long_to_wait(app, db):
    council = factories.authority()
    factories.young_person(council, username="amira")
    factories.young_person(council, username="bilal")
    db.session.commit()
    # A device cookie for another account, or one signed with another key, earns no trust.
    bilal_phone = app.test_client()
    assert _signed_in(_sign_in(bilal_phone, "bilal"))
    bilal_phone.post("/sign-out")
    forged = app.test_client()
    with app.test_request_context():
        cookie = URLSafeTimedSerializer("a key someone guessed", salt="heard-device-cookie").dumps({account_of("amira"): "x"})
    forged.set_cookie(DEVICE_COOKIE, cookie, path="/sign-in")
    for client in (bilal_phone, forged):
        for _ in range(5):
            assert _sign_in(client, "amira", WRONG).status_code == 200
    refused = _sign_in(forged, "amira")
    assert refused.status_code == 429
    assert _wait_said(refused) == "10 minutes"
    assert 'value="amira"' in refused.get_data(as_text=True)  # what was typed is kept
    assert _sign_in(bilal_phone, "amira").status_code == 429
    # Another person's account is not touched by the guessing.
    assert _signed_in(_sign_in(bilal_phone, "bilal"))


def test_thirty_young_people_on_one_wi_fi_can_all_sign_in(app, db):
    council = factories.authority()
    people = [factories.young_person(council, username=f"room{n:02d}") for n in range(30)]
    db.session.commit()
    signed_in = 0
    for person in people:
        phone = app.test_client()
        # Two slips each, as when typing on a phone, then the right password: all from one address.
        for _ in range(2):
            assert _sign_in(phone, person.username, WRONG, address="198.51.100.7").status_code == 200
        signed_in += _signed_in(_sign_in(phone, person.username, address="198.51.100.7"))
    assert signed_in == 30


def test_a_limit_on_one_address_says_how_long_to_wait_and_logs_no_address(app, db, caplog, monkeypatch):
    monkeypatch.setitem(app.config, "SIGN_IN_LIMIT", "3 per hour")
    council = factories.authority()
    factories.young_person(council, username="quillon")
    db.session.commit()
    phone = app.test_client()
    with caplog.at_level(logging.DEBUG):
        for _ in range(3):
            assert _sign_in(phone, "quillon", WRONG, address="203.0.113.77").status_code == 200
        refused = _sign_in(phone, "quillon", WRONG, address="203.0.113.77")
    assert refused.status_code == 429
    assert _wait_said(refused) == "60 minutes"
    lines = [record.getMessage() for record in caplog.records]
    assert any("ratelimit" in line for line in lines), lines  # the event is still logged...
    assert [line for line in lines if "203.0.113.77" in line or "quillon" in line] == []  # ...but not who


def test_authenticator_codes_are_limited_per_account_from_any_address(app, db):
    council = factories.authority()
    iro = factories.staff(council, "iro", email="iro@example.org")
    db.session.commit()
    statuses = []
    for n in range(12):
        # Someone who has the password tries codes from a new address each time.
        attacker = app.test_client()
        address = f"192.0.2.{n + 1}"
        assert _sign_in(attacker, "iro@example.org", address=address).location.endswith("/sign-in/code")
        statuses.append(attacker.post("/sign-in/code", data={"code": "000000"}, environ_base={"REMOTE_ADDR": address}).status_code)
    assert statuses[:10] == [200] * 10 and statuses[10:] == [429, 429]
    # Even the right code waits, from yet another address.
    attacker = app.test_client()
    _sign_in(attacker, "iro@example.org", address="192.0.2.99")
    refused = attacker.post("/sign-in/code", data={"code": pyotp.TOTP(iro.totp_secret).now()}, environ_base={"REMOTE_ADDR": "192.0.2.99"})
    assert refused.status_code == 429 and _wait_said(refused) == "10 minutes"


def test_a_phone_the_staff_member_signed_in_on_keeps_its_own_code_limit(app, db):
    council = factories.authority()
    iro = factories.staff(council, "iro", email="iro@example.org")
    db.session.commit()
    laptop = app.test_client()
    _sign_in(laptop, "iro@example.org")
    assert _signed_in(laptop.post("/sign-in/code", data={"code": pyotp.TOTP(iro.totp_secret).now()}))
    laptop.post("/sign-out")
    statuses = []
    for n in range(11):
        attacker = app.test_client()
        _sign_in(attacker, "iro@example.org", address=f"192.0.2.{n + 1}")
        statuses.append(attacker.post("/sign-in/code", data={"code": "000000"}).status_code)
    assert statuses[-1] == 429
    _sign_in(laptop, "iro@example.org")
    # The authenticator's next code: the one used above cannot be used twice.
    code = pyotp.TOTP(iro.totp_secret).at(int(time.time()) + 30)
    assert _signed_in(laptop.post("/sign-in/code", data={"code": code}))


def _second_server(url: str):
    return create_app("testing", SQLALCHEMY_DATABASE_URI=_db.engine.url.render_as_string(hide_password=False), RATELIMIT_STORAGE_URI=url)


def _guess_on_each(servers, times):
    statuses = []
    for n in range(times):
        statuses.append(_sign_in(servers[n % 2].test_client(), "amira", WRONG).status_code)
    return statuses


def _dispose(*servers):
    for server in servers:
        with server.app_context():
            limiter.reset()
            _db.engine.dispose()


def test_two_app_servers_with_one_redis_count_sign_in_guesses_together(app, db):
    url = redis_url_or_skip(default="redis://127.0.0.1:6379/3")
    council = factories.authority()
    factories.young_person(council, username="amira")
    db.session.commit()
    servers = [_second_server(url), _second_server(url)]
    try:
        with servers[0].app_context():
            limiter.reset()
        statuses = _guess_on_each(servers, 12)
        assert statuses[:10] == [200] * 10 and statuses[10:] == [429, 429]
    finally:
        _dispose(*servers)


def test_without_a_shared_store_each_app_server_counts_alone(app, db):
    """Why production needs Redis: in memory, each server lets through its own share of guesses."""
    council = factories.authority()
    factories.young_person(council, username="amira")
    db.session.commit()
    servers = [_second_server("memory://"), _second_server("memory://")]
    try:
        assert _guess_on_each(servers, 12) == [200] * 12
    finally:
        _dispose(*servers)


@pytest.mark.parametrize("seconds, said", [(30, "1 minute"), (600, "10 minutes"), (3600, "60 minutes"), (86000, "24 hours")])
def test_the_wait_is_rounded_up_never_down(app, seconds, said):
    from app.web import wait_message

    with app.test_request_context():
        assert f"Wait {said}," in wait_message(seconds)


def test_setting_up_an_authenticator_is_limited_per_account_too(app, db):
    council = factories.authority()
    factories.staff(council, "worker", email="new@example.org", totp_secret=None, totp_confirmed_at=None)
    db.session.commit()
    statuses = []
    for n in range(11):
        attacker = app.test_client()
        address = f"192.0.2.{n + 1}"
        assert _sign_in(attacker, "new@example.org", address=address).location.endswith("/sign-in/set-up-code")
        statuses.append(attacker.post("/sign-in/set-up-code", data={"code": "000000"}, environ_base={"REMOTE_ADDR": address}))
    assert [r.status_code for r in statuses[:10]] == [200] * 10
    assert statuses[10].status_code == 429 and _wait_said(statuses[10]) == "10 minutes"
    assert "<svg" in statuses[10].get_data(as_text=True)  # the QR code is still there to scan
