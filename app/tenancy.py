"""Councils, and the one place where queries are scoped to a council. It fails closed.

Every row that belongs to a council carries `authority_id` (see `AuthorityOwned`). Which council
the code is acting for lives in a context variable:
- a request binds the signed-in user's council when it starts (and at sign-in), and is unbound
  again when it ends (`app/web.py`);
- CLI commands, jobs and public pages about one council bind it with `with acting_for(authority):`
  (or, for the rest of a public request, `set_current_authority(id)`);
- a service function given the council it works for is marked `@for_council`: it runs
  `narrowed_to` that council, which can keep a caller to one council but never widen what it sees;
- code that truly works across councils says so with `with all_councils():`, or for one statement
  `execution_options={"all_authorities": True}`: the user loader and sign-in by username, the
  command line's council lookup, anonymous comparisons between councils.

Every ORM SELECT, UPDATE and DELETE is given a criterion that keeps council-owned models to the
bound council wherever they appear (joins, subqueries, relationship loads, refreshes of expired
rows), and `db.session.get` refuses another council's row even from the identity map. With no
council bound and no opt-out, any statement that touches a council-owned model raises
`NoCouncilBound`, so forgetting to bind is an error, never a leak.
"""
from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from typing import TypeVar

from flask import abort
from sqlalchemy import JSON, Boolean, String, event, false, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column, with_loader_criteria
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.types import Boolean as BooleanType

from .extensions import db
from .models_base import AuthorityOwned, TimestampMixin

T = TypeVar("T")

OPT_OUT = "all_authorities"  # the execution option that lets one statement span councils


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


class NoCouncilBound(RuntimeError):
    """A council-owned model was queried with no council bound and no explicit opt-out."""

    def __init__(self):
        super().__init__(
            "a council-owned model was queried with no council bound: sign in, use "
            "`with acting_for(authority):`, or opt out with `with all_councils():`"
        )


class _AllCouncils:
    def __repr__(self) -> str:
        return "<all councils>"


ALL_COUNCILS = _AllCouncils()


class _NoneOfThem:
    def __repr__(self) -> str:
        return "<no council's rows>"


# Bound by `narrowed_to` when code acting for one council is asked about another: it sees nothing.
NONE_OF_THEM = _NoneOfThem()

# None: nobody bound (council-owned queries raise); an id: that council; ALL_COUNCILS: opted out.
_bound: ContextVar[int | _AllCouncils | _NoneOfThem | None] = ContextVar("heard_council", default=None)


def _id_of(authority: Authority | int | None) -> int | None:
    return authority if authority is None or isinstance(authority, int) else authority.id


def bind(authority: Authority | int | None) -> Token:
    """Bind a council (None: none) until `unbind(token)`. Requests do this at start and end."""
    return _bound.set(_id_of(authority))


def unbind(token: Token) -> None:
    _bound.reset(token)


def set_current_authority(authority: Authority | int | None) -> None:
    """Bind a council for the rest of the current request: sign-in, and public pages that learn
    their council from what they were given (an invite code, a survey code)."""
    _bound.set(_id_of(authority))


@contextmanager
def _binding(value) -> Iterator[None]:
    token = _bound.set(value)
    try:
        yield
    finally:
        _bound.reset(token)


def acting_for(authority: Authority | int):
    """`with acting_for(authority):` scopes everything inside to that council."""
    if _id_of(authority) is None:
        raise ValueError("acting_for() needs a council")
    return _binding(_id_of(authority))


def all_councils():
    """`with all_councils():` for the little code that truly works across councils."""
    return _binding(ALL_COUNCILS)


def narrowed_to(authority: Authority | int | None):
    """`with narrowed_to(authority):` for code given the council it works for. A caller acting for
    every council (a test, a job comparing councils) is kept to that one; a caller acting for it
    already is unchanged; a caller acting for another council sees none of its rows, as a filter on
    the council would have shown; a caller acting for none is refused. So naming a council can
    narrow what code sees, never widen it. None changes nothing."""
    wanted, bound = council_of(authority), _bound.get()
    if wanted is None or bound == wanted:
        return _binding(bound)
    if bound is ALL_COUNCILS:
        return _binding(wanted)
    if bound is None:
        raise NoCouncilBound()
    return _binding(NONE_OF_THEM)


def council_of(thing) -> int | None:
    """The council an id, a council or a council-owned row stands for."""
    if thing is None or isinstance(thing, int):
        return thing
    return thing.id if isinstance(thing, Authority) else thing.authority_id


def for_council(fn: Callable[..., T] | None = None, *, of: str = "authority_id"):
    """`@for_council` on a service function given the council it works for (its `authority_id`
    argument, or with `of=` another argument: a council, or a row or person of one) runs it
    `narrowed_to` that council, so its queries need no filter of their own."""

    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        parameters = inspect.signature(fn)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            with narrowed_to(council_of(parameters.bind_partial(*args, **kwargs).arguments.get(of))):
                return fn(*args, **kwargs)

        return wrapper

    return decorate(fn) if fn is not None else decorate


def unbound():
    """`with unbound():` runs with no council bound, whatever the caller bound: every CLI
    command starts this way, so a command that forgets to bind a council fails."""
    return _binding(None)


def councils() -> list[Authority]:
    """Every council, for jobs that serve them all: `for c in councils(): with acting_for(c): ...`."""
    return list(db.session.scalars(select(Authority).order_by(Authority.id)))


def current_authority_id() -> int | None:
    """The council being acted for, or None when none is (or when all are)."""
    bound = _bound.get()
    return bound if isinstance(bound, int) else None


def spans_all_councils() -> bool:
    return _bound.get() is ALL_COUNCILS


def current_authority() -> Authority | None:
    authority_id = current_authority_id()
    return db.session.get(Authority, authority_id) if authority_id else None


def visible(obj: T | None) -> T | None:
    """`obj` if the bound council may see it: None for another council's row; raises if none is bound."""
    if obj is None or not isinstance(obj, AuthorityOwned):
        return obj
    bound = _bound.get()
    if bound is ALL_COUNCILS:
        return obj
    if bound is None:
        raise NoCouncilBound()
    return obj if obj.authority_id == bound else None  # never for NONE_OF_THEM


def get_or_404(model: type[T], ident) -> T:
    """Fetch a row by id, or 404 if it is missing or another council's."""
    obj = db.session.get(model, ident)
    if obj is None:
        abort(404)
    return obj


class _Refused(ColumnElement):
    """Criterion given to council-owned models when no council is bound: it refuses to compile,
    so the statement raises before it reaches the database."""

    inherit_cache = True
    _traverse_internals = []
    type = BooleanType()


@compiles(_Refused)
def _refuse(element, compiler, **kw):
    raise NoCouncilBound()


_REFUSED = _Refused()
_NOTHING = false()


@event.listens_for(Session, "do_orm_execute")
def _scope_to_current_authority(state: ORMExecuteState) -> None:
    if not (state.is_select or state.is_update or state.is_delete) or state.execution_options.get(OPT_OUT):
        return
    bound = _bound.get()
    if bound is ALL_COUNCILS:
        return
    refresh = state.load_options._refresh_state if state.is_select else None
    if refresh is not None and isinstance(refresh.obj(), AuthorityOwned):
        # Loader criteria skip refreshes of expired rows, so add the condition to the statement.
        if bound is None:
            raise NoCouncilBound()
        state.statement = state.statement.where(_condition(refresh.mapper.class_, bound))
    option = _criteria_for(bound)
    # A relationship load already carries the criterion of the query that loaded its parent
    # (loader criteria propagate): adding it again at every level of lazy loading repeated it
    # in the SQL. One option object per council makes "already there" an identity check.
    if any(existing is option for existing in state.statement._with_options):
        return
    state.statement = state.statement.options(option)


def _condition(cls, bound):
    """What keeps `cls` to the bound council: refusal when none is bound, nothing for NONE_OF_THEM."""
    if bound is None:
        return _REFUSED
    if bound is NONE_OF_THEM:
        return _NOTHING
    return cls.authority_id == bound


_criteria: dict[int | _NoneOfThem | None, object] = {}


def _criteria_for(bound: int | None):
    """The loader-criteria option for a council (None: refuse), made once per council."""
    option = _criteria.get(bound)
    if option is None:
        if bound is None:
            criteria = lambda cls: _REFUSED  # noqa: E731
        elif bound is NONE_OF_THEM:
            criteria = lambda cls: _NOTHING  # noqa: E731
        else:
            criteria = lambda cls: cls.authority_id == bound  # noqa: E731
        option = _criteria.setdefault(bound, with_loader_criteria(AuthorityOwned, criteria, include_aliases=True))
    return option
