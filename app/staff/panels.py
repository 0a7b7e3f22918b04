"""Panels that features add to the staff home and to a young person's page.

A provider (`hooks.home_panel`, `hooks.young_person_panel`) takes the viewer (and the young
person) and returns a template name or None.
"""
from __future__ import annotations

from flask_login import current_user

from .. import hooks


def staff_panels(viewer) -> list[str]:
    return [template for provider in hooks.home_panels if (template := provider(viewer))]


def young_person_panels(person, viewer=None) -> list[str]:
    viewer = viewer or current_user
    return [template for provider in hooks.young_person_panels if (template := provider(viewer, person))]
