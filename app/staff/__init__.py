from flask import Blueprint

bp = Blueprint("staff", __name__)

from . import routes  # noqa: E402,F401

from flask_babel import lazy_gettext as _l  # noqa: E402

from ..access import ADMIN, STAFF_ROLES  # noqa: E402
from .nav import register_nav  # noqa: E402

register_nav(_l("Home"), "staff.home", STAFF_ROLES, order=0)
register_nav(_l("People"), "admin.people", {ADMIN}, order=80)
register_nav(_l("Translations"), "admin.translations", {ADMIN}, order=85)
register_nav(_l("Council settings"), "admin.settings", {ADMIN}, order=90)
register_nav(_l("Audit log"), "admin.audit_log", {ADMIN}, order=95)
register_nav(_l("Your account"), "staff.account", STAFF_ROLES, order=99)
