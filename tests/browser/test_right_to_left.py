"""Right to left in a real browser: names and job titles stay whole and in reading order, phone
numbers stay on one line, and "Back" points back (to the right)."""
from __future__ import annotations

from playwright.sync_api import expect

from .. import factories
from .conftest import assert_no_horizontal_overflow, commit


def test_an_arabic_reader_sees_names_titles_and_numbers_whole(app, phone):
    council = factories.authority(enabled_languages=["en", "ar"], out_of_hours_phone="0300 555 0123")
    iro = factories.staff(council, "iro", display_name="Grace Okafor", job_title="Independent Reviewing Officer")
    worker = factories.staff(council, "worker", display_name="Daniel Hughes", job_title="Social worker", work_phone="0300 555 0456")
    person = factories.young_person(council, display_name="Amira", iro_id=iro.id, worker_id=worker.id, preferred_language="ar")
    review = factories.review(person, iro=iro)
    commit()
    phone.set_viewport_size({"width": 320, "height": 700})
    phone.goto("/sign-in")
    phone.locator("#identifier").fill(person.username)
    phone.locator("#password").fill(factories.PASSWORD)
    phone.locator("main form button[type=submit]").click()

    phone.goto(f"/my/reviews/{review.id}/who-reads-it/")
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    for name, title in (("Grace Okafor", "Independent Reviewing Officer"), ("Daniel Hughes", "Social worker")):
        label = phone.locator("label", has_text=name)
        # Right to left, the name comes first: at the right of the first line, its title after it
        # (further left, or on the next line), never split around it.
        name_box = label.locator("bdi", has_text=name).bounding_box()
        title_box = label.locator("bdi", has_text=title).bounding_box()
        assert name_box["height"] < 40, name_box  # one line
        assert name_box["y"] <= title_box["y"], (name, name_box, title_box)
        assert name_box["x"] + name_box["width"] >= title_box["x"] + title_box["width"] - 1, (name, name_box, title_box)
    # "Back" (رجوع) points back: its chevron sits on the right and points right.
    chevron = phone.locator(".govuk-back-link").evaluate(
        "link => { const s = getComputedStyle(link, '::before'); return [s.transform, s.right, s.left] }")
    assert chevron[0].startswith("matrix(0.707"), chevron

    phone.goto("/my/help")
    for number in ("0300 555 0123", "0300 555 0456", "0800 1111"):
        link = phone.locator("a", has_text=number)
        lines = link.evaluate("a => new Set([...a.getClientRects()].map(r => Math.round(r.top))).size")
        assert lines == 1, number
        expect(link).to_have_text(number)
    assert_no_horizontal_overflow(phone)
