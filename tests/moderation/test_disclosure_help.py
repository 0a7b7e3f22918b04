"""Help wherever a young person discloses: every save screened, help shown at once in their
language, who has been told and why, a choice to be contacted after anonymous words, the people
who read the words see the alert, and the lead has what they need to act."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from app.extensions import db
from app.moderation import service
from app.moderation.models import SafeguardingAlert

from .. import factories

RISKY = "my foster dad hits me and I want to kill myself"


class People:
    def __init__(self, *, age=14, care_status="in_care", language="en"):
        self.council = factories.authority(out_of_hours_phone="0300 555 0199", enabled_languages=["en", "ar"])
        self.lead = factories.staff(self.council, "safeguarding_lead", email="lead@example.org")
        self.worker = factories.staff(self.council, "worker", email="worker@example.org", display_name="Dana Worker", work_phone="0300 555 0123")
        self.iro = factories.staff(self.council, "iro", email="iro@example.org")
        self.child = factories.young_person(
            self.council, display_name="Zarmina", age=age, care_status=care_status, preferred_language=language,
            worker_id=self.worker.id, iro_id=self.iro.id, reference="NM-2044", placement="Foster carers, Hill Top, Northmoor", phone="07700 900555",
        )
        db.session.commit()


def _alerts():
    db.session.expire_all()
    return db.session.scalars(select(SafeguardingAlert).order_by(SafeguardingAlert.id)).all()


# --- views before a review: every save ----------------------------------------------------------


def test_risk_in_a_saved_unsent_draft_raises_an_alert_and_tells_the_child_who_was_told(sign_in, mail_outbox):
    """Fails before this change: "Save and finish later" showed only "Saved"."""
    people = People()
    review = factories.review(people.child)
    client = sign_in(people.child)
    client.get(f"/my/reviews/{review.id}/worries/")
    response = client.post(f"/my/reviews/{review.id}/worries/", data={"text": RISKY, "action": "later"})
    [alert] = _alerts()
    assert alert.source == "reviews.draft" and alert.young_person_id == people.child.id and alert.language == "en"
    assert response.status_code == 302 and f"/my/help/told/{alert.id}" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "the council&#39;s safeguarding team" in page and "your worker, Dana Worker" in page
    assert "0800 1111" in page and "tel:999" in page and "0300 555 0199" in page
    assert re.search(rf'href="/my/reviews/{review.id}/?">Carry on', page)  # and on to where they were going
    assert sorted(m["To"] for m in mail_outbox) == ["lead@example.org", "worker@example.org"]

    # Saving the same words again, then sending, raises nothing more.
    client.post(f"/my/reviews/{review.id}/worries/", data={"text": RISKY + " really"})
    assert len(_alerts()) == 1
    # Another young person cannot open the page about this alert.
    other = factories.young_person(people.council)
    assert sign_in(other).get(f"/my/help/told/{alert.id}").status_code == 404


def test_sending_views_whose_risk_was_alerted_while_saving_does_not_alert_twice(sign_in, mail_outbox):
    from app.reviews import service as reviews_service

    people = People()
    review = factories.review(people.child)
    client = sign_in(people.child)
    client.get(f"/my/reviews/{review.id}/worries/")
    client.post(f"/my/reviews/{review.id}/worries/", data={"text": RISKY})
    db.session.expire_all()
    submission = review.submission
    submission.readers = ["iro"]
    assert reviews_service.send(submission, key="k1")
    db.session.commit()
    assert len(_alerts()) == 1 and submission.risk_flagged


def test_the_iro_reading_views_sees_that_an_alert_exists_and_its_state(sign_in, mail_outbox):
    people = People()
    review = factories.review(people.child)
    submission = factories.sent_views(review, answers={"worries": RISKY}, readers=("iro",))
    db.session.commit()
    [alert] = _alerts()
    page = sign_in(people.iro).get(f"/staff/reviews/{review.id}").get_data(as_text=True)
    assert "raised a safeguarding alert" in page and "Not acknowledged" in page
    sign_in(people.lead).post(f"/staff/safeguarding/{alert.id}/acknowledge")
    page = sign_in(people.iro).get(f"/staff/reviews/{review.id}").get_data(as_text=True)
    assert "Acknowledged" in page and people.lead.display_name in page


# --- the alert page has what the lead needs ----------------------------------------------------------


def test_the_alert_page_gives_the_lead_what_they_need_to_act(sign_in):
    """Fails before this change: a first name only, and a name link that answered "You cannot see this page"."""
    people = People()
    alert = service.screen_private(authority_id=people.council.id, young_person=people.child, text=RISKY, source="test.private").alert
    db.session.commit()
    lead = sign_in(people.lead)
    page = lead.get(f"/staff/safeguarding/{alert.id}").get_data(as_text=True)
    for fact in ("NM-2044", "Foster carers, Hill Top, Northmoor", "07700 900555", "Dana Worker", "0300 555 0123", "worker@example.org"):
        assert fact in page, fact
    link = re.search(r'href="([^"]+)"><bdi>Zarmina', page).group(1)
    assert link == f"/staff/safeguarding/{alert.id}/young-person"
    person_page = lead.get(link)
    assert person_page.status_code == 200 and "NM-2044" in person_page.get_data(as_text=True)
    # Someone who may not see the alert may not see this either.
    other_worker = factories.staff(people.council, "worker")
    assert sign_in(other_worker).get(link).status_code == 404


# --- anonymous survey: help, and a choice to be contacted ----------------------------------------


def _survey_with_code(council):
    from app.surveys import service as surveys

    wave = factories.survey_wave(council)
    [code] = surveys.issue_codes(wave, 1)
    db.session.commit()
    version = wave.version
    position = [q.key for q in surveys.visible_questions(version, {})].index("heard:anything") + 1
    return wave, code, position


def _disclose_in_survey(client, code, position, text=RISKY):
    assert client.post("/survey", data={"code": code}).status_code == 302
    response = client.post(f"/survey/q/{position}", data={"text": text, "action": "next"})
    assert response.status_code == 302 and "/survey/help?" in response.location
    # Which alert it was is kept in the browser's own session, never in an address that a
    # server would log with the time.
    assert list(parse_qs(urlsplit(response.location).query)) == ["next"]
    return response.location


def test_an_anonymous_survey_disclosure_shows_help_at_once_and_stays_anonymous_when_they_say_no(app, sign_in, mail_outbox):
    """Fails before this change: the child was shown nothing."""
    people = People()
    wave, code, position = _survey_with_code(people.council)
    client = sign_in(people.child)
    help_url = _disclose_in_survey(client, code, position)
    page = client.get(help_url).get_data(as_text=True)
    assert "Do you want someone to contact you?" in page and "0800 1111" in page
    [alert] = _alerts()
    assert alert.young_person_id is None and alert.source_id == wave.id and alert.language == "en"
    response = client.post("/survey/help", data={"next": "/survey/check", "contact": "no"})
    assert response.status_code == 302
    [alert] = _alerts()
    assert alert.young_person_id is None and alert.contact_consent is False
    lead_page = sign_in(people.lead).get(f"/staff/safeguarding/{alert.id}").get_data(as_text=True)
    assert "written anonymously" in lead_page and wave.title in lead_page and "English" in lead_page and "kill myself" in lead_page


def test_saying_yes_while_signed_in_names_them_with_consent_recorded_and_tells_their_worker(app, sign_in, mail_outbox):
    people = People()
    wave, code, position = _survey_with_code(people.council)
    client = sign_in(people.child)
    help_url = _disclose_in_survey(client, code, position)
    assert "Do you want someone to contact you?" in client.get(help_url).get_data(as_text=True)
    mail_outbox.clear()
    client.post("/survey/help", data={"next": "/survey/check", "contact": "yes"})
    [alert] = _alerts()
    assert alert.young_person_id == people.child.id and alert.contact_consent is True and alert.consented_at is not None
    assert people.worker.id in alert.notified_ids and [m["To"] for m in mail_outbox] == ["worker@example.org"]
    # A second answer changes nothing.
    client.post("/survey/help", data={"next": "/survey/check", "contact": "no"})
    assert _alerts()[0].contact_consent is True


def test_without_signing_in_the_survey_help_page_shows_help_but_cannot_name_anyone(app, client, mail_outbox):
    people = People()
    wave, code, position = _survey_with_code(people.council)
    help_url = _disclose_in_survey(client, code, position)
    page = client.get(help_url).get_data(as_text=True)
    assert "Do you want someone to contact you?" not in page
    assert "If you are under 19, Childline" in page and "If you are 18 or over, Samaritans" in page
    # Another browser, which did not write the words, finds nothing to answer.
    assert app.test_client().get("/survey/help").status_code == 404


# --- Childline is for under-19s ------------------------------------------------------------------


def test_care_leavers_are_offered_adult_services_not_childline(sign_in):
    """Fails before this change: Childline was offered to a 19-year-old."""
    people = People(age=19, care_status="care_leaver")
    page = sign_in(people.child).get("/my/help").get_data(as_text=True)
    assert "0800 1111" not in page
    assert "116 123" in page and "85258" in page and "Your personal adviser, <bdi>Dana Worker</bdi>" in page and "0300 555 0199" in page
    younger = factories.young_person(people.council, age=14)
    page = sign_in(younger).get("/my/help").get_data(as_text=True)
    assert "0800 1111" in page and "116 123" not in page


# --- other places a child writes ---------------------------------------------------------------


def _write_risk(place: str, people: People, client):
    """Write RISKY where a young person can write, through the page they use; the response."""
    council = people.council
    if place == "pledge comment":
        version = factories.pledge_version(council, "in_care", themes=1, promises=1)
        factories.rating_round(council)
        db.session.commit()
        promise = version.promises[0]
        return client.post(f"/pledge/rate/{promise.id}", data={"answer": "not_kept", "comment": RISKY})
    group = factories.council_group(council)
    factories.council_member(group, people.child)
    if place == "idea":
        db.session.commit()
        return client.post(f"/council/groups/{group.id}/ideas/new", data={"text": RISKY})
    if place == "consultation answer":
        consultation = factories.council_consultation(group)
        db.session.commit()
        return client.post(f"/council/consultations/{consultation.id}", data={"text": RISKY})
    if place == "good news":
        db.session.commit()
        return client.post(f"/council/groups/{group.id}/good-news", data={"text": RISKY, "show_name": "anonymous"})
    if place == "meeting question":
        meeting = factories.council_meeting(group)
        db.session.commit()
        return client.post(f"/council/meetings/{meeting.id}", data={"text": RISKY})
    assert place == "poll comment"
    poll = factories.council_poll(group, allow_comment=True)
    question = poll.questions[0]
    db.session.commit()
    return client.post(
        f"/council/polls/{poll.id}/questions/{question.id}", data={"choice": str(question.options[0].id), "comment": RISKY}
    )


@pytest.mark.parametrize("place", ["idea", "consultation answer", "good news", "meeting question", "poll comment", "pledge comment"])
def test_risk_written_anywhere_shows_help_at_once_says_who_was_told_and_records_the_language(place, app, sign_in, mail_outbox):
    """A poll comment's page showed help but not who had been told, before this change."""
    from markupsafe import escape

    from flask_babel import force_locale

    people = People(language="ar")
    response = _write_risk(place, people, sign_in(people.child))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    [alert] = _alerts()
    assert alert.young_person_id == people.child.id and alert.language == "ar"  # an interpreter may be needed
    assert 'lang="ar"' in page and 'dir="rtl"' in page
    with app.test_request_context(), force_locale("ar"):
        told = service.told_whom(alert)
    assert len(told) == 2 and "Dana Worker" in told[1]
    for who in told:  # who has been told, in their language
        assert f"<li>{escape(who)}</li>" in page, who
    assert 'href="tel:999"' in page and "0800 1111" in page and "0300 555 0199" in page
    assert 'action="/my/help/now"' in page  # "I need help now"
    assert sorted(m["To"] for m in mail_outbox) == ["lead@example.org", "worker@example.org"]


# --- help without signing in -----------------------------------------------------------------------


def test_help_is_one_link_from_the_sign_in_page_without_signing_in(client):
    """Fails before this change: a signed-out child had no way to the help numbers."""
    one = factories.authority(name="Northmoor Council", slug="northmoor", out_of_hours_phone="0300 555 0199", contact_phone="0300 555 0100")
    db.session.commit()
    sign_in_page = client.get("/sign-in").get_data(as_text=True)
    assert 'href="/help"' in sign_in_page
    response = client.get("/help")  # one council on this installation: its page at once
    assert response.status_code == 302 and response.location.endswith("/help/northmoor")
    page = client.get("/help/northmoor").get_data(as_text=True)
    for number in ("tel:999", "0800 1111", "116 123", "0300 555 0199", "0300 555 0100"):
        assert number in page, number
    factories.authority(name="Westfold Council", slug="westfold", out_of_hours_phone="0300 555 0777")
    db.session.commit()
    listing = client.get("/help").get_data(as_text=True)
    assert "/help/northmoor" in listing and "/help/westfold" in listing and "0300 555 0777" in listing
    assert client.get("/help/nowhere").status_code == 404
    assert one.slug == "northmoor"


def test_someone_signed_in_is_helped_by_their_own_council(sign_in):
    ours = factories.authority(name="Northmoor Council", slug="northmoor", out_of_hours_phone="0300 555 0199")
    factories.authority(name="Westfold Council", slug="westfold", out_of_hours_phone="0300 555 0777")
    child = factories.young_person(ours)
    db.session.commit()
    client = sign_in(child)
    assert client.get("/help").location.endswith("/help/northmoor")
    assert client.get("/help/westfold").location.endswith("/help/northmoor")
    page = client.get("/help/northmoor").get_data(as_text=True)
    assert "0300 555 0199" in page and "Westfold" not in page
