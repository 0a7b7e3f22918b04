"""A young person tells their worker something between reviews; the worker reads, replies and
marks it sorted; the young person sees each step on their phone."""
from __future__ import annotations

import re
import subprocess

from app.audit import AuditEvent
from app.extensions import db
from app.voice import statements
from app.voice.models import Statement, StatementReader, StatementReply

from .. import factories


def _people():
    council = factories.authority()
    worker = factories.staff(council, "worker", display_name="Daniel Hughes", job_title="Social worker")
    iro = factories.staff(council, "iro", display_name="Grace Okafor")
    person = factories.young_person(council, display_name="Amira", worker_id=worker.id, iro_id=iro.id)
    db.session.commit()
    return worker, iro, person


def _key(page: str) -> str:
    return re.search(r'name="key" value="([^"]+)"', page).group(1)


def test_feeling_one_question_a_screen_then_sent_to_the_worker_by_default(sign_in):
    worker, iro, person = _people()
    client = sign_in(person)
    response = client.get("/my/say/new/feeling")
    statement = db.session.query(Statement).one()
    assert response.status_code == 302 and response.location.endswith(f"/my/say/{statement.id}/face/")
    page = client.get(f"/my/say/{statement.id}/face/").get_data(as_text=True)
    assert "How are you feeling?" in page and "Step 1 of 5" in page and 'value="worried"' in page
    client.post(f"/my/say/{statement.id}/face/", data={"face": "worried", "action": "next"})
    client.post(f"/my/say/{statement.id}/why/", data={"text": "My placement might change and nobody told me why", "action": "next"})
    client.post(f"/my/say/{statement.id}/about/", data={"topic": "moving", "action": "next"})
    page = client.get(f"/my/say/{statement.id}/who-reads-it/").get_data(as_text=True)
    assert re.search(r'value="worker" checked', page) and not re.search(r'value="iro" checked', page)
    client.post(f"/my/say/{statement.id}/who-reads-it/", data={"readers": ["worker"], "action": "next"})
    check = client.get(f"/my/say/{statement.id}/check/").get_data(as_text=True)
    assert "nobody told me why" in check and "Daniel Hughes" in check
    response = client.post(f"/my/say/{statement.id}/send", data={"key": _key(check)})
    assert response.status_code == 302
    db.session.expire_all()
    statement = db.session.get(Statement, statement.id)
    assert statement.status == "sent" and statement.face == "worried" and statement.topic == "moving"
    assert [(r.user_id, r.reader_role) for r in statement.reader_rows] == [(worker.id, "worker")]


def test_a_double_tap_sends_once(sign_in):
    worker, iro, person = _people()
    statement = factories.statement(person, send=False)
    db.session.commit()
    client = sign_in(person)
    check = client.get(f"/my/say/{statement.id}/check/").get_data(as_text=True)
    key = _key(check)
    client.post(f"/my/say/{statement.id}/send", data={"key": key})
    client.post(f"/my/say/{statement.id}/send", data={"key": key})
    assert db.session.query(StatementReader).count() == 1
    assert db.session.query(AuditEvent).filter_by(action="voice.sort.sent").count() == 1


def test_sending_with_nobody_chosen_goes_back_to_choosing(sign_in):
    worker, iro, person = _people()
    statement = factories.statement(person, readers=(), send=False)
    db.session.commit()
    client = sign_in(person)
    response = client.post(f"/my/say/{statement.id}/send", data={"key": "k1"})
    assert response.location.endswith("/who-reads-it/")
    assert db.session.get(Statement, statement.id).status == "draft"


def test_the_draft_is_kept_on_the_server_and_resumed_at_the_last_step(sign_in):
    worker, iro, person = _people()
    client = sign_in(person)
    client.get("/my/say/new/good_news")
    statement = db.session.query(Statement).one()
    client.post(f"/my/say/{statement.id}/news/", data={"text": "I passed my maths test", "action": "later"})
    assert "Not sent yet" in client.get("/my/say/").get_data(as_text=True)
    response = client.get("/my/say/new/good_news")
    assert response.location.endswith(f"/my/say/{statement.id}/news/")
    assert "I passed my maths test" in client.get(response.location).get_data(as_text=True)
    assert db.session.query(Statement).count() == 1


def test_the_youngest_get_a_helper_step_and_faces(sign_in):
    council = factories.authority()
    worker = factories.staff(council, "worker")
    child = factories.young_person(council, age=6, worker_id=worker.id)
    db.session.commit()
    client = sign_in(child)
    response = client.get("/my/say/new/feeling")
    assert response.location.endswith("/helper/")
    statement = db.session.query(Statement).one()
    assert statement.version == "early"
    client.post(f"/my/say/{statement.id}/helper/", data={"helped": "y", "helper_name": "My foster carer", "action": "next"})
    page = client.get(f"/my/say/{statement.id}/face/").get_data(as_text=True)
    assert "How do you feel today?" in page and "heard-faces--big" in page
    client.post(f"/my/say/{statement.id}/version", data={"version": "standard"})
    assert db.session.get(Statement, statement.id).version == "standard"
    assert db.session.get(Statement, statement.id).helper_name == "My foster carer"


def test_worker_reads_replies_and_sorts_and_the_young_person_sees_it(sign_in):
    worker, iro, person = _people()
    statement = factories.statement(person, kind="sort", text="My bus pass has run out", topic="money")
    db.session.commit()
    staff = sign_in(worker)
    assert "My bus pass has run out" in staff.get(f"/staff/voice/statements/{statement.id}").get_data(as_text=True)
    assert db.session.query(AuditEvent).filter_by(action="voice.statement.read", target_id=statement.id, actor_id=worker.id).count() == 1
    page = sign_in(person).get(f"/my/say/{statement.id}/").get_data(as_text=True)
    assert "Read it on" in page and "Daniel Hughes" in page

    page = staff.get(f"/staff/voice/statements/{statement.id}").get_data(as_text=True)
    key = _key(page)
    staff.post(f"/staff/voice/statements/{statement.id}/reply", data={"text": "I will get you a new one by Friday.", "key": key})
    staff.post(f"/staff/voice/statements/{statement.id}/reply", data={"text": "I will get you a new one by Friday.", "key": key})
    assert db.session.query(StatementReply).count() == 1
    staff.post(f"/staff/voice/statements/{statement.id}/sorted", data={"done": "yes"})
    statement = db.session.get(Statement, statement.id)
    assert statement.acknowledged_at is not None and statement.sorted_at is not None

    young = sign_in(person)
    assert "1 new reply" in young.get("/my/").get_data(as_text=True)
    page = young.get(f"/my/say/{statement.id}/").get_data(as_text=True)
    assert "I will get you a new one by Friday." in page and "marked it sorted" in page
    assert "new reply" not in young.get("/my/").get_data(as_text=True)


def test_the_young_person_sees_when_their_worker_says_they_got_it(sign_in):
    worker, iro, person = _people()
    statement = factories.statement(person, kind="sort", text="My bus pass has run out")
    db.session.commit()
    young = sign_in(person)
    assert "got your message" not in young.get(f"/my/say/{statement.id}/").get_data(as_text=True)
    sign_in(worker).post(f"/staff/voice/statements/{statement.id}/acknowledge")
    page = sign_in(person).get(f"/my/say/{statement.id}/").get_data(as_text=True)
    assert "<bdi>Daniel Hughes</bdi> got your message" in page


def test_inbox_lists_unread_first_then_newest(sign_in):
    worker, iro, person = _people()
    other = factories.young_person(worker.authority, display_name="Jamal", worker_id=worker.id)
    first = factories.statement(person, text="first")
    second = factories.statement(other, text="second")
    db.session.commit()
    staff = sign_in(worker)
    staff.get(f"/staff/voice/statements/{second.id}")  # read: drops below the unread one
    third = factories.statement(person, kind="good_news", text="third")
    db.session.commit()
    page = staff.get("/staff/voice/").get_data(as_text=True)
    order = [int(n) for n in re.findall(r"/staff/voice/statements/(\d+)\"", page)]
    assert order == [third.id, first.id, second.id]
    assert '<span class="heard-count">2</span>' in page


def test_every_message_ever_sent_comes_a_page_at_a_time_unread_first(sign_in, monkeypatch):
    monkeypatch.setattr(statements, "INBOX_PAGE", 2)
    worker, iro, person = _people()
    sent = [factories.statement(person, text=f"message {n}") for n in range(5)]
    db.session.commit()
    staff = sign_in(worker)
    staff.get(f"/staff/voice/statements/{sent[4].id}")  # the newest is read: it goes last
    pages = [staff.get(f"/staff/voice/?show=all&page={n}").get_data(as_text=True) for n in (1, 2, 3)]
    shown = [[int(i) for i in re.findall(r"/staff/voice/statements/(\d+)\"", page)] for page in pages]
    assert shown == [[sent[3].id, sent[2].id], [sent[1].id, sent[0].id], [sent[4].id]]
    assert "Showing 1 to 2 of 5" in pages[0] and "show=all&amp;page=2" in pages[0]


def test_pdf_of_a_statement_with_its_reply(sign_in):
    worker, iro, person = _people()
    statement = factories.statement(person, text="I want to see my brother more")
    db.session.commit()
    staff = sign_in(worker)
    page = staff.get(f"/staff/voice/statements/{statement.id}").get_data(as_text=True)
    staff.post(f"/staff/voice/statements/{statement.id}/reply", data={"text": "We will talk about it on Tuesday.", "key": _key(page)})
    response = staff.get(f"/staff/voice/statements/{statement.id}.pdf")
    assert response.status_code == 200 and response.data[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", "-", "-"], input=response.data, capture_output=True, check=True).stdout.decode()
    assert "I want to see my brother more" in text and "We will talk about it on Tuesday." in text
    assert "attachment" in response.headers["Content-Disposition"]
    assert db.session.query(AuditEvent).filter_by(action="voice.statement.pdf_downloaded").count() == 1
