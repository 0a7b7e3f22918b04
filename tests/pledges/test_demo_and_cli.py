"""The demo council's pledge and charter, and the sealing command."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.demo import load_demo
from app.extensions import db
from app.models_base import utcnow
from app.pledges import scorecard, service
from app.pledges.models import CARE_LEAVER, IN_CARE, PledgeRating

from .. import factories


def test_the_demo_council_has_a_translated_pledge_and_charter_with_rounds(app):
    people = load_demo()
    authority = people["sam"].authority
    charter = service.get_pledge(authority.id, CARE_LEAVER).current
    pledge = service.get_pledge(authority.id, IN_CARE).current
    assert len(pledge.promises) >= 10 and len(charter.promises) >= 8
    for language in ("ar", "ps", "fa_AF", "fa"):
        assert service.translation_gaps(charter, [language]) == {language: 0}, language
    assert service.open_round(authority.id) is not None
    rounds = service.sealed_rounds(authority.id)
    assert len(rounds) == 2
    assert db.session.scalar(select(PledgeRating.key_hash).where(PledgeRating.key_hash.is_not(None))) is None
    card = scorecard.round_scorecard(rounds[-1], with_comments=True)
    assert any(r.comments for _, _, r in card.promise_results())
    assert scorecard.trends(authority.id).rows
    assert service.new_answers(people["sam"]) == 1


def test_the_command_seals_rounds_that_have_closed(app, db):
    authority = factories.authority()
    factories.pledge_version(authority)
    person = factories.young_person(authority)
    rnd = factories.rating_round(authority)
    service.rate(person, service.current_version_for(person).promises[0], "kept")
    rnd.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["heard", "seal-pledge-rounds"])
    assert "Sealed 1" in result.output
    db.session.expire_all()
    assert rnd.sealed_at is not None
    assert db.session.scalar(select(PledgeRating.key_hash)) is None
