"""A link from another site changes nothing: it cannot make a read receipt (the young person would
be told their worker read what they wrote), and looking at a step of the review journey makes no
draft. The staff member who reached the page from elsewhere can still say they read it, without
JavaScript."""
from __future__ import annotations

import re

import pytest

from app.extensions import db
from app.reviews.models import ViewsReader, ViewsSubmission
from app.voice.models import StatementReader

from .. import factories

CROSS_SITE = [
    {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"},
    {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"},
    {"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "navigate"},
    {"Referer": "https://evil.example/page"},  # a browser without Fetch Metadata
]
OPENED_HERE = [
    {"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-User": "?1"},
    {"Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate"},  # typed, bookmarked, from a mail app
    {"Referer": "http://localhost/staff/reviews/"},
    {},
]


def _sent_views():
    council = factories.authority()
    iro = factories.staff(council, "iro")
    person = factories.young_person(council, iro_id=iro.id)
    review = factories.review(person, iro=iro)
    factories.sent_views(review, readers=("iro",))
    db.session.commit()
    return iro, review


def _review_receipt(iro):
    row = db.session.query(ViewsReader).filter_by(user_id=iro.id).one_or_none()
    return row.first_read_at if row else None


@pytest.mark.parametrize("headers", CROSS_SITE)
@pytest.mark.parametrize("path", ["", "/print", "/views.pdf"])
def test_a_link_from_another_site_makes_no_review_receipt(sign_in, headers, path):
    iro, review = _sent_views()
    response = sign_in(iro).get(f"/staff/reviews/{review.id}{path}", headers=headers)
    assert response.status_code == 200
    assert _review_receipt(iro) is None


@pytest.mark.parametrize("headers", OPENED_HERE)
def test_opening_the_views_from_heard_makes_the_receipt(sign_in, headers):
    iro, review = _sent_views()
    page = sign_in(iro).get(f"/staff/reviews/{review.id}", headers=headers).get_data(as_text=True)
    assert _review_receipt(iro) is not None
    assert "not marked as read yet" not in page


def test_the_reader_who_came_from_elsewhere_marks_the_views_read_with_a_button(sign_in):
    iro, review = _sent_views()
    client = sign_in(iro)
    page = client.get(f"/staff/reviews/{review.id}", headers=CROSS_SITE[0]).get_data(as_text=True)
    assert "not marked as read yet" in page
    action = f"/staff/reviews/{review.id}/read"
    assert re.search(rf'<form method="post" action="{re.escape(action)}"', page)
    response = client.post(action)
    assert response.status_code == 302 and response.location.endswith(f"/staff/reviews/{review.id}")
    assert _review_receipt(iro) is not None
    assert "not marked as read yet" not in client.get(f"/staff/reviews/{review.id}", headers=CROSS_SITE[0]).get_data(as_text=True)


def _sent_statement():
    council = factories.authority()
    worker = factories.staff(council, "worker")
    person = factories.young_person(council, worker_id=worker.id)
    statement = factories.statement(person)
    db.session.commit()
    return worker, statement


def _statement_receipt(worker, statement):
    return db.session.query(StatementReader).filter_by(user_id=worker.id, statement_id=statement.id).one().first_read_at


@pytest.mark.parametrize("headers", CROSS_SITE)
@pytest.mark.parametrize("suffix", ["", ".pdf"])
def test_a_link_from_another_site_makes_no_message_receipt(sign_in, headers, suffix):
    worker, statement = _sent_statement()
    response = sign_in(worker).get(f"/staff/voice/statements/{statement.id}{suffix}", headers=headers)
    assert response.status_code == 200
    assert _statement_receipt(worker, statement) is None


def test_a_message_opened_from_heard_is_read_and_one_from_elsewhere_is_marked_by_a_button(sign_in):
    worker, statement = _sent_statement()
    client = sign_in(worker)
    page = client.get(f"/staff/voice/statements/{statement.id}", headers=CROSS_SITE[0]).get_data(as_text=True)
    assert "not marked as read yet" in page and _statement_receipt(worker, statement) is None
    assert client.post(f"/staff/voice/statements/{statement.id}/read").status_code == 302
    assert _statement_receipt(worker, statement) is not None

    other, second = _sent_statement()
    sign_in(other).get(f"/staff/voice/statements/{second.id}", headers=OPENED_HERE[0])
    assert _statement_receipt(other, second) is not None


def test_looking_at_a_step_makes_no_draft_and_the_first_save_does(sign_in):
    council = factories.authority()
    person = factories.young_person(council)
    review = factories.review(person)
    db.session.commit()
    client = sign_in(person)
    for path in ("", "going-well/", "wishes/", "who-reads-it/", "check/"):
        assert client.get(f"/my/reviews/{review.id}/{path}").status_code == 200, path
    assert db.session.query(ViewsSubmission).count() == 0
    response = client.post(f"/my/reviews/{review.id}/going-well/", data={"text": "School is good"})
    assert response.status_code == 302
    assert db.session.query(ViewsSubmission).count() == 1


@pytest.mark.parametrize("headers, marked", [(CROSS_SITE[0], False), (CROSS_SITE[1], False), (OPENED_HERE[0], True), (OPENED_HERE[1], True)])
def test_the_pledge_page_marks_answers_seen_only_when_the_young_person_opened_it(sign_in, headers, marked):
    from app.pledges import service as pledge_service

    council = factories.authority()
    factories.pledge_version(council, "in_care", themes=1, promises=1)
    person = factories.young_person(council, age=13)
    db.session.commit()
    assert sign_in(person).get("/pledge/", headers=headers).status_code == 200
    assert (pledge_service.last_read(person) is not None) == marked
