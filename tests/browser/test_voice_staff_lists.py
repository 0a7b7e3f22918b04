"""Between reviews on a staff phone: the inbox, call-backs, complaints, compliments and comments,
advocacy requests and what waited too long stack into cards like every staff list, so no column
is squeezed until words break."""
from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from app.models_base import utcnow
from app.voice import waiting

from .. import factories
from .conftest import PHONE, assert_accessible, assert_no_horizontal_overflow, commit
from .test_staff_lists import BROKEN_WORDS, _sign_in_staff


def test_between_reviews_lists_stack_into_cards_at_phone_width(browser, live_server):
    council = factories.authority()
    manager = factories.staff(council, "manager")
    worker = factories.staff(council, "worker", display_name="Daniel Hughes", line_manager_id=manager.id)
    officer = factories.staff(council, "complaints_officer")
    team = factories.team(council, name="Leaving care team", members=[worker])
    for name in ("Amira Haddad", "Tomasz Wiśniewski", "Oluwaseun Adeyemi-Clarke"):
        person = factories.young_person(council, display_name=name, worker_id=worker.id)
        statement = factories.statement(person, kind="feeling", face="worried", topic="moving", text="x")
        statement.sent_at = utcnow() - timedelta(days=10)
        callback = factories.callback(person)
        callback.due_at = utcnow() - timedelta(hours=2)
        factories.representation(person, team=team)
        factories.representation(person, kind="compliment", team=team, text="Thank you")
        factories.advocacy_request(person)
    waiting.check(council.id)
    commit()
    context = browser.new_context(viewport=PHONE, base_url=live_server, locale="en-GB", is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for user, paths in (
            (worker, ("/staff/voice/", "/staff/voice/call-backs", "/staff/voice/feedback/")),
            (officer, ("/staff/voice/complaints/", "/staff/voice/advocacy/")),
            (manager, ("/staff/voice/waiting",)),
        ):
            context.clear_cookies()
            _sign_in_staff(page, user)
            for path in paths:
                page.goto(path)
                rows = page.locator("main table tbody tr")
                expect(rows.first).to_be_visible()
                assert page.evaluate(BROKEN_WORDS) == [], path
                assert rows.first.evaluate("row => getComputedStyle(row).display") == "block", path
                expect(rows.first.locator(".heard-list-table__label").first).to_be_visible()
                assert_no_horizontal_overflow(page)
                assert_accessible(page)
    finally:
        context.close()
