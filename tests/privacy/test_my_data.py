"""A young person's "My data": seeing and downloading everything Heard holds about them, asking for
a correction or a deletion, a council admin answering within a month, and the subject-access
export, which is audited."""
from __future__ import annotations

import json
from datetime import date, timedelta

from freezegun import freeze_time
from sqlalchemy import select

from app.audit import AuditEvent
from app.auth.models import User
from app.extensions import db
from app.moderation.models import ModerationItem
from app.privacy import service
from app.privacy.models import DONE, WAITING, DataRequest
from app.reviews.models import ViewsSubmission

from .. import factories


def _with_things(world):
    person = world.a.young_person
    review = factories.review(person)
    factories.sent_views(review, answers={"going-well": "Football on Saturdays", "worries": "Moving school"})
    factories.moderation_item(world.a.authority, text="A bigger garden at the home", author=person)
    db.session.commit()
    return person, review


def test_my_data_shows_their_views_posts_and_who_opened_them(world, sign_in):
    person, _review = _with_things(world)
    factories.audit_event(world.a.iro, "young_person.viewed", target_type="User", target_id=person.id)
    db.session.commit()
    page = sign_in(person).get("/my/data").get_data(as_text=True)
    assert "Football on Saturdays" in page
    assert "A bigger garden at the home" in page
    assert person.reference in page
    assert "Staff iro A" in page and "opened your record" in page
    assert "Quillon" not in page  # nobody else's data


def test_my_data_downloads_as_json_and_pdf(world, sign_in):
    person, _review = _with_things(world)
    client = sign_in(person)
    response = client.get("/my/data.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(response.get_data(as_text=True))
    assert data["account"][0]["reference"] == person.reference
    assert any("Football on Saturdays" in answer for answer in data["reviews"][0]["answers"])
    assert data["posts"][0]["words"] == "A bigger garden at the home"
    pdf = client.get("/my/data.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.data.startswith(b"%PDF")


def test_a_correction_needs_to_say_what_is_wrong(world, sign_in):
    client = sign_in(world.a.young_person)
    response = client.post("/my/data/ask", data={"kind": "correction", "details": ""})
    assert "Tell us what is wrong" in response.get_data(as_text=True)
    assert db.session.scalar(select(DataRequest)) is None


@freeze_time("2027-01-31 10:00:00")
def test_a_request_is_due_one_calendar_month_later_and_admins_are_told_without_its_words(world, sign_in):
    from app.mail.models import OutgoingMail

    client = sign_in(world.a.young_person)
    response = client.post("/my/data/ask", data={"kind": "deletion", "details": "Please delete my ideas"})
    assert response.status_code == 302
    request = db.session.scalar(select(DataRequest))
    assert request.status == WAITING and request.due_on == date(2027, 2, 28)
    mail = db.session.scalar(select(OutgoingMail).where(OutgoingMail.kind == "privacy.request"))
    assert mail.recipient == world.a.council_admin.email
    assert "Please delete my ideas" not in mail.body
    page = client.get("/my/data").get_data(as_text=True)
    assert "Waiting" in page


def test_staff_see_late_requests(world, sign_in):
    with freeze_time("2027-01-01 09:00:00"):
        service.ask(world.a.young_person, "deletion", None)
        db.session.commit()
    with freeze_time("2027-02-02 09:00:00"):
        page = sign_in(world.a.council_admin).get("/staff/data-requests").get_data(as_text=True)
    assert "ZephyrineA" in page and "Late" in page


def test_a_deletion_deletes_what_is_only_theirs_keeps_views_and_explains_why(world, sign_in):
    person, review = _with_things(world)
    request = service.ask(person, "deletion", "Delete everything please")
    db.session.commit()
    admin = sign_in(world.a.council_admin)
    page = admin.get(f"/staff/data-requests/{request.id}").get_data(as_text=True)
    assert "Delete everything please" in page
    response = admin.post(f"/staff/data-requests/{request.id}", data={"reply": "We deleted your ideas and drafts."})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(DataRequest, request.id).status == DONE
    assert db.session.scalar(select(ModerationItem).where(ModerationItem.author_id == person.id)) is None
    assert db.session.scalar(select(ViewsSubmission).where(ViewsSubmission.review_id == review.id)) is not None
    assert db.session.get(User, person.id).username is not None  # they did not ask to close the account
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "privacy.request_completed")) is not None
    page = sign_in(person).get("/my/data").get_data(as_text=True)
    assert "We deleted your ideas and drafts." in page
    assert "part of the record of your care" in page


def test_a_deletion_that_closes_the_account_ends_the_sign_in(world, sign_in):
    person = world.a.young_person
    request = service.ask(person, "deletion", None, close_account=True)
    db.session.commit()
    sign_in(world.a.council_admin).post(f"/staff/data-requests/{request.id}", data={"reply": "Done."})
    db.session.expire_all()
    closed = db.session.get(User, person.id)
    assert closed.username is None and closed.password_hash is None and not closed.active


def test_an_answered_request_cannot_be_answered_again(world, sign_in):
    request = service.ask(world.a.young_person, "correction", "My name is spelt wrong")
    db.session.commit()
    admin = sign_in(world.a.council_admin)
    admin.post(f"/staff/data-requests/{request.id}", data={"reply": "Fixed it."})
    admin.post(f"/staff/data-requests/{request.id}", data={"reply": "Again."})
    db.session.expire_all()
    assert db.session.get(DataRequest, request.id).reply == "Fixed it."


def test_subject_access_export_has_what_staff_wrote_and_is_audited(world, sign_in):
    person, _review = _with_things(world)
    factories.safeguarding_alert(world.a.authority, young_person=person, text="I feel unsafe at night")
    db.session.commit()
    admin = sign_in(world.a.council_admin)
    assert admin.get(f"/staff/young-people/{person.id}/data").status_code == 200
    response = admin.post(f"/staff/young-people/{person.id}/data.json")
    assert response.status_code == 200
    export = json.loads(response.get_data(as_text=True))
    assert export["data"]["alerts"][0]["text"] == "I feel unsafe at night"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "privacy.subject_access_export"))
    assert event.actor_id == world.a.council_admin.id and event.target_id == person.id
    # The young person's own copy does not hold the words staff hold about an alert...
    own = json.loads(sign_in(person).get("/my/data.json").get_data(as_text=True))
    assert "text" not in own["alerts"][0]
    # ...and it tells them the export was made.
    assert any(row["what"] == "downloaded a copy of your data for you" for row in own["who_looked"])


def test_one_month_after_keeps_to_the_month():
    assert service.one_month_after(date(2027, 1, 31)) == date(2027, 2, 28)
    assert service.one_month_after(date(2027, 12, 15)) == date(2028, 1, 15)
    assert service.one_month_after(date(2028, 1, 31)) == date(2028, 2, 29)
    assert service.one_month_after(date(2027, 3, 1)) - date(2027, 3, 1) == timedelta(days=31)


def test_my_data_holds_messages_call_backs_complaints_and_advocacy(world, sign_in):
    person = world.a.young_person
    factories.statement(person, text="My bus pass has run out")
    factories.callback(person, about="About my placement")
    team = factories.team(world.a.authority, name="Fostering team", members=[world.a.worker])
    factories.representation(person, team=team, text="Nobody told me my contact was cancelled")
    factories.advocacy_request(person, about="Help with my complaint")
    db.session.commit()
    data = json.loads(sign_in(person).get("/my/data.json").get_data(as_text=True))
    words = [row.get("words") for row in data["between_reviews"]]
    assert "My bus pass has run out" in words and "Nobody told me my contact was cancelled" in words
    assert any(row.get("about") == "About my placement" for row in data["between_reviews"])
    assert any(row.get("about") == "Help with my complaint" for row in data["between_reviews"])


def test_a_deletion_deletes_unsent_messages_and_keeps_sent_ones(world, sign_in):
    from app.voice.models import Statement

    person = world.a.young_person
    sent = factories.statement(person, text="Sent to my worker").id
    draft = factories.statement(person, kind="other", text="Never sent", send=False).id
    request = service.ask(person, "deletion", None)
    db.session.commit()
    sign_in(world.a.council_admin).post(f"/staff/data-requests/{request.id}", data={"reply": "Done."})
    db.session.expire_all()
    assert db.session.get(Statement, draft) is None
    assert db.session.get(Statement, sent) is not None
    assert "messages" in db.session.get(DataRequest, request.id).outcome["kept"]
