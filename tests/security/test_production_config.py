"""A council that deploys gets the production settings, or a clear refusal: never a quiet fall
back to the development ones (a known secret, cookies over plain HTTP, safeguarding emails off).

Each test starts a fresh Python, as a server would, because settings are read at import time."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")

PROBE = """
import json
from wsgi import app
client = app.test_client()
response = client.get("/sign-in", environ_base={"REMOTE_ADDR": "127.0.0.1"},
                      headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"})
print(json.dumps({
    "mail": app.config["MAIL_ENABLED"],
    "secure_cookie": app.config["SESSION_COOKIE_SECURE"],
    "hsts": response.headers.get("Strict-Transport-Security"),
    "status": response.status_code,
}))
"""


def _env(tmp_path, **settings):
    env = {k: v for k, v in os.environ.items() if k not in {"HEARD_CONFIG", "SECRET_KEY", "RATELIMIT_STORAGE_URI", "FLASK_RUN_FROM_CLI", "SERVER_SOFTWARE"}}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'prod.db'}"
    env.update(settings)
    return env


def _production(tmp_path, **settings):
    base = {
        "HEARD_CONFIG": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1"),
    }
    return _env(tmp_path, **{**base, **settings})


def _run(args, env):
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_production_app_starts_with_a_real_secret_and_is_secure(tmp_path):
    import json

    result = _run([sys.executable, "-c", PROBE], _production(tmp_path))
    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout.strip().splitlines()[-1])
    assert settings == {"mail": True, "secure_cookie": True, "hsts": "max-age=63072000; includeSubDomains", "status": 200}


@pytest.mark.parametrize("secret", [None, "dev-only-not-secret", "short-but-not-empty"])
def test_production_refuses_a_missing_known_or_short_secret(tmp_path, secret):
    env = _production(tmp_path)
    env.pop("SECRET_KEY")
    if secret is not None:
        env["SECRET_KEY"] = secret
    result = _run([sys.executable, "-c", "import wsgi"], env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("storage", [None, "memory://"])
def test_production_refuses_rate_limits_that_each_worker_counts_alone(tmp_path, storage):
    env = _production(tmp_path)
    env.pop("RATELIMIT_STORAGE_URI")
    if storage is not None:
        env["RATELIMIT_STORAGE_URI"] = storage
    result = _run([sys.executable, "-c", "import wsgi"], env)
    assert result.returncode != 0
    assert "RATELIMIT_STORAGE_URI" in result.stderr


def test_gunicorn_refuses_to_serve_without_heard_config(tmp_path):
    result = _run([str(GUNICORN), "--check-config", "wsgi:app"], _env(tmp_path))
    assert result.returncode != 0
    assert "HEARD_CONFIG" in result.stdout + result.stderr


def test_gunicorn_serves_the_production_app(tmp_path):
    result = _run([str(GUNICORN), "--check-config", "wsgi:app"], _production(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_flask_command_still_runs_development_without_heard_config(tmp_path):
    result = _run([str(Path(sys.executable).with_name("flask")), "--app", "wsgi", "heard", "--help"], _env(tmp_path))
    assert result.returncode == 0, result.stderr


def test_an_unknown_heard_config_is_refused_by_name(tmp_path):
    result = _run([sys.executable, "-c", "import wsgi"], _env(tmp_path, HEARD_CONFIG="prod"))
    assert result.returncode != 0
    assert "HEARD_CONFIG" in result.stderr
