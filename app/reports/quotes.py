"""Young people's own words for the board pack: the participation officer chooses a handful from
what moderation approved for the council or for reports in the quarter. Only the approved (and,
where needed, redacted) text is ever read, and never who wrote it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from .. import audit
from ..errors import RuleBroken
from ..extensions import db
from ..moderation import service as moderation
from ..moderation.models import APPROVED, ModerationItem
from ..once import add_once
from .models import BoardQuote
from .quarters import Quarter
from ..tenancy import for_council

MAX_QUOTES = 6
# Words written for a group stay with the group; these were written to be read more widely.
AUDIENCES = ("council", "report")


@dataclass(frozen=True)
class Quote:
    item_id: int
    text: str
    language: str
    source: str
    published_at: datetime | None


@for_council
def candidates(authority_id: int, quarter: Quarter) -> list[Quote]:
    """Texts approved in the quarter that may be quoted, newest first."""
    rows = db.session.execute(
        select(ModerationItem.id, ModerationItem.source).where(
            ModerationItem.status == APPROVED,
            ModerationItem.audience.in_(AUDIENCES),
            ModerationItem.decided_at >= quarter.starts_at,
            ModerationItem.decided_at < quarter.ends_at,
        )
    ).all()
    return _quotes({item_id: source for item_id, source in rows})


def _quotes(sources: dict[int, str], order: list[int] | None = None) -> list[Quote]:
    published = moderation.published_texts(list(sources))
    found = [Quote(i, p.text, p.language, sources[i], p.published_at) for i, p in published.items()]
    if order is not None:
        position = {item_id: n for n, item_id in enumerate(order)}
        return sorted(found, key=lambda q: position[q.item_id])
    return sorted(found, key=lambda q: (q.published_at is None, q.published_at), reverse=True)


@for_council
def chosen(authority_id: int, quarter: Quarter) -> list[Quote]:
    """The quotes chosen for the quarter, in the order chosen; any since withdrawn drop out."""
    rows = db.session.execute(
        select(BoardQuote.item_id, ModerationItem.source)
        .join(ModerationItem, ModerationItem.id == BoardQuote.item_id)
        .where(BoardQuote.quarter == quarter.key, ModerationItem.audience.in_(AUDIENCES))
        .order_by(BoardQuote.position, BoardQuote.id)
    ).all()
    return _quotes({item_id: source for item_id, source in rows}, [item_id for item_id, _ in rows])


@for_council
def choose(authority_id: int, quarter: Quarter, item_ids: list[int], by) -> list[int]:
    """Replace the quarter's quotes with these, in this order. Raises RuleBroken for too many or
    for a text that may not be quoted."""
    item_ids = list(dict.fromkeys(item_ids))
    if len(item_ids) > MAX_QUOTES:
        raise RuleBroken(_l("Choose up to %(count)d quotes.", count=MAX_QUOTES), field="items")
    allowed = {q.item_id for q in candidates(authority_id, quarter)} | {q.item_id for q in chosen(authority_id, quarter)}
    if set(item_ids) - allowed:
        raise RuleBroken(_l("One of those texts cannot be quoted: choose from the list."), field="items")
    db.session.execute(delete(BoardQuote).where(BoardQuote.quarter == quarter.key))
    for position, item_id in enumerate(item_ids):
        # The same choice saved twice at once: the second finds the first's rows.
        add_once(BoardQuote(authority_id=authority_id, quarter=quarter.key, item_id=item_id, position=position, chosen_by_id=by.id),
                 lambda item_id=item_id: db.session.scalar(select(BoardQuote).where(
                     BoardQuote.quarter == quarter.key, BoardQuote.item_id == item_id)))
    audit.record("board.quotes_chosen", None, actor=by, authority_id=authority_id, quarter=quarter.key, items=item_ids)
    return item_ids
