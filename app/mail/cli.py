"""flask --app wsgi heard send-mail: the outbox sender, run every minute by cron or a systemd timer."""
from __future__ import annotations

import click

from ..cli import heard_cli
from .sender import send_due


@heard_cli.command("send-mail")
def send_mail() -> None:
    """Send waiting emails and retry failed ones that are due. Safe to run on several servers at once."""
    report = send_due()
    click.echo(f"Sent {report.sent}, will retry {report.retrying}, failed {report.failed}.")
    for error in sorted(set(report.errors)):
        click.echo(f"  {error}", err=True)
