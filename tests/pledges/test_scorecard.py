"""The scorecard: figures safe to show, in pages and CSV, with no way back to one young person."""
from __future__ import annotations

import csv
import io
import itertools
import random
import re

import pytest

from app.extensions import db
from app.pledges import scorecard, service
from app.pledges.models import ANSWERS, DONT_KNOW, KEPT, NOT_KEPT, SOMETIMES
from app.reports.disclosure import MIN_CELL

from .. import factories
from ..helpers import text_of
from .conftest import young_people


def _rate_many(council, promise, answers, **person_fields):
    people = young_people(council.authority, len(answers), **person_fields)
    for person, answer in zip(people, answers):
        service.rate(person, promise, answer)
    return people


def _unknowns_ok(safe, counts, equations):
    """No equation (row or total = sum of parts) leaves exactly one hidden number, or one shown part
    that is the whole of its total while others are hidden."""
    def shown(key, c):
        d = safe[key]
        if c == "_base":
            return d.base.count
        return d.cell(c).count if d.broken_down else None

    def value(key, c):
        return sum(counts[key].values()) if c == "_base" else counts[key].get(c, 0)

    lines = [((k, "_base"), [(k, c) for c in ANSWERS]) for k in counts]
    for total, parts in equations:
        lines.append(((total, "_base"), [(p, "_base") for p in parts]))
        lines += [((total, c), [(p, c) for p in parts]) for c in ANSWERS]
    for total, parts in lines:
        refs = [total, *parts]
        hidden = [r for r in refs if shown(*r) is None and sum(counts[r[0]].values()) > 0]
        assert len(hidden) != 1, (total, parts)
        visible = [p for p in parts if p not in hidden and sum(counts[p[0]].values()) > 0]
        if shown(*total) is not None and hidden and len(visible) == 1:
            assert shown(*visible[0]) < shown(*total), (total, parts)  # nobody is left to a single answer
    for key, dist in safe.items():
        for c in ANSWERS:
            if dist.broken_down and dist.cell(c).count is not None:
                assert dist.cell(c).count >= MIN_CELL


def test_no_hidden_number_can_be_worked_out_from_the_others():
    for seed in range(60):  # random councils: promises by age band, with every total shown beside them
        _check_random_council(random.Random(seed))


def _check_random_council(rng):
    promises = [f"p{i}" for i in range(rng.randint(2, 5))]
    bands = ["a", "b", "c"][: rng.randint(1, 3)]
    counts, equations = {}, []
    for p in promises:
        for b in bands:
            counts[(p, b)] = {c: rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 20]) for c in ANSWERS}
        counts[p] = {c: sum(counts[(p, b)][c] for b in bands) for c in ANSWERS}
        equations.append((p, [(p, b) for b in bands]))
    for b in bands:
        counts[("all", b)] = {c: sum(counts[(p, b)][c] for p in promises) for c in ANSWERS}
        equations.append((("all", b), [(p, b) for p in promises]))
    counts["all"] = {c: sum(counts[p][c] for p in promises) for c in ANSWERS}
    equations.append(("all", promises))
    equations.append(("all", [("all", b) for b in bands]))
    safe = scorecard.protect(counts, equations)
    _unknowns_ok(safe, counts, equations)


def test_small_numbers_are_hidden_on_the_scorecard_and_in_the_csv(council, sign_in):
    promise = council.pledge.promises[0]
    # 12 young people aged 12-17 and 3 aged 8-11: the 8-11 group must not be broken down,
    # and the 12-17 group neither, or 8-11 could be worked out as all minus 12-17.
    _rate_many(council, promise, [KEPT] * 6 + [NOT_KEPT] * 6, age=14)
    _rate_many(council, promise, [NOT_KEPT] * 3, age=9)
    service.close_round_now(council.round)
    db.session.commit()

    card = scorecard.round_scorecard(council.round)
    result = next(r for _, _, r in card.promise_results() if r.promise.id == promise.id)
    assert result.overall.base.count == 15
    # Nobody said "sometimes" or "don't know": showing 9 "not kept" beside a hidden "kept" (so at
    # least 5) would leave at most 1 for those two, so nothing is broken down.
    assert not result.overall.broken_down
    assert result.bands["8-11"].base.count is None and result.bands["8-11"].base.small
    # The 12 aged 12-17 are hidden so that the 3 aged 8-11 cannot be worked out: not "fewer than 5".
    assert result.bands["12-17"].base.count is None and not result.bands["12-17"].base.small

    client = sign_in(council.manager)
    page = client.get("/pledge/scorecard").get_data(as_text=True)
    assert "fewer than 5" in page and "hidden to protect small numbers" in page
    response = client.get(f"/pledge/scorecard.csv?round={council.round.id}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    for row in rows:
        for column in ["total", *ANSWERS]:
            value = row[column]
            assert value in ("<5", "hidden") or int(value) >= MIN_CELL, (row, column)
    promise_rows = [r for r in rows if r["level"] == "promise" and r["promise"] == "Promise 1.1"]
    assert {r["age_band"]: r["total"] for r in promise_rows} == {"all": "15", "8-11": "<5", "12-17": "hidden"}


def test_a_rating_hidden_to_protect_a_small_one_is_labelled_as_hidden_not_as_fewer_than_5(council, sign_in):
    promise = council.pledge.promises[0]
    # 2 "don't know" are too few to show; the 7 "sometimes" are hidden with them so that the 2
    # cannot be worked out. The 7 are not "fewer than 5", on the page, in print or in the CSV.
    _rate_many(council, promise, [KEPT] * 20 + [SOMETIMES] * 7 + [NOT_KEPT] * 11 + [DONT_KNOW] * 2, age=14)
    service.close_round_now(council.round)
    db.session.commit()
    card = scorecard.round_scorecard(council.round)
    result = next(r for _, _, r in card.promise_results() if r.promise.id == promise.id)
    assert result.overall.cell(KEPT).count == 20 and result.overall.cell(NOT_KEPT).count == 11
    assert str(result.overall.cell(SOMETIMES)) == "hidden to protect small numbers"
    assert str(result.overall.cell(DONT_KNOW)) == "fewer than 5"

    client = sign_in(council.manager)
    page = client.get("/pledge/scorecard").get_data(as_text=True)
    chart = page[page.index(f'id="chart-p{promise.id}-caption"') :]
    chart = chart[: chart.index("</table>")]
    shown = dict(re.findall(r'<th scope="row" class="govuk-table__header">([^<]*)</th>\s*<td[^>]*>([^<]*)</td>', chart))
    assert shown == {"Kept": "20", "Sometimes": "hidden to protect small numbers", "Not kept": "11", "Don't know": "fewer than 5", "Total": "40"}, shown
    page = client.get(f"/pledge/scorecard/print?round={council.round.id}").get_data(as_text=True)
    row = page[page.index('<th scope="row" class="govuk-table__header">Promise 1.1</th>') :]
    row = row[: row.index("</tr>")]
    cells = [c.strip() for c in re.findall(r"<td[^>]*>([^<]*)</td>", row)]
    assert cells == ["40", "20 (50%)", "hidden to protect small numbers", "11 (28%)", "fewer than 5"], cells
    rows = list(csv.DictReader(io.StringIO(client.get(f"/pledge/scorecard.csv?round={council.round.id}").get_data(as_text=True))))
    row = next(r for r in rows if r["level"] == "promise" and r["promise"] == "Promise 1.1" and r["age_band"] == "all")
    assert (row[KEPT], row[SOMETIMES], row[NOT_KEPT], row[DONT_KNOW]) == ("20", "hidden", "11", "<5")


def test_a_group_where_everyone_gave_the_same_answer_is_not_broken_down(council):
    promise = council.pledge.promises[0]
    _rate_many(council, promise, [KEPT] * 12, age=14)
    service.close_round_now(council.round)
    card = scorecard.round_scorecard(council.round)
    result = next(r for _, _, r in card.promise_results() if r.promise.id == promise.id)
    # "100% said kept" would tell anyone how each of the twelve rated.
    assert result.overall.base.count == 12 and not result.overall.broken_down


def test_the_scorecard_shows_only_closed_rounds(council, sign_in):
    promise = council.pledge.promises[0]
    _rate_many(council, promise, [KEPT] * 10 + [SOMETIMES] * 10, age=14)
    db.session.commit()
    client = sign_in(council.manager)
    page = client.get("/pledge/scorecard").get_data(as_text=True)
    assert "No round has closed yet" in page
    assert client.get(f"/pledge/scorecard.csv?round={council.round.id}").status_code == 404

    service.close_round_now(council.round)
    db.session.commit()
    page = client.get("/pledge/scorecard").get_data(as_text=True)
    assert "Promise 1.1" in page and "50%" in page


def test_trends_and_biggest_movers_follow_a_promise_across_rounds_and_versions(council):
    from datetime import timedelta

    from app.models_base import utcnow

    promise = council.pledge.promises[0]
    # Every answer given by at least five, so no share is hidden to protect a zero.
    people = _rate_many(council, promise, [KEPT] * 5 + [SOMETIMES] * 5 + [NOT_KEPT] * 10 + [DONT_KNOW] * 5, age=14)
    service.close_round_now(council.round)
    # New wording for the next round; the promise keeps its lineage.
    draft = service.start_draft(council.pledge.pledge)
    service.update_promise(draft.promises[0], council.authority, {"en": "Reworded promise"})
    service.publish(draft, council.authority)
    factories.rating_round(council.authority, opens_at=utcnow(), closes_at=utcnow() + timedelta(days=3))
    for person, answer in zip(people, [KEPT] * 10 + [SOMETIMES] * 5 + [NOT_KEPT] * 5 + [DONT_KNOW] * 5):
        service.rate(person, draft.promises[0], answer)
    service.close_round_now(service.open_round(council.authority.id))
    db.session.commit()

    trends = scorecard.trends(council.authority.id)
    assert len(trends.rounds) == 2
    row = next(r for r in trends.rows if r.kind == "promise" and r.lineage_id == promise.lineage_id)
    assert row.label["en"] == "Reworded promise"
    assert [round(s.percent) for s in row.shares] == [20, 40]
    assert trends.movers and trends.movers[0].label["en"] == "Reworded promise"
    assert round(trends.movers[0].change) == 20


def test_unmoderated_comments_never_appear(council, sign_in):
    from app.moderation import service as moderation
    from app.moderation.models import ModerationItem

    promise = council.pledge.promises[0]
    people = _rate_many(council, promise, [NOT_KEPT] * 10, age=14)
    words = ["Approved words about contact", "Waiting words about pocket money", "Rejected words about the carer"]
    items = []
    for person, text in zip(people, words):
        _rating, item = service.rate(person, promise, NOT_KEPT, text)
        items.append(item)
    db.session.commit()
    moderation.approve(db.session.get(ModerationItem, items[0].id), council.participation)
    moderation.reject(db.session.get(ModerationItem, items[2].id), council.participation, "other")
    service.close_round_now(council.round)
    db.session.commit()

    for user in (council.manager, council.admin, council.participation):
        client = sign_in(user)
        for url in ("/pledge/scorecard", f"/pledge/scorecard/print?round={council.round.id}", f"/pledge/scorecard.csv?round={council.round.id}"):
            body = client.get(url).get_data(as_text=True)
            assert "Waiting words" not in body and "Rejected words" not in body, url
            if ".csv" not in url:
                assert "Approved words about contact" in body, url


def test_staff_cannot_see_an_individuals_ratings_anywhere(app, council, sign_in):
    """Walk every page, export and URL Heard has, as every staff role, while a round is open and after."""
    promise = council.pledge.promises[0]
    service.rate(council.child, promise, NOT_KEPT)
    service.rate(council.child, council.pledge.promises[1], DONT_KNOW)
    db.session.commit()

    # No URL anywhere takes a rating, a comment row or a rater key.
    arguments = set(itertools.chain.from_iterable(rule.arguments for rule in app.url_map.iter_rules()))
    assert not arguments & {"rating_id", "comment_id", "rater_key", "key"}

    staff = [council.manager, council.admin, council.participation, factories.staff(council.authority, "iro"), factories.staff(council.authority, "worker")]
    child_id = council.child.id
    db.session.commit()
    for moment in ("open", "closed"):
        if moment == "closed":
            service.close_round_now(council.round)
            db.session.commit()
        for user in staff:
            client = sign_in(user)
            for rule in app.url_map.iter_rules():
                if "GET" not in rule.methods or rule.endpoint == "static":
                    continue
                values = {}
                for arg in rule.arguments:
                    values[arg] = {"person_id": child_id, "promise_id": promise.id, "round_id": council.round.id}.get(arg)
                if None in values.values():
                    continue
                with app.test_request_context():
                    from flask import url_for

                    url = url_for(rule.endpoint, **values)
                try:
                    response = client.get(url)
                except Exception:
                    # Another feature's page failing is test_access.py's business; here we only
                    # look at what pages show. Ours must never fail.
                    assert not rule.endpoint.startswith("pledges."), url
                    continue
                if response.status_code != 200:
                    continue
                body = text_of(response)
                # With one rater, any figure would be that young person's own answer.
                for word in ("Not kept: 1", ">1<", "(100%)", "not_kept,1"):
                    assert word not in body, (moment, user.role, url, word)
                if response.mimetype == "text/csv":
                    for row in csv.reader(io.StringIO(body)):
                        assert "1" not in row[7:], (url, row)  # the figures, after the labels


def test_sealing_a_round_counts_its_ratings_once_for_the_scorecard(council):
    from collections import Counter

    from sqlalchemy import select

    from app.pledges.models import PledgeRating, PledgeTally

    promise = council.pledge.promises[0]
    _rate_many(council, promise, [KEPT] * 6 + [NOT_KEPT] * 3, age=13)
    _rate_many(council, council.pledge.promises[1], [SOMETIMES] * 2, age=9)
    service.close_round_now(council.round)
    db.session.commit()
    rated = Counter(db.session.execute(select(PledgeRating.promise_id, PledgeRating.age_band, PledgeRating.answer).where(PledgeRating.round_id == council.round.id)).all())
    tallied = {(t.promise_id, t.age_band, t.answer): t.count for t in db.session.scalars(select(PledgeTally).where(PledgeTally.round_id == council.round.id))}
    assert tallied == dict(rated) and tallied[(promise.id, "12-17", KEPT)] == 6
    # The scorecard reads the tallies: the ratings themselves are not counted again.
    db.session.execute(PledgeRating.__table__.delete().where(PledgeRating.round_id == council.round.id))
    card = scorecard.round_scorecard(council.round)
    assert any(r.promise.id == promise.id and r.overall.base.count == 9 for _, _, r in card.promise_results())
