"""Where the reports appear elsewhere: the staff navigation, and the demo council's rich quarter."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..access import ADMIN, MANAGER, PARTICIPATION
from ..staff.nav import register_nav
from . import demo  # noqa: F401  (registers the demo council's rich quarter)

register_nav(_l("Board pack"), "reports.board", {MANAGER, ADMIN, PARTICIPATION}, order=55)
register_nav(_l("DfE return"), "reports.dfe_return", {ADMIN}, order=85)
