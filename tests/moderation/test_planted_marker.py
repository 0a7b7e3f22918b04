"""Nothing unapproved reaches a staff page or export.

A unique marker is planted in text that is pending, rejected, held for safeguarding, and in the
part of an approved text that the moderator removed. Then every GET endpoint in the app (walked
from the URL map, as tests/test_access.py does, so later features' pages and CSV exports are
covered automatically) is requested as every role, and the marker must never appear. The only
exceptions are the two pages whose job is to show unmoderated text to moderators.
"""
from __future__ import annotations

import pytest

from app.access import ROLES
from app.extensions import db
from app.moderation import service

from ..access_params import PARAMS

MARKER = "Qzxv7Marker"
# Pages whose job is to show unmoderated text, and to whom.
MODERATOR_PAGES = {"moderation.queue", "moderation.item"}
# A young person's own data, downloaded: everything they wrote, whatever moderation decided.
OWN_DATA_PAGES = {"privacy.my_data", "privacy.my_data_json", "privacy.my_data_pdf"}


def _plant(world):
    council = world.a
    authority_id = council.authority.id

    def submit(author, text, source):
        return service.submit_text(authority_id=authority_id, source=source, text=text, language="en", author=author)

    sources = ["pledge.comment", "council.idea", "council.poll_comment", "council.good_news", "survey.answer"]
    items = []
    for n, source in enumerate(sources):
        items.append(submit(council.young_person, f"pending {MARKER} {n}", source))  # stays pending
        rejected = submit(council.young_person, f"rejected {MARKER} {n}", source)
        service.reject(rejected, council.participation_officer, "other")
        held = submit(council.other_young_person, f"held {MARKER} {n}", source)
        service.escalate(held, council.participation_officer)
        redacted = submit(council.young_person, f"we liked the trip {MARKER} {n}", source)
        service.approve(redacted, council.participation_officer, text="we liked the trip")
        anonymous = submit(None, f"anonymous {MARKER} {n}", source)
        items.append(anonymous)
    db.session.commit()
    return items


def _get_urls(app, council):
    with app.test_request_context():
        from flask import url_for

        for rule in app.url_map.iter_rules():
            if "GET" not in (rule.methods or ()) or rule.endpoint == "static":
                continue
            missing = [arg for arg in rule.arguments if arg not in PARAMS]
            assert not missing, f"{rule.endpoint}: add {missing} to tests/access_params.py"
            values = {arg: PARAMS[arg](council) for arg in rule.arguments}
            yield rule.endpoint, url_for(rule.endpoint, **values)


@pytest.fixture
def pdf_sources(monkeypatch):
    """PDF text is not searchable (fonts are subset, streams compressed), so the HTML each PDF is
    made from is captured and searched instead."""
    import weasyprint

    captured: list[str] = []
    original = weasyprint.HTML.__init__

    def capture(self, *args, **kwargs):
        if kwargs.get("string"):
            captured.append(kwargs["string"])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "__init__", capture)
    return captured


@pytest.mark.parametrize("role", [r for r in ROLES if r != "young_person"] + ["young_person"])
def test_marker_in_unapproved_text_never_appears_on_any_page_or_export(app, world, sign_in, pdf_sources, role):
    _plant(world)
    user = getattr(world.a, role)
    urls = list(_get_urls(app, world.a))
    assert len(urls) > 10
    for endpoint, url in urls:
        response = sign_in(user).get(url, follow_redirects=False)
        assert response.status_code < 500, (endpoint, url, role)
        body = response.get_data().decode("utf-8", errors="replace") + "".join(pdf_sources)
        pdf_sources.clear()
        if role == "participation_officer" and endpoint in MODERATOR_PAGES:
            continue
        if role == "young_person" and (endpoint.startswith("youth.") or endpoint in OWN_DATA_PAGES):
            # Their own pages may show their own words back to them (rejected notices), never others'.
            assert "held " + MARKER not in body, (endpoint, url)
            assert "anonymous " + MARKER not in body, (endpoint, url)
            continue
        assert MARKER not in body, (endpoint, url, role)


def test_the_moderator_pages_do_show_the_text_so_the_walk_can_see_it(app, world, sign_in):
    _plant(world)
    assert MARKER in sign_in(world.a.participation_officer).get("/staff/moderation/").get_data(as_text=True)


def test_published_texts_cannot_return_unapproved_text(world):
    items = _plant(world)
    published = service.published_texts([i.id for i in items] + list(range(1, 200)))
    assert published  # the redacted approvals
    assert all(MARKER not in p.text for p in published.values())


def test_item_texts_are_never_loaded_by_accident(world):
    """original_text and approved_text raise unless explicitly asked for (see moderation/models.py)."""
    from sqlalchemy import select

    from app.moderation.models import ModerationItem

    _plant(world)
    db.session.expunge_all()
    item = db.session.scalars(select(ModerationItem)).first()
    with pytest.raises(Exception, match="raiseload"):
        item.original_text  # noqa: B018
    with pytest.raises(Exception, match="raiseload"):
        item.approved_text  # noqa: B018
