"""Moderation benchmark: screening speed, submitting through the service, the queue page, the badge.

    .venv/bin/python bench/moderation_bench.py
    DATABASE_URL=postgresql://... .venv/bin/python bench/moderation_bench.py

A council with 600 people with accounts and 300 names and schools on its own lists; 500 items
waiting (a tenth flagged), 2,000 decided, 200 alerts.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TEXTS = [
    "I think the council should give us more trips out in the holidays, like the seaside or a theme park, and help with bus fares to college because it costs a lot.",
    "نريد رحلات أكثر في العطلة ومساعدة في أجرة الحافلة إلى الكلية لأنها غالية جداً علينا",
    "زه غواړم چې د فوټبال ټیم جوړ کړو او په اونۍ کې یو ځل لوبه وکړو، دا به ډېر ښه وي",
    "Ring Amira on 07700 900123 or find me on snap jojo_22, I live at 14 Elm Grove LS6 2AB",
    "sometimes I don't feel safe at home and I want to run away",
]


def timed(fn, n):
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


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
    from app.moderation import screening, service
    from app.moderation.models import ScreeningTerm
    from config import normalise_database_url
    from tests import factories

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=normalise_database_url(url), MAIL_ENABLED=False)
    with app.app_context(), all_councils():  # setting up spans councils; each request binds its own
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"))
        upgrade(revision="heads")
        council = factories.authority()
        moderator = factories.staff(council, "participation_officer")
        lead = factories.staff(council, "safeguarding_lead")
        worker = factories.staff(council, "worker")
        people = [factories.young_person(council, display_name=f"Person{n} Surname{n}", worker_id=worker.id) for n in range(600)]
        for n in range(300):
            db.session.add(ScreeningTerm(authority_id=council.id, kind="name" if n % 2 else "school", language="", phrase=f"Listed Name{n}"))
        db.session.commit()
        names, schools, extra = service.council_lists(council.id)

        results = {}
        results["screen one text (all languages, 900 names)"] = timed(
            lambda: [screening.screen(t, names=names, schools=schools, extra_risk=extra) for t in TEXTS[:1]], 200
        )
        counter = iter(range(10**6))

        def submit():
            n = next(counter)
            service.submit_text(authority_id=council.id, source="bench", text=TEXTS[n % len(TEXTS)], author=people[n % 600], language="en")
            db.session.commit()

        results["submit_text, committed (1 in 5 raises an alert)"] = timed(submit, 300)
        for n in range(2000):
            item = service.submit_text(authority_id=council.id, source="bench.old", text=TEXTS[n % 4], author=people[n % 600])
            service.approve(item, moderator) if n % 3 else service.reject(item, moderator, "other")
        db.session.commit()
        client = app.test_client()
        with client.session_transaction() as session:
            from tests.helpers import session_token
            session["_user_id"] = session_token(moderator)
            session["_fresh"] = True
            session["seen"] = time.time()
        lead_client = app.test_client()
        with lead_client.session_transaction() as session:
            session["_user_id"] = session_token(lead)
            session["_fresh"] = True
            session["seen"] = time.time()
        from tests.conftest import IsolatedClient

        app.test_client_class = IsolatedClient
        for c in (client, lead_client):
            c.__class__ = IsolatedClient
        for c, path in ((client, "/staff/moderation/"), (client, "/staff/"), (lead_client, "/staff/safeguarding/")):
            response = c.get(path)
            assert response.status_code == 200, (path, response.status_code, response.location)
        results["queue page (300 waiting, first 200 shown)"] = timed(lambda: client.get("/staff/moderation/"), 30)
        results["staff home with the queue badge"] = timed(lambda: client.get("/staff/"), 30)
        results["alerts page for the safeguarding lead"] = timed(lambda: lead_client.get("/staff/safeguarding/"), 30)
        results["escalate command pass (nothing due)"] = timed(lambda: (service.escalate_overdue(), db.session.commit()), 30)
        print(f"database: {db.engine.dialect.name}")
        for what, (median, p95) in results.items():
            print(f"{what:<55} median {median:7.1f} ms   p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
