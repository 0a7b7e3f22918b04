"""Where privacy appears elsewhere: the staff navigation, and the retention periods the privacy
notice and other pages quote."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .. import hooks
from ..access import ADMIN
from ..tenancy import current_authority_id
from . import retention, service

hooks.nav(_l("Data requests"), "privacy.requests", {ADMIN}, order=86, count=service.waiting_count)
hooks.nav(_l("Retention"), "privacy.retention_settings", {ADMIN}, order=87)


def retention_period(key: str) -> str:
    """A period of the bound council's retention schedule in words (the default with none bound)."""
    return retention.describe(retention.periods(current_authority_id())[key])


hooks.template_global("retention_period", retention_period)
