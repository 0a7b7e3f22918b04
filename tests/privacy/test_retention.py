"""The retention schedule: `heard purge` deletes what each council's periods say is no longer
needed, one council at a time, records every run, and changes nothing in a dry run."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from app.audit import AuditEvent
from app.auth.models import User
from app.errors import RuleBroken
from app.extensions import db
from app.moderation import service as moderation
from app.moderation.models import CLOSED, ModerationItem, SafeguardingAlert
from app.privacy import retention
from app.reviews.models import Review, ViewsSubmission
from app.tenancy import acting_for

from .. import factories

LONG_AGO = "2024-01-10 12:00:00"
NOW = "2026-12-03 03:00:00"


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _purge(app, *args):
    result = app.test_cli_runner().invoke(args=["heard", "purge", *args])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    return result.output


def _old_and_new_views(world):
    with freeze_time(LONG_AGO):
        old = factories.review(world.a.young_person, days_ahead=0)
        factories.sent_views(old)
        elsewhere = factories.review(world.b.young_person, days_ahead=0)
        factories.sent_views(elsewhere)
        db.session.commit()
    recent = factories.review(world.a.young_person, days_ahead=-30)
    factories.sent_views(recent)
    db.session.commit()
    return old.id, elsewhere.id, recent.id


def test_views_go_two_years_after_their_review_in_the_council_that_set_it(app, world):
    old, elsewhere, recent = _old_and_new_views(world)
    with acting_for(world.b.authority):
        retention.set_periods(world.b.authority.id, {"views": 6 * 365})
        db.session.commit()
    with freeze_time(NOW):
        _purge(app)
    assert db.session.get(Review, old) is None
    assert _count(ViewsSubmission, ViewsSubmission.review_id == old) == 0
    assert db.session.get(Review, recent) is not None
    assert db.session.get(Review, elsewhere) is not None  # council B keeps views six years


def test_a_dry_run_changes_nothing_but_is_recorded(app, world):
    old, _elsewhere, _recent = _old_and_new_views(world)
    with freeze_time(NOW):
        output = _purge(app, "--dry-run")
    assert "would remove" in output
    assert db.session.get(Review, old) is not None
    runs = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "privacy.purge")).all()
    assert {run.authority_id for run in runs} == {world.a.authority.id, world.b.authority.id}
    a_run = next(run for run in runs if run.authority_id == world.a.authority.id)
    assert a_run.detail["dry_run"] is True and a_run.detail["removed"]["views"] == 1


def test_every_run_is_in_each_councils_audit_log_with_what_it_removed(app, world):
    _old_and_new_views(world)
    with freeze_time(NOW):
        _purge(app)
    run = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "privacy.purge",
                                                     AuditEvent.authority_id == world.a.authority.id))
    assert run.actor_id is None and run.detail["removed"]["views"] == 1


def test_a_second_run_the_same_day_leaves_each_council_alone(app, world):
    """Every app server runs the nightly timer."""
    with freeze_time(NOW):
        _purge(app)
        assert "already purged today" in _purge(app)
        _purge(app, "--dry-run")
    runs = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "privacy.purge",
                                                      AuditEvent.authority_id == world.a.authority.id)).all()
    assert sorted(bool(run.detail.get("dry_run")) for run in runs) == [False, True]


def test_checked_words_keep_only_what_was_shared_after_ninety_days(app, world):
    with freeze_time("2026-06-01 10:00:00"):
        item = factories.moderation_item(world.a.authority, text="My carer Jo Bloggs is kind", author=world.a.young_person)
        moderation.approve(item, world.a.participation_officer, text="My carer is kind")
        db.session.commit()
        item_id = item.id
    with freeze_time("2026-08-01 03:00:00"):
        _purge(app)
    assert db.session.scalar(select(ModerationItem.original_text).where(ModerationItem.id == item_id)) == "My carer Jo Bloggs is kind"
    with freeze_time("2026-09-01 03:00:00"):
        _purge(app)
    assert db.session.scalar(select(ModerationItem.original_text).where(ModerationItem.id == item_id)) == "My carer is kind"
    with freeze_time("2029-09-01 03:00:00"):
        _purge(app)
    assert db.session.get(ModerationItem, item_id) is None


def test_closed_alerts_go_after_two_years_open_ones_stay(app, world):
    with freeze_time(LONG_AGO):
        closed = factories.safeguarding_alert(world.a.authority, young_person=world.a.young_person, status=CLOSED,
                                              closed_at=datetime(2024, 1, 11, tzinfo=timezone.utc))
        still_open = factories.safeguarding_alert(world.a.authority, young_person=world.a.young_person)
        db.session.commit()
        closed, still_open = closed.id, still_open.id
    with freeze_time(NOW):
        _purge(app)
    assert db.session.get(SafeguardingAlert, closed) is None
    assert db.session.get(SafeguardingAlert, still_open) is not None


def test_audit_events_go_after_the_councils_period(app, world):
    with freeze_time(LONG_AGO):
        old = factories.audit_event(world.a.iro, "views.read").id
        db.session.commit()
    recent = factories.audit_event(world.a.iro, "views.read").id
    db.session.commit()
    with freeze_time(NOW):
        _purge(app)
    assert db.session.get(AuditEvent, old) is None
    assert db.session.get(AuditEvent, recent) is not None


def test_a_care_leaver_is_erased_ninety_days_after_their_25th_birthday(app, world):
    leaver = factories.young_person(world.a.authority, display_name="Ottoline Leaver", date_of_birth=date(2001, 6, 1),
                                    care_status="care_leaver")
    review = factories.review(leaver, days_ahead=-400).id
    db.session.commit()
    with freeze_time("2026-08-29 03:00:00"):  # 89 days after the birthday
        _purge(app)
    assert db.session.get(User, leaver.id).display_name == "Ottoline Leaver"
    with freeze_time("2026-08-31 03:00:00"):
        _purge(app)
    gone = db.session.get(User, leaver.id)
    assert gone.display_name == "" and gone.username is None and gone.date_of_birth is None and not gone.active
    assert db.session.get(Review, review) is None
    assert db.session.get(User, world.a.young_person.id).display_name == "ZephyrineA"


def test_staff_who_left_lose_their_details_a_year_later_but_their_actions_stay(app, world):
    from app.admin import service as admin

    iro = world.a.iro
    event = factories.audit_event(iro, "views.read")
    with freeze_time("2026-01-05 10:00:00"):
        admin.save_staff(iro, authority_id=iro.authority_id, by=world.a.council_admin, display_name=iro.display_name,
                         email=iro.email, role=iro.role, active=False)
        db.session.commit()
    assert iro.deactivated_at == datetime(2026, 1, 5, 10, tzinfo=timezone.utc)
    with freeze_time("2026-12-01 03:00:00"):
        _purge(app)
    assert db.session.get(User, iro.id).email is not None
    with freeze_time("2027-01-06 03:00:00"):
        _purge(app, "--authority", world.a.authority.slug)
    left = db.session.get(User, iro.id)
    assert left.email is None and left.display_name == retention.FORMER_STAFF and left.password_hash is None
    assert db.session.get(AuditEvent, event.id).actor_id == iro.id


def test_messages_go_two_years_after_they_were_sent_and_unsent_ones_after_ninety_days(app, world):
    from app.voice.models import Statement, StatementReader

    with freeze_time(LONG_AGO):
        old = factories.statement(world.a.young_person, text="Old message").id
        db.session.commit()
    with freeze_time("2026-08-01 10:00:00"):
        unsent = factories.statement(world.a.young_person, kind="other", text="Half written", send=False).id
        db.session.commit()
    recent = factories.statement(world.a.young_person, text="New message").id
    db.session.commit()
    with freeze_time(NOW):
        _purge(app)
    assert db.session.get(Statement, old) is None
    assert _count(StatementReader, StatementReader.statement_id == old) == 0
    assert db.session.get(Statement, unsent) is None
    assert db.session.get(Statement, recent) is not None


def test_periods_stay_within_the_limits_of_the_schedule(world):
    with acting_for(world.a.authority):
        with pytest.raises(RuleBroken):
            retention.set_periods(world.a.authority.id, {"views": 30})
        with pytest.raises(RuleBroken):
            retention.set_periods(world.a.authority.id, {"audit": 100 * 365})
        assert retention.set_periods(world.a.authority.id, {"audit": 3 * 365}) == {"audit": 3 * 365}
        assert retention.periods(world.a.authority.id)["audit"] == 3 * 365
        assert retention.periods(world.b.authority.id)["audit"] == retention.RULES["audit"].default_days


def test_an_admin_sets_the_councils_periods_and_the_change_is_audited(world, sign_in):
    admin = sign_in(world.a.council_admin)
    assert admin.get("/staff/retention").status_code == 200
    form = {rule.key: str(rule.default_days) for rule in retention.SCHEDULE}
    form["alerts"] = "30"
    page = admin.post("/staff/retention", data=form).get_data(as_text=True)
    assert "Choose between" in page
    form["alerts"] = str(4 * 365)
    assert admin.post("/staff/retention", data=form).status_code == 302
    with acting_for(world.a.authority):
        assert retention.periods(world.a.authority.id)["alerts"] == 4 * 365
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "privacy.retention_changed"))
    assert event.detail["days"] == {"alerts": 4 * 365}


def test_the_schedule_in_docs_names_every_rule():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "retention.md").read_text()
    for rule in retention.SCHEDULE:
        assert f"`{rule.key}`" in doc, rule.key
