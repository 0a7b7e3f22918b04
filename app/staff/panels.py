"""Panels that features add to the staff home and to a young person's page.

A provider takes the viewer (and the young person) and returns a template name or None.
"""
from __future__ import annotations

from collections.abc import Callable

_home: list[Callable] = []
_young_person: list[Callable] = []


def home_panel(fn: Callable) -> Callable:
    _home.append(fn)
    return fn


def young_person_panel(fn: Callable) -> Callable:
    _young_person.append(fn)
    return fn


def staff_panels(viewer) -> list[str]:
    return [template for provider in _home if (template := provider(viewer))]


def young_person_panels(person, viewer=None) -> list[str]:
    from flask_login import current_user

    viewer = viewer or current_user
    return [template for provider in _young_person if (template := provider(viewer, person))]
