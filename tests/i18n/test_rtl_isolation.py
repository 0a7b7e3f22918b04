"""Right to left: names, job titles, phone numbers, e-mail addresses and usernames sit inside
Arabic, Pashto, Dari, Farsi and Sorani text without being garbled.

Each such value must be isolated on its own (`<bdi>`, or an element with `dir`), so that the
Unicode bidi algorithm cannot pull the punctuation and words around it into it (",Social worker",
"Independent ,Grace Okafor Reviewing Officer"). Phone numbers also never break across lines."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from app.extensions import db
from app.i18n.locales import RTL

from .. import factories

SKIPPED = {"title", "option", "textarea", "script", "style"}  # text that cannot hold markup


class Isolation(HTMLParser):
    def __init__(self, values):
        super().__init__(convert_charrefs=True)
        self.values = values
        self.stack: list[tuple[str, dict]] = []
        self.found: dict[str, int] = dict.fromkeys(values, 0)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(tag in SKIPPED for tag, _attrs in self.stack):
            return
        for value in self.values:
            if value not in data:
                continue
            self.found[value] += 1
            tag, attrs = self.stack[-1] if self.stack else ("", {})
            # The element holding exactly the value is isolated, or wraps only it (<bdi><a>..</a></bdi>).
            isolated = any(t == "bdi" or "dir" in a for t, a in self.stack[-2:])
            if data.strip() != value or not isolated:
                self.problems.append(f"{value!r} in <{tag}>: {data.strip()[:80]!r}")
            elif self.values[value] == "phone" and "heard-nowrap" not in attrs.get("class", ""):
                self.problems.append(f"{value!r} may break across lines")


def _world(code):
    council = factories.authority(enabled_languages=["en", code], out_of_hours_phone="0300 555 0199", advocacy_phone="0300 555 0142")
    iro = factories.staff(council, "iro", display_name="Grace Okafor", job_title="Independent Reviewing Officer", work_phone="0300 555 0123")
    worker = factories.staff(council, "worker", display_name="Daniel Hughes", job_title="Social worker", work_phone="0300 555 0456")
    person = factories.young_person(council, display_name="Amira", username="amira.star", iro_id=iro.id, worker_id=worker.id, preferred_language=code)
    sent = factories.review(person, iro=iro, days_ahead=-2)
    submission = factories.sent_views(sent, readers=("iro", "worker"))
    from app.reviews import service

    service.acknowledge(submission, iro, "Thank you")
    draft = factories.review(person, iro=iro, days_ahead=20)
    db.session.commit()
    values = {"Grace Okafor": "name", "Independent Reviewing Officer": "title", "Daniel Hughes": "name", "Social worker": "title",
              "0300 555 0123": "phone", "0300 555 0456": "phone", "0300 555 0199": "phone", "0300 555 0142": "phone",
              "0800 1111": "phone", "amira.star": "username"}
    pages = ["/my/", "/my/help", "/my/account", f"/my/reviews/{sent.id}/", f"/my/reviews/{draft.id}/who-reads-it/", f"/my/reviews/{draft.id}/check/"]
    return person, values, pages


@pytest.mark.parametrize("code", sorted(RTL))
def test_every_name_title_and_number_is_isolated_on_right_to_left_pages(sign_in, code):
    person, values, pages = _world(code)
    client = sign_in(person)
    found = dict.fromkeys(values, 0)
    problems = []
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        assert 'dir="rtl"' in html
        parser = Isolation(values)
        parser.feed(html)
        problems += [f"{path}: {p}" for p in parser.problems]
        for value, count in parser.found.items():
            found[value] += count
    assert not problems, problems
    assert all(found.values()), [value for value, count in found.items() if not count]  # each was on a page
