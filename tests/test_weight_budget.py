"""Pages weigh what a phone downloads: bytes on the wire from a real server, not files on disk.

A real HTTP server (the one `make run` uses) serves the app on 127.0.0.1; a plain socket client
asks for each page as a browser would (`Accept-Encoding: gzip, br`), then fetches what the page
links (stylesheets, scripts, icons, images, and anything the stylesheets load) and counts every
byte it receives, headers included. A repeat visit the next day fetches the page again and only
the assets a browser would not still hold: those cached for less than a day are asked for again
with their validators (`If-None-Match` / `If-Modified-Since`), as a browser does.
"""
from __future__ import annotations

import gzip
import re
import socket
import threading
from dataclasses import dataclass, field
from urllib.parse import urljoin

import brotli
import pytest
from werkzeug.serving import make_server

FIRST_LOAD_BUDGET = 40 * 1024
REPEAT_VISIT_BUDGET = 8 * 1024
A_DAY = 24 * 60 * 60


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes  # decoded
    wire: int  # bytes received: status line, headers and the body as sent


@dataclass
class Visit:
    first: int = 0
    repeat: int = 0
    fetched: list[str] = field(default_factory=list)


class Phone:
    """A browser reduced to what decides the bytes: one connection per request, compression
    accepted, a cookie jar of one session cookie, and a cache that follows Cache-Control."""

    def __init__(self, port: int, cookie: str | None = None):
        self.port = port
        self.cookie = cookie

    def get(self, path: str, extra: dict[str, str] | None = None) -> Reply:
        lines = [
            f"GET {path} HTTP/1.1",
            f"Host: 127.0.0.1:{self.port}",
            "User-Agent: Mozilla/5.0 (Linux; Android 10) Heard weight test",
            "Accept: text/html,*/*",
            "Accept-Encoding: gzip, br",
            "Connection: close",
        ]
        if self.cookie:
            lines.append(f"Cookie: session={self.cookie}")
        lines += [f"{name}: {value}" for name, value in (extra or {}).items()]
        raw = b""
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as sock:
            sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
            while chunk := sock.recv(65536):
                raw += chunk
        head, _, body = raw.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        headers: dict[str, str] = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            headers[name] = f"{headers[name]}, {value.strip()}" if name in headers else value.strip()
        if headers.get("transfer-encoding") == "chunked":
            body = _unchunk(body)
        encoding = headers.get("content-encoding")
        if encoding == "br":
            body = brotli.decompress(body)
        elif encoding == "gzip":
            body = gzip.decompress(body)
        else:
            assert encoding is None, encoding
        if match := re.search(r"session=([^;]+)", headers.get("set-cookie", "")):
            self.cookie = match.group(1)
        return Reply(int(status_line.split()[1]), headers, body, len(raw))


def _unchunk(data: bytes) -> bytes:
    out = b""
    while data:
        size_line, _, data = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out, data = out + data[:size], data[size + 2:]
    return out


def _max_age(reply: Reply) -> int:
    control = reply.headers.get("cache-control", "")
    if "no-store" in control or "no-cache" in control:
        return 0
    match = re.search(r"max-age=(\d+)", control)
    return int(match.group(1)) if match else 0


def _linked(html: bytes) -> list[str]:
    """What a browser fetches for a page: stylesheets, scripts, icons and images."""
    text = html.decode()
    urls = re.findall(r'<link[^>]+rel="(?:stylesheet|icon)"[^>]*href="([^"]+)"', text)
    urls += re.findall(r'<link[^>]+href="([^"]+)"[^>]*rel="(?:stylesheet|icon)"', text)
    urls += re.findall(r'<(?:script|img)[^>]+src="([^"]+)"', text)
    return list(dict.fromkeys(urls))


def _loaded_by_css(css: bytes, base: str) -> list[str]:
    found = re.findall(r'url\(\s*["\']?([^"\')]+)', css.decode())
    return [urljoin(base, url) for url in found if not url.startswith("data:")]


def visit(phone: Phone, path: str) -> Visit:
    result = Visit()
    page = phone.get(path)
    assert page.status == 200, (path, page.status)
    result.first += page.wire
    cached: list[tuple[str, Reply]] = []
    queue = _linked(page.body)
    while queue:
        url = queue.pop(0)
        assert url.startswith("/"), f"{path} loads {url} from elsewhere"
        asset = phone.get(url)
        assert asset.status == 200, (url, asset.status)
        result.first += asset.wire
        result.fetched.append(url)
        cached.append((url, asset))
        if "css" in asset.headers.get("content-type", ""):
            queue += [u for u in _loaded_by_css(asset.body, url) if u not in result.fetched]

    again = phone.get(path)
    assert again.status == 200
    result.repeat += again.wire
    for url, asset in cached:
        if _max_age(asset) >= A_DAY:
            continue  # still fresh in the browser's cache: not asked for at all
        validators = {}
        if "etag" in asset.headers:
            validators["If-None-Match"] = asset.headers["etag"]
        if "last-modified" in asset.headers:
            validators["If-Modified-Since"] = asset.headers["last-modified"]
        result.repeat += phone.get(url, validators).wire
    return result


@pytest.fixture(scope="module")
def server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()


def _session_cookie(sign_in, user) -> str:
    return sign_in(user).get_cookie("session").value


def _assert_within_budget(path: str, weight: Visit) -> None:
    assert weight.first <= FIRST_LOAD_BUDGET, f"{path}: first load {weight.first} bytes on the wire ({weight.fetched})"
    assert weight.repeat <= REPEAT_VISIT_BUDGET, f"{path}: repeat visit {weight.repeat} bytes on the wire"


def test_sign_in_page_is_within_budget_as_served(server):
    weight = visit(Phone(server), "/sign-in")
    _assert_within_budget("/sign-in", weight)
    assert any(url.endswith(".css") for url in weight.fetched) and any(url.endswith(".js") for url in weight.fetched)


def test_young_persons_home_is_within_budget_as_served(server, world, sign_in):
    phone = Phone(server, _session_cookie(sign_in, world.a.young_person))
    home = phone.get("/my/")
    assert home.status == 200 and world.a.young_person.display_name.encode() in home.body
    _assert_within_budget("/my/", visit(phone, "/my/"))


def test_every_young_person_page_is_within_budget_as_served(app, server, world, sign_in):
    """Every GET page young people use, from the URL map: new features are weighed too."""
    from flask import url_for

    from .access_params import PARAMS

    phone = Phone(server, _session_cookie(sign_in, world.a.young_person))
    checked = 0
    for rule in app.url_map.iter_rules():
        roles = getattr(app.view_functions[rule.endpoint], "allowed_roles", frozenset())
        if "GET" not in rule.methods or "young_person" not in roles or rule.arguments - set(PARAMS):
            continue
        with app.test_request_context():
            path = url_for(rule.endpoint, **{arg: PARAMS[arg](world.a) for arg in rule.arguments})
        probe = phone.get(path)
        if probe.status != 200 or "text/html" not in probe.headers.get("content-type", ""):
            continue
        _assert_within_budget(path, visit(phone, path))
        checked += 1
    assert checked >= 3


@pytest.mark.parametrize("path", ["/join", "/reset"])
def test_public_pages_are_within_budget_as_served(server, path):
    _assert_within_budget(path, visit(Phone(server), path))


def test_pages_and_assets_are_sent_compressed(server):
    phone = Phone(server)
    page = phone.get("/sign-in")
    assert page.headers["content-encoding"] in ("br", "gzip")
    assert "accept-encoding" in page.headers["vary"].lower()
    for url in _linked(page.body):
        if url.endswith((".css", ".js")):
            asset = phone.get(url)
            assert asset.headers["content-encoding"] == "br", url
            assert "immutable" in asset.headers["cache-control"] and "max-age=31536000" in asset.headers["cache-control"]


def test_assets_have_content_hashes_in_their_names(client):
    html = client.get("/sign-in").get_data(as_text=True)
    assets = re.findall(r'(?:href|src)="/static/dist/([^"]+)"', html)
    assert assets and all(re.fullmatch(r"[a-z-]+\.[0-9a-f]{8,}\.(css|js)", name) for name in assets)
