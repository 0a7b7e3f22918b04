"""The pages: answering without JavaScript, the card, staff waves, codes sheet, results and CSV."""
import re

from sqlalchemy import func, select

from app.extensions import db
from app.surveys import service
from app.surveys.models import SurveyResponse
from tests import factories


def _walk(client, choose="first"):
    """Answer every screen by posting the form, as a browser without JavaScript does."""
    page = client.get("/survey/start")
    assert page.status_code == 200
    response = client.post("/survey/start", data={"helped": "yes"})
    steps = 0
    while "/survey/q/" in (response.location or ""):
        url = response.location
        page = client.get(url)
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        values = re.findall(r'name="answer" type="(?:radio|checkbox)" value="([^"]+)"', html)
        data = {"action": "next"}
        if values:
            data["answer"] = values[0] if choose == "first" else "skip"
        else:
            data["text"] = "More trips out please"
        response = client.post(url, data=data)
        steps += 1
        assert steps < 60
    assert response.location.endswith("/survey/check")
    return steps


def test_a_child_answers_with_a_code_without_javascript(app, db, client):
    wave = factories.survey_wave(factories.authority(), "heard-4-7")
    [code] = service.issue_codes(wave, 1)
    db.session.commit()
    response = client.post("/survey", data={"code": code.lower()})
    assert response.status_code == 302 and response.location.endswith("/survey/start")
    intro = client.get("/survey/start").get_data(as_text=True)
    assert "Is a grown-up helping you" in intro
    steps = _walk(client)
    assert steps >= 12
    check = client.get("/survey/check")
    assert "Send my answers" in check.get_data(as_text=True)
    done = client.post("/survey/check")
    assert done.location.endswith("/survey/thanks")
    assert "Childline" in client.get("/survey/thanks").get_data(as_text=True)
    # The browser forgot the code; the code cannot be used again.
    assert client.get("/survey/start").status_code == 302
    again = client.post("/survey", data={"code": code})
    assert "already been used" in again.get_data(as_text=True)


def test_one_question_per_screen_with_progress_and_skip(app, db, client):
    wave = factories.survey_wave(factories.authority(), "heard-8-11")
    [code] = service.issue_codes(wave, 1)
    db.session.commit()
    client.post("/survey", data={"code": code})
    html = client.get("/survey/q/1").get_data(as_text=True)
    assert html.count("<h1") == 1
    assert "Question 1 of" in html and "<progress" in html
    assert "rather not say" in html
    assert "Stop for now" in html


def test_a_bad_answer_is_explained_and_nothing_is_lost(app, db, client):
    wave = factories.survey_wave(factories.authority(), "heard-8-11")
    [code] = service.issue_codes(wave, 1)
    db.session.commit()
    client.post("/survey", data={"code": code})
    client.post("/survey/q/1", data={"answer": "yes", "action": "next"})
    response = client.post("/survey/q/2", data={"answer": "not-an-answer", "action": "next"})
    assert response.status_code == 400
    assert "There is a problem" in response.get_data(as_text=True)
    assert 'value="yes" checked' in client.get("/survey/q/1").get_data(as_text=True)


def test_stopping_and_coming_back_with_the_code(app, db, client):
    wave = factories.survey_wave(factories.authority(), "heard-8-11")
    [code] = service.issue_codes(wave, 1)
    db.session.commit()
    client.post("/survey", data={"code": code})
    client.post("/survey/q/1", data={"answer": "sometimes", "action": "next"})
    stopped = client.post("/survey/q/2", data={"answer": "yes", "action": "stop"})
    assert stopped.location.endswith("/survey/paused")
    assert "type your code again" in client.get("/survey/paused").get_data(as_text=True).lower()
    assert client.get("/survey/q/1").status_code == 302  # the browser no longer holds the code
    client.post("/survey", data={"code": code})
    resumed = client.post("/survey/start", data={})
    assert resumed.location.endswith("/survey/q/3")
    assert 'value="sometimes" checked' in client.get("/survey/q/1").get_data(as_text=True)


def test_the_card_shows_while_a_wave_is_open_for_them_and_goes_once_answered(app, db, sign_in):
    authority = factories.authority()
    wave = factories.survey_wave(authority)
    person = factories.young_person(authority, age=15)
    client = sign_in(person)
    home = client.get("/my/").get_data(as_text=True)
    assert "Start the survey" in home
    begin = client.get(f"/survey/waves/{wave.id}/begin")
    assert begin.location.endswith("/survey/start")
    _walk(client, choose="skip")
    client.post("/survey/check")
    assert "Start the survey" not in client.get("/my/").get_data(as_text=True)
    # Signed-in answers wait to be mixed with others: none is written in their own request.
    assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 0
    assert service.pending_count(wave) == 1


def test_staff_run_a_wave_print_codes_and_read_results(app, db, sign_in):
    authority = factories.authority()
    officer = factories.staff(authority, "participation_officer")
    manager = factories.staff(authority, "manager")
    client = sign_in(officer)
    form = client.get("/staff/surveys/waves/new")
    assert form.status_code == 200
    version_id = re.search(r'<option value="(\d+)"', form.get_data(as_text=True)).group(1)
    created = client.post("/staff/surveys/waves/new", data={"version_id": version_id, "title": "Spring", "opens_on": "2020-01-01", "closes_on": "2099-01-01", "care_statuses": ["in_care"]})
    assert created.status_code == 302
    wave_url = created.location
    sheet = client.post(wave_url + "/codes", data={"count": "3"})
    html = sheet.get_data(as_text=True)
    assert html.count("heard-code-sheet__card") == 3 and html.count("<svg") >= 3
    bad = client.post(wave_url + "/codes", data={"count": "0"})
    assert bad.status_code == 400 and "between 1 and 500" in bad.get_data(as_text=True)
    results = sign_in(manager).get(wave_url + "/results")
    assert results.status_code == 200 and "Codes made" in results.get_data(as_text=True)
    csv = sign_in(manager).get(wave_url + "/results.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert sign_in(manager).post(wave_url + "/codes", data={"count": "3"}).status_code == 403


def test_admin_copies_and_edits_a_survey(app, db, sign_in):
    authority = factories.authority()
    admin = factories.staff(authority, "council_admin")
    client = sign_in(admin)
    listing = client.get("/staff/surveys/definitions").get_data(as_text=True)
    survey_id = re.search(r"/staff/surveys/definitions/(\d+)", listing).group(1)
    copied = client.post(f"/staff/surveys/definitions/{survey_id}/copy", data={"title": "Our own"})
    assert copied.status_code == 302
    page = client.get(copied.location).get_data(as_text=True)
    question_id = re.search(r"/staff/surveys/questions/(\d+)", page).group(1)
    saved = client.post(f"/staff/surveys/questions/{question_id}", data={"text_en": "Is there a grown-up you can talk to?", "hint_en": ""})
    assert saved.status_code == 302
    assert "Is there a grown-up you can talk to?" in client.get(copied.location).get_data(as_text=True)


def test_progress_does_not_jump_when_a_follow_up_question_opens(app, db, client):
    """'Question 5 of 18' after '4 of 17' reads as going backwards: the count is of the questions
    everyone is asked, and a follow-up is shown as more about the question it follows."""
    wave = factories.survey_wave(factories.authority(), "heard-11-17")
    [code] = service.issue_codes(wave, 1)
    db.session.commit()
    client.post("/survey", data={"code": code})
    response = client.post("/survey/start", data={"helped": "no"})
    seen = []
    while "/survey/q/" in (response.location or ""):
        html = client.get(response.location).get_data(as_text=True)
        number, total = (int(n) for n in re.search(r"Question (\d+) of (\d+)", html).groups())
        done = float(re.search(r'<progress[^>]* value="([\d.]+)"', html).group(1))
        seen.append((number, total, done))
        values = re.findall(r'name="answer" type="(?:radio|checkbox)" value="([^"]+)"', html)
        # "yes" (or the lowest score) opens every follow-up there is.
        answer = "yes" if "yes" in values else (values[0] if values else None)
        data = {"action": "next", **({"answer": answer} if answer else {"text": "Trips out"})}
        response = client.post(response.location, data=data)
        assert len(seen) < 60
    assert len({total for _n, total, _d in seen}) == 1, seen
    assert all(b[0] >= a[0] and b[2] > a[2] for a, b in zip(seen, seen[1:])), seen
    assert len(seen) > seen[0][1]  # follow-ups were asked, and did not change the count
