"""A young person asks for help and the safeguarding lead acknowledges it; a moderator checks an item."""
from __future__ import annotations

import re

import pyotp
from playwright.sync_api import expect

from app.extensions import db
from app.moderation import service
from app.moderation.models import SafeguardingAlert

from .. import factories
from .conftest import assert_accessible, assert_no_horizontal_overflow


def _sign_in(page, identifier, password=factories.PASSWORD):
    page.goto("/sign-in")
    page.locator("#identifier").fill(identifier)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()


def _sign_in_staff(page, user):
    _sign_in(page, user.email)
    page.get_by_label(re.compile("6-digit code")).fill(pyotp.TOTP(user.totp_secret).now())
    page.get_by_role("button", name="Continue").click()


def _check(page):
    assert_accessible(page)
    assert_no_horizontal_overflow(page)


def test_young_person_asks_for_help_in_arabic_and_the_lead_acknowledges(app, phone, browser, live_server):
    council = factories.authority()
    lead = factories.staff(council, "safeguarding_lead")
    worker = factories.staff(council, "worker", work_phone="0300 555 0123")
    person = factories.young_person(council, display_name="Salma", preferred_language="ar", worker_id=worker.id)
    db.session.commit()

    _sign_in(phone, person.username)
    phone.goto("/my/help")
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    _check(phone)
    phone.locator("form[action='/my/help/now'] button").click()
    assert phone.url.endswith("/my/help/sent")
    expect(phone.locator(".govuk-panel")).to_be_visible()
    expect(phone.locator("a[href='tel:08001111']")).to_be_visible()
    _check(phone)
    alert = db.session.query(SafeguardingAlert).one()

    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=live_server)
    staff = context.new_page()
    _sign_in_staff(staff, lead)
    staff.goto("/staff/safeguarding/")
    expect(staff.get_by_role("link", name=f"Alert {alert.id}")).to_be_visible()
    _check(staff)
    staff.get_by_role("link", name=f"Alert {alert.id}").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(f"Alert {alert.id}")
    _check(staff)
    staff.get_by_role("button", name="Acknowledge: I have this").click()
    expect(staff.locator(".govuk-notification-banner")).to_contain_text("Acknowledged")
    staff.get_by_role("button", name="Close alert").click()
    expect(staff.locator(".govuk-error-summary")).to_contain_text("Say what was done")
    _check(staff)
    staff.get_by_label("What was done?").fill("Rang Salma's worker; visit today.")
    staff.get_by_role("button", name="Close alert").click()
    db.session.expire_all()
    assert db.session.get(SafeguardingAlert, alert.id).status == "closed"
    context.close()


def test_moderator_publishes_with_redactions_and_every_moderation_page_fits_a_phone(app, phone, browser, live_server):
    council = factories.authority()
    moderator = factories.staff(council, "participation_officer")
    admin = factories.staff(council, "council_admin")
    person = factories.young_person(council, display_name="Jonah")
    item = service.submit_text(authority_id=council.id, source="council.idea", text="Jonah thinks we need a youth club, text 07700 900123", author=person)
    service.submit_text(authority_id=council.id, source="council.idea", text="زه غواړم ځان ووژنم", language="ps", author=person)
    db.session.commit()

    _sign_in_staff(phone, moderator)
    phone.goto("/staff/moderation/")
    _check(phone)
    phone.get_by_role("link", name=f"Check item {item.id}").click()
    _check(phone)
    phone.get_by_label(re.compile("Publish with my changes")).check()
    expect(phone.get_by_label("Text to publish")).to_have_value("[name] thinks we need a youth club, text [phone]")
    phone.get_by_role("button", name="Save decision").click()
    expect(phone.locator(".govuk-notification-banner")).to_contain_text("Published with your changes")
    assert service.published_texts([item.id])[item.id].text == "[name] thinks we need a youth club, text [phone]"

    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=live_server)
    page = context.new_page()
    _sign_in_staff(page, admin)
    for path in ("/staff/moderation/lists", "/staff/safeguarding/settings", "/staff/moderation/figures"):
        page.goto(path)
        _check(page)
    context.close()
