"""Results of a wave, made safe to show: every number goes through app.reports.disclosure.

Results read only the tallies (a few hundred rows per wave), never the answers, so a wave of
tens of thousands of responses costs the same to show as a wave of fifty.

Breakdowns by age band and status are passed the overall figures shown beside them, so the
shared rules can check each answer column against them.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from .. import audit
from ..auth.models import AGE_BANDS, CARE_LEAVER, IN_CARE
from ..extensions import db
from ..i18n.content import localise
from ..reports import disclosure
from ..reports.disclosure import MIN_GROUP, Cell, Distribution
from . import definitions
from .models import MULTIPLE, SKIP, TEXT, SurveyQuestion, SurveyQuote, SurveySection, SurveyTally, SurveyVersion, SurveyWave
from .service import ALL, ANSWERED, GIVEN, HELPED, RESPONSES
from ..tenancy import for_council

MIN_COUNCILS = 3
COMPARE_DAYS = 365
UNKNOWN = ""
MAX_QUOTES = 12

STATUS_LABELS = {IN_CARE: _l("In care"), CARE_LEAVER: _l("Care leavers"), UNKNOWN: _l("Not known")}


def band_label(band: str) -> str:
    return str(_l("Not known")) if band == UNKNOWN else str(_l("Ages %(band)s", band=band.replace("-", "–")))


# --- suppression --------------------------------------------------------------------------------
# The shared rules keep every hidden group of cells at 5 or more, check each answer of a breakdown
# against the overall figure, and label hidden figures truly.


def safe_distribution(counts, categories) -> Distribution:
    return disclosure.distribution(counts, categories)


def safe_breakdown(groups: dict, categories: list, overall: Distribution) -> dict:
    """Distributions per group that cannot be subtracted from each other or from `overall`."""
    return disclosure.breakdown(groups, categories, overall)


# --- reading tallies ----------------------------------------------------------------------------


def load_version(version_id: int) -> SurveyVersion:
    """A version with its survey, sections and questions in three queries, not one per section."""
    return db.session.execute(
        select(SurveyVersion)
        .where(SurveyVersion.id == version_id)
        .options(joinedload(SurveyVersion.survey), selectinload(SurveyVersion.sections).selectinload(SurveySection.questions))
    ).unique().scalar_one()


@for_council(of="wave")
def _tallies(wave: SurveyWave):
    return db.session.execute(
        select(SurveyTally.question_id, SurveyTally.value, SurveyTally.age_band, SurveyTally.care_status, SurveyTally.count).where(
            SurveyTally.wave_id == wave.id
        )
    ).all()


@dataclass
class Comparison:
    ours: Cell  # positive answers here, with percent
    average: float | None  # mean of each council's positive percent
    councils: int


@dataclass
class QuestionResult:
    question: SurveyQuestion
    section_title: str
    categories: list[str]
    labels: dict[str, str]
    overall: Distribution
    by_band: dict = field(default_factory=dict)
    by_status: dict = field(default_factory=dict)
    trend: list = field(default_factory=list)  # [(wave, Cell of positive answers)]
    comparison: Comparison | None = None
    quotes: list = field(default_factory=list)
    text_given: Cell | None = None
    multiple: bool = False

    @property
    def rows(self):
        return [(self.labels[c], self.overall.cells.get(c) or Cell(None)) for c in self.categories]

    @property
    def has_positive(self) -> bool:
        return any(option.get("positive") for option in self.question.options)


@dataclass
class WaveResults:
    wave: SurveyWave
    responses: Distribution  # base = all responses; cells = per age band
    by_status: Distribution  # the same responses per care status
    helped: Cell | None
    issued: int
    used: Cell
    rate_text: str
    questions: list[QuestionResult]
    councils_compared: int


def codes_used_cell(issued: int, used: int) -> Cell:
    """Codes used out of codes made: issued is shown, so neither used nor unused may be small."""
    split = disclosure.distribution({"used": used, "unused": issued - used}, ["used", "unused"])
    return split.cells["used"] if split.broken_down else Cell(None)


def skip_label() -> str:
    return localise(definitions.texts()["skip"]).text


def _labels(question: SurveyQuestion) -> tuple[list[str], dict[str, str]]:
    categories = [option["value"] for option in question.options]
    labels = {option["value"]: localise(option["label"]).text for option in question.options}
    categories.append(SKIP)
    labels[SKIP] = skip_label()
    return categories, labels


def _positive_split(counts: dict, question: SurveyQuestion) -> Distribution:
    positive = {o["value"] for o in question.options if o.get("positive")}
    base = sum(n for v, n in counts.items() if v != SKIP and not v.startswith("@"))
    good = sum(n for v, n in counts.items() if v in positive)
    return safe_distribution({"positive": good, "other": base - good}, ["positive", "other"])


def wave_results(wave: SurveyWave, *, with_quotes: bool = True) -> WaveResults:
    with db.session.no_autoflush:  # only reads: spare the session a flush check per query
        return _wave_results(wave, with_quotes)


def _wave_results(wave: SurveyWave, with_quotes: bool) -> WaveResults:
    from .service import code_counts

    rows = _tallies(wave)
    per_question: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    per_band: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    per_status: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for question_id, value, band, status, n in rows:
        per_question[question_id][value] += n
        per_band[question_id][band][value] += n
        per_status[question_id][status][value] += n

    version = load_version(wave.version_id)
    # Who answered: responses per age band and per care status.
    band_counts = {band: counts.get(RESPONSES, 0) for band, counts in per_band[0].items()}
    status_counts = {status: counts.get(RESPONSES, 0) for status, counts in per_status[0].items()}
    responses = safe_distribution(band_counts, _ordered(band_counts, AGE_BANDS))
    responses_by_status = safe_distribution(status_counts, _ordered(status_counts, (IN_CARE, CARE_LEAVER)))
    helped = None
    if version.survey.offer_help:
        total = per_question[0].get(RESPONSES, 0)
        helped_n = per_question[0].get(HELPED, 0)
        helped = safe_distribution({"helped": helped_n, "alone": total - helped_n}, ["helped", "alone"]).cells.get("helped", Cell(None))

    issued, used_n = code_counts(wave)
    used_cell = codes_used_cell(issued, used_n)
    rate_text = used_cell.percent_text

    sections = {s.id: localise(s.title).text for s in version.sections}
    results: list[QuestionResult] = []
    for question in version.questions:
        counts = per_question.get(question.id, {})
        if question.kind == TEXT:
            given = sum(n for v, n in counts.items() if v == GIVEN)
            skipped = counts.get(SKIP, 0)
            dist = safe_distribution({GIVEN: given, SKIP: skipped}, [GIVEN, SKIP])
            qr = QuestionResult(question, sections[question.section_id], [GIVEN, SKIP], {GIVEN: str(_l("Wrote something")), SKIP: skip_label()}, dist)
            qr.text_given = dist.cells.get(GIVEN) or dist.base
            if with_quotes:
                qr.quotes = quotes(wave, question)
            results.append(qr)
            continue
        categories, labels = _labels(question)
        if question.kind == MULTIPLE:
            qr = _multiple_result(question, sections[question.section_id], categories, labels, counts, per_band[question.id], per_status[question.id])
            results.append(qr)
            continue
        overall = safe_distribution(counts, categories)
        qr = QuestionResult(question, sections[question.section_id], categories, labels, overall)
        if overall.broken_down:
            # Both breakdowns sit beside the same overall figures: protect them together.
            split = disclosure.partitions({"band": per_band[question.id], "status": per_status[question.id]}, categories, overall)
            qr.by_band = _ordered(split["band"], AGE_BANDS)
            qr.by_status = _ordered(split["status"], (IN_CARE, CARE_LEAVER))
        results.append(qr)

    councils = _add_trends_and_comparison(wave, [r for r in results if r.question.kind not in (TEXT, MULTIPLE) and r.has_positive])
    return WaveResults(
        wave=wave,
        responses=responses,
        by_status=responses_by_status,
        helped=helped,
        issued=issued,
        used=used_cell,
        rate_text=rate_text,
        questions=results,
        councils_compared=councils,
    )


def _ordered(groups: dict, order) -> dict:
    keys = [k for k in order if k in groups] + sorted(k for k in groups if k not in order)
    return {k: groups[k] for k in keys}


def _multiple_result(question, section_title, categories, labels, counts, per_band, per_status) -> QuestionResult:
    """Each answer of a multiple-choice question is its own yes/no split over those who answered."""
    base = counts.get(ANSWERED, 0)
    cells = {}
    for value in categories[:-1]:
        split = safe_distribution({"chose": counts.get(value, 0), "not": base - counts.get(value, 0)}, ["chose", "not"])
        cells[value] = split.cells.get("chose") or Cell(None)
    skipped = counts.get(SKIP, 0)
    all_base = disclosure.distribution({"answered": base, SKIP: skipped}, ["answered", SKIP])
    cells[SKIP] = all_base.cells.get(SKIP) or Cell(None)
    overall = Distribution(base=disclosure.distribution({"n": base}, ["n"]).base, cells=cells, broken_down=base >= MIN_GROUP)
    qr = QuestionResult(question, section_title, categories, labels, overall, multiple=True)
    return qr


@for_council(of="wave")
def _add_trends_and_comparison(wave: SurveyWave, results: list[QuestionResult]) -> int:
    if not results:
        return 0
    keys = {r.question.key: r for r in results}
    # Trend: every wave of this council that asked the same questions (same keys).
    trend_rows = db.session.execute(
        select(SurveyWave.id, SurveyQuestion.key, SurveyTally.value, func.sum(SurveyTally.count))
        .join(SurveyQuestion, SurveyQuestion.id == SurveyTally.question_id)
        .join(SurveyWave, SurveyWave.id == SurveyTally.wave_id)
        .where(SurveyQuestion.key.in_(keys), SurveyWave.opens_on <= wave.opens_on)
        .group_by(SurveyWave.id, SurveyQuestion.key, SurveyTally.value)
    ).all()
    per_wave: dict[str, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for wave_id, key, value, n in trend_rows:
        per_wave[key][wave_id][value] = int(n)
    wave_ids = {wave_id for rows in per_wave.values() for wave_id in rows}
    waves = {w.id: w for w in db.session.scalars(select(SurveyWave).where(SurveyWave.id.in_(wave_ids)))} if wave_ids else {}
    for key, result in keys.items():
        series = []
        for wave_id, counts in per_wave[key].items():
            split = _positive_split(counts, result.question)
            series.append((waves[wave_id], split.cells.get("positive") or Cell(None)))
        result.trend = sorted(series, key=lambda item: (item[0].opens_on, item[0].id))

    # Comparison: every council on the installation with the same questions in the same year.
    since = wave.closes_on - timedelta(days=COMPARE_DAYS)
    council_rows = db.session.execute(
        select(SurveyTally.authority_id, SurveyQuestion.key, SurveyTally.value, func.sum(SurveyTally.count))
        .join(SurveyQuestion, SurveyQuestion.id == SurveyTally.question_id)
        .join(SurveyWave, SurveyWave.id == SurveyTally.wave_id)
        .where(SurveyQuestion.key.in_(keys), SurveyWave.opens_on <= wave.closes_on, SurveyWave.closes_on >= since)
        .group_by(SurveyTally.authority_id, SurveyQuestion.key, SurveyTally.value),
        execution_options=ALL,
    ).all()
    per_council: dict[str, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for authority_id, key, value, n in council_rows:
        per_council[key][authority_id][value] = int(n)
    most = 0
    for key, result in keys.items():
        shares = []
        ours = None
        for authority_id, counts in per_council[key].items():
            split = _positive_split(counts, result.question)
            cell = split.cells.get("positive")
            if split.base.count is None or split.base.count < MIN_GROUP or cell is None or cell.percent is None:
                continue
            shares.append(cell.percent)
            if authority_id == wave.authority_id:
                ours = cell
        most = max(most, len(shares))
        if ours is not None and len(shares) >= MIN_COUNCILS:
            result.comparison = Comparison(ours=ours, average=sum(shares) / len(shares), councils=len(shares))
    return most


def quotes(wave: SurveyWave, question: SurveyQuestion) -> list:
    """Approved words only, as moderation published them (redacted where it had to be)."""
    item_ids = db.session.scalars(
        select(SurveyQuote.text_item_id).where(SurveyQuote.wave_id == wave.id, SurveyQuote.question_id == question.id)
    ).all()
    if not item_ids:
        return []
    try:
        from ..moderation import service as moderation
    except ImportError:  # pragma: no cover - moderation is part of every installation
        return []
    published = moderation.published_texts(item_ids)
    ordered = sorted(published.values(), key=lambda p: (p.published_at is None, p.published_at))
    return ordered[:MAX_QUOTES]


# --- CSV ---------------------------------------------------------------------------------------


def csv_rows(results: WaveResults):
    """Every figure on the page, and no other, as rows for a spreadsheet."""
    wave = results.wave
    yield ["wave", "section", "question_key", "question", "group_type", "group", "answer", "count", "percent"]
    title = wave.title
    yield [title, "", "", str(_l("Responses")), "all", "", "", results.responses.base.csv, ""]
    for band, cell in results.responses.cells.items():
        yield [title, "", "", str(_l("Responses")), "age_band", band or "unknown", "", cell.csv, cell.percent_text]
    for status, cell in results.by_status.cells.items():
        yield [title, "", "", str(_l("Responses")), "care_status", status or "unknown", "", cell.csv, cell.percent_text]
    yield [title, "", "", str(_l("Codes issued")), "all", "", "", str(results.issued), ""]
    yield [title, "", "", str(_l("Codes used")), "all", "", "", results.used.csv, results.rate_text]
    if results.helped is not None:
        yield [title, "", "", str(_l("Answered with help from an adult")), "all", "", "", results.helped.csv, results.helped.percent_text]
    for qr in results.questions:
        text = localise(qr.question.text, "en").text
        key = qr.question.key
        yield [title, qr.section_title, key, text, "all", "", str(_l("Total")), qr.overall.base.csv, ""]
        for label, cell in qr.rows:
            yield [title, qr.section_title, key, text, "all", "", label, cell.csv, cell.percent_text]
        for group_type, groups in (("age_band", qr.by_band), ("care_status", qr.by_status)):
            for group, dist in groups.items():
                yield [title, qr.section_title, key, text, group_type, group or "unknown", str(_l("Total")), dist.base.csv, ""]
                if dist.broken_down:
                    for category in qr.categories:
                        cell = dist.cells[category]
                        yield [title, qr.section_title, key, text, group_type, group or "unknown", qr.labels[category], cell.csv, cell.percent_text]
        for trend_wave, cell in qr.trend:
            yield [title, qr.section_title, key, text, "trend", trend_wave.title, str(_l("Positive answers")), cell.csv, cell.percent_text]
        if qr.comparison is not None:
            yield [title, qr.section_title, key, text, "all_councils", str(qr.comparison.councils), str(_l("Positive answers, average of councils")), "", f"{qr.comparison.average:.0f}%"]


def viewed(wave: SurveyWave) -> None:
    """Who looked at a wave's results is logged, as they hold what young people said."""
    audit.record("survey.results_viewed", wave)


def exported(wave: SurveyWave) -> None:
    audit.record("survey.results_exported", wave)
