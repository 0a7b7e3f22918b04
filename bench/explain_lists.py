"""PostgreSQL query plans of the long staff lists, as the pages send them.

    .venv/bin/python bench/explain_lists.py                  # BENCH_PG_URL, else heard_bench_explain
    .venv/bin/python bench/explain_lists.py --plans          # and print every plan in full

Builds a busy council on PostgreSQL (dropping and rebuilding the database's schema) and, beside it,
a larger council whose rows every list of the first must step over: 600 young people, 1,300 of an
IRO's reviews (1,000 past), 800 sets of views, 1,500 safeguarding alerts, 1,500 moderation items,
20,000 audit events (and 3,000 alerts and 60,000 audit events in the other council). Then it opens
each list through the real app, catches every statement the page sends, and runs each one again
under EXPLAIN (ANALYZE, BUFFERS). It prints, per page, the statements' total execution time, the
slowest statement, and any sequential scan of a table that grows.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PG_URL = os.environ.get("BENCH_PG_URL", "postgresql://heard:heard@127.0.0.1:5432/heard_bench_explain")
GROWING = ("review", "views_submission", "safeguarding_alert", "moderation_item", "audit_event", "user")


def build(app):
    from sqlalchemy import insert, text

    from app.audit import AuditEvent
    from app.extensions import db
    from app.models_base import utcnow
    from app.moderation import service as moderation
    from app.moderation.models import CLOSED, OPEN, TRIGGER_SCREENING, SafeguardingAlert
    from flask_migrate import upgrade
    from tests import factories

    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"))
    upgrade(revision="heads")
    rng = random.Random(14)
    now = utcnow()
    councils = []
    for size in (1, 2):
        council = factories.authority()
        people = {role: factories.staff(council, role) for role in ("iro", "worker", "safeguarding_lead", "participation_officer", "council_admin")}
        young = [
            factories.young_person(council, display_name=f"Person{n} Surname{n}", reference=f"R-{size}-{n:04}", iro_id=people["iro"].id, worker_id=people["worker"].id)
            for n in range(600 * size)
        ]
        if size == 1:
            for n in range(1300):
                review = factories.review(young[n % 600], date=date.today() + timedelta(days=n - 1000))
                if n % 13 < 8:
                    factories.sent_views(review)
            for n in range(1500):
                item = moderation.submit_text(authority_id=council.id, source="bench", text=f"More trips out for us please {n}", author=young[n % 600], language="en")
                if n % 3:
                    moderation.approve(item, people["participation_officer"])
        db.session.execute(insert(SafeguardingAlert), [
            dict(authority_id=council.id, young_person_id=young[n % len(young)].id, trigger=TRIGGER_SCREENING, source="bench", text=None,
                 language="en", findings=[], status=OPEN if n % 5 == 0 else CLOSED, deadline_at=now + timedelta(minutes=n), created_at=now - timedelta(minutes=n))
            for n in range(1500 * size)
        ])
        db.session.execute(insert(AuditEvent), [
            dict(authority_id=council.id, actor_id=rng.choice(list(people.values())).id, action=rng.choice(("views.read", "young_person.viewed", "moderation.approved")),
                 target_type="User", target_id=young[n % len(young)].id, detail={}, at=now - timedelta(seconds=n * 30))
            for n in range(20000 if size == 1 else 60000)
        ])
        db.session.commit()
        councils.append((council, people))
    with db.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    return councils[0]


PAGES = [
    ("worker", "/staff/reviews/"),
    ("worker", "/staff/reviews/?past=1"),
    ("iro", "/staff/reviews/"),
    ("iro", "/staff/reviews/?past=1"),
    ("iro", "/staff/reviews/?past=1&q=Person12"),
    ("iro", "/staff/reviews/?past=1&page=15"),
    ("iro", "/staff/"),
    ("safeguarding_lead", "/staff/safeguarding/"),
    ("safeguarding_lead", "/staff/safeguarding/?show=all"),
    ("safeguarding_lead", "/staff/safeguarding/?show=all&q=Person4"),
    ("participation_officer", "/staff/moderation/"),
    ("participation_officer", "/staff/moderation/?status=approved"),
    ("council_admin", "/admin/"),
    ("council_admin", "/admin/audit"),
    ("council_admin", "/admin/audit?page=300"),
    ("council_admin", "/admin/audit?q=Person7"),
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", action="store_true", help="print every plan in full")
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = PG_URL
    from sqlalchemy import event

    from app import create_app
    from app.extensions import db
    from app.models_base import utcnow
    from app.tenancy import all_councils
    from config import normalise_database_url
    from tests.conftest import IsolatedClient

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=normalise_database_url(PG_URL), MAIL_ENABLED=False, RATELIMIT_ENABLED=False)
    app.test_client_class = IsolatedClient
    with app.app_context():
        with all_councils():
            started = time.monotonic()
            council, people = build(app)
            print(f"built in {time.monotonic() - started:.0f} s", flush=True)
            from tests.helpers import session_token
            user_ids = {role: session_token(person) for role, person in people.items()}  # read while a council is bound
        caught: list[tuple[str, object]] = []

        def catch(conn, cursor, statement, parameters, context, executemany):
            if not executemany:
                caught.append((statement, parameters))

        event.listen(db.engine, "before_cursor_execute", catch)
        for role, path in PAGES:
            client = app.test_client()
            with client.session_transaction() as session:
                session["_user_id"] = user_ids[role]
                session["_fresh"] = True
                session["seen"] = utcnow().timestamp()
            client.get(path)  # warm
            caught.clear()
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            statements = [(s, p) for s, p in caught if s.lstrip().upper().startswith("SELECT")]
            report(role, path, statements, args.plans)
        event.remove(db.engine, "before_cursor_execute", catch)
    return 0


def report(role: str, path: str, statements, full: bool) -> None:
    from app.extensions import db

    results = []
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for statement, parameters in statements:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
            plan = [row[0] for row in cursor.fetchall()]
            ms = float(re.search(r"Execution Time: ([\d.]+)", plan[-1]).group(1))
            results.append((ms, statement, plan))
        raw.rollback()
    finally:
        raw.close()
    total = sum(ms for ms, _, _ in results)
    slowest = max(results, key=lambda r: r[0])
    scans = sorted({m for _, _, plan in results for line in plan for m in re.findall(r"Seq Scan on (\w+)", line) if m in GROWING})
    print(f"\n{role:>22} {path:<42} {len(results):>2} SELECTs, {total:6.1f} ms in all; slowest {slowest[0]:5.1f} ms"
          + (f"; sequential scans of {', '.join(scans)}" if scans else ""))
    print("    slowest: " + " ".join(slowest[1].split())[:160])
    for line in slowest[2][:6] if not full else []:
        print("      " + line)
    if full:
        for ms, statement, plan in results:
            print(f"  -- {ms:.2f} ms: " + " ".join(statement.split())[:300])
            print("\n".join("      " + line for line in plan))


if __name__ == "__main__":
    sys.exit(main())
