"""A safeguarding alert raised by anonymous survey words, against someone holding the audit log.

The promise: the words reach a safeguarding lead at once, with no name, no session and no time
that can be laid beside the child's own sign-in. (The lead sees the hour; see the survey page.)
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from freezegun import freeze_time

from app.extensions import db
from app.surveys import service
from tests import factories

from .attacker import rows


def _as_utc(value):
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _span(moment):
    """What a stored time tells: the stretch of time it could stand for."""
    if (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0):
        return moment, moment + timedelta(days=1)
    if (moment.minute, moment.second, moment.microsecond) == (0, 0, 0):
        return moment, moment + timedelta(hours=1)
    return moment, moment + timedelta(seconds=1)


def _within(a, b, window) -> bool:
    """True if the two stored times prove the events were at most `window` apart."""
    (a0, a1), (b0, b1) = _span(a), _span(b)
    return max(a1, b1) - min(a0, b0) <= window


def test_an_anonymous_alert_cannot_be_laid_beside_the_childs_sign_in(app, db, client):
    authority = factories.authority()
    factories.staff(authority, "safeguarding_lead")
    wave = factories.survey_wave(authority, "heard-11-17", opens_on=date(2025, 3, 1), closes_on=date(2025, 3, 30))
    child = factories.young_person(authority, age=14)
    db.session.commit()
    with freeze_time("2025-03-12 10:17:42") as clock:  # a Wednesday, in working hours
        signed_in = client.post("/sign-in", data={"identifier": child.username, "password": factories.PASSWORD})
        assert signed_in.status_code == 302
        clock.tick(3)
        client.get(f"/survey/waves/{wave.id}/begin")
        client.post("/survey/start", data={"helped": "no"})
        shown = service.visible_questions(wave.version, {})
        position = next(n for n, q in enumerate(shown, start=1) if q.key == "heard:anything")
        client.post(f"/survey/q/{position}", data={"text": "I want to die", "action": "next"})
    [alert] = rows("SELECT id, young_person_id, created_at, deadline_at FROM safeguarding_alert")
    assert alert.young_person_id is None

    about_alert = rows("SELECT actor_id, at FROM audit_event WHERE target_type = 'SafeguardingAlert'")
    assert about_alert and all(actor is None for actor, _ in about_alert)
    alert_times = [_as_utc(alert.created_at)] + [_as_utc(at) for _, at in about_alert]
    child_times = [_as_utc(at) for (at,) in rows("SELECT at FROM audit_event WHERE actor_id = :c", c=child.id)]
    child_times += [_as_utc(at) for (at,) in rows('SELECT last_sign_in_at FROM "user" WHERE id = :c', c=child.id) if at]
    assert child_times
    # The attacker tries to show the alert came within ten minutes of something the child did.
    for when in alert_times:
        for seen in child_times:
            assert not _within(when, seen, timedelta(minutes=10)), (when, seen)
    # The alert itself is kept only to the hour.
    assert all((t.minute, t.second, t.microsecond) == (0, 0, 0) for t in alert_times[:1])


def test_free_text_reaches_moderation_kept_only_to_the_day(app, db):
    wave = factories.survey_wave(factories.authority(), "heard-11-17", opens_on=date(2025, 3, 1), closes_on=date(2025, 3, 30))
    db.session.commit()
    with freeze_time("2025-03-12 10:17:42"):
        anything = next(q for q in wave.version.questions if q.key == "heard:anything")
        for code in service.issue_codes(wave, service.MIX_BATCH):
            _, session = service.start_with_code(code, browser_key="browser")
            service.record_answer(session, anything, "Better wifi please")
            service.submit(session, code=code)
            db.session.commit()
        service.flush(wave)
        db.session.commit()
    items = rows("SELECT created_at, updated_at FROM moderation_item WHERE source = 'survey.answer'")
    assert len(items) == service.MIX_BATCH
    for created, updated in items:
        for value in (_as_utc(created), _as_utc(updated)):
            assert (value.hour, value.minute, value.second) == (0, 0, 0), value
    for (at,) in rows("SELECT at FROM audit_event WHERE action = 'moderation.submitted'"):
        assert (_as_utc(at).hour, _as_utc(at).minute) == (0, 0)
