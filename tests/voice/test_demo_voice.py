"""The demo council's worker has a realistic inbox."""
from __future__ import annotations

from flask_babel import force_locale, gettext
from markupsafe import Markup, escape
from sqlalchemy import select

from app.auth.models import User
from app.demo import load_demo
from app.extensions import db
from app.i18n.bidi import isolate


def _in_their_language(person, text: str, **values) -> str:
    """What `text` reads as on their pages: the demo's young people use their own languages."""
    with force_locale(person.preferred_language or "en"):
        return str(Markup(escape(gettext(text))) % {key: isolate(value) for key, value in values.items()} if values else escape(gettext(text)))


def test_the_demo_worker_has_new_read_answered_and_sorted_messages(sign_in):
    people = load_demo()
    daniel = db.session.scalar(select(User).where(User.email == "daniel.hughes@northmoor.example"))
    assert daniel.line_manager is not None and daniel.line_manager.role == "manager"
    page = sign_in(daniel).get("/staff/voice/?show=all").get_data(as_text=True)
    for tag in ("Unread", "Acknowledged", "Replied", "Sorted"):
        assert tag in page, tag
    assert '<span class="heard-count">3</span>' in page  # two unread messages and Lily's call-back
    amira = sign_in(people["amira"]).get("/my/say/").get_data(as_text=True)
    assert _in_their_language(people["amira"], "Replied") in amira and _in_their_language(people["amira"], "Sorted") in amira


def test_the_demo_council_shows_every_part_of_between_reviews(sign_in):
    people = load_demo()
    ruth = sign_in(people["complaints"])
    page = ruth.get("/staff/voice/complaints/").get_data(as_text=True)
    assert "Sam" in page and "Yonas" in page
    assert "Tess" in ruth.get("/staff/voice/advocacy/").get_data(as_text=True)
    yonas = sign_in(people["yonas"]).get("/my/advocate/").get_data(as_text=True)
    assert _in_their_language(people["yonas"], "Your advocate is %(name)s.", name="Tess") in yonas
    assert "Lily" in sign_in(people["worker"]).get("/staff/voice/call-backs").get_data(as_text=True)
    assert "<bdi>Daniel</bdi> will call you by" in sign_in(people["lily"]).get("/my/").get_data(as_text=True)
    waiting = sign_in(people["manager"]).get("/staff/voice/waiting").get_data(as_text=True)
    assert "Priya Shah" in waiting and "Sam" in waiting
    assert "A compliment" in sign_in(people["worker"]).get("/staff/voice/feedback/").get_data(as_text=True)
    assert "A comment" in sign_in(people["adviser"]).get("/staff/voice/feedback/").get_data(as_text=True)
