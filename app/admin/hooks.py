"""Where the council admin's pages appear elsewhere: the staff navigation."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .. import hooks
from ..access import ADMIN

hooks.nav(_l("People"), "admin.people", {ADMIN}, order=80)
hooks.nav(_l("Translations"), "admin.translations", {ADMIN}, order=85)
hooks.nav(_l("Council settings"), "admin.settings", {ADMIN}, order=90)
hooks.nav(_l("Audit log"), "admin.audit_log", {ADMIN}, order=95)
