"""Outcomes and participation codes are recorded after the review, and fit the child's age."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.errors import RuleBroken
from app.extensions import db
from app.reviews import service
from app.reviews.models import Review, ViewsSubmission

from .. import factories


def _sent_views(*, days_ahead, age=14):
    council = factories.authority()
    iro = factories.staff(council, "iro")
    today = date.today()
    person = factories.young_person(council, iro_id=iro.id, date_of_birth=date(today.year - age, today.month, 1) - timedelta(days=40))
    review = factories.review(person, iro=iro, days_ahead=days_ahead)
    submission = factories.sent_views(review, readers=("iro",))
    db.session.commit()
    return iro, person, review, submission


def _post_outcome(client, review, submission):
    wish = submission.wishes[0]
    return client.post(f"/staff/reviews/{review.id}/outcomes", data={f"wish-{wish.id}-outcome": "agreed", f"wish-{wish.id}-text": "Yes"})


def test_no_outcome_is_recorded_for_a_review_seven_weeks_away(sign_in):
    iro, person, review, submission = _sent_views(days_ahead=49)
    staff = sign_in(iro)
    page = staff.get(f"/staff/reviews/{review.id}").get_data(as_text=True)
    assert "Save outcomes" not in page and "after the review" in page
    _post_outcome(staff, review, submission)
    db.session.expire_all()
    assert db.session.get(ViewsSubmission, submission.id).wishes[0].outcome is None
    assert "Agreed" not in sign_in(person).get(f"/my/reviews/{review.id}/").get_data(as_text=True)


def test_outcomes_are_recorded_on_the_day_of_the_review_and_after(sign_in):
    for days_ahead in (0, -3):
        iro, _person, review, submission = _sent_views(days_ahead=days_ahead)
        assert _post_outcome(sign_in(iro), review, submission).status_code == 302
        db.session.expire_all()
        assert db.session.get(ViewsSubmission, submission.id).wishes[0].outcome == "agreed"


def test_nothing_is_recorded_for_a_review_without_a_date(sign_in):
    iro, _person, review, submission = _sent_views(days_ahead=None)
    staff = sign_in(iro)
    _post_outcome(staff, review, submission)
    staff.post(f"/staff/reviews/{review.id}/participation", data={"code": "PN1"})
    db.session.expire_all()
    assert db.session.get(ViewsSubmission, submission.id).wishes[0].outcome is None
    assert db.session.get(Review, review.id).participation_code is None


def test_no_participation_code_for_a_future_review(sign_in):
    iro, _person, review, _submission = _sent_views(days_ahead=3)
    staff = sign_in(iro)
    assert "Save participation code" not in staff.get(f"/staff/reviews/{review.id}").get_data(as_text=True)
    staff.post(f"/staff/reviews/{review.id}/participation", data={"code": "PN1"})
    assert db.session.get(Review, review.id).participation_code is None


def test_pn0_is_only_for_a_child_under_four_on_the_day(sign_in):
    iro, _person, review, _submission = _sent_views(days_ahead=-1, age=16)
    staff = sign_in(iro)
    response = staff.post(f"/staff/reviews/{review.id}/participation", data={"code": "PN0"}, follow_redirects=True)
    assert "PN0 is only for a child under 4" in response.get_data(as_text=True)
    assert db.session.get(Review, review.id).participation_code is None
    staff.post(f"/staff/reviews/{review.id}/participation", data={"code": "PN1"})
    assert db.session.get(Review, review.id).participation_code == "PN1"


def test_a_child_under_four_is_recorded_as_pn0():
    iro, _person, review, _submission = _sent_views(days_ahead=-1, age=3)
    with pytest.raises(RuleBroken):
        service.record_participation(review, iro, "PN1")
    service.record_participation(review, iro, "PN0")
    assert review.participation_code == "PN0"


def test_a_review_with_outcomes_cannot_move_into_the_future(sign_in):
    iro, _person, review, submission = _sent_views(days_ahead=-1)
    staff = sign_in(iro)
    _post_outcome(staff, review, submission)
    later = date.today() + timedelta(days=30)
    staff.post(f"/staff/reviews/{review.id}/date", data={"date": later.isoformat()})
    db.session.expire_all()
    assert db.session.get(Review, review.id).date == date.today() - timedelta(days=1)
