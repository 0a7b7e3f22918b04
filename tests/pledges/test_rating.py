"""Rating: one answer per young person per promise per round, changeable until the round closes."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.errors import RuleBroken
from app.extensions import db
from app.models_base import utcnow
from app.pledges import service
from app.pledges.models import DONT_KNOW, KEPT, NOT_KEPT, SOMETIMES, PledgeComment, PledgeRater, PledgeRating

from app.pledges.hooks import _pledge_card

from .. import factories
from ..helpers import browser_key


def _browser(person) -> str:
    """The random key a young person's browser keeps for a round (one browser each, here)."""
    return f"browser-of-{person.id}"


def _rate(person, promise, answer, comment=None, **kwargs):
    return service.rate(person, promise, answer, comment, key=_browser(person), **kwargs)


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_one_rating_per_person_per_promise_per_round_and_it_can_change(council):
    promise = council.pledge.promises[0]
    _rate(council.child, promise, KEPT)
    _rate(council.child, promise, NOT_KEPT)
    db.session.commit()
    assert _count(PledgeRating) == 1
    assert service.my_ratings(council.child, council.round, _browser(council.child)) == {promise.id: NOT_KEPT}

    other = factories.young_person(council.authority)
    _rate(other, promise, SOMETIMES)
    assert _count(PledgeRating) == 2
    assert service.my_ratings(council.child, council.round, _browser(council.child)) == {promise.id: NOT_KEPT}


def test_the_database_refuses_a_second_rating_for_the_same_person(council):
    promise = council.pledge.promises[0]
    rating, _ = _rate(council.child, promise, KEPT)
    db.session.commit()
    db.session.add(PledgeRating(authority_id=council.authority.id, round_id=council.round.id, promise_id=promise.id, answer=KEPT, key_hash=rating.key_hash))
    with pytest.raises(Exception):
        db.session.flush()
    db.session.rollback()
    db.session.add(PledgeRater(authority_id=council.authority.id, round_id=council.round.id, promise_id=promise.id, user_id=council.child.id))
    with pytest.raises(Exception):
        db.session.flush()
    db.session.rollback()
    # From another browser the promise cannot be rated a second time either.
    with pytest.raises(RuleBroken, match="another phone"):
        service.rate(council.child, promise, NOT_KEPT, key="another-browser")
    assert _count(PledgeRating) == 1


def test_a_new_round_takes_a_new_rating(council):
    promise = council.pledge.promises[0]
    _rate(council.child, promise, KEPT)
    service.close_round_now(council.round)
    factories.rating_round(council.authority, name="Next", opens_at=utcnow())
    _rate(council.child, promise, DONT_KNOW)
    db.session.commit()
    assert _count(PledgeRating) == 2


def test_rating_rows_never_hold_who_rated_and_closing_cuts_the_link(council):
    promise = council.pledge.promises[0]
    rating, _ = _rate(council.child, promise, KEPT)
    _rate(council.leaver, council.charter.promises[0], KEPT)
    db.session.commit()
    columns = set(PledgeRating.__table__.columns.keys())
    assert not columns & {"young_person_id", "user_id", "created_at", "updated_at"}
    assert rating.key_hash and _browser(council.child) not in rating.key_hash

    service.close_round_now(council.round)
    db.session.commit()
    assert db.session.scalars(select(PledgeRating.key_hash)).all() == [None, None]
    assert _count(PledgeRater) == 0  # who took part is forgotten once counted
    assert council.round.participants == {"in_care": 1, "care_leaver": 1}
    assert service.my_ratings(council.child, council.round, _browser(council.child)) == {}
    with pytest.raises(RuleBroken):
        _rate(council.child, promise, NOT_KEPT)


def test_rounds_close_by_themselves_when_their_time_is_up(council):
    _rate(council.child, council.pledge.promises[0], KEPT)
    council.round.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    with pytest.raises(RuleBroken, match="closed"):
        _rate(council.child, council.pledge.promises[0], NOT_KEPT)
    assert service.seal_due_rounds() == 1
    assert db.session.scalar(select(PledgeRating.key_hash)) is None


def test_young_people_rate_only_their_own_pledge(council):
    with pytest.raises(RuleBroken):
        _rate(council.child, council.charter.promises[0], KEPT)
    with pytest.raises(RuleBroken):
        _rate(council.child, council.pledge.promises[0], "brilliant")


def test_rounds_cannot_overlap_or_end_before_they_start(council):
    now = utcnow()
    with pytest.raises(RuleBroken, match="overlap"):
        service.create_round(council.authority.id, "Clash", now, now + timedelta(days=2))
    with pytest.raises(RuleBroken, match="after"):
        service.create_round(council.authority.id, "Backwards", now + timedelta(days=90), now + timedelta(days=60))


def test_a_comment_goes_to_moderation_and_is_not_stored_with_the_rating(council):
    from app.moderation.models import ModerationItem

    promise = council.pledge.promises[0]
    _rating, item = _rate(council.child, promise, NOT_KEPT, "My social worker changed three times this year")
    db.session.commit()
    assert item is not None and item.source == "pledge.comment" and item.audience == "council"
    assert item.source_id is None  # nothing in moderation points at a rating
    comment = db.session.scalar(select(PledgeComment))
    assert comment.comment_item_id == item.id
    assert "My social worker" not in repr(db.session.execute(select(PledgeRating.__table__)).all())

    # The same words again are not queued twice; clearing the comment withdraws it.
    _rate(council.child, promise, NOT_KEPT, "My social worker changed three times this year")
    assert _count(ModerationItem) == 1
    _rate(council.child, promise, NOT_KEPT, "")
    assert _count(PledgeComment) == 0


def test_the_rating_pages_work_one_promise_at_a_time(council, sign_in):
    client = sign_in(council.child)
    first, second = council.pledge.promises[:2]
    response = client.get("/pledge/rate")
    assert response.status_code == 302 and response.location.endswith(f"/pledge/rate/{first.id}")
    page = client.get(f"/pledge/rate/{first.id}").get_data(as_text=True)
    assert "Promise 1 of 4" in page and "Meaning 1.1" in page

    response = client.post(f"/pledge/rate/{first.id}", data={"comment": "kept my words"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "govuk-error-summary" in body and "kept my words" in body  # nothing typed is lost

    response = client.post(f"/pledge/rate/{first.id}", data={"answer": "kept"})
    assert response.status_code == 302 and response.location.endswith(f"/pledge/rate/{second.id}")
    assert service.my_ratings(council.child, council.round, browser_key(client, f"round:{council.round.id}")) == {first.id: KEPT}
    card = _pledge_card(council.child)
    assert card.context["rated"] == 1 and card.context["total"] == 4 and card.highlight


def test_a_worrying_comment_shows_where_to_get_help(council, sign_in):
    client = sign_in(council.child)
    promise = council.pledge.promises[0]
    response = client.post(f"/pledge/rate/{promise.id}", data={"answer": "not_kept", "comment": "I want to kill myself"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "Your answer is saved" in body and "0300 555 0199" in body  # the out-of-hours number
    assert service.my_ratings(council.child, council.round, browser_key(client, f"round:{council.round.id}")) == {promise.id: NOT_KEPT}
