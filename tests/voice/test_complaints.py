"""Complaints follow the statutory children's complaints procedure, counted in working days with
England and Wales bank holidays; compliments and comments reach the team they are about."""
from __future__ import annotations

import re
from datetime import date

import pytest
from freezegun import freeze_time

from app.extensions import db
from app.voice import complaints
from app.voice.models import ComplaintStage, Representation

from .. import factories


def _people():
    council = factories.authority()
    officer = factories.staff(council, "complaints_officer", display_name="Ruth Adeyemi")
    worker = factories.staff(council, "worker")
    fostering = factories.team(council, name="Fostering team", email="fostering@example.org", members=[worker])
    person = factories.young_person(council, worker_id=worker.id, display_name="Jamal")
    db.session.commit()
    return council, officer, worker, fostering, person


@freeze_time("2025-12-19 11:00:00")  # a Friday before Christmas
def test_a_complaint_made_through_the_steps_starts_stage_one_with_ten_working_days(sign_in):
    council, officer, worker, fostering, person = _people()
    client = sign_in(person)
    client.get("/my/complaints/new/complaint")
    item = db.session.query(Representation).one()
    client.post(f"/my/complaints/{item.id}/about/", data={"team": str(fostering.id), "action": "next"})
    client.post(f"/my/complaints/{item.id}/what-happened/", data={"text": "My carer reads my messages", "action": "next"})
    client.post(f"/my/complaints/{item.id}/put-right/", data={"text": "", "action": "next"})
    client.post(f"/my/complaints/{item.id}/advocate/", data={"advocate": "no", "action": "next"})
    response = client.post(f"/my/complaints/{item.id}/send", data={"key": "k1"})
    assert response.location.endswith(f"/my/complaints/{item.id}/")
    stage = db.session.query(ComplaintStage).one()
    # 22, 23, 24 December; 25, 26 December and 1 January are bank holidays.
    assert (stage.number, stage.started_on, stage.due_on) == (1, date(2025, 12, 19), date(2026, 1, 7))
    page = client.get(f"/my/complaints/{item.id}/").get_data(as_text=True)
    assert "The council will answer by Wednesday 7 January 2026." in page


def test_a_complaint_cannot_be_sent_without_saying_what_happened(sign_in):
    council, officer, worker, fostering, person = _people()
    item = factories.representation(person, text="", wanted=None, send=False)
    db.session.commit()
    response = sign_in(person).post(f"/my/complaints/{item.id}/send", data={"key": "k1"})
    assert response.location.endswith("/what-happened/")
    assert db.session.get(Representation, item.id).status == "draft"


def test_stage_one_extends_to_twenty_working_days_once_and_the_young_person_sees_why(sign_in):
    council, officer, worker, fostering, person = _people()
    with freeze_time("2026-03-16 09:00:00"):
        complaint = factories.representation(person, team=fostering)
        db.session.commit()
    staff = sign_in(officer)
    staff.post(f"/staff/voice/complaints/{complaint.id}/extend", data={"reason": "We need to speak to your carer, who is away."})
    stage = db.session.query(ComplaintStage).one()
    # Twenty working days from Monday 16 March: Good Friday and Easter Monday do not count.
    assert stage.due_on == date(2026, 3, 30) and stage.extended_to == date(2026, 4, 15)
    assert staff.post(f"/staff/voice/complaints/{complaint.id}/extend", data={"reason": "Again"}).status_code == 400
    page = sign_in(person).get(f"/my/complaints/{complaint.id}/").get_data(as_text=True)
    assert "Wednesday 15 April 2026" in page and "who is away" in page


def test_answered_then_the_young_person_asks_for_stage_two_which_starts_the_day_they_asked(sign_in):
    council, officer, worker, fostering, person = _people()
    with freeze_time("2026-01-05 10:00:00"):
        complaint = factories.representation(person, team=fostering)
        db.session.commit()
    with freeze_time("2026-01-14 10:00:00"):
        sign_in(officer).post(f"/staff/voice/complaints/{complaint.id}/respond", data={
            "finding": "partly_upheld", "response": "You should have been told. Your carer will not read your messages again."})
    stage = db.session.query(ComplaintStage).one()
    assert stage.responded_on == date(2026, 1, 14) and complaints.within_timescale(stage)
    with freeze_time("2026-01-16 10:00:00"):
        young = sign_in(person)
        page = young.get(f"/my/complaints/{complaint.id}/").get_data(as_text=True)
        assert "Partly upheld" in page and "take it to the next stage" in page
        young.post(f"/my/complaints/{complaint.id}/next-stage")
    with freeze_time("2026-01-20 10:00:00"):  # the officer gets to it on the Tuesday after
        sign_in(officer).post(f"/staff/voice/complaints/{complaint.id}/next-stage")
    stages = db.session.query(ComplaintStage).order_by(ComplaintStage.number).all()
    assert [(s.number, s.started_on, s.due_on) for s in stages] == [
        (1, date(2026, 1, 5), date(2026, 1, 19)),
        (2, date(2026, 1, 16), date(2026, 2, 20)),  # 25 working days from the day they asked
    ]


def test_stage_three_is_a_review_panel_that_cannot_be_extended():
    council, officer, worker, fostering, person = _people()
    with freeze_time("2026-06-01 10:00:00"):
        complaint = factories.representation(person)
        complaints.respond(complaint.stage, officer, "not_upheld", "We looked into it.")
        complaints.ask_next_stage(complaint, person)
        complaints.start_next_stage(complaint, officer)
        complaints.respond(complaint.stage, officer, "not_upheld", "The investigation found no fault.")
        complaints.ask_next_stage(complaint, person)
        panel = complaints.start_next_stage(complaint, officer)
        assert panel.number == 3 and panel.due_on == date(2026, 7, 13)  # 30 working days
        with pytest.raises(Exception):
            complaints.extend(panel, officer, "More time")
        assert not complaints.may_ask_next_stage(complaint)


def test_a_late_answer_lets_the_young_person_go_to_the_next_stage_and_is_flagged_once(app):
    council, officer, worker, fostering, person = _people()
    with freeze_time("2026-01-05 10:00:00"):
        complaint = factories.representation(person)
        db.session.commit()
    runner = app.test_cli_runner()
    with freeze_time("2026-01-19 18:00:00"):  # the due day itself: not late yet
        assert not complaints.may_ask_next_stage(complaint)
        assert "0 late complaint stages" in runner.invoke(args=["heard", "voice-check"]).output
    with freeze_time("2026-01-20 08:00:00"):
        assert complaints.may_ask_next_stage(complaint)
        assert complaints.clock(complaint.stage) == "late" and complaints.days_left(complaint.stage) == -1
        assert "1 late complaint stages" in runner.invoke(args=["heard", "voice-check"]).output
        assert "0 late complaint stages" in runner.invoke(args=["heard", "voice-check"]).output


def test_the_young_person_can_say_they_are_happy_and_it_closes(sign_in):
    council, officer, worker, fostering, person = _people()
    complaint = factories.representation(person)
    complaints.respond(complaint.stage, officer, "upheld", "Sorry. It is fixed.")
    db.session.commit()
    sign_in(person).post(f"/my/complaints/{complaint.id}/happy")
    assert db.session.get(Representation, complaint.id).state == "closed"


@pytest.mark.parametrize("role", ["worker", "iro", "manager", "council_admin", "participation_officer", "safeguarding_lead"])
def test_only_complaints_officers_see_complaints(sign_in, role):
    council, officer, worker, fostering, person = _people()
    complaint = factories.representation(person, team=fostering, text="Private complaint words")
    db.session.commit()
    client = sign_in(factories.staff(council, role))
    assert client.get(f"/staff/voice/complaints/{complaint.id}").status_code == 403
    assert client.get(f"/staff/voice/feedback/{complaint.id}").status_code == 404  # a complaint is not feedback
    assert "Private complaint words" in sign_in(officer).get(f"/staff/voice/complaints/{complaint.id}").get_data(as_text=True)


def test_a_complaints_officer_of_another_council_sees_nothing(sign_in):
    council, officer, worker, fostering, person = _people()
    complaint = factories.representation(person)
    outsider = factories.staff(factories.authority(), "complaints_officer")
    db.session.commit()
    client = sign_in(outsider)
    assert client.get(f"/staff/voice/complaints/{complaint.id}").status_code == 404
    assert "Jamal" not in client.get("/staff/voice/complaints/").get_data(as_text=True)


def test_a_compliment_reaches_its_team_who_answer_and_nobody_else(sign_in, mail_outbox):
    council, officer, worker, fostering, person = _people()
    other_team_member = factories.staff(council, "worker")
    factories.team(council, name="Leaving care team", members=[other_team_member])
    compliment = factories.representation(person, kind="compliment", team=fostering, text="My foster carer Sue is brilliant")
    db.session.commit()
    assert sorted(m["To"] for m in mail_outbox) == sorted(["fostering@example.org", worker.email])
    assert all("Sue" not in m.get_content() and "Jamal" not in m.get_content() for m in mail_outbox)
    assert sign_in(other_team_member).get(f"/staff/voice/feedback/{compliment.id}").status_code == 404
    member = sign_in(worker)
    assert "My foster carer Sue is brilliant" in member.get(f"/staff/voice/feedback/{compliment.id}").get_data(as_text=True)
    member.post(f"/staff/voice/feedback/{compliment.id}", data={"text": "Thank you, we have told Sue!"})
    assert "Thank you, we have told Sue!" in sign_in(person).get(f"/my/complaints/{compliment.id}/").get_data(as_text=True)
    assert sign_in(officer).get(f"/staff/voice/feedback/{compliment.id}").status_code == 200


def test_compliments_and_comments_come_a_page_at_a_time_those_to_answer_first(sign_in, monkeypatch):
    monkeypatch.setattr(complaints, "FEEDBACK_PAGE", 2)
    council, officer, worker, fostering, person = _people()
    sent = [factories.representation(person, kind="comment", team=fostering, text=f"Idea {n}") for n in range(3)]
    db.session.commit()
    member = sign_in(worker)
    member.post(f"/staff/voice/feedback/{sent[2].id}", data={"text": "Thank you"})  # answered: it goes last
    pages = [member.get(f"/staff/voice/feedback/?page={n}").get_data(as_text=True) for n in (1, 2)]
    shown = [[int(i) for i in re.findall(r"/staff/voice/feedback/(\d+)\"", page)] for page in pages]
    assert shown == [[sent[1].id, sent[0].id], [sent[2].id]]
    assert "Showing 1 to 2 of 3" in pages[0]
    assert complaints.unanswered_feedback(worker) == 2
