"""Request plumbing shared by every page: access, tenancy, idle sessions, headers, errors, assets."""
from __future__ import annotations

import json
import math
import time
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from flask import Flask, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, logout_user, user_logged_in, user_logged_out
from flask_wtf.csrf import CSRFError
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from . import access, input_bounds
from .auth import sessions as login_sessions
from .auth.models import CARE_LEAVER, IN_CARE
from .errors import applying
from .extensions import db, limiter, login
from .i18n.content import localise
from .i18n.formatting import local_date, local_datetime
from .i18n.locales import LANGUAGES, current_language, direction, html_lang, language_name
from .models_base import utcnow
from .pagination import page_url
from .staff.nav import staff_nav
from .staff.panels import staff_panels, young_person_panels
from . import tenancy
from .tenancy import current_authority, set_current_authority

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Heard's own pages may see where a form came from (over HTTPS, the CSRF check demands it);
    # no other site ever does, so a quick exit does not tell the next site where the child was.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def init_app(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(app.template_folder),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    login.login_view = "auth.sign_in"
    login.login_message = _l("Sign in to see that page.")
    login.login_message_category = "info"
    login.user_loader(_load_user)

    # The static endpoint is public too, and says so like every other view.
    app.view_functions["static"] = access.allow(access.PUBLIC)(_wrap(app.view_functions["static"]))

    input_bounds.init_app(app)
    app.before_request(_bind_authority)
    app.teardown_request(_unbind_authority)
    user_logged_in.connect(_bind_on_sign_in, app)
    user_logged_out.connect(_unbind_on_sign_out, app)
    app.before_request(_expire_idle_session)
    app.before_request(access.enforce)
    app.after_request(_headers)
    app.context_processor(_template_globals)
    app.jinja_env.globals["asset_url"] = asset_url
    app.jinja_env.globals["page_url"] = page_url
    app.jinja_env.globals["may"] = access.may
    app.jinja_env.globals["staff_nav"] = staff_nav
    app.jinja_env.globals["staff_panels"] = staff_panels
    app.jinja_env.globals["young_person_panels"] = young_person_panels
    app.jinja_env.globals["care_status_label"] = care_status_label
    app.jinja_env.globals["localise"] = localise
    app.jinja_env.filters["local_date"] = local_date
    app.jinja_env.filters["local_datetime"] = local_datetime

    for code in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, _error_page)
    app.register_error_handler(CSRFError, _csrf_error)


def _wrap(view):
    def static(**kwargs):
        return view(**kwargs)

    return static


def _load_user(token: str):
    # The cookie's token names a session row; one query loads the person with it (app/auth/sessions.py).
    return login_sessions.load(token)


def _bind_authority():
    # Every request starts bound to the signed-in user's council, or to none; never to whatever
    # this thread's last request left behind.
    g.council_token = tenancy.bind(current_user.authority_id if current_user.is_authenticated else None)


def _unbind_authority(_error=None):
    token = g.pop("council_token", None)
    if token is not None:
        tenancy.unbind(token)


def _bind_on_sign_in(_app, user, **_extra):
    set_current_authority(user.authority_id)


def _unbind_on_sign_out(_app, user=None, **_extra):
    set_current_authority(None)


def _expire_idle_session():
    if request.endpoint == "static" or not current_user.is_authenticated:
        return None
    minutes = current_app.config["STAFF_IDLE_MINUTES" if current_user.is_staff else "YOUTH_IDLE_MINUTES"]
    now = utcnow().timestamp()
    last = session.get("seen")
    if last is not None and now - last > timedelta(minutes=minutes).total_seconds():
        with applying():
            login_sessions.end_current(login_sessions.IDLE)
        logout_user()
        session.pop("seen", None)
        set_current_authority(None)
        if request.method == "POST" and request.endpoint in access.SIGNED_OUT_POSTS:
            return None  # access.enforce answers it as signed out, keeping what was typed
        flash(_l("You were signed out because you had not used Heard for a while. Sign in again to carry on."), "info")
        return redirect(url_for("auth.sign_in", next=request.full_path if request.method == "GET" else None))
    session["seen"] = now
    return None


def _headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config.get("HSTS"):
        response.headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
    # Static files are served and cached by WhiteNoise before Flask sees them (app/serving.py).
    if request.endpoint != "static":
        # Pages can hold what a child wrote: never keep them in shared or back-button caches.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


@lru_cache(maxsize=1)
def _manifest() -> dict[str, str]:
    path = Path(current_app.static_folder) / "dist" / "manifest.json"
    return json.loads(path.read_text()) if path.exists() else {}


def asset_url(name: str) -> str:
    return url_for("static", filename=f"dist/{_manifest().get(name, name)}")


def _template_globals():
    locale = current_language()
    return {
        "current_locale": locale,
        "html_lang": html_lang(locale),
        "text_direction": direction(locale),
        "languages": LANGUAGES,
        "language_name": language_name,
        "authority": current_authority() if current_user.is_authenticated else None,
        "quick_exit_url": current_app.config["QUICK_EXIT_URL"],
    }


ERROR_TITLES = {
    400: _l("Something was wrong with that request"),
    403: _l("You cannot see this page"),
    404: _l("Page not found"),
    405: _l("That did not work"),
    413: _l("That was too big to send"),
    429: _l("Too many tries"),
    500: _l("Sorry, something went wrong on our side"),
}
ERROR_BODIES = {
    400: _l("Go back and try again."),
    403: _l("Your account does not give you access to this page. If you think it should, ask your council's Heard admin."),
    404: _l("Check the address, or go back to your home page."),
    405: _l("Go back and try again."),
    413: _l("Try sending something shorter."),
    500: _l("Nothing you typed has been lost where it was already saved. Try again in a minute."),
}


# Forms that re-render themselves, with what was typed, when their rate limit is hit.
RATE_LIMITED_FORMS: dict[str, object] = {}


def wait_message(seconds: float) -> str:
    """How long to wait before trying again, rounded up, so "a minute" is never said of an hour."""
    minutes = max(1, math.ceil(seconds / 60))
    if minutes <= 90:
        return ngettext(
            "You tried too many times. Wait %(num)d minute, then try again.",
            "You tried too many times. Wait %(num)d minutes, then try again.",
            minutes,
        )
    hours = math.ceil(minutes / 60)
    return ngettext(
        "You tried too many times. Wait %(num)d hour, then try again.",
        "You tried too many times. Wait %(num)d hours, then try again.",
        hours,
    )


def _wait_for_limit() -> str:
    breached = limiter.current_limit
    # The window's own reset time: Flask-Limiter's reset_at adds a second, which turned an hour into 61 minutes.
    return wait_message(breached.window[0] - time.time() if breached else 60)


def _error_page(error):
    code = getattr(error, "code", 500) or 500
    if code == 500:
        db.session.rollback()
    body = _wait_for_limit() if code == 429 else ERROR_BODIES.get(code)
    if code == 429 and request.endpoint in RATE_LIMITED_FORMS:
        return RATE_LIMITED_FORMS[request.endpoint](body), 429
    return (
        render_template("errors/error.html", code=code, title=ERROR_TITLES.get(code), body=body),
        code,
    )


def _csrf_error(error):
    return (
        render_template(
            "errors/error.html",
            code=400,
            title=_l("This form timed out"),
            body=_l("For your safety, forms stop working after you sign out or leave them for a long time. Go back, reload the page and send it again."),
        ),
        400,
    )


CARE_STATUS_LABELS = {IN_CARE: _l("In care"), CARE_LEAVER: _l("Care leaver")}


def care_status_label(status: str | None) -> str:
    return str(CARE_STATUS_LABELS.get(status, "–"))
