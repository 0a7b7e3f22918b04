"""One shape for every feature: its hooks.py, and nothing else, plugs it into the shared pages."""
from __future__ import annotations

import re
from pathlib import Path

from app import FEATURES, hooks

APP = Path(__file__).resolve().parents[1] / "app"
REGISTERING = re.compile(
    r"\bhooks\.(nav|demo_loader|template_global|template_filter)\(|@hooks\.|register_nav\(|card_provider|app_template_(global|filter)\("
)


def test_every_feature_with_hooks_is_loaded():
    assert {path.parent.name for path in APP.glob("*/hooks.py")} == set(FEATURES)


def test_only_hooks_modules_register():
    elsewhere = [
        f"{path.relative_to(APP)}:{number}"
        for path in sorted(APP.rglob("*.py"))
        if path.name != "hooks.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if REGISTERING.search(line)
    ]
    assert elsewhere == []


def test_registered_helpers_reach_the_templates(app):
    for name, value in hooks.template_globals.items():
        assert app.jinja_env.globals[name] is value, name
    for name, fn in hooks.template_filters.items():
        assert app.jinja_env.filters[name] is fn, name
    assert {"staff.home", "admin.people", "reviews.staff_list", "pledges.scorecard_page"} <= {e.endpoint for e in hooks.nav_entries}
    assert all(entry.endpoint in app.view_functions for entry in hooks.nav_entries)
