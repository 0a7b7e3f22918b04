""""Call me back": a young person asks their worker or IRO to phone, and sees the council's
promise in words ("Daniel will call you by 4pm tomorrow").

The promise is the council's number of hours, counted on working days only (see
`working_days.add_working_hours`), fixed when the young person asks: changing the setting later
does not move a promise already made. A call-back is done when the person records that they
spoke, or that they tried and could not get through; either way the young person is told.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache

from flask_babel import format_datetime, get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy import and_, bindparam, func, literal, select
from sqlalchemy.orm import joinedload, selectinload

from .. import audit
from ..auth.models import User
from ..errors import RuleBroken
from ..extensions import db
from ..i18n.bidi import isolate
from ..i18n.locales import LANGUAGES
from ..models_base import utcnow
from ..once import add_once
from ..tenancy import for_council
from ..working_days import UK, add_working_hours, local
from . import drafts, notify
from .models import (
    CALL_OUTCOMES,
    COMPLAINT,
    GOOD_TIMES,
    READER_IRO,
    READER_WORKER,
    SENT,
    CallBack,
    ComplaintStage,
    Representation,
    Statement,
    StatementReply,
)
from .settings import settings_for
from .statements import reader_people

MAX_ABOUT = 1000


def who_can_call(young_person: User) -> list[tuple[str, User]]:
    return reader_people(young_person)


def open_for(young_person: User) -> list[CallBack]:
    stmt = select(CallBack).where(CallBack.young_person_id == young_person.id, CallBack.done_at.is_(None), CallBack.cancelled_at.is_(None))
    return list(db.session.scalars(stmt.order_by(CallBack.due_at)))


def recent_for(young_person: User, days: int = 30) -> list[CallBack]:
    """Open requests and those answered or cancelled lately, newest first."""
    since = utcnow() - timedelta(days=days)
    stmt = select(CallBack).where(CallBack.young_person_id == young_person.id, CallBack.created_at >= since)
    return list(db.session.scalars(stmt.order_by(CallBack.created_at.desc())))


def request_call(young_person: User, *, role: str, key: str, about: str | None = None, good_times=(), phone: str | None = None,
                 language: str | None = None) -> tuple[CallBack, bool]:
    """Ask to be called. Returns (call-back, created). The same key (a double tap) or an open
    request to the same person returns the one already made."""
    people = dict(who_can_call(young_person))
    staff = people.get(role)
    if staff is None:
        raise RuleBroken(_l("Choose who you want to call you"), field="who")
    key = (key or drafts.new_key())[:64]
    existing = db.session.scalar(select(CallBack).where(CallBack.send_key == key))
    if existing is not None:
        if existing.young_person_id != young_person.id:
            raise RuleBroken(_l("Something went wrong. Try again."))
        return existing, False
    already = next((c for c in open_for(young_person) if c.staff_id == staff.id), None)
    if already is not None:
        return already, False
    about = drafts.clean(about)
    if len(about) > MAX_ABOUT:
        raise RuleBroken(_l("Keep it under %(n)s characters", n=f"{MAX_ABOUT:,}"), field="about")
    settings = settings_for(young_person.authority_id)
    now = utcnow()
    callback = CallBack(
        authority_id=young_person.authority_id,
        young_person_id=young_person.id,
        staff_id=staff.id,
        staff_role=role,
        about=about or None,
        good_times=[t for t in GOOD_TIMES if t in (good_times or [])],
        phone=(phone or "").strip()[:40] or None,
        language=language if language in LANGUAGES else (young_person.preferred_language or "en"),
        send_key=key,
        promise_hours=settings.callback_hours,
        due_at=add_working_hours(now, settings.callback_hours),
    )
    callback, created = add_once(callback, lambda: db.session.scalar(select(CallBack).where(CallBack.send_key == key)))
    if not created:  # the same send, a moment earlier
        if callback.young_person_id != young_person.id:
            raise RuleBroken(_l("Something went wrong. Try again."))
        return callback, False
    audit.record("voice.callback.requested", callback, actor=young_person, staff_id=staff.id)
    if callback.about:
        callback.risk_flagged = _screen(callback)
    notify.tell(
        [staff.email],
        _l("A young person asked you to call them"),
        _l("A young person you support has asked you to call them back. The time the council promised is on the page."),
        f"/staff/voice/call-backs/{callback.id}",
        authority_id=callback.authority_id,
        kind="callback_requested",
        about_id=callback.id,
    )
    return callback, True


def _screen(callback: CallBack) -> bool:
    from ..moderation import service as moderation

    screening = moderation.screen_private(
        authority_id=callback.authority_id, young_person=callback.young_person, text=callback.about,
        language=callback.language, source="voice.callback", source_id=callback.id,
    )
    return bool(getattr(screening, "risk", False))


def cancel(callback: CallBack, young_person: User) -> None:
    if callback.young_person_id != young_person.id:
        raise RuleBroken(_l("Something went wrong. Try again."))
    if callback.is_open:
        callback.cancelled_at = utcnow()
        audit.record("voice.callback.cancelled", callback, actor=young_person)


# --------------------------------------------------------------------------- staff


def may_answer(staff: User, callback: CallBack) -> bool:
    """The person asked to call, while they still support the young person."""
    if staff.id != callback.staff_id or staff.authority_id != callback.authority_id:
        return False
    person = callback.young_person
    return (callback.staff_role == READER_WORKER and person.worker_id == staff.id) or (callback.staff_role == READER_IRO and person.iro_id == staff.id)


@for_council(of="staff")
def for_staff(staff: User, *, include_done: bool = False) -> list[CallBack]:
    """Open requests to this person, soonest due first; with include_done, the last month's too."""
    # Each row names the young person, and may_answer reads their allocation: loaded with the list.
    stmt = select(CallBack).options(selectinload(CallBack.young_person)).where(CallBack.staff_id == staff.id)
    if include_done:
        stmt = stmt.where((CallBack.done_at.is_(None) & CallBack.cancelled_at.is_(None)) | (CallBack.created_at >= utcnow() - timedelta(days=30)))
    else:
        stmt = stmt.where(CallBack.done_at.is_(None), CallBack.cancelled_at.is_(None))
    return [c for c in db.session.scalars(stmt.order_by(CallBack.done_at.is_not(None), CallBack.due_at)) if may_answer(staff, c)]


def open_count(staff: User) -> int:
    return len(for_staff(staff))


def load_for(staff: User, callback_id: int) -> CallBack | None:
    callback = db.session.get(CallBack, callback_id)
    if callback is None or not may_answer(staff, callback):
        return None
    audit.record("voice.callback.viewed", callback, actor=staff)
    return callback


def record_call(callback: CallBack, by: User, outcome: str, note: str | None = None) -> None:
    if not may_answer(by, callback):
        raise RuleBroken(_l("You cannot answer this call-back"))
    if outcome not in CALL_OUTCOMES:
        raise RuleBroken(_l("Say what happened"), field="outcome")
    if not callback.is_open:
        raise RuleBroken(_l("This call-back is already done."))
    callback.done_at = utcnow()
    callback.done_by_id = by.id
    callback.outcome = outcome
    callback.note = drafts.clean(note)[:1000] or None
    audit.record("voice.callback.done", callback, actor=by, outcome=outcome, within_promise=callback.done_at <= callback.due_at)


def is_overdue(callback: CallBack, now: datetime | None = None) -> bool:
    return callback.is_open and (now or utcnow()) > callback.due_at


# --------------------------------------------------------------------------- the promise in words


def _time(moment: datetime) -> str:
    """"4pm" in English, as people in England say it; the locale's own clock elsewhere."""
    locale = str(get_locale() or "en")
    if locale == "en":
        hour = moment.hour % 12 or 12
        suffix = "am" if moment.hour < 12 else "pm"
        return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"
    return format_datetime(moment, "HH:mm")


def when_words(due: datetime, now: datetime | None = None) -> str:
    """"by 4pm today", "by 4pm tomorrow" or "by 9am on Tuesday 17 March"."""
    due_local = local(due)
    today: date = local(now or utcnow()).date()
    time_text = _time(due_local)
    if due_local.date() == today:
        return str(_l("by %(time)s today", time=time_text))
    if due_local.date() == today + timedelta(days=1):
        return str(_l("by %(time)s tomorrow", time=time_text))
    return str(_l("by %(time)s on %(day)s", time=time_text, day=format_datetime(due_local.astimezone(UK), "EEEE d MMMM")))


def promise_words(callback: CallBack, now: datetime | None = None) -> Markup:
    """"Daniel will call you by 4pm tomorrow": the first name of the person, and the promise."""
    name = isolate(callback.staff.display_name.split()[0])  # its own direction in Arabic
    # Reviewed: the sentence is escaped first, and % escapes what goes into it.
    return Markup(escape(str(_l("%(name)s will call you %(when)s")))) % {"name": name, "when": when_words(callback.due_at, now)}  # nosec B704


@cache
def _home_card_statement():
    """Built once per process: the home is the busiest page, and building this statement (and its
    cache key) anew on every request cost more than running it."""
    me = bindparam("me")
    replies = (
        select(func.count(StatementReply.id)).join(Statement, Statement.id == StatementReply.statement_id)
        .where(Statement.young_person_id == me, StatementReply.seen_at.is_(None))
    ).scalar_subquery()
    answers = (
        select(func.count(Representation.id)).where(
            Representation.young_person_id == me, Representation.status == SENT, Representation.kind != COMPLAINT,
            Representation.responded_at.is_not(None), Representation.response_seen_at.is_(None),
        )
    ).scalar_subquery()
    stage_answers = (
        select(func.count(ComplaintStage.id)).join(Representation, Representation.id == ComplaintStage.complaint_id).where(
            Representation.young_person_id == me, Representation.status == SENT, Representation.kind == COMPLAINT,
            ComplaintStage.responded_at.is_not(None), ComplaintStage.response_seen_at.is_(None),
        )
    ).scalar_subquery()
    one_row = select(literal(1).label("one")).subquery()
    open_request = and_(CallBack.young_person_id == me, CallBack.done_at.is_(None), CallBack.cancelled_at.is_(None))
    return (
        select(replies, answers, stage_answers, CallBack).select_from(one_row).outerjoin(CallBack, open_request)
        .options(joinedload(CallBack.staff))  # the card names who will call
        .order_by(CallBack.due_at)
    )


def home_card(young_person: User) -> tuple[int, int, list[CallBack]]:
    """What the young person's home card shows, in one query: (replies not yet seen, answers from
    the council not yet seen, open call-back requests soonest first). One query, not three, keeps
    the home within its few queries (a query per card at most)."""
    rows = db.session.execute(_home_card_statement(), {"me": young_person.id}).all()
    return rows[0][0], rows[0][1] + rows[0][2], [row[3] for row in rows if row[3] is not None]
