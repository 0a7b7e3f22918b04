"""The production topology, as `.ci/topology up` starts it: nginx (HTTPS, deploy/'s snippets) in
front of two gunicorn instances with HEARD_CONFIG=production, one PostgreSQL, one Redis.
Every request goes through nginx, as a phone's would. nginx names the app server that answered
(X-Heard-Upstream, added by the test topology only), so the tests can show that state is shared.

Skipped unless HEARD_TOPOLOGY_URL is set (.ci/run sets it, and HEARD_REQUIRE_TOPOLOGY to fail
instead of skipping).
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

from .forms import form_with, forms_of, submit

URL = os.environ.get("HEARD_TOPOLOGY_URL")
ROOT = Path(__file__).resolve().parents[2]

if not URL:
    if os.environ.get("HEARD_REQUIRE_TOPOLOGY"):
        raise RuntimeError("HEARD_REQUIRE_TOPOLOGY is set but HEARD_TOPOLOGY_URL is not: run .ci/topology up")
    pytest.skip("the production topology is not running (.ci/topology up; .ci/run starts it)", allow_module_level=True)

import requests  # noqa: E402

CA = os.environ["HEARD_TOPOLOGY_CA"]
RUN = Path(os.environ["HEARD_TOPOLOGY_DIR"])
INSTANCES = dict(item.split(":", 1) for item in os.environ["HEARD_TOPOLOGY_INSTANCES"].split(","))
UPSTREAMS = set(INSTANCES.values())


# --- the council the tests use, written straight into the shared database ------------------------

@pytest.fixture(scope="module")
def topology_app():
    from app import create_app

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=os.environ["HEARD_TOPOLOGY_DATABASE_URL"])
    return app


@pytest.fixture
def council(topology_app):
    """A fresh council in the shared database with an IRO, a worker and a safeguarding lead."""
    from types import SimpleNamespace

    from app.extensions import db

    from .. import factories

    with topology_app.app_context():
        authority = factories.authority(name=f"Topology {time.time_ns()}")
        iro = factories.staff(authority, "iro")
        worker = factories.staff(authority, "worker")
        lead = factories.staff(authority, "safeguarding_lead")
        db.session.commit()
        ids = SimpleNamespace(authority=authority.id, iro=iro.id, worker=worker.id, lead=lead.id)
    return ids


def _young_people(app, council, count: int):
    from app.extensions import db
    from app.tenancy import Authority

    from .. import factories

    with app.app_context():
        authority = db.session.get(Authority, council.authority)
        people = [
            factories.young_person(authority, username=f"yp{time.time_ns()}{n}", iro_id=council.iro, worker_id=council.worker)
            for n in range(count)
        ]
        db.session.commit()
        return [(p.id, p.username) for p in people]


# --- a phone talking to Heard through nginx ---------------------------------------------------------

class Phone:
    def __init__(self):
        self.http = requests.Session()
        self.http.trust_env = False  # no proxy, and our CA rather than REQUESTS_CA_BUNDLE
        self.http.verify = CA
        self.http.headers["Accept-Encoding"] = "gzip, br"
        self.upstreams: list[str] = []

    def get(self, path: str, **kwargs):
        response = self.http.get(URL + path, timeout=30, **kwargs)
        self._note(response)
        return response

    def send(self, path: str, field: str, values: dict, page=None, **kwargs):
        page = page or self.get(path)
        response = submit(self.http, page.url, page.text, field, values, timeout=30, **kwargs)
        self._note(response)
        return response

    def _note(self, response):
        for r in [*response.history, response]:
            if "X-Heard-Upstream" in r.headers:
                self.upstreams.append(r.headers["X-Heard-Upstream"])

    def sign_in(self, username: str, password: str):
        from .. import factories

        response = self.send("/sign-in", "identifier", {"identifier": username, "password": password or factories.PASSWORD})
        assert response.status_code == 200, response.text[:300]
        assert "/sign-in" not in response.url, "still on the sign-in page"
        return response


def test_responses_are_compressed_and_built_assets_are_cached_for_a_year():
    phone = Phone()
    page = phone.get("/sign-in")
    assert page.status_code == 200
    assert page.headers.get("Content-Encoding") in ("gzip", "br")
    assert page.headers.get("Strict-Transport-Security")
    stylesheet = re.search(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"', page.text)
    stylesheet = stylesheet.group(1) or stylesheet.group(2)
    asset = phone.get(stylesheet)
    assert asset.status_code == 200
    assert asset.headers.get("Content-Encoding") in ("gzip", "br")
    assert "max-age=31536000" in asset.headers["Cache-Control"]


def test_a_young_person_signs_in_through_one_server_and_carries_on_through_the_other(topology_app, council):
    ((_id, username),) = _young_people(topology_app, council, 1)
    phone = Phone()
    phone.sign_in(username, None)
    for _ in range(6):
        home = phone.get("/my/")
        assert home.status_code == 200 and "/sign-in" not in home.url
    assert set(phone.upstreams) == UPSTREAMS, "every request went to one app server"


def test_signing_out_on_one_server_ends_the_session_on_the_other(topology_app, council):
    ((_id, username),) = _young_people(topology_app, council, 1)
    phone = Phone()
    phone.sign_in(username, None)
    copied = Phone()
    copied.http.cookies.update(phone.http.cookies)
    assert "/sign-in" not in copied.get("/my/").url
    home = phone.get("/my/")
    form = next(f for f in forms_of(home.text) if f["action"].endswith("/sign-out"))
    phone.http.post(URL + "/sign-out", data=form["fields"], headers={"Referer": home.url}, timeout=30)
    for _ in range(4):
        response = copied.get("/my/")
        assert "/sign-in" in response.url, "a copied cookie still works after signing out"
    assert set(copied.upstreams) == UPSTREAMS


def test_a_sign_in_limit_counts_across_both_servers(topology_app, council):
    ((_id, username),) = _young_people(topology_app, council, 1)
    phone = Phone()
    statuses = []
    for _ in range(25):
        response = phone.send("/sign-in", "identifier", {"identifier": username, "password": "not the password at all"})
        statuses.append(response.status_code)
        if response.status_code == 429:
            break
    assert 429 in statuses, f"25 wrong guesses for one account were never limited: {statuses}"
    assert set(phone.upstreams) == UPSTREAMS
    # Limited once, limited everywhere: the next tries on both servers are refused too.
    refused = [phone.send("/sign-in", "identifier", {"identifier": username, "password": "still wrong"}).status_code for _ in range(4)]
    assert refused == [429] * 4


def _live_poll(app, council, voters):
    from app.extensions import db
    from app.tenancy import Authority
    from app.auth.models import User

    from .. import factories

    with app.app_context():
        authority = db.session.get(Authority, council.authority)
        group = factories.council_group(authority)
        for user_id, _ in voters:
            factories.council_member(group, db.session.get(User, user_id))
        poll = factories.council_poll(group, mode="live", state="open")
        db.session.commit()
        return poll.id, poll.questions[0].id


def _ballots(app, question_id) -> int:
    from sqlalchemy import func, select

    from app.council.models import PollBallot
    from app.extensions import db

    with app.app_context():
        return db.session.execute(
            select(func.count()).select_from(PollBallot).where(PollBallot.question_id == question_id),
            execution_options={"all_authorities": True},
        ).scalar_one()


def test_live_poll_votes_through_both_servers_are_each_counted_once(topology_app, council):
    voters = _young_people(topology_app, council, 12)
    poll_id, question_id = _live_poll(topology_app, council, voters)

    def vote_first_option(voter):
        phone = Phone()
        phone.sign_in(voter[1], None)
        path = f"/council/polls/{poll_id}/questions/{question_id}"
        page = phone.get(path)
        choice = form_with(page.text, "choice")["radios"]["choice"][0]
        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(lambda _: phone.send(path, "choice", {"choice": choice}, page=page), range(2)))
        return phone.upstreams, [r.status_code for r in results]

    with ThreadPoolExecutor(6) as pool:
        outcomes = list(pool.map(vote_first_option, voters))
    upstreams = {u for ups, _ in outcomes for u in ups}
    assert upstreams == UPSTREAMS
    assert all(code < 500 for _, codes in outcomes for code in codes), outcomes
    assert _ballots(topology_app, question_id) == len(voters)


def _app_env() -> dict:
    """The environment the app servers run with (production), for the command-line jobs."""
    env = dict(os.environ)
    for line in (RUN / "app.env").read_text().splitlines():
        name, _, value = line.partition("=")
        env[name] = value
    return env


def _overdue_alerts(app, council, count: int) -> list[int]:
    from app.extensions import db
    from app.models_base import utcnow
    from app.moderation.models import SafeguardingSettings
    from app.tenancy import Authority

    from .. import factories

    with app.app_context():
        authority = db.session.get(Authority, council.authority)
        db.session.add(SafeguardingSettings(authority_id=authority.id, escalation_ids=[council.lead, council.iro, council.worker]))
        alerts = [factories.safeguarding_alert(authority, deadline_at=utcnow() - timedelta(minutes=5)) for _ in range(count)]
        db.session.commit()
        return [a.id for a in alerts]


def _escalations(app, alert_ids) -> dict[int, int]:
    from sqlalchemy import func, select

    from app.audit import AuditEvent
    from app.extensions import db

    with app.app_context():
        rows = db.session.execute(
            select(AuditEvent.target_id, func.count())
            .where(AuditEvent.action == "safeguarding.escalated", AuditEvent.target_id.in_(alert_ids))
            .group_by(AuditEvent.target_id),
            execution_options={"all_authorities": True},
        ).all()
        return dict(rows)


def test_escalate_started_on_both_servers_at_once_escalates_each_alert_once(topology_app, council):
    alert_ids = _overdue_alerts(topology_app, council, 8)
    env = _app_env()
    start = threading.Barrier(2)

    def run():
        start.wait()
        return subprocess.run([str(ROOT / ".venv/bin/flask"), "--app", "wsgi", "heard", "escalate"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: run(), range(2)))
    assert all(r.returncode == 0 for r in results), [r.stderr[-2000:] for r in results]
    assert _escalations(topology_app, alert_ids) == {alert_id: 1 for alert_id in alert_ids}


def test_no_log_of_the_proxy_or_the_app_servers_holds_a_search(topology_app, council):
    ((_id, username),) = _young_people(topology_app, council, 1)
    phone = Phone()
    phone.sign_in(username, None)
    marker = f"Quillbright{time.time_ns()}"
    for _ in range(4):
        phone.get(f"/my/?q={marker}")
    assert set(phone.upstreams) == UPSTREAMS
    time.sleep(1)  # let the servers write their logs
    logs = [*RUN.glob("access-*.log"), *RUN.glob("error-*.log"), Path("/var/log/nginx/heard.access.log")]
    assert any(path.exists() and "/my/" in path.read_text(errors="replace") for path in logs)
    assert [path for path in logs if path.exists() and marker in path.read_text(errors="replace")] == []


# --- last: one app server dies in the middle of a load ------------------------------------------------

def _reviews_for(app, people) -> dict[str, int]:
    from app.auth.models import User
    from app.extensions import db

    from .. import factories

    with app.app_context():
        reviews = {username: factories.review(db.session.get(User, user_id)).id for user_id, username in people}
        db.session.commit()
        return reviews


def _saved_answers(app, review_ids) -> dict[int, dict]:
    from sqlalchemy import select

    from app.extensions import db
    from app.reviews.models import ViewsSubmission

    with app.app_context():
        rows = db.session.execute(
            select(ViewsSubmission.review_id, ViewsSubmission.answers).where(ViewsSubmission.review_id.in_(review_ids)),
            execution_options={"all_authorities": True},
        ).all()
        return {review_id: answers or {} for review_id, answers in rows}


def _kill(instance: str) -> None:
    master = int((RUN / f"gunicorn-{instance}.pid").read_text())
    workers = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    for pid in [master, *map(int, workers)]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _dead(pid: int, within: float = 10.0) -> bool:
    """The process is gone, or is a zombie its new parent has not reaped yet (it was killed with
    SIGKILL and runs nothing more): checked at once, a zombie still answers signal 0."""
    deadline = time.monotonic() + within
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return True
        except (OSError, IndexError):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)


def test_a_load_carries_on_when_one_app_server_is_killed_and_nothing_acknowledged_is_lost(topology_app, council):
    people = _young_people(topology_app, council, 20)
    reviews = _reviews_for(topology_app, people)
    poll_id, question_id = _live_poll(topology_app, council, people)
    sent = {"requests": 0}
    lock = threading.Lock()
    acknowledged: dict[int, dict[str, str]] = {}
    voted: set[str] = set()
    attempted: list[tuple[int, str]] = []

    def count(response):
        with lock:
            sent["requests"] += 1 + len(response.history)
        return response

    def with_retry(action):
        """A phone whose send failed (502 as its server died) sends again, as a person would."""
        for _ in range(3):
            response = count(action())
            if response.status_code < 500:
                return response
            time.sleep(0.2)
        return response

    def young_person(person):
        _id, username = person
        review_id = reviews[username]
        phone = Phone()
        signed_in = with_retry(lambda: phone.send("/sign-in", "identifier", {"identifier": username, "password": factories_password()}))
        assert signed_in.status_code == 200 and "/sign-in" not in signed_in.url, f"{username} could not sign in: {signed_in.status_code}"
        page = with_retry(lambda: phone.get(f"/my/reviews/{review_id}/"))
        path = f"/my/reviews/{review_id}/going-well/"
        for n in range(4):
            page = with_retry(lambda: phone.get(path))
            step_key = path.rstrip("/").rsplit("/", 1)[1]
            if 'name="text"' not in page.text:
                break
            text = f"{username} wrote this on step {step_key}, try {n}"
            with lock:
                attempted.append((review_id, step_key))
            response = with_retry(lambda: phone.send(path, "text", {"text": text}, page=page))
            if response.status_code == 200 and "/sign-in" not in response.url:
                acknowledged.setdefault(review_id, {})[step_key] = text
                path = response.url.removeprefix(URL)
        vote_path = f"/council/polls/{poll_id}/questions/{question_id}"
        page = with_retry(lambda: phone.get(vote_path))
        choice = form_with(page.text, "choice")["radios"]["choice"][0]
        response = with_retry(lambda: phone.send(vote_path, "choice", {"choice": choice}, page=page))
        if response.status_code == 200 and "/sign-in" not in response.url:
            with lock:
                voted.add(username)

    killed = threading.Event()

    def killer():
        while sent["requests"] < 60:
            time.sleep(0.05)
        _kill("b")
        killed.set()

    with ThreadPoolExecutor(21) as pool:
        pool.submit(killer)
        list(pool.map(young_person, people))

    assert killed.is_set() and sent["requests"] >= 200
    assert _dead(int((RUN / "gunicorn-b.pid").read_text()))
    assert len(voted) == len(people), f"only {len(voted)} of {len(people)} votes went through"
    stored = _saved_answers(topology_app, list(reviews.values()))
    for review_id, steps in acknowledged.items():
        for step_key, text in steps.items():
            assert stored[review_id].get(step_key, {}).get("text") == text, (review_id, step_key)
    assert len(attempted) >= 2 * len(people)
    assert sum(len(steps) for steps in acknowledged.values()) == len(attempted), "saves failed while one server was up"
    assert _ballots(topology_app, question_id) == len(voted)


def factories_password() -> str:
    from .. import factories

    return factories.PASSWORD
