"""Every response carries a strict CSP and the usual security headers; pages make no third-party requests."""
import re

from . import factories


def test_pages_carry_security_headers_and_are_not_cached(client):
    response = client.get("/sign-in")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"


def test_hashed_assets_are_cached_for_a_year(app, client):
    page = client.get("/sign-in").get_data(as_text=True)
    css = re.search(r'href="(/static/dist/youth\.[0-9a-f]+\.css)"', page).group(1)
    response = client.get(css)
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"] and "max-age=31536000" in response.headers["Cache-Control"]


def test_no_inline_script_style_or_third_party_url_in_pages(db, sign_in, client):
    council = factories.authority()
    person = factories.young_person(council)
    staff = factories.staff(council, "council_admin")
    pages = [client.get("/sign-in"), client.get("/join"), sign_in(person).get("/my/"), sign_in(staff).get("/staff/"), sign_in(staff).get("/admin/")]
    for response in pages:
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
        assert " style=" not in html and "<style" not in html
        assert not re.search(r"\son[a-z]+=", html), "inline event handler"
        for url in re.findall(r'(?:src|href|action)="([^"]+)"', html):
            # The one way off the site is the quick-exit link, which is a plain navigation.
            assert url.startswith(("/", "#", "tel:")) or url == app_exit_url(), url


def app_exit_url():
    from config import Config

    return Config.QUICK_EXIT_URL
