"""Where surveys appear elsewhere: the staff navigation, the young person's survey card, the demo
council's surveys and answers, and the helpers its templates use."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .. import hooks
from . import demo, results, service
from .models import MULTIPLE, SKIP, TEXT
from .routes import KIND_LABELS, RESULTS_ROLES

hooks.nav(_l("Surveys"), "survey_staff.waves", RESULTS_ROLES, order=40)


@hooks.home_card
def _survey_card(young_person):
    waves = service.open_waves_for(young_person)
    if not waves:
        return None
    return hooks.Card(title=_l("Tell us how life is going"), template="surveys/card.html", order=20, highlight=True, context={"waves": waves})


hooks.demo_loader(demo.load)

# Kinds the templates need to tell apart, and group labels for results.
hooks.template_global("survey_kinds", lambda: {"TEXT": TEXT, "MULTIPLE": MULTIPLE, "SKIP": SKIP})
hooks.template_global("band_label", results.band_label)
hooks.template_global("survey_kind_label", lambda kind: str(KIND_LABELS.get(kind, kind)))
hooks.template_global("status_label", lambda status: str(results.STATUS_LABELS.get(status, status)))
