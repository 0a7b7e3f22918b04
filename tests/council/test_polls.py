"""Polls: one secret vote per member per question, changeable until close, hidden results."""
import csv
import io
import json
import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.council import polls
from app.council.models import CLOSED, EVERYONE, PollBallot, PollQuestion, PollVoter
from app.errors import RuleBroken
from app.extensions import db
from app.moderation.models import ModerationItem

from .. import factories


def _option(question, text):
    return str(next(o.id for o in question.options if o.text["en"] == text))


def _q(poll):
    return poll.questions[0]


def _browser(who) -> str:
    """The random key a member's browser keeps for a question (one browser each, in these tests)."""
    return f"browser-of-{who.id}"


def _vote(question, who, choices, **kwargs):
    return polls.cast_vote(question, who, choices, key=_browser(who), **kwargs)


def test_one_vote_per_member_per_question_and_changing_replaces_it(cicc):
    poll = factories.council_poll(cicc.group)
    q = _q(poll)
    amira = cicc.members[0]
    first = _vote(q, amira, [_option(q, "Yes")])
    assert not first.changed
    second = _vote(q, amira, [_option(q, "No")])
    assert second.changed
    assert polls.ballot_count(q) == 1
    counts = polls.count_votes(q)
    assert counts.get(int(_option(q, "Yes")), 0) == 0 and counts[int(_option(q, "No"))] == 1


def test_the_database_refuses_a_second_ballot_for_the_same_member(cicc):
    poll = factories.council_poll(cicc.group)
    q = _q(poll)
    _vote(q, cicc.members[0], [_option(q, "Yes")])
    db.session.commit()
    db.session.add(PollVoter(authority_id=q.authority_id, question_id=q.id, user_id=cicc.members[0].id))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    # From another browser (a key that finds nothing) the member cannot vote again either.
    with pytest.raises(RuleBroken):
        polls.cast_vote(q, cicc.members[0], [_option(q, "No")], key="another-browser")
    assert polls.ballot_count(q) == 1


def test_votes_cannot_change_after_the_question_closes(cicc):
    poll = factories.council_poll(cicc.group)
    q = _q(poll)
    _vote(q, cicc.members[0], [_option(q, "Yes")])
    polls.close_question(q, cicc.officer)
    with pytest.raises(RuleBroken):
        _vote(q, cicc.members[0], [_option(q, "No")])
    # The vote stands; the link from the member's browser to it is gone.
    assert polls.count_votes(q)[int(_option(q, "Yes"))] == 1
    assert polls.has_voted(q.id, cicc.members[0])
    assert polls.my_choices(q, cicc.members[0], _browser(cicc.members[0])) == set()


def test_open_polls_close_when_their_time_is_up(cicc):
    from datetime import timedelta

    from app.models_base import utcnow

    poll = factories.council_poll(cicc.group, mode="open", closes_at=utcnow() - timedelta(minutes=1))
    q = _q(poll)
    with pytest.raises(RuleBroken):
        _vote(q, cicc.members[0], [_option(q, "Yes")])
    assert polls.close_expired_polls() == 1
    assert poll.state == CLOSED


def test_single_choice_takes_one_answer_and_multiple_takes_several(cicc):
    single = _q(factories.council_poll(cicc.group))
    with pytest.raises(RuleBroken):
        _vote(single, cicc.members[0], [_option(single, "Yes"), _option(single, "No")])
    with pytest.raises(RuleBroken):
        _vote(single, cicc.members[0], [])
    with pytest.raises(RuleBroken):
        _vote(single, cicc.members[0], ["999999"])  # not an option of this question
    multiple = _q(factories.council_poll(cicc.group, kind="multiple"))
    _vote(multiple, cicc.members[0], [_option(multiple, "Yes"), _option(multiple, "No")])
    assert polls.ballot_count(multiple) == 1
    assert sum(polls.count_votes(multiple).values()) == 2


def test_only_members_vote_unless_the_poll_is_for_everyone(cicc):
    members_only = _q(factories.council_poll(cicc.group))
    with pytest.raises(RuleBroken):
        _vote(members_only, cicc.outsider, [_option(members_only, "Yes")])
    with pytest.raises(RuleBroken):
        _vote(members_only, cicc.officer, [_option(members_only, "Yes")])  # staff do not vote
    for_all = factories.council_poll(cicc.group, mode="open", audience=EVERYONE)
    _vote(_q(for_all), cicc.outsider, [_option(_q(for_all), "Yes")])
    assert polls.ballot_count(_q(for_all)) == 1
    assert for_all in polls.polls_for(cicc.outsider)
    assert all(p.audience == EVERYONE for p in polls.polls_for(cicc.outsider))


def test_another_council_cannot_vote(cicc):
    q = _q(factories.council_poll(cicc.group, audience=EVERYONE))
    stranger = factories.young_person(factories.authority())
    with pytest.raises(RuleBroken):
        _vote(q, stranger, [_option(q, "Yes")])


def test_ballots_do_not_store_who_voted(cicc):
    """The ballot table holds no user id: a keyed hash finds the voter's own ballot only."""
    q = _q(factories.council_poll(cicc.group))
    amira = cicc.members[0]
    _vote(q, amira, [_option(q, "Yes")])
    columns = {c.name for c in PollBallot.__table__.columns}
    assert not columns & {"user_id", "voter_id", "author_id", "cast_at"}
    ballot = db.session.scalar(select(PollBallot))
    assert len(ballot.key_hash) == 64 and _browser(amira) not in ballot.key_hash
    # The same browser's key hashes differently on another question, so ballots cannot be linked.
    other = _q(factories.council_poll(cicc.group))
    assert polls.ballot_key_hash(other, _browser(amira)) != ballot.key_hash
    assert polls.my_choices(q, cicc.members[1], _browser(cicc.members[1])) == set()  # others find nothing of hers
    assert polls.my_choices(q, amira, _browser(amira)) == {_option(q, "Yes")}


def test_hidden_results_show_only_the_number_of_voters_until_close(cicc):
    poll = factories.council_poll(cicc.group, hide_results_until_close=True)
    q = _q(poll)
    for member in cicc.members:
        _vote(q, member, [_option(q, "Yes")])
    shown = polls.results(q)
    assert shown.hidden and shown.voters == 3 and shown.counts == {}
    polls.close_question(q, cicc.officer)
    shown = polls.results(q)
    assert not shown.hidden and shown.counts[int(_option(q, "Yes"))] == 3


def test_live_poll_opens_one_question_at_a_time(cicc):
    poll = factories.council_poll(cicc.group, state="draft")
    first = _q(poll)
    second = polls.add_question(poll, text={"en": "Second?"}, kind="single", options=[{"en": "A"}, {"en": "B"}])
    polls.open_question(first, cicc.officer)
    assert poll.state == "open" and polls.question_is_open(first)
    assert not polls.question_is_open(second)
    polls.open_question(second, cicc.officer)
    assert first.state == CLOSED and polls.question_is_open(second)
    assert polls.current_question(poll) == second


def test_a_question_with_votes_cannot_be_rewritten(cicc):
    poll = factories.council_poll(cicc.group)
    q = _q(poll)
    _vote(q, cicc.members[0], [_option(q, "Yes")])
    with pytest.raises(RuleBroken):
        polls.add_question(poll, question=q, text={"en": "Changed"}, kind="single", options=[{"en": "A"}, {"en": "B"}])


def test_other_and_comment_go_to_moderation_and_are_shown_only_when_approved(cicc):
    from app.moderation import service as moderation

    poll = factories.council_poll(cicc.group, allow_other=True, allow_comment=True)
    q = _q(poll)
    with pytest.raises(RuleBroken) as error:
        _vote(q, cicc.members[0], ["other"])
    assert error.value.field == "other_text"
    _vote(q, cicc.members[0], ["other"], other_text="A trip to the mountains", comment="Please make it soon", language="en")
    items = db.session.scalars(select(ModerationItem).where(ModerationItem.source.like("council.poll_%"))).all()
    assert sorted(i.source for i in items) == ["council.poll_comment", "council.poll_other"]
    assert all(i.audience == "group" and i.status == "pending" for i in items)
    assert polls.published_texts(q) == {"comment": [], "other": []}
    own = polls.my_texts(q, cicc.members[0])
    assert own["other"].text == "A trip to the mountains" and own["comment"].status == "pending"
    for item in items:
        moderation.approve(item, cicc.officer)
    shown = polls.published_texts(q)
    assert [t.text for t in shown["other"]] == ["A trip to the mountains"]
    assert polls.count_votes(q)["other"] == 1


def test_risky_comment_still_counts_and_asks_to_show_help(cicc):
    poll = factories.council_poll(cicc.group, allow_comment=True)
    q = _q(poll)
    outcome = _vote(q, cicc.members[0], [_option(q, "Yes")], comment="I want to kill myself", language="en")
    assert outcome.risk
    assert polls.ballot_count(q) == 1


def test_vote_page_keeps_what_was_typed_when_something_is_missing(cicc, sign_in):
    poll = factories.council_poll(cicc.group, allow_other=True, allow_comment=True)
    q = _q(poll)
    client = sign_in(cicc.members[0])
    response = client.post(f"/council/polls/{poll.id}/questions/{q.id}", data={"comment": "my half-typed thought"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Choose an answer" in page and "my half-typed thought" in page


def test_no_page_shows_who_voted_what(cicc, sign_in):
    poll = factories.council_poll(cicc.group)
    q = _q(poll)
    client = sign_in(cicc.members[0])
    client.post(f"/council/polls/{poll.id}/questions/{q.id}", data={"choice": _option(q, "Not sure")})
    assert polls.ballot_count(q) == 1
    officer = sign_in(cicc.officer)
    pages = [
        officer.get(f"/council/manage/polls/{poll.id}"),
        officer.get(f"/council/manage/polls/{poll.id}/run"),
        officer.get(f"/council/manage/polls/{poll.id}/projector"),
        officer.get(f"/council/manage/polls/{poll.id}/results.csv"),
        officer.get(f"/council/polls/{poll.id}/status.json?question={q.id}&view=projector"),
        sign_in(cicc.members[1]).get(f"/council/polls/{poll.id}/questions/{q.id}"),
    ]
    for response in pages:
        assert response.status_code == 200
        assert "Amira" not in response.get_data(as_text=True)
    # The other member sees the question unanswered: nothing of Amira's vote is pre-selected.
    assert not re.search(r"<input[^>]*\bchecked\b", pages[-1].get_data(as_text=True))


def test_status_json_redraws_only_when_something_changed(cicc, sign_in):
    poll = factories.council_poll(cicc.group)
    q = _q(poll)
    officer = sign_in(cicc.officer)
    url = f"/council/polls/{poll.id}/status.json?question={q.id}&view=projector"
    first = json.loads(officer.get(url).get_data())
    assert first["current"] == q.id and first["open"] and "html" in first
    again = json.loads(officer.get(url + "&v=" + first["signature"]).get_data())
    assert "html" not in again
    _vote(q, cicc.members[0], [_option(q, "Yes")])
    db.session.commit()
    changed = json.loads(officer.get(url + "&v=" + first["signature"]).get_data())
    assert changed["signature"] != first["signature"] and "1 person has voted" in changed["html"]


def test_members_see_results_only_after_voting(cicc, sign_in):
    poll = factories.council_poll(cicc.group)
    q = _q(poll)
    _vote(q, cicc.members[0], [_option(q, "Yes")])
    db.session.commit()
    client = sign_in(cicc.members[1])
    page = client.get(f"/council/polls/{poll.id}/questions/{q.id}").get_data(as_text=True)
    assert "Vote to see the results so far" in page
    client.post(f"/council/polls/{poll.id}/questions/{q.id}", data={"choice": _option(q, "No")})
    page = client.get(f"/council/polls/{poll.id}/questions/{q.id}").get_data(as_text=True)
    assert "2 people have voted" in page and "Change my vote" in page


def test_csv_export_follows_the_small_numbers_rules(cicc, sign_in):
    poll = factories.council_poll(cicc.group)
    q = _q(poll)
    for member in cicc.members:
        _vote(q, member, [_option(q, "Yes")])
    polls.close_poll(poll, cicc.officer)
    db.session.commit()
    body = sign_in(cicc.officer).get(f"/council/manage/polls/{poll.id}/results.csv").get_data(as_text=True)
    assert "<5" in body and ",3," not in body


def test_csv_export_labels_a_count_hidden_to_protect_a_small_one_as_hidden(cicc, sign_in):
    poll = factories.council_poll(cicc.group)
    q = _q(poll)
    voters = [factories.young_person(cicc.authority) for _ in range(21)]
    for voter in voters:
        factories.council_member(cicc.group, voter)
    for voter, answer in zip(voters, ["Yes"] * 10 + ["No"] * 9 + ["Not sure"] * 2):
        _vote(q, voter, [_option(q, answer)])
    polls.close_poll(poll, cicc.officer)
    db.session.commit()
    body = sign_in(cicc.officer).get(f"/council/manage/polls/{poll.id}/results.csv").get_data(as_text=True)
    rows = {row[1]: row[2] for row in csv.reader(io.StringIO(body))}
    # The 9 who said no are hidden so that the 2 unsure cannot be worked out; they are not "<5".
    assert rows["Yes"] == "10" and rows["No"] == "hidden" and rows["Not sure"] == "<5"


def test_facilitator_builds_and_runs_a_live_poll_through_the_pages(cicc, sign_in):
    officer = sign_in(cicc.officer)
    response = officer.post(f"/council/manage/groups/{cicc.group.id}/polls/new",
                            data={"title_en": "Tonight", "title_ps": "نن شپه", "mode": "live", "audience": "members", "meeting_id": ""})
    assert response.status_code == 302
    poll_id = int(response.location.rstrip("/").split("/")[-1])
    response = officer.post(f"/council/manage/polls/{poll_id}/questions/new",
                            data={"text_en": "Pizza or curry?", "text_ps": "پیزا که کري؟", "options_en": "Pizza\nCurry", "options_ps": "پیزا\nکري", "kind": "single"})
    assert response.status_code == 302
    q = db.session.scalar(select(PollQuestion).where(PollQuestion.poll_id == poll_id))
    assert q.options[1].text == {"en": "Curry", "ps": "کري"}
    officer.post(f"/council/manage/polls/{poll_id}/questions/{q.id}/state", data={"action": "open"})
    member = sign_in(cicc.members[0])
    assert member.get(f"/council/polls/{poll_id}").location.endswith(f"/questions/{q.id}")
    member.post(f"/council/polls/{poll_id}/questions/{q.id}", data={"choice": str(q.options[1].id)})
    officer.post(f"/council/manage/polls/{poll_id}/questions/{q.id}/state", data={"action": "close"})
    assert db.session.scalar(select(func.count()).select_from(PollBallot)) == 1
    assert "Voting closed" in officer.get(f"/council/manage/polls/{poll_id}/projector").get_data(as_text=True)


def test_live_pages_share_a_half_second_snapshot_and_members_who_leave_stop_getting_it(cicc, sign_in, app, monkeypatch):
    from app.council import service

    monkeypatch.setitem(app.config, "COUNCIL_LIVE_CACHE", True)
    monkeypatch.setattr(polls, "_snapshots", {})
    monkeypatch.setattr(polls, "_members", {})
    monkeypatch.setattr(polls, "SNAPSHOT_SECONDS", 3600)  # however slow the machine, the snapshot holds
    poll = factories.council_poll(cicc.group)
    q = _q(poll)
    db.session.commit()
    member = sign_in(cicc.members[0])
    url = f"/council/polls/{poll.id}/status.json?question={q.id}"
    assert json.loads(member.get(url).get_data())["voters"] == 0
    _vote(q, cicc.members[1], [_option(q, "Yes")])
    db.session.commit()
    assert json.loads(member.get(url).get_data())["voters"] == 0  # the shared snapshot, while it lasts
    monkeypatch.setattr(polls, "SNAPSHOT_SECONDS", 0)
    assert json.loads(member.get(url).get_data())["voters"] == 1
    service.leave(cicc.group, cicc.members[0])
    db.session.commit()
    monkeypatch.setattr(polls, "MEMBER_SECONDS", 0)
    assert member.get(url).status_code == 404
