"""Survey benchmark: the results page and its CSV with 100,000 responses (about 2 million answers).

    .venv/bin/python bench/surveys_bench.py                     # SQLite, temporary file
    DATABASE_URL=postgresql://heard:heard@127.0.0.1:5432/heard_bench .venv/bin/python bench/surveys_bench.py

Three councils each run four waves of the 11 to 17 survey (12 waves, about 8,300 responses each).
Responses and answers are loaded in bulk (executemany on SQLite, COPY on PostgreSQL), then each
wave's tallies are counted once, as `flask heard` would after an import. The page is then timed
through the real app: results of council 1's latest wave, with its trend over four waves and the
average of the three councils. Also timed: the CSV, writing one batch of five submissions (the
tallies kept up to date as answers arrive), and recounting one wave from its answers.
"""
from __future__ import annotations

import io
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

COUNCILS = 3
WAVES = 4
RESPONSES = int(os.environ.get("BENCH_RESPONSES", "100000"))


def timed(fn, n):
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def _write_rows(db, responses, answers):
    from sqlalchemy import insert

    from app.surveys.models import SurveyAnswer, SurveyResponse

    if db.engine.dialect.name == "postgresql":
        raw = db.session.connection().connection.dbapi_connection
        with raw.cursor() as cursor:
            with cursor.copy("COPY survey_response (id, authority_id, wave_id, age_band, care_status, helped, language) FROM STDIN") as copy:
                for r in responses:
                    copy.write_row((r["id"], r["authority_id"], r["wave_id"], r["age_band"], r["care_status"], r["helped"], r["language"]))
            with cursor.copy("COPY survey_answer (id, authority_id, response_id, question_id, value) FROM STDIN") as copy:
                for a in answers:
                    copy.write_row((a["id"], a["authority_id"], a["response_id"], a["question_id"], a["value"]))
    else:
        db.session.execute(insert(SurveyResponse), responses)
        db.session.execute(insert(SurveyAnswer), answers)


def load(db, rng):
    from app.surveys import definitions, service
    from app.surveys.models import random_id
    from app.surveys.synthetic import synthetic_answers
    from tests import factories

    today = date.today()
    councils, waves = [], []
    for n in range(COUNCILS):
        authority = factories.authority(name=f"Bench council {n + 1}", slug=f"bench-{n + 1}-{rng.randrange(10**6)}")
        survey = definitions.install(authority.id, "heard-11-17")
        councils.append(authority)
        for w in range(WAVES):
            start = today - timedelta(days=365 * (WAVES - 1 - w) // 2 + 30)
            waves.append(service.create_wave(authority_id=authority.id, version=survey.latest, title=f"Wave {w + 1}", opens_on=start,
                                             closes_on=start + timedelta(days=28), care_statuses=["in_care", "care_leaver"]))
    db.session.commit()
    per_wave = RESPONSES // len(waves)
    answers_written = 0
    started = time.perf_counter()
    for wave in waves:
        questions = {q.key: q.id for q in wave.version.questions}
        mood = rng.uniform(0.5, 0.8)
        responses, answers = [], []
        for _ in range(per_wave):
            response_id = random_id()
            band = "8-11" if rng.random() < 0.1 else "12-17"
            status = "care_leaver" if rng.random() < 0.08 else "in_care"
            responses.append({"id": response_id, "authority_id": wave.authority_id, "wave_id": wave.id, "age_band": band,
                              "care_status": status, "helped": False, "language": "en"})
            for key, value in synthetic_answers(wave.version, rng, mood=mood).items():
                for v in value if isinstance(value, list) else [value]:
                    answers.append({"id": random_id(), "authority_id": wave.authority_id, "response_id": response_id,
                                    "question_id": questions[key], "value": v})
        _write_rows(db, responses, answers)
        answers_written += len(answers)
        db.session.commit()
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for wave in waves:
        service.rebuild_tallies(wave)
    db.session.commit()
    tally_seconds = time.perf_counter() - started
    return councils, waves, answers_written, load_seconds, tally_seconds


def main():
    url = os.environ.get("DATABASE_URL")
    if not url:
        handle, path = tempfile.mkstemp(suffix=".db")
        os.close(handle)
        url = f"sqlite:///{path}"
        os.environ["DATABASE_URL"] = url

    from flask_migrate import upgrade
    from sqlalchemy import text

    from app import create_app
    from app.tenancy import all_councils
    from app.extensions import db
    from app.models_base import utcnow
    from app.surveys import service
    from app.surveys.models import SurveyDraft
    from config import normalise_database_url
    from tests import factories

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=normalise_database_url(url), MAIL_ENABLED=False)
    rng = random.Random(7)
    with app.app_context(), all_councils():  # setting up spans councils; each request binds its own
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"))
        upgrade(revision="heads")
        councils, waves, answers, load_seconds, tally_seconds = load(db, rng)
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE"))
        officer = factories.staff(councils[0], "participation_officer")
        db.session.commit()
        latest = waves[WAVES - 1]
        client = app.test_client()
        with client.session_transaction() as session:
            from tests.helpers import session_token
            session["_user_id"] = session_token(officer)
            session["_fresh"] = True
            session["seen"] = utcnow().timestamp()

        def page():
            response = client.get(f"/staff/surveys/waves/{latest.id}/results")
            assert response.status_code == 200 and "Average of 3 councils" in response.get_data(as_text=True), response.status_code

        def csv():
            response = client.get(f"/staff/surveys/waves/{latest.id}/results.csv")
            assert response.status_code == 200

        def submit_batch():
            for _ in range(service.MIX_BATCH):
                from app.surveys.synthetic import synthetic_answers

                db.session.add(SurveyDraft(authority_id=latest.authority_id, wave_id=latest.id, key_hash=f"bench-{rng.random()}",
                                           answers=synthetic_answers(latest.version, rng), age_band="12-17", care_status="in_care", submitted=True))
            db.session.commit()
            start = time.perf_counter()
            service.flush(db.session.get(type(latest), latest.id))
            db.session.commit()
            return (time.perf_counter() - start) * 1000

        def recount():
            service.rebuild_tallies(db.session.get(type(latest), latest.id))
            db.session.commit()

        page()  # warm up templates and caches
        results = {
            "results page (trend over 4 waves, average of 3 councils)": timed(page, 30),
            "results CSV": timed(csv, 15),
        }
        batch = sorted(submit_batch() for _ in range(10))
        results["write a batch of 5 submissions, tallies updated"] = (statistics.median(batch), batch[-1])
        results["recount one wave from its answers (not on the page path)"] = timed(recount, 3)
        print(f"database: {db.engine.dialect.name}; {len(waves)} waves; {RESPONSES:,} responses; {answers:,} answers")
        print(f"bulk load {load_seconds:.1f} s; counting tallies for all waves {tally_seconds:.1f} s")
        print("| what | median ms | p95 ms |")
        print("| --- | --- | --- |")
        for name, (median, p95) in results.items():
            print(f"| {name} | {median:.1f} | {p95:.1f} |")
        db.session.remove()
        db.engine.dispose()
    if url.startswith("sqlite:///") and not os.environ.get("KEEP_DB"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    elif url.startswith("sqlite:///"):
        print(f"kept {url}")


if __name__ == "__main__":
    main()
