"""/healthz says whether this app server can reach its database and Redis, and nothing else."""
from __future__ import annotations



from app.health import check_redis

from . import redis_url_or_skip


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok"}}
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_answers_503_when_redis_does_not(app, client):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/healthz")
    finally:
        app.config.pop("REDIS_URL")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {"database": "ok", "redis": "failing"}


def test_healthz_checks_a_real_redis(app, client):
    url = redis_url_or_skip()
    assert check_redis(url)
    app.config["REDIS_URL"] = url
    try:
        response = client.get("/healthz")
    finally:
        app.config.pop("REDIS_URL")
    assert response.status_code == 200
    assert response.get_json()["checks"]["redis"] == "ok"


def test_healthz_says_nothing_about_councils_or_people(world, client):
    body = client.get("/healthz").get_data(as_text=True)
    assert "Council A" not in body and "Zephyrine" not in body
