"""Every endpoint declares who may use it, and answers every role and another council correctly."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import url_for
from flask_login import login_user
from werkzeug.exceptions import Forbidden

from app import access
from app.access import PUBLIC, ROLES, SIGNED_OUT_POSTS, role_may

from .access_params import PARAMS
from .helpers import text_of

ROLE_NAMES = [role for role in ROLES if role != "young_person"] + ["young_person"]


def _endpoints(app):
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            yield rule, method


def _url(app, rule, council):
    missing = [arg for arg in rule.arguments if arg not in PARAMS]
    assert not missing, f"{rule.endpoint}: add {missing} to tests/access_params.py"
    values = {arg: PARAMS[arg](council) for arg in rule.arguments}
    with app.test_request_context():
        return url_for(rule.endpoint, **values)


def _call(client, method, url):
    return client.open(url, method=method, data={}, follow_redirects=False)


def _user(council, role):
    return getattr(council, role)


def test_every_endpoint_declares_who_may_use_it(app):
    undeclared = [
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if getattr(app.view_functions[rule.endpoint], "allowed_roles", None) is None
    ]
    assert undeclared == []


def test_an_undeclared_endpoint_is_refused(app, client, caplog):
    probe = app.view_functions.get("auth.index")
    saved = probe.allowed_roles
    del probe.allowed_roles
    try:
        assert client.get("/").status_code == 403
    finally:
        probe.allowed_roles = saved
    assert "endpoint auth.index has no @allow declaration" in caplog.text
    assert client.get("/").status_code != 403


def test_anonymous_visitors_reach_only_public_endpoints(app, world, client):
    for rule, method in _endpoints(app):
        allowed = app.view_functions[rule.endpoint].allowed_roles
        response = _call(app.test_client(), method, _url(app, rule, world.a))
        assert response.status_code < 500, (rule.endpoint, method)
        if PUBLIC not in allowed and method == "POST" and rule.endpoint in SIGNED_OUT_POSTS:
            # The sign-in page itself, carrying what was typed (app/auth/carry.py).
            assert response.status_code == 200 and 'action="/sign-in"' in response.get_data(as_text=True), (rule.endpoint, method)
        elif PUBLIC not in allowed:
            assert response.status_code == 302 and "/sign-in" in response.location, (rule.endpoint, method)


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_each_role_gets_exactly_what_its_declarations_allow(app, world, sign_in, role):
    user = _user(world.a, role)
    for rule, method in _endpoints(app):
        allowed = app.view_functions[rule.endpoint].allowed_roles
        response = _call(sign_in(user), method, _url(app, rule, world.a))
        assert response.status_code < 500, (rule.endpoint, method, role)
        if role_may(role, allowed):
            assert response.status_code != 403, (rule.endpoint, method, role)
        else:
            assert response.status_code == 403, (rule.endpoint, method, role)


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_another_council_sees_nothing_of_council_a(app, world, sign_in, role):
    outsider = _user(world.b, role)
    secrets = [world.a.young_person.display_name, world.a.other_young_person.display_name, world.a.authority.name]
    for person in (world.a.iro, world.a.worker):
        secrets.append(person.display_name)
    for rule, method in _endpoints(app):
        if rule.endpoint in {"static"}:
            continue
        response = _call(sign_in(outsider), method, _url(app, rule, world.a))
        assert response.status_code < 500, (rule.endpoint, method, role)
        if rule.arguments:
            assert response.status_code in (302, 403, 404), (rule.endpoint, method, role, response.status_code)
        body = text_of(response)
        for secret in secrets:
            assert secret not in body, (rule.endpoint, method, role, secret)


def _enforce_lets_in(app, url, method, user) -> bool:
    # A fresh app context each time, as each real request has: a page answered (the sign-in page
    # that carries a post) makes its CSRF token once per context.
    with app.app_context(), app.test_request_context(url, method=method):
        if user is not None:
            login_user(user)
        try:
            return access.enforce() is None
        except Forbidden:
            return False


def _may(app, endpoint, user) -> bool:
    with app.test_request_context():
        if user is not None:
            login_user(user)
        return access.may(endpoint)


@pytest.mark.parametrize("role", [None, *ROLE_NAMES])
def test_may_agrees_with_enforce_for_every_endpoint(app, world, role):
    user = None if role is None else _user(world.a, role)
    answers = set()
    for rule, method in _endpoints(app):
        lets_in = _enforce_lets_in(app, _url(app, rule, world.a), method, user)
        assert _may(app, rule.endpoint, user) == lets_in, (rule.endpoint, method, role)
        answers.add(lets_in)
    assert answers == {True, False}  # every role (and a visitor) has some doors open and some shut


def test_may_refuses_an_endpoint_with_no_declaration(app, world):
    with app.test_request_context():
        login_user(world.a.council_admin)
        assert access.may("no.such_endpoint") is False


TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
ROLE_COMPARE = re.compile(r"\.role\s*(==|!=|in\b|not\s+in\b)")


def test_templates_ask_may_instead_of_naming_roles():
    """Who sees a link is what the endpoint's @allow says (may()); templates never compare roles."""
    found = [
        f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if ROLE_COMPARE.search(line)
    ]
    assert found == []
