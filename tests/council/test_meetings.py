"""Meetings: RSVP, attendance, reminders by email, questions for the councillors."""
from datetime import timedelta

import pytest

from app.council import meetings, service
from app.errors import RuleBroken
from app.extensions import db
from app.models_base import utcnow

from .. import factories


def test_members_rsvp_and_can_change_their_answer(cicc):
    meeting = factories.council_meeting(cicc.group)
    meetings.rsvp(meeting, cicc.members[0], "yes")
    meetings.rsvp(meeting, cicc.members[0], "no")
    assert meetings.rsvps(meeting) == {cicc.members[0].id: "no"}
    with pytest.raises(RuleBroken):
        meetings.rsvp(meeting, cicc.outsider, "yes")


def test_facilitator_records_attendance_for_members_only_and_exports_it(cicc, sign_in):
    meeting = factories.council_meeting(cicc.group)
    saved = meetings.record_attendance(meeting, {cicc.members[0].id: "present", cicc.members[1].id: "apologies",
                                                 cicc.outsider.id: "present"}, cicc.officer)
    assert saved == 2
    db.session.commit()
    body = sign_in(cicc.officer).get(f"/council/manage/meetings/{meeting.id}/attendance.csv").get_data(as_text=True)
    assert "Amira,,present" in body and "Jamal,,apologies" in body and "Lily" not in body


def test_attendance_form_on_the_meeting_page(cicc, sign_in):
    meeting = factories.council_meeting(cicc.group)
    db.session.commit()
    officer = sign_in(cicc.officer)
    officer.post(f"/council/manage/meetings/{meeting.id}", data={f"mark-{cicc.members[2].id}": "present"})
    assert meetings.attendance(meeting) == {cicc.members[2].id: "present"}


def test_reminders_go_once_to_members_who_gave_an_email_and_say_nothing_personal(cicc, mail_outbox, app):
    meeting = factories.council_meeting(cicc.group, starts_at=utcnow() + timedelta(hours=20), title={"en": "Secret plans"})
    factories.council_meeting(cicc.group, starts_at=utcnow() + timedelta(days=10))  # too far off
    service.set_contact_email(cicc.members[0], "amira@example.org")
    service.set_contact_email(cicc.members[1], "jamal@example.org")
    service.set_contact_email(cicc.outsider, "lily@example.org")  # not a member
    meetings.rsvp(meeting, cicc.members[1], "no")  # said no: left alone
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["heard", "council-reminders"])
    assert result.exit_code == 0, result.output
    assert [m["To"] for m in mail_outbox] == ["amira@example.org"]
    body = mail_outbox[0].get_content()
    assert "Secret plans" not in body and "Amira" not in body and f"/council/meetings/{meeting.id}" in body
    runner.invoke(args=["heard", "council-reminders"])
    assert len(mail_outbox) == 1  # once per meeting


def test_questions_for_the_councillors_are_moderated_and_shown_without_names(cicc, sign_in):
    from app.moderation import service as moderation

    meeting = factories.council_meeting(cicc.group)
    db.session.commit()
    client = sign_in(cicc.members[0])
    response = client.post(f"/council/meetings/{meeting.id}", data={"text": "Why do we have to move schools?"})
    assert response.status_code == 302
    other = sign_in(cicc.members[1])
    assert "Why do we have to move schools?" not in other.get(f"/council/meetings/{meeting.id}").get_data(as_text=True)
    assert "Why do we have to move schools?" in client.get(f"/council/meetings/{meeting.id}").get_data(as_text=True)  # the author sees it
    (row,) = meetings.my_questions(meeting, cicc.members[0])
    item = db.session.get(moderation.ModerationItem, row[0].item_id)
    assert item.source == "council.meeting_question" and item.audience == "group"
    moderation.approve(item, cicc.officer)
    db.session.commit()
    page = other.get(f"/council/meetings/{meeting.id}").get_data(as_text=True)
    assert "Why do we have to move schools?" in page and "Amira" not in page


def test_questions_close_when_the_meeting_starts(cicc):
    meeting = factories.council_meeting(cicc.group, starts_at=utcnow() - timedelta(minutes=5))
    with pytest.raises(RuleBroken):
        meetings.ask(meeting, cicc.members[0], "Too late?", "en")


def test_meeting_page_is_for_members(cicc, sign_in):
    meeting = factories.council_meeting(cicc.group)
    db.session.commit()
    assert sign_in(cicc.outsider).get(f"/council/meetings/{meeting.id}").status_code == 404
    assert sign_in(cicc.members[0]).get(f"/council/meetings/{meeting.id}").status_code == 200


def test_facilitator_plans_a_meeting_in_local_time(cicc, sign_in):
    officer = sign_in(cicc.officer)
    response = officer.post(f"/council/manage/groups/{cicc.group.id}/meetings/new", data={
        "title_en": "Summer meeting", "starts_at": "2031-07-01T18:00", "place": "Youth Hub",
        "agenda_en": "Pizza", "access_notes_en": "Lift at the back"})
    assert response.status_code == 302
    (meeting,) = meetings.upcoming({cicc.group.id})
    assert meeting.starts_at.hour == 17  # 18:00 in summer time is 17:00 UTC
    response = officer.post(f"/council/manage/groups/{cicc.group.id}/meetings/new", data={"title_en": "No place", "starts_at": "2031-07-01T18:00"})
    assert response.status_code == 400 and "Give a place, an online link, or both" in response.get_data(as_text=True)
