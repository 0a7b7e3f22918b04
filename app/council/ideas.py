"""Ideas, consultations and good news, and the answers that close the loop ("you said, we did")."""
from __future__ import annotations

from datetime import datetime
from statistics import median

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from .. import audit
from ..access import PARTICIPATION
from ..auth.models import User
from ..errors import RuleBroken
from ..extensions import db
from ..models_base import utcnow
from ..once import add_once
from . import texts
from .models import IDEA_STATUSES, NEW, Consultation, CouncilGroup, GoodNews, Idea, IdeaSupport
from .service import is_member

STATUS_LABELS = {
    "new": _l("Waiting for an answer"),
    "considering": _l("Being looked at"),
    "in_progress": _l("Happening"),
    "done": _l("Done"),
    "not_possible": _l("Not possible"),
}


# --- ideas and consultation answers ------------------------------------------------------------

def raise_idea(group: CouncilGroup, user: User, text: str, language: str | None,
               consultation: Consultation | None = None) -> tuple[Idea, object]:
    if not is_member(group, user):
        raise RuleBroken(_l("Join the group to share ideas"))
    if consultation is not None:
        if consultation.group_id != group.id:
            raise RuleBroken(_l("This question is for another group"))
        if not consultation_is_open(consultation):
            raise RuleBroken(_l("This question has closed"), "text")
    text = texts.clean(text)
    if not text:
        raise RuleBroken(_l("Write your answer") if consultation else _l("Write your idea"), "text")
    texts.check_length(text, "text")
    idea = Idea(authority_id=group.authority_id, group_id=group.id, author_id=user.id, item_id=0,
                consultation_id=consultation.id if consultation else None, status=NEW)
    db.session.add(idea)
    db.session.flush()
    item = texts.submit(authority_id=group.authority_id,
                        source=texts.CONSULTATION_ANSWER if consultation else texts.IDEA,
                        source_id=idea.id, text=text, language=language, author=user)
    idea.item_id = item.id
    db.session.flush()
    return idea, item


def published_ideas(group: CouncilGroup, consultation: Consultation | None = None, *, all_answers: bool = False) -> list[tuple[Idea, object]]:
    """Ideas whose words moderation approved, newest first, each with its published text."""
    stmt = select(Idea).where(Idea.group_id == group.id)
    if not all_answers:
        stmt = stmt.where(Idea.consultation_id == consultation.id) if consultation else stmt.where(Idea.consultation_id.is_(None))
    ideas = db.session.scalars(stmt.order_by(Idea.created_at.desc())).all()
    shown = texts.published([i.item_id for i in ideas])
    return [(idea, shown[idea.item_id]) for idea in ideas if idea.item_id in shown]


def my_ideas(user: User) -> list[tuple[Idea, tuple]]:
    ideas = db.session.scalars(select(Idea).where(Idea.author_id == user.id).order_by(Idea.created_at.desc())).all()
    return [(idea, texts.own_view(idea.item_id, user)) for idea in ideas]


def is_published(idea: Idea) -> bool:
    return idea.item_id in texts.published([idea.item_id])


def can_see_idea(idea: Idea, user: User) -> bool:
    if user.authority_id != idea.authority_id:
        return False
    if idea.author_id == user.id:
        return True
    if user.role == PARTICIPATION or is_member(idea.group, user):
        return is_published(idea)
    return False


def support(idea: Idea, user: User, on: bool = True) -> None:
    if idea.author_id == user.id:
        raise RuleBroken(_l("This is your own idea"))
    if not is_member(idea.group, user) or not is_published(idea):
        raise RuleBroken(_l("Join the group to support ideas"))
    found = db.session.scalar(select(IdeaSupport).where(IdeaSupport.idea_id == idea.id, IdeaSupport.user_id == user.id))
    if on and found is None:
        add_once(IdeaSupport(authority_id=idea.authority_id, idea_id=idea.id, user_id=user.id),
                 lambda: db.session.scalar(select(IdeaSupport).where(IdeaSupport.idea_id == idea.id, IdeaSupport.user_id == user.id)))
    elif not on and found is not None:
        db.session.delete(found)
    db.session.flush()


def supporters(idea: Idea) -> int:
    return db.session.scalar(select(func.count()).select_from(IdeaSupport).where(IdeaSupport.idea_id == idea.id)) or 0


def supports(idea: Idea, user: User) -> bool:
    return db.session.scalar(select(func.count()).select_from(IdeaSupport).where(IdeaSupport.idea_id == idea.id, IdeaSupport.user_id == user.id)) > 0


def respond(idea: Idea, status: str, response: str | None, by: User) -> Idea:
    """The facilitator's status and answer, seen by the author and everyone who supported it."""
    if status not in IDEA_STATUSES:
        raise RuleBroken(_l("Choose a status"), "status")
    response = texts.clean(response)
    if status != NEW and not response:
        raise RuleBroken(_l("Write what you did, or why not, so they hear back"), "response")
    if idea.responded_at is None and response:
        idea.responded_at = utcnow()
    idea.status, idea.response = status, response or None
    idea.responded_by_id = by.id
    db.session.flush()
    audit.record("council.idea_answered", idea, actor=by, status=status)
    return idea


def answered_for(user: User) -> list[tuple[Idea, object]]:
    """Answers ("you said, we did") to ideas this young person raised or supported."""
    supported = select(IdeaSupport.idea_id).where(IdeaSupport.user_id == user.id)
    stmt = select(Idea).where(Idea.response.is_not(None), (Idea.author_id == user.id) | Idea.id.in_(supported)).order_by(Idea.responded_at.desc())
    ideas = db.session.scalars(stmt).all()
    shown = texts.published([i.item_id for i in ideas])
    return [(idea, shown.get(idea.item_id)) for idea in ideas]


def awaiting_answer(group: CouncilGroup) -> list[tuple[Idea, object]]:
    return [(idea, text) for idea, text in published_ideas(group, all_answers=True) if idea.response is None]


def answer_days(group: CouncilGroup) -> float | None:
    """Median days from an idea being raised to its first answer."""
    stmt = select(Idea.created_at, Idea.responded_at).where(Idea.group_id == group.id, Idea.responded_at.is_not(None))
    days = [(answered - raised).total_seconds() / 86400 for raised, answered in db.session.execute(stmt).all()]
    return round(median(days), 1) if days else None


# --- consultations -------------------------------------------------------------------------------

def save_consultation(consultation: Consultation | None, *, group: CouncilGroup, question: dict, background: dict,
                      closes_at: datetime | None, by: User) -> Consultation:
    if not (question or {}).get("en", "").strip():
        raise RuleBroken(_l("Enter the question in English"), "question_en")
    if consultation is None:
        consultation = Consultation(authority_id=group.authority_id, group_id=group.id, created_by_id=by.id)
        db.session.add(consultation)
    consultation.question, consultation.background, consultation.closes_at = question, background, closes_at
    db.session.flush()
    audit.record("council.consultation_saved", consultation, actor=by)
    return consultation


def consultation_is_open(consultation: Consultation, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return consultation.closed_at is None and (consultation.closes_at is None or now < consultation.closes_at)


def consultations(group_ids, *, open_only: bool = False) -> list[Consultation]:
    if not group_ids:
        return []
    found = db.session.scalars(select(Consultation).where(Consultation.group_id.in_(list(group_ids))).order_by(Consultation.created_at.desc())).all()
    return [c for c in found if consultation_is_open(c)] if open_only else list(found)


# --- good news -----------------------------------------------------------------------------------

def share_good_news(group: CouncilGroup, user: User, text: str, language: str | None, show_name: bool):
    if not is_member(group, user):
        raise RuleBroken(_l("Join the group to share good news"))
    text = texts.clean(text)
    if not text:
        raise RuleBroken(_l("Tell us your good news"), "text")
    texts.check_length(text, "text")
    news = GoodNews(authority_id=group.authority_id, group_id=group.id, author_id=user.id, item_id=0, show_name=show_name)
    db.session.add(news)
    db.session.flush()
    item = texts.submit(authority_id=group.authority_id, source=texts.GOOD_NEWS, source_id=news.id, text=text,
                        language=language, author=user)
    news.item_id = item.id
    db.session.flush()
    audit.record("council.good_news_shared", news)
    return news, item


def good_news(group: CouncilGroup, limit: int = 20) -> list[tuple[str | None, object]]:
    """Published good news as (first name or None for anonymous, text)."""
    rows = db.session.scalars(select(GoodNews).where(GoodNews.group_id == group.id).order_by(GoodNews.created_at.desc()).limit(limit * 2)).all()
    shown = texts.published([r.item_id for r in rows])
    result = []
    for row in rows:
        if row.item_id in shown:
            name = (row.author.display_name or "").split()[0] if row.show_name and row.author.display_name else None
            result.append((name, shown[row.item_id]))
    return result[:limit]


def my_good_news(user: User) -> list[tuple[GoodNews, tuple]]:
    rows = db.session.scalars(select(GoodNews).where(GoodNews.author_id == user.id).order_by(GoodNews.created_at.desc())).all()
    return [(row, texts.own_view(row.item_id, user)) for row in rows]
