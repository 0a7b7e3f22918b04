"""Pages of a long staff list, and searching within it: the one way lists are cut into pages.

A service builds its list as a SELECT (filters, search and order included) and hands it to
`paginate(stmt, page)`, which counts the matches and loads one page of them (two queries, however
long the list). Templates show the page with `pagination(page)` from `macros/pagination.html`,
which keeps the list's search and filters in every link.

    stmt = select(Review).where(...).order_by(Review.date.desc(), Review.id.desc())
    if search:
        stmt = stmt.where(contains(User.display_name, search))
    return paginate(stmt, page)

Order by something unique last (an id), so that no row shows on two pages or on none.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil
from typing import Generic, TypeVar

from flask import request, url_for
from sqlalchemy import Select, func, select
from sqlalchemy.sql.elements import ColumnElement

from .extensions import db

T = TypeVar("T")

PER_PAGE = 50  # rows on a page of any staff list
LONGEST_SEARCH = 100


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    number: int  # from 1
    per_page: int
    total: int  # rows matching, on every page

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def first(self) -> int:
        """Position of the first row shown (from 1), 0 when there are none."""
        return (self.number - 1) * self.per_page + 1 if self.items else 0

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1 if self.items else 0

    def numbers(self) -> list[int | None]:
        """Page numbers to link, GOV.UK style: the first, the last, and the current one with its
        neighbours; None where numbers are left out (shown as an ellipsis)."""
        wanted = {1, self.pages, self.number - 1, self.number, self.number + 1}
        shown = sorted(n for n in wanted if 1 <= n <= self.pages)
        out: list[int | None] = []
        for n in shown:
            if out and n - out[-1] > 1:
                out.append(None)
            out.append(n)
        return out

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def page_number(value) -> int:
    """A page number from the address (`?page=3`); anything odd is page 1."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if number >= 1 else 1


def paginate(stmt: Select, page: int | str | None, *, per_page: int = PER_PAGE, scalars: bool = True, execution_options: dict | None = None) -> Page:
    """One page of what `stmt` selects, with the number of rows it selects in all.

    A page past the end shows the last page. `scalars=False` keeps whole rows (for a SELECT of
    several columns or entities)."""
    options = execution_options or {}
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()), execution_options=options) or 0
    pages = max(1, ceil(total / per_page))
    number = min(page_number(page), pages)
    window = stmt.limit(per_page).offset((number - 1) * per_page)
    result = db.session.execute(window, execution_options=options)
    items = list(result.scalars() if scalars else result)
    return Page(items=items, number=number, per_page=per_page, total=total)


def paginate_list(items: Sequence[T], page: int | str | None, *, per_page: int = PER_PAGE) -> Page[T]:
    """A page of a list already in memory (for a list that is short by nature but may grow)."""
    total = len(items)
    pages = max(1, ceil(total / per_page))
    number = min(page_number(page), pages)
    return Page(items=list(items[(number - 1) * per_page : number * per_page]), number=number, per_page=per_page, total=total)


def search_text(value: str | None) -> str:
    """What someone typed into a list's search box, tidied; empty for no search."""
    return " ".join((value or "").split())[:LONGEST_SEARCH]


def contains(column: ColumnElement, text: str) -> ColumnElement:
    """`column` contains `text`, ignoring case; % and _ are searched for as themselves."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.ilike(f"%{escaped}%", escape="\\")


def page_url(number: int, param: str = "page") -> str:
    """This page's address with another page number, keeping its search and filters (`param`
    names the number, for a page that shows two lists)."""
    args = request.args.to_dict(flat=False)
    args[param] = [str(number)]
    if number == 1:
        args.pop(param)
    return url_for(request.endpoint, **(request.view_args or {}), **args)
