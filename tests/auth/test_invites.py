"""Young people redeem an invite code; forgotten passwords are reset by a code from their worker."""
from datetime import timedelta

from freezegun import freeze_time

from app.audit import AuditEvent
from app.auth import service
from app.auth.models import AccessCode, User
from app.extensions import db as _db
from app.staff import service as staff_service

from .. import factories
from app.models_base import utcnow


def _invite(app, person, by):
    with app.test_request_context():
        code = staff_service.issue_invite(person, by=by)
    _db.session.commit()
    return code


def test_invite_code_is_short_readable_and_stored_only_as_a_hash(app, db):
    council = factories.authority()
    worker = factories.staff(council, "worker")
    person = factories.young_person(council, account=False)
    code = _invite(app, person, worker)
    assert len(code) == 9 and code[4] == "-"
    assert not set(code.replace("-", "")) & set("0O1IL5S2Z")
    stored = db.session.query(AccessCode).one()
    assert code.replace("-", "") not in stored.code_hash


def test_young_person_redeems_invite_with_username_password_and_language(app, db, client):
    council = factories.authority()
    worker = factories.staff(council, "worker")
    person = factories.young_person(council, account=False, display_name="Noor")
    code = _invite(app, person, worker)

    response = client.post("/join", data={"code": code.lower()})
    assert response.status_code == 302 and response.location.endswith("/join/account")
    page = client.get("/join/account").get_data(as_text=True)
    assert "Noor" in page
    response = client.post("/join/account", data={"username": "Noor.Star", "password": "lemon kite harbour", "language": "ar"})
    assert response.status_code == 302 and response.location.endswith("/my/")
    person = db.session.get(User, person.id)
    assert person.username == "noor.star" and person.preferred_language == "ar"
    home = client.get("/my/")
    assert 'dir="rtl"' in home.get_data(as_text=True)
    # A code works once.
    assert service.find_code(code, "invite") is None
    assert db.session.query(AuditEvent).filter_by(action="account.set_up").count() == 1


def test_bad_invite_input_keeps_what_was_typed_and_explains(app, db, client):
    council = factories.authority()
    worker = factories.staff(council, "worker")
    factories.young_person(council, username="taken.name")
    person = factories.young_person(council, account=False)
    code = _invite(app, person, worker)

    page = client.post("/join", data={"code": "ABCD-EFGH"}).get_data(as_text=True)
    assert "That code does not work" in page and 'value="ABCD-EFGH"' in page

    client.post("/join", data={"code": code})
    page = client.post("/join/account", data={"username": "taken.name", "password": "lemon kite harbour", "language": "en"}).get_data(as_text=True)
    assert "already has that username" in page and 'value="taken.name"' in page
    page = client.post("/join/account", data={"username": "free.name", "password": "qwerty123", "language": "en"}).get_data(as_text=True)
    assert "too common" in page and 'value="free.name"' in page


def test_error_messages_are_translated(app, db, client):
    page = client.post("/join", data={"code": "ABCD-EFGH"}, headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert 'lang="ar"' in page and 'dir="rtl"' in page
    from flask_babel import force_locale, gettext

    with app.test_request_context():
        with force_locale("ar"):
            expected = gettext("That code does not work. Check it, or ask your worker for a new one.")
    assert expected in page


def test_expired_and_replaced_codes_do_not_work(app, db):
    council = factories.authority()
    worker = factories.staff(council, "worker")
    person = factories.young_person(council, account=False)
    first = _invite(app, person, worker)
    second = _invite(app, person, worker)
    assert service.find_code(first, "invite") is None  # replaced
    assert service.find_code(second, "invite") is not None
    with freeze_time(utcnow() + timedelta(days=15)):
        assert service.find_code(second, "invite") is None


def test_worker_issues_reset_code_and_young_person_sets_new_password(app, db, client, sign_in):
    council = factories.authority()
    worker = factories.staff(council, "worker")
    person = factories.young_person(council, worker_id=worker.id)
    db.session.commit()
    page = sign_in(worker).post(f"/staff/young-people/{person.id}/reset-code").get_data(as_text=True)
    import re

    code = re.search(r'<strong class="heard-code" dir="ltr">([A-Z0-9-]+)</strong>', page).group(1)
    assert "<svg" in page  # the QR code
    old_session = sign_in(person)
    response = client.post("/reset", data={"code": code, "password": "new river garden"})
    assert response.status_code == 302
    assert service.authenticate(person.username, "new river garden") is not None
    assert old_session.get("/my/").status_code == 302  # the old sessions are signed out


def test_only_allocated_staff_or_admin_can_issue_codes(app, world, sign_in):
    person = world.a.young_person
    assert sign_in(world.a.worker).post(f"/staff/young-people/{person.id}/reset-code").status_code == 200
    assert sign_in(world.a.council_admin).post(f"/staff/young-people/{person.id}/reset-code").status_code == 200
    other = world.a.other_young_person  # not allocated to the IRO or worker
    assert sign_in(world.a.worker).post(f"/staff/young-people/{other.id}/reset-code").status_code == 404
    assert sign_in(world.b.council_admin).post(f"/staff/young-people/{person.id}/invite").status_code == 404
