"""The privacy notice, a young person's "My data", and the staff side of data rights and retention."""
from __future__ import annotations

import json

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import ADMIN, PUBLIC, YOUNG_PERSON, allow
from ..auth.models import User
from ..errors import applying
from ..extensions import db
from ..i18n.locales import current_language
from ..models_base import utcnow
from ..reviews.pdf import render_pdf
from ..tenancy import current_authority, current_authority_id, get_or_404
from . import erasure, inventory, notice, retention, service
from .forms import AnswerRequestForm, DataRequestForm, retention_form
from .models import DataRequest

bp = Blueprint("privacy", __name__)


# --- the privacy notice ------------------------------------------------------------------------

@bp.route("/privacy")
@allow(PUBLIC)
def notice_page():
    # The layer is a query (?layer=short), not part of the path: the notice is the same for every council.
    layer = request.args.get("layer")
    if layer is not None and layer not in notice.LAYERS:
        abort(404)
    chosen = layer or notice.layer_for(current_user if current_user.is_authenticated else None)
    authority = current_authority() if current_user.is_authenticated else None
    return render_template("privacy/notice.html", layer=chosen, layers=notice.LAYERS, **notice.context(authority))


# --- My data -----------------------------------------------------------------------------------

def _me() -> User:
    return current_user._get_current_object()


@bp.route("/my/data")
@allow(YOUNG_PERSON)
def my_data():
    me = _me()
    return render_template("privacy/my_data.html", sections=inventory.everything_about(me), requests=service.requests_of(me),
                           kept=erasure.KEPT, **notice.context(current_authority()))


@bp.route("/my/data.json")
@allow(YOUNG_PERSON)
def my_data_json():
    me = _me()
    body = json.dumps(inventory.as_json(inventory.everything_about(me)), ensure_ascii=False, indent=2)
    response = make_response(body)
    response.headers["Content-Type"] = "application/json; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="my-heard-data.json"'
    return response


@bp.route("/my/data.pdf")
@allow(YOUNG_PERSON)
def my_data_pdf():
    me = _me()
    html = render_template("privacy/data_pdf.html", person=me, sections=inventory.everything_about(me), now=utcnow())
    response = make_response(render_pdf(html))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = 'attachment; filename="my-heard-data.pdf"'
    return response


@bp.route("/my/data/ask", methods=["GET", "POST"])
@allow(YOUNG_PERSON)
def ask():
    form = DataRequestForm()
    if form.validate_on_submit():
        with applying(form) as outcome:
            service.ask(_me(), form.kind.data, form.details.data, close_account=form.close_account.data, language=current_language())
        if outcome.ok:
            flash(_l("Thank you. The council will answer within a month. You will see the answer on this page."), "success")
            return redirect(url_for("privacy.my_data"))
    return render_template("privacy/ask.html", form=form, kept=erasure.KEPT)


# --- staff: requests, subject access, retention --------------------------------------------------

@bp.route("/staff/data-requests")
@allow(ADMIN)
def requests():
    authority_id = current_authority_id()
    return render_template("privacy/staff_requests.html", waiting=service.waiting(authority_id), answered=service.answered(authority_id),
                           is_late=service.is_late)


@bp.route("/staff/data-requests/<int:request_id>", methods=["GET", "POST"])
@allow(ADMIN)
def request_page(request_id: int):
    request = get_or_404(DataRequest, request_id)
    person = db.session.get(User, request.young_person_id)
    form = AnswerRequestForm()
    if request.status == "waiting" and form.validate_on_submit():
        with applying(form) as outcome:
            service.complete(request, _me(), form.reply.data)
        if outcome.ok:
            flash(_l("Answered. The young person sees your answer on their \"My data\" page."), "success")
            return redirect(url_for("privacy.requests"))
    return render_template("privacy/staff_request.html", request=request, person=person, form=form, kept=erasure.KEPT,
                           is_late=service.is_late(request), rules=retention.RULES)


@bp.route("/staff/young-people/<int:person_id>/data")
@allow(ADMIN)
def subject_access(person_id: int):
    person = get_or_404(User, person_id)
    if not person.is_young_person:
        abort(404)
    return render_template("privacy/staff_subject_access.html", person=person)


@bp.route("/staff/young-people/<int:person_id>/data.json", methods=["POST"])
@allow(ADMIN)
def subject_access_export(person_id: int):
    person = get_or_404(User, person_id)
    if not person.is_young_person:
        abort(404)
    with applying():
        export = service.subject_access_export(person, _me())
    response = make_response(json.dumps(export, ensure_ascii=False, indent=2))
    response.headers["Content-Type"] = "application/json; charset=utf-8"
    name = f"subject-access-{person.reference or person.id}.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.route("/staff/retention", methods=["GET", "POST"])
@allow(ADMIN)
def retention_settings():
    authority_id = current_authority_id()
    form = retention_form(retention.periods(authority_id))
    if form.validate_on_submit():
        with applying(form) as outcome:
            service.set_retention(authority_id, {rule.key: form[rule.key].data for rule in retention.SCHEDULE}, by=_me())
        if outcome.ok:
            flash(_l("Retention periods saved. The next nightly purge uses them."), "success")
            return redirect(url_for("privacy.retention_settings"))
    return render_template("privacy/staff_retention.html", form=form, schedule=retention.SCHEDULE, describe=retention.describe)
