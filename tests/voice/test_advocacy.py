"""An advocate on request: consent to share, the council's advocacy service told by a link with
no personal details in the email, and the status tracked (referred, contacted, allocated)."""
from __future__ import annotations

import re

from freezegun import freeze_time

from app.audit import AuditEvent
from app.extensions import db
from app.voice.models import AdvocacyRequest
from app.voice.settings import settings_for

from .. import factories


def _people(email="referrals@advocacy.example"):
    council = factories.authority(advocacy_phone="0300 555 0142")
    settings = settings_for(council.id)
    settings.advocacy_name = "Northmoor Advocacy"
    settings.advocacy_email = email
    officer = factories.staff(council, "complaints_officer")
    worker = factories.staff(council, "worker")
    person = factories.young_person(council, worker_id=worker.id, display_name="Yonas", age=15)
    db.session.commit()
    return council, officer, worker, person


def _key(page):
    return re.search(r'name="key" value="([^"]+)"', page).group(1)


def test_nothing_is_sent_without_consent(sign_in):
    council, officer, worker, person = _people()
    client = sign_in(person)
    key = _key(client.get("/my/advocate/").get_data(as_text=True))
    response = client.post("/my/advocate/", data={"contact_way": "phone", "contact": "07700 900123", "key": key})
    assert response.status_code == 400 and "Tick the box" in response.get_data(as_text=True)
    assert db.session.query(AdvocacyRequest).count() == 0


def test_the_service_gets_a_link_not_details_and_records_contact_and_allocation(app, client, sign_in, mail_outbox):
    council, officer, worker, person = _people()
    young = sign_in(person)
    key = _key(young.get("/my/advocate/").get_data(as_text=True))
    young.post("/my/advocate/", data={"contact_way": "text", "contact": "07700 900123", "consent": "y", "about": "My complaint about contact", "key": key})
    young.post("/my/advocate/", data={"contact_way": "text", "contact": "07700 900123", "consent": "y", "key": key})  # a double tap
    assert db.session.query(AdvocacyRequest).count() == 1
    to_service = [m for m in mail_outbox if m["To"] == "referrals@advocacy.example"]
    assert len(to_service) == 1
    body = to_service[0].get_content()
    assert "Yonas" not in body and "07700" not in body and "My complaint" not in body
    link = re.search(r"(/advocacy/[\w-]+)", body).group(1)

    page = client.get(link).get_data(as_text=True)
    assert "Yonas" in page and "07700 900123" in page and "My complaint about contact" in page and "15" in page
    assert db.session.query(AuditEvent).filter_by(action="voice.advocacy.link_opened").count() == 1
    client.post(link, data={"status": "contacted"})
    assert "The advocacy service has been in touch" in young.get("/my/advocate/").get_data(as_text=True)
    client.post(link, data={"status": "allocated", "advocate_name": "Tess"})
    item = db.session.query(AdvocacyRequest).one()
    assert item.status == "allocated" and item.contacted_at and item.allocated_at
    page = young.get("/my/advocate/").get_data(as_text=True)
    assert "You have an advocate" in page and "Your advocate is <bdi>Tess</bdi>." in page
    assert client.post(link, data={"status": "contacted"}).status_code == 400  # never backwards


def test_a_wrong_or_old_link_shows_nothing(client):
    council, officer, worker, person = _people()
    with freeze_time("2026-01-01 10:00:00"):
        item, token = factories.advocacy_request(person)
        db.session.commit()
    assert client.get("/advocacy/not-the-link").status_code == 404
    with freeze_time("2026-03-01 10:00:00"):
        assert client.get(f"/advocacy/{token}").status_code == 200
    with freeze_time("2026-03-03 10:00:00"):  # more than 60 days later
        assert client.get(f"/advocacy/{token}").status_code == 404


def test_a_complaint_wanting_an_advocate_leads_to_the_request_linked_to_it(sign_in):
    council, officer, worker, person = _people()
    complaint = factories.representation(person, advocate="yes", send=False)
    db.session.commit()
    client = sign_in(person)
    response = client.post(f"/my/complaints/{complaint.id}/send", data={"key": "k1"})
    assert response.location.endswith(f"/my/advocate/?source=complaint&id={complaint.id}")
    page = client.get(response.location).get_data(as_text=True)
    client.post("/my/advocate/", data={"source": "complaint", "id": complaint.id, "contact_way": "worker", "consent": "y", "key": _key(page)})
    item = db.session.query(AdvocacyRequest).one()
    assert (item.source, item.source_id) == ("complaint", complaint.id)
    assert "You asked for an advocate." in client.get(f"/my/complaints/{complaint.id}/").get_data(as_text=True)
    assert "Sent to the advocacy service" in sign_in(officer).get(f"/staff/voice/complaints/{complaint.id}").get_data(as_text=True)


def test_without_a_service_email_the_complaints_officer_is_asked_to_pass_it_on(sign_in, mail_outbox):
    council, officer, worker, person = _people(email=None)
    factories.advocacy_request(person)
    db.session.commit()
    assert [m["To"] for m in mail_outbox] == [officer.email]
    assert "please pass it on" in mail_outbox[0].get_content()
    staff = sign_in(officer)
    item = db.session.query(AdvocacyRequest).one()
    staff.post(f"/staff/voice/advocacy/{item.id}", data={"status": "contacted"})
    assert db.session.get(AdvocacyRequest, item.id).status == "contacted"


def test_workers_and_other_councils_cannot_see_advocacy_requests(sign_in):
    council, officer, worker, person = _people()
    item, token = factories.advocacy_request(person)
    outsider = factories.staff(factories.authority(), "complaints_officer")
    db.session.commit()
    assert sign_in(worker).get(f"/staff/voice/advocacy/{item.id}").status_code == 403
    assert sign_in(outsider).get(f"/staff/voice/advocacy/{item.id}").status_code == 404
    assert "Yonas" not in sign_in(outsider).get("/staff/voice/advocacy/").get_data(as_text=True)
