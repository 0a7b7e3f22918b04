"""No member of staff can take over an account: an invite is only for an account not yet set up,
and every change staff make to how someone signs in ends that person's sessions, is audited with
the staff member who made it, and is told to the person when they next sign in."""
from __future__ import annotations

import re

import pyotp
from sqlalchemy import select

from app.audit import AuditEvent
from app.auth import service
from app.auth.models import AccessCode, User
from app.extensions import db as _db
from app.staff import service as staff_service

from .. import factories


def _allocated(db, **fields):
    council = factories.authority()
    worker = factories.staff(council, "worker", display_name="Daniel")
    person = factories.young_person(council, worker_id=worker.id, **fields)
    db.session.commit()
    return worker, person


def _day(moment) -> str:
    return f"{moment.day} {moment:%B}"


def test_staff_cannot_make_an_invite_for_a_young_person_already_set_up(app, db, sign_in):
    worker, person = _allocated(db)
    staff = sign_in(worker)
    response = staff.post(f"/staff/young-people/{person.id}/invite")
    assert response.status_code == 302 and response.location.endswith(f"/staff/young-people/{person.id}")
    page = staff.get(response.location).get_data(as_text=True)
    assert "has already set up their account" in page
    assert not re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", page)
    assert db.session.scalar(select(AccessCode).where(AccessCode.user_id == person.id)) is None
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "code.invite.issued")) is None


def test_an_admin_cannot_make_an_invite_for_staff_already_set_up(app, db, sign_in):
    council = factories.authority()
    iro = factories.staff(council, "iro")
    admin = factories.staff(council, "council_admin")
    db.session.commit()
    client = sign_in(admin)
    response = client.post(f"/admin/staff/{iro.id}/invite")
    assert response.status_code == 302 and response.location.endswith(f"/admin/staff/{iro.id}/edit")
    assert "has already set up their account" in client.get(response.location).get_data(as_text=True)
    assert db.session.scalar(select(AccessCode).where(AccessCode.user_id == iro.id)) is None


def test_an_invite_still_works_for_an_account_not_set_up(app, db, sign_in):
    worker, person = _allocated(db, account=False)
    page = sign_in(worker).post(f"/staff/young-people/{person.id}/invite").get_data(as_text=True)
    assert re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", page)


def test_an_invite_from_before_the_account_was_set_up_cannot_replace_its_password(app, db):
    worker, person = _allocated(db, account=False)
    with app.test_request_context():
        code = staff_service.issue_invite(person, by=worker)
    person.username, person.password_hash = "river.fox", _db.session.get(User, worker.id).password_hash
    _db.session.commit()
    browser = app.test_client()
    assert "That code does not work" in browser.post("/join", data={"code": code}).get_data(as_text=True)
    page = browser.post("/join/account", data={"username": "took.over", "password": "lemon kite harbour", "language": "en"})
    _db.session.expire_all()
    person = _db.session.get(User, person.id)
    assert person.username == "river.fox"
    assert service.authenticate("river.fox", factories.PASSWORD) is not None
    assert service.authenticate("took.over", "lemon kite harbour") is None
    assert page.status_code in (200, 302)


def _reset_code(staff_client, person) -> str:
    page = staff_client.post(f"/staff/young-people/{person.id}/reset-code").get_data(as_text=True)
    return re.search(r'<strong class="heard-code" dir="ltr">([A-Z0-9-]+)</strong>', page).group(1)


def test_a_reset_by_staff_is_audited_and_told_once_at_the_next_sign_in(app, db, sign_in):
    worker, person = _allocated(db)
    code = _reset_code(sign_in(worker), person)
    browser = app.test_client()
    assert browser.post("/reset", data={"code": code, "password": "new river garden"}).status_code == 302
    issued = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "code.reset.issued")).one()
    assert (issued.actor_id, issued.target_id) == (worker.id, person.id)
    used = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "account.password_reset")).one()
    assert used.target_id == person.id and used.detail["code_from"] == worker.id

    home = browser.post("/sign-in", data={"identifier": person.username, "password": "new river garden"}, follow_redirects=True)
    text = home.get_data(as_text=True)
    assert f"Daniel gave you a code to choose a new password on {_day(issued.at)}" in text
    browser.post("/sign-out")
    again = browser.post("/sign-in", data={"identifier": person.username, "password": "new river garden"}, follow_redirects=True)
    assert "Daniel gave you" not in again.get_data(as_text=True), "the notice is shown once"


def test_a_second_factor_reset_is_audited_and_told_at_the_next_sign_in(app, db, sign_in):
    council = factories.authority()
    iro = factories.staff(council, "iro")
    admin = factories.staff(council, "council_admin", display_name="Priya")
    db.session.commit()
    sign_in(admin).post(f"/admin/staff/{iro.id}/reset-second-factor")
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "account.totp_reset")).one()
    assert (event.actor_id, event.target_id) == (admin.id, iro.id)

    browser = app.test_client()
    browser.post("/sign-in", data={"identifier": iro.email, "password": factories.PASSWORD})
    browser.get("/sign-in/set-up-code")  # a new secret for their authenticator app
    _db.session.expire_all()
    secret = _db.session.get(User, iro.id).totp_secret
    page = browser.post("/sign-in/set-up-code", data={"code": pyotp.TOTP(secret).now()}, follow_redirects=True)
    assert f"Priya reset your authenticator app on {_day(event.at)}" in page.get_data(as_text=True)
