"""Every save of what a young person writes is screened: an alert goes at once, they see help,
and nothing is held back."""
from __future__ import annotations

from app.extensions import db
from app.moderation.models import SafeguardingAlert
from app.voice.models import Statement

from .. import factories


def _person():
    council = factories.authority(out_of_hours_phone="0300 555 0199")
    worker = factories.staff(council, "worker")
    person = factories.young_person(council, worker_id=worker.id)
    db.session.commit()
    return worker, person


def test_risk_in_a_draft_alerts_at_once_before_sending_and_shows_help(sign_in):
    worker, person = _person()
    client = sign_in(person)
    client.get("/my/say/new/feeling")
    statement = db.session.query(Statement).one()
    client.post(f"/my/say/{statement.id}/why/", data={"text": "I want to kill myself", "action": "next"})
    alert = db.session.query(SafeguardingAlert).one()
    assert alert.young_person_id == person.id and alert.source == "voice.feeling" and alert.source_id == statement.id
    page = client.get(f"/my/say/{statement.id}/about/").get_data(as_text=True)
    assert "Are you safe?" in page and "0800 1111" in page and "0300 555 0199" in page
    # Saving the same words again raises no second alert; sending still goes through.
    client.post(f"/my/say/{statement.id}/why/", data={"text": "I want to kill myself", "action": "next"})
    client.post(f"/my/say/{statement.id}/send", data={"key": "k1"})
    assert db.session.query(SafeguardingAlert).count() == 1
    statement = db.session.get(Statement, statement.id)
    assert statement.status == "sent" and statement.risk_flagged
    assert "Are you safe?" in client.get(f"/my/say/{statement.id}/").get_data(as_text=True)
    assert "Safeguarding alert raised" in sign_in(worker).get("/staff/voice/").get_data(as_text=True)


def test_ordinary_words_raise_nothing(sign_in):
    worker, person = _person()
    client = sign_in(person)
    client.get("/my/say/new/good_news")
    statement = db.session.query(Statement).one()
    client.post(f"/my/say/{statement.id}/news/", data={"text": "I killed it at football today", "action": "next"})
    assert db.session.query(SafeguardingAlert).count() == 0
    assert "Are you safe?" not in client.get(f"/my/say/{statement.id}/check/").get_data(as_text=True)
