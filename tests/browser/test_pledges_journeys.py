"""A care leaver reads the charter in Farsi and rates three promises on a phone; a manager sees
the scorecard change once the round closes."""
from __future__ import annotations

import re

import pyotp
from playwright.sync_api import expect
from sqlalchemy import func, select

from app.auth.models import CARE_LEAVER
from app.extensions import db
from app.pledges import service
from app.pledges.demo import CHARTER, _write
from app.pledges.models import DONT_KNOW, KEPT, NOT_KEPT, SOMETIMES, PledgeRating

from .. import factories
from .conftest import assert_accessible, assert_no_horizontal_overflow


def _sign_in(page, identifier, password=factories.PASSWORD):
    page.goto("/sign-in")
    page.locator("#identifier").fill(identifier)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()


def _check(page):
    assert_accessible(page)
    assert_no_horizontal_overflow(page)


def test_care_leaver_rates_the_charter_in_farsi_and_the_manager_sees_the_scorecard(app, phone, desktop):
    council = factories.authority(enabled_languages=["en", "ar", "ps", "fa_AF", "fa"], advocacy_phone="0300 555 0142")
    charter = _write(council, CARE_LEAVER, CHARTER)
    rnd = factories.rating_round(council, name="Autumn")
    leaver = factories.young_person(council, age=19, care_status=CARE_LEAVER, preferred_language="fa", display_name="Nasrin")
    manager = factories.staff(council, "manager")
    # Twenty other care leavers have rated the first promise already, five giving each answer, so
    # there is something to show that gives nobody away.
    for answer in [KEPT] * 5 + [SOMETIMES] * 5 + [NOT_KEPT] * 5 + [DONT_KNOW] * 5:
        service.rate(factories.young_person(council, age=20, care_status=CARE_LEAVER), charter.promises[0], answer)
    db.session.commit()

    # The manager looks first: nothing has closed, so there are no figures yet.
    _sign_in(desktop, manager.email)
    desktop.get_by_label(re.compile("6-digit code")).fill(pyotp.TOTP(manager.totp_secret).now())
    desktop.locator("main form button[type=submit]").click()
    desktop.goto("/pledge/scorecard")
    expect(desktop.locator("main")).to_contain_text("No round has closed yet")

    # The care leaver signs in: Heard speaks Farsi, right to left, and the home shows the charter.
    _sign_in(phone, leaver.username)
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    expect(phone.locator("html")).to_have_attribute("lang", "fa")
    phone.locator(f"a[href='/pledge/']").first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(CHARTER["title"]["fa"])
    expect(phone.locator("main")).to_contain_text(CHARTER["themes"][1][1][0][0]["fa"])
    expect(phone.locator("main")).to_contain_text("0300 555 0142")  # an advocate, if a promise is not kept
    assert phone.locator(".heard-fallback-note").count() == 0  # all of it is in Farsi
    _check(phone)

    phone.locator("a[href='/pledge/rate']").first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(CHARTER["themes"][0][1][0][0]["fa"])
    _check(phone)
    for answer, comment in ((KEPT, ""), (NOT_KEPT, "مشاورم دو هفته جواب نداد"), (SOMETIMES, "")):
        phone.locator(f"input[name=answer][value={answer}]").check()
        if comment:
            phone.locator("textarea[name=comment]").fill(comment)
        phone.locator("main form button[type=submit]").click()
        expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    _check(phone)
    assert service.my_ratings(leaver, rnd) == {
        charter.promises[0].id: KEPT,
        charter.promises[1].id: NOT_KEPT,
        charter.promises[2].id: SOMETIMES,
    }

    # Changing an answer while the round is open keeps one rating per promise.
    phone.goto(f"/pledge/rate/{charter.promises[0].id}")
    expect(phone.locator("input[name=answer][value=kept]")).to_be_checked()
    phone.locator("input[name=answer][value=sometimes]").check()
    phone.locator("main form button[type=submit]").click()
    total = db.session.scalar(select(func.count()).select_from(PledgeRating).where(PledgeRating.promise_id == charter.promises[0].id))
    assert total == 21

    # Still open: the manager's scorecard has not moved.
    desktop.reload()
    expect(desktop.locator("main")).to_contain_text("No round has closed yet")

    service.close_round_now(db.session.get(type(rnd), rnd.id))
    db.session.commit()
    desktop.reload()
    main = desktop.locator("main")
    expect(main).to_contain_text("Round: Autumn")
    expect(main).to_contain_text(CHARTER["themes"][0][1][0][0]["en"])
    first = desktop.locator(f"#promise-{charter.promises[0].id}")
    expect(first.locator("table").first).to_contain_text("6")  # six said "sometimes" now
    expect(first.locator("table").first).to_contain_text("29%")
    expect(desktop.locator(f"#promise-{charter.promises[1].id}")).to_contain_text("fewer than 5")
    assert_accessible(desktop)
