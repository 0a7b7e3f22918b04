"""Forms work in production. Over HTTPS, Flask-WTF also checks that a form was posted from Heard's
own pages by its Referer header; a browser sends one only if Heard's referrer policy lets it.
Under `no-referrer` every form of a production site failed as "This form timed out", while the
quick exit still must not tell the next site where the child was: `same-origin` does both."""
from __future__ import annotations

import re

from app import create_app
from app.extensions import db

from .. import factories
from . import redis_url_or_skip

# What a browser sends as Referer under each policy, for a same-origin form post and for a
# navigation to another site (the quick exit), from an https page (Referrer Policy spec, §3).
SENDS = {
    "no-referrer": (False, False),
    "same-origin": (True, False),
    "origin": (True, True),
    "strict-origin": (True, True),
    "strict-origin-when-cross-origin": (True, True),
    "origin-when-cross-origin": (True, True),
    "no-referrer-when-downgrade": (True, True),
    "unsafe-url": (True, True),
}


def _production_app():
    return create_app(
        "production",
        SECRET_KEY="p" * 48,
        SQLALCHEMY_DATABASE_URI=db.engine.url.render_as_string(hide_password=False),
        RATELIMIT_STORAGE_URI=redis_url_or_skip(),
        RATELIMIT_ENABLED=False,
        MAIL_ENABLED=False,
    )


def test_a_production_form_posted_from_heards_own_page_is_accepted(db):
    app = _production_app()
    authority = factories.authority()
    person = factories.young_person(authority, username="topaz")
    db.session.commit()
    client = app.test_client()
    page = client.get("/sign-in", base_url="https://heard.example.org")
    policy = page.headers["Referrer-Policy"]
    same_origin, cross_site = SENDS[policy]
    assert not cross_site, "the quick exit would tell the next site where the child was"
    meta = re.search(r'<meta name="referrer" content="([^"]+)"', page.get_data(as_text=True))
    assert meta is None or meta.group(1) == policy
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get_data(as_text=True)).group(1)
    headers = {"Referer": "https://heard.example.org/sign-in"} if same_origin else {}
    response = client.post(
        "/sign-in",
        base_url="https://heard.example.org",
        data={"csrf_token": token, "identifier": person.username, "password": factories.PASSWORD},
        headers=headers,
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
