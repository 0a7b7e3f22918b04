"""Every page a young person uses, in Arabic, Pashto and Tigrinya on a 360 px phone: a screenshot
of each, and nothing may overflow sideways. Pages come from the URL map, so new ones are included."""
from __future__ import annotations

from pathlib import Path

import pytest
from flask import url_for

from app.extensions import db

from .. import factories
from ..access_params import PARAMS
from .conftest import assert_no_horizontal_overflow

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def _young_people_paths(app, council) -> list[str]:
    paths = []
    for rule in app.url_map.iter_rules():
        roles = getattr(app.view_functions[rule.endpoint], "allowed_roles", frozenset())
        if "GET" not in rule.methods or "young_person" not in roles or rule.endpoint == "static":
            continue
        with app.test_request_context():
            path = url_for(rule.endpoint, **{arg: PARAMS[arg](council) for arg in rule.arguments})
        if path.endswith((".json", ".pdf", ".csv")):
            continue  # data and downloads, not pages (a download cannot be opened as a page)
        paths.append(path)
    return sorted(set(paths))


@pytest.mark.parametrize("language", ["ar", "ps", "ti"])
def test_every_young_person_page_fits_a_phone_in(language, app, world, phone):
    person = world.a.young_person
    person.preferred_language = language
    db.session.commit()
    paths = _young_people_paths(app, world.a)
    phone.goto("/sign-in")
    phone.locator("#identifier").fill(person.username)
    phone.locator("#password").fill(factories.PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url("**/my/")
    folder = SCREENSHOTS / language
    folder.mkdir(parents=True, exist_ok=True)
    checked = 0
    for path in paths:
        response = phone.goto(path)
        if response is None or response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        assert phone.locator("html").get_attribute("lang") == language.replace("_", "-"), path
        assert phone.locator("html").get_attribute("dir") == ("ltr" if language == "ti" else "rtl"), path
        phone.screenshot(path=str(folder / (path.strip("/").replace("/", "_") or "home")) + ".png", full_page=True)
        assert_no_horizontal_overflow(phone)
        checked += 1
    assert checked >= 10, paths
