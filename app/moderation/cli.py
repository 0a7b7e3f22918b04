"""flask --app wsgi heard escalate | moderation-digest: run by cron or a systemd timer, for every council."""
from __future__ import annotations

import click

from ..cli import heard_cli
from ..extensions import db
from ..tenancy import acting_for, councils
from . import service


@heard_cli.command("escalate")
def escalate() -> None:
    """Escalate unacknowledged safeguarding alerts past their deadline. Run every few minutes."""
    escalated = 0
    for council in councils():
        with acting_for(council):
            escalated += len(service.escalate_overdue())
            db.session.commit()
    click.echo(f"Escalated {escalated} alert(s).")


@heard_cli.command("moderation-digest")
def moderation_digest() -> None:
    """Email participation officers how many items wait for moderation. Run once a day."""
    sent = 0
    for council in councils():
        with acting_for(council):
            sent += service.send_digest()
            db.session.commit()
    click.echo(f"Sent {sent} digest email(s).")
