"""Right to left between reviews: the names, job titles and phone numbers on a young person's
messages, call-backs, complaints and advocate pages are isolated, as on every other page
(tests/i18n/test_rtl_isolation.py)."""
from __future__ import annotations

import pytest

from app.extensions import db
from app.i18n.locales import RTL
from app.voice import advocacy, callbacks, complaints, statements

from .. import factories
from ..i18n.test_rtl_isolation import Isolation


def _world(code):
    council = factories.authority(enabled_languages=["en", code], advocacy_phone="0300 555 0142")
    iro = factories.staff(council, "iro", display_name="Grace Okafor", job_title="Independent Reviewing Officer")
    worker = factories.staff(council, "worker", display_name="Daniel Hughes", job_title="Social worker")
    officer = factories.staff(council, "complaints_officer", display_name="Ruth Adeyemi")
    person = factories.young_person(council, display_name="Amira", iro_id=iro.id, worker_id=worker.id, preferred_language=code)
    sent = factories.statement(person, readers=("worker", "iro"))
    statements.record_read(sent, worker)
    statements.acknowledge(sent, worker)
    statements.reply(sent, worker, "Thank you", key="k1")
    statements.mark_sorted(sent, worker, True)
    draft = factories.statement(person, send=False)
    callback = factories.callback(person)
    callbacks.record_call(callback, worker, callbacks.CALL_OUTCOMES[0])
    factories.callback(person, role="iro")
    complaint = factories.representation(person)
    complaints.respond(complaint.stage, officer, complaints.FINDINGS[0], "We are sorry")
    item, _token = factories.advocacy_request(person)
    advocacy.set_status(item, "allocated", advocate_name="Tess Morgan")
    db.session.commit()
    values = {"Grace Okafor": "name", "Independent Reviewing Officer": "title", "Daniel Hughes": "name", "Social worker": "title",
              "Ruth Adeyemi": "name", "Tess Morgan": "name", "0300 555 0142": "phone"}
    pages = ["/my/", "/my/say/", f"/my/say/{sent.id}/", f"/my/say/{draft.id}/who-reads-it/", f"/my/say/{draft.id}/check/",
             "/my/call-me/", f"/my/complaints/{complaint.id}/", "/my/advocate/"]
    return person, values, pages


@pytest.mark.parametrize("code", ["ar", "ps"])
def test_names_titles_and_numbers_are_isolated_on_right_to_left_voice_pages(sign_in, code):
    assert code in RTL
    person, values, pages = _world(code)
    client = sign_in(person)
    found = dict.fromkeys(values, 0)
    problems = []
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        parser = Isolation(values)
        parser.feed(response.get_data(as_text=True))
        problems += [f"{path}: {p}" for p in parser.problems]
        for value, count in parser.found.items():
            found[value] += count
    assert not problems, problems
    assert all(found.values()), [value for value, count in found.items() if not count]
