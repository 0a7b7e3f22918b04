"""The council admin's view of the audit log: who read or changed which record, and when."""
from __future__ import annotations

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField

from .. import audit
from ..access import ADMIN, ROLE_LABELS, allow
from ..input_bounds import parse_id
from ..tenancy import current_authority
from . import bp

# Plain words for the actions people look for most; any other shows as it is recorded.
ACTION_LABELS = {
    "views.read": _l("Read views before a review"),
    "views.printed": _l("Printed views before a review"),
    "views.pdf_downloaded": _l("Saved views as a PDF"),
    "views.sent": _l("Sent views before a review"),
    "views.acknowledged": _l("Acknowledged views"),
    "views.outcome_recorded": _l("Recorded an outcome"),
    "review.viewed": _l("Opened a review"),
    "review.created": _l("Added a review"),
    "review.date_changed": _l("Changed a review's date"),
    "review.participation_recorded": _l("Recorded how the young person took part"),
    "young_person.viewed": _l("Opened a young person's details"),
    "young_person.created": _l("Added a young person"),
    "young_person.updated": _l("Changed a young person's details"),
    "safeguarding.alert_viewed": _l("Opened a safeguarding alert"),
    "safeguarding.acknowledged": _l("Acknowledged a safeguarding alert"),
    "safeguarding.closed": _l("Closed a safeguarding alert"),
    "moderation.item_viewed": _l("Opened a text for moderation"),
    "moderation.approved": _l("Approved a text"),
    "moderation.rejected": _l("Did not publish a text"),
    "account.signed_in": _l("Signed in"),
    "board.pack_viewed": _l("Opened the board pack"),
    "board.pack_downloaded": _l("Downloaded the board pack"),
    "dfe.return_downloaded": _l("Downloaded the DfE return"),
}
RECORD_LABELS = {
    "ViewsSubmission": _l("Views before a review"),
    "Review": _l("Review"),
    "User": _l("Person"),
    "SafeguardingAlert": _l("Safeguarding alert"),
    "ModerationItem": _l("Text for moderation"),
    "Wish": _l("Wish"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False  # chooses what to show

    person = SelectField(_l("Who did it"))
    young_person = SelectField(_l("Whose record"))
    action = SelectField(_l("What they did"))


def _as_id(value) -> int | None:
    return parse_id(value)


@bp.route("/audit")
@allow(ADMIN)
def audit_log():
    authority = current_authority()
    form = AuditFilterForm(request.args)
    everyone = [("", _l("Anyone"))]
    form.person.choices = everyone + [(str(u.id), f"{u.display_name} ({ROLE_LABELS[u.role]})") for u in audit.actors(authority.id)]
    young = audit.young_people()
    form.young_person.choices = [("", _l("Any young person"))] + [(str(u.id), f"{u.display_name} ({u.reference})" if u.reference else u.display_name) for u in young]
    actions = audit.actions_used(authority.id)
    form.action.choices = [("", _l("Anything"))] + sorted(((a, action_label(a)) for a in actions), key=lambda pair: pair[1].lower())
    action = form.action.data if form.action.data in actions else None
    page = audit.events(
        authority.id, actor_id=_as_id(form.person.data), subject_id=_as_id(form.young_person.data), action=action, page=request.args.get("page")
    )
    people_ids = {e.actor_id for e in page} | {e.subject_id for e in page}
    people = audit.people(people_ids)
    return render_template(
        "admin/audit.html", form=form, page=page, people=people, action_label=action_label, record_labels=RECORD_LABELS, role_labels=ROLE_LABELS
    )
