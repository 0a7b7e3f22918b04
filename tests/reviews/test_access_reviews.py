"""Nobody but the young person and the readers they chose can open their views or the PDF."""
from __future__ import annotations

import pytest

from app.reviews import service
from app.reviews.models import Review

from .. import factories


def _urls(review_id):
    return [
        f"/staff/reviews/{review_id}",
        f"/staff/reviews/{review_id}/print",
        f"/staff/reviews/{review_id}/views.pdf",
    ]


@pytest.fixture
def shared(world, db):
    review = factories.review(world.a.young_person)
    factories.sent_views(review, readers=("iro", "worker"), answers={"going-well": "Zorblatt secret words"})
    db.session.commit()
    return review


def test_chosen_iro_and_worker_open_views_and_pdf(world, shared, sign_in):
    for reader in (world.a.iro, world.a.worker):
        client = sign_in(reader)
        page = client.get(f"/staff/reviews/{shared.id}")
        assert page.status_code == 200 and "Zorblatt secret words" in page.get_data(as_text=True)
        pdf = client.get(f"/staff/reviews/{shared.id}/views.pdf")
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


@pytest.mark.parametrize("role", ["participation_officer", "safeguarding_lead", "manager", "council_admin"])
def test_other_roles_never_open_views_or_pdf(world, shared, sign_in, role):
    client = sign_in(getattr(world.a, role))
    for url in _urls(shared.id):
        response = client.get(url)
        assert response.status_code in (403, 404), (url, response.status_code)
        assert b"Zorblatt" not in response.data


def test_another_iro_and_worker_in_the_same_council_get_404(world, shared, sign_in):
    other_iro = factories.staff(world.a.authority, "iro")
    other_worker = factories.staff(world.a.authority, "worker")
    for person in (other_iro, other_worker):
        client = sign_in(person)
        for url in _urls(shared.id):
            response = client.get(url)
            assert response.status_code == 404, (url, person.role)
            assert b"Zorblatt" not in response.data


@pytest.mark.parametrize("role", ["iro", "worker", "participation_officer", "manager", "council_admin", "young_person"])
def test_another_council_gets_404(world, shared, sign_in, role):
    client = sign_in(getattr(world.b, role))
    for url in _urls(shared.id) + [f"/my/reviews/{shared.id}/", f"/my/reviews/{shared.id}/going-well/"]:
        response = client.get(url)
        assert response.status_code in (403, 404), (url, role)
        assert b"Zorblatt" not in response.data


def test_worker_not_chosen_cannot_read(world, sign_in, db):
    review = factories.review(world.a.young_person)
    factories.sent_views(review, readers=("iro",), answers={"going-well": "Only for my IRO"})
    db.session.commit()
    client = sign_in(world.a.worker)
    page = client.get(f"/staff/reviews/{review.id}")
    assert page.status_code == 200
    assert "Only for my IRO" not in page.get_data(as_text=True)
    assert client.get(f"/staff/reviews/{review.id}/views.pdf").status_code == 404
    assert client.get(f"/staff/reviews/{review.id}/print").status_code == 404


def test_another_young_person_cannot_open_someone_elses_review(world, shared, sign_in):
    client = sign_in(world.a.other_young_person)
    assert client.get(f"/my/reviews/{shared.id}/").status_code == 404
    assert client.post(f"/my/reviews/{shared.id}/going-well/", data={"text": "x"}).status_code == 404
    assert client.post(f"/my/reviews/{shared.id}/add", data={"text": "x"}).status_code == 404


def test_drafts_are_never_shown_to_staff(world, sign_in, db):
    review = factories.review(world.a.young_person)
    submission = service.start_or_resume(review, world.a.young_person)
    from app.reviews import steps

    service.save_step(submission, steps.find_step(submission.version, "going-well"), {"text": "Half written thought"})
    db.session.commit()
    client = sign_in(world.a.iro)
    page = client.get(f"/staff/reviews/{review.id}").get_data(as_text=True)
    assert "Half written thought" not in page
    assert client.get(f"/staff/reviews/{review.id}/views.pdf").status_code == 404
    assert db.session.get(Review, review.id) is not None
