"""The demo council's worker has a realistic inbox."""
from __future__ import annotations

from sqlalchemy import select

from app.auth.models import User
from app.demo import load_demo
from app.extensions import db


def test_the_demo_worker_has_new_read_answered_and_sorted_messages(sign_in):
    people = load_demo()
    daniel = db.session.scalar(select(User).where(User.email == "daniel.hughes@northmoor.example"))
    assert daniel.line_manager is not None and daniel.line_manager.role == "manager"
    page = sign_in(daniel).get("/staff/voice/?show=all").get_data(as_text=True)
    for tag in ("Unread", "Acknowledged", "Replied", "Sorted"):
        assert tag in page, tag
    assert '<span class="heard-count">2</span>' in page
    amira = sign_in(people["amira"]).get("/my/say/").get_data(as_text=True)
    assert "Replied" in amira and "Sorted" in amira
