"""Email, the one way Heard sends it: through a durable outbox.

Every email is first a row in `outgoing_mail`, added to the caller's database session, so it is
saved in the same transaction as whatever caused it (an alert, a sent review, a reminder) or not
at all. Just after that transaction commits, Heard tries to send it; whatever could not be sent
waits for the sender, `flask --app wsgi heard send-mail` (every minute from cron or a systemd
timer), which retries with growing gaps (1, 2, 5, 10 ... 240 minutes) and gives up only after
eleven attempts or a permanent refusal. Nothing is ever lost silently: staff see undelivered
notices (`undelivered`) and `heard escalate` reports undelivered safeguarding mail.

Using it from a feature:

    from .. import mail

    with force_locale(person.preferred_language or "en"):   # the recipient's language
        subject = _("New views before a review")
        body = _("Sign in to Heard to read them:") + "\\n" + mail.link(f"/staff/reviews/{review.id}")
    mail.queue_mail(person.email, subject, body, authority_id=review.authority_id,
                    kind="reviews.views_sent", about_id=review.id)
    # ... then the view commits as usual (`applying(...)` or `db.session.commit()`).

- `queue_mail(to, subject, body, *, authority_id, kind, about_id=None, urgent=False)`: one row per
  distinct address (nobody sees who else was told); returns the rows. `kind` is
  "<feature>.<what>" and says what the mail is for on the undelivered notices; kinds starting
  with "safeguarding." are always urgent (sent first) and shown to safeguarding leads.
- `link(path)`: an absolute link for an email, e.g. `link("/staff/reviews/3")`.
- `undelivered(authority_id, safeguarding_only=False)`: mail that failed at least once and is not
  sent yet, or was given up on, newest first.

Emails carry no personal content: no names, no words a young person wrote; only a nudge and a
link behind sign-in. Set `MAIL_SEND_AT_ONCE=false` to leave all sending to the sender command.
"""
from __future__ import annotations

from flask import current_app
from sqlalchemy import event, or_, select
from sqlalchemy.orm import Session

from ..extensions import db
from ..links import public_url
from .models import FAILED, NORMAL, SENT, URGENT, WAITING, OutgoingMail  # noqa: F401
from ..tenancy import for_council

SAFEGUARDING_KINDS = "safeguarding."
_JUST_QUEUED = "heard_mail_just_queued"


def queue_mail(
    to: str | list[str] | tuple[str, ...],
    subject: str,
    body: str,
    *,
    authority_id: int,
    kind: str,
    about_id: int | None = None,
    urgent: bool = False,
) -> list[OutgoingMail]:
    """Put one email per distinct address in the outbox, in the caller's transaction."""
    addresses = [to] if isinstance(to, str) else list(to or ())
    seen: set[str] = set()
    rows = []
    for address in addresses:
        address = (address or "").strip()
        if not address or address.casefold() in seen:
            continue
        seen.add(address.casefold())
        rows.append(
            OutgoingMail(
                authority_id=authority_id,
                kind=kind[:40],
                about_id=about_id,
                recipient=address[:320],
                subject=str(subject)[:300],
                body=str(body),
                priority=URGENT if urgent or kind.startswith(SAFEGUARDING_KINDS) else NORMAL,
                status=WAITING,
                attempts=0,
            )
        )
    if not rows:
        return rows
    db.session.add_all(rows)
    db.session.flush()
    db.session.info.setdefault(_JUST_QUEUED, []).extend(row.id for row in rows)
    return rows


def link(endpoint_path: str) -> str:
    """An absolute link for an email, from a path such as '/staff/reviews/3'."""
    return public_url(endpoint_path)


@for_council
def undelivered(authority_id: int, *, safeguarding_only: bool = False, limit: int = 50) -> list[OutgoingMail]:
    """Mail of one council that failed at least once and is not sent, or was given up on."""
    stmt = select(OutgoingMail).where(
        or_(OutgoingMail.status == FAILED, (OutgoingMail.status == WAITING) & (OutgoingMail.attempts > 0)),
    )
    if safeguarding_only:
        stmt = stmt.where(OutgoingMail.kind.startswith(SAFEGUARDING_KINDS))
    return list(db.session.scalars(stmt.order_by(OutgoingMail.created_at.desc(), OutgoingMail.id.desc()).limit(limit)).all())


# Sent just after the transaction that wrote them commits, never for one that rolled back.
@event.listens_for(Session, "after_commit")
def _send_just_queued(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint was released, not the transaction: its rows are not committed yet
    ids = session.info.pop(_JUST_QUEUED, None)
    if ids and current_app.config.get("MAIL_SEND_AT_ONCE", True):
        from .sender import send_these

        send_these(ids)


@event.listens_for(Session, "after_soft_rollback")
def _forget_rolled_back(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(_JUST_QUEUED, None)
