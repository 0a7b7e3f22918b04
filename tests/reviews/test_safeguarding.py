"""Words that suggest risk raise an alert at once; the views still go; the young person sees help."""
from __future__ import annotations

from app.extensions import db
from app.moderation.models import SafeguardingAlert
from app.reviews.models import ViewsSubmission

from .. import factories


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
