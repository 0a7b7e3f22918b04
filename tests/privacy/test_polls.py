"""Poll ballots against someone holding the database, the logs and SECRET_KEY.

The promise (app/council/polls.py): nobody can see what a member chose. Until the question
closes, only the member's own browser holds what finds their ballot (so they can change it);
when it closes, even that link is deleted and the ballots are written afresh in a random order.
"""
from __future__ import annotations

import hashlib
import hmac

from app.council import polls
from app.extensions import db
from tests import factories

from .attacker import CHECKED, forged_client, rows, storage_order, transactions


def _vote_through_the_page(client, poll, question, option_id):
    response = client.post(f"/council/polls/{poll.id}/questions/{question.id}", data={"choice": str(option_id)})
    assert response.status_code == 302, response.get_data(as_text=True)[:400]


def test_a_session_forged_with_the_secret_does_not_show_a_members_vote(app, cicc, sign_in):
    poll = factories.council_poll(cicc.group)
    question = poll.questions[0]
    amira = cicc.members[0]
    db.session.commit()
    own = sign_in(amira)
    _vote_through_the_page(own, poll, question, question.options[1].id)
    assert CHECKED.search(own.get(f"/council/polls/{poll.id}/questions/{question.id}").get_data(as_text=True))

    forged = forged_client(app, amira)
    page = forged.get(f"/council/polls/{poll.id}/questions/{question.id}").get_data(as_text=True)
    assert not CHECKED.search(page)


def test_a_voters_ballot_cannot_be_recomputed_from_the_secret(app, cicc, sign_in):
    poll = factories.council_poll(cicc.group)
    question = poll.questions[0]
    amira = cicc.members[0]
    db.session.commit()
    _vote_through_the_page(sign_in(amira), poll, question, question.options[0].id)
    secret = app.config["SECRET_KEY"].encode()
    guesses = {
        hmac.new(secret, f"heard.council.{purpose}:{question.id}:{amira.id}".encode(), hashlib.sha256).hexdigest()
        for purpose in ("ballot", "text")
    }
    stored = {value for row in rows("SELECT * FROM council_poll_ballot") for value in row}
    assert not guesses & stored


def test_once_a_question_closes_nothing_leads_from_a_member_to_their_ballot(app, cicc, sign_in):
    options = [f"Choice {n}" for n in range(12)]
    poll = factories.council_poll(cicc.group, kind="multiple", options=options)
    question = poll.questions[0]
    voters = cicc.members + [factories.young_person(cicc.authority) for _ in range(9)]
    for person in voters[3:]:
        factories.council_member(cicc.group, person)
    db.session.commit()
    for n, person in enumerate(voters):
        _vote_through_the_page(sign_in(person), poll, question, question.options[n].id)
    polls.close_question(question, cicc.officer)
    db.session.commit()

    # No key is left on any ballot, and no time.
    for row in rows("SELECT * FROM council_poll_ballot"):
        assert all(not isinstance(value, str) or len(value) < 20 for value in row), row
    # The order ballots are stored in is not the order people voted in.
    position = {o.id: n for n, o in enumerate(question.options)}
    chosen = dict(rows("SELECT ballot_id, option_id FROM council_poll_choice"))
    stored = [position[chosen[b]] for b in storage_order("council_poll_ballot", "id")]
    assert stored != list(range(12))
    voter_order = {person.id: n for n, person in enumerate(voters)}
    if any(name == "council_poll_voter" for name in db.metadata.tables):
        who = [voter_order[u] for u in storage_order("council_poll_voter", "user_id")]
        assert stored != who
    if db.engine.dialect.name == "postgresql":
        # Every ballot was written by one transaction, after every vote.
        written = set(transactions("council_poll_ballot"))
        assert len(written) == 1
