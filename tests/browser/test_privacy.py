"""The privacy notice and "My data" on a 320 px phone: no accessibility violations (axe) and nothing
overflowing sideways, in every interface language (the notice) and in English and Arabic (My data),
and a deletion request made by keyboard alone."""
from __future__ import annotations

import pytest

from app.extensions import db
from app.i18n.locales import LANGUAGES, RTL
from app.privacy.notice import LAYERS

from .. import factories
from .conftest import assert_accessible, assert_no_horizontal_overflow

SMALL_PHONE = {"width": 320, "height": 640}


@pytest.fixture
def small_phone(browser, live_server):
    contexts = []

    def _open(language: str):
        context = browser.new_context(viewport=SMALL_PHONE, base_url=live_server, is_mobile=True, has_touch=True,
                                      extra_http_headers={"Accept-Language": language.replace("_", "-")})
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_layer_of_the_notice_is_accessible_at_320px_in(language, small_phone):
    page = small_phone(language)
    for layer in LAYERS:
        page.goto(f"/privacy?layer={layer}")
        assert page.locator("html").get_attribute("dir") == ("rtl" if language in RTL else "ltr")
        assert_accessible(page)
        assert_no_horizontal_overflow(page)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_my_data_is_accessible_at_320px_and_a_deletion_is_asked_for_by_keyboard(language, app, world, small_phone):
    person = world.a.young_person
    person.preferred_language = language
    review = factories.review(person)
    factories.sent_views(review, answers={"going-well": "Football on Saturdays", "worries": "Moving school"})
    factories.moderation_item(world.a.authority, text="A bigger garden at the home", author=person)
    db.session.commit()
    page = small_phone(language)
    page.goto("/sign-in")
    page.locator("#identifier").fill(person.username)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/my/")
    page.goto("/my/data")
    assert page.get_by_text("Football on Saturdays").count() >= 1
    assert_accessible(page)
    assert_no_horizontal_overflow(page)
    page.goto("/my/data/ask")
    assert_accessible(page)
    assert_no_horizontal_overflow(page)
    # By keyboard: the second choice (delete), then the send button.
    page.locator("input[name=kind][value=deletion]").focus()
    page.keyboard.press("Space")
    page.locator("#details").focus()
    page.keyboard.type("Please delete my ideas")
    page.locator("main form button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/my/data")
    assert_accessible(page)
    from app.privacy.models import DataRequest
    from sqlalchemy import select

    db.session.expire_all()
    request = db.session.scalar(select(DataRequest))
    assert request.kind == "deletion" and request.details == "Please delete my ideas"
