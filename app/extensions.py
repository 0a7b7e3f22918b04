"""Extensions are created here and bound to the app in create_app()."""
import logging
import sqlite3

from flask import current_app, has_app_context
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

from .csrf_mask import MaskedCSRFProtect
from .i18n.catalogues import HeardBabel

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Session(FlaskSession):
    """`get()` finds rows in the identity map without a query, so it checks the council itself."""

    def get(self, entity, ident, **kwargs):
        from .tenancy import OPT_OUT, visible  # tenancy's models need `db`, made below

        found = super().get(entity, ident, **kwargs)
        return found if (kwargs.get("execution_options") or {}).get(OPT_OUT) else visible(found)


db = SQLAlchemy(model_class=Base, session_options={"class_": Session})
migrate = Migrate()
login = LoginManager()
csrf = MaskedCSRFProtect()  # tokens masked per response: see csrf_mask.py
babel = HeardBabel()


class _PerApp:
    """A limiter attribute kept per app. Flask-Limiter keeps its store and its on/off switch on
    the one extension object, so a second app in the same process (two servers in a test, or a
    production app built beside the test app) took over the first app's counters."""

    def __set_name__(self, owner, name):
        self.name = name

    @staticmethod
    def _states(limiter):
        unbound = limiter.__dict__.setdefault("_unbound", {})
        app = limiter.__dict__.get("_binding") or (current_app._get_current_object() if has_app_context() else None)
        return unbound, (app.extensions.setdefault("heard_limiter", {}) if app is not None else unbound)

    def __get__(self, limiter, owner=None):
        if limiter is None:
            return self
        unbound, state = self._states(limiter)
        return state.get(self.name, unbound.get(self.name))

    def __set__(self, limiter, value):
        self._states(limiter)[1][self.name] = value


class AppLimiter(Limiter):
    """One limiter decorates the views; each app has its own counters' store (see _PerApp)."""

    enabled = _PerApp()
    initialized = _PerApp()
    _storage = _PerApp()
    _limiter = _PerApp()
    _storage_dead = _PerApp()
    _fallback_limiter = _PerApp()

    def init_app(self, app) -> None:
        self.__dict__["_binding"] = app
        try:
            super().init_app(app)
        finally:
            self.__dict__["_binding"] = None


class _NoClientInLog(logging.Filter):
    """Flask-Limiter names the limit's key (a client's address) when a limit is hit: keep the
    event, drop the address, as no log line may hold who a person is or where they are."""

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("ratelimit ") and len(record.args or ()) == 3:
            record.msg, record.args = "ratelimit %s exceeded at endpoint: %s", (record.args[0], record.args[2])
        return True


limiter = AppLimiter(key_func=get_remote_address, default_limits=[])
limiter.logger.addFilter(_NoClientInLog())


@event.listens_for(Engine, "connect")
def _sqlite_for_many_readers(dbapi_connection, _record) -> None:
    """SQLite serves a council on day one: WAL lets pages read while a vote or a draft is written,
    and the busy timeout makes a writer wait its turn instead of failing. Deleted rows are
    overwritten, so a ballot's key or a draft's answers do not linger in the file once gone."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()
