"""flask --app wsgi heard surveys-settle: write waiting survey answers; tidy closed waves."""
from __future__ import annotations

from datetime import date

import click
from sqlalchemy import select

from ..cli import heard_cli
from ..extensions import db
from ..tenancy import acting_for, councils
from . import service
from .models import SurveyDraft, SurveyWave


@heard_cli.command("surveys-settle")
def surveys_settle() -> None:
    """Write full batches of submitted answers, and everything left in waves that have closed.

    Run it daily. Answers are written in batches of 5 so that nobody's can be picked out by when
    they arrived; a closed wave's last few are written however many there are, and drafts that
    were never sent are deleted."""
    settled = written = 0
    for council in councils():
        with acting_for(council):
            waves = db.session.scalars(select(SurveyWave).where(SurveyWave.id.in_(select(SurveyDraft.wave_id)))).all()
            for wave in waves:
                written += service.close_out(wave) if wave.closes_on < date.today() else service.flush(wave)
                db.session.commit()
            settled += len(waves)
    click.echo(f"Settled {settled} waves ({written} drafts written or removed).")
