"""`/healthz`: whether this app server can reach what it needs, for nginx, systemd and monitoring.

It answers 200 when the database and (where one is configured) Redis answer, 503 otherwise.
It says nothing about any council or person, and it is never cached.
"""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from .access import PUBLIC, allow
from .extensions import db

bp = Blueprint("health", __name__)

REDIS_SCHEMES = ("redis://", "rediss://")


def check_database() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001  (any failure means "not healthy", and is logged)
        current_app.logger.exception("health check: the database did not answer")
        db.session.rollback()
        return False


def redis_url() -> str | None:
    for name in ("REDIS_URL", "RATELIMIT_STORAGE_URI"):
        url = str(current_app.config.get(name) or "")
        if url.startswith(REDIS_SCHEMES):
            return url
    return None


def check_redis(url: str) -> bool:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except redis.RedisError:
        current_app.logger.exception("health check: Redis did not answer")
        return False


def checks() -> dict[str, bool]:
    results = {"database": check_database()}
    url = redis_url()
    if url:
        results["redis"] = check_redis(url)
    return results


@bp.get("/healthz")
@allow(PUBLIC)
def healthz():
    results = checks()
    healthy = all(results.values())
    body = {"status": "ok" if healthy else "unavailable", "checks": {k: "ok" if v else "failing" for k, v in results.items()}}
    return jsonify(body), 200 if healthy else 503
