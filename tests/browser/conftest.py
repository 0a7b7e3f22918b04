"""Browser tests: Debian's Chromium, headless, driven by Playwright against a live server.

Never a downloaded browser: Chromium is /usr/bin/chromium (Debian package `chromium`), and
axe-core comes from npm (`node_modules/axe-core`). Without them these tests are skipped with
the reason; `make test` and `.ci/run` install both.
"""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app.extensions import db as _db

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 740}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(config, items):
    reason = None
    if not CHROMIUM.exists():
        reason = "Debian chromium is not installed (/usr/bin/chromium); `make test` installs it as root"
    elif not AXE.exists():
        reason = "axe-core is not installed (node_modules/axe-core); `make test` runs npm ci"
    if reason:
        for item in items:
            if "tests/browser" in str(item.fspath):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["PUBLIC_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, live_server):
    """A page in a phone-sized window (360 x 740), with a fresh profile."""
    context = browser.new_context(viewport=PHONE, base_url=live_server, locale="en-GB", device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """Serious and critical accessibility violations on the page, as axe-core reports them."""
    # Evaluated through the DevTools protocol, so the page's strict CSP stays on while we test.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(f"() => {{ {AXE.read_text()}\n }}")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def assert_no_horizontal_overflow(page) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} overflows horizontally by {overflow}px"


def commit():
    _db.session.commit()
