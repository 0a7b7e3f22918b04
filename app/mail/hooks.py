"""Where undelivered email appears elsewhere: a panel on the staff home of the people who must know."""
from __future__ import annotations

from .. import hooks
from ..access import ADMIN, SAFEGUARDING
from .routes import mine


@hooks.home_panel
def _undelivered_panel(viewer):
    if viewer.role in (SAFEGUARDING, ADMIN) and mine(viewer):
        return "mail/panel_undelivered.html"
    return None


hooks.template_global("undelivered_mail", lambda user: mine(user) if user.role in (SAFEGUARDING, ADMIN) else [])
