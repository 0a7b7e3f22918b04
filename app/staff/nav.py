"""The staff navigation. Each feature registers its entries with the roles that may see them
(`hooks.nav`, in the feature's hooks.py)."""
from __future__ import annotations

from flask import request, url_for
from flask_login import current_user

from .. import hooks


def staff_nav() -> list[dict]:
    if not (current_user.is_authenticated and current_user.is_staff):
        return []
    blueprint = (request.endpoint or "").split(".")[0]
    items = []
    for entry in sorted(hooks.nav_entries, key=lambda e: e.order):
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
