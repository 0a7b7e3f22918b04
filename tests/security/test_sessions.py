"""Sessions the server can end: once a session is over, no copy of its cookie works, anywhere.

Each test signs in as a phone would and copies the session cookie to a second browser, as anyone
who saw or stole it could; the copy must stop working exactly when the session ends.
"""
from __future__ import annotations

from datetime import timedelta

import pyotp
from freezegun import freeze_time
from sqlalchemy import select

from app.auth.models import LoginSession, User
from app.extensions import db as _db
from app.models_base import utcnow

from .. import factories

COOKIE = "session"


def _signed_in(app, identifier: str, password: str = factories.PASSWORD):
    phone = app.test_client()
    response = phone.post("/sign-in", data={"identifier": identifier, "password": password})
    assert response.status_code == 302 and "/sign-in" not in response.location
    return phone


def _staff_signed_in(app, staff: User):
    phone = app.test_client()
    phone.post("/sign-in", data={"identifier": staff.email, "password": factories.PASSWORD})
    response = phone.post("/sign-in/code", data={"code": pyotp.TOTP(staff.totp_secret).now()})
    assert response.status_code == 302 and response.location.endswith("/staff/")
    return phone


def _copy(app, browser):
    copy = app.test_client()
    copy.set_cookie(COOKIE, browser.get_cookie(COOKIE).value)
    return copy


def _works(browser, path="/my/") -> bool:
    response = browser.get(path)
    return response.status_code == 200


def _young_person(db, **fields):
    council = factories.authority()
    person = factories.young_person(council, **fields)
    db.session.commit()
    return person


def test_a_copied_cookie_is_dead_after_signing_out(app, db):
    person = _young_person(db)
    phone = _signed_in(app, person.username)
    copied = _copy(app, phone)
    assert _works(copied)
    phone.post("/sign-out")
    assert not _works(phone)
    assert not _works(copied), "a cookie copied before signing out still works"
    ended = db.session.scalars(select(LoginSession).where(LoginSession.user_id == person.id)).one()
    assert ended.ended_at is not None and ended.ended_reason == "signed_out"


def test_a_copied_cookie_is_dead_after_the_quick_exit(app, db):
    person = _young_person(db)
    phone = _signed_in(app, person.username)
    copied = _copy(app, phone)
    assert phone.get("/my/exit").status_code == 302
    assert not _works(copied), "a cookie copied before the quick exit still works"


def test_signing_out_ends_only_that_session(app, db):
    person = _young_person(db)
    phone, laptop = _signed_in(app, person.username), _signed_in(app, person.username)
    phone.post("/sign-out")
    assert _works(laptop)


def test_a_copied_cookie_is_dead_after_signing_out_everywhere(app, db):
    person = _young_person(db)
    phone, laptop = _signed_in(app, person.username), _signed_in(app, person.username)
    copied = _copy(app, laptop)
    phone.post("/sign-out-everywhere")
    assert not _works(laptop) and not _works(copied) and not _works(phone)


def test_changing_the_password_ends_every_other_session_and_keeps_this_one(app, db):
    person = _young_person(db)
    phone, other_device = _signed_in(app, person.username), _signed_in(app, person.username)
    copied = _copy(app, other_device)
    response = phone.post("/my/account", data={"current_password": factories.PASSWORD, "new_password": "lemon kite harbour"})
    assert response.status_code == 302
    assert "signed out on every other" in phone.get(response.location).get_data(as_text=True)
    assert _works(phone), "the person who changed their password stays signed in"
    assert not _works(other_device) and not _works(copied)


def test_a_reset_by_code_ends_every_session(app, db, sign_in):
    person = _young_person(db)
    worker = factories.staff(person.authority, "worker")
    person.worker_id = worker.id
    db.session.commit()
    phone = _signed_in(app, person.username)
    copied = _copy(app, phone)
    page = sign_in(worker).post(f"/staff/young-people/{person.id}/reset-code").get_data(as_text=True)
    import re

    code = re.search(r'<strong class="heard-code" dir="ltr">([A-Z0-9-]+)</strong>', page).group(1)
    # Giving the code ends the sessions already (whoever holds one must sign in again)...
    assert not _works(phone) and not _works(copied)
    later = _signed_in(app, person.username)
    app.test_client().post("/reset", data={"code": code, "password": "new river garden"})
    # ...and so does using it.
    assert not _works(later)


def test_a_staff_reset_ends_the_young_persons_sessions(app, db, sign_in):
    person = _young_person(db)
    worker = factories.staff(person.authority, "worker")
    person.worker_id = worker.id
    db.session.commit()
    phone = _signed_in(app, person.username)
    copied = _copy(app, phone)
    assert sign_in(worker).post(f"/staff/young-people/{person.id}/reset-code").status_code == 200
    assert not _works(phone) and not _works(copied)
    reasons = db.session.scalars(select(LoginSession.ended_reason).where(LoginSession.user_id == person.id)).all()
    assert reasons == ["staff_reset"]


def test_a_second_factor_reset_ends_the_staff_members_sessions(app, db, sign_in):
    council = factories.authority()
    iro = factories.staff(council, "iro")
    admin = factories.staff(council, "council_admin")
    db.session.commit()
    laptop = _staff_signed_in(app, iro)
    copied = _copy(app, laptop)
    assert _works(copied, "/staff/")
    sign_in(admin).post(f"/admin/staff/{iro.id}/reset-second-factor")
    assert not _works(laptop, "/staff/") and not _works(copied, "/staff/")


def test_switching_an_account_off_ends_its_sessions(app, db, sign_in):
    council = factories.authority()
    iro = factories.staff(council, "iro")
    admin = factories.staff(council, "council_admin")
    db.session.commit()
    laptop = _staff_signed_in(app, iro)
    sign_in(admin).post(f"/admin/staff/{iro.id}/edit", data={"display_name": iro.display_name, "email": iro.email, "role": "iro"})
    _db.session.expire_all()
    assert not _works(laptop, "/staff/")
    # Switched on again, the old cookie stays dead: the session ended, not just paused.
    iro = _db.session.get(User, iro.id)
    iro.active = True
    _db.session.commit()
    assert not _works(laptop, "/staff/")


def test_a_cookie_naming_an_account_without_a_session_signs_nobody_in(app, db):
    person = _young_person(db)
    for forged in (str(person.id), f"{person.id}.0", f"{person.id}.1", "x" * 500):
        browser = app.test_client()
        with browser.session_transaction() as session:
            session["_user_id"] = forged
            session["seen"] = utcnow().timestamp()
        assert not _works(browser)


def test_only_a_hash_of_the_token_is_kept(app, db):
    person = _young_person(db)
    phone = _signed_in(app, person.username)
    with phone.session_transaction() as session:
        token = session["_user_id"]
    assert str(person.id) not in token.split(".") and len(token) >= 40
    stored = db.session.scalars(select(LoginSession).where(LoginSession.user_id == person.id)).one()
    assert token not in stored.token_hash and stored.token_hash != token


def test_a_young_persons_session_is_kept_to_the_day(app, db):
    person = _young_person(db)
    with freeze_time("2026-03-04 23:47:12"):
        phone = _signed_in(app, person.username)
    with freeze_time("2026-03-05 00:12:40"):
        assert _works(phone)
        phone.post("/sign-out")
    stored = db.session.scalars(select(LoginSession).where(LoginSession.user_id == person.id)).one()
    for moment in (stored.created_at, stored.last_seen_at, stored.ended_at):
        assert (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0)
    assert (stored.created_at.day, stored.last_seen_at.day, stored.ended_at.day) == (4, 5, 5)


def test_a_staff_session_notes_when_it_was_last_used(app, db):
    council = factories.authority()
    iro = factories.staff(council, "iro")
    db.session.commit()
    laptop = _staff_signed_in(app, iro)
    stored = db.session.scalars(select(LoginSession).where(LoginSession.user_id == iro.id)).one()
    first = stored.last_seen_at
    with freeze_time(utcnow() + timedelta(minutes=20)):
        assert _works(laptop, "/staff/")
    _db.session.expire_all()
    assert _db.session.get(LoginSession, stored.id).last_seen_at > first + timedelta(minutes=19)


def test_an_idle_session_is_ended_for_every_copy(app, db):
    council = factories.authority()
    iro = factories.staff(council, "iro")
    db.session.commit()
    laptop = _staff_signed_in(app, iro)
    copied = _copy(app, laptop)
    with freeze_time(utcnow() + timedelta(minutes=45)):
        assert not _works(laptop, "/staff/")
    # The copy's own idle clock was reset by the copier; the session is over all the same.
    with copied.session_transaction() as session:
        session["seen"] = utcnow().timestamp()
    assert not _works(copied, "/staff/")


def test_ended_and_unused_sessions_are_deleted_after_the_councils_period(app, db):
    from app.privacy import retention
    from app.tenancy import acting_for

    person = _young_person(db)
    with freeze_time("2026-01-05 10:00:00"):
        old = _signed_in(app, person.username)
        old.post("/sign-out")
        _signed_in(app, person.username)  # never used again
    with freeze_time("2026-02-20 10:00:00"):
        recent = _signed_in(app, person.username)
        with acting_for(person.authority):
            assert retention.purge(person.authority_id)["sessions"] == 2
        db.session.commit()
        assert _works(recent)
    assert db.session.scalar(select(LoginSession.id).where(LoginSession.user_id == person.id)) is not None
