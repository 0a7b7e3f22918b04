"""Sign-in: young people with a username, staff with email, password and an authenticator code."""
from datetime import timedelta

import pyotp
from freezegun import freeze_time

from app.auth.models import User
from app.models_base import utcnow

from .. import factories


def _post_sign_in(client, identifier, password=factories.PASSWORD):
    return client.post("/sign-in", data={"identifier": identifier, "password": password})


def test_young_person_signs_in_with_username_and_goes_to_their_space(db, client):
    council = factories.authority()
    person = factories.young_person(council, username="river.fox")
    db.session.commit()
    response = _post_sign_in(client, "River.Fox")
    assert response.status_code == 302 and response.location.endswith("/my/")
    assert person.display_name in client.get("/my/").get_data(as_text=True)


def test_wrong_password_gives_a_clear_message_and_keeps_the_username(db, client):
    council = factories.authority()
    factories.young_person(council, username="river.fox")
    db.session.commit()
    page = _post_sign_in(client, "river.fox", "wrong password here").get_data(as_text=True)
    assert "username or password is not right" in page
    assert 'value="river.fox"' in page
    # The same message for an account that does not exist: nothing is revealed.
    assert "username or password is not right" in _post_sign_in(client, "nobody.here").get_data(as_text=True)


def test_staff_need_a_second_factor_that_works_once(db, client):
    council = factories.authority()
    iro = factories.staff(council, "iro", email="iro@example.org")
    db.session.commit()
    response = _post_sign_in(client, "IRO@example.org")
    assert response.location.endswith("/sign-in/code")
    assert client.get("/staff/").status_code == 302  # not signed in yet
    page = client.post("/sign-in/code", data={"code": "123456"}).get_data(as_text=True)
    assert "not right" in page
    code = pyotp.TOTP(iro.totp_secret).now()
    response = client.post("/sign-in/code", data={"code": code})
    assert response.status_code == 302 and response.location.endswith("/staff/")
    assert client.get("/staff/").status_code == 200
    # The same code cannot be used again by someone who watched it being typed.
    other = client.application.test_client()
    _post_sign_in(other, "iro@example.org")
    assert "not right" in other.post("/sign-in/code", data={"code": code}).get_data(as_text=True)


def test_staff_enrol_their_authenticator_by_qr_code_at_first_sign_in(db, client):
    council = factories.authority()
    staff = factories.staff(council, "worker", email="new@example.org", totp_secret=None, totp_confirmed_at=None)
    db.session.commit()
    assert _post_sign_in(client, "new@example.org").location.endswith("/sign-in/set-up-code")
    page = client.get("/sign-in/set-up-code").get_data(as_text=True)
    assert "<svg" in page
    secret = db.session.get(User, staff.id).totp_secret
    assert secret in page
    response = client.post("/sign-in/set-up-code", data={"code": pyotp.TOTP(secret).now()})
    assert response.location.endswith("/staff/")
    assert db.session.get(User, staff.id).totp_confirmed_at is not None


def test_sign_in_is_rate_limited_with_a_clear_message_that_keeps_the_username(app, db, client):
    council = factories.authority()
    factories.young_person(council, username="river.fox")
    db.session.commit()
    for _ in range(10):
        assert _post_sign_in(client, "river.fox", "wrong guess number").status_code == 200
    response = _post_sign_in(client, "river.fox", "wrong guess number")
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "Too many tries" in page and 'value="river.fox"' in page
    # Even the right password waits until the limit passes.
    assert _post_sign_in(client, "river.fox").status_code == 429


def test_second_factor_is_rate_limited(db, client):
    council = factories.authority()
    factories.staff(council, "iro", email="iro@example.org")
    db.session.commit()
    _post_sign_in(client, "iro@example.org")
    statuses = [client.post("/sign-in/code", data={"code": "000000"}).status_code for _ in range(11)]
    assert statuses[-1] == 429


def test_sessions_expire_when_idle_sooner_for_staff(app, db, sign_in):
    council = factories.authority()
    staff = factories.staff(council, "iro")
    person = factories.young_person(council)
    staff_client, youth_client = sign_in(staff), sign_in(person)
    later = utcnow() + timedelta(minutes=45)
    with freeze_time(later):
        response = staff_client.get("/staff/")
        assert response.status_code == 302 and "/sign-in" in response.location
        assert youth_client.get("/my/").status_code == 200
    with freeze_time(later + timedelta(minutes=121)):
        assert youth_client.get("/my/").status_code == 302


def test_sign_out_everywhere_ends_every_session(db, sign_in):
    council = factories.authority()
    person = factories.young_person(council)
    phone, laptop = sign_in(person), sign_in(person)
    assert laptop.get("/my/").status_code == 200
    phone.post("/sign-out-everywhere")
    assert laptop.get("/my/").status_code == 302
    assert phone.get("/my/").status_code == 302


def test_sign_out_keeps_the_language(db, sign_in):
    council = factories.authority()
    person = factories.young_person(council, preferred_language="ps")
    client = sign_in(person)
    client.post("/language", data={"language": "ps"})
    client.post("/sign-out")
    page = client.get("/sign-in").get_data(as_text=True)
    assert 'lang="ps"' in page and 'dir="rtl"' in page


def test_switched_off_accounts_cannot_sign_in(db, client):
    council = factories.authority()
    factories.young_person(council, username="gone.away", active=False)
    db.session.commit()
    assert "not right" in _post_sign_in(client, "gone.away").get_data(as_text=True)


def test_next_only_follows_links_on_this_site(db, client):
    council = factories.authority()
    factories.young_person(council, username="river.fox")
    db.session.commit()
    client.get("/sign-in?next=https://evil.example/")
    assert _post_sign_in(client, "river.fox").location.endswith("/my/")
    client.post("/sign-out")
    client.get("/sign-in?next=/my/account")
    assert _post_sign_in(client, "river.fox").location.endswith("/my/account")
