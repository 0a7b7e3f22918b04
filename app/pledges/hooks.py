"""Where the pledge appears elsewhere: the staff navigation and home panel, the young person's
pledge card, the demo council's pledge and rounds, and the staff home's pledge summary."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import hooks
from ..access import ADMIN
from . import demo, service
from .forms import last_day
from .models import CARE_LEAVER
from .routes import SCORECARD_ROLES

hooks.nav(_l("Pledge scorecard"), "pledges.scorecard_page", SCORECARD_ROLES, order=60)
hooks.nav(_l("Pledge editor"), "pledges.admin_overview", (ADMIN,), order=61)


@hooks.home_panel
def _scorecard_panel(viewer):
    return "pledges/panel_home.html" if viewer.role in SCORECARD_ROLES else None


def pledge_panel():
    """What the staff home says about the pledge: the open round, and promises still unanswered."""
    authority_id = current_user.authority_id
    sealed = service.sealed_rounds(authority_id)
    latest = sealed[-1] if sealed else None
    unanswered = 0
    if latest is not None:
        lineages = service.rated_lineages(latest)
        answered = {
            lineage for lineage, answers in service.answers_by_lineage(authority_id, lineages).items() if any(a.round_id == latest.id for a in answers)
        }
        unanswered = len(set(lineages) - answered)
    rnd = service.open_round(authority_id)
    return {"open": rnd, "closes_on": last_day(rnd.closes_at) if rnd else None, "latest": latest, "unanswered": unanswered}


hooks.template_global("pledge_panel", pledge_panel)


@hooks.home_card
def _pledge_card(young_person):
    facts = service.card_facts(young_person)
    if facts is None:
        return None
    title = _l("Your charter") if facts.version.pledge.audience == CARE_LEAVER else _l("Your pledge")
    return hooks.Card(
        title=title,
        template="pledges/card.html",
        order=30,
        highlight=bool(facts.new_answers) or (facts.round is not None and facts.rated < facts.total),
        context={"version": facts.version, "round": facts.round, "rated": facts.rated, "total": facts.total, "new_answers": facts.new_answers},
    )


hooks.demo_loader(demo.load)
