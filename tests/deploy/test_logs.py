"""No log line ever holds what a young person wrote, an address, or a search: logs are read by
people who may not see those (hosting staff, support), and kept elsewhere for longer."""
from __future__ import annotations

import logging
import re
from pathlib import Path

from .. import factories

ROOT = Path(__file__).resolve().parents[2]
MARKER = "Quixotebramble"


def test_what_a_young_person_writes_never_reaches_a_log_line(app, db, sign_in, caplog, mail_outbox):
    app.config.update(MAIL_PORT=1)  # every email fails, so the mail failure path logs too
    authority = factories.authority()
    person = factories.young_person(authority, display_name=f"{MARKER} Child")
    worker = factories.staff(authority, "worker", email=f"{MARKER.lower()}@example.org")
    person.worker_id = worker.id
    factories.staff(authority, "safeguarding_lead", email=f"lead.{MARKER.lower()}@example.org")
    review = factories.review(person)
    db.session.commit()
    client = sign_in(person)
    with caplog.at_level(logging.DEBUG):
        client.get(f"/my/?q={MARKER}")
        client.get(f"/my/reviews/{review.id}/going-well/")
        client.post(f"/my/reviews/{review.id}/going-well/",
                    data={"text": f"{MARKER} says I want to kill myself tonight", "action": "later"})
        client.post("/my/help/now")  # an alert whose emails fail
    lines = [record.getMessage() for record in caplog.records]
    assert any("not delivered" in line for line in lines), lines
    assert [line for line in lines if MARKER.lower() in line.lower()] == []


def test_the_access_logs_keep_paths_but_never_query_strings():
    gunicorn = (ROOT / "deploy" / "gunicorn.conf.py").read_text()
    nginx = (ROOT / "deploy" / "nginx" / "heard-log.conf").read_text()
    assert re.search(r"access_log_format = .*%\(U\)s", gunicorn) and "%(r)s" not in gunicorn and "%(q)s" not in gunicorn
    assert "$uri" in nginx and "$request " not in nginx and "$request_uri" not in nginx and "$args" not in nginx


def test_running_the_migrations_leaves_the_apps_own_log_switched_on(app, db):
    from flask_migrate import upgrade

    logger = app.logger  # the app has logged before, as a long-running process has
    upgrade(revision="heads")  # as the deploy script, the restore drill and the tests run them
    assert not logger.disabled
