"""Scheduled jobs may run on every app server at once (each server has the same timers): each
due thing must still be done exactly once. Two ways to make sure:

- `claim_row`: a conditional UPDATE that marks one row done ("reminder sent at ...") only if it
  is not marked yet. The database lets exactly one run win: on PostgreSQL the loser waits for the
  winner's row lock, then sees the mark; SQLite runs one writer at a time.
- `claim_period`: for a job that is done once per council per period (the daily digest), a row
  per (job, council, period) under a unique constraint; the run that inserts it does the work.

Row locks with SKIP LOCKED (`with_for_update(skip_locked=True)`) serve jobs that change many
rows of one item, such as escalation and sealing a pledge round.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db
from .models_base import AuthorityOwned, UTCDateTime, utcnow
from .tenancy import current_authority_id


class JobClaim(AuthorityOwned, db.Model):
    """That one run of a job took a council's work for one period (e.g. the digest of a day)."""

    __table_args__ = (UniqueConstraint("job", "authority_id", "period", name="uq_job_claim_job_authority_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(60))
    period: Mapped[str] = mapped_column(String(20))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


def claim_period(job: str, period: str) -> bool:
    """Claim the bound council's run of `job` for `period`; False if another run has it."""
    try:
        with db.session.begin_nested():
            db.session.add(JobClaim(authority_id=current_authority_id(), job=job, period=period))
    except IntegrityError:
        return False
    return True


def claim_row(column, ident, value) -> bool:
    """Set `column` (a mapped column such as `Meeting.reminder_sent_at`) to `value` on row `ident`
    if it is still empty. True if this run set it, so this run does the work."""
    model = column.class_
    result = db.session.execute(
        update(model).where(model.id == ident, column.is_(None)).values({column.key: value}),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount == 1
