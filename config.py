"""Configuration read from environment variables, with safe development defaults.

Production sets at least HEARD_CONFIG=production, SECRET_KEY, DATABASE_URL and
RATELIMIT_STORAGE_URI; everything else has a default that suits one small server.
"""
from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _database_url(default: str) -> str:
    return normalise_database_url(os.environ.get("DATABASE_URL", default))


def normalise_database_url(url: str) -> str:
    # Hosting platforms still hand out the old scheme; SQLAlchemy wants the driver named.
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


# Known to everyone who reads this file: good for `make run`, refused in production.
DEV_SECRET = "dev-only-not-secret"
MIN_SECRET_LENGTH = 32
SHARED_LIMIT_STORES = ("redis://", "rediss://", "redis+sentinel://", "redis+cluster://", "valkey://", "valkeys://", "memcached://")


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET)
    SQLALCHEMY_DATABASE_URI = _database_url(f"sqlite:///{INSTANCE_DIR / 'heard.db'}")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    # Sessions: the cookie lives for the browser session; idleness is checked on every request.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_DURATION = 0
    STAFF_IDLE_MINUTES = int(os.environ.get("STAFF_IDLE_MINUTES", "30"))
    YOUTH_IDLE_MINUTES = int(os.environ.get("YOUTH_IDLE_MINUTES", "120"))

    # Bigger than any form or CSV of reviews a council sends; anything larger is refused (413)
    # before it is read, so nobody can fill a server's memory with one request.
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", str(2 * 1024 * 1024)))

    WTF_CSRF_TIME_LIMIT = None  # tied to the session instead, so a slow typist never loses a form

    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    # Per address. A Children in Care Council meeting is 30 young people on one Wi-Fi, each
    # maybe needing several tries (a few wrong passwords, then the right one): 300 in 10 minutes
    # lets all of them in. Guessing is held back per account below, not by address.
    SIGN_IN_LIMIT = os.environ.get("SIGN_IN_LIMIT", "300 per 10 minutes;1000 per day")
    # Per account, wrong passwords only (app/auth/limits.py). From phones that have never signed
    # in to the account: enough for someone who forgot, too few to guess a password.
    SIGN_IN_ACCOUNT_LIMIT = os.environ.get("SIGN_IN_ACCOUNT_LIMIT", "10 per 10 minutes;50 per day")
    # From a phone the account has signed in on before, counted for that phone alone, so nobody
    # else's guessing can lock a young person out of their own phone.
    SIGN_IN_DEVICE_LIMIT = os.environ.get("SIGN_IN_DEVICE_LIMIT", "10 per 10 minutes;50 per day")
    # Invite, reset and authenticator codes, per address: a room of 30 sets up accounts together.
    CODE_LIMIT = os.environ.get("CODE_LIMIT", "150 per 10 minutes;500 per day")
    # Wrong authenticator codes per staff account (and per trusted phone), from any address.
    CODE_ACCOUNT_LIMIT = os.environ.get("CODE_ACCOUNT_LIMIT", "10 per 10 minutes;50 per day")
    CODE_DEVICE_LIMIT = os.environ.get("CODE_DEVICE_LIMIT", "10 per 10 minutes;50 per day")
    # A phone stays trusted for an account this long after its last sign-in there.
    DEVICE_COOKIE_DAYS = int(os.environ.get("DEVICE_COOKIE_DAYS", "365"))

    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = os.environ.get("TIMEZONE", "Europe/London")  # dates shown as people in England read them
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "translations")

    INVITE_DAYS = int(os.environ.get("INVITE_DAYS", "14"))
    RESET_CODE_HOURS = int(os.environ.get("RESET_CODE_HOURS", "48"))
    QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")
    # The address people use, for links in e-mails, on printed cards and in QR codes. Unset, a page
    # links to the address it was asked at (app/links.py).
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "")

    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", False)
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Heard <no-reply@heard.invalid>")
    MAIL_ENABLED = _bool("MAIL_ENABLED", False)
    # Try each email as soon as the transaction that wrote it commits; `heard send-mail` retries.
    MAIL_SEND_AT_ONCE = _bool("MAIL_SEND_AT_ONCE", True)

    HSTS = _bool("HSTS", False)
    # How many reverse proxies (nginx) stand in front and set X-Forwarded-For/-Proto: their word
    # is trusted for the client's address (rate limits) and for HTTPS, and nobody else's.
    PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))


class DevelopmentConfig(Config):
    DEBUG = _bool("FLASK_DEBUG", False)


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    HSTS = _bool("HSTS", True)
    MAIL_ENABLED = _bool("MAIL_ENABLED", True)
    PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1"))  # production runs behind nginx for HTTPS
    PREFERRED_URL_SCHEME = "https"

    @staticmethod
    def check(config) -> None:
        """Refuse to start with settings that would quietly make a deployment unsafe."""
        secret = config.get("SECRET_KEY") or ""
        if secret == DEV_SECRET or len(secret) < MIN_SECRET_LENGTH:
            raise RuntimeError(
                f"Set SECRET_KEY to a random value of at least {MIN_SECRET_LENGTH} characters before running "
                "Heard in production, for example the output of: python3 -c 'import secrets; print(secrets.token_hex(32))'"
            )
        if not str(config.get("RATELIMIT_STORAGE_URI") or "").startswith(SHARED_LIMIT_STORES):
            raise RuntimeError(
                "Set RATELIMIT_STORAGE_URI to a Redis server (for example redis://127.0.0.1:6379/0) before running "
                "Heard in production, so that every app server counts sign-in attempts together."
            )


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret"
    SQLALCHEMY_DATABASE_URI = _database_url("sqlite://")
    RATELIMIT_ENABLED = True
    WTF_CSRF_ENABLED = False
    MAIL_ENABLED = True
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "8025"))
    PUBLIC_URL = ""


CONFIGS = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "testing": TestingConfig,
}
