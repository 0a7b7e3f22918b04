"""Only the people a young person sent a message to read it, only while they still support them."""
from __future__ import annotations

import pytest

from app.extensions import db

from .. import factories


def _sent(readers=("worker",)):
    council = factories.authority()
    worker = factories.staff(council, "worker")
    iro = factories.staff(council, "iro")
    person = factories.young_person(council, worker_id=worker.id, iro_id=iro.id, display_name="Zephyrine")
    statement = factories.statement(person, text="Something private about home", readers=readers)
    db.session.commit()
    return council, worker, iro, person, statement


def test_the_chosen_worker_reads_it(sign_in):
    council, worker, iro, person, statement = _sent()
    assert sign_in(worker).get(f"/staff/voice/statements/{statement.id}").status_code == 200


def test_an_iro_not_chosen_cannot_read_it(sign_in):
    council, worker, iro, person, statement = _sent(readers=("worker",))
    client = sign_in(iro)
    assert client.get(f"/staff/voice/statements/{statement.id}").status_code == 404
    assert client.get(f"/staff/voice/statements/{statement.id}.pdf").status_code == 404
    assert "Zephyrine" not in client.get("/staff/voice/").get_data(as_text=True)


def test_the_iro_reads_it_when_chosen(sign_in):
    council, worker, iro, person, statement = _sent(readers=("worker", "iro"))
    assert sign_in(iro).get(f"/staff/voice/statements/{statement.id}").status_code == 200


def test_another_worker_of_the_same_council_cannot_read_it(sign_in):
    council, worker, iro, person, statement = _sent()
    stranger = factories.staff(council, "worker")
    client = sign_in(stranger)
    for path in (f"/staff/voice/statements/{statement.id}", f"/staff/voice/statements/{statement.id}.pdf"):
        assert client.get(path).status_code == 404
    for action in ("acknowledge", "reply", "sorted"):
        assert client.post(f"/staff/voice/statements/{statement.id}/{action}", data={"text": "x", "key": "k"}).status_code == 404
    assert "Zephyrine" not in client.get("/staff/voice/").get_data(as_text=True)


def test_a_worker_who_no_longer_supports_them_cannot_read_it_and_the_new_one_does_not_inherit_it(sign_in):
    council, worker, iro, person, statement = _sent()
    new_worker = factories.staff(council, "worker")
    person.worker_id = new_worker.id
    db.session.commit()
    assert sign_in(worker).get(f"/staff/voice/statements/{statement.id}").status_code == 404
    assert sign_in(new_worker).get(f"/staff/voice/statements/{statement.id}").status_code == 404


@pytest.mark.parametrize("role", ["participation_officer", "safeguarding_lead", "manager", "council_admin", "complaints_officer"])
def test_other_staff_roles_are_refused(sign_in, role):
    council, worker, iro, person, statement = _sent()
    client = sign_in(factories.staff(council, role))
    assert client.get(f"/staff/voice/statements/{statement.id}").status_code == 403
    assert client.get("/staff/voice/").status_code == 403


def test_another_council_sees_nothing(sign_in):
    council, worker, iro, person, statement = _sent()
    elsewhere = factories.authority()
    outsider = factories.staff(elsewhere, "worker")
    person_elsewhere = factories.young_person(elsewhere, worker_id=outsider.id)
    db.session.commit()
    assert sign_in(outsider).get(f"/staff/voice/statements/{statement.id}").status_code == 404
    assert sign_in(person_elsewhere).get(f"/my/say/{statement.id}/").status_code == 404


def test_a_young_person_cannot_open_someone_elses_statement_or_draft(sign_in):
    council, worker, iro, person, statement = _sent()
    draft = factories.statement(person, send=False, text="draft words")
    other = factories.young_person(council, worker_id=worker.id)
    db.session.commit()
    client = sign_in(other)
    assert client.get(f"/my/say/{statement.id}/").status_code == 404
    assert client.get(f"/my/say/{draft.id}/problem/").status_code == 404
    assert client.post(f"/my/say/{draft.id}/send", data={"key": "k"}).status_code == 404
    assert client.post(f"/my/say/{draft.id}/delete").status_code == 404


def test_drafts_are_never_read_by_staff(sign_in):
    council, worker, iro, person, statement = _sent()
    draft = factories.statement(person, send=False, text="not finished")
    db.session.commit()
    assert sign_in(worker).get(f"/staff/voice/statements/{draft.id}").status_code == 404
