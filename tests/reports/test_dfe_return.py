"""The DfE participation return: each looked-after child's reviews in the SSDA903 reviews shape,
checked (one code per review, no PN0 for a child of 4 or over) before it can be downloaded."""
from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from app.extensions import db
from app.reports import dfe

from .. import factories

START, END = date.today() - timedelta(days=200), date.today()


def _review(person, days_ago, code=None, kind="lac"):
    review = factories.review(person, days_ahead=None, date=date.today() - timedelta(days=days_ago), kind=kind)
    review.participation_code = code
    return review


def test_the_return_lists_looked_after_childrens_reviews_with_their_codes_in_the_903_shape(sign_in):
    council = factories.authority()
    admin = factories.staff(council, "council_admin")
    amira = factories.young_person(council, reference="NM-1001", date_of_birth=date(2012, 5, 14))
    sam = factories.young_person(council, reference="NM-1004", age=19, care_status="care_leaver")
    _review(amira, 40, "PN1")
    _review(amira, 120, "PN6")
    _review(sam, 30, "PN1", kind="pathway")  # pathway plan reviews are not part of the return
    _review(amira, -10)  # not held yet
    other = factories.young_person(factories.authority(), reference="OT-1")
    _review(other, 20, "PN1")
    db.session.commit()

    found = dfe.reviews_return(council.id, START, END)
    assert found.problems == [] and found.ok
    assert [line.csv() for line in found.lines] == [
        ["NM-1001", "14/05/2012", (date.today() - timedelta(days=120)).strftime("%d/%m/%Y"), "PN6"],
        ["NM-1001", "14/05/2012", (date.today() - timedelta(days=40)).strftime("%d/%m/%Y"), "PN1"],
    ]
    response = sign_in(admin).get(f"/staff/reports/dfe-return.csv?start={START}&end={END}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"] and len(rows) == 3


def test_the_return_is_checked_and_cannot_be_downloaded_until_put_right(sign_in):
    council = factories.authority()
    admin = factories.staff(council, "council_admin")
    iro = factories.staff(council, "iro", display_name="Grace Okafor")
    five = factories.young_person(council, reference="NM-2001", date_of_birth=date.today() - timedelta(days=5 * 365 + 30), iro_id=iro.id)
    three = factories.young_person(council, reference="NM-2002", date_of_birth=date.today() - timedelta(days=3 * 365), iro_id=iro.id)
    _review(five, 10, "PN0")  # PN0 is for under-4s: wrong
    _review(three, 10, "PN0")  # right
    _review(three, 50)  # no code yet
    _review(five, 60, "PN1")
    _review(five, 60, "PN2")  # two reviews on one day
    db.session.commit()

    found = dfe.reviews_return(council.id, START, END)
    messages = [(p.child, p.message) for p in found.problems]
    assert ("NM-2001", "PN0 is only for a child under 4, and the young person was 5 on the day.") in messages
    assert ("NM-2002", "No participation code has been recorded for this review.") in messages
    assert any(child == "NM-2001" and "two reviews on the same day" in message for child, message in messages)
    assert len(found.problems) == 3

    client = sign_in(admin)
    page = client.get(f"/staff/reports/dfe-return?start={START}&end={END}").get_data(as_text=True)
    assert "3 problems to put right" in page and "Grace Okafor" in page
    response = client.get(f"/staff/reports/dfe-return.csv?start={START}&end={END}")
    assert response.status_code == 302


def test_the_collection_year_runs_from_april_to_march():
    assert dfe.collection_year(date(2026, 12, 3)) == (date(2026, 4, 1), date(2027, 3, 31))
    assert dfe.collection_year(date(2027, 2, 1)) == (date(2026, 4, 1), date(2027, 3, 31))


def test_only_council_admins_see_the_return(sign_in):
    council = factories.authority()
    for role in ("manager", "iro", "participation_officer", "worker", "safeguarding_lead"):
        assert sign_in(factories.staff(council, role)).get("/staff/reports/dfe-return").status_code == 403, role
    assert sign_in(factories.staff(council, "council_admin")).get("/staff/reports/dfe-return").status_code == 200
