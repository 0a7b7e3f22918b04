"""Words that suggest risk raise an alert at once; the views still go; the young person sees help."""
from __future__ import annotations

from app.extensions import db
from app.moderation.models import SafeguardingAlert
from app.reviews.models import ViewsSubmission

from .. import factories
from ..helpers import SignInFormOnPage


def _setup():
    council = factories.authority(out_of_hours_phone="0300 555 0199")
    iro = factories.staff(council, "iro")
    person = factories.young_person(council, iro_id=iro.id)
    review = factories.review(person, iro=iro)
    db.session.commit()
    return iro, person, review


def test_risk_in_views_raises_an_alert_sends_anyway_and_shows_help(sign_in):
    iro, person, review = _setup()
    client = sign_in(person)
    client.post(f"/my/reviews/{review.id}/worries/", data={"text": "Sometimes I want to kill myself"})
    client.post(f"/my/reviews/{review.id}/send", data={"key": "k"})
    submission = db.session.query(ViewsSubmission).one()
    assert submission.status == "sent" and submission.risk_flagged
    alert = db.session.query(SafeguardingAlert).one()
    # Raised when the words were saved, before sending, and not again when they were sent.
    assert alert.young_person_id == person.id and alert.source == "reviews.draft" and alert.source_id == submission.id
    page = client.get(f"/my/reviews/{review.id}/").get_data(as_text=True)
    assert "Are you safe?" in page and "0800 1111" in page and "0300 555 0199" in page
    assert "Sometimes I want to kill myself" in sign_in(iro).get(f"/staff/reviews/{review.id}").get_data(as_text=True)


def test_ordinary_views_raise_nothing(sign_in):
    iro, person, review = _setup()
    client = sign_in(person)
    client.post(f"/my/reviews/{review.id}/going-well/", data={"text": "Killing it at football this term"})
    client.post(f"/my/reviews/{review.id}/send", data={"key": "k"})
    assert not db.session.query(ViewsSubmission).one().risk_flagged
    assert db.session.query(SafeguardingAlert).count() == 0
    assert "Are you safe?" not in client.get(f"/my/reviews/{review.id}/").get_data(as_text=True)


def test_risk_in_an_addition_is_screened_too(sign_in):
    iro, person, review = _setup()
    factories.sent_views(review, readers=("iro",))
    db.session.commit()
    client = sign_in(person)
    client.post(f"/my/reviews/{review.id}/add", data={"text": "I want to kill myself", "key": "a1"})
    alert = db.session.query(SafeguardingAlert).one()
    assert alert.source == "reviews.addition"
    assert "Are you safe?" in client.get(f"/my/reviews/{review.id}/").get_data(as_text=True)


def test_risk_in_an_addition_tells_the_child_who_was_told_and_records_the_language_written_in(sign_in):
    """Fails before this change: only "Added." was shown, and the alert said the views' language."""
    iro, person, review = _setup()
    factories.sent_views(review, readers=("iro",))
    db.session.commit()
    client = sign_in(person)
    response = client.post(f"/my/reviews/{review.id}/add", data={"text": "أريد أن أقتل نفسي", "language": "ar", "key": "a1"})
    alert = db.session.query(SafeguardingAlert).one()
    assert alert.source == "reviews.addition" and alert.language == "ar"
    assert response.status_code == 302 and f"/my/help/told/{alert.id}" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "So that someone can help you, we have told:" in page and "0800 1111" in page
    assert f'href="/my/reviews/{review.id}/#additions"' in page  # and back to where they were


def test_risk_first_found_when_views_are_sent_tells_the_child_who_was_told(sign_in):
    """Words kept in a draft without being screened (a draft from before every save was screened)
    are screened when sent; the child is shown help at once. Fails before this change: only "Sent"."""
    from app.reviews import service as reviews_service

    iro, person, review = _setup()
    submission = reviews_service.start_or_resume(review, person)
    submission.answers = {"worries": {"text": "I want to kill myself"}}
    submission.readers = ["iro"]
    db.session.commit()
    client = sign_in(person)
    response = client.post(f"/my/reviews/{review.id}/send", data={"key": "k"})
    alert = db.session.query(SafeguardingAlert).one()
    assert alert.source == "reviews.views"
    assert response.status_code == 302 and f"/my/help/told/{alert.id}" in response.location


def test_risk_written_after_the_session_ran_out_is_screened_when_kept_and_help_shown(app, sign_in):
    """Fails before this change: the kept words raised an alert but the child saw only the step."""
    iro, person, review = _setup()
    client = sign_in(person)
    client.post(f"/my/reviews/{review.id}/going-well/", data={"text": ""})  # the draft exists
    with client.session_transaction() as session:
        session["seen"] = 0  # the idle limit has long passed
    response = client.post(f"/my/reviews/{review.id}/worries/", data={"text": "my carer hurts me"})
    assert response.status_code == 200 and "Sign in to Heard" in response.get_data(as_text=True)
    assert db.session.query(SafeguardingAlert).count() == 0
    landed = SignInFormOnPage(response).submit(client, person.username, factories.PASSWORD)
    landed = client.get(landed.location)
    alert = db.session.query(SafeguardingAlert).one()
    assert alert.source == "reviews.draft" and alert.young_person_id == person.id
    page = landed.get_data(as_text=True)
    assert "We are here for you" in page and "0800 1111" in page


def test_risk_written_on_a_second_phone_is_screened_even_when_held_beside_the_first_phones_save(sign_in):
    """Two phones, one step: the later save is held until the young person chooses, and its words
    are screened at once all the same (the alert does not wait for the choice)."""
    import re

    iro, person, review = _setup()
    url = f"/my/reviews/{review.id}/going-well/"
    phone_a, phone_b = sign_in(person), sign_in(person)
    seen_a, seen_b = (re.search(r'name="revision" value="(\d+)"', p.get(url).get_data(as_text=True)) for p in (phone_a, phone_b))
    phone_a.post(url, data={"text": "School is fine", "action": "next", "revision": seen_a.group(1)})
    response = phone_b.post(url, data={"text": "My carer hurts me and I want to kill myself", "action": "next", "revision": seen_b.group(1)})
    db.session.expire_all()
    submission = db.session.query(ViewsSubmission).one()
    assert submission.answers["going-well"]["text"] == "School is fine" and submission.held  # nothing overwritten
    alert = db.session.query(SafeguardingAlert).one()
    assert alert.source == "reviews.draft" and alert.young_person_id == person.id
    assert response.status_code == 302 and f"/my/help/told/{alert.id}" in response.location
    page = phone_b.get(response.location).get_data(as_text=True)
    assert "0800 1111" in page and url in page  # help now, then back to choose between the two
    phone_b.post(url, data={"choice": "both", "revision": str(submission.revision)})
    assert db.session.query(SafeguardingAlert).count() == 1  # keeping both raises nothing new
