"""Results: distributions, breakdowns, suppression that survives subtraction, trends, comparison."""
import csv
import io
import random
import re
from datetime import date, timedelta

from app.reports.disclosure import MIN_CELL
from app.surveys import results, service
from tests import factories

from .helpers import add_responses, many


# --- the suppression rules, checked against the true numbers -----------------------------------


def _check_distribution(true: dict, dist):
    if dist.base.count is not None:
        assert dist.base.count == sum(true.values()) and dist.base.count >= MIN_CELL
    else:
        _check_label(dist.base, sum(true.values()))
    if not dist.broken_down:
        return
    hidden = [k for k, c in dist.cells.items() if c.count is None]
    for key, cell in dist.cells.items():
        if cell.count is not None:
            assert cell.count == true.get(key, 0) and cell.count >= MIN_CELL
        else:
            assert cell.percent is None
            _check_label(cell, true.get(key, 0))
    if hidden:
        assert sum(true.get(k, 0) for k in hidden) >= MIN_CELL, "base minus shown gives away the hidden cells"


def _check_label(cell, true: int):
    """A hidden figure says truly whether it is a small count or one hidden to protect another."""
    if true < MIN_CELL:
        assert cell.csv == "<5" and str(cell) == "fewer than 5", (cell, true)
    else:
        assert cell.csv == "hidden" and str(cell) == "hidden to protect small numbers", (cell, true)


def _check_breakdown(groups: dict, overall, breakdown: dict, categories):
    for key, dist in breakdown.items():
        _check_distribution(groups[key], dist)
    if overall.base.count is not None:
        # A group nobody is in tells nothing about anyone, so it needs no cover.
        hidden = [k for k, d in breakdown.items() if d.base.count is None and sum(groups[k].values())]
        if hidden:
            assert sum(sum(groups[k].values()) for k in hidden) >= MIN_CELL, "a hidden group total is recoverable"
    for category in categories:
        total = overall.cells.get(category)
        if total is None or total.count is None:
            continue
        hidden = [k for k, d in breakdown.items() if not d.broken_down or d.cells[category].count is None]
        if hidden:
            assert sum(groups[k].get(category, 0) for k in hidden) >= MIN_CELL, f"{category}: overall minus groups gives a hidden cell"


def test_no_suppressed_number_can_be_recovered_by_subtraction():
    # 1,000 random tables of small numbers; the shared rules alone fail about half of them.
    for seed in range(1000):
        _random_table(random.Random(seed))


def _random_table(rng):
    categories = ["a", "b", "c", "d", "skip"][: rng.randint(2, 5)]
    groups = {}
    for g in range(rng.randint(1, 4)):
        groups[f"g{g}"] = {c: rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 9, 12, 30]) for c in categories}
    overall_counts = {c: sum(groups[g][c] for g in groups) for c in categories}
    overall = results.safe_distribution(overall_counts, categories)
    _check_distribution(overall_counts, overall)
    if overall.broken_down:
        breakdown = results.safe_breakdown(groups, categories, overall)
        _check_breakdown(groups, overall, breakdown, categories)


def test_the_example_from_the_rules(db):
    # 20 said yes, 3 sometimes, 8 no: "sometimes" is hidden, so is the next smallest, which is
    # not a small number and is not called one.
    dist = results.safe_distribution({"yes": 20, "sometimes": 3, "no": 8}, ["yes", "sometimes", "no"])
    assert dist.cells["sometimes"].csv == "<5" and str(dist.cells["sometimes"]) == "fewer than 5"
    assert dist.cells["no"].count is None
    assert dist.cells["no"].csv == "hidden" and str(dist.cells["no"]) == "hidden to protect small numbers"
    assert dist.cells["yes"].count == 20 and dist.base.count == 31
    # Everybody said yes: showing 20 of 20 would say nobody said anything else, and so would a
    # "hidden" beside a "fewer than 5".
    dist = results.safe_distribution({"yes": 20, "no": 0}, ["yes", "no"])
    assert dist.base.count == 20 and not dist.broken_down


# --- end to end: pages, CSV and charts ------------------------------------------------------------


def _mixed_wave(authority, **kwargs):
    wave = factories.survey_wave(authority, **kwargs)
    rows = (
        many(20, {"heard:safe": "yes", "heard:age-11-17": "12-15"})
        + many(3, {"heard:safe": "sometimes", "heard:age-11-17": "12-15"})
        + many(8, {"heard:safe": "no", "heard:age-11-17": "16-17"})
        + many(6, {"heard:safe": "yes"}, band="8-11")
        + many(1, {"heard:safe": "sometimes"}, band="8-11")
        + many(4, {"heard:safe": "no"}, band="8-11")
        + many(2, {"heard:safe": "skip"}, band="12-17", status="care_leaver")
    )
    add_responses(wave, rows)
    return wave


def _numbers_in_tables(html):
    cells = re.findall(r'<td class="govuk-table__cell govuk-table__cell--numeric">([^<]*)</td>', html)
    numbers = []
    for cell in cells:
        for part in re.findall(r"(?<![\d.])(\d+)(?![\d%.])", cell):
            numbers.append(int(part))
    return cells, numbers


def test_results_page_csv_and_charts_show_no_small_number(app, db, sign_in):
    authority = factories.authority()
    wave = _mixed_wave(authority)
    officer = factories.staff(authority, "participation_officer")
    client = sign_in(officer)
    html = client.get(f"/staff/surveys/waves/{wave.id}/results").get_data(as_text=True)
    assert "fewer than 5" in html
    cells, numbers = _numbers_in_tables(html)
    assert numbers and all(n >= MIN_CELL for n in numbers), numbers
    # The chart's bars only exist for shown cells, and their titles carry only shown numbers.
    for title in re.findall(r"<title>([^<]*)</title>", html):
        for n in re.findall(r":\s*(\d+)\s*\(", title):
            assert int(n) >= MIN_CELL
    assert not re.search(r'heard-chart__bar[^>]*width="0', html)
    body = client.get(f"/staff/surveys/waves/{wave.id}/results.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(body)))
    header, rows = rows[0], rows[1:]
    count_at, answer_at = header.index("count"), header.index("answer")
    for row in rows:
        if row[count_at] not in ("", "<5", "hidden") and "Codes issued" not in row:
            assert int(row[count_at]) >= MIN_CELL, row
    # And subtraction: take the "heard:safe" rows and check totals against shown cells.
    safe = [r for r in rows if r[2] == "heard:safe" and r[4] == "all"]
    total = int(next(r for r in safe if r[answer_at] == "Total")[count_at])
    shown = [int(r[count_at]) for r in safe if r[answer_at] != "Total" and r[count_at] not in ("<5", "hidden", "")]
    hidden = [r for r in safe if r[count_at] in ("<5", "hidden")]
    assert total == 44
    if hidden:
        assert total - sum(shown) >= MIN_CELL


def test_a_figure_hidden_to_protect_a_small_one_is_not_called_small(app, db, sign_in):
    # 26 yes, 4 sometimes, 12 no, 2 skipped: "sometimes" and the skips are small; the 12 who said
    # no are hidden too, so the small ones cannot be narrowed down, and must not read as fewer than 5.
    authority = factories.authority()
    wave = _mixed_wave(authority)
    client = sign_in(factories.staff(authority, "participation_officer"))
    html = client.get(f"/staff/surveys/waves/{wave.id}/results").get_data(as_text=True)
    chart = html[html.index('id="q1-title"') :]
    chart = chart[: chart.index("</table>")]
    row = re.search(r'<th scope="row" class="govuk-table__header">No</th>\s*<td[^>]*>([^<]*)</td>', chart)
    assert row and row.group(1).strip() == "hidden to protect small numbers", row and row.group(1)
    row = re.search(r'<th scope="row" class="govuk-table__header">Sometimes</th>\s*<td[^>]*>([^<]*)</td>', chart)
    assert row and row.group(1).strip() == "fewer than 5"

    body = client.get(f"/staff/surveys/waves/{wave.id}/results.csv").get_data(as_text=True)
    rows = [r for r in csv.DictReader(io.StringIO(body)) if r["question_key"] == "heard:safe" and r["group_type"] == "all"]
    by_answer = {r["answer"]: r["count"] for r in rows}
    assert by_answer["No"] == "hidden" and by_answer["Sometimes"] == "<5" and by_answer["Yes"] == "26"


def test_distribution_by_age_band_and_care_status(app, db):
    wave = _mixed_wave(factories.authority())
    data = results.wave_results(wave, with_quotes=False)
    assert data.responses.base.count == 44
    safe = next(q for q in data.questions if q.question.key == "heard:safe")
    assert safe.overall.cells["yes"].count == 26
    assert set(safe.by_band) == {"12-17", "8-11"}
    assert safe.by_band["12-17"].cells["yes"].count == 20
    assert safe.by_band["8-11"].base.count == 11
    assert safe.by_status["care_leaver"].base.count is None  # 2 care leavers: fewer than 5


def test_trend_across_waves_of_the_same_questions(app, db):
    authority = factories.authority()
    today = date.today()
    first = factories.survey_wave(authority, title="Last year", opens_on=today - timedelta(days=400), closes_on=today - timedelta(days=370))
    add_responses(first, many(12, {"heard:safe": "yes"}) + many(8, {"heard:safe": "no"}))
    second = factories.survey_wave(authority, title="This year")
    add_responses(second, many(15, {"heard:safe": "yes"}) + many(5, {"heard:safe": "no"}))
    data = results.wave_results(second, with_quotes=False)
    safe = next(q for q in data.questions if q.question.key == "heard:safe")
    assert [(w.title, c.count, round(c.percent)) for w, c in safe.trend] == [("Last year", 12, 60), ("This year", 15, 75)]


def test_council_against_the_average_once_three_councils_take_part(app, db, sign_in):
    councils = [factories.authority(name=f"Comparison Council {n}") for n in range(3)]
    waves = []
    for n, council in enumerate(councils[:2]):
        wave = factories.survey_wave(council)
        add_responses(wave, many(10 + n * 10, {"heard:safe": "yes"}) + many(10, {"heard:safe": "no"}))
        waves.append(wave)
    data = results.wave_results(waves[0], with_quotes=False)
    safe = next(q for q in data.questions if q.question.key == "heard:safe")
    assert safe.comparison is None  # only two councils so far
    third = factories.survey_wave(councils[2])
    add_responses(third, many(30, {"heard:safe": "yes"}) + many(10, {"heard:safe": "no"}))
    data = results.wave_results(waves[0], with_quotes=False)
    safe = next(q for q in data.questions if q.question.key == "heard:safe")
    assert safe.comparison.councils == 3
    assert round(safe.comparison.ours.percent) == 50
    assert round(safe.comparison.average) == round((50 + 100 * 20 / 30 + 75) / 3)
    officer = factories.staff(councils[0], "participation_officer")
    html = sign_in(officer).get(f"/staff/surveys/waves/{waves[0].id}/results").get_data(as_text=True)
    assert "Average of 3 councils" in html
    for other in councils[1:]:
        assert other.name not in html


def test_a_changed_question_starts_a_new_trend(app, db):
    from app.surveys import definitions

    authority = factories.authority()
    today = date.today()
    first = factories.survey_wave(authority, opens_on=today - timedelta(days=400), closes_on=today - timedelta(days=370))
    add_responses(first, many(12, {"heard:safe": "yes"}))
    draft = definitions.new_version(first.version.survey)
    reworded = next(q for q in draft.questions if q.key == "heard:safe")
    definitions.edit_question(reworded, text={"en": "Do you feel safe at home and outside?"})
    second = service.create_wave(authority_id=authority.id, version=draft, title="New words", opens_on=today, closes_on=today + timedelta(days=9), care_statuses=["in_care"])
    add_responses(second, many(12, {reworded.key: "yes"}))
    data = results.wave_results(second, with_quotes=False)
    result = next(q for q in data.questions if q.question.id == reworded.id)
    assert [w.id for w, _ in result.trend] == [second.id]


def test_only_approved_quotes_appear(app, db, sign_in):
    from app.moderation import service as moderation
    from app.moderation.models import ModerationItem
    from sqlalchemy import select

    authority = factories.authority()
    wave = factories.survey_wave(authority)
    add_responses(wave, [({"heard:anything": "Zorblax thinks the youth club is great"}, "12-17", "in_care"),
                         ({"heard:anything": "Quibble wants more trips"}, "12-17", "in_care")])
    officer = factories.staff(authority, "participation_officer")
    item = db.session.scalars(select(ModerationItem).order_by(ModerationItem.id)).first()
    moderation.approve(item, officer)
    from app.extensions import db as _db

    _db.session.commit()
    html = sign_in(officer).get(f"/staff/surveys/waves/{wave.id}/results").get_data(as_text=True)
    assert ("Zorblax" in html) != ("Quibble" in html)


def test_codes_used_never_gives_away_a_small_number():
    assert results.codes_used_cell(30, 12).count == 12 and results.codes_used_cell(30, 12).percent_text == "40%"
    assert results.codes_used_cell(30, 27).count is None  # 3 unused would follow from 30 - 27
    assert results.codes_used_cell(8, 6).count is None
    assert results.codes_used_cell(30, 2).count is None
