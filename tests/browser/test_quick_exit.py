"""Quick exit hides: the child's page is not one Back press away, with or without JavaScript, and
what they saved is still there when they sign in again."""
from __future__ import annotations

import re

import pytest

from app.extensions import db

from .. import factories


@pytest.fixture
def harmless(app, live_server):
    """Send quick exits to a page of our own (no network here)."""
    saved = app.config["QUICK_EXIT_URL"]
    app.config["QUICK_EXIT_URL"] = f"{live_server}/words"
    yield f"{live_server}/words"
    app.config["QUICK_EXIT_URL"] = saved


def _signed_in_child(page, draft_text):
    council = factories.authority()
    child = factories.young_person(council, display_name="Zephyrine")
    review = factories.review(child)
    db.session.commit()
    page.goto("/sign-in")
    page.get_by_label(re.compile("Username or work email")).fill(child.username)
    page.get_by_label("Password", exact=True).fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"/my/reviews/{review.id}/going-well/")
    page.locator("textarea").first.fill(draft_text)
    page.get_by_role("button", name=re.compile("Save and finish later")).click()
    page.goto("/my/")
    assert "Zephyrine" in page.content()
    return child, review


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_back_after_quick_exit_does_not_show_the_childs_page(browser, live_server, harmless, javascript):
    """Fails before this change: the exit used location.href and kept the session, so Back showed
    the page again, still signed in."""
    context = browser.new_context(base_url=live_server, java_script_enabled=javascript, locale="en-GB")
    page = context.new_page()
    try:
        child, review = _signed_in_child(page, "Football on Saturdays")
        entries = page.evaluate("() => history.length")
        page.locator(".govuk-exit-this-page__button").first.click()
        page.wait_for_url(harmless)
        if javascript:  # the child's page was replaced in the history, not left behind
            assert page.evaluate("() => history.length") == entries
        page.go_back()
        page.wait_for_load_state()
        assert "Zephyrine" not in page.content()  # not the child's page: signed out
        assert "/sign-in" in page.url or "/my/" not in page.url
        # Nothing typed is lost: it is on the server for next time.
        page.goto("/sign-in")
        page.get_by_label(re.compile("Username or work email")).fill(child.username)
        page.get_by_label("Password", exact=True).fill(factories.PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"/my/reviews/{review.id}/going-well/")
        assert page.locator("textarea").first.input_value() == "Football on Saturdays"
    finally:
        context.close()
