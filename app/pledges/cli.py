"""flask --app wsgi heard seal-pledge-rounds: seal every pledge round whose closing time has passed.

Pages seal due rounds when they are next used; run this from cron (e.g. hourly) so the link
between ratings and young people is cut on time even when nobody opens Heard.
"""
import click

from ..cli import heard_cli
from ..extensions import db
from ..tenancy import acting_for, councils
from . import service


@heard_cli.command("seal-pledge-rounds")
def seal_pledge_rounds() -> None:
    """Seal closed pledge rating rounds in every council."""
    count = 0
    for council in councils():
        with acting_for(council):
            count += service.seal_due_rounds()
            db.session.commit()
    click.echo(f"Sealed {count} pledge rating round(s).")
