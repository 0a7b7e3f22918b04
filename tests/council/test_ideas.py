"""Ideas, consultations, good news: moderated before anyone else sees them; "you said, we did"."""
import pytest
from sqlalchemy import select

from app.council import ideas
from app.errors import RuleBroken
from app.extensions import db
from app.moderation import service as moderation
from app.moderation.models import ModerationItem

from .. import factories


def _item(item_id):
    return db.session.get(ModerationItem, item_id)


def test_an_idea_is_seen_by_nobody_else_until_moderation_approves_it(cicc, sign_in):
    idea = factories.council_idea(cicc.group, cicc.members[0], text="A football team for us")
    db.session.commit()
    assert ideas.published_ideas(cicc.group) == []
    assert sign_in(cicc.members[1]).get(f"/council/ideas/{idea.id}").status_code == 404
    assert sign_in(cicc.officer).get(f"/council/manage/ideas/{idea.id}").status_code == 404
    assert "A football team for us" not in sign_in(cicc.officer).get(f"/council/manage/groups/{cicc.group.id}").get_data(as_text=True)
    assert "A football team for us" in sign_in(cicc.members[0]).get(f"/council/groups/{cicc.group.id}").get_data(as_text=True)
    moderation.approve(_item(idea.item_id), cicc.officer)
    db.session.commit()
    assert "A football team for us" in sign_in(cicc.members[1]).get(f"/council/ideas/{idea.id}").get_data(as_text=True)


def test_redacted_text_is_what_others_see(cicc, sign_in):
    idea = factories.council_idea(cicc.group, cicc.members[0], text="Ask Mr Smith at Oak School for a club")
    moderation.approve(_item(idea.item_id), cicc.officer, text="Ask [a teacher] at [a school] for a club")
    db.session.commit()
    page = sign_in(cicc.members[1]).get(f"/council/groups/{cicc.group.id}").get_data(as_text=True)
    assert "[a teacher]" in page and "Mr Smith" not in page


def test_members_support_ideas_once_and_the_answer_reaches_author_and_supporters(cicc, sign_in):
    idea = factories.council_idea(cicc.group, cicc.members[0], approve_by=cicc.officer)
    db.session.commit()
    supporter = sign_in(cicc.members[1])
    supporter.post(f"/council/ideas/{idea.id}")
    supporter.post(f"/council/ideas/{idea.id}")  # a double tap
    assert ideas.supporters(idea) == 1
    with pytest.raises(RuleBroken):
        ideas.support(idea, cicc.members[0])  # not your own
    officer = sign_in(cicc.officer)
    response = officer.post(f"/council/manage/ideas/{idea.id}", data={"status": "done", "response": ""})
    assert response.status_code == 400  # an answer must say what happened
    officer.post(f"/council/manage/ideas/{idea.id}", data={"status": "done", "response": "We booked a seaside trip for August."})
    for member in (cicc.members[0], cicc.members[1]):
        assert "We booked a seaside trip for August." in sign_in(member).get("/council/").get_data(as_text=True)
    assert "We booked a seaside trip" not in sign_in(cicc.members[2]).get("/council/").get_data(as_text=True)
    assert ideas.answer_days(cicc.group) is not None


def test_consultation_answers_are_moderated(cicc, sign_in):
    consultation = factories.council_consultation(cicc.group)
    db.session.commit()
    client = sign_in(cicc.members[0])
    response = client.post(f"/council/consultations/{consultation.id}", data={"text": "Shorter meetings, in a cafe"})
    assert response.status_code == 200 and "Your answer is in" in response.get_data(as_text=True)
    item = db.session.scalar(select(ModerationItem).where(ModerationItem.source == "council.consultation_answer"))
    assert item.status == "pending"
    assert "Shorter meetings" not in sign_in(cicc.members[1]).get(f"/council/consultations/{consultation.id}").get_data(as_text=True)
    empty = client.post(f"/council/consultations/{consultation.id}", data={"text": "  "})
    assert empty.status_code == 400


def test_good_news_is_moderated_and_shown_by_first_name_or_anonymously(cicc, sign_in):
    named, item = ideas.share_good_news(cicc.group, cicc.members[0], "I passed my driving theory test", "en", show_name=True)
    anonymous, item2 = ideas.share_good_news(cicc.group, cicc.members[1], "I got a job", "en", show_name=False)
    assert ideas.good_news(cicc.group) == []
    moderation.approve(item, cicc.officer)
    moderation.approve(item2, cicc.officer)
    db.session.commit()
    page = sign_in(cicc.members[2]).get(f"/council/groups/{cicc.group.id}").get_data(as_text=True)
    assert "I passed my driving theory test" in page and "Amira" in page
    assert "I got a job" in page and "Jamal" not in page and "A member of the group" in page


def test_every_free_text_is_refused_to_non_members(cicc):
    with pytest.raises(RuleBroken):
        ideas.raise_idea(cicc.group, cicc.outsider, "Hi", "en")
    with pytest.raises(RuleBroken):
        ideas.share_good_news(cicc.group, cicc.outsider, "Hi", "en", show_name=False)


def test_risky_idea_still_goes_in_and_shows_where_to_get_help(cicc, sign_in):
    client = sign_in(cicc.members[0])
    response = client.post(f"/council/groups/{cicc.group.id}/ideas/new", data={"text": "Nobody listens and I want to kill myself"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Childline" in page
    assert db.session.scalar(select(ModerationItem).where(ModerationItem.source == "council.idea")).risk


def test_dashboard_shows_members_meetings_polls_and_waiting_ideas(cicc, sign_in):
    factories.council_meeting(cicc.group, title={"en": "June meeting"})
    factories.council_poll(cicc.group, title={"en": "Trip poll"})
    factories.council_idea(cicc.group, cicc.members[0], text="Free gym passes", approve_by=cicc.officer)
    db.session.commit()
    page = sign_in(cicc.officer).get(f"/council/manage/groups/{cicc.group.id}").get_data(as_text=True)
    for text in ("Amira", "June meeting", "Trip poll", "Free gym passes", "days to answer"):
        assert text in page
