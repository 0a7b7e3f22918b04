"""Every form is protected against cross-site request forgery."""
import re

import pytest
from flask import session as request_session
from flask_wtf.csrf import generate_csrf

from app.extensions import csrf


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_posts_without_a_token_are_refused_kindly(csrf_on, client):
    response = client.post("/sign-in", data={"identifier": "x", "password": "y"})
    assert response.status_code == 400
    assert "This form timed out" in response.get_data(as_text=True)
    assert client.post("/language", data={"language": "ar"}).status_code == 400


def test_posts_with_the_token_from_the_page_work(csrf_on, client):
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/language", data={"language": "ar", "csrf_token": token})
    assert response.status_code == 302
    assert client.application.extensions["csrf"] is csrf  # the extension is bound in create_app


def _page_tokens(client, path="/sign-in"):
    return re.findall(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True))


def test_tokens_in_pages_are_masked_afresh_in_every_response(csrf_on, client):
    """Against BREACH: a compressed page must not repeat the session's secret."""
    first, second = _page_tokens(client), _page_tokens(client)
    assert first and second
    assert len(set(first + second)) == len(first + second)  # every token on every page differs
    with client.session_transaction() as session:
        secret = session["csrf_token"]
    with client.application.test_request_context():
        request_session["csrf_token"] = secret
        signed = generate_csrf()
    html = client.get("/sign-in").get_data(as_text=True)
    assert secret not in html and signed.split(".")[0] not in html


def test_every_masked_token_is_accepted(csrf_on, client):
    for token in _page_tokens(client) + _page_tokens(client):
        assert client.post("/language", data={"language": "en", "csrf_token": token}).status_code == 302


def test_a_masked_token_that_was_tampered_with_is_refused(csrf_on, client):
    token = _page_tokens(client)[0]
    tampered = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    assert client.post("/language", data={"language": "en", "csrf_token": tampered}).status_code == 400
    assert client.post("/language", data={"language": "en", "csrf_token": "m.nonsense"}).status_code == 400
