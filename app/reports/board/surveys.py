"""Surveys: the headline well-being measures of each survey that closed in the quarter, beside the
average of every council on Heard that asked the same question in the same year (only where enough
councils take part: see app.surveys.results). The figures are the survey results' own, protected
there, so the pack adds nothing a reader could subtract."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...i18n.content import localise
from ...surveys import results
from ...surveys.models import SurveyWave
from ..quarters import Quarter
from .sections import Section
from .tables import PERCENT, Entry, Row, Table
from ...tenancy import for_council

# The measures the Board follows, in the order it reads them: feeling safe and settled, a trusted
# adult, a good friend, and how life is going (each survey asks these in words for its ages).
HEADLINES = (
    ("heard:safe", _l("Feel safe where they live")),
    ("heard:settled", _l("Feel settled where they live")),
    ("heard:adult", _l("Have an adult they trust")),
    ("heard:adult-young", _l("Have a grown-up they trust")),
    ("heard:cl-adult", _l("Have someone they trust who is there when needed")),
    ("heard:friend", _l("Have a good friend")),
    ("ons:life", _l("High satisfaction with life (7 to 10 out of 10)")),
    ("heard:most-days", _l("Feel good most days")),
)


@for_council
def waves_closed_in(authority_id: int, quarter: Quarter) -> list[SurveyWave]:
    last = min(quarter.end, date.today())
    return list(
        db.session.scalars(
            select(SurveyWave)
            .where(SurveyWave.closes_on >= quarter.start, SurveyWave.closes_on <= last)
            .order_by(SurveyWave.closes_on, SurveyWave.id)
        )
    )


def measures(wave: SurveyWave) -> dict[str, Entry]:
    """Headline key -> this wave's share of positive answers, with the all-council average."""
    found = results.wave_results(wave, with_quotes=False)
    out = {}
    for qr in found.questions:
        if qr.question.key not in dict(HEADLINES):
            continue
        own = next((cell for trend_wave, cell in qr.trend if trend_wave.id == wave.id), None)
        if own is None:
            continue
        out[qr.question.key] = Entry(own, average=qr.comparison.average if qr.comparison else None)
    return out


def section(authority_id: int, quarters: list[Quarter]) -> Section:
    # One row per survey (by its age group) and measure, across the quarters.
    rows: dict[tuple, Row] = {}
    order = {key: n for n, (key, _) in enumerate(HEADLINES)}
    for index, quarter in enumerate(quarters):
        for wave in waves_closed_in(authority_id, quarter):
            survey = wave.version.survey
            for key, entry in measures(wave).items():
                row_key = (survey.key, key)
                if row_key not in rows:
                    label = str(_l("%(measure)s (%(survey)s)", measure=dict(HEADLINES)[key], survey=localise(survey.title).text))
                    rows[row_key] = Row(f"{survey.key}|{key}", label, [Entry() for _ in quarters], PERCENT)
                rows[row_key].entries[index] = entry
    ordered = sorted(rows.items(), key=lambda item: (item[0][0], order[item[0][1]]))
    table = Table(
        "surveys",
        str(_l("Headline well-being measures: share of positive answers")),
        str(_l("Measure (survey)")),
        rows=[row for _, row in ordered],
        chart=True,
        note=str(_l("Where at least 3 councils on Heard asked the same question in the same year, the average of their shares is shown beside ours.")),
    )
    return Section(
        "surveys",
        str(_l("Surveys")),
        str(_l("Well-being surveys that closed in the quarter. Young people answer anonymously; each share counts those who answered the question.")),
        str(_l("What you told us in the anonymous surveys about feeling safe, settled and happy, and having people you trust.")),
        tables=[table],
    )
