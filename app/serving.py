"""Heard sends its own bytes compressed, so `make run`, a bare gunicorn and a server behind a proxy
are all as light on a phone's data as each other.

- Static files: WhiteNoise serves `static/` in front of Flask. `make assets` writes brotli and
  gzip copies next to each built file; WhiteNoise sends the copy the browser accepts. Built files
  carry a content hash in their name, so browsers keep them for a year without asking again.
- Pages and JSON: Flask-Compress compresses them as they are sent (brotli, else gzip). A page can
  hold a secret (the CSRF token) next to text the user typed, which is what a BREACH attack
  needs; `app/csrf_mask.py` masks the token afresh in every response so there is no repeated
  secret for an attacker to find by watching compressed sizes.
"""
from __future__ import annotations

import re

from flask import Flask
from flask_compress import Compress
from whitenoise import WhiteNoise

A_YEAR = 365 * 24 * 60 * 60
A_DAY = 24 * 60 * 60
# `make assets` names built files `<name>.<hash>.<ext>` (bin/build-assets.mjs).
HASHED = re.compile(r"^/static/dist/[^/]+\.[0-9a-f]{8,64}\.[a-z0-9]+$")

compress = Compress()


def _static_headers(headers, path: str, url: str) -> None:
    if HASHED.match(url):
        # A hashed name never changes meaning: a year, and never revalidated.
        headers["Cache-Control"] = f"public, max-age={A_YEAR}, immutable"
    # Static responses never reach Flask's after_request, so they get their own safety headers.
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"


def init_app(app: Flask) -> None:
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["br", "deflate"])
    # Quality 5 brotli keeps a page to a few milliseconds of work while shrinking it about 6 times.
    app.config.setdefault("COMPRESS_BR_LEVEL", 5)
    # Registered before every other after_request hook, so it runs last, on the finished body.
    compress.init_app(app)

    app.wsgi_app = WhiteNoise(
        app.wsgi_app,
        root=app.static_folder,
        prefix="/static/",
        # Files that are not content-hashed (the favicon, robots.txt) are kept a day.
        max_age=A_DAY,
        immutable_file_test=lambda path, url: bool(HASHED.match(url)),
        allow_all_origins=False,
        add_headers_function=_static_headers,
        autorefresh=app.debug,
    )


def compile_templates(app: Flask) -> int:
    """Compile every page template now. Under `gunicorn --preload` this runs once before the
    workers fork, so no worker makes its first visitors wait while it compiles the GOV.UK macros
    (seconds on a busy machine)."""
    names = app.jinja_env.list_templates(filter_func=lambda name: name.endswith(".html"))
    for name in names:
        app.jinja_env.get_template(name)
    return len(names)
