"""flask --app wsgi heard escalate | moderation-digest: run by cron or a systemd timer, for every council."""
from __future__ import annotations

import click

from ..cli import heard_cli
from ..extensions import db
from ..mail import undelivered
from ..tenancy import acting_for, councils
from . import service


@heard_cli.command("escalate")
def escalate() -> None:
    """Escalate unacknowledged safeguarding alerts past their deadline, and report alert email that
    has not been delivered. Run every few minutes."""
    escalated = 0
    failed = []
    for council in councils():
        with acting_for(council):
            escalated += len(service.escalate_overdue())
            db.session.commit()
            for row in undelivered(council.id, safeguarding_only=True):
                state = "given up" if row.status == "failed" else f"next try {row.next_attempt_at:%Y-%m-%d %H:%M} UTC"
                failed.append(f"  {council.name}: alert {row.about_id} to {row.recipient}, {row.attempts} attempt(s), {state}: {row.last_error}")
    click.echo(f"Escalated {escalated} alert(s).")
    if failed:
        click.echo(f"Safeguarding email not delivered: {len(failed)}.")
        click.echo("\n".join(failed))


@heard_cli.command("moderation-digest")
def moderation_digest() -> None:
    """Email participation officers how many items wait for moderation. Run once a day."""
    sent = 0
    for council in councils():
        with acting_for(council):
            sent += service.send_digest()
            db.session.commit()
    click.echo(f"Sent {sent} digest email(s).")
