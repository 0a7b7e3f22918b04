"""Risk written in a saved, unsent draft: the young person is helped at once and told who has
been told; the safeguarding lead has what they need to act; the IRO who reads the views sees
that an alert exists, and its state. At phone size, checked with axe."""
from __future__ import annotations

import re

import pyotp
from playwright.sync_api import expect

from app.extensions import db
from app.moderation.models import SafeguardingAlert
from app.reviews import service as reviews_service

from .. import factories
from .conftest import assert_accessible, assert_no_horizontal_overflow

RISKY = "my foster dad hits me and I want to kill myself"


def _sign_in(page, identifier):
    page.goto("/sign-in")
    page.locator("#identifier").fill(identifier)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").click()


def _sign_in_staff(page, user):
    _sign_in(page, user.email)
    page.get_by_label(re.compile("6-digit code")).fill(pyotp.TOTP(user.totp_secret).now())
    page.get_by_role("button", name="Continue").click()


def _check(page):
    assert_accessible(page)
    assert_no_horizontal_overflow(page)


def test_risk_in_a_saved_draft_helps_the_child_at_once_and_reaches_the_lead_and_the_iro(app, phone, browser, live_server):
    council = factories.authority(out_of_hours_phone="0300 555 0199")
    lead = factories.staff(council, "safeguarding_lead")
    worker = factories.staff(council, "worker", display_name="Dana Worker", work_phone="0300 555 0123")
    iro = factories.staff(council, "iro")
    child = factories.young_person(
        council, display_name="Zarmina", age=14, worker_id=worker.id, iro_id=iro.id,
        reference="NM-2044", placement="Foster carers, Hill Top, Northmoor", phone="07700 900555",
    )
    review = factories.review(child, iro=iro)
    db.session.commit()

    # The young person saves their worries for later, without sending them.
    _sign_in(phone, child.username)
    phone.goto(f"/my/reviews/{review.id}/worries/")
    phone.locator("textarea").first.fill(RISKY)
    phone.get_by_role("button", name=re.compile("Save and finish later")).click()
    alert = db.session.query(SafeguardingAlert).one()
    assert phone.url.split("?")[0].endswith(f"/my/help/told/{alert.id}")
    told = phone.locator(".heard-help-now-panel")
    expect(told).to_contain_text("the council's safeguarding team")
    expect(told).to_contain_text("your worker, Dana Worker")
    expect(phone.locator("a[href='tel:08001111']")).to_be_visible()
    expect(phone.get_by_role("button", name="I need help now")).to_be_visible()
    _check(phone)
    phone.get_by_role("link", name="Carry on").click()
    assert phone.url.rstrip("/").endswith(f"/my/reviews/{review.id}")

    # The lead opens the alert: who, where they live, how to reach them, who works with them.
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=live_server, locale="en-GB")
    staff = context.new_page()
    _sign_in_staff(staff, lead)
    staff.goto(f"/staff/safeguarding/{alert.id}")
    for fact in ("NM-2044", "Foster carers, Hill Top, Northmoor", "07700 900555", "Dana Worker", "0300 555 0123"):
        expect(staff.locator("main")).to_contain_text(fact)
    _check(staff)
    staff.get_by_role("link", name="Zarmina").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Zarmina")
    expect(staff.locator("main")).to_contain_text("NM-2044")
    _check(staff)
    staff.get_by_role("link", name=re.compile("Back to alert")).click()
    staff.get_by_role("button", name="Acknowledge: I have this").click()
    expect(staff.locator(".govuk-notification-banner")).to_contain_text("Acknowledged")
    context.close()

    # Sent later; the IRO reading them sees the alert and that it was acknowledged.
    db.session.expire_all()
    submission = review.submission
    submission.readers = ["iro"]
    assert reviews_service.send(submission, key="journey")
    db.session.commit()
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=live_server, locale="en-GB")
    reader = context.new_page()
    _sign_in_staff(reader, iro)
    reader.goto(f"/staff/reviews/{review.id}")
    warning = reader.locator(".govuk-warning-text", has_text="safeguarding alert")
    expect(warning).to_contain_text(f"Alert {alert.id}")
    expect(warning).to_contain_text("Acknowledged")
    expect(warning).to_contain_text(lead.display_name)
    _check(reader)
    context.close()
