"""A facilitator runs a live poll at a meeting: three members vote on their phones (one in
Pashto), the projector updates as votes come in, and the facilitator closes the question."""
from __future__ import annotations

import re

import pyotp
from playwright.sync_api import expect

from app.extensions import db

from .. import factories
from .conftest import CHROMIUM_ARGS, PHONE, assert_accessible, assert_no_horizontal_overflow  # noqa: F401


def _phone(browser, live_server, locale="en-GB"):
    context = browser.new_context(viewport=PHONE, base_url=live_server, locale=locale, device_scale_factor=2, is_mobile=True, has_touch=True)
    return context, context.new_page()


def _sign_in(page, identifier):
    page.goto("/sign-in")
    page.locator("#identifier").fill(identifier)
    page.locator("#password").fill(factories.PASSWORD)
    page.locator("main form button[type=submit]").click()


def _sign_in_staff(page, user):
    _sign_in(page, user.email)
    page.get_by_label(re.compile("6-digit code")).fill(pyotp.TOTP(user.totp_secret).now())
    page.get_by_role("button", name="Continue").click()


def test_facilitator_runs_a_live_poll_and_the_projector_follows_the_votes(app, browser, live_server):
    council = factories.authority(enabled_languages=["en", "ps"])
    officer = factories.staff(council, "participation_officer")
    group = factories.council_group(council, name={"en": "Northmoor Voice"})
    amira = factories.young_person(council, display_name="Amira", username="amira.live")
    jamal = factories.young_person(council, display_name="Jamal", username="jamal.live", preferred_language="ps")
    sam = factories.young_person(council, display_name="Sam", username="sam.live")
    for member in (amira, jamal, sam):
        factories.council_member(group, member)
    meeting = factories.council_meeting(group)
    poll = factories.council_poll(group, state="draft", meeting_id=meeting.id, title={"en": "Meeting votes", "ps": "د غونډې رایې"},
                                  allow_comment=True, options=())
    question = poll.questions[0]
    question.text = {"en": "Free bus passes for everyone in care?", "ps": "د پاملرنې لاندې ټولو لپاره وړیا بس پاسونه؟"}
    from app.council.models import PollOption

    for position, (en, ps) in enumerate([("Yes", "هو"), ("No", "نه"), ("Not sure", "ډاډه نه یم")]):
        question.options.append(PollOption(authority_id=council.id, position=position, text={"en": en, "ps": ps}))
    db.session.commit()

    # The facilitator's laptop: the controls in one tab, the projector in another.
    laptop = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server, locale="en-GB")
    controls = laptop.new_page()
    _sign_in_staff(controls, officer)
    controls.goto(f"/council/manage/polls/{poll.id}/run")
    assert_accessible(controls)
    controls.get_by_role("button", name="Let members join").click()
    projector = laptop.new_page()
    projector.goto(f"/council/manage/polls/{poll.id}/projector")
    expect(projector.locator(".heard-qr svg")).to_be_visible()
    expect(projector.get_by_role("heading", level=1)).to_contain_text("first question is coming")

    # Members wait on their phones.
    phones = []
    for person, locale in ((amira, "en-GB"), (jamal, "ps"), (sam, "en-GB")):
        context, page = _phone(browser, live_server, locale)
        _sign_in(page, person.username)
        page.goto(f"/council/polls/{poll.id}")
        phones.append((context, page))
    expect(phones[0][1].locator("p[role=status]")).to_contain_text("not open yet")

    controls.get_by_role("button", name=re.compile("Open voting")).click()
    expect(controls.locator(".govuk-tag--green")).to_have_text("Voting open")
    # The projector notices the open question by itself and shows it.
    expect(projector.get_by_role("heading", level=1)).to_have_text("Free bus passes for everyone in care?", timeout=10000)
    expect(projector.locator(".heard-projector__translation")).to_contain_text("وړیا بس پاسونه")
    assert_accessible(projector)
    projector.evaluate("() => { window.stillTheSamePage = true }")

    amira_page, jamal_page, sam_page = (page for _, page in phones)
    # The waiting phone moves to the open question by itself (nothing was typed there yet).
    expect(amira_page.locator("legend")).to_contain_text("Free bus passes", timeout=10000)
    amira_page.get_by_label("Yes", exact=True).check()
    amira_page.locator("#vote button[type=submit]").click()
    expect(amira_page.locator(".heard-live__total")).to_contain_text("1 person has voted")
    assert_accessible(amira_page)
    assert_no_horizontal_overflow(amira_page)
    expect(projector.locator(".heard-live__total")).to_contain_text("1 person has voted", timeout=5000)

    # Jamal reads and votes in Pashto.
    jamal_page.goto(f"/council/polls/{poll.id}")
    expect(jamal_page.locator("html")).to_have_attribute("dir", "rtl")
    expect(jamal_page.locator("legend")).to_contain_text("وړیا بس پاسونه")
    jamal_page.get_by_label("هو", exact=True).check()
    jamal_page.locator("#vote button[type=submit]").click()
    expect(jamal_page.locator(".heard-live__total")).to_be_visible()
    assert_accessible(jamal_page)
    assert_no_horizontal_overflow(jamal_page)

    # Amira starts typing a comment. While she types, Sam votes: her results update in place
    # and nothing she typed is lost.
    amira_page.evaluate("() => { window.stillTheSamePage = true }")
    amira_page.locator("#comment").fill("Buses would help me get to college")
    sam_page.goto(f"/council/polls/{poll.id}")
    sam_page.get_by_label("Not sure", exact=True).check()
    sam_page.locator("#vote button[type=submit]").click()
    expect(amira_page.locator(".heard-live__total")).to_contain_text("3 people have voted", timeout=5000)
    expect(amira_page.locator("#comment")).to_have_value("Buses would help me get to college")
    assert amira_page.evaluate("() => window.stillTheSamePage") is True

    expect(projector.locator(".heard-live__total")).to_contain_text("3 people have voted", timeout=5000)
    expect(projector.locator(".heard-live__count").first).to_contain_text("2")
    assert projector.evaluate("() => window.stillTheSamePage") is True  # updated without a reload
    assert "Amira" not in projector.content() and "Jamal" not in projector.content()

    # The facilitator closes the question: the projector says so, Amira is told, her words stay.
    controls.get_by_role("button", name=re.compile("Close voting")).click()
    expect(projector.locator(".heard-live__results")).to_contain_text("Voting closed", timeout=5000)
    expect(amira_page.locator("[data-live-closed]")).to_be_visible(timeout=5000)
    expect(amira_page.locator("#comment")).to_have_value("Buses would help me get to college")
    # Her phone stops offering a vote it would refuse, without being reloaded.
    expect(amira_page.get_by_role("button", name="Change my vote")).to_be_hidden()
    expect(amira_page.get_by_label("Yes", exact=True)).to_be_disabled()
    expect(amira_page.locator(".heard-live__results")).to_contain_text("Voting closed")
    assert amira_page.evaluate("() => window.stillTheSamePage") is True
    # Reloaded (or without JavaScript), the page says the same.
    amira_page.reload()
    expect(amira_page.locator("[data-live-closed]")).to_be_visible()
    expect(amira_page.get_by_role("button", name="Change my vote")).to_have_count(0)

    for context, _ in phones:
        context.close()
    laptop.close()


def test_results_can_be_refreshed_without_javascript(app, browser, live_server):
    council = factories.authority()
    group = factories.council_group(council)
    member = factories.young_person(council, username="no.js.voter")
    factories.council_member(group, member)
    poll = factories.council_poll(group)
    db.session.commit()
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    _sign_in(page, "no.js.voter")
    page.goto(f"/council/polls/{poll.id}")
    page.get_by_label("No", exact=True).check()
    page.locator("#vote button[type=submit]").click()
    expect(page.locator(".heard-live__total")).to_contain_text("1 person has voted")
    page.get_by_role("link", name="Refresh results").click()
    expect(page.locator(".heard-live__total")).to_contain_text("1 person has voted")
    assert_no_horizontal_overflow(page)
    context.close()
