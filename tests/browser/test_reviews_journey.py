"""Views before a review, in a real browser: a young person on a phone in Arabic (right to left)
and in English, their IRO on a laptop, and a draft that survives going offline."""
from __future__ import annotations

import re
from datetime import date

import pyotp
import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.reviews.models import ViewsSubmission

from .. import factories
from .conftest import assert_accessible, assert_no_horizontal_overflow


def _sign_in(page, identifier):
    page.goto("/sign-in")
    page.locator("#identifier").fill(identifier)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").click()


def _next(page):
    page.locator("button[name=action][value=next]").click()


def _people(language):
    council = factories.authority(enabled_languages=["en", "ar"])
    iro = factories.staff(council, "iro", display_name="Grace Okafor", job_title="Independent Reviewing Officer")
    worker = factories.staff(council, "worker", display_name="Daniel Hughes", job_title="Social worker")
    person = factories.young_person(council, display_name="Amira", iro_id=iro.id, worker_id=worker.id, preferred_language=language, age=14)
    review = factories.review(person, iro=iro, days_ahead=10)
    db.session.commit()
    return iro, person, review


def test_young_person_sends_views_in_arabic_and_the_iro_answers_them(app, phone, desktop):
    iro, person, review = _people("ar")
    _sign_in(phone, person.username)
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    phone.locator(f'a[href$="/my/reviews/{review.id}/"]').first.click()
    assert_accessible(phone)
    phone.locator("a.heard-start").click()

    # Step 1 of 11, in Arabic, right to left.
    expect(phone.locator(".heard-progress")).to_contain_text("1")
    phone.locator("#text").fill("أحب مدرستي الجديدة")
    assert_accessible(phone)
    assert_no_horizontal_overflow(phone)
    _next(phone)
    _next(phone)  # worries: skipped
    phone.locator("textarea[name=wishes-0]").fill("أريد أن أرى أخي كل أسبوع")
    phone.locator("button[value=add_wish]").click()
    phone.locator("textarea[name=wishes-1]").fill("I want swimming lessons")
    _next(phone)
    for _ in range(5):  # home, school, family, health, plan: skipped
        _next(phone)
    phone.locator("input[name=attend][value=in_person]").check()
    phone.locator("input[name=interpreter][value=yes]").check()
    phone.locator("select[name=interpreter_language]").select_option("ar")
    assert_accessible(phone)
    _next(phone)
    phone.locator("input[name=readers][value=iro]").check()
    _next(phone)
    expect(phone.locator("main")).to_contain_text("أحب مدرستي الجديدة")
    assert_accessible(phone)
    assert_no_horizontal_overflow(phone)
    phone.locator("form.heard-send-form button").click()
    expect(phone.locator(".heard-timeline")).to_contain_text("Grace Okafor")
    assert_accessible(phone)
    assert_no_horizontal_overflow(phone)
    assert db.session.query(ViewsSubmission).one().status == "sent"

    # The IRO on a laptop.
    desktop.goto("/sign-in")
    desktop.locator("#identifier").fill(iro.email)
    desktop.locator("#password").fill(factories.PASSWORD)
    desktop.locator("main form button[type=submit]").click()
    desktop.get_by_label(re.compile("6-digit code")).fill(pyotp.TOTP(iro.totp_secret).now())
    desktop.get_by_role("button", name="Continue").click()
    expect(desktop.locator(".heard-staff-nav .heard-count")).to_have_text("1")
    desktop.goto("/staff/reviews/")
    assert_accessible(desktop)
    desktop.get_by_role("link", name="Amira").click()
    expect(desktop.locator('.heard-their-words[lang="ar"]').first).to_have_text("أحب مدرستي الجديدة")
    expect(desktop.locator(".heard-flag")).to_contain_text("Yes")
    assert_accessible(desktop)
    with desktop.expect_download() as download:
        desktop.get_by_role("link", name="Download PDF for the record").click()
    assert open(download.value.path(), "rb").read(5) == b"%PDF-"
    desktop.get_by_label("A short message back (optional)").fill("Thank you Amira, I have read it all.")
    desktop.get_by_role("button", name="I've read this").click()
    # The review takes place; what was decided is recorded from that day on.
    db.session.get(type(review), review.id).date = date.today()
    db.session.commit()
    desktop.reload()
    desktop.locator("input[name$=-outcome][value=agreed]").first.check()
    desktop.locator("fieldset").filter(has_text="swimming").locator("input[value=not_this_time]").check()
    desktop.locator("fieldset").filter(has_text="swimming").locator("textarea").fill("The pool is closed until the summer.")
    desktop.get_by_role("button", name="Save outcomes").click()
    desktop.locator("input[name=code][value=PN6]").check()
    desktop.get_by_role("button", name="Save participation code").click()
    expect(desktop.locator("main")).to_contain_text("PN6")

    # The same pages fit a phone, for an IRO between meetings.
    desktop.set_viewport_size({"width": 360, "height": 740})
    for path in ("/staff/reviews/", f"/staff/reviews/{review.id}", "/staff/reviews/report", "/staff/reviews/import", "/staff/reviews/new"):
        desktop.goto(path)
        assert_accessible(desktop)
        assert_no_horizontal_overflow(desktop)

    # The young person sees each step.
    phone.reload()
    expect(phone.locator(".heard-timeline")).to_contain_text("Thank you Amira, I have read it all.")
    expect(phone.locator(".heard-timeline")).to_contain_text("The pool is closed until the summer.")
    assert phone.locator(".heard-timeline__item--done").count() == 4
    assert_accessible(phone)


def test_english_draft_kept_on_the_phone_while_offline(app, phone):
    iro, person, review = _people("en")
    _sign_in(phone, person.username)
    phone.goto(f"/my/reviews/{review.id}/going-well/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("What is going well?")
    phone.locator("#text").fill("Football on Saturdays")
    phone.context.set_offline(True)
    _next(phone)
    expect(phone.locator(".heard-draft-note")).to_contain_text("offline")
    phone.context.set_offline(False)
    # The phone was closed before it could save: the words come back from the device.
    phone.reload()
    expect(phone.locator("#text")).to_have_value("Football on Saturdays")
    expect(phone.locator(".heard-draft-note")).to_contain_text("brought back")
    _next(phone)
    db.session.expire_all()
    assert db.session.query(ViewsSubmission).one().answers["going-well"]["text"] == "Football on Saturdays"
    phone.goto(f"/my/reviews/{review.id}/going-well/")
    expect(phone.locator(".heard-draft-note")).to_have_count(0)  # the server copy is the newer one now
    expect(phone.locator("#text")).to_have_value("Football on Saturdays")


@pytest.mark.parametrize("javascript", [False, True], ids=["without-javascript", "with-javascript"])
def test_words_typed_as_the_session_ran_out_come_back_after_signing_in(app, browser, live_server, javascript):
    """The page that asks them to sign in holds the words; nothing waits on the server meanwhile."""
    iro, person, review = _people("en")
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=live_server, locale="en-GB", java_script_enabled=javascript)
    page = context.new_page()
    idle = app.config["YOUTH_IDLE_MINUTES"]
    try:
        _sign_in(page, person.username)
        page.goto(f"/my/reviews/{review.id}/worries/")
        page.locator("#text").fill("I miss my sister.\nCan I see her at the weekend?")
        app.config["YOUTH_IDLE_MINUTES"] = 0  # the session runs out while they type
        _next(page)
        app.config["YOUTH_IDLE_MINUTES"] = idle
        expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Heard")
        expect(page.locator("body")).to_contain_text("what you wrote is kept")
        if javascript:  # axe runs in the page
            assert_accessible(page)
            assert_no_horizontal_overflow(page)
        db.session.expire_all()
        # Nothing waits on the server: no draft holds the words (showing a step makes no draft).
        assert all("worries" not in (draft.answers or {}) for draft in db.session.query(ViewsSubmission).all())
        db.session.rollback()  # let go of the database before the server writes

        page.locator("#identifier").fill(person.username)
        page.locator("#password").fill(factories.PASSWORD)
        page.locator("main form button[type=submit]").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("What worries you?")
        expect(page.locator("body")).to_contain_text("We kept what you wrote")
        expect(page.locator("#text")).to_have_value("I miss my sister.\nCan I see her at the weekend?")
        db.session.expire_all()
        assert db.session.query(ViewsSubmission).one().answers["worries"]["text"] == "I miss my sister.\nCan I see her at the weekend?"
    finally:
        app.config["YOUTH_IDLE_MINUTES"] = idle
        context.close()
