"""The "interpreter needed" setting: who may set it, that it is audited, and where staff see it."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.audit import AuditEvent
from app.auth.models import User

from .. import factories


def _person(db, person_id):
    db.session.expire_all()
    return db.session.execute(
        select(User).where(User.id == person_id), execution_options={"all_authorities": True}
    ).scalar_one()


def _audits(db, person_id):
    return db.session.execute(
        select(AuditEvent).where(AuditEvent.action == "young_person.interpreter_changed", AuditEvent.target_id == person_id),
        execution_options={"all_authorities": True},
    ).scalars().all()


def test_young_person_sets_it_on_their_account_page(world, sign_in, db):
    me = world.a.young_person
    client = sign_in(me)
    page = client.get("/my/account").get_data(as_text=True)
    assert "I would like an interpreter" in page

    response = client.post("/my/account/interpreter", data={"interpreter": "yes", "interpreter_language": "ti"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/my/account")
    person = _person(db, me.id)
    assert person.interpreter_needed is True and person.interpreter_language == "ti"
    [event] = _audits(db, me.id)
    assert event.actor_id == me.id and event.detail == {"needed": True, "language": "ti"}

    # The page shows the saved choice next time.
    page = client.get("/my/account").get_data(as_text=True)
    assert re.search(r'<option value="ti"\s+selected', page)
    assert re.search(r'<input[^>]*value="yes"[^>]*checked', page)

    client.post("/my/account/interpreter", data={"interpreter": "no", "interpreter_language": "ti"})
    person = _person(db, me.id)
    assert person.interpreter_needed is False and person.interpreter_language is None


def test_a_language_that_is_not_offered_is_not_stored(world, sign_in, db):
    client = sign_in(world.a.young_person)
    client.post("/my/account/interpreter", data={"interpreter": "yes", "interpreter_language": "<script>"})
    person = _person(db, world.a.young_person.id)
    assert person.interpreter_needed is True and person.interpreter_language is None


@pytest.mark.parametrize("role", ["worker", "iro", "council_admin"])
def test_their_worker_iro_or_admin_sets_it_and_it_is_audited(world, sign_in, db, role):
    staff = getattr(world.a, role)
    person_id = world.a.young_person.id
    client = sign_in(staff)
    response = client.post(f"/staff/young-people/{person_id}/interpreter", data={"interpreter": "yes", "interpreter_language": "ar"})
    assert response.status_code == 302
    person = _person(db, person_id)
    assert person.interpreter_needed is True and person.interpreter_language == "ar"
    [event] = _audits(db, person_id)
    assert event.actor_id == staff.id and event.detail == {"needed": True, "language": "ar"}

    page = client.get(f"/staff/young-people/{person_id}").get_data(as_text=True)
    assert "Interpreter needed" in page and "العربية" in page

    # Saving the same again changes nothing and adds no audit entry.
    client.post(f"/staff/young-people/{person_id}/interpreter", data={"interpreter": "yes", "interpreter_language": "ar"})
    assert len(_audits(db, person_id)) == 1


def test_another_worker_or_another_council_cannot_set_it(world, sign_in, db):
    person_id = world.a.young_person.id
    other_worker = factories.staff(world.a.authority, "worker")
    for staff in (other_worker, world.b.worker, world.b.council_admin, world.b.iro):
        client = sign_in(staff)
        response = client.post(f"/staff/young-people/{person_id}/interpreter", data={"interpreter": "yes", "interpreter_language": "ar"})
        assert response.status_code == 404, staff.role
    for role in ("participation_officer", "safeguarding_lead", "manager"):
        response = sign_in(getattr(world.a, role)).post(f"/staff/young-people/{person_id}/interpreter", data={"interpreter": "yes"})
        assert response.status_code in (403, 404), role
    person = _person(db, person_id)
    assert person.interpreter_needed is False
    assert _audits(db, person_id) == []


def test_reviews_pages_show_the_person_setting_even_when_the_views_do_not(world, sign_in, db):
    person = world.a.young_person
    review = factories.review(person)
    factories.sent_views(review, readers=("iro", "worker"))
    db.session.commit()
    client = sign_in(world.a.iro)

    listing = client.get("/staff/reviews/").get_data(as_text=True)
    assert "Interpreter needed" not in listing
    page = client.get(f"/staff/reviews/{review.id}").get_data(as_text=True)
    assert "heard-flag" not in page

    person = _person(db, person.id)
    person.interpreter_needed, person.interpreter_language = True, "ps"
    db.session.commit()

    listing = client.get("/staff/reviews/").get_data(as_text=True)
    assert "Interpreter needed" in listing and "پښتو" in listing
    page = client.get(f"/staff/reviews/{review.id}").get_data(as_text=True)
    assert "heard-flag" in page and "پښتو" in page


def test_alert_page_shows_it_for_the_named_young_person(world, sign_in, db):
    person = world.a.young_person
    person.interpreter_needed, person.interpreter_language = True, "am"
    alert = factories.safeguarding_alert(world.a.authority, young_person=person)
    db.session.commit()
    page = sign_in(world.a.safeguarding_lead).get(f"/staff/safeguarding/{alert.id}").get_data(as_text=True)
    assert "Interpreter needed" in page and "አማርኛ" in page
