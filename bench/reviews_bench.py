"""How views before reviews cope with a busy IRO: a year of 40 reviews a month.

    .venv/bin/python bench/reviews_bench.py            # SQLite in a temporary file
    DATABASE_URL=postgresql://... .venv/bin/python bench/reviews_bench.py

Builds one council with an IRO who has 480 reviews (40 a month for a year, 300 of them with views
sent, a third with an addition), then times, through the real app and test client:
the IRO's review list, the unread count shown in the navigation on every staff page, opening one
set of views, the PDF, and a young person's step save. Prints the median and 95th percentile.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

if "DATABASE_URL" not in os.environ:
    handle, path = tempfile.mkstemp(prefix="heard-bench-", suffix=".db")
    os.close(handle)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"

from flask_migrate import upgrade
from sqlalchemy import text

from app import create_app
from app.tenancy import all_councils
from app.extensions import db
from app.models_base import utcnow
from app.reviews import service
from config import normalise_database_url
from tests import factories
from tests.conftest import IsolatedClient


def timed(label, fn, runs):
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
    print(f"{label:<48} median {statistics.median(samples):7.1f} ms   p95 {p95:7.1f} ms   ({runs} runs)")


def main():
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=normalise_database_url(os.environ["DATABASE_URL"]), MAIL_ENABLED=False, RATELIMIT_ENABLED=False)
    app.test_client_class = IsolatedClient  # each request in its own app context, as in production
    with app.app_context(), all_councils():  # setting up spans councils; each request binds its own
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"))
        upgrade(revision="heads")
        council = factories.authority()
        iro = factories.staff(council, "iro")
        worker = factories.staff(council, "worker")
        people = [factories.young_person(council, iro_id=iro.id, worker_id=worker.id) for _ in range(200)]
        reviews = []
        start = date.today() - timedelta(days=300)
        for n in range(480):
            review = factories.review(people[n % 200], iro=iro, date=start + timedelta(days=n * 365 // 480))
            reviews.append(review)
            if n < 300:
                submission = factories.sent_views(review, answers={"going-well": "Things are good " * 20, "worries": "Some worries " * 20}, wishes=("One", "Two", "Three"))
                if n % 3 == 0:
                    service.add_addition(submission, text="One more thing", language="en", key=f"k{n}")
                if n % 2 == 0:
                    service.record_read(submission, iro)
        db.session.commit()
        print(f"{db.engine.dialect.name}: 1 IRO, 200 young people, 480 reviews, 300 sets of views")

        def client_for(user):
            client = app.test_client()
            with client.session_transaction() as session:
                from tests.helpers import session_token
                session["_user_id"] = session_token(user)
                session["_fresh"] = True
                session["seen"] = utcnow().timestamp()
            return client

        staff = client_for(iro)
        sent_review = reviews[10]
        draft_review = reviews[-1]
        young = client_for(people[479 % 200])

        def get(client, url):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        def count():
            with app.test_request_context():
                service.unread_count(iro)

        timed("IRO review list (coming)", lambda: get(staff, "/staff/reviews/"), 30)
        timed("IRO review list (past, ~300 rows)", lambda: get(staff, "/staff/reviews/?past=1"), 30)
        timed("unread count (navigation badge)", count, 50)
        timed("open one set of views (records a read)", lambda: get(staff, f"/staff/reviews/{sent_review.id}"), 30)
        timed("PDF of one set of views", lambda: get(staff, f"/staff/reviews/{sent_review.id}/views.pdf"), 10)

        def save_step():
            response = young.post(f"/my/reviews/{draft_review.id}/going-well/", data={"text": "Typing away " * 30})
            assert response.status_code == 302, response.status_code

        timed("young person saves a step", save_step, 30)
    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
