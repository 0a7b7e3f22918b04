"""Staff lists on a phone: each row becomes a card, so no column is squeezed until words break."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pyotp
from playwright.sync_api import expect

from .. import factories
from .conftest import PHONE, assert_accessible, assert_no_horizontal_overflow, commit

# Every word in a table, and whether its letters sit on more than one line.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const table of document.querySelectorAll('main table')) {
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def _sign_in_staff(page, user):
    page.goto("/sign-in")
    page.locator("#identifier").fill(user.email)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.get_by_label(re.compile("6-digit code")).fill(pyotp.TOTP(user.totp_secret).now())
    page.get_by_role("button", name="Continue").click()


def _next_monday() -> int:
    today = date.today()
    return (7 - today.weekday()) % 7 or 7


def test_an_iros_lists_stack_into_cards_at_phone_width(browser, live_server):
    council = factories.authority()
    iro = factories.staff(council, "iro", display_name="Grace Okafor")
    admin = factories.staff(council, "council_admin")
    for name in ("Amira Haddad", "Tomasz Wiśniewski", "Oluwaseun Adeyemi-Clarke"):
        person = factories.young_person(council, display_name=name, iro_id=iro.id)
        factories.review(person, iro=iro, days_ahead=_next_monday())
        factories.review(person, iro=iro, days_ahead=_next_monday() + 7, kind="pathway")
    commit()
    context = browser.new_context(viewport=PHONE, base_url=live_server, locale="en-GB", is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        _sign_in_staff(page, iro)
        for path in ("/staff/reviews/", "/staff/"):
            page.goto(path)
            rows = page.locator("main table tbody tr")
            expect(rows.first).to_be_visible()
            assert page.evaluate(BROKEN_WORDS) == [], path
            assert rows.first.evaluate("row => getComputedStyle(row).display") == "block", path
            # The column's name is written in the card, above its value.
            expect(rows.first.locator(".heard-list-table__label").first).to_be_visible()
            assert_no_horizontal_overflow(page)
            assert_accessible(page)
        context.clear_cookies()
        _sign_in_staff(page, admin)
        page.goto("/admin/")
        assert page.evaluate(BROKEN_WORDS) == []
        assert_accessible(page)
        # On a laptop the same list is an ordinary table with one row per person.
        page.set_viewport_size({"width": 1280, "height": 900})
        assert page.locator("main table tbody tr").first.evaluate("row => getComputedStyle(row).display") == "table-row"
        expect(page.locator(".heard-list-table__label").first).to_be_hidden()
    finally:
        context.close()
