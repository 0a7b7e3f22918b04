"""The council's door to moderation: every free text a young person writes here goes through it.

Only moderation item ids are stored in council tables. Others only ever see approved (and
possibly redacted) text; the author sees their own words and where they are in the queue.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..errors import RuleBroken

MAX_TEXT = 2000

POLL_COMMENT = "council.poll_comment"
POLL_OTHER = "council.poll_other"
IDEA = "council.idea"
CONSULTATION_ANSWER = "council.consultation_answer"
MEETING_QUESTION = "council.meeting_question"
GOOD_NEWS = "council.good_news"


def _moderation():
    from ..moderation import service

    return service


def clean(text: str | None) -> str:
    return (text or "").strip()


def check_length(text: str, field: str):
    if len(text) > MAX_TEXT:
        raise RuleBroken(_l("Write %(max)s characters or fewer", max=MAX_TEXT), field)


def submit(*, authority_id: int, source: str, source_id: int | None, text: str, language: str | None, author):
    """Hand text to moderation; returns the ModerationItem (its `.risk` says to show help now)."""
    return _moderation().submit_text(
        authority_id=authority_id,
        source=source,
        source_id=source_id,
        text=text,
        language=language,
        author=author,
        audience="group",
    )


def published(item_ids) -> dict:
    ids = [i for i in item_ids if i is not None]
    return _moderation().published_texts(ids) if ids else {}


def own_view(item_id: int, author):
    return _moderation().own_view(item_id, author)
