"""flask --app wsgi heard purge: apply the retention schedule to every council."""
from __future__ import annotations

import click

from .. import audit
from ..cli import heard_cli
from ..extensions import db
from ..jobs import claim_period
from ..models_base import utcnow
from ..tenancy import Authority, acting_for, councils
from . import retention


@heard_cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Count what would be deleted; change nothing.")
@click.option("--authority", "slug", default=None, help="Only this council (its slug).")
def purge(dry_run: bool, slug: str | None) -> None:
    """Delete what each council's retention schedule says is no longer needed.

    Run it nightly. Each council is purged in its own transaction and the run is recorded in its
    audit log, with how many records each rule removed (a dry run is recorded too, as one)."""
    chosen = councils()
    if slug:
        chosen = [c for c in chosen if c.slug == slug]
        if not chosen:
            raise click.ClickException(f"No council with slug {slug!r}.")
    for council in chosen:
        with acting_for(council):
            # Every app server runs the nightly timer: one run a day purges each council.
            if not dry_run and not claim_period("purge", utcnow().date().isoformat()):
                db.session.rollback()
                click.echo(f"{council.slug}: already purged today")
                continue
            counts = retention.purge(council.id, dry_run=dry_run)
            audit.record("privacy.purge", db.session.get(Authority, council.id), authority_id=council.id, actor=None, dry_run=dry_run or None,
                         removed={key: n for key, n in counts.items() if n})
            db.session.commit()
        total = sum(counts.values())
        label = "would remove" if dry_run else "removed"
        details = ", ".join(f"{key} {n}" for key, n in counts.items() if n) or "nothing due"
        click.echo(f"{council.slug}: {label} {total} ({details})")
