"""The outbox: every email is a row written with the change that caused it, sent through a real
SMTP server (aiosmtpd), retried with backoff when refused, and never lost without someone seeing."""
from __future__ import annotations

import threading

from freezegun import freeze_time

from app.extensions import db
from app.mail import FAILED, SENT, WAITING, OutgoingMail, queue_mail, undelivered
from app.mail import sender
from app.moderation import service as moderation

from . import factories


def _rows():
    db.session.expire_all()
    return db.session.query(OutgoingMail).order_by(OutgoingMail.id).all()


def _council_with_lead():
    council = factories.authority()
    lead = factories.staff(council, "safeguarding_lead", email="lead@example.org")
    admin = factories.staff(council, "council_admin", email="admin@example.org")
    child = factories.young_person(council, display_name="Zarmina")
    db.session.commit()
    return council, lead, admin, child


def _raise_alert(council, child, text="I want to kill myself"):
    result = moderation.screen_private(authority_id=council.id, young_person=child, text=text, language="en", source="test.private")
    db.session.commit()
    return result.alert


def test_mail_is_written_with_the_change_and_sent_when_it_commits(app, mail_outbox):
    council = factories.authority()
    rows = queue_mail(["iro@example.org", "IRO@example.org", "worker@example.org"], "Views have arrived", "Sign in to read them: http://localhost/", authority_id=council.id, kind="test.note")
    assert len(rows) == 2  # one row per distinct address
    assert mail_outbox == []  # nothing leaves before the transaction commits
    db.session.commit()
    assert sorted(m["To"] for m in mail_outbox) == ["iro@example.org", "worker@example.org"]
    assert "Sign in to read them" in mail_outbox[0].get_content()
    assert [r.status for r in _rows()] == [SENT, SENT]
    assert all(r.attempts == 1 and r.sent_at is not None for r in _rows())


def test_mail_waits_for_the_whole_transaction_not_a_savepoint_inside_it(app, mail_outbox):
    """A savepoint released inside the transaction (adding a row once, for a double tap) is not
    the commit: an alert's email sent then was looked for before it was committed, and never
    went at once."""
    council = factories.authority()
    db.session.commit()
    queue_mail("lead@example.org", "A young person may need help", "Sign in", authority_id=council.id, kind="test.note")
    with db.session.begin_nested():
        factories.audit_event(factories.staff(council, "iro"))
    assert mail_outbox == []
    db.session.commit()
    assert [m["To"] for m in mail_outbox] == ["lead@example.org"]
    assert [r.status for r in _rows()] == [SENT]


def test_nothing_is_kept_or_sent_for_a_change_that_rolled_back(app, mail_outbox):
    council = factories.authority()
    db.session.commit()
    queue_mail("iro@example.org", "s", "b", authority_id=council.id, kind="test.note")
    db.session.rollback()
    db.session.commit()
    assert mail_outbox == [] and _rows() == []


def test_a_refused_alert_email_is_retried_with_backoff_shown_as_undelivered_then_delivered(app, smtp_server, sign_in):
    council, lead, admin, child = _council_with_lead()
    runner = app.test_cli_runner()
    smtp_server.refuse = "451 4.3.0 Mailbox busy, try again later"

    with freeze_time("2025-03-14 18:00:00"):  # a Friday evening
        alert = _raise_alert(council, child)
    [row] = _rows()
    assert row.kind == "safeguarding.alert" and row.about_id == alert.id
    assert row.status == WAITING and row.attempts == 1 and "451" in row.last_error
    assert smtp_server.received == [] and smtp_server.refused == 1

    # The lead, the council admin and `heard escalate` all see it has not arrived.
    with freeze_time("2025-03-14 18:00:10"):
        home = sign_in(lead).get("/staff/").get_data(as_text=True)
        assert "1 email has not been delivered" in home
        page = sign_in(lead).get("/staff/undelivered-mail").get_data(as_text=True)
        assert "Safeguarding alert" in page and f"/staff/safeguarding/{alert.id}" in page and "lead@example.org" in page
        assert "Trying again" in page
        assert "1 email has not been delivered" in sign_in(admin).get("/staff/").get_data(as_text=True)
        report = runner.invoke(args=["heard", "escalate"]).output
        assert "not delivered" in report and f"alert {alert.id}" in report and "lead@example.org" in report

    with freeze_time("2025-03-14 18:00:30"):  # not due again yet
        assert "Sent 0, will retry 0" in runner.invoke(args=["heard", "send-mail"]).output
    with freeze_time("2025-03-14 18:01:00"):  # a minute after the first try: refused again
        assert "will retry 1" in runner.invoke(args=["heard", "send-mail"]).output
    [row] = _rows()
    assert row.attempts == 2 and row.next_attempt_at.isoformat().startswith("2025-03-14T18:03:00")

    smtp_server.refuse = None
    with freeze_time("2025-03-14 18:02:59"):
        assert "Sent 0" in runner.invoke(args=["heard", "send-mail"]).output
    with freeze_time("2025-03-14 18:03:00"):
        assert "Sent 1" in runner.invoke(args=["heard", "send-mail"]).output
    assert [m["To"] for m in smtp_server.received] == ["lead@example.org"]
    assert f"/staff/safeguarding/{alert.id}" in smtp_server.received[0].get_content()
    [row] = _rows()
    assert row.status == SENT and row.attempts == 3
    assert undelivered(council.id) == []
    assert "not been delivered" not in sign_in(lead).get("/staff/").get_data(as_text=True)


def test_a_permanent_refusal_is_not_retried_and_stays_on_the_undelivered_list(app, smtp_server, sign_in):
    council, lead, admin, child = _council_with_lead()
    smtp_server.refuse = "550 5.1.1 No such user"
    alert = _raise_alert(council, child)
    [row] = _rows()
    assert row.status == FAILED and row.attempts == 1
    smtp_server.refuse = None
    with freeze_time("2030-01-01"):
        assert "Sent 0" in app.test_cli_runner().invoke(args=["heard", "send-mail"]).output
    assert smtp_server.received == []
    page = sign_in(lead).get("/staff/undelivered-mail").get_data(as_text=True)
    assert "Heard has stopped trying" in page and f"Alert {alert.id}" in page


def test_an_email_refused_at_every_retry_ends_as_failed(app, smtp_server):
    council, lead, admin, child = _council_with_lead()
    smtp_server.refuse = "421 4.7.0 Try again later"
    with freeze_time("2025-03-14 18:00:00") as clock:
        _raise_alert(council, child)
        for _ in range(sender.MAX_ATTEMPTS + 3):
            clock.tick(60 * 60 * 4)
            sender.send_due()
    [row] = _rows()
    assert row.status == FAILED and row.attempts == sender.MAX_ATTEMPTS
    assert smtp_server.refused == sender.MAX_ATTEMPTS


def test_mail_waits_while_the_mail_server_is_down_and_goes_when_it_is_back(app, smtp_server):
    council, lead, admin, child = _council_with_lead()
    port = app.config["MAIL_PORT"]
    app.config["MAIL_PORT"] = 9  # nothing listens there
    try:
        with freeze_time("2025-03-14 18:00:00"):
            _raise_alert(council, child)
    finally:
        app.config["MAIL_PORT"] = port
    [row] = _rows()
    assert row.status == WAITING and row.attempts == 1 and smtp_server.received == []
    with freeze_time("2025-03-14 18:01:00"):
        assert sender.send_due().sent == 1
    assert [m["To"] for m in smtp_server.received] == ["lead@example.org"]


def test_a_sender_skips_mail_another_holds_and_takes_it_over_if_that_one_died(app, mail_outbox):
    app.config["MAIL_SEND_AT_ONCE"] = False
    try:
        council = factories.authority()
        with freeze_time("2025-03-14 17:59:00"):
            queue_mail(["a@example.org", "b@example.org"], "s", "b", authority_id=council.id, kind="test.note")
            db.session.commit()
        assert mail_outbox == []
        with freeze_time("2025-03-14 18:00:00"):
            with db.engine.begin() as conn:
                held = sender._claim(conn, sender.utcnow())  # a sender that then dies
            assert len(held) == 2
            assert sender.send_due().sent == 0
        with freeze_time("2025-03-14 18:06:00"):  # its claim has run out
            assert sender.send_due().sent == 2
        assert sorted(m["To"] for m in mail_outbox) == ["a@example.org", "b@example.org"]
    finally:
        app.config["MAIL_SEND_AT_ONCE"] = True


def test_two_senders_running_at_once_send_each_email_exactly_once(app, mail_outbox):
    app.config["MAIL_SEND_AT_ONCE"] = False
    try:
        council = factories.authority()
        queue_mail([f"person{n}@example.org" for n in range(40)], "s", "b", authority_id=council.id, kind="test.note")
        db.session.commit()
        reports = []

        def run():
            with app.app_context():
                reports.append(sender.send_due(limit=5))

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sum(r.sent for r in reports) == 40
        ids = [m["Message-ID"] for m in mail_outbox]
        assert len(ids) == 40 and len(set(ids)) == 40
        assert {r.status for r in _rows()} == {SENT}
    finally:
        app.config["MAIL_SEND_AT_ONCE"] = True
