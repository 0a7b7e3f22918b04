"""Sending what waits in the outbox: claim, send over SMTP, record the outcome, retry with backoff.

Safe to run on several servers at once. A sender claims rows with a conditional UPDATE that only
succeeds on rows nobody holds (`claimed_until` empty or past), so two senders never take the same
row; on PostgreSQL the candidate rows are also selected `FOR UPDATE SKIP LOCKED`, so a second
sender passes over rows the first is claiming instead of waiting for them. SQLite writes one
transaction at a time, which makes the conditional UPDATE just as safe there. A sender that dies
mid-send leaves its claim to run out (CLAIM_FOR), and the rows are taken up again: an email may
then arrive twice, never not at all.

Everything here runs on its own connection and transactions, apart from the caller's session.
"""
from __future__ import annotations

import secrets
import smtplib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import or_, select, update

from ..extensions import db
from ..models_base import utcnow
from .models import FAILED, SENT, WAITING, OutgoingMail

CLAIM_FOR = timedelta(minutes=5)
# Minutes to wait after the 1st, 2nd, ... failed attempt; after the last, the mail has failed.
RETRY_AFTER = (1, 2, 5, 10, 20, 30, 60, 60, 120, 240)
MAX_ATTEMPTS = len(RETRY_AFTER) + 1
BATCH = 200

table = OutgoingMail.__table__


@dataclass
class Report:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Report) -> None:
        self.sent += other.sent
        self.retrying += other.retrying
        self.failed += other.failed
        self.errors += other.errors


class _Refused(Exception):
    """The server refused this message for good (a 5xx answer): retrying will not help."""


def retry_delay(attempts: int) -> timedelta:
    return timedelta(minutes=RETRY_AFTER[min(attempts, len(RETRY_AFTER)) - 1])


def _claim(conn, now: datetime, ids=None, limit: int = BATCH) -> list:
    token = secrets.token_hex(8)
    free = or_(table.c.claimed_until.is_(None), table.c.claimed_until < now)
    candidates = select(table.c.id).where(table.c.status == WAITING, free)
    if ids is not None:
        candidates = candidates.where(table.c.id.in_(list(ids)))
    else:
        candidates = candidates.where(table.c.next_attempt_at <= now)
    candidates = candidates.order_by(table.c.priority, table.c.next_attempt_at, table.c.id).limit(limit)
    if conn.dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    found = conn.execute(candidates).scalars().all()
    if not found:
        return []
    # Re-checked by the database as it writes: of two senders, only one gets each row.
    conn.execute(
        update(table)
        .where(table.c.id.in_(found), table.c.status == WAITING, free)
        .values(claimed_until=now + CLAIM_FOR, claim=token)
    )
    return conn.execute(
        select(table).where(table.c.claim == token).order_by(table.c.priority, table.c.id)
    ).all()


def _message(row) -> EmailMessage:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_DEFAULT_SENDER"]
    message["To"] = row.recipient
    message["Subject"] = row.subject
    # The same id on every attempt, so a message that arrives twice is recognisably one.
    message["Message-ID"] = f"<outbox-{row.id}@heard.invalid>"
    message.set_content(row.body)
    return message


def _connect() -> smtplib.SMTP:
    config = current_app.config
    smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10)
    try:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    except Exception:
        smtp.close()
        raise
    return smtp


def _send_one(smtp: smtplib.SMTP, row) -> None:
    try:
        refused = smtp.send_message(_message(row))
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _ in error.recipients.values()]
        if codes and all(500 <= code < 600 for code in codes):
            raise _Refused(_describe(error)) from error
        raise
    except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
        if 500 <= error.smtp_code < 600:
            raise _Refused(_describe(error)) from error
        raise
    if refused:
        raise _Refused(str(refused)[:400])


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:500]


def _record(row, now: datetime, error: str | None, permanent: bool = False) -> str:
    attempts = (row.attempts or 0) + 1
    values = {"attempts": attempts, "last_attempt_at": now, "claimed_until": None, "claim": None}
    if error is None:
        values.update(status=SENT, sent_at=now, last_error=None)
        outcome = SENT
    elif permanent or attempts >= MAX_ATTEMPTS:
        values.update(status=FAILED, last_error=error)
        outcome = FAILED
    else:
        values.update(last_error=error, next_attempt_at=now + retry_delay(attempts))
        outcome = WAITING
    with db.engine.begin() as conn:
        conn.execute(update(table).where(table.c.id == row.id, table.c.claim == row.claim).values(**values))
    if outcome != SENT:
        # The log names the row and the kind of failure only: an address, or a server's answer
        # quoting one, stays in the outbox table where admins see it.
        current_app.logger.warning("mail %s (%s) not delivered, attempt %s: %s", row.id, row.kind, attempts, error.split(":", 1)[0])
    return outcome


def _deliver(rows, now: datetime) -> Report:
    report = Report()

    def count(outcome: str) -> None:
        if outcome == SENT:
            report.sent += 1
        elif outcome == FAILED:
            report.failed += 1
        else:
            report.retrying += 1

    if not rows:
        return report
    try:
        smtp = _connect()
    except (OSError, smtplib.SMTPException) as error:
        reason = _describe(error)
        report.errors.append(reason)
        for row in rows:
            count(_record(row, now, reason))
        return report
    try:
        for row in rows:
            try:
                _send_one(smtp, row)
            except _Refused as error:
                count(_record(row, now, str(error), permanent=True))
            except (OSError, smtplib.SMTPException) as error:
                reason = _describe(error)
                report.errors.append(reason)
                count(_record(row, now, reason))
                if isinstance(error, (OSError, smtplib.SMTPServerDisconnected)):
                    # The connection is gone: leave the rest for the next run.
                    for rest in rows[rows.index(row) + 1 :]:
                        count(_record(rest, now, reason))
                    break
            else:
                count(_record(row, now, None))
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return report


def send_due(now: datetime | None = None, limit: int = BATCH) -> Report:
    """Send every waiting email that is due, in batches, urgent ones first."""
    report = Report()
    if not current_app.config.get("MAIL_ENABLED"):
        return report
    now = now or utcnow()
    while True:
        with db.engine.begin() as conn:
            rows = _claim(conn, now, limit=limit)
        if not rows:
            return report
        report.add(_deliver(rows, now))
        if len(rows) < limit:
            return report


def send_these(ids) -> Report:
    """Try the given rows now (just after the transaction that wrote them committed)."""
    ids = list(ids)
    if not ids or not current_app.config.get("MAIL_ENABLED"):
        return Report()
    now = utcnow()
    with db.engine.begin() as conn:
        rows = _claim(conn, now, ids=ids, limit=len(ids))
    return _deliver(rows, now)
