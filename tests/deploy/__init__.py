"""Tests of how Heard is deployed: health checks, backups, upgrades and the production topology."""
from __future__ import annotations

import os

import pytest


def redis_url_or_skip(default: str = "redis://127.0.0.1:6379/1") -> str:
    """A real Redis for the test; skipped only where none answers and CI does not require one."""
    import redis

    url = os.environ.get("REDIS_URL", default)
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("HEARD_REQUIRE_REDIS"):
            raise
        pytest.skip(f"no Redis answers at {url}; .ci/run installs and starts one")
    return url
