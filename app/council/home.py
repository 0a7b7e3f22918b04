"""What the young person's council card shows, loaded in one query."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import JSON, String, and_, bindparam, cast, literal, null, or_, select, union_all

from ..extensions import db
from ..models_base import UTCDateTime, utcnow
from .models import ACTIVE, EVERYONE, INVITED, LIVE_POLL, OPEN, OPEN_POLL, Meeting, Membership, Poll

POLLS_ON_CARD = 3


@dataclass
class Shown:
    """A poll or meeting as the card shows it (no more of it is loaded)."""

    id: int
    title: dict
    mode: str | None = None
    starts_at: datetime | None = None


@dataclass
class CardFacts:
    groups: int = 0
    invitations: int = 0
    polls: list[Shown] = field(default_factory=list)
    meeting: Shown | None = None


@cache
def _card_statement():
    """The card's one query, built once (building a statement costs more than running it here);
    the young person and time are bound when it runs (the council is kept by the tenancy hook)."""
    me, now = bindparam("me"), bindparam("now", type_=UTCDateTime())
    my_groups = select(Membership.group_id).where(Membership.user_id == me, Membership.state == ACTIVE)
    poll_is_open = and_(
        Poll.state == OPEN,
        or_(Poll.mode != OPEN_POLL, and_(or_(Poll.opens_at.is_(None), Poll.opens_at <= now), or_(Poll.closes_at.is_(None), Poll.closes_at > now))),
    )
    polls = (
        select(literal("poll").label("kind"), Poll.id.label("id"), Poll.mode.label("detail"), Poll.title.label("title"), cast(null(), UTCDateTime()).label("at"))
        .where(poll_is_open, or_(Poll.audience == EVERYONE, Poll.group_id.in_(my_groups)))
        .order_by((Poll.mode == LIVE_POLL).desc(), Poll.created_at.desc(), Poll.id.desc())
        .limit(POLLS_ON_CARD)
        .subquery()
    )
    meeting = (
        select(literal("meeting").label("kind"), Meeting.id.label("id"), cast(null(), String()).label("detail"), Meeting.title.label("title"), Meeting.starts_at.label("at"))
        .where(Meeting.group_id.in_(my_groups), Meeting.cancelled_at.is_(None), Meeting.starts_at >= bindparam("meetings_from", type_=UTCDateTime()))
        .order_by(Meeting.starts_at, Meeting.id)
        .limit(1)
        .subquery()
    )
    memberships = select(
        literal("membership").label("kind"), Membership.group_id.label("id"), Membership.state.label("detail"), cast(null(), JSON()).label("title"), cast(null(), UTCDateTime()).label("at")
    ).where(Membership.user_id == me, Membership.state.in_((ACTIVE, INVITED)))
    return union_all(select(meeting), select(polls), memberships)


def card_facts(young_person, now: datetime | None = None) -> CardFacts:
    """What the home card shows, in one query whatever the young person belongs to: their
    memberships, the newest open polls they can answer (live ones first) and their groups' next
    meeting (one that started up to three hours ago still counts)."""
    now = now or utcnow()
    params = {"me": young_person.id, "now": now, "meetings_from": now - timedelta(hours=3)}
    facts = CardFacts()
    for kind, ident, detail, title, at in db.session.execute(_card_statement(), params):
        if kind == "membership":
            facts.groups += detail == ACTIVE
            facts.invitations += detail == INVITED
        elif kind == "poll":
            facts.polls.append(Shown(ident, title, mode=detail))
        else:
            facts.meeting = Shown(ident, title, starts_at=at)
    return facts
