"""Councils, and the one place where queries are scoped to the current council.

Every row that belongs to a council carries `authority_id` (see `AuthorityOwned`). While a
signed-in request runs, every ORM SELECT is given a criterion that keeps it to the user's
council, so a view that forgets to filter still cannot read another council's rows.
Cross-council work (anonymous comparisons, the command line) opts out explicitly with
`db.session.execute(stmt, execution_options={"all_authorities": True})`.
"""
from __future__ import annotations

from typing import TypeVar

from flask import abort, g, has_request_context
from sqlalchemy import JSON, Boolean, String, event
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column, with_loader_criteria

from .extensions import db
from .models_base import AuthorityOwned, TimestampMixin

T = TypeVar("T")


class Authority(TimestampMixin, db.Model):
    """A council: every staff member and young person belongs to exactly one."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    default_language: Mapped[str] = mapped_column(String(10), default="en")
    enabled_languages: Mapped[list] = mapped_column(JSON, default=lambda: ["en"])
    out_of_hours_phone: Mapped[str | None] = mapped_column(String(40))  # the emergency duty team
    out_of_hours_email: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_email: Mapped[str | None] = mapped_column(String(200))
    advocacy_phone: Mapped[str | None] = mapped_column(String(40))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    def __repr__(self) -> str:
        return f"<Authority {self.slug}>"


def set_current_authority(authority_id: int | None) -> None:
    g.authority_id = authority_id


def current_authority_id() -> int | None:
    if not has_request_context():
        return None
    return g.get("authority_id")


def current_authority() -> Authority | None:
    authority_id = current_authority_id()
    return db.session.get(Authority, authority_id) if authority_id else None


def get_or_404(model: type[T], ident) -> T:
    """Fetch a council-owned row by id, or 404 if it is missing or another council's."""
    obj = db.session.get(model, ident)
    if obj is None:
        abort(404)
    if isinstance(obj, AuthorityOwned) and obj.authority_id != current_authority_id():
        abort(404)
    return obj


@event.listens_for(Session, "do_orm_execute")
def _scope_to_current_authority(state: ORMExecuteState) -> None:
    if not state.is_select or state.execution_options.get("all_authorities"):
        return
    authority_id = current_authority_id()
    if authority_id is None:
        return
    state.statement = state.statement.options(
        with_loader_criteria(
            AuthorityOwned,
            lambda cls: cls.authority_id == authority_id,
            include_aliases=True,
        )
    )
