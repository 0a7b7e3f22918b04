"""Heard compresses what it sends: precompressed static files through WhiteNoise, pages on the fly."""
import gzip
import json
from pathlib import Path

import brotli

STATIC = Path(__file__).resolve().parents[1] / "static"


def test_every_built_asset_has_brotli_and_gzip_copies_with_the_same_content():
    manifest = json.loads((STATIC / "dist" / "manifest.json").read_text())
    assert manifest
    for built in manifest.values():
        original = (STATIC / "dist" / built).read_bytes()
        assert brotli.decompress((STATIC / "dist" / f"{built}.br").read_bytes()) == original, built
        assert gzip.decompress((STATIC / "dist" / f"{built}.gz").read_bytes()) == original, built


def test_static_files_are_sent_precompressed_with_safety_headers(client):
    from app.web import asset_url

    with client.application.test_request_context():
        url = asset_url("youth.css")
    name = url.rsplit("/", 1)[1]
    response = client.get(url, headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    assert response.get_data() == (STATIC / "dist" / f"{name}.br").read_bytes()
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Accept-Encoding" in response.headers["Vary"]
    gzipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["Content-Encoding"] == "gzip"
    plain = client.get(url)
    assert "Content-Encoding" not in plain.headers and plain.get_data() == (STATIC / "dist" / name).read_bytes()


def test_unhashed_static_files_are_kept_a_day_not_a_year(client):
    response = client.get("/static/favicon.svg")
    assert response.status_code == 200
    assert "max-age=86400" in response.headers["Cache-Control"] and "immutable" not in response.headers["Cache-Control"]


def test_pages_are_compressed_when_the_browser_accepts_it(client):
    plain = client.get("/sign-in")
    assert "Content-Encoding" not in plain.headers
    for encoding, decompress in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        response = client.get("/sign-in", headers={"Accept-Encoding": encoding})
        assert response.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in response.headers["Vary"]
        assert len(response.get_data()) < len(plain.get_data()) / 2
        assert b"Sign in" in decompress(response.get_data())
        assert response.headers["Cache-Control"] == "no-store"


def test_every_page_template_compiles_before_gunicorn_forks(app):
    from app.serving import compile_templates

    assert compile_templates(app) > 100
