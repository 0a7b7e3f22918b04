"""Undelivered email, shown to the people who must know: safeguarding leads (alert mail) and
council admins (all of their council's mail)."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import ADMIN, SAFEGUARDING, allow
from ..staff import service as staff_service
from . import undelivered

bp = Blueprint("mail", __name__)

KIND_LABELS = {
    "safeguarding.alert": _l("Safeguarding alert"),
    "safeguarding.escalation": _l("Safeguarding alert passed on (not acknowledged in time)"),
    "safeguarding.out_of_hours": _l("Safeguarding alert to the out-of-hours team"),
    "reviews.views_sent": _l("Views sent before a review"),
    "reviews.views_added": _l("Something added to views"),
    "council.meeting_reminder": _l("Meeting reminder"),
    "moderation.digest": _l("Items waiting for moderation"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def mine(user) -> list:
    return undelivered(user.authority_id, safeguarding_only=user.role != ADMIN)


@bp.route("/staff/undelivered-mail")
@allow(SAFEGUARDING, ADMIN)
def undelivered_page():
    rows = mine(current_user)
    # Staff addresses are shown so a wrong one can be put right; any other address (a young
    # person's, an outside team's) is not repeated here.
    staff = staff_service.staff_addresses()
    return render_template("mail/undelivered.html", rows=rows, staff_addresses=staff, kind_label=kind_label)
