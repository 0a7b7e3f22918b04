"""Where the reports appear elsewhere: the staff navigation, the demo council's rich quarter, and
the helper its templates use."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .. import hooks
from ..access import ADMIN, MANAGER, PARTICIPATION
from . import demo

hooks.nav(_l("Board pack"), "reports.board", {MANAGER, ADMIN, PARTICIPATION}, order=55)
hooks.nav(_l("DfE return"), "reports.dfe_return", {ADMIN}, order=85)

hooks.demo_loader(demo.load)

hooks.template_filter("quarter_label", lambda quarter: quarter.label())
