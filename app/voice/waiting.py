"""Things that waited too long, told to the person who can do something about it.

`heard voice-check` runs this every hour (or more often), on every app server at once: each thing
is flagged once, by the run that claims it (`app.jobs.claim_row`):
- a message still unread by someone it was sent to, after the council's number of working days
  (default 2), goes to that reader's line manager;
- a call-back not made by the time the council promised goes to the caller's line manager;
- a complaint stage past its deadline without an answer goes to the complaints officers.
A member of staff with no line manager set is covered by the council's managers. Managers see
what was flagged to them at /staff/voice/waiting: who, what kind, since when; never the words.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import audit
from ..access import MANAGER
from ..auth.models import User
from ..extensions import db
from ..jobs import claim_row
from ..models_base import utcnow
from ..working_days import add_working_days, local_day
from . import notify
from .models import COMPLAINT, OPEN, SENT, CallBack, ComplaintStage, Representation, Statement, StatementReader
from .settings import complaints_officers, settings_for
from ..tenancy import for_council


@for_council(of="staff")
def managers_of(staff: User) -> list[User]:
    """Their line manager, or, with none (or none active), the council's managers."""
    if staff.line_manager is not None and staff.line_manager.active:
        return [staff.line_manager]
    return list(db.session.scalars(
        select(User).where(User.role == MANAGER, User.active.is_(True)).order_by(User.id)
    ))


def unread_too_long(receipt: StatementReader, now: datetime, unread_days: int) -> bool:
    statement = receipt.statement
    if receipt.first_read_at is not None or statement.status != SENT or statement.sent_at is None:
        return False
    return local_day(now) > add_working_days(local_day(statement.sent_at), unread_days)


@for_council
def check(authority_id: int, now: datetime | None = None) -> dict[str, int]:
    """Flag everything of one council that has waited too long. Returns how many of each."""
    now = now or utcnow()
    settings = settings_for(authority_id)
    counts = {"unread": 0, "callbacks": 0, "stages": 0}

    receipts = db.session.scalars(
        select(StatementReader).join(Statement, Statement.id == StatementReader.statement_id).where(
            StatementReader.first_read_at.is_(None),
            StatementReader.flagged_at.is_(None), Statement.status == SENT,
        )
    ).all()
    for receipt in receipts:
        if not unread_too_long(receipt, now, settings.unread_days) or not claim_row(StatementReader.flagged_at, receipt.id, now):
            continue
        managers = managers_of(receipt.user)
        receipt.flagged_at = now
        receipt.flagged_to = [m.id for m in managers]
        audit.record("voice.statement.unread_flagged", receipt.statement, authority_id=authority_id, actor=audit.ANONYMOUS,
                     reader_id=receipt.user_id, managers=receipt.flagged_to)
        notify.tell(
            [m.email for m in managers],
            _l("A young person's message has not been read"),
            _l("A message a young person sent to someone you manage has not been read for %(days)s working days.", days=settings.unread_days),
            "/staff/voice/waiting",
            authority_id=authority_id,
            kind="unread_flagged",
            about_id=receipt.statement_id,
        )
        counts["unread"] += 1

    late_calls = db.session.scalars(
        select(CallBack).where(
            CallBack.done_at.is_(None), CallBack.cancelled_at.is_(None),
            CallBack.flagged_at.is_(None), CallBack.due_at < now,
        )
    ).all()
    for callback in late_calls:
        if not claim_row(CallBack.flagged_at, callback.id, now):
            continue
        managers = managers_of(callback.staff)
        callback.flagged_at = now
        callback.flagged_to = [m.id for m in managers]
        audit.record("voice.callback.late_flagged", callback, authority_id=authority_id, actor=audit.ANONYMOUS, managers=callback.flagged_to)
        notify.tell(
            [m.email for m in managers],
            _l("A young person is waiting for a call back"),
            _l("Someone you manage has not called back a young person by the time the council promised."),
            "/staff/voice/waiting",
            authority_id=authority_id,
            kind="callback_late",
            about_id=callback.id,
        )
        counts["callbacks"] += 1

    today = local_day(now)
    stages = db.session.scalars(
        select(ComplaintStage).join(Representation, Representation.id == ComplaintStage.complaint_id).where(
            ComplaintStage.responded_at.is_(None), ComplaintStage.flagged_on.is_(None),
            Representation.kind == COMPLAINT, Representation.state == OPEN,
        )
    ).all()
    for stage in stages:
        if stage is not stage.complaint.stage or today <= stage.deadline or not claim_row(ComplaintStage.flagged_on, stage.id, today):
            continue
        stage.flagged_on = today
        audit.record("voice.complaint.late_flagged", stage.complaint, authority_id=authority_id, actor=audit.ANONYMOUS, stage=stage.number)
        notify.tell(
            [o.email for o in complaints_officers(authority_id)] + [settings.complaints_email],
            _l("A complaint has passed its statutory deadline"),
            _l("A young person's complaint has not been answered within the time the law sets for its stage."),
            f"/staff/voice/complaints/{stage.complaint_id}",
            authority_id=authority_id,
            kind="complaint_late",
            about_id=stage.complaint_id,
        )
        counts["stages"] += 1
    return counts


@dataclass
class Waiting:
    unread: list[StatementReader]
    callbacks: list[CallBack]


@for_council(of="manager")
def flagged_to(manager: User) -> Waiting:
    """What was flagged to this manager and is still waiting."""
    receipts = [
        r for r in db.session.scalars(
            select(StatementReader).where(
                StatementReader.flagged_at.is_not(None),
                StatementReader.first_read_at.is_(None),
            ).order_by(StatementReader.flagged_at)
        )
        if manager.id in (r.flagged_to or [])
    ]
    callbacks = [
        c for c in db.session.scalars(
            select(CallBack).where(
                CallBack.flagged_at.is_not(None), CallBack.done_at.is_(None),
                CallBack.cancelled_at.is_(None),
            ).order_by(CallBack.due_at)
        )
        if manager.id in (c.flagged_to or [])
    ]
    return Waiting(receipts, callbacks)


def waiting_count(manager: User) -> int:
    waiting = flagged_to(manager)
    return len(waiting.unread) + len(waiting.callbacks)
