"""Pledges are versioned: published wording never changes, and ratings stay with what was rated."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import RuleBroken
from app.extensions import db
from app.pledges import scorecard, service
from app.pledges.models import DRAFT, KEPT, NOT_KEPT, PUBLISHED, RETIRED, PledgeRating

from .conftest import young_people


def test_new_version_keeps_old_ratings_with_old_wording(council):
    old_promise = council.pledge.promises[0]
    raters = young_people(council.authority, 10, age=14)
    for person in raters:
        service.rate(person, old_promise, KEPT)

    draft = service.start_draft(council.pledge.pledge)
    changed = draft.promises[0]
    assert changed.lineage_id == old_promise.lineage_id and changed.id != old_promise.id
    service.update_promise(changed, council.authority, {"en": "We will reply to you within a week."})
    service.publish(draft, council.authority)
    db.session.commit()

    assert council.pledge.status == RETIRED and draft.status == PUBLISHED
    assert old_promise.text == {"en": "Promise 1.1"}  # the rated words are untouched
    rows = db.session.scalars(select(PledgeRating)).all()
    assert {row.promise_id for row in rows} == {old_promise.id}

    # New ratings in the same round go to the new wording; the old ones stay on the old.
    for person in raters[:5]:
        service.rate(person, changed, NOT_KEPT)
    service.close_round_now(council.round)
    card = scorecard.round_scorecard(council.round)
    (audience,) = [a for a in card.audiences if a.audience == "in_care"]
    assert [v.number for v in audience.versions] == [1, 2]
    by_promise = {r.promise.id: r for _, _, r in card.promise_results()}
    assert by_promise[old_promise.id].overall.base.count == 10
    assert by_promise[old_promise.id].promise.text["en"] == "Promise 1.1"
    assert by_promise[changed.id].overall.base.count == 5
    assert by_promise[changed.id].promise.text["en"] == "We will reply to you within a week."


def test_published_version_cannot_be_edited(council):
    with pytest.raises(RuleBroken):
        service.update_promise(council.pledge.promises[0], council.authority, {"en": "Sneaky change"})
    with pytest.raises(RuleBroken):
        service.add_theme(council.pledge, council.authority, {"en": "New"})


def test_a_draft_needs_wording_in_the_main_language_and_a_promise_in_every_theme(council):
    draft = service.start_draft(council.pledge.pledge)
    assert draft.status == DRAFT and service.start_draft(council.pledge.pledge) is draft
    with pytest.raises(RuleBroken):
        service.add_promise(draft.themes[0], council.authority, {"ar": "فقط بالعربية"})
    service.add_theme(draft, council.authority, {"en": "Empty theme"})
    with pytest.raises(RuleBroken, match="Every theme"):
        service.publish(draft, council.authority)


def test_translation_gaps_count_missing_text_per_language(council):
    gaps = service.translation_gaps(council.pledge, ["en", "ar", "fa"])
    # title has en+ar; 2 themes, 4 promises, 4 meanings are English only
    assert gaps == {"en": 0, "ar": 10, "fa": 11}


def test_reading_falls_back_to_english_with_a_note(council, sign_in):
    response = sign_in(council.leaver).get("/pledge/")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'dir="rtl"' in body and "منشور" in body
    assert "Promise 1.1" in body  # not translated yet: shown in English ...
    assert "heard-fallback-note" in body  # ... and marked so
    assert "0300 555 0142" in body  # the advocacy line
