"""Links that leave the browser (printed cards, QR codes, e-mails) point where people can reach Heard.

With PUBLIC_URL set they use it; without it a page uses the address its own request came to, never
a fixed development address on another port.
"""
import re

from flask import url_for

from app.links import LOCAL_URL, public_url

from . import factories

HERE = "http://localhost:8712"  # another port than the default; the test client's cookies still fit


def _wave(client):
    form = client.get("/staff/surveys/waves/new", base_url=HERE)
    version_id = re.search(r'<option value="(\d+)"', form.get_data(as_text=True)).group(1)
    created = client.post("/staff/surveys/waves/new", base_url=HERE, data={
        "version_id": version_id, "title": "Spring", "opens_on": "2020-01-01", "closes_on": "2099-01-01", "care_statuses": ["in_care"]})
    return created.location


def test_the_wave_page_and_code_sheet_link_to_the_address_the_page_was_asked_at(app, db, sign_in, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", "")
    officer = factories.staff(factories.authority(), "participation_officer")
    client = sign_in(officer)
    wave_url = _wave(client)
    page = client.get(wave_url, base_url=HERE).get_data(as_text=True)
    assert f"{HERE}/survey<" in page
    sheet = client.post(wave_url + "/codes", base_url=HERE, data={"count": "2"}).get_data(as_text=True)
    assert sheet.count(f">{HERE}/survey<") == 2
    assert "127.0.0.1:5000" not in page + sheet


def test_the_invite_card_links_to_the_address_the_page_was_asked_at(app, db, sign_in, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", "")
    council = factories.authority()
    worker = factories.staff(council, "worker")
    person = factories.young_person(council, account=False, worker_id=worker.id)
    card = sign_in(worker).post(f"/staff/young-people/{person.id}/invite", base_url=HERE).get_data(as_text=True)
    assert re.search(re.escape(HERE) + r"/join\?code=[A-Z0-9]{4}-[A-Z0-9]{4}", card)


def test_public_url_when_set_is_used_for_cards_and_survey_links(app, db, sign_in, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://heard.example.org/")
    council = factories.authority()
    worker = factories.staff(council, "worker")
    person = factories.young_person(council, account=False, worker_id=worker.id)
    card = sign_in(worker).post(f"/staff/young-people/{person.id}/invite", base_url=HERE).get_data(as_text=True)
    assert "https://heard.example.org/join?code=" in card and HERE not in card
    officer = factories.staff(council, "participation_officer")
    client = sign_in(officer)
    page = client.get(_wave(client), base_url=HERE).get_data(as_text=True)
    assert "https://heard.example.org/survey<" in page


def test_without_a_request_or_public_url_links_use_the_local_address(app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", "")
    assert public_url("/sign-in") == f"{LOCAL_URL}/sign-in"
    with app.test_request_context("/", base_url="https://heard.test"):
        assert public_url(url_for("auth.sign_in")) == "https://heard.test/sign-in"
