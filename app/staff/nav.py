"""The staff navigation. Each feature registers its entries with the roles that may see them."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import request, url_for
from flask_login import current_user


@dataclass(frozen=True)
class NavEntry:
    label: object  # lazy string
    endpoint: str
    roles: frozenset[str]
    order: int = 50
    count: Callable | None = None  # e.g. the number waiting in a queue


_entries: list[NavEntry] = []


def register_nav(label, endpoint: str, roles, *, order: int = 50, count: Callable | None = None) -> None:
    _entries.append(NavEntry(label, endpoint, frozenset(roles), order, count))


def staff_nav() -> list[dict]:
    if not (current_user.is_authenticated and current_user.is_staff):
        return []
    blueprint = (request.endpoint or "").split(".")[0]
    items = []
    for entry in sorted(_entries, key=lambda e: e.order):
        if current_user.role not in entry.roles:
            continue
        items.append(
            {
                "label": entry.label,
                "url": url_for(entry.endpoint),
                "current": request.endpoint == entry.endpoint or (blueprint != "staff" and entry.endpoint.startswith(blueprint + ".")),
                "count": entry.count(current_user) if entry.count else None,
            }
        )
    return items
