""""Call me back", kept to the council's promise, counted on working days."""
from __future__ import annotations

import re

from freezegun import freeze_time

from app.audit import AuditEvent
from app.extensions import db
from app.voice.models import CallBack
from app.voice.settings import settings_for

from .. import factories


def _people():
    council = factories.authority()
    manager = factories.staff(council, "manager", display_name="Helen Ward")
    worker = factories.staff(council, "worker", display_name="Daniel Hughes", line_manager_id=manager.id)
    iro = factories.staff(council, "iro", display_name="Grace Okafor")
    person = factories.young_person(council, worker_id=worker.id, iro_id=iro.id)
    db.session.commit()
    return council, manager, worker, iro, person


def _key(page):
    return re.search(r'name="key" value="([^"]+)"', page).group(1)


@freeze_time("2026-03-10 15:40:00")  # a Tuesday, UK time (GMT)
def test_the_young_person_sees_the_promise_in_words(sign_in):
    council, manager, worker, iro, person = _people()
    client = sign_in(person)
    page = client.get("/my/call-me/").get_data(as_text=True)
    assert "within 24 hours" in page
    response = client.post("/my/call-me/", data={"who": "worker", "good_times": ["after_school"], "about": "My college place", "key": _key(page)})
    assert response.status_code == 302
    page = client.get("/my/call-me/").get_data(as_text=True)
    assert "<bdi>Daniel</bdi> will call you by 4pm tomorrow" in page
    assert "<bdi>Daniel</bdi> will call you by 4pm tomorrow" in client.get("/my/").get_data(as_text=True)
    callback = db.session.query(CallBack).one()
    assert callback.promise_hours == 24 and callback.good_times == ["after_school"]


@freeze_time("2026-03-13 15:40:00")  # a Friday
def test_a_friday_promise_is_kept_on_monday(sign_in):
    council, manager, worker, iro, person = _people()
    client = sign_in(person)
    page = client.get("/my/call-me/").get_data(as_text=True)
    client.post("/my/call-me/", data={"who": "iro", "key": _key(page)})
    assert "<bdi>Grace</bdi> will call you by 4pm on Monday 16 March" in client.get("/my/call-me/").get_data(as_text=True)


@freeze_time("2026-04-02 14:00:00")  # Thursday before Easter, British Summer Time
def test_a_promise_pauses_over_the_easter_bank_holidays(sign_in):
    council, manager, worker, iro, person = _people()
    settings_for(council.id).callback_hours = 8
    db.session.commit()
    client = sign_in(person)
    page = client.get("/my/call-me/").get_data(as_text=True)
    client.post("/my/call-me/", data={"who": "worker", "key": _key(page)})
    # 15:00 UK time + 8 hours = 23:00 the same day: no bank holiday reached.
    assert "<bdi>Daniel</bdi> will call you by 11pm today" in client.get("/my/call-me/").get_data(as_text=True)
    settings_for(council.id).callback_hours = 24
    db.session.commit()
    client.post(f"/my/call-me/{db.session.query(CallBack).one().id}/cancel")
    page = client.get("/my/call-me/").get_data(as_text=True)
    client.post("/my/call-me/", data={"who": "iro", "key": _key(page)})
    assert "<bdi>Grace</bdi> will call you by 3pm on Tuesday 7 April" in client.get("/my/call-me/").get_data(as_text=True)


def test_a_double_tap_asks_once_and_an_open_request_is_not_repeated(sign_in):
    council, manager, worker, iro, person = _people()
    client = sign_in(person)
    key = _key(client.get("/my/call-me/").get_data(as_text=True))
    client.post("/my/call-me/", data={"who": "worker", "key": key})
    client.post("/my/call-me/", data={"who": "worker", "key": key})
    client.post("/my/call-me/", data={"who": "worker", "key": "another-tap"})
    assert db.session.query(CallBack).count() == 1


def test_the_worker_records_the_call_and_the_young_person_sees_it(sign_in):
    council, manager, worker, iro, person = _people()
    callback = factories.callback(person, about="My bus pass")
    db.session.commit()
    staff = sign_in(worker)
    assert "My bus pass" in staff.get(f"/staff/voice/call-backs/{callback.id}").get_data(as_text=True)
    assert db.session.query(AuditEvent).filter_by(action="voice.callback.viewed").count() == 1
    staff.post(f"/staff/voice/call-backs/{callback.id}", data={"outcome": "no_answer", "note": "I'll try again at 4pm."})
    callback = db.session.get(CallBack, callback.id)
    assert callback.done_at is not None and callback.outcome == "no_answer"
    page = sign_in(person).get("/my/call-me/").get_data(as_text=True)
    assert "could not get through" in page and "try again at 4pm" in page


def test_only_the_person_asked_answers_a_call_back(sign_in):
    council, manager, worker, iro, person = _people()
    callback = factories.callback(person)
    other = factories.staff(council, "worker")
    db.session.commit()
    assert sign_in(iro).get(f"/staff/voice/call-backs/{callback.id}").status_code == 404
    assert sign_in(other).post(f"/staff/voice/call-backs/{callback.id}", data={"outcome": "called"}).status_code == 404
    assert sign_in(manager).get(f"/staff/voice/call-backs/{callback.id}").status_code == 403
    assert db.session.get(CallBack, callback.id).done_at is None


def test_late_call_backs_go_to_the_line_manager_once(app, sign_in):
    council, manager, worker, iro, person = _people()
    with freeze_time("2026-03-10 10:00:00"):
        callback = factories.callback(person, about="My secret words")
        db.session.commit()
    runner = app.test_cli_runner()
    with freeze_time("2026-03-11 09:59:00"):
        assert "0 late call-backs" in runner.invoke(args=["heard", "voice-check"]).output
    with freeze_time("2026-03-11 10:01:00"):
        assert "1 late call-backs" in runner.invoke(args=["heard", "voice-check"]).output
        assert "0 late call-backs" in runner.invoke(args=["heard", "voice-check"]).output
    callback = db.session.get(CallBack, callback.id)
    assert callback.flagged_to == [manager.id]
    page = sign_in(manager).get("/staff/voice/waiting").get_data(as_text=True)
    assert "Daniel Hughes" in page and person.display_name in page and "My secret words" not in page
    assert sign_in(iro).get("/staff/voice/waiting").get_data(as_text=True).count(person.display_name) == 0


def test_risk_in_a_call_back_request_raises_an_alert_and_shows_help(sign_in):
    from app.moderation.models import SafeguardingAlert

    council, manager, worker, iro, person = _people()
    client = sign_in(person)
    key = _key(client.get("/my/call-me/").get_data(as_text=True))
    response = client.post("/my/call-me/", data={"who": "worker", "about": "I want to kill myself", "key": key}, follow_redirects=True)
    assert db.session.query(SafeguardingAlert).one().source == "voice.callback"
    assert "Are you safe?" in response.get_data(as_text=True)
