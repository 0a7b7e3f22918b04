"""The demo council has a survey to take and results to read."""
from sqlalchemy import select

from app.demo import load_demo
from app.extensions import db
from app.surveys import results, service
from app.surveys.demo import DEMO_CODES
from app.surveys.models import SurveyWave


def test_demo_has_an_open_wave_with_codes_and_closed_waves_with_results(app, db, sign_in):
    people = load_demo()
    waves = db.session.scalars(select(SurveyWave).order_by(SurveyWave.opens_on)).all()
    assert [w.title for w in waves][:2] == ["Spring last year", "Autumn last year"]
    data = results.wave_results(waves[1], with_quotes=False)
    assert data.responses.base.count >= 60
    safe = next(q for q in data.questions if q.question.key == "heard:safe")
    assert safe.overall.broken_down and len(safe.trend) == 2
    code, session = service.start_with_code(DEMO_CODES[0], browser_key="browser")
    assert session.wave.title == "This spring"
    assert service.open_waves_for(people["amira"]) and service.open_waves_for(people["sam"])
    assert not service.open_waves_for(people["lily"])
    page = sign_in(people["manager"]).get(f"/staff/surveys/waves/{waves[1].id}/results")
    assert page.status_code == 200
