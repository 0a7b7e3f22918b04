"""The audit log for council admins (filtered, paged) and "who has read my things" for young people."""
from __future__ import annotations

from app import audit
from app.audit import AuditEvent
from app.extensions import db
from app.pagination import PER_PAGE

from .. import factories


def _council():
    council = factories.authority()
    iro = factories.staff(council, "iro", display_name="Grace Okafor", job_title="Independent Reviewing Officer")
    worker = factories.staff(council, "worker", display_name="Daniel Hughes")
    admin = factories.staff(council, "council_admin")
    amira = factories.young_person(council, display_name="Amira", reference="NM-1001", iro_id=iro.id, worker_id=worker.id)
    lily = factories.young_person(council, display_name="Lily", reference="NM-1003", iro_id=iro.id, worker_id=worker.id)
    db.session.commit()
    return council, iro, worker, admin, amira, lily


def test_every_event_notes_the_young_person_whose_record_it_was(sign_in):
    council, iro, worker, admin, amira, lily = _council()
    review = factories.review(amira, iro=iro)
    submission = factories.sent_views(review)
    db.session.commit()
    sign_in(iro).get(f"/staff/reviews/{review.id}")
    sign_in(worker).get(f"/staff/young-people/{amira.id}")
    events = db.session.query(AuditEvent).filter(AuditEvent.action.in_(["views.sent", "review.viewed", "young_person.viewed", "review.created"])).all()
    assert events and all(e.subject_id == amira.id for e in events), [(e.action, e.subject_id) for e in events]
    assert audit.subject_of(submission.wishes[0]) == amira.id
    assert audit.subject_of(iro) is None  # staff are nobody's record


def test_the_audit_log_filters_by_person_young_person_and_action_and_pages(sign_in):
    council, iro, worker, admin, amira, lily = _council()
    for person in (amira, lily):
        review = factories.review(person, iro=iro)
        factories.sent_views(review)
    db.session.commit()
    iro_client = sign_in(iro)
    for review_id in [r.id for r in db.session.query(factories_review_model()).all()]:
        iro_client.get(f"/staff/reviews/{review_id}")
    sign_in(worker).get(f"/staff/young-people/{lily.id}")

    client = sign_in(admin)
    page = client.get(f"/admin/audit?young_person={lily.id}").get_data(as_text=True)
    assert "Daniel Hughes" in page and "Opened a young person&#39;s details" in page
    assert "NM-1001" not in page.split("<tbody")[1]  # only Lily's records
    page = client.get(f"/admin/audit?person={iro.id}&action=views.read").get_data(as_text=True)
    body = page.split("<tbody")[1]
    assert body.count("Read views before a review") == 2 and "Daniel Hughes" not in body

    # Many events are paged, and the filters stay in the page links.
    for _ in range(PER_PAGE + 5):
        audit.record("review.viewed", None, actor=iro, authority_id=council.id, subject=lily)
    db.session.commit()
    page = client.get(f"/admin/audit?young_person={lily.id}").get_data(as_text=True)
    assert f"young_person={lily.id}" in page and "page=2" in page
    second = client.get(f"/admin/audit?young_person={lily.id}&page=2").get_data(as_text=True)
    assert second.split("<tbody")[1].count("<tr") < PER_PAGE


def factories_review_model():
    from app.reviews.models import Review

    return Review


def test_only_council_admins_read_the_audit_log_and_only_their_own_council(sign_in):
    council, iro, worker, admin, amira, lily = _council()
    other = factories.authority()
    stranger = factories.young_person(other, display_name="Quillon")
    audit.record("young_person.viewed", stranger, actor=factories.staff(other, "iro"))
    db.session.commit()
    for role in ("iro", "worker", "manager", "participation_officer", "safeguarding_lead"):
        assert sign_in(factories.staff(council, role)).get("/admin/audit").status_code == 403, role
    page = sign_in(admin).get("/admin/audit").get_data(as_text=True)
    assert "Quillon" not in page


def test_a_young_person_sees_who_has_read_their_things_and_nothing_of_anyone_elses(sign_in):
    council, iro, worker, admin, amira, lily = _council()
    review = factories.review(amira, iro=iro)
    factories.sent_views(review)
    lily_review = factories.review(lily, iro=iro)
    db.session.commit()
    iro_client = sign_in(iro)
    iro_client.get(f"/staff/reviews/{review.id}")
    iro_client.get(f"/staff/reviews/{review.id}")
    iro_client.get(f"/staff/reviews/{lily_review.id}")
    sign_in(worker).get(f"/staff/young-people/{amira.id}")

    page = sign_in(amira).get("/my/who-has-read").get_data(as_text=True)
    assert "Grace Okafor" in page and "Daniel Hughes" in page
    assert "Read your views before your review" in page
    assert "Looked at your details" in page
    reads = audit.reads_of(amira)
    assert {(r.reader.id, r.action, r.times) for r in reads} == {(iro.id, "views.read", 2), (worker.id, "young_person.viewed", 1)}
    assert all(r.reader.id != amira.id for r in reads)  # their own sending is not a read
    lily_page = sign_in(lily).get("/my/who-has-read").get_data(as_text=True)
    assert "Daniel Hughes" not in lily_page and "Looked at your review" in lily_page
