"""flask --app wsgi heard voice-check: tell managers and complaints officers what waited too long."""
from __future__ import annotations

import click

from ..cli import heard_cli
from ..extensions import db
from ..tenancy import acting_for, councils
from . import waiting


@heard_cli.command("voice-check")
def voice_check() -> None:
    """Flag unread messages, late call-backs and late complaint stages, once each. Run it hourly."""
    totals = {"unread": 0, "callbacks": 0, "stages": 0}
    for authority in councils():
        with acting_for(authority):
            counts = waiting.check(authority.id)
            db.session.commit()  # one council at a time: a failure in one does not undo another's flags
        for key, value in counts.items():
            totals[key] += value
    click.echo(
        f"Flagged {totals['unread']} unread messages, {totals['callbacks']} late call-backs "
        f"and {totals['stages']} late complaint stages."
    )
