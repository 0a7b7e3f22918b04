"""Pledge benchmark: the scorecard, its CSV, the young person's rating page, and sealing a round.

    .venv/bin/python bench/pledges_bench.py
    DATABASE_URL=postgresql://... .venv/bin/python bench/pledges_bench.py

A large council: a pledge of 25 promises in 6 themes and a charter of 15 in 4; four closed rounds
of 1,500 young people each (children in care rate the pledge, care leavers the charter; 60,000
ratings a round, 240,000 in all); an open round in which 1,500 young people have rated.
"""
from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROUNDS = 4
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "1500"))


def timed(fn, n):
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def main():
    url = os.environ.get("DATABASE_URL")
    if not url:
        handle, path = tempfile.mkstemp(suffix=".db")
        os.close(handle)
        url = f"sqlite:///{path}"
        os.environ["DATABASE_URL"] = url
    from flask_migrate import upgrade
    from sqlalchemy import insert, text

    from app import create_app
    from app.tenancy import all_councils
    from app.extensions import db
    from app.models_base import utcnow
    from app.pledges import scorecard, service
    from app.pledges.models import ANSWERS, CARE_LEAVER, IN_CARE, PledgeRating
    from config import normalise_database_url
    from tests import factories
    from tests.conftest import IsolatedClient

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=normalise_database_url(url), MAIL_ENABLED=False)
    app.test_client_class = IsolatedClient
    with app.app_context(), all_councils():  # setting up spans councils; each request binds its own
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"))
        upgrade(revision="heads")
        rng = random.Random(1)
        authority = factories.authority(enabled_languages=["en", "ar", "ps", "fa"])
        pledge = factories.pledge_version(authority, IN_CARE, themes=6, promises=4)
        charter = factories.pledge_version(authority, CARE_LEAVER, themes=4, promises=4)
        manager = factories.staff(authority, "manager")
        now = utcnow()
        bands = ["8-11", "12-17", "12-17", "18-25"]
        for r in range(ROUNDS):
            start = now - timedelta(days=100 * (ROUNDS - r) + 50)
            rnd = service.create_round(authority.id, f"Round {r + 1}", start, start + timedelta(days=90))
            rows = []
            for version in (pledge, charter):
                for promise in version.promises:
                    for _ in range(PEOPLE):
                        rows.append(dict(authority_id=authority.id, round_id=rnd.id, promise_id=promise.id, answer=rng.choice(ANSWERS), age_band=rng.choice(bands)))
            db.session.execute(insert(PledgeRating), rows)
            service.tally_round(rnd, rows)
            rnd.sealed_at = rnd.closes_at
            rnd.secret = None
            rnd.participants = {IN_CARE: PEOPLE, CARE_LEAVER: PEOPLE}
        open_round = service.create_round(authority.id, "Open", now - timedelta(days=10), now + timedelta(days=30))
        people = [factories.young_person(authority, age=rng.choice([9, 13, 15])) for _ in range(PEOPLE)]
        db.session.commit()
        for person in people:
            for promise in pledge.promises[:8]:
                service.rate(person, promise, rng.choice(ANSWERS))
        db.session.commit()
        total = db.session.scalar(text("SELECT count(*) FROM pledge_rating"))
        print(f"{db.engine.dialect.name}: {total} ratings, {len(pledge.promises) + len(charter.promises)} promises")

        sealed = service.sealed_rounds(authority.id)
        print("round scorecard (protect all tables)  median %.0f / p95 %.0f ms" % timed(lambda: scorecard.round_scorecard(sealed[-1]), 10))
        print("trends over %d rounds                 median %.0f / p95 %.0f ms" % (ROUNDS, *timed(lambda: scorecard.trends(authority.id), 5)))

        staff = app.test_client()
        with staff.session_transaction() as session:
            from tests.helpers import session_token
            session["_user_id"] = session_token(manager)
            session["seen"] = utcnow().timestamp()
        print("scorecard page                        median %.0f / p95 %.0f ms" % timed(lambda: staff.get("/pledge/scorecard"), 10))
        print("scorecard CSV                         median %.0f / p95 %.0f ms" % timed(lambda: staff.get("/pledge/scorecard.csv"), 10))

        person = people[0]
        young = app.test_client()
        with young.session_transaction() as session:
            session["_user_id"] = session_token(person)
            session["seen"] = utcnow().timestamp()
        promise_id = pledge.promises[3].id
        print("young person opens a promise to rate  median %.1f / p95 %.1f ms" % timed(lambda: young.get(f"/pledge/rate/{promise_id}"), 30))
        print("young person saves a rating           median %.1f / p95 %.1f ms" % timed(lambda: young.post(f"/pledge/rate/{promise_id}", data={"answer": rng.choice(ANSWERS)}), 30))

        start = time.perf_counter()
        service.close_round_now(db.session.get(type(open_round), open_round.id))
        db.session.commit()
        print("seal the open round (%d ratings)    %.0f ms" % (PEOPLE * 8, (time.perf_counter() - start) * 1000))
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
