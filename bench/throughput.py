"""Throughput: Heard's busiest pages against a bare Flask "hello", served the same way, in one run.

    .venv/bin/python bench/throughput.py                  # SQLite and PostgreSQL, 3 rounds of 10 s
    .venv/bin/python bench/throughput.py --quick          # 1 round of 3 s each
    .venv/bin/python bench/throughput.py --database sqlite --write-readme

For each database it builds a fresh one with the real migrations and the demo council, then
starts two gunicorns with the same settings (gthread workers, --preload, 127.0.0.1 only): one
serving bench/hello.py, one serving Heard. wrk then loads, in turn and for the same time each:
the bare app, Heard's sign-in page, a signed-in young person's home, and a young person saving a
review step (a POST with the page's CSRF token, answered by a redirect). Every request asks for
compressed responses, as a phone does. Each round loads all of them once; figures are the median
of the rounds. The machine is shared and noisy, so what matters is each page's requests per second
as a share of the bare app's, measured minutes apart at most.

Goals: the home at least 1/10 of bare Flask on SQLite and 1/15 on PostgreSQL.
Needs wrk (Debian package `wrk`); `make bench` installs it when it can.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import free_port

SECRET = "bench-only-secret-bench-only-secret-0123456789"
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql://heard:heard@127.0.0.1:5432/heard_bench_throughput")
GUNICORN = ["--workers", "4", "--worker-class", "gthread", "--threads", "4", "--preload", "--log-level", "warning"]
CONNECTIONS = 16
GOALS = {"sqlite": 10, "postgresql": 15}  # the home at least 1/N of bare Flask
README = ROOT / "bench" / "README.md"
START, END = "<!-- throughput:start -->", "<!-- throughput:end -->"


def prepare(database_url: str) -> dict:
    """A fresh database with the demo council; session cookies for two demo young people."""
    os.environ["DATABASE_URL"] = database_url
    from flask_migrate import upgrade
    from sqlalchemy import select, text

    from app import create_app
    from app.tenancy import all_councils
    from app.auth.models import User
    from app.demo import load_demo
    from app.extensions import db
    from app.reviews.models import Review
    from config import normalise_database_url

    app = create_app("development", SQLALCHEMY_DATABASE_URI=normalise_database_url(database_url), SECRET_KEY=SECRET)
    with app.app_context(), all_councils():  # setting up spans councils; each request binds its own
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"))
        upgrade(revision="heads")
        people = load_demo()
        db.session.commit()
        home_person, writer = people["amira"], people["lily"]
        draft = db.session.scalar(
            select(Review).where(Review.young_person_id == writer.id).order_by(Review.date.is_(None), Review.date).limit(1),
            execution_options={"all_authorities": True},
        )
        serializer = app.session_interface.get_signing_serializer(app)
        cookies = {key: serializer.dumps(_signed_in(user)) for key, user in (("home", home_person), ("writer", writer))}
        db.session.commit()
        result = {"cookies": cookies, "review": draft.id, "people": db.session.scalar(select(db.func.count(User.id)), execution_options={"all_authorities": True})}
        db.session.remove()
        db.engine.dispose()
    return result


def _signed_in(user) -> dict:
    """What a full sign-in leaves in the session cookie (the app's own helper when it has one)."""
    try:
        from app.auth.session_cookie import signed_in_values
    except ImportError:
        from tests.helpers import session_token
        return {"_user_id": session_token(user), "_fresh": True, "seen": time.time()}
    return {**signed_in_values(user), "seen": time.time()}


def start(app_path: str, port: int, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), *GUNICORN, "--bind", f"127.0.0.1:{port}", app_path], cwd=ROOT, env=env
    )
    for _ in range(720):  # up to 3 minutes (a loaded machine imports slowly): ready means answering
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/")
            conn.getresponse().read()
            return process
        except OSError:
            time.sleep(0.25)
    process.kill()
    raise RuntimeError(f"gunicorn for {app_path} did not start")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def csrf_for_step(port: int, cookie: str, path: str) -> tuple[str, str]:
    """Open the step as the writer's phone would: the page's CSRF token and the cookie it set."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Cookie": f"session={cookie}"})
    response = conn.getresponse()
    body = response.read().decode()
    if response.status != 200:
        raise RuntimeError(f"GET {path} answered {response.status}")
    for name, value in response.getheaders():
        if name.lower() == "set-cookie" and value.startswith("session="):
            cookie = value.split(";", 1)[0].split("=", 1)[1]
    token = re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)
    return token, cookie


def wrk(url: str, seconds: float, *, cookie: str | None = None, method: str = "GET", body: str = "") -> dict:
    command = ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--timeout", "10s",
               "-s", str(ROOT / "bench" / "wrk_report.lua"), "-H", "Accept-Encoding: gzip, br"]
    if cookie:
        command += ["-H", f"Cookie: session={cookie}"]
    env = dict(os.environ, WRK_METHOD=method, WRK_BODY=body)
    output = subprocess.run(command + [url], capture_output=True, text=True, env=env, timeout=seconds + 60).stdout
    match = re.search(r"WRK_JSON (\{.*\})", output)
    if not match:
        raise RuntimeError(f"wrk printed no summary for {url}:\n{output}")
    data = json.loads(match.group(1))
    return {
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50": data["p50_us"] / 1000,
        "p95": data["p95_us"] / 1000,
        "errors": data["socket_errors"] + data["bad_status"],
    }


def run_database(database: str, rounds: int, seconds: float) -> dict:
    workdir = tempfile.mkdtemp(prefix="heard-bench-throughput-")
    url = PG_URL if database == "postgresql" else f"sqlite:///{workdir}/bench.db"
    print(f"== {database}: preparing the demo council", flush=True)
    setup = prepare(url)
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY=SECRET, HEARD_CONFIG="development", MAIL_ENABLED="0", FLASK_DEBUG="0")
    bare_port, heard_port = free_port(), free_port()
    bare = start("bench.hello:app", bare_port, env)
    heard = None
    try:
        heard = start("wsgi:app", heard_port, env)
        step_path = f"/my/reviews/{setup['review']}/going-well/"
        token, writer_cookie = csrf_for_step(heard_port, setup["cookies"]["writer"], step_path)
        form = urlencode({"csrf_token": token, "text": "School is going well and I like my new art club.", "face": "happy"})
        targets = {
            "bare Flask hello": dict(url=f"http://127.0.0.1:{bare_port}/"),
            "sign-in page": dict(url=f"http://127.0.0.1:{heard_port}/sign-in"),
            "young person's home": dict(url=f"http://127.0.0.1:{heard_port}/my/", cookie=setup["cookies"]["home"]),
            "save a review step (POST)": dict(url=f"http://127.0.0.1:{heard_port}{step_path}", cookie=writer_cookie, method="POST", body=form),
        }
        for name, target in targets.items():  # warm every worker up
            wrk(target["url"], 2, **{k: v for k, v in target.items() if k != "url"})
        results: dict[str, list[dict]] = {name: [] for name in targets}
        for n in range(rounds):
            for name, target in targets.items():
                result = wrk(target["url"], seconds, **{k: v for k, v in target.items() if k != "url"})
                results[name].append(result)
                print(f"   round {n + 1} {name:28} {result['rps']:8.0f} req/s  p50 {result['p50']:6.1f} ms  p95 {result['p95']:6.1f} ms  errors {result['errors']}", flush=True)
    finally:
        stop(bare)
        if heard is not None:
            stop(heard)
    return {name: {key: statistics.median(r[key] for r in runs) for key in ("rps", "p50", "p95", "errors")} for name, runs in results.items()}


def table(figures: dict, rounds: int, seconds: float) -> str:
    databases = list(figures)
    lines = [
        f"Medians of {rounds} round{'s' if rounds > 1 else ''} of {seconds:g} s per page; wrk with {CONNECTIONS} connections; "
        f"gunicorn `{' '.join(GUNICORN)}` for both apps; {os.cpu_count()} CPUs shared with other work "
        f"(load average {os.getloadavg()[0]:.1f} at the end).",
        "",
        "| page | " + " | ".join(f"{d} req/s | p50 / p95 ms | share of bare" for d in databases) + " |",
        "| --- | " + " | ".join("---: | ---: | ---:" for _ in databases) + " |",
    ]
    for name in next(iter(figures.values())):
        cells = []
        for d in databases:
            f, bare = figures[d][name], figures[d]["bare Flask hello"]["rps"]
            share = "1" if name.startswith("bare") else f"1/{bare / f['rps']:.1f}" if f["rps"] else "–"
            cells.append(f"{f['rps']:.0f} | {f['p50']:.1f} / {f['p95']:.1f} | {share}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    for d in databases:
        home = figures[d]["young person's home"]["rps"]
        errors = sum(f["errors"] for f in figures[d].values())
        failed = "" if not errors else f"; {errors:.0f} requests failed"
        if not home:
            lines.append(f"- {d}: the home answered no request in time{failed}.")
            continue
        ratio = figures[d]["bare Flask hello"]["rps"] / home
        verdict = "meets" if ratio <= GOALS[d] else "falls short of"
        lines.append(f"- {d}: the home serves 1/{ratio:.1f} of bare Flask's requests, which {verdict} the goal of 1/{GOALS[d]}{failed}.")
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = README.read_text()
    block = f"{START}\n{text}\n{END}"
    if START in readme and END in readme:
        readme = readme[: readme.index(START)] + block + readme[readme.index(END) + len(END):]
    else:
        readme = readme.rstrip() + "\n\n" + block + "\n"
    README.write_text(readme)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--quick", action="store_true", help="one round of 3 s per page")
    parser.add_argument("--write-readme", action="store_true", help="put the table into bench/README.md")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.seconds = 1, 3
    if shutil.which("wrk") is None:
        print("throughput: wrk is not installed (Debian: apt-get install wrk)", file=sys.stderr)
        return 1
    databases = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    figures = {d: run_database(d, args.rounds, args.seconds) for d in databases}
    text = table(figures, args.rounds, args.seconds)
    print()
    print(text)
    if args.write_readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
