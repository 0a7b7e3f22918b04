"""flask --app wsgi heard council-reminders: email members about meetings coming up, in every council."""
from __future__ import annotations

import click

from ..cli import heard_cli
from ..extensions import db
from ..tenancy import acting_for, councils
from . import meetings, polls


@heard_cli.command("council-reminders")
@click.option("--hours", default=meetings.REMINDER_HOURS, show_default=True, help="Remind about meetings starting within this many hours.")
def council_reminders(hours: int) -> None:
    """Send meeting reminders (once per meeting) and close open polls whose time is up. Run it hourly."""
    sent = closed = 0
    for council in councils():
        with acting_for(council):
            sent += meetings.send_reminders(hours=hours)
            closed += polls.close_expired_polls()
            db.session.commit()
    click.echo(f"Sent {sent} meeting reminders; closed {closed} polls whose time was up.")
