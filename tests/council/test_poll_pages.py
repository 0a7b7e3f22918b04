"""What a member's poll pages say: the truth once a poll has ended, and one note per question
when its words are not in their language yet."""
from __future__ import annotations

from datetime import timedelta

from app.extensions import db
from app.models_base import utcnow

from .. import factories
from ..helpers import translated


def test_an_ended_poll_shows_results_not_results_so_far(cicc, sign_in):
    poll = factories.council_poll(cicc.group, mode="open", opens_at=utcnow() - timedelta(days=3), closes_at=utcnow() + timedelta(days=1))
    question = poll.questions[0]
    db.session.commit()
    member = sign_in(cicc.members[0])
    member.post(f"/council/polls/{poll.id}/questions/{question.id}", data={"choice": str(question.options[0].id)})
    poll.closes_at = utcnow() - timedelta(minutes=1)  # the poll's time is up
    db.session.commit()
    page = member.get(f"/council/polls/{poll.id}/questions/{question.id}").get_data(as_text=True)
    assert "so far" not in page
    assert "Voting closed" in page and "Change my vote" not in page
    listing = member.get(f"/council/polls/{poll.id}").get_data(as_text=True)
    assert "You can change your answers until the poll closes" not in listing


def test_a_closed_live_question_sends_closed_results_to_open_phones(cicc, sign_in):
    poll = factories.council_poll(cicc.group)
    question = poll.questions[0]
    db.session.commit()
    member = sign_in(cicc.members[0])
    member.post(f"/council/polls/{poll.id}/questions/{question.id}", data={"choice": str(question.options[0].id)})
    officer = sign_in(cicc.officer)
    officer.post(f"/council/manage/polls/{poll.id}/questions/{question.id}/state", data={"action": "close"})
    status = member.get(f"/council/polls/{poll.id}/status.json?question={question.id}").get_json()
    assert status["open"] is False
    assert "so far" not in status["html"] and "Voting closed" in status["html"]


def test_words_not_yet_in_the_readers_language_are_noted_once_per_question(cicc, sign_in):
    jamal = cicc.members[1]
    jamal.preferred_language = "ps"
    poll = factories.council_poll(cicc.group, title={"en": "Meeting votes", "ps": "د غونډې رایې"})  # options in English only
    question = poll.questions[0]
    db.session.commit()
    client = sign_in(jamal)
    note = translated("(not yet in your language)", "ps")
    page = client.get(f"/council/polls/{poll.id}/questions/{question.id}").get_data(as_text=True)
    assert page.count(note) == 1
    client.post(f"/council/polls/{poll.id}/questions/{question.id}", data={"choice": str(question.options[0].id)})
    page = client.get(f"/council/polls/{poll.id}/questions/{question.id}").get_data(as_text=True)
    assert page.count(note) == 1  # the results repeat the answers, not the note
