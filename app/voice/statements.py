"""What young people tell their workers between reviews, and how the readers answer.

Who may see what:
- the young person sees their own statements, drafts and sent, and every reply;
- a statement is read only by the people the young person sent it to, and only while they are
  still that young person's worker, PA or IRO; nobody else ever opens it (managers, participation
  officers, safeguarding leads, admins, other staff, other councils). A risk in it reaches the
  safeguarding lead through the alert, not through here;
- every staff read is audited, and the young person sees when each reader first read it.
"""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from .. import audit
from ..access import IRO, WORKER
from ..auth.models import User
from ..errors import RuleBroken
from ..extensions import db
from ..models_base import utcnow
from ..once import add_once
from ..pagination import PER_PAGE, Page, paginate, paginate_list
from . import drafts, notify
from .models import READER_IRO, READER_WORKER, SENT, Statement, StatementReader, StatementReply

MAX_REPLY = 2000


# --------------------------------------------------------------------------- the young person


def reader_people(young_person: User) -> list[tuple[str, User]]:
    """Who the young person can send to, by name: their worker or PA first, then their IRO."""
    people = []
    if young_person.worker is not None and young_person.worker.active:
        people.append((READER_WORKER, young_person.worker))
    if young_person.iro is not None and young_person.iro.active:
        people.append((READER_IRO, young_person.iro))
    return people


def send(statement: Statement, *, key: str, language: str | None = None) -> bool:
    """Send once to the readers chosen. True if this call sent it; False if it was already sent."""
    if statement.status == SENT:
        return False
    chosen = [(role, person) for role, person in reader_people(statement.young_person) if role in (statement.readers or [])]
    if not chosen:
        raise RuleBroken(_l("Choose at least one person to read this, or nobody will see it"), field="readers")
    if not drafts.has_words(statement):
        raise RuleBroken(_l("There is nothing to send yet. Go back and say something first."))
    if not drafts.mark_sent(statement, key=key, language=language):
        return False
    for role, person in chosen:
        statement.reader_rows.append(StatementReader(authority_id=statement.authority_id, user_id=person.id, reader_role=role))
    notify.tell(
        [person.email for _role, person in chosen],
        _l("A young person sent you a message in Heard"),
        _l("A young person you support has sent you a message."),
        f"/staff/voice/statements/{statement.id}",
        authority_id=statement.authority_id,
        kind="statement_sent",
        about_id=statement.id,
    )
    return True


def sent_by(young_person: User) -> list[Statement]:
    stmt = (
        select(Statement)
        .where(Statement.young_person_id == young_person.id, Statement.status == SENT)
        .options(selectinload(Statement.reader_rows).selectinload(StatementReader.user), selectinload(Statement.replies))
        .order_by(Statement.sent_at.desc())
    )
    return list(db.session.scalars(stmt))


def drafts_of(young_person: User) -> list[Statement]:
    stmt = select(Statement).where(Statement.young_person_id == young_person.id, Statement.status != SENT).order_by(Statement.id.desc())
    return [draft for draft in db.session.scalars(stmt) if draft.last_step]


def new_replies(young_person: User) -> int:
    return len(db.session.scalars(
        select(StatementReply.id).join(Statement, Statement.id == StatementReply.statement_id)
        .where(Statement.young_person_id == young_person.id, StatementReply.seen_at.is_(None))
    ).all())


def mark_replies_seen(statement: Statement, young_person: User) -> None:
    if statement.young_person_id != young_person.id:
        return
    now = utcnow()
    for reply in statement.replies:
        if reply.seen_at is None:
            reply.seen_at = now


# --------------------------------------------------------------------------- readers


def _still_allocated(staff: User, young_person: User, role: str) -> bool:
    if staff.authority_id != young_person.authority_id or not staff.active:
        return False
    if role == READER_WORKER:
        return staff.role == WORKER and young_person.worker_id == staff.id
    if role == READER_IRO:
        return staff.role == IRO and young_person.iro_id == staff.id
    return False


def receipt_of(staff: User, statement: Statement) -> StatementReader | None:
    return next((row for row in statement.reader_rows if row.user_id == staff.id), None)


def can_read(staff: User, statement: Statement | None) -> bool:
    """Only sent statements, only by the people they were sent to, only while still allocated."""
    if statement is None or statement.status != SENT or staff is None:
        return False
    receipt = receipt_of(staff, statement)
    return receipt is not None and _still_allocated(staff, statement.young_person, receipt.reader_role)


def _readable_stmt(staff: User):
    """Statements sent to this member of staff whose young person they still support."""
    allocated = or_(
        and_(StatementReader.reader_role == READER_WORKER, User.worker_id == staff.id),
        and_(StatementReader.reader_role == READER_IRO, User.iro_id == staff.id),
    )
    return (
        select(Statement, StatementReader)
        .join(StatementReader, (StatementReader.statement_id == Statement.id) & (StatementReader.user_id == staff.id))
        .join(User, User.id == Statement.young_person_id)
        .where(Statement.status == SENT, allocated)
    )


INBOX_PAGE = PER_PAGE  # messages on a page of the inbox


def inbox(staff: User, *, show: str = "open", page: int | str | None = 1) -> Page:
    """One page of (statement, receipt) rows: unread first, then newest first. `show` is "open"
    (not yet sorted) or "all", which grows with every message and so comes a page at a time."""
    if staff.role not in (IRO, WORKER):
        return paginate_list([], page)
    stmt = _readable_stmt(staff).options(selectinload(Statement.young_person), selectinload(Statement.replies), selectinload(Statement.reader_rows))
    if show == "open":
        stmt = stmt.where(Statement.sorted_at.is_(None))
    stmt = stmt.order_by(StatementReader.first_read_at.is_not(None), Statement.sent_at.desc(), Statement.id.desc())
    return paginate(stmt, page, per_page=INBOX_PAGE, scalars=False)


def unread_count(staff: User) -> int:
    """For the count in the staff navigation: one query."""
    if staff.role not in (IRO, WORKER):
        return 0
    stmt = _readable_stmt(staff).where(StatementReader.first_read_at.is_(None))
    return len(db.session.execute(stmt).all())


def of_young_person(staff: User, young_person: User) -> list[Statement]:
    """For the panel on a young person's staff page: only what was sent to this reader."""
    if staff.role not in (IRO, WORKER):
        return []
    stmt = _readable_stmt(staff).where(Statement.young_person_id == young_person.id)
    return list(db.session.scalars(stmt.order_by(Statement.sent_at.desc(), Statement.id.desc())))


def open_for(staff: User, statement_id: int, *, receipt: bool = True) -> Statement | None:
    """Load a statement for a reader, check they may read it, and record the read (audit and, with
    receipt, the receipt the young person sees). None if they may not: the caller answers 404."""
    statement = db.session.get(Statement, statement_id)
    if statement is None or statement.authority_id != staff.authority_id or not can_read(staff, statement):
        return None
    record_read(statement, staff, receipt=receipt)
    return statement


def record_read(statement: Statement, staff: User, *, action: str = "voice.statement.read", receipt: bool = True) -> None:
    """The audit always; the receipt only when the reader opened it from Heard (app/opened_here.py)."""
    audit.record(action, statement, actor=staff)
    if not receipt:
        return
    row = receipt_of(staff, statement)
    now = utcnow()
    if row.first_read_at is None:
        row.first_read_at = now
    row.last_read_at = now


def acknowledge(statement: Statement, by: User) -> None:
    if not can_read(by, statement):
        raise RuleBroken(_l("You cannot answer this message"))
    if statement.acknowledged_at is None:
        statement.acknowledged_at = utcnow()
        statement.acknowledged_by_id = by.id
        audit.record("voice.statement.acknowledged", statement, actor=by)


def reply(statement: Statement, by: User, text: str, *, key: str) -> tuple[StatementReply, bool]:
    """Answer in plain words; the young person sees it on their phone. A repeat of the same key (a
    double tap) returns the first reply. Replying also acknowledges."""
    if not can_read(by, statement):
        raise RuleBroken(_l("You cannot answer this message"))
    text = drafts.clean(text)
    if not text:
        raise RuleBroken(_l("Write your reply"), field="text")
    if len(text) > MAX_REPLY:
        raise RuleBroken(_l("Keep your reply under %(n)s characters", n=f"{MAX_REPLY:,}"), field="text")
    key = (key or drafts.new_key())[:64]
    existing = db.session.scalar(select(StatementReply).where(StatementReply.statement_id == statement.id, StatementReply.client_key == key))
    if existing is not None:
        return existing, False
    acknowledge(statement, by)
    answer, added = add_once(
        StatementReply(authority_id=statement.authority_id, statement_id=statement.id, author_id=by.id, text=text, client_key=key),
        lambda: db.session.scalar(select(StatementReply).where(StatementReply.statement_id == statement.id, StatementReply.client_key == key)),
    )
    db.session.expire(statement, ["replies"])
    if not added:
        return answer, False  # the same send, a moment earlier
    audit.record("voice.statement.replied", statement, actor=by, reply_id=answer.id)
    return answer, True


def mark_sorted(statement: Statement, by: User, done: bool = True) -> None:
    if not can_read(by, statement):
        raise RuleBroken(_l("You cannot answer this message"))
    acknowledge(statement, by)
    if done and statement.sorted_at is None:
        statement.sorted_at = utcnow()
        statement.sorted_by_id = by.id
        audit.record("voice.statement.sorted", statement, actor=by)
    elif not done and statement.sorted_at is not None:
        statement.sorted_at = None
        statement.sorted_by_id = None
        audit.record("voice.statement.reopened", statement, actor=by)


def status_of(statement: Statement) -> str:
    """new | read | acknowledged | replied | sorted: the furthest the readers have got."""
    if statement.sorted_at:
        return "sorted"
    if statement.replies:
        return "replied"
    if statement.acknowledged_at:
        return "acknowledged"
    if any(row.first_read_at for row in statement.reader_rows):
        return "read"
    return "new"


STATUS_LABELS = {
    "new": _l("New"),
    "read": _l("Read"),
    "acknowledged": _l("Acknowledged"),
    "replied": _l("Replied"),
    "sorted": _l("Sorted"),
}


def first_read(statement: Statement) -> datetime | None:
    return min((row.first_read_at for row in statement.reader_rows if row.first_read_at), default=None)


def pdf_downloaded(statement: Statement, by: User) -> None:
    """A member of staff who may read the message took it away as a PDF: logged, like every read."""
    audit.record("voice.statement.pdf_downloaded", statement, actor=by)
