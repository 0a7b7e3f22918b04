"""The board pack in a browser: a manager opens it at 320 px, checks it with axe, chooses another
quarter and the young people's version, and downloads the PDF and CSV; the audit log likewise."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pyotp
from flask_babel import force_locale
from playwright.sync_api import expect

from app.extensions import db
from app.reports import quarters as Q

from .. import factories
from ..reports.test_board_pack import QUARTER, _alert, _reviews, at, weekday
from .conftest import assert_accessible, assert_no_horizontal_overflow

NARROW = {"width": 320, "height": 720}


def _staff_sign_in(page, user):
    page.goto("/sign-in")
    page.locator("#identifier").fill(user.email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.get_by_label(re.compile("6-digit code")).fill(pyotp.TOTP(user.totp_secret).now())
    page.locator("main form button[type=submit]").click()


def _check(page):
    assert_accessible(page)
    assert_no_horizontal_overflow(page)


def test_a_manager_reads_the_pack_on_a_small_phone_and_downloads_it(app, browser, live_server):
    council = factories.authority(enabled_languages=["en", "ar"])
    iro = factories.staff(council, "iro")
    manager = factories.staff(council, "manager")
    _reviews(council, iro, 23, sent_before=20, acknowledged=18, codes=["PN1"] * 12 + ["PN6"] * 11)
    _reviews(council, iro, 12, sent_before=6, acknowledged=6, quarter=QUARTER.previous())
    for i in range(12):
        _alert(council, at(weekday(3), 10), in_time=i < 7)
    db.session.commit()

    context = browser.new_context(viewport=NARROW, base_url=live_server, locale="en-GB", device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        _staff_sign_in(page, manager)
        page.goto("/staff/reports/board")
        expect(page.get_by_role("heading", level=1)).to_contain_text(QUARTER.label())
        main = page.locator("main")
        expect(main).to_contain_text("Views before reviews")
        expect(main).to_contain_text("hidden to protect small numbers")
        # Each chart is a picture with a name, with the table of its figures beside it.
        chart = page.locator("figure [role=img]").first
        expect(chart).to_have_attribute("aria-labelledby", re.compile("caption"))
        expect(page.locator("#table-views")).to_contain_text("23")
        _check(page)

        # The quarter before, in plain words, in Arabic: right to left.
        page.select_option("#quarter", Q.last_complete(date.today()).previous().key)
        page.select_option("#language", "ar")
        page.locator("input[name=version][value=young]").check()
        page.locator("main form button[type=submit]").click()
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        with app.test_request_context(), force_locale("ar"):
            arabic = QUARTER.previous().label()  # month names in Arabic
        expect(page.get_by_role("heading", level=1)).to_contain_text(arabic)
        _check(page)

        with page.expect_download() as pdf:
            page.get_by_role("link", name=re.compile("PDF")).click()
        assert pdf.value.suggested_filename.endswith("-young-ar.pdf")
        with page.expect_download() as table:
            page.get_by_role("link", name=re.compile("CSV")).click()
        assert table.value.suggested_filename.endswith(".csv")
    finally:
        context.close()


def test_a_council_admin_pages_through_the_audit_log_and_a_young_person_sees_who_read_their_things(app, browser, live_server):
    from app import audit

    council = factories.authority()
    admin = factories.staff(council, "council_admin")
    iro = factories.staff(council, "iro", display_name="Grace Okafor")
    person = factories.young_person(council, display_name="Amira", reference="NM-1001", iro_id=iro.id)
    review = factories.review(person, iro=iro)
    factories.sent_views(review, readers=("iro",))
    for _ in range(60):
        audit.record("views.read", review.submission, actor=iro)
    db.session.commit()

    context = browser.new_context(viewport=NARROW, base_url=live_server, locale="en-GB", device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        _staff_sign_in(page, admin)
        page.goto("/admin/audit")
        page.select_option("#young_person", str(person.id))
        page.locator("main form button[type=submit]").click()
        expect(page.locator("main")).to_contain_text("Grace Okafor")
        _check(page)
        page.get_by_role("link", name=re.compile("Next")).click()
        expect(page).to_have_url(re.compile(f"young_person={person.id}.*page=2|page=2.*young_person={person.id}"))
        _check(page)
    finally:
        context.close()

    context = browser.new_context(viewport=NARROW, base_url=live_server, locale="en-GB", is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto("/sign-in")
        page.locator("#identifier").fill(person.username)
        page.locator("#password").fill(factories.PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.goto("/my/who-has-read")
        expect(page.locator("main")).to_contain_text("Grace Okafor")
        expect(page.locator("main")).to_contain_text("60 times")
        _check(page)
    finally:
        context.close()
