"""Where moderation and safeguarding appear elsewhere: the staff navigation and home panels, the
young person's "Not shared" card, the demo council's cover and lists, and the helpers its
templates use."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import hooks
from ..access import PARTICIPATION, SAFEGUARDING, WORKER
from . import demo, service
from .routes import ALERT_ROLES, FIGURES_ROLES, moderation_label, source_label, told_about

hooks.nav(_l("Moderation"), "moderation.queue", {PARTICIPATION}, order=30, count=service.queue_count)
hooks.nav(_l("Safeguarding alerts"), "moderation.alerts", {SAFEGUARDING, WORKER}, order=20, count=service.open_alert_count)
hooks.nav(_l("Moderation figures"), "moderation.figures", set(FIGURES_ROLES), order=70)


@hooks.home_panel
def _alerts_panel(viewer):
    if viewer.role in ALERT_ROLES and service.open_alert_count(viewer):
        return "moderation/panel_alerts.html"
    return None


@hooks.home_panel
def _queue_panel(viewer):
    if viewer.role == PARTICIPATION and service.queue_count(viewer):
        return "moderation/panel_queue.html"
    return None


@hooks.home_card
def _not_published_card(young_person):
    notices = service.not_published_for(young_person)
    if not notices:
        return None
    return hooks.Card(title=_l("Not shared"), template="moderation/card_not_published.html", order=40, context={"notices": notices})


hooks.demo_loader(demo.load)

hooks.template_global("moderation_source_label", source_label)
hooks.template_global("moderation_label", moderation_label)
hooks.template_global("may_open_alert", lambda alert: service.may_see_alert(current_user, alert))
hooks.template_global("told_about", told_about)
hooks.template_global("open_alert_count", service.open_alert_count)
hooks.template_global("moderation_queue_count", service.queue_count)
