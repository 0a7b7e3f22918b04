"""A child answers a survey on a phone with a code: in English, then in Tigrinya."""
from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import expect
from sqlalchemy import func, select

from app.extensions import db
from app.surveys import service
from app.surveys.models import SurveyCode

from .. import factories
from .conftest import assert_accessible, assert_no_horizontal_overflow

# The survey's own texts, as its translators last left them.
TI = json.loads((Path(__file__).resolve().parents[2] / "app" / "surveys" / "data" / "texts.json").read_text(encoding="utf-8"))


def _next_until_the_end(page, limit=40):
    for _ in range(limit):
        if page.url.endswith("/survey/check"):
            return
        page.locator("button[value=next]").click()
    raise AssertionError("never reached the end")


def test_answering_on_a_phone_in_english_with_a_stop_and_a_resume(app, phone):
    wave = factories.survey_wave(factories.authority(), "heard-8-11")
    [code] = service.issue_codes(wave, 1)
    db.session.commit()

    phone.goto(f"/survey#{code}")  # as from the QR code on the card: the code stays in the browser
    expect(phone.get_by_label("Your code")).to_have_value(code)
    assert "#" not in phone.url and code not in phone.url  # gone from the address bar and history
    assert_accessible(phone)
    phone.get_by_role("button", name="Start").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("My life")
    phone.get_by_role("button", name="Start").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Do you have an adult you trust?")
    expect(phone.get_by_text(re.compile(r"Question 1 of \d+"))).to_be_visible()
    assert_accessible(phone)
    assert_no_horizontal_overflow(phone)
    phone.get_by_label("Yes").check()
    phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_text(re.compile(r"Question 2 of"))).to_be_visible()
    phone.get_by_label("I’d rather not say").check()
    phone.get_by_role("button", name="Stop for now and carry on later").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Your answers are saved")

    # Back later, with the same code: straight to question 3, earlier answers kept.
    phone.goto("/survey")
    phone.get_by_label("Your code").fill(code.lower())
    phone.get_by_role("button", name="Start").click()
    phone.get_by_role("button", name="Carry on").click()
    expect(phone.get_by_text(re.compile(r"Question 3 of"))).to_be_visible()
    phone.get_by_role("button", name="Back").click()
    phone.get_by_role("button", name="Back").click()
    expect(phone.get_by_label("Yes")).to_be_checked()
    _next_until_the_end(phone)
    assert_accessible(phone)
    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Thank you")
    assert db.session.scalar(select(func.count()).select_from(SurveyCode).where(SurveyCode.used.is_(True))) == 1

    # A faces question looks right and passes the checks (pick one screen).
    [second] = service.issue_codes(wave, 1)
    db.session.commit()
    phone.goto(f"/survey#{second}")
    phone.get_by_role("button", name="Start").click()
    phone.get_by_role("button", name="Start").click()
    for _ in range(10):
        if phone.locator(".heard-survey-face").count():
            break
        phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_label("Very happy")).to_be_visible()
    assert_accessible(phone)
    assert_no_horizontal_overflow(phone)


def test_answering_on_a_phone_in_tigrinya(app, phone):
    wave = factories.survey_wave(factories.authority(), "heard-11-17")
    [code] = service.issue_codes(wave, 1)
    db.session.commit()

    phone.goto("/survey")
    phone.locator(".heard-lang-picker summary").click()
    phone.get_by_role("button", name="ትግርኛ").click()
    expect(phone.locator("html")).to_have_attribute("lang", "ti")
    phone.locator("#code").fill(code)
    phone.locator("form button[type=submit]").last.click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("ህይወተይ")
    phone.locator("main form button[type=submit]").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text(TI["age"]["ti"])
    assert_accessible(phone)
    assert_no_horizontal_overflow(phone)
    phone.get_by_label("ካብ 12 ክሳብ 15").check()
    phone.locator("button[value=next]").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(TI["adult"]["ti"])
    phone.get_by_label("እወ").check()
    phone.locator("button[value=next]").click()
    # The 0 to 10 question fits the phone too.
    for _ in range(30):
        if phone.locator(".heard-answers--scale10").count():
            break
        phone.locator("button[value=next]").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text(TI["ons_life"]["ti"])
    assert_accessible(phone)
    assert_no_horizontal_overflow(phone)
    phone.locator("#answer-8").check()
    for _ in range(10):
        if phone.url.endswith("/survey/check"):
            break
        phone.locator("button[value=next]").click()
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url("**/survey/thanks")
    service.flush(wave, force=True)
    db.session.commit()
    from app.surveys import results

    data = results.wave_results(wave, with_quotes=False)
    assert data.responses.base.count is None  # one response: fewer than 5
    assert db.session.scalar(select(func.count()).select_from(SurveyCode).where(SurveyCode.used.is_(True))) == 1


def test_staff_read_results_with_charts_on_a_phone(app, phone):
    import pyotp

    from tests.surveys.helpers import add_responses, many

    council = factories.authority()
    officer = factories.staff(council, "participation_officer")
    wave = factories.survey_wave(council, "heard-care-leavers", care_statuses=["care_leaver"])
    add_responses(wave, many(14, {"heard:safe": "yes", "ons:life": "8", "heard:age-16-25": "18-20"}, band="18-25", status="care_leaver")
                  + many(11, {"heard:safe": "no", "ons:life": "3", "heard:age-16-25": "16-17"}, status="care_leaver"))
    phone.goto("/sign-in")
    phone.get_by_label(re.compile("Username or work email")).fill(officer.email)
    phone.get_by_label("Password", exact=True).fill(factories.PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    phone.get_by_label(re.compile("6-digit code")).fill(pyotp.TOTP(officer.totp_secret).now())
    phone.locator("main form button[type=submit]").click()
    phone.goto(f"/staff/surveys/waves/{wave.id}/results")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Results")
    expect(phone.locator("figure.heard-chart").first).to_be_visible()
    phone.locator("main details summary").first.click()
    assert_accessible(phone)
    assert_no_horizontal_overflow(phone)
    phone.goto(f"/staff/surveys/waves/{wave.id}")
    phone.get_by_label("How many codes?").fill("4")
    phone.get_by_role("button", name="Make codes to print").click()
    expect(phone.locator(".heard-code-sheet__card")).to_have_count(4)
    assert_accessible(phone)
    assert_no_horizontal_overflow(phone)


def test_a_young_child_sees_large_faces_that_look_different_with_their_words(app, phone):
    wave = factories.survey_wave(factories.authority(), "heard-4-7")
    [code] = service.issue_codes(wave, 1)
    db.session.commit()
    phone.goto(f"/survey#{code}")  # the code travels in the fragment, never to the server in the address
    expect(phone.get_by_label("Your code")).to_have_value(code)
    phone.get_by_role("button", name="Start").click()
    phone.get_by_label("Yes").first.check()  # a grown-up is helping
    phone.get_by_role("button", name="Start").click()
    for _ in range(10):
        if phone.locator(".heard-answers--faces").count():
            break
        phone.locator("button[value=next]").click()
    faces = phone.locator(".heard-answers--faces .heard-survey-face")
    expect(faces).to_have_count(5)
    sizes = faces.evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    assert min(sizes) >= 60, sizes
    colours = faces.evaluate_all("els => els.map(e => getComputedStyle(e.querySelector('circle')).fill)")
    assert len(set(colours)) == 5, colours
    shapes = faces.evaluate_all("els => els.map(e => e.innerHTML.replace(/\\s+/g, ' '))")
    assert len(set(shapes)) == 5
    for word in ("Very sad", "Sad", "Very happy"):
        expect(phone.locator(".heard-answers--faces label", has_text=word).first).to_be_visible()
    assert_accessible(phone)
    assert_no_horizontal_overflow(phone)
