"""Every app server runs the same timers, so each scheduled command may run twice at the same
moment: every due thing is still done once. On PostgreSQL the two runs really overlap (two
threads, two connections, started together); SQLite serves one server, so there the second run
follows the first."""
from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import func, select

from app.audit import AuditEvent
from app.council.models import MemberContact
from app.extensions import db
from app.mail.models import OutgoingMail
from app.models_base import utcnow
from app.moderation.models import SafeguardingSettings
from app.pledges.models import PledgeRating

from .. import factories
from .databases import is_postgresql


def _run_twice(app, *args: str) -> list[str]:
    """Run `flask heard <args>` as two servers' timers would: together on PostgreSQL."""
    db.session.commit()
    outputs: list = [None, None]
    start = threading.Barrier(2)

    def run(slot: int) -> None:
        if is_postgresql():
            start.wait()
        result = app.test_cli_runner().invoke(args=["heard", *args])
        outputs[slot] = result

    threads = [threading.Thread(target=run, args=(slot,)) for slot in (0, 1)]
    if is_postgresql():
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
    else:
        for thread in threads:
            thread.start()
            thread.join(120)
    db.session.expire_all()
    for result in outputs:
        assert result is not None and result.exit_code == 0, (result.output, result.exception) if result else "did not finish"
    return [result.output for result in outputs]


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_meeting_reminders_go_once_when_two_servers_run_them(app, db):
    authority = factories.authority()
    group = factories.council_group(authority)
    for n in range(3):
        member = factories.young_person(authority)
        factories.council_member(group, member)
        db.session.add(MemberContact(authority_id=authority.id, user_id=member.id, email=f"member{n}@example.org"))
    meeting = factories.council_meeting(group, starts_at=utcnow() + timedelta(hours=20))
    _run_twice(app, "council-reminders")
    assert _count(OutgoingMail, OutgoingMail.kind == "council.meeting_reminder", OutgoingMail.about_id == meeting.id) == 3


def test_the_moderation_digest_goes_once_a_day_when_two_servers_run_it(app, db):
    authority = factories.authority()
    officers = [factories.staff(authority, "participation_officer") for _ in range(2)]
    factories.moderation_item(authority)
    _run_twice(app, "moderation-digest")
    recipients = db.session.scalars(select(OutgoingMail.recipient).where(OutgoingMail.kind == "moderation.digest")).all()
    assert sorted(recipients) == sorted(o.email for o in officers)
    _run_twice(app, "moderation-digest")  # later the same day: nothing more
    assert _count(OutgoingMail, OutgoingMail.kind == "moderation.digest") == len(officers)


def test_a_pledge_round_is_sealed_once_when_two_servers_seal_it(app, db):
    authority = factories.authority()
    version = factories.pledge_version(authority)
    rnd = factories.rating_round(authority, opens_at=utcnow() - timedelta(days=20), closes_at=utcnow() - timedelta(minutes=1))
    promises = [p for theme in version.themes for p in theme.promises]
    for n in range(6):
        for promise in promises:
            db.session.add(PledgeRating(authority_id=authority.id, round_id=rnd.id, promise_id=promise.id, answer="kept", rater_key=f"key-{n}"))
    _run_twice(app, "seal-pledge-rounds")
    assert _count(PledgeRating, PledgeRating.round_id == rnd.id) == 6 * len(promises)
    assert _count(PledgeRating, PledgeRating.round_id == rnd.id, PledgeRating.rater_key.is_not(None)) == 0


def test_an_open_poll_whose_time_is_up_is_closed_once(app, db):
    authority = factories.authority()
    group = factories.council_group(authority)
    poll = factories.council_poll(group, mode="open", state="open", closes_at=utcnow() - timedelta(minutes=1))
    _run_twice(app, "council-reminders")
    assert _count(AuditEvent, AuditEvent.action == "council.poll_closed", AuditEvent.target_id == poll.id) == 1


def test_an_overdue_alert_is_escalated_once_when_two_servers_escalate(app, db):
    authority = factories.authority()
    lead = factories.staff(authority, "safeguarding_lead")
    iro = factories.staff(authority, "iro")
    db.session.add(SafeguardingSettings(authority_id=authority.id, escalation_ids=[lead.id, iro.id]))
    alert = factories.safeguarding_alert(authority, deadline_at=utcnow() - timedelta(minutes=2))
    _run_twice(app, "escalate")
    assert _count(AuditEvent, AuditEvent.action == "safeguarding.escalated", AuditEvent.target_id == alert.id) == 1


def test_voice_check_flags_each_late_thing_once_when_two_servers_run_it(app, db):
    from app.voice.models import ComplaintStage, StatementReader

    authority = factories.authority()
    manager = factories.staff(authority, "manager")
    officer = factories.staff(authority, "complaints_officer")
    worker = factories.staff(authority, "worker", line_manager_id=manager.id)
    person = factories.young_person(authority, worker_id=worker.id)
    statement = factories.statement(person, readers=("worker",))
    statement.sent_at = utcnow() - timedelta(days=14)  # unread for more than 2 working days
    callback = factories.callback(person)
    callback.due_at = utcnow() - timedelta(hours=1)
    complaint = factories.representation(person)
    stage = db.session.scalars(select(ComplaintStage).where(ComplaintStage.complaint_id == complaint.id)).one()
    stage.due_on = utcnow().date() - timedelta(days=1)
    before = _count(OutgoingMail)
    _run_twice(app, "voice-check")
    assert _count(AuditEvent, AuditEvent.action == "voice.statement.unread_flagged", AuditEvent.target_id == statement.id) == 1
    assert _count(AuditEvent, AuditEvent.action == "voice.callback.late_flagged", AuditEvent.target_id == callback.id) == 1
    assert _count(AuditEvent, AuditEvent.action == "voice.complaint.late_flagged", AuditEvent.target_id == complaint.id) == 1
    # The manager twice (message and call-back) and the complaints officer once.
    assert _count(OutgoingMail) - before == 3
    assert db.session.scalars(select(StatementReader.flagged_to)).one() == [manager.id]
    assert officer.email in db.session.scalars(select(OutgoingMail.recipient).where(OutgoingMail.kind.like("voice.%"))).all()
