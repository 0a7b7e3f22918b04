"""No path in the database from a response to a person or a code."""
from sqlalchemy import func, inspect, select

from app.extensions import db
from app.surveys import service
from app.surveys.models import SurveyAnswer, SurveyCode, SurveyParticipation, SurveyResponse
from tests import factories

from .test_answering import _answer_all

PERSONAL_TABLES = {"user", "survey_code", "survey_participation", "survey_draft", "access_code", "audit_event"}


def _reachable(start: str) -> set[str]:
    """Every table a response row can reach by following foreign keys outwards."""
    tables = db.metadata.tables
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for fk in tables[name].foreign_keys:
            todo.append(fk.column.table.name)
    return seen


def test_the_schema_has_no_path_from_a_response_to_a_person_or_a_code():
    for start in ("survey_response", "survey_answer"):
        reachable = _reachable(start)
        assert not reachable & PERSONAL_TABLES, (start, reachable & PERSONAL_TABLES)
        # And nothing personal points at responses or answers either.
    for table in db.metadata.tables.values():
        if table.name in PERSONAL_TABLES:
            targets = {fk.column.table.name for fk in table.foreign_keys}
            assert not targets & {"survey_response", "survey_answer"}, table.name


def test_free_text_is_kept_apart_from_the_response_it_came_with():
    quote = db.metadata.tables["survey_quote"]
    assert {fk.column.table.name for fk in quote.foreign_keys} == {"authority", "survey_wave", "survey_question"}
    assert "survey_quote" not in _reachable("survey_response") | _reachable("survey_answer")


def test_responses_and_answers_hold_no_time_code_or_person():
    for model in (SurveyResponse, SurveyAnswer):
        columns = {c.name: c for c in inspect(model).columns}
        for name, column in columns.items():
            assert "user" not in name and "code" not in name and "person" not in name, name
            assert "DateTime" not in type(column.type).__name__ and "Date" not in type(column.type).__name__, name
            assert not name.endswith("_at") and not name.endswith("_on"), name
    code_columns = set(inspect(SurveyCode).columns.keys())
    assert code_columns == {"id", "authority_id", "wave_id", "code_hash", "used"}
    participation_columns = set(inspect(SurveyParticipation).columns.keys())
    assert participation_columns == {"id", "authority_id", "wave_id", "user_id"}


def test_response_ids_and_storage_order_do_not_follow_the_order_of_answering(app, db):
    authority = factories.authority()
    wave = factories.survey_wave(authority)
    codes = service.issue_codes(wave, 40)
    order = []
    for n, code in enumerate(codes):
        _, session = service.start_with_code(code, browser_key="browser")
        first = session.version.questions[0]
        service.record_answer(session, first, first.values[n % 3])
        service.submit(session, code=code)
        db.session.commit()
        order.append(first.values[n % 3])
        service.flush(wave)
        db.session.commit()
    assert service.pending_count(wave) == 0
    ids = db.session.scalars(select(SurveyResponse.id)).all()  # storage order
    assert len(ids) == 40 and len(set(ids)) == 40
    assert min(ids) > 1000  # random, not a counter
    # Nothing in the response rows is sequential: their ids are not in arrival order.
    rows = db.session.execute(select(SurveyResponse.id, SurveyAnswer.value).join(SurveyAnswer, SurveyAnswer.response_id == SurveyResponse.id).order_by(SurveyResponse.id)).all()
    assert [value for _, value in rows] != order


def test_after_submission_nothing_joins_a_signed_in_person_to_their_answers(app, db):
    authority = factories.authority()
    wave = factories.survey_wave(authority)
    people = [factories.young_person(authority, age=13) for _ in range(service.MIX_BATCH)]
    with app.test_request_context():
        for person in people:
            session = service.start_signed_in(person, wave, device_key=f"key-{person.id}")
            _answer_all(session)
            service.submit(session, person=person)
            db.session.commit()
    service.flush(wave)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(SurveyParticipation)) == len(people)
    assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == len(people)
    response_ids = set(db.session.scalars(select(SurveyResponse.id)))
    participation_ids = set(db.session.scalars(select(SurveyParticipation.id)))
    person_ids = {p.id for p in people}
    assert not response_ids & participation_ids and not response_ids & person_ids
