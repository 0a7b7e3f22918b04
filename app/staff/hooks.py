"""Where the staff pages appear elsewhere: the staff navigation's first and last entries."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .. import hooks
from ..access import STAFF_ROLES

hooks.nav(_l("Home"), "staff.home", STAFF_ROLES, order=0)
hooks.nav(_l("Your account"), "staff.account", STAFF_ROLES, order=99)
