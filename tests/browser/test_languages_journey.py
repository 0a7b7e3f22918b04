"""A Kurmanji-speaking child is invited and joins in Kurmanji, with English beside it for the adults,
and then gets help and the care words in Kurmanji (not, as once, all in English)."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from app.extensions import db
from app.glossary import service as glossary

from .. import factories
from ..i18n.test_served_languages import in_catalogue
from .conftest import assert_accessible, assert_no_horizontal_overflow
from .test_foundation_journeys import _sign_in_staff


def _text(msgid: str) -> str:
    return in_catalogue("kmr", msgid).replace("&#39;", "'").replace("&#34;", '"').replace("&amp;", "&")


def test_a_kurmanji_speaker_is_invited_joins_and_gets_help_in_kurmanji(app, desktop, phone):
    council = factories.authority()
    worker = factories.staff(council, "worker")
    child = factories.young_person(council, account=False, display_name="Rojda", worker_id=worker.id, preferred_language="kmr")
    db.session.commit()

    # The worker prints the card: Kurmanji and English side by side, the worker's page in English.
    _sign_in_staff(desktop, worker)
    desktop.goto(f"/staff/young-people/{child.id}")
    desktop.get_by_role("button", name="Make an invite card").click()
    card = desktop.locator(".heard-invite-card")
    expect(card.locator('[lang="kmr"]').first).to_contain_text(_text("Your invite to Heard"))
    expect(card.locator('[lang="en"]').first).to_contain_text("Your invite to Heard")
    kurmanji, english = card.locator(".heard-bilingual").first.locator(".heard-bilingual__part").all()
    assert kurmanji.bounding_box()["x"] < english.bounding_box()["x"]  # beside it, where there is room
    assert_accessible(desktop)
    link = card.locator(".heard-link-text").inner_text().strip()
    assert link.startswith(app.config["PUBLIC_URL"] + "/join?code=") and link.endswith("&lang=kmr")

    # The child opens the card's link on a phone whose browser speaks English.
    phone.goto(link)
    expect(phone.locator("html")).to_have_attribute("lang", "kmr")
    expect(phone.get_by_role("heading", level=1)).to_have_text(_text("Start using Heard"))
    expect(phone.locator('.heard-bilingual__part--english[lang="en"]')).to_contain_text("Your worker gave you a card")
    assert_accessible(phone)
    assert_no_horizontal_overflow(phone)
    phone.locator("form button[type=submit]").last.click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Rojda")
    expect(phone.locator('.heard-bilingual__part--english[lang="en"]')).to_contain_text("Hello, Rojda")
    expect(phone.locator('input[name="language"][value="kmr"]')).to_be_checked()
    assert_accessible(phone)
    assert_no_horizontal_overflow(phone)
    phone.locator("#username").fill("rojda.star")
    phone.locator("#password").fill("lemon kite harbour")
    phone.locator("form button[type=submit]").last.click()
    phone.wait_for_url("**/my/")

    # Help, and the words of care, in Kurmanji.
    expect(phone.locator("html")).to_have_attribute("lang", "kmr")
    expect(phone.locator("body")).to_contain_text(_text("Get help now"))
    phone.goto("/my/help")
    expect(phone.get_by_role("heading", level=1)).to_have_text(_text("Get help now"))
    phone.goto("/words")
    expect(phone.get_by_role("heading", level=1)).to_have_text(_text("Words you may hear in care"))
    expect(phone.locator("body")).to_contain_text(glossary.load("kmr").terms["advocate"].word)
    assert_accessible(phone)
    assert re.search(r"lang=\"?kmr", phone.content())
