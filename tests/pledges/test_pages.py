"""The editor, rounds and "you said, we did" through their pages."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.extensions import db
from app.pledges import service
from app.pledges.models import KEPT, NOT_KEPT, PUBLISHED, Pledge, RatingRound
from app.pledges.hooks import _pledge_card

from .. import factories
from .conftest import young_people


def test_an_admin_writes_translates_and_publishes_a_new_version(council, sign_in):
    client = sign_in(council.admin)
    pledge = council.pledge.pledge
    page = client.get("/pledge/admin").get_data(as_text=True)
    assert "Missing translations" in page and "فارسی" in page

    response = client.post(f"/pledge/admin/{pledge.id}/draft")
    draft = pledge.draft
    assert response.location.endswith(f"/pledge/admin/versions/{draft.id}")
    theme = draft.themes[0]

    response = client.post(f"/pledge/admin/themes/{theme.id}/promises/new", data={"text__ar": "بالعربية فقط"})
    assert response.status_code == 200 and "main language" in response.get_data(as_text=True)
    assert "بالعربية فقط" in response.get_data(as_text=True)  # nothing typed is lost

    response = client.post(
        f"/pledge/admin/themes/{theme.id}/promises/new",
        data={"text__en": "You will meet your new carer before you move.", "text__fa": "قبل از جابجایی با سرپرست جدیدت آشنا می‌شوی.", "meaning__en": "No surprises."},
    )
    assert response.status_code == 302
    db.session.expire_all()
    added = draft.themes[0].promises[-1]
    assert added.text["fa"].startswith("قبل") and added.meaning == {"en": "No surprises."}
    assert added.lineage_id == added.id

    client.post(f"/pledge/admin/promises/{added.id}/move", data={"direction": "up"})
    db.session.expire_all()
    assert draft.themes[0].promises[-2].id == added.id

    response = client.post(f"/pledge/admin/versions/{draft.id}/publish")
    db.session.expire_all()
    assert draft.status == PUBLISHED and pledge.current.id == draft.id
    # A published version is read-only: its edit pages are gone.
    assert client.get(f"/pledge/admin/promises/{added.id}").status_code == 404
    assert client.post(f"/pledge/admin/promises/{added.id}/delete").status_code == 404
    overview = client.get("/pledge/admin").get_data(as_text=True)
    assert "Earlier versions" in overview and f"/pledge/admin/versions/{council.pledge.id}" in overview


def test_an_admin_sets_and_closes_rounds(council, sign_in):
    client = sign_in(council.admin)
    start = date.today() + timedelta(days=60)
    response = client.post("/pledge/admin/rounds/new", data={"name": "Summer", "opens_on": start.isoformat(), "closes_on": (start - timedelta(days=3)).isoformat()})
    assert response.status_code == 200 and "after the opening date" in response.get_data(as_text=True)
    response = client.post("/pledge/admin/rounds/new", data={"name": "Summer", "opens_on": start.isoformat(), "closes_on": (start + timedelta(days=30)).isoformat()})
    assert response.status_code == 302
    summer = db.session.scalar(select(RatingRound).where(RatingRound.name == "Summer"))
    assert client.get(f"/pledge/admin/rounds/{summer.id}").status_code == 200

    client.post(f"/pledge/admin/rounds/{council.round.id}/close")
    db.session.expire_all()
    assert council.round.sealed_at is not None
    assert client.get(f"/pledge/admin/rounds/{council.round.id}").status_code == 200
    response = client.post(f"/pledge/admin/rounds/{council.round.id}", data={"name": "Renamed", "opens_on": "2020-01-01", "closes_on": "2020-02-01"})
    assert "cannot change" in response.get_data(as_text=True)


def test_the_council_answers_and_young_people_are_told(council, sign_in):
    promise = council.pledge.promises[0]
    for person in young_people(council.authority, 10, age=14):
        service.rate(person, promise, NOT_KEPT)
    client = sign_in(council.child)
    client.get("/pledge/")  # read before the answer arrives
    service.close_round_now(council.round)
    db.session.commit()
    assert _pledge_card(council.child).context["new_answers"] == 0

    manager = sign_in(council.manager)
    page = manager.get(f"/pledge/promises/{promise.id}/answer?round={council.round.id}")
    assert page.status_code == 200
    response = manager.post(
        f"/pledge/promises/{promise.id}/answer?round={council.round.id}",
        data={"we_will__en": "Every young person will get a named contact for visits.", "we_will__ar": "سيحصل كل شاب على شخص مسؤول عن الزيارات."},
    )
    assert response.status_code == 302

    card = _pledge_card(council.child)
    assert card.context["new_answers"] == 1 and card.highlight
    page = client.get("/pledge/").get_data(as_text=True)
    assert "named contact for visits" in page and "heard-pledge-new" in page
    assert _pledge_card(council.child).context["new_answers"] == 0  # seen now
    assert "heard-pledge-new" not in client.get("/pledge/").get_data(as_text=True)

    # Later the council says what it did: that is new again.
    manager.post(
        f"/pledge/promises/{promise.id}/answer?round={council.round.id}",
        data={"we_will__en": "Every young person will get a named contact for visits.", "we_did__en": "Named contacts started in March."},
    )
    assert _pledge_card(council.child).context["new_answers"] == 1


def test_answers_wait_for_a_closed_round(council, sign_in):
    promise = council.pledge.promises[0]
    response = sign_in(council.manager).get(f"/pledge/promises/{promise.id}/answer")
    assert response.status_code == 302


def test_other_councils_pledges_stay_out_of_reach(council, sign_in):
    other = factories.authority()
    outsider = factories.staff(other, "council_admin")
    young = factories.young_person(other)
    db.session.commit()
    promise = council.pledge.promises[0]
    assert sign_in(outsider).get(f"/pledge/admin/versions/{council.pledge.id}").status_code == 404
    assert sign_in(young).get(f"/pledge/rate/{promise.id}").status_code == 404
    page = sign_in(young).get("/pledge/").get_data(as_text=True)
    assert "Promise 1.1" not in page
    assert db.session.scalar(select(Pledge).where(Pledge.authority_id == other.id)) is None


def test_rating_is_closed_between_rounds(council, sign_in):
    service.close_round_now(council.round)
    db.session.commit()
    client = sign_in(council.child)
    response = client.get("/pledge/rate")
    assert response.status_code == 302 and response.location.endswith("/pledge/")
    response = client.post(f"/pledge/rate/{council.pledge.promises[0].id}", data={"answer": KEPT})
    assert response.status_code == 302
    card = _pledge_card(council.child)
    assert card.context["round"] is None


def test_the_staff_home_says_what_is_open_and_what_is_unanswered(council, sign_in):
    promise = council.pledge.promises[0]
    for person in young_people(council.authority, 10, age=14):
        service.rate(person, promise, NOT_KEPT)
    db.session.commit()
    client = sign_in(council.manager)
    assert "until" in client.get("/staff/").get_data(as_text=True)
    service.close_round_now(council.round)
    db.session.commit()
    page = client.get("/staff/").get_data(as_text=True)
    assert "1 promise has no answer to young people yet" in page  # the only promise rated
    assert "Pledge and charter" not in sign_in(factories.staff(council.authority, "iro")).get("/staff/").get_data(as_text=True)
