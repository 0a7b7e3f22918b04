"""Codes, answering one question at a time, resuming, submitting once, and the signed-in path."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.errors import RuleBroken
from app.extensions import db
from app.surveys import service
from app.surveys.models import SKIP, SurveyCode, SurveyDraft, SurveyParticipation, SurveyResponse
from tests import factories


BROWSER = "this-browser"  # the random key a browser keeps for the drafts it makes with codes


def _answer_all(session, choose=lambda q: q.values[0] if q.values else "Fine"):
    """Answer every question shown, in order, as a child would."""
    i = 0
    while True:
        shown = service.visible_questions(session.version, session.draft.answers)
        if i >= len(shown):
            return
        q = shown[i]
        value = choose(q)
        raw = [value] if q.kind != "text" else []
        service.record_answer(session, q, service.clean_answer(q, raw, value if q.kind == "text" else None))
        i += 1


def test_a_code_starts_a_survey_and_works_once(db, monkeypatch):
    wave = factories.survey_wave(factories.authority())
    [code] = service.issue_codes(wave, 1)
    normalised, session = service.start_with_code(code.lower()[:4] + " - " + code[4:], browser_key=BROWSER)
    assert normalised == code and session.wave.id == wave.id
    _answer_all(session, choose=lambda q: SKIP)
    assert service.submit(session, code=code)
    db.session.commit()
    with pytest.raises(RuleBroken) as error:
        service.start_with_code(code, browser_key=BROWSER)
    assert error.value.reason == "used"
    # A second tap on "send" does nothing more.
    assert service.submit(session, code=code) is False


@pytest.mark.parametrize("typed, reason", [("", "missing"), ("ABC", "unknown"), ("4444-4444-4444", "unknown")])
def test_bad_codes_are_refused_clearly(db, typed, reason):
    with pytest.raises(RuleBroken) as error:
        service.start_with_code(typed, browser_key=BROWSER)
    assert error.value.reason == reason


def test_codes_only_work_while_the_wave_is_open(db):
    today = date.today()
    wave = factories.survey_wave(factories.authority(), opens_on=today + timedelta(days=2), closes_on=today + timedelta(days=9))
    [code] = service.issue_codes(wave, 1)
    with pytest.raises(RuleBroken) as error:
        service.start_with_code(code, browser_key=BROWSER)
    assert error.value.reason == "not_open"
    with pytest.raises(RuleBroken) as error:
        service.start_with_code(code, today=today + timedelta(days=10), browser_key=BROWSER)
    assert error.value.reason == "closed"


def test_only_hashes_of_codes_are_kept(db):
    wave = factories.survey_wave(factories.authority())
    made = service.issue_codes(wave, 20)
    assert len(set(made)) == 20
    stored = db.session.scalars(select(SurveyCode.code_hash)).all()
    assert not set(made) & set(stored)
    assert service.code_counts(wave) == (20, 0)


def test_stop_and_resume_with_the_same_code_keeps_the_answers(db):
    wave = factories.survey_wave(factories.authority())
    [code] = service.issue_codes(wave, 1)
    _, session = service.start_with_code(code, browser_key=BROWSER)
    first = session.version.questions[0]
    service.record_answer(session, first, service.clean_answer(first, ["12-15"]))
    draft_id, first_key = session.draft.id, first.key
    db.session.commit()
    db.session.expunge_all()
    _, again = service.start_with_code(code, browser_key=BROWSER)
    assert again.draft.id == draft_id
    assert again.draft.answers == {first_key: "12-15"}
    assert again.draft.age_band == "12-17"
    assert service.resume(service.code_draft_key(code, BROWSER)).draft.id == again.draft.id
    # Another browser with the same code gets a draft of its own, and sees nothing of this one.
    _, elsewhere = service.start_with_code(code, browser_key="another-browser")
    assert elsewhere.draft.id != draft_id and elsewhere.draft.answers == {}


def test_follow_ups_appear_only_after_the_answers_they_follow(db):
    wave = factories.survey_wave(factories.authority(), "heard-8-11")
    [code] = service.issue_codes(wave, 1)
    _, session = service.start_with_code(code, browser_key=BROWSER)
    keys = lambda: [q.key for q in service.visible_questions(session.version, session.draft.answers)]  # noqa: E731
    assert "heard:most-days.why" not in keys()
    most_days = next(q for q in session.version.questions if q.key == "heard:most-days")
    service.record_answer(session, most_days, "1")
    assert "heard:most-days.why" in keys()
    service.record_answer(session, most_days, "5")
    assert "heard:most-days.why" not in keys()


def test_answers_are_checked_against_the_question(db):
    wave = factories.survey_wave(factories.authority(), "heard-care-leavers", care_statuses=["care_leaver"])
    questions = {q.key: q for q in wave.version.questions}
    assert service.clean_answer(questions["heard:safe"], []) == SKIP
    assert service.clean_answer(questions["heard:safe"], ["yes"]) == "yes"
    assert service.clean_answer(questions["heard:doing"], ["work", "study"]) == ["study", "work"]
    assert service.clean_answer(questions["heard:doing"], ["work", SKIP]) == SKIP
    assert service.clean_answer(questions["heard:anything"], [], "  ") == SKIP
    with pytest.raises(RuleBroken):
        service.clean_answer(questions["heard:safe"], ["maybe"])
    with pytest.raises(RuleBroken):
        service.clean_answer(questions["heard:safe"], ["yes", "no"])


def test_responses_are_written_in_batches_and_drafts_deleted(db):
    wave = factories.survey_wave(factories.authority())
    codes = service.issue_codes(wave, service.MIX_BATCH)
    for n, code in enumerate(codes):
        _, session = service.start_with_code(code, browser_key=BROWSER)
        _answer_all(session)
        service.submit(session, code=code)
        db.session.commit()
        written = service.flush(wave)
        db.session.commit()
        if n < service.MIX_BATCH - 1:
            assert written == 0 and service.pending_count(wave) == n + 1
    assert written == service.MIX_BATCH
    assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == service.MIX_BATCH
    assert db.session.scalar(select(func.count()).select_from(SurveyDraft)) == 0
    assert service.code_counts(wave) == (service.MIX_BATCH, service.MIX_BATCH)


def test_a_closed_wave_writes_what_is_left_and_drops_unfinished_drafts(db):
    wave = factories.survey_wave(factories.authority())
    done, unfinished = service.issue_codes(wave, 2)
    _, session = service.start_with_code(done, browser_key=BROWSER)
    _answer_all(session)
    service.submit(session, code=done)
    service.start_with_code(unfinished, browser_key=BROWSER)
    db.session.commit()
    assert service.close_out(wave) == 0  # still open
    assert service.close_out(wave, today=wave.closes_on + timedelta(days=1)) == 2  # one written, one dropped
    assert db.session.scalar(select(func.count()).select_from(SurveyDraft)) == 0
    assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 1


def test_a_signed_in_young_person_answers_once_and_only_that_is_recorded(app, db):
    authority = factories.authority()
    wave = factories.survey_wave(authority)
    person = factories.young_person(authority, age=14)
    too_young = factories.young_person(authority, age=9)
    leaver = factories.young_person(authority, age=19, care_status="care_leaver")
    assert service.open_waves_for(person) == [wave]
    assert service.open_waves_for(too_young) == [] and service.open_waves_for(leaver) == []
    with app.test_request_context():
        session = service.start_signed_in(person, wave, device_key="key-in-their-browser")
        assert session.draft.age_band == "12-17" and session.draft.from_profile
        _answer_all(session)
        service.submit(session, person=person)
        db.session.commit()
        assert service.open_waves_for(person) == []
        with pytest.raises(RuleBroken):
            service.start_signed_in(person, wave, device_key="key-in-another-browser")
    assert db.session.scalar(select(func.count()).select_from(SurveyParticipation)) == 1


def test_text_goes_to_moderation_without_an_author(db):
    from app.moderation.models import ModerationItem

    wave = factories.survey_wave(factories.authority())
    codes = service.issue_codes(wave, 1)
    _, session = service.start_with_code(codes[0], browser_key=BROWSER)
    _answer_all(session, choose=lambda q: q.values[0] if q.values else "More help with homework please")
    service.submit(session, code=codes[0])
    service.flush(wave, force=True)
    db.session.commit()
    items = db.session.scalars(select(ModerationItem)).all()
    assert items and all(i.author_id is None and i.source_id is None and i.audience == "report" for i in items)
    texts = db.session.scalars(select(ModerationItem.__table__.c.original_text)).all()
    assert "More help with homework please" in texts


def test_the_daily_command_settles_closed_waves(app, db):
    from app.surveys.models import SurveyWave

    wave = factories.survey_wave(factories.authority())
    [code] = service.issue_codes(wave, 1)
    _, session = service.start_with_code(code, browser_key=BROWSER)
    _answer_all(session)
    service.submit(session, code=code)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["heard", "surveys-settle"])
    assert "Settled 1 waves (0 drafts" in result.output  # open, and fewer than a batch: it waits
    db.session.get(SurveyWave, wave.id).closes_on = date.today() - timedelta(days=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["heard", "surveys-settle"])
    assert "(1 drafts" in result.output
    assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 1


def test_words_that_suggest_risk_still_raise_an_alert_without_saying_who(db):
    from app.moderation.models import SafeguardingAlert

    wave = factories.survey_wave(factories.authority())
    [code] = service.issue_codes(wave, 1)
    _, session = service.start_with_code(code, browser_key=BROWSER)
    anything = next(q for q in session.version.questions if q.key == "heard:anything")
    service.record_answer(session, anything, "I want to kill myself")
    db.session.commit()
    # At once, not when the batch of answers is written later.
    alerts = db.session.scalars(select(SafeguardingAlert)).all()
    assert len(alerts) == 1 and alerts[0].young_person_id is None
    service.submit(session, code=code)
    service.flush(wave, force=True)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(SafeguardingAlert)) == 1  # and only once


def test_a_signed_in_young_persons_risky_answer_alerts_without_linking_them(app, db):
    from tests.helpers import log_in_here

    from app.audit import AuditEvent
    from app.moderation.models import SafeguardingAlert

    council = factories.authority()
    factories.staff(council, "safeguarding_lead")
    person = factories.young_person(council)
    wave = factories.survey_wave(council)
    [code] = service.issue_codes(wave, 1)
    db.session.commit()
    with app.test_request_context():
        log_in_here(person)
        _, session = service.start_with_code(code, browser_key=BROWSER)
        anything = next(q for q in session.version.questions if q.key == "heard:anything")
        service.record_answer(session, anything, "I want to kill myself")
        db.session.commit()
    alert = db.session.scalars(select(SafeguardingAlert)).one()
    assert alert.young_person_id is None
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.target_type == "SafeguardingAlert")).all()
    assert events and all(event.actor_id is None for event in events)
