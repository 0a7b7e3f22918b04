"""Every form is protected against cross-site request forgery."""
import pytest

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
    import re

    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post("/language", data={"language": "ar", "csrf_token": token})
    assert response.status_code == 302
    assert csrf  # the extension is bound in create_app
