"""Zara writes her views on two phones: neither phone's words silently replace the other's."""
from __future__ import annotations

from playwright.sync_api import expect

from app.extensions import db
from app.reviews.models import ViewsSubmission

from .. import factories
from .conftest import PHONE, assert_accessible, assert_no_horizontal_overflow, commit


def _phone(browser, live_server):
    context = browser.new_context(viewport=PHONE, base_url=live_server, locale="en-GB", is_mobile=True, has_touch=True)
    return context, context.new_page()


def _sign_in(page, person):
    page.goto("/sign-in")
    page.locator("#identifier").fill(person.username)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").click()


def _saved_text():
    db.session.expire_all()
    return db.session.query(ViewsSubmission).one().answers["going-well"]["text"]


def test_two_phones_one_step_both_versions_are_kept_and_zara_chooses(browser, live_server):
    council = factories.authority()
    iro = factories.staff(council, "iro")
    zara = factories.young_person(council, display_name="Zara", iro_id=iro.id)
    review = factories.review(zara, iro=iro)
    commit()
    url = f"/my/reviews/{review.id}/going-well/"
    (context_a, phone_a), (context_b, phone_b) = _phone(browser, live_server), _phone(browser, live_server)
    try:
        _sign_in(phone_a, zara)
        _sign_in(phone_b, zara)
        phone_a.goto(url)
        phone_b.goto(url)  # phone B still shows the step as it was

        phone_a.locator("#text").fill("I like my new school")
        phone_a.get_by_role("button", name="Save and continue").click()
        expect(phone_a.get_by_role("heading", level=1)).to_have_text("What worries you?")

        phone_b.locator("#text").fill("Football on Saturdays")
        phone_b.get_by_role("button", name="Save and continue").click()
        expect(phone_b.get_by_role("heading", level=1)).to_have_text("What is going well?")
        main = phone_b.locator("main")
        expect(main).to_contain_text("We kept both")
        expect(main).to_contain_text("I like my new school")
        expect(main).to_contain_text("Football on Saturdays")
        assert _saved_text() == "I like my new school"
        assert_accessible(phone_b)
        assert_no_horizontal_overflow(phone_b)
        phone_b.get_by_role("button", name="Keep both").click()
        expect(phone_b.locator("#text")).to_have_value("I like my new school\n\nFootball on Saturdays")
        assert _saved_text() == "I like my new school\n\nFootball on Saturdays"

        # Phone A typed more but was put away before saving; phone B then saved the step again.
        phone_a.goto(url)
        phone_a.locator("#text").fill("I like my new school and my teacher")
        phone_a.wait_for_timeout(500)  # the device keeps its copy as it is typed
        phone_a.goto("/my/")
        phone_b.locator("#text").fill("Football on Saturdays")
        phone_b.get_by_role("button", name="Save and continue").click()
        expect(phone_b.get_by_role("heading", level=1)).to_have_text("What worries you?")

        # Back on phone A, its unsaved words come back, and saving them offers both again.
        phone_a.goto(url)
        expect(phone_a.locator("#text")).to_have_value("I like my new school and my teacher")
        expect(phone_a.locator(".heard-draft-note")).to_contain_text("another phone or tab")
        phone_a.get_by_role("button", name="Save and continue").click()
        expect(phone_a.locator("main")).to_contain_text("We kept both")
        assert _saved_text() == "Football on Saturdays"
        phone_a.get_by_role("button", name="Keep what was saved second").click()
        expect(phone_a.locator("#text")).to_have_value("I like my new school and my teacher")
        expect(phone_a.locator(".heard-draft-note")).to_have_count(0)
        assert _saved_text() == "I like my new school and my teacher"
    finally:
        context_a.close()
        context_b.close()
