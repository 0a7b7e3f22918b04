"""A young person's page with everything it links must stay under 40 KB gzip-compressed."""
import gzip
import re

from . import factories

BUDGET = 40 * 1024


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def _page_weight(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.get_data()
    total = _gzip_size(html)
    for url in re.findall(rb'<(?:link[^>]+href|script[^>]+src)="(/static/[^"]+)"', html):
        if url.endswith(b".svg"):  # the favicon is fetched once per site, not per page
            continue
        asset = client.get(url.decode())
        assert asset.status_code == 200
        total += _gzip_size(asset.get_data())
    return total


def young_people_pages(app):
    """Every GET page young people use, from the URL map: new features are weighed too."""
    from .access_params import PARAMS

    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        roles = getattr(view, "allowed_roles", frozenset())
        if "GET" in rule.methods and "young_person" in roles and not rule.arguments - set(PARAMS):
            yield rule


def test_every_young_person_page_is_under_the_weight_budget(app, world, sign_in):
    from flask import url_for

    client = sign_in(world.a.young_person)
    checked = 0
    for rule in young_people_pages(app):
        with app.test_request_context():
            from .access_params import PARAMS

            path = url_for(rule.endpoint, **{arg: PARAMS[arg](world.a) for arg in rule.arguments})
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        weight = _page_weight(client, path)
        assert weight < BUDGET, f"{path} weighs {weight} bytes gzipped"
        checked += 1
    assert checked >= 3


def test_public_pages_are_under_the_weight_budget(client):
    for path in ("/sign-in", "/join", "/reset"):
        assert _page_weight(client, path) < BUDGET


def test_assets_have_content_hashes_in_their_names(client):
    html = client.get("/sign-in").get_data(as_text=True)
    assets = re.findall(r'(?:href|src)="/static/dist/([^"]+)"', html)
    assert assets and all(re.fullmatch(r"[a-z-]+\.[0-9a-f]{8,}\.(css|js)", name) for name in assets)
    assert factories  # the world fixture above builds its people with the factories
