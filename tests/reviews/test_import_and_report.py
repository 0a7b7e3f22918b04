"""Reviews from a spreadsheet (all or nothing, errors by row), the staff report, the demo."""
from __future__ import annotations

import io
from datetime import date, timedelta

from app.extensions import db
from app.models_base import utcnow
from app.reviews import service
from app.reviews.models import Review

from .. import factories


def _council():
    council = factories.authority()
    iro = factories.staff(council, "iro", email="iro@council.example")
    admin = factories.staff(council, "council_admin")
    a = factories.young_person(council, reference="NM-1", iro_id=iro.id)
    b = factories.young_person(council, reference="NM-2", iro_id=iro.id)
    db.session.commit()
    return council, iro, admin, a, b


def _upload(client, text):
    return client.post("/staff/reviews/import", data={"file": (io.BytesIO(text.encode()), "reviews.csv")}, content_type="multipart/form-data")


def test_a_good_file_imports_every_row(sign_in):
    council, iro, admin, a, b = _council()
    csv = "reference,date,type,iro_email\nNM-1,2030-03-31,lac,iro@council.example\nNM-2,01/04/2030,pathway plan review,\n"
    response = _upload(sign_in(admin), csv)
    assert response.status_code == 302
    reviews = db.session.query(Review).order_by(Review.id).all()
    assert [(r.young_person_id, r.date, r.kind, r.iro_id, r.imported) for r in reviews] == [
        (a.id, date(2030, 3, 31), "lac", iro.id, True),
        (b.id, date(2030, 4, 1), "pathway", iro.id, True),  # empty IRO: the allocated one
    ]


def test_a_bad_row_imports_nothing_and_says_which_rows(sign_in):
    council, iro, admin, a, b = _council()
    csv = (
        "Reference,Date,Type,IRO_email\n"
        "NM-1,2030-03-31,lac,iro@council.example\n"
        "NM-9,2030-13-01,weekly,nobody@council.example\n"
        "NM-2,2030-04-01,lac,\n"
    )
    response = _upload(sign_in(iro), csv)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "Nothing was imported" in body and "Row 3" in body and "NM-9" in body and "2030-13-01" in body and "nobody@council.example" in body
    assert "Row 2" not in body and "Row 4" not in body
    assert db.session.query(Review).count() == 0


def test_import_refuses_other_councils_people_and_missing_columns(sign_in):
    council, iro, admin, a, b = _council()
    other = factories.authority()
    factories.young_person(other, reference="OT-1")
    db.session.commit()
    result = service.import_reviews(council.id, admin, "reference,date,type,iro_email\nOT-1,2030-01-01,lac,\n")
    assert not result.ok and result.errors[0][0] == 2
    result = service.import_reviews(council.id, admin, "ref,when\nNM-1,2030-01-01\n")
    assert not result.ok and "Missing" in result.errors[0][1]
    db.session.rollback()
    assert db.session.query(Review).count() == 0


def test_report_counts_views_before_acknowledgements_outcomes_and_codes(sign_in):
    council, iro, admin, a, b = _council()
    manager = factories.staff(council, "manager")
    today = date.today()
    people = [factories.young_person(council, iro_id=iro.id) for _ in range(15)]
    for n, person in enumerate(people):
        review = factories.review(person, iro=iro, days_ahead=-(n + 1))
        if n < 10:
            submission = factories.sent_views(review, readers=("iro",))
            submission.sent_at = utcnow() - timedelta(days=n + 5)
            if n < 5:
                service.acknowledge(submission, iro)
                submission.acknowledged_at = utcnow() - timedelta(days=n + 4)
                for wish in submission.wishes:
                    service.record_outcome(wish, iro, "agreed", None)
        service.record_participation(review, iro, "PN6" if n < 10 else "PN7")
    db.session.commit()
    figures = service.report(manager, today - timedelta(days=60), today)
    assert figures["views_before"].cell("yes").count == 10 and figures["views_before"].base.count == 15
    assert figures["acknowledged_before"].cell("yes").count == 5 and figures["acknowledged_before"].base.count == 10
    assert figures["outcomes_recorded"].base.count == 10 and figures["outcomes_recorded"].cell("yes").count == 5
    # Only PN6 and PN7 were used: with either shown, and the other hidden (so at least 5), every
    # other code would be known to be zero. So the codes are not broken down.
    assert figures["participation"].base.count == 15 and not figures["participation"].broken_down
    page = sign_in(manager).get("/staff/reviews/report").get_data(as_text=True)
    assert "Views sent before the review" in page and "67%" in page
    # Small numbers are never shown.
    page = sign_in(manager).get(f"/staff/reviews/report?start={today - timedelta(days=3)}&end={today}").get_data(as_text=True)
    assert "fewer than 5" in page
    assert sign_in(factories.staff(council, "participation_officer")).get("/staff/reviews/report").status_code == 403


def test_report_labels_a_figure_hidden_to_protect_a_small_one_as_hidden(sign_in):
    council, iro, admin, a, b = _council()
    manager = factories.staff(council, "manager")
    today = date.today()
    # 23 reviews, 20 with views sent before: the 3 without are too few to show, so the 20 are
    # hidden with them, labelled truly, and not given away as the base of "acknowledged before".
    for n in range(23):
        person = factories.young_person(council, iro_id=iro.id)
        review = factories.review(person, iro=iro, days_ahead=-(n + 1))
        if n < 20:
            submission = factories.sent_views(review, readers=("iro",))
            submission.sent_at = utcnow() - timedelta(days=n + 5)
            service.acknowledge(submission, iro)
            submission.acknowledged_at = utcnow() - timedelta(days=n + 4)
    db.session.commit()
    page = sign_in(manager).get("/staff/reviews/report").get_data(as_text=True)
    row = page[page.index("Views sent before the review") :]
    row = row[: row.index("</tr>")]
    assert "hidden to protect small numbers" in row and "fewer than 5" not in row
    row = page[page.index("Views acknowledged before the review") :]
    assert ">20 <" not in row[: row.index("</tr>")]
    figures = service.report(manager, today - timedelta(days=60), today)
    assert figures["views_before"].base.count == 23 and figures["views_before"].figure("yes").count is None
    assert figures["acknowledged_before"].base.count is None


def test_home_card_and_staff_panels(sign_in):
    council, iro, admin, a, b = _council()
    review = factories.review(a, iro=iro, days_ahead=10)
    db.session.commit()
    home = sign_in(a).get("/my/").get_data(as_text=True)
    assert "My next review" in home and "Get ready for it" in home
    factories.sent_views(review)
    db.session.commit()
    home = sign_in(a).get("/my/").get_data(as_text=True)
    assert "See what happened" in home
    staff_home = sign_in(iro).get("/staff/").get_data(as_text=True)
    assert "Views before reviews" in staff_home and "heard-count" in staff_home
    assert "/staff/reviews/%d" % review.id in sign_in(iro).get(f"/staff/young-people/{a.id}").get_data(as_text=True)
    assert "My next review" not in sign_in(b).get("/my/").get_data(as_text=True)


def test_iro_adds_a_review_for_an_allocated_young_person_only(sign_in):
    council, iro, admin, a, b = _council()
    stranger = factories.young_person(council)
    db.session.commit()
    client = sign_in(iro)
    assert client.post("/staff/reviews/new", data={"young_person": str(stranger.id), "kind": "lac"}).status_code == 200
    assert db.session.query(Review).count() == 0
    response = client.post("/staff/reviews/new", data={"young_person": str(a.id), "kind": "lac", "date": "2030-05-01"})
    assert response.status_code == 302
    assert db.session.query(Review).one().date == date(2030, 5, 1)


def test_demo_council_has_reviews(app):
    from app.demo import load_demo

    people = load_demo()
    amira = service.next_review(people["amira"])
    assert amira.submission.is_sent and amira.submission.acknowledged_at is not None
    lily = service.next_review(people["lily"])
    assert lily.submission.status == "draft" and lily.submission.answers["going-well"]["face"] == "happy"
