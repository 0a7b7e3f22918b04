"""Roles, and the declaration every view carries of who may use it.

`@allow(...)` only records the declaration; `enforce()` runs before every request and refuses
any endpoint that has none, so a view cannot be forgotten open.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import abort, current_app, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

YOUNG_PERSON = "young_person"
IRO = "iro"
WORKER = "worker"
PARTICIPATION = "participation_officer"
SAFEGUARDING = "safeguarding_lead"
MANAGER = "manager"
ADMIN = "council_admin"
COMPLAINTS = "complaints_officer"

STAFF_ROLES = (IRO, WORKER, PARTICIPATION, SAFEGUARDING, MANAGER, ADMIN, COMPLAINTS)
ROLES = (YOUNG_PERSON, *STAFF_ROLES)

ROLE_LABELS = {
    YOUNG_PERSON: _l("Young person"),
    IRO: _l("Independent Reviewing Officer"),
    WORKER: _l("Social worker or personal adviser"),
    PARTICIPATION: _l("Participation officer"),
    SAFEGUARDING: _l("Safeguarding lead"),
    MANAGER: _l("Manager"),
    ADMIN: _l("Council admin"),
    COMPLAINTS: _l("Complaints officer"),
}

# Pseudo-roles a declaration may name besides the real ones.
PUBLIC = "public"  # anyone, signed in or not
STAFF = "staff"  # any staff role
SIGNED_IN = "signed_in"  # any role

_NAMES = set(ROLES) | {PUBLIC, STAFF, SIGNED_IN}

# Endpoints whose posts, reaching someone signed out, get their own answer instead of a redirect
# to sign in (app/auth/carry.py: the sign-in page, carrying what they typed).
SIGNED_OUT_POSTS: dict[str, Callable] = {}


def allow(*who: str) -> Callable:
    unknown = set(who) - _NAMES
    if not who or unknown:
        raise ValueError(f"allow() needs known roles, got {who!r}")

    def decorate(view: Callable) -> Callable:
        view.allowed_roles = frozenset(who)
        return view

    return decorate


def declared_roles(endpoint: str) -> frozenset[str] | None:
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "allowed_roles", None)


def role_may(role: str | None, allowed: frozenset[str]) -> bool:
    if PUBLIC in allowed:
        return True
    if role is None:
        return False
    return SIGNED_IN in allowed or role in allowed or (STAFF in allowed and role in STAFF_ROLES)


def may(endpoint: str) -> bool:
    """Whether the signed-in user (or a visitor) may open the endpoint: what enforce() decides from
    its `@allow` declaration. Templates ask this instead of naming roles."""
    allowed = declared_roles(endpoint)
    if allowed is None:
        return False
    return role_may(current_user.role if current_user.is_authenticated else None, allowed)


def enforce():
    """before_request hook: fail closed on undeclared endpoints, then check the role."""
    if request.endpoint is None:
        return None  # Flask answers 404/405 itself
    allowed = declared_roles(request.endpoint)
    if allowed is None:
        current_app.logger.error("endpoint %s has no @allow declaration", request.endpoint)
        abort(403)
    if PUBLIC in allowed:
        return None
    if not current_user.is_authenticated:
        answer = SIGNED_OUT_POSTS.get(request.endpoint) if request.method == "POST" else None
        return answer() if answer is not None else current_app.login_manager.unauthorized()
    if not role_may(current_user.role, allowed):
        abort(403)
    return None


def is_staff(user) -> bool:
    return getattr(user, "role", None) in STAFF_ROLES
