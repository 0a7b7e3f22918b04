"""Safeguarding alerts: raised at once, seen by the right people only, acknowledged, escalated."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from freezegun import freeze_time

from app.audit import AuditEvent
from app.extensions import db
from app.moderation import service
from app.moderation.models import ACKNOWLEDGED, CLOSED, OPEN, SafeguardingAlert, SafeguardingSettings

from .. import factories


def utc(*args):
    return datetime(*args, tzinfo=timezone.utc)


class People:
    def __init__(self, language="en"):
        self.council = factories.authority(enabled_languages=["en", "ar", "ps"])
        self.lead = factories.staff(self.council, "safeguarding_lead", email="lead@example.org")
        self.worker = factories.staff(self.council, "worker", email="worker@example.org")
        self.other_worker = factories.staff(self.council, "worker", email="other.worker@example.org")
        self.iro = factories.staff(self.council, "iro", email="iro@example.org")
        self.moderator = factories.staff(self.council, "participation_officer", email="mod@example.org")
        self.manager = factories.staff(self.council, "manager", email="manager@example.org")
        self.head = factories.staff(self.council, "manager", email="head@example.org", display_name="Head of Service")
        self.admin = factories.staff(self.council, "council_admin", email="admin@example.org")
        self.child = factories.young_person(
            self.council, display_name="Zarmina", preferred_language=language, worker_id=self.worker.id, iro_id=self.iro.id
        )


@pytest.fixture
def people():
    return People()


def _alert_for(people, text="I want to run away", language="en"):
    result = service.screen_private(
        authority_id=people.council.id, young_person=people.child, text=text, language=language, source="test.private"
    )
    db.session.commit()
    return result.alert


# --- deadlines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raised,due",
    [
        (utc(2025, 3, 11, 10, 0), utc(2025, 3, 11, 11, 0)),  # Tuesday morning: an hour later
        (utc(2025, 3, 14, 16, 30), utc(2025, 3, 14, 17, 30)),  # Friday 16:30: an hour later, not Monday
        (utc(2025, 3, 15, 3, 0), utc(2025, 3, 15, 4, 0)),  # Saturday night
        (utc(2025, 12, 25, 12, 0), utc(2025, 12, 25, 13, 0)),  # Christmas Day
    ],
)
def test_alerts_are_due_in_real_minutes_day_and_night(raised, due):
    """Fails before this change: Friday 16:30 was due on Monday at 09:30."""
    settings = SafeguardingSettings(ack_minutes=60, work_start="09:00", work_end="17:00", work_days=[0, 1, 2, 3, 4])
    assert service.ack_deadline(raised, settings) == due


@pytest.mark.parametrize(
    "when,open_",
    [
        (utc(2025, 3, 11, 10, 0), True),  # Tuesday morning
        (utc(2025, 3, 14, 17, 0), False),  # Friday 17:00 UK time
        (utc(2025, 3, 15, 12, 0), False),  # Saturday
        (utc(2025, 7, 1, 15, 30), True),  # 16:30 in summer time
        (utc(2025, 7, 1, 16, 30), False),  # 17:30 in summer time
        (utc(2025, 12, 25, 11, 0), False),  # Christmas Day, a Thursday
        (utc(2025, 8, 25, 11, 0), False),  # the August bank holiday, a Monday
    ],
)
def test_office_hours_follow_uk_time_and_close_on_bank_holidays(when, open_):
    from app.moderation.clock import office_open

    settings = SafeguardingSettings(ack_minutes=60, work_start="09:00", work_end="17:00", work_days=[0, 1, 2, 3, 4])
    assert office_open(when, settings) is open_


# --- out of hours ------------------------------------------------------------------------------


def _round_the_clock(people):
    people.council.out_of_hours_email = "edt@example.org"
    people.child.reference = "NM-2044"
    settings = service.settings_for(people.council.id)
    settings.escalation_ids = [people.manager.id, people.head.id]
    settings.enabled = True
    db.session.commit()


def test_a_friday_evening_alert_reaches_the_out_of_hours_team_at_once(people, mail_outbox):
    """Fails before this change: there was no out-of-hours team, and the alert waited for Monday."""
    _round_the_clock(people)
    text = "my foster dad hits me and I want to kill myself"
    with freeze_time("2025-03-14 19:30:00"):  # Friday evening
        alert = _alert_for(people, text)
    assert alert.deadline_at == utc(2025, 3, 14, 20, 30)
    assert alert.out_of_hours_told_at == utc(2025, 3, 14, 19, 30)
    assert sorted(m["To"] for m in mail_outbox) == ["edt@example.org", "lead@example.org", "worker@example.org"]
    [edt] = [m for m in mail_outbox if m["To"] == "edt@example.org"]
    body = edt.get_content()
    assert f"Alert number: {alert.id}" in body and "NM-2044" in body and f"/staff/safeguarding/{alert.id}" in body
    assert "Zarmina" not in body and "kill" not in body and "foster" not in body


def test_an_alert_in_office_hours_does_not_go_to_the_out_of_hours_team(people, mail_outbox):
    _round_the_clock(people)
    with freeze_time("2025-03-11 10:00:00"):  # Tuesday morning
        alert = _alert_for(people, "I want to kill myself")
    assert alert.out_of_hours_told_at is None
    assert "edt@example.org" not in [m["To"] for m in mail_outbox]


def test_the_next_person_on_the_list_is_alerted_when_the_deadline_passes_unanswered(app, people, mail_outbox):
    _round_the_clock(people)
    runner = app.test_cli_runner()
    with freeze_time("2025-03-15 02:00:00"):  # Saturday night
        alert = _alert_for(people, "I am scared of my carer")
    mail_outbox.clear()
    with freeze_time("2025-03-15 02:59:00"):
        assert "Escalated 0" in runner.invoke(args=["heard", "escalate"]).output
    with freeze_time("2025-03-15 03:00:00"):  # an hour later, in the middle of the night
        assert "Escalated 1" in runner.invoke(args=["heard", "escalate"]).output
    assert [m["To"] for m in mail_outbox] == ["manager@example.org"]  # the team was told already
    alert = db.session.get(SafeguardingAlert, alert.id)
    assert alert.deadline_at == utc(2025, 3, 15, 4, 0) and people.manager.id in alert.notified_ids


def test_an_alert_still_unanswered_when_the_office_closes_goes_to_the_out_of_hours_team(app, people, mail_outbox):
    _round_the_clock(people)
    with freeze_time("2025-03-14 16:30:00"):  # Friday, office open
        alert = _alert_for(people, "I want to kill myself")
    assert alert.out_of_hours_told_at is None
    mail_outbox.clear()
    with freeze_time("2025-03-14 17:31:00"):
        app.test_cli_runner().invoke(args=["heard", "escalate"])
    assert sorted(m["To"] for m in mail_outbox) == ["edt@example.org", "manager@example.org"]


def test_an_alert_with_nobody_in_heard_to_tell_goes_to_the_out_of_hours_team(mail_outbox):
    council = factories.authority(out_of_hours_email="edt@example.org")
    child = factories.young_person(council)
    db.session.commit()
    with freeze_time("2025-03-11 10:00:00"):  # office hours, but no lead and no worker
        service.screen_private(authority_id=council.id, young_person=child, text="I want to die", source="test.private")
        db.session.commit()
    assert [m["To"] for m in mail_outbox] == ["edt@example.org"]


def test_safeguarding_cannot_be_switched_on_without_someone_on_the_escalation_list(people, sign_in):
    """Fails before this change: there was no switch and no such rule."""
    client = sign_in(people.admin)
    form = {"ack_minutes": "30", "work_start": "09:00", "work_end": "17:00", "work_days": ["0", "1", "2", "3", "4"],
            "out_of_hours_phone": "0300 555 0999", "out_of_hours_email": "edt@example.org", "enabled": "y"}
    refused = client.post("/staff/safeguarding/settings", data=form)
    assert refused.status_code == 200
    assert "Put at least one person on the escalation list" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert service.settings_for(people.council.id).enabled is False
    assert people.council.out_of_hours_email is None  # nothing of the refused form was saved
    db.session.commit()

    accepted = client.post("/staff/safeguarding/settings", data={**form, "step_1": str(people.head.id)})
    assert accepted.status_code == 302
    db.session.expire_all()
    settings = service.settings_for(people.council.id)
    assert settings.enabled is True and settings.escalation_ids == [people.head.id]
    assert people.council.out_of_hours_email == "edt@example.org" and people.council.out_of_hours_phone == "0300 555 0999"
    db.session.commit()

    # Nor can the list be emptied while it is on.
    emptied = client.post("/staff/safeguarding/settings", data={**form})
    assert "Put at least one person on the escalation list" in emptied.get_data(as_text=True)
    db.session.expire_all()
    assert service.settings_for(people.council.id).escalation_ids == [people.head.id]


def test_the_demo_council_ships_round_the_clock_cover(app):
    from app.demo import load_demo

    with freeze_time("2025-03-11 10:00:00"):
        load_demo()
        db.session.commit()
    from app.tenancy import Authority

    council = db.session.query(Authority).filter_by(slug="northmoor").one()
    settings = service.settings_for(council.id)
    assert settings.enabled and len(settings.escalation_ids) >= 2
    assert council.out_of_hours_email and council.out_of_hours_phone
    assert service.cover_gaps(council.id) == []


# --- raising ---------------------------------------------------------------------------------


def test_alert_goes_to_lead_and_allocated_worker_by_email_without_personal_content(people, mail_outbox):
    text = "غواړم له کوره وتښتم"  # I want to run away from home (Pashto)
    alert = _alert_for(people, text, "ps")
    assert alert.status == OPEN
    assert set(alert.notified_ids) == {people.lead.id, people.worker.id}
    assert sorted(m["To"] for m in mail_outbox) == ["lead@example.org", "worker@example.org"]
    for message in mail_outbox:
        body = message.get_content()
        assert f"/staff/safeguarding/{alert.id}" in body
        assert "Zarmina" not in body and text not in body and "وتښتم" not in body
        assert "Zarmina" not in message["Subject"]
    assert db.session.query(AuditEvent).filter_by(action="safeguarding.alert_raised", target_id=alert.id).count() == 1


def test_no_email_is_sent_for_an_alert_that_was_rolled_back(people, mail_outbox):
    service.screen_private(authority_id=people.council.id, young_person=people.child, text="I want to die", source="x")
    db.session.rollback()
    db.session.commit()
    assert mail_outbox == []


def test_anonymous_risk_alerts_the_lead_only(people, mail_outbox):
    item = service.submit_text(authority_id=people.council.id, source="survey.answer", text="أريد أن أموت", language="ar", author=None)
    db.session.commit()
    alert = db.session.query(SafeguardingAlert).one()
    assert alert.young_person_id is None and alert.item_id == item.id
    assert [m["To"] for m in mail_outbox] == ["lead@example.org"]


# --- I need help now -------------------------------------------------------------------------


@pytest.mark.parametrize("language,direction", [("en", "ltr"), ("ar", "rtl"), ("ps", "rtl")])
def test_young_person_presses_i_need_help_now_once_and_is_shown_where_to_get_help(sign_in, mail_outbox, language, direction):
    people = People(language=language)
    client = sign_in(people.child)
    page = client.get("/my/help")
    assert 'action="/my/help/now"' in page.get_data(as_text=True)
    response = client.post("/my/help/now")
    assert response.status_code == 302 and response.location.endswith("/my/help/sent")
    client.post("/my/help/now")  # a second press is the same request for help
    alerts = db.session.query(SafeguardingAlert).all()
    assert len(alerts) == 1 and alerts[0].trigger == "help_button" and alerts[0].young_person_id == people.child.id
    assert len(mail_outbox) == 2
    sent = client.get("/my/help/sent").get_data(as_text=True)
    assert f'dir="{direction}"' in sent
    assert "0800 1111" in sent and "tel:999" in sent and "0300 555 0199" in sent


# --- who sees alerts ---------------------------------------------------------------------------


def test_lead_and_allocated_worker_see_the_alert_and_its_words(people, sign_in):
    alert = _alert_for(people, "My carer hits me")
    for user in (people.lead, people.worker):
        client = sign_in(user)
        assert f"/staff/safeguarding/{alert.id}" in client.get("/staff/safeguarding/").get_data(as_text=True)
        page = client.get(f"/staff/safeguarding/{alert.id}").get_data(as_text=True)
        assert "hits me" in page and "Zarmina" in page
    assert db.session.query(AuditEvent).filter_by(action="safeguarding.alert_viewed").count() == 2


def test_others_cannot_see_the_alert(people, sign_in):
    alert = _alert_for(people, "My carer hits me")
    for user in (people.other_worker, people.iro, people.manager):
        client = sign_in(user)
        assert client.get(f"/staff/safeguarding/{alert.id}").status_code == 404
        assert "hits me" not in client.get("/staff/safeguarding/").get_data(as_text=True)
        assert client.post(f"/staff/safeguarding/{alert.id}/acknowledge").status_code == 404
    for user in (people.moderator, people.admin):
        assert sign_in(user).get(f"/staff/safeguarding/{alert.id}").status_code == 403
    outsider = factories.staff(factories.authority(), "safeguarding_lead")
    assert sign_in(outsider).get(f"/staff/safeguarding/{alert.id}").status_code == 404


def test_acknowledge_note_and_close_are_recorded(people, sign_in):
    alert = _alert_for(people)
    client = sign_in(people.worker)
    assert client.post(f"/staff/safeguarding/{alert.id}/acknowledge").status_code == 302
    response = client.post(f"/staff/safeguarding/{alert.id}/notes", data={"note-text": ""})
    assert response.status_code == 400 and "Write a note" in response.get_data(as_text=True)
    client.post(f"/staff/safeguarding/{alert.id}/notes", data={"note-text": "Phoned the placement."})
    response = client.post(f"/staff/safeguarding/{alert.id}/close", data={"close-text": ""})
    assert response.status_code == 400 and "Say what was done" in response.get_data(as_text=True)
    client.post(f"/staff/safeguarding/{alert.id}/close", data={"close-text": "Visited; safe; plan agreed."})
    alert = db.session.get(SafeguardingAlert, alert.id)
    assert alert.status == CLOSED and alert.acknowledged_by_id == people.worker.id
    assert [n.text for n in alert.notes] == ["Phoned the placement.", "Visited; safe; plan agreed."]
    actions = [e.action for e in db.session.query(AuditEvent).filter_by(target_id=alert.id, target_type="SafeguardingAlert").order_by(AuditEvent.id)]
    assert actions[-4:] == ["safeguarding.acknowledged", "safeguarding.note_added", "safeguarding.note_added", "safeguarding.closed"]


def test_open_alerts_are_counted_in_the_staff_nav_and_home(people, sign_in):
    _alert_for(people)
    page = sign_in(people.lead).get("/staff/").get_data(as_text=True)
    assert "Safeguarding alerts" in page and '<span class="heard-count">1</span>' in page
    assert "1 safeguarding alert needs acknowledging." in page


# --- escalation --------------------------------------------------------------------------------


def test_views_before_a_review_raise_an_alert_that_escalates_along_the_list_when_not_acknowledged(app, people, sign_in, mail_outbox):
    settings = service.settings_for(people.council.id)
    settings.escalation_ids = [people.manager.id, people.head.id]
    db.session.commit()
    runner = app.test_cli_runner()

    with freeze_time("2025-03-11 10:00:00"):  # a Tuesday
        review = factories.review(people.child)
        submission = factories.sent_views(review, answers={"going-well": "football", "worries": "په کور کې خوندي نه یم"}, language="ps")
        db.session.commit()
        assert submission.risk_flagged
        alert = db.session.query(SafeguardingAlert).one()
        assert alert.source == "reviews.draft" and alert.deadline_at == utc(2025, 3, 11, 11, 0)  # raised as it was saved
    assert sorted(m["To"] for m in mail_outbox) == ["lead@example.org", "worker@example.org"]
    mail_outbox.clear()

    with freeze_time("2025-03-11 10:59:00"):
        assert "Escalated 0" in runner.invoke(args=["heard", "escalate"]).output
    assert mail_outbox == []

    with freeze_time("2025-03-11 11:01:00"):
        assert "Escalated 1" in runner.invoke(args=["heard", "escalate"]).output
        assert "Escalated 0" in runner.invoke(args=["heard", "escalate"]).output  # not twice for one deadline
    alert = db.session.get(SafeguardingAlert, alert.id)
    assert alert.escalation_level == 1 and people.manager.id in alert.notified_ids
    assert alert.deadline_at == utc(2025, 3, 11, 12, 1)
    assert [m["To"] for m in mail_outbox] == ["manager@example.org"]
    assert "Zarmina" not in mail_outbox[0].get_content() and "خوندي" not in mail_outbox[0].get_content()
    # The person it came to can now open it and see the words.
    assert "خوندي" in sign_in(people.manager).get(f"/staff/safeguarding/{alert.id}").get_data(as_text=True)
    mail_outbox.clear()

    with freeze_time("2025-03-11 12:05:00"):
        runner.invoke(args=["heard", "escalate"])
    assert [m["To"] for m in mail_outbox] == ["head@example.org"]
    mail_outbox.clear()

    with freeze_time("2025-03-11 13:10:00"):  # the list has run out: everyone is told again
        runner.invoke(args=["heard", "escalate"])
    assert sorted(m["To"] for m in mail_outbox) == sorted(
        ["lead@example.org", "worker@example.org", "manager@example.org", "head@example.org"]
    )
    events = db.session.query(AuditEvent).filter_by(action="safeguarding.escalated", target_id=alert.id).order_by(AuditEvent.id).all()
    assert [e.detail["level"] for e in events] == [1, 2, 3]
    assert events[-1].detail.get("list_exhausted") is True

    with freeze_time("2025-03-11 13:20:00"):
        sign_in(people.head).post(f"/staff/safeguarding/{alert.id}/acknowledge")
    with freeze_time("2025-03-12 13:20:00"):
        assert "Escalated 0" in runner.invoke(args=["heard", "escalate"]).output
    assert db.session.get(SafeguardingAlert, alert.id).status == ACKNOWLEDGED


def test_alert_settings_page_saves_the_escalation_list_for_allowed_roles_only(people, sign_in):
    client = sign_in(people.lead)
    page = client.get("/staff/safeguarding/settings").get_data(as_text=True)
    assert people.head.display_name in page and people.moderator.display_name not in page
    response = client.post(
        "/staff/safeguarding/settings",
        data={"ack_minutes": "30", "work_start": "08:30", "work_end": "18:00", "work_days": ["0", "1", "2", "3", "4", "5"], "step_1": str(people.head.id), "step_2": str(people.moderator.id)},
    )
    assert response.status_code == 302
    settings = service.settings_for(people.council.id)
    assert settings.ack_minutes == 30 and settings.work_days == [0, 1, 2, 3, 4, 5]
    assert settings.escalation_ids == [people.head.id]  # a participation officer cannot be on it
    bad = client.post("/staff/safeguarding/settings", data={"ack_minutes": "2", "work_start": "9am", "work_end": "17:00", "work_days": ["0"]})
    text = bad.get_data(as_text=True)
    assert "Enter between 5 and 1440 minutes" in text and "Enter a time like 09:00" in text
    assert 'value="9am"' in text  # nothing typed is lost
    assert sign_in(people.moderator).get("/staff/safeguarding/settings").status_code == 403


def test_something_added_after_sending_views_is_screened_too(people, mail_outbox):
    from app.reviews import service as reviews_service

    review = factories.review(people.child)
    submission = factories.sent_views(review)
    db.session.commit()
    assert db.session.query(SafeguardingAlert).count() == 0
    addition, created, flagged = reviews_service.add_addition(submission, text="أريد أن أموت", language="ar", key="k1")
    db.session.commit()
    assert created and flagged
    alert = db.session.query(SafeguardingAlert).one()
    assert alert.source == "reviews.addition" and alert.source_id == addition.id and alert.young_person_id == people.child.id
    assert sorted(m["To"] for m in mail_outbox) == ["lead@example.org", "worker@example.org"]
