"""A young person prepares and sends views; their IRO reads, acknowledges, answers each wish and
records a participation code; the young person sees each step. Through the real routes."""
from __future__ import annotations

from datetime import date

from app.audit import AuditEvent
from app.extensions import db
from app.reviews.models import SENT, Review, ViewsReader, ViewsSubmission

from .. import factories
from ..helpers import translated, translated_parts


def _people():
    council = factories.authority(advocacy_phone="0300 555 0142")
    iro = factories.staff(council, "iro", display_name="Grace Okafor", job_title="Independent Reviewing Officer")
    worker = factories.staff(council, "worker", display_name="Daniel Hughes", job_title="Social worker")
    person = factories.young_person(council, display_name="Amira", iro_id=iro.id, worker_id=worker.id, preferred_language="ar", age=14)
    review = factories.review(person, iro=iro)
    db.session.commit()
    return council, iro, worker, person, review


def _walk(client, review, answers):
    base = f"/my/reviews/{review.id}"
    assert client.get(base + "/").status_code == 200
    for step, data in answers:
        response = client.post(f"{base}/{step}/", data=data)
        assert response.status_code == 302, (step, response.status_code, response.get_data(as_text=True)[:2000])


def test_young_person_sends_views_in_arabic_and_sees_each_step(sign_in, mail_outbox):
    council, iro, worker, person, review = _people()
    yp = sign_in(person)
    home = yp.get("/my/").get_data(as_text=True)
    assert "/my/reviews/%d/" % review.id in home  # the "My next review" card

    _walk(
        yp,
        review,
        [
            ("going-well", {"text": "أحب مدرستي"}),
            ("worries", {"text": ""}),
            ("wishes", {"wishes-0": "أريد أن أرى أخي", "wishes-1": "I want swimming lessons", "wishes-2": ""}),
            ("meeting", {"attend": "in_person", "chair": "co_chair", "interpreter": "yes", "interpreter_language": "ar", "advocate": "yes"}),
            ("who-reads-it", {"readers": ["iro"]}),
        ],
    )
    check = yp.get(f"/my/reviews/{review.id}/check/").get_data(as_text=True)
    assert "أحب مدرستي" in check and "Grace Okafor" in check and 'dir="auto"' in check
    assert yp.post(f"/my/reviews/{review.id}/send", data={"key": "k-1", "language": "ar"}).status_code == 302

    submission = db.session.query(ViewsSubmission).one()
    assert submission.status == SENT and submission.language == "ar" and submission.interpreter_needed
    assert [w.text for w in submission.wishes] == ["أريد أن أرى أخي", "I want swimming lessons"]
    # Announced to the chosen reader only, with a link and nothing personal.
    assert [m["To"] for m in mail_outbox] == [iro.email]
    body = mail_outbox[0].get_content()
    assert f"/staff/reviews/{review.id}" in body and "Amira" not in body and "أحب" not in body

    status = yp.get(f"/my/reviews/{review.id}/").get_data(as_text=True)
    assert translated("Has not read it yet", "ar") in status and "Daniel Hughes" not in status  # worker not chosen

    # The IRO: list with an unread count, reading records a read and a receipt.
    staff = sign_in(iro)
    listing = staff.get("/staff/reviews/").get_data(as_text=True)
    assert "Amira" in listing and "New" in listing and "Interpreter needed" in listing
    page = staff.get(f"/staff/reviews/{review.id}").get_data(as_text=True)
    assert "أحب مدرستي" in page and 'lang="ar"' in page and "Interpreter needed" in page
    assert db.session.query(AuditEvent).filter_by(action="views.read", actor_id=iro.id).count() == 1
    assert db.session.query(ViewsReader).filter_by(user_id=iro.id).one().first_read_at is not None
    assert len(mail_outbox) == 1  # reading notifies nobody
    assert "New" not in staff.get("/staff/reviews/").get_data(as_text=True)

    pdf = staff.get(f"/staff/reviews/{review.id}/views.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data[:5] == b"%PDF-"
    assert staff.get(f"/staff/reviews/{review.id}/print").status_code == 200

    assert staff.post(f"/staff/reviews/{review.id}/acknowledge", data={"note": "Thank you Amira"}).status_code == 302
    # The review takes place; what was decided is recorded from that day on.
    assert staff.post(f"/staff/reviews/{review.id}/date", data={"date": date.today().isoformat()}).status_code == 302
    wishes = submission.wishes
    response = staff.post(
        f"/staff/reviews/{review.id}/outcomes",
        data={
            f"wish-{wishes[0].id}-outcome": "agreed",
            f"wish-{wishes[0].id}-text": "Every Saturday from next month",
            f"wish-{wishes[1].id}-outcome": "not_this_time",
            f"wish-{wishes[1].id}-text": "",
        },
    )
    assert response.status_code == 400  # "not this time" needs a reason: nothing saved, nothing lost
    assert "Every Saturday from next month" in response.get_data(as_text=True)
    db.session.expire_all()
    assert all(w.outcome is None for w in db.session.get(ViewsSubmission, submission.id).wishes)
    response = staff.post(
        f"/staff/reviews/{review.id}/outcomes",
        data={
            f"wish-{wishes[0].id}-outcome": "agreed",
            f"wish-{wishes[0].id}-text": "Every Saturday from next month",
            f"wish-{wishes[1].id}-outcome": "not_this_time",
            f"wish-{wishes[1].id}-text": "The pool is closed until the summer",
        },
    )
    assert response.status_code == 302
    assert staff.post(f"/staff/reviews/{review.id}/participation", data={"code": "PN6"}).status_code == 302
    assert db.session.get(Review, review.id).participation_code == "PN6"

    status = yp.get(f"/my/reviews/{review.id}/").get_data(as_text=True)
    assert translated_parts("Read it on %(when)s", "ar")[0].strip() in status and "Thank you Amira" in status
    assert translated("Agreed", "ar") in status and "Every Saturday from next month" in status and "The pool is closed until the summer" in status

    # An addition: never an edit; a double tap adds once; the reader is told and it counts as unread.
    for _ in range(2):
        assert yp.post(f"/my/reviews/{review.id}/add", data={"text": "One more thing", "language": "en", "key": "add-1"}).status_code == 302
    db.session.expire_all()
    submission = db.session.get(ViewsSubmission, submission.id)
    assert [a.text for a in submission.additions] == ["One more thing"]
    assert submission.answers["going-well"]["text"] == "أحب مدرستي"
    assert len(mail_outbox) == 2
    assert "New" in staff.get("/staff/reviews/").get_data(as_text=True)


def test_young_person_sends_views_in_english_with_the_worker_too(sign_in, mail_outbox):
    council, iro, worker, person, review = _people()
    person.preferred_language = "en"
    db.session.commit()
    yp = sign_in(person)
    _walk(yp, review, [("going-well", {"text": "Football on Saturdays"}), ("who-reads-it", {"readers": ["iro", "worker"]})])
    yp.post(f"/my/reviews/{review.id}/send", data={"key": "k", "language": "en"})
    assert sorted(m["To"] for m in mail_outbox) == sorted([iro.email, worker.email])
    page = sign_in(worker).get(f"/staff/reviews/{review.id}").get_data(as_text=True)
    assert "Football on Saturdays" in page and "I&#39;ve read this" not in page  # workers read, only the IRO acknowledges
    assert sign_in(worker).post(f"/staff/reviews/{review.id}/acknowledge").status_code == 403


def test_two_identical_sends_create_one_submission(sign_in, mail_outbox):
    council, iro, worker, person, review = _people()
    yp = sign_in(person)
    _walk(yp, review, [("going-well", {"text": "hello"})])
    for _ in range(3):
        assert yp.post(f"/my/reviews/{review.id}/send", data={"key": "same-key", "language": "en"}).status_code == 302
    assert db.session.query(ViewsSubmission).count() == 1
    assert db.session.query(AuditEvent).filter_by(action="views.sent").count() == 1
    assert db.session.query(ViewsReader).count() == 1
    assert len(mail_outbox) == 1
    # And a step posted after sending does not change what was read.
    yp.post(f"/my/reviews/{review.id}/going-well/", data={"text": "changed"})
    assert db.session.query(ViewsSubmission).one().answers["going-well"]["text"] == "hello"


def test_sending_with_nobody_chosen_is_refused_with_a_clear_message(sign_in):
    council, iro, worker, person, review = _people()
    yp = sign_in(person)
    _walk(yp, review, [("going-well", {"text": "hello"}), ("who-reads-it", {})])
    response = yp.post(f"/my/reviews/{review.id}/send", data={"key": "k"}, follow_redirects=True)
    assert translated("Choose at least one person to read this, or nobody will see it", "ar") in response.get_data(as_text=True)
    assert db.session.query(ViewsSubmission).one().status == "draft"


def test_too_long_text_is_refused_and_kept(sign_in):
    council, iro, worker, person, review = _people()
    yp = sign_in(person)
    yp.get(f"/my/reviews/{review.id}/")
    text = "word " * 1200
    response = yp.post(f"/my/reviews/{review.id}/going-well/", data={"text": text})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    too_long = "Keep this under 5,000 characters. Nothing you wrote is lost: shorten it a little and try again."
    assert translated(too_long, "ar") in body and text.strip()[:200] in body
