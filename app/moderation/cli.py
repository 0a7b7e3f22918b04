"""flask --app wsgi heard escalate | moderation-digest: run by cron or a systemd timer."""
from __future__ import annotations

import click

from ..cli import heard_cli
from ..extensions import db
from . import service


@heard_cli.command("escalate")
def escalate() -> None:
    """Escalate unacknowledged safeguarding alerts past their deadline. Run every few minutes."""
    alerts = service.escalate_overdue()
    db.session.commit()
    click.echo(f"Escalated {len(alerts)} alert(s).")


@heard_cli.command("moderation-digest")
def moderation_digest() -> None:
    """Email participation officers how many items wait for moderation. Run once a day."""
    sent = service.send_digests()
    db.session.commit()
    click.echo(f"Sent {sent} digest email(s).")
