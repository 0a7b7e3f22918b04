"""Survey answers against someone holding the database, the logs and SECRET_KEY.

The promise (app/surveys/models.py): nobody can tell which answers are whose, nor which free text
came with which answers, and a code or a signed-in young person leads to no answers at all.
"""
from __future__ import annotations

import logging
import re

from sqlalchemy import select

from app.extensions import db
from app.qr import qr_svg
from app.surveys import service
from app.surveys.models import SurveyQuestion
from tests import factories

from .attacker import CHECKED, forged_client, has_hidden_order, rows, storage_order

MARKED = "ons:life"  # a 0 to 10 question: each test child gives a different score
FREE_TEXT = "heard:anything"


def _question(wave, key) -> SurveyQuestion:
    return next(q for q in wave.version.questions if q.key == key)


def _walk(client, *, score: int, words: str = "More trips out please"):
    """Answer every screen through the pages, as a browser without JavaScript does; the 0 to 10
    question gets `score`. Returns every URL the browser asked for."""
    asked = ["/survey/start"]
    client.get("/survey/start")
    response = client.post("/survey/start", data={"helped": "no"})
    for _ in range(60):
        url = response.location or ""
        if "/survey/q/" not in url:
            break
        asked.append(url)
        html = client.get(url).get_data(as_text=True)
        values = re.findall(r'name="answer" type="(?:radio|checkbox)" value="([^"]+)"', html)
        data = {"action": "next"}
        if "10" in values and "0" in values:
            data["answer"] = str(score)
        elif values:
            data["answer"] = values[0]
        else:
            data["text"] = words
        response = client.post(url, data=data)
    asked.append("/survey/check")
    done = client.post("/survey/check")
    asked.append(done.location)
    return asked


def test_free_text_cannot_be_paired_with_the_answers_it_came_with_by_storage_order(app, db):
    wave = factories.survey_wave(factories.authority(), "heard-care-leavers", care_statuses=["care_leaver"])
    life, anything = _question(wave, MARKED), _question(wave, FREE_TEXT)
    for n, code in enumerate(service.issue_codes(wave, 10)):
        _, session = service.start_with_code(code, browser_key="browser")
        service.record_answer(session, life, str(n))
        service.record_answer(session, anything, f"More trips out, idea {'abcdefghij'[n]}")
        service.submit(session, code=code)
        db.session.commit()
    service.flush(wave)
    db.session.commit()
    assert service.pending_count(wave) == 0

    score = dict(rows("SELECT response_id, value FROM survey_answer WHERE question_id = :q", q=life.id))
    scores = [score[r] for r in storage_order("survey_response", "id")]
    texts = dict(rows("SELECT id, original_text FROM moderation_item WHERE source = 'survey.answer'"))
    marker = {item: str("abcdefghij".index(words[-1])) for item, words in texts.items()}
    by_item_order = [marker[i] for i in sorted(marker)]
    by_quote_order = [marker[i] for i in storage_order("survey_quote", "text_item_id")]
    assert len(scores) == len(by_item_order) == 10
    # The attacker lays the texts beside the responses, both in the order they were stored.
    assert scores != by_item_order
    assert scores != by_quote_order


def test_a_response_does_not_say_which_free_text_questions_it_answered(app, db):
    wave = factories.survey_wave(factories.authority(), "heard-care-leavers", care_statuses=["care_leaver"])
    anything = _question(wave, FREE_TEXT)
    for code in service.issue_codes(wave, service.MIX_BATCH):
        _, session = service.start_with_code(code, browser_key="browser")
        service.record_answer(session, anything, "Better wifi at the flat")
        service.submit(session, code=code)
        db.session.commit()
    service.flush(wave)
    db.session.commit()
    assert rows("SELECT value FROM survey_answer WHERE question_id = :q", q=anything.id) == []
    assert len(rows("SELECT id FROM survey_quote")) == service.MIX_BATCH


def test_signed_in_answers_are_written_without_anyone_else_acting_and_cannot_be_paired_with_who_took_part(app, db, sign_in):
    authority = factories.authority()
    wave = factories.survey_wave(authority, "heard-11-17")
    children = [factories.young_person(authority, age=14) for _ in range(10)]
    db.session.commit()
    for n, child in enumerate(children):
        client = sign_in(child)
        begin = client.get(f"/survey/waves/{wave.id}/begin")
        assert begin.status_code == 302
        _walk(client, score=n)
    # Nobody from staff looked and no job ran: the answers are written all the same.
    assert service.pending_count(wave) == 0
    assert len(rows("SELECT id FROM survey_response")) == 10

    score = dict(rows("SELECT a.response_id, a.value FROM survey_answer a JOIN survey_question q ON q.id = a.question_id WHERE q.key = :k", k=MARKED))
    scores = [score[r] for r in storage_order("survey_response", "id")]
    who = {child.id: str(n) for n, child in enumerate(children)}
    took_part = [who[u] for u in storage_order("survey_participation", "user_id")]
    assert scores != took_part


def test_a_session_forged_with_the_secret_does_not_find_a_signed_in_childs_answers(app, db, sign_in):
    authority = factories.authority()
    wave = factories.survey_wave(authority, "heard-11-17")
    child = factories.young_person(authority, age=14)
    db.session.commit()
    own = sign_in(child)
    own.get(f"/survey/waves/{wave.id}/begin")
    own.post("/survey/start", data={"helped": "no"})
    own.post("/survey/q/1", data={"answer": "12-15", "action": "next"})
    assert 'value="12-15" checked' in own.get("/survey/q/1").get_data(as_text=True)

    forged = forged_client(app, child)
    assert forged.get(f"/survey/waves/{wave.id}/begin").status_code == 302
    page = forged.get("/survey/q/1").get_data(as_text=True)
    assert not CHECKED.search(page)


def test_a_second_browser_given_the_same_code_does_not_see_the_earlier_answers(app, db, client):
    wave = factories.survey_wave(factories.authority(), "heard-8-11")
    [code] = service.issue_codes(wave, 1)
    db.session.commit()
    client.post("/survey", data={"code": code})
    client.post("/survey/q/1", data={"answer": "sometimes", "action": "next"})
    client.post("/survey/q/2", data={"answer": "no", "action": "stop"})

    other = app.test_client()
    assert other.post("/survey", data={"code": code}).location.endswith("/survey/start")
    assert not CHECKED.search(other.get("/survey/q/1").get_data(as_text=True))
    assert not CHECKED.search(other.get("/survey/q/2").get_data(as_text=True))
    assert other.post("/survey/start", data={}).location.endswith("/survey/q/1")


def test_no_request_line_log_line_or_qr_link_holds_a_survey_code(app, db, client, sign_in, caplog):
    authority = factories.authority()
    wave = factories.survey_wave(authority, "heard-8-11")
    officer = factories.staff(authority, "participation_officer")
    staff = sign_in(officer)
    sheet = staff.post(f"/staff/surveys/waves/{wave.id}/codes", data={"count": 2}).get_data(as_text=True)
    codes = [c.replace("-", "") for c in re.findall(r'class="heard-code" dir="ltr">([A-Z0-9-]+)<', sheet)]
    assert len(codes) == 2
    code = codes[0]
    from app.links import public_url

    with app.test_request_context():
        base = public_url("/survey")  # the address the sheet's requests came to
    title = "QR code for the survey"
    # Whatever the QR code says is sent to the server when scanned, unless it is after a "#".
    for leaky in (f"{base}?code={code}", f"{base}/{code}", f"{base}?c={code}"):
        with app.test_request_context():
            assert qr_svg(leaky, scale=3, title=title) not in sheet
    with app.test_request_context():
        assert qr_svg(f"{base}#{code}", scale=3, title=title) in sheet

    caplog.set_level(logging.DEBUG)
    asked = ["/survey"]
    start = client.post("/survey", data={"code": code})
    asked.append(start.location)
    asked += _walk(client, score=3)
    # An old card's link with the code in it is not honoured: the code is not put back on a page.
    old = client.get(f"/survey?code={codes[1]}", follow_redirects=False)
    assert codes[1] not in old.get_data(as_text=True)
    assert old.status_code in (301, 302, 303) and codes[1] not in (old.location or "")
    for url in asked:
        assert code not in (url or "") and code.lower() not in (url or "").lower()
    for record in caplog.records:
        assert code not in record.getMessage()


def test_anonymous_survey_rows_have_no_hidden_order_and_no_language(app, db):
    for table in ("survey_response", "survey_answer", "survey_quote", "survey_participation", "survey_draft"):
        if db.engine.dialect.name == "sqlite":
            assert not has_hidden_order(table), table
    columns = {c.name for c in db.metadata.tables["survey_response"].columns}
    assert "language" not in columns
