"""A young person and a member of staff use Heard in a real browser on a phone."""
from __future__ import annotations

import re

import pyotp
from playwright.sync_api import expect

from app.extensions import db
from app.staff import service as staff_service

from .. import factories
from .conftest import assert_accessible, assert_no_horizontal_overflow


def _sign_in(page, identifier, password=factories.PASSWORD):
    page.goto("/sign-in")
    page.get_by_label(re.compile("Username or work email")).fill(identifier)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_young_person_redeems_invite_switches_to_arabic_and_signs_back_in(app, phone):
    council = factories.authority()
    worker = factories.staff(council, "worker")
    person = factories.young_person(council, account=False, display_name="Noor", worker_id=worker.id)
    with app.test_request_context():
        code = staff_service.issue_invite(person, by=worker)
    db.session.commit()

    phone.goto(f"/join?code={code}")
    assert_accessible(phone)
    phone.get_by_role("button", name="Continue").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Noor")
    assert_accessible(phone)
    phone.get_by_label("Choose a username").fill("noor.star")
    phone.get_by_label("Choose a password").fill("password")
    phone.get_by_role("button", name="Make my account").click()
    expect(phone.locator(".govuk-error-summary")).to_contain_text("too common")
    expect(phone.get_by_label("Choose a username")).to_have_value("noor.star")  # nothing typed is lost
    phone.get_by_label("Choose a password").fill("lemon kite harbour")
    phone.get_by_role("button", name="Make my account").click()
    phone.wait_for_url("**/my/")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Noor")
    assert_accessible(phone)
    assert_no_horizontal_overflow(phone)

    # Switch to Arabic with the language picker: the page turns right-to-left.
    phone.locator(".heard-lang-picker summary").click()
    phone.get_by_role("button", name="العربية").click()
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    expect(phone.locator("html")).to_have_attribute("lang", "ar")
    assert_accessible(phone)
    assert_no_horizontal_overflow(phone)

    phone.locator(".heard-header__form button").click()
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")  # the choice outlives the session
    phone.locator("#identifier").fill("noor.star")
    phone.locator("#password").fill("lemon kite harbour")
    phone.locator("form button[type=submit]").last.click()
    phone.wait_for_url("**/my/")
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")


def test_staff_member_enrols_authenticator_and_signs_in_with_it(app, phone):
    council = factories.authority()
    iro = factories.staff(council, "iro", email="iro.new@example.org", totp_secret=None, totp_confirmed_at=None)
    db.session.commit()

    _sign_in(phone, "iro.new@example.org")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    assert phone.locator(".heard-qr svg").count() == 1
    assert_accessible(phone)
    phone.get_by_text("I cannot scan the code").click()
    secret = phone.locator("code.heard-code").inner_text().strip()
    phone.get_by_label(re.compile("6-digit code")).fill("000000")
    phone.get_by_role("button", name="Finish setting up").click()
    expect(phone.locator(".govuk-error-summary")).to_contain_text("not right")
    phone.get_by_label(re.compile("6-digit code")).fill(pyotp.TOTP(secret).now())
    phone.get_by_role("button", name="Finish setting up").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text(iro.display_name)
    assert_accessible(phone)
    assert_no_horizontal_overflow(phone)
    db.session.expire_all()
    enrolled = db.session.get(type(iro), iro.id)
    assert enrolled.totp_confirmed_at is not None and enrolled.totp_secret == secret  # the app holds what was shown


def _sign_in_staff(page, user):
    _sign_in(page, user.email)
    page.get_by_label(re.compile("6-digit code")).fill(pyotp.TOTP(user.totp_secret).now())
    page.get_by_role("button", name="Continue").click()


def test_every_foundation_page_is_accessible_and_fits_a_phone(app, phone, browser, live_server):
    council = factories.authority()
    admin = factories.staff(council, "council_admin")
    worker = factories.staff(council, "worker")
    person = factories.young_person(council, worker_id=worker.id)
    db.session.commit()

    for path in ("/sign-in", "/join", "/reset"):
        phone.goto(path)
        assert_accessible(phone)
        assert_no_horizontal_overflow(phone)

    _sign_in(phone, person.username)
    for path in ("/my/", "/my/help", "/my/account"):
        phone.goto(path)
        assert_accessible(phone)
        assert_no_horizontal_overflow(phone)

    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=live_server)
    staff_page = context.new_page()
    _sign_in_staff(staff_page, admin)
    for path in ("/staff/", "/admin/", "/admin/young-people/new", "/admin/staff/new", "/admin/settings", f"/staff/young-people/{person.id}", "/staff/account"):
        staff_page.goto(path)
        assert_accessible(staff_page)
        assert_no_horizontal_overflow(staff_page)
    staff_page.goto(f"/staff/young-people/{person.id}")
    staff_page.get_by_role("button", name="Give a password reset code").click()
    expect(staff_page.locator(".heard-invite-card svg")).to_be_visible()
    assert_accessible(staff_page)
    context.close()


def test_sign_in_and_language_choice_work_without_javascript(app, browser, live_server):
    council = factories.authority()
    person = factories.young_person(council, username="no.script")
    db.session.commit()
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/sign-in")
    page.locator(".heard-lang-picker summary").click()
    page.get_by_role("button", name="پښتو").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.locator("#identifier").fill("no.script")
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/my/")
    page.wait_for_load_state()
    assert_no_horizontal_overflow(page)
    assert person.display_name in page.content()
    context.close()
