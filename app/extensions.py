"""Extensions are created here and bound to the app in create_app()."""
import sqlite3

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
limiter = Limiter(key_func=get_remote_address, default_limits=[])


@event.listens_for(Engine, "connect")
def _sqlite_for_many_readers(dbapi_connection, _record) -> None:
    """SQLite serves a council on day one: WAL lets pages read while a vote or a draft is written,
    and the busy timeout makes a writer wait its turn instead of failing."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
