"""flask --app wsgi heard escalate | moderation-digest: run by cron or a systemd timer."""
from __future__ import annotations

import click
from sqlalchemy import or_, select

from ..cli import heard_cli
from ..extensions import db
from ..mail import FAILED, SAFEGUARDING_KINDS, WAITING, OutgoingMail
from ..tenancy import Authority
from . import service


@heard_cli.command("escalate")
def escalate() -> None:
    """Escalate unacknowledged safeguarding alerts past their deadline, and report alert email that
    has not been delivered. Run every few minutes."""
    alerts = service.escalate_overdue()
    db.session.commit()
    click.echo(f"Escalated {len(alerts)} alert(s).")
    _report_undelivered()


def _report_undelivered() -> None:
    rows = db.session.execute(
        select(OutgoingMail, Authority.name)
        .join(Authority, Authority.id == OutgoingMail.authority_id)
        .where(
            OutgoingMail.kind.startswith(SAFEGUARDING_KINDS),
            or_(OutgoingMail.status == FAILED, (OutgoingMail.status == WAITING) & (OutgoingMail.attempts > 0)),
        )
        .order_by(Authority.name, OutgoingMail.id),
        execution_options={"all_authorities": True},
    ).all()
    if not rows:
        return
    click.echo(f"Safeguarding email not delivered: {len(rows)}.", err=False)
    for row, council in rows:
        state = "given up" if row.status == FAILED else f"next try {row.next_attempt_at:%Y-%m-%d %H:%M} UTC"
        click.echo(f"  {council}: alert {row.about_id} to {row.recipient}, {row.attempts} attempt(s), {state}: {row.last_error}")


@heard_cli.command("moderation-digest")
def moderation_digest() -> None:
    """Email participation officers how many items wait for moderation. Run once a day."""
    sent = service.send_digests()
    db.session.commit()
    click.echo(f"Sent {sent} digest email(s).")
