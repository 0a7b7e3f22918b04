"""Whole addresses for links that leave the browser: e-mails, printed cards, QR codes.

PUBLIC_URL, when set, is the address people use (behind a proxy a request may name another host).
Without it, a page uses the address its own request came to, so a card printed from a server on
another port links to that port; the command line and background jobs, having no request, use
the local development address.
"""
from __future__ import annotations

from flask import current_app, has_request_context, request

LOCAL_URL = "http://127.0.0.1:5000"  # where `make run` serves


def public_url(path: str = "/") -> str:
    """`path` (such as '/join?code=...') as a whole address people can open."""
    base = current_app.config.get("PUBLIC_URL") or ""
    if not base and has_request_context():
        base = request.host_url  # scheme and host as the proxy (PROXY_COUNT) passed them on
    return (base or LOCAL_URL).rstrip("/") + path
