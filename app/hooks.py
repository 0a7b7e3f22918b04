"""Where a feature plugs into the pages and tools it shares with the others.

Each feature's own `hooks.py` is the one place that calls these, once, at import:

- `nav(label, endpoint, roles, order=, count=)`: an entry in the staff navigation;
- `@home_card`: a card on a young person's home (returns a `Card` or None);
- `@home_panel`, `@young_person_panel`: a panel on the staff home, or on a young person's staff
  page (returns a template name or None);
- `@demo_loader`: sample content for the demo council (receives the council and its people);
- `template_global(name, value)`, `template_filter(name, fn)`: helpers the feature's templates use.

Panels, cards of equal order and demo loaders keep the order features are imported in
(`create_app`), so a later feature's demo content can build on an earlier one's.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask


@dataclass(frozen=True)
class NavEntry:
    label: object  # lazy string
    endpoint: str
    roles: frozenset[str]
    order: int = 50
    count: Callable | None = None  # e.g. the number waiting in a queue


@dataclass
class Card:
    title: str
    template: str  # rendered inside the card, with `card` and `context` in scope
    order: int = 50
    highlight: bool = False
    context: dict = field(default_factory=dict)


nav_entries: list[NavEntry] = []
home_cards: list[Callable] = []
home_panels: list[Callable] = []
young_person_panels: list[Callable] = []
demo_loaders: list[Callable] = []
template_globals: dict[str, object] = {}
template_filters: dict[str, Callable] = {}


def nav(label, endpoint: str, roles, *, order: int = 50, count: Callable | None = None) -> None:
    nav_entries.append(NavEntry(label, endpoint, frozenset(roles), order, count))


def home_card(fn: Callable) -> Callable:
    home_cards.append(fn)
    return fn


def home_panel(fn: Callable) -> Callable:
    home_panels.append(fn)
    return fn


def young_person_panel(fn: Callable) -> Callable:
    young_person_panels.append(fn)
    return fn


def demo_loader(fn: Callable) -> Callable:
    demo_loaders.append(fn)
    return fn


def _unique(table: dict, name: str, value) -> None:
    if name in table and table[name] is not value:
        raise ValueError(f"template helper {name!r} is registered twice")
    table[name] = value


def template_global(name: str, value) -> None:
    _unique(template_globals, name, value)


def template_filter(name: str, fn: Callable) -> None:
    _unique(template_filters, name, fn)


def init_app(app: Flask) -> None:
    """Give the app's templates every helper the features registered (after they are imported)."""
    app.jinja_env.globals.update(template_globals)
    app.jinja_env.filters.update(template_filters)
