"""The staff side of Heard between reviews: the worker's inbox and replies. Thin routes."""
from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import ADMIN, IRO, MANAGER, PUBLIC, STAFF, WORKER, allow
from ..access import COMPLAINTS as COMPLAINTS_OFFICER
from ..auth.models import age_on
from ..errors import applying
from ..extensions import db, limiter
from ..i18n.formatting import local_date
from ..models_base import utcnow
from ..opened_here import opened_here
from ..pagination import paginate_list
from ..reviews.pdf import render_pdf
from ..reviews.service import quarter_of
from ..staff.service import all_staff_choices
from ..tenancy import Authority, current_authority, get_or_404, set_current_authority
from ..working_days import local_day
from . import advocacy, bp, callbacks, complaints, drafts, figures, statements, waiting
from . import settings as voice_settings
from .forms import (
    CALL_OUTCOME_CHOICES,
    CONTACT_CHOICES,
    AdvocacyStatusForm,
    CallDoneForm,
    CloseForm,
    EmptyForm,
    ExtendForm,
    FeedbackReplyForm,
    InboxForm,
    PeriodForm,
    ReplyForm,
    SettingsForm,
    StageResponseForm,
    TeamSettingsForm,
)
from .models import ADVOCACY_STATUSES, REPRESENTATION_KINDS, STATEMENT_KINDS, Team
from .routes import COMPLAINTS, STATEMENTS
from .settings import save_settings, settings_for


def _me():
    return current_user._get_current_object()


@bp.route("/staff/voice/")
@allow(IRO, WORKER)
def inbox():
    form = InboxForm(request.args)
    show = form.show.data if form.show.data in ("open", "all") else "open"
    return render_template(
        "voice/staff/inbox.html", rows=statements.inbox(_me(), show=show, page=request.args.get("page")), form=form, show=show, callbacks=callbacks.for_staff(_me()),
    )


def _readable(statement_id: int, *, receipt: bool = True):
    statement = statements.open_for(_me(), statement_id, receipt=receipt)
    if statement is None:
        abort(404)
    return statement


def _statement_page(statement, reply_form=None, status=200):
    return render_template(
        "voice/staff/statement.html",
        statement=statement,
        flow=STATEMENTS,
        steps=drafts.steps(statement),
        reply_form=reply_form or ReplyForm(formdata=None, key=drafts.new_key()),
        button=EmptyForm(),
        status=statements.status_of(statement),
        unread=statements.receipt_of(_me(), statement).first_read_at is None,
    ), status


@bp.route("/staff/voice/statements/<int:statement_id>")
@allow(IRO, WORKER)
def staff_statement(statement_id: int):
    with applying():  # the read is on record before anything is shown
        statement = _readable(statement_id, receipt=opened_here())
    return _statement_page(statement)


@bp.route("/staff/voice/statements/<int:statement_id>/read", methods=["POST"])
@allow(IRO, WORKER)
def staff_mark_read(statement_id: int):
    """The reader says they have read a message they reached from a link outside Heard."""
    with applying():
        statement = _readable(statement_id)
    return redirect(url_for("voice.staff_statement", statement_id=statement.id))


@bp.route("/staff/voice/statements/<int:statement_id>/acknowledge", methods=["POST"])
@allow(IRO, WORKER)
def staff_acknowledge(statement_id: int):
    statement = _readable(statement_id)
    with applying(EmptyForm()) as outcome:
        statements.acknowledge(statement, _me())
    if outcome.ok:
        flash(_l("Acknowledged. %(name)s can see that you have read it.", name=statement.young_person.display_name), "success")
    return redirect(url_for("voice.staff_statement", statement_id=statement.id))


@bp.route("/staff/voice/statements/<int:statement_id>/reply", methods=["POST"])
@allow(IRO, WORKER)
def staff_reply(statement_id: int):
    with applying():  # the read is kept whatever happens to the reply
        statement = _readable(statement_id)
    form = ReplyForm()
    if form.validate():
        with applying(form) as outcome:
            statements.reply(statement, _me(), form.text.data, key=form.key.data or "")
        if outcome.ok:
            flash(_l("Reply sent. %(name)s will see it on their phone.", name=statement.young_person.display_name), "success")
            return redirect(url_for("voice.staff_statement", statement_id=statement.id, _anchor="replies"))
    return _statement_page(statement, reply_form=form, status=400)


@bp.route("/staff/voice/statements/<int:statement_id>/sorted", methods=["POST"])
@allow(IRO, WORKER)
def staff_sorted(statement_id: int):
    statement = _readable(statement_id)
    done = request.form.get("done", "yes") == "yes"
    with applying(EmptyForm()) as outcome:
        statements.mark_sorted(statement, _me(), done=done)
    if outcome.ok:
        flash(_l("Marked as sorted.") if done else _l("Marked as not sorted yet."), "success")
    return redirect(url_for("voice.staff_statement", statement_id=statement.id))


@bp.route("/staff/voice/statements/<int:statement_id>.pdf")
@allow(IRO, WORKER)
def staff_statement_pdf(statement_id: int):
    with applying():
        statement = _readable(statement_id, receipt=opened_here())
        statements.pdf_downloaded(statement, _me())
    pdf = render_pdf(render_template("voice/staff/pdf.html", statement=statement, flow=STATEMENTS, steps=drafts.steps(statement)))
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    person = statement.young_person
    name = f"message-{person.reference or person.id}-{statement.sent_at:%Y-%m-%d}.pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# =========================================================================== call-backs


@bp.route("/staff/voice/call-backs")
@allow(IRO, WORKER)
def staff_callbacks():
    return render_template("voice/staff/callbacks.html", callbacks=callbacks.for_staff(_me(), include_done=True))


@bp.route("/staff/voice/call-backs/<int:callback_id>", methods=["GET", "POST"])
@allow(IRO, WORKER)
def staff_callback(callback_id: int):
    with applying():  # the look is on record
        callback = callbacks.load_for(_me(), callback_id)
    if callback is None:
        abort(404)
    form = CallDoneForm()
    if form.validate_on_submit():
        with applying(form) as outcome:
            callbacks.record_call(callback, _me(), form.outcome.data, form.note.data)
        if outcome.ok:
            flash(_l("Saved. %(name)s can see it on their phone.", name=callback.young_person.display_name), "success")
            return redirect(url_for("voice.staff_callbacks"))
    return render_template("voice/staff/callback.html", callback=callback, form=form, call_outcomes=dict(CALL_OUTCOME_CHOICES)), (
        400 if form.errors else 200
    )


# =========================================================================== complaints


def _complaint(representation_id: int):
    complaint = complaints.load_complaint(_me(), representation_id)
    if complaint is None:
        abort(404)
    return complaint


def _complaint_page(complaint, respond_form=None, extend_form=None, close_form=None, status=200):
    stage = complaint.stage
    return render_template(
        "voice/staff/complaint.html",
        complaint=complaint,
        flow=COMPLAINTS,
        steps=drafts.steps(complaint),
        advocacy=[a for a in advocacy.for_officer(_me()) if a.source == "complaint" and a.source_id == complaint.id],
        respond_form=respond_form or StageResponseForm(formdata=None, data={"finding": stage.finding, "response": stage.response or ""}),
        extend_form=extend_form or ExtendForm(formdata=None),
        close_form=close_form or CloseForm(formdata=None),
    ), status


@bp.route("/staff/voice/complaints/")
@allow(COMPLAINTS_OFFICER)
def staff_complaints():
    state = "closed" if request.args.get("state") == "closed" else "open"
    return render_template(
        "voice/staff/complaints.html", complaints=paginate_list(complaints.complaints_for(_me(), state=state), request.args.get("page")), state=state,
    )


@bp.route("/staff/voice/complaints/<int:representation_id>")
@allow(COMPLAINTS_OFFICER)
def staff_complaint(representation_id: int):
    with applying():
        complaint = _complaint(representation_id)
    return _complaint_page(complaint)


@bp.route("/staff/voice/complaints/<int:representation_id>/respond", methods=["POST"])
@allow(COMPLAINTS_OFFICER)
def staff_complaint_respond(representation_id: int):
    complaint = _complaint(representation_id)
    form = StageResponseForm()
    if form.validate():
        with applying(form) as outcome:
            complaints.respond(complaint.stage, _me(), form.finding.data, form.response.data)
        if outcome.ok:
            flash(_l("Answer sent. %(name)s can read it on their phone.", name=complaint.young_person.display_name), "success")
            return redirect(url_for("voice.staff_complaint", representation_id=complaint.id))
    return _complaint_page(complaint, respond_form=form, status=400)


@bp.route("/staff/voice/complaints/<int:representation_id>/extend", methods=["POST"])
@allow(COMPLAINTS_OFFICER)
def staff_complaint_extend(representation_id: int):
    complaint = _complaint(representation_id)
    form = ExtendForm()
    if form.validate():
        with applying(form) as outcome:
            complaints.extend(complaint.stage, _me(), form.reason.data)
        if outcome.ok:
            flash(_l("Extended to %(day)s. The young person can see the new date and why.", day=local_date(complaint.stage.deadline)), "success")
            return redirect(url_for("voice.staff_complaint", representation_id=complaint.id))
    return _complaint_page(complaint, extend_form=form, status=400)


@bp.route("/staff/voice/complaints/<int:representation_id>/next-stage", methods=["POST"])
@allow(COMPLAINTS_OFFICER)
def staff_complaint_next(representation_id: int):
    complaint = _complaint(representation_id)
    with applying(EmptyForm()) as outcome:
        stage = complaints.start_next_stage(complaint, _me())
    if outcome.ok:
        flash(_l("Stage %(number)s started. It is due by %(day)s.", number=stage.number, day=local_date(stage.deadline)), "success")
    return redirect(url_for("voice.staff_complaint", representation_id=complaint.id))


@bp.route("/staff/voice/complaints/<int:representation_id>/close", methods=["POST"])
@allow(COMPLAINTS_OFFICER)
def staff_complaint_close(representation_id: int):
    complaint = _complaint(representation_id)
    form = CloseForm()
    if form.validate():
        with applying(form) as outcome:
            complaints.close(complaint, _me(), form.note.data)
        if outcome.ok:
            flash(_l("Closed."), "success")
            return redirect(url_for("voice.staff_complaints"))
    return _complaint_page(complaint, close_form=form, status=400)


# =========================================================================== compliments and comments


@bp.route("/staff/voice/feedback/")
@allow(STAFF)
def staff_feedback():
    return render_template("voice/staff/feedback_list.html", items=complaints.feedback_for(_me(), request.args.get("page")))


@bp.route("/staff/voice/feedback/<int:representation_id>", methods=["GET", "POST"])
@allow(STAFF)
def staff_feedback_item(representation_id: int):
    with applying():
        item = complaints.load_feedback(_me(), representation_id)
    if item is None:
        abort(404)
    form = FeedbackReplyForm()
    if form.validate_on_submit():
        with applying(form) as outcome:
            complaints.answer_feedback(item, _me(), form.text.data)
        if outcome.ok:
            flash(_l("Reply sent. %(name)s will see it on their phone.", name=item.young_person.display_name), "success")
            return redirect(url_for("voice.staff_feedback"))
    return render_template("voice/staff/feedback.html", item=item, form=form, flow=COMPLAINTS, steps=drafts.steps(item)), (400 if form.errors else 200)


# =========================================================================== advocacy


CONTACT_LABELS = dict(CONTACT_CHOICES)
SOURCE_LABELS = {
    "home": _l("Their home page in Heard"),
    "complaint": _l("A complaint"),
    "review": _l("Getting ready for a review"),
    "statement": _l("A message to their worker"),
}


@bp.route("/staff/voice/advocacy/")
@allow(COMPLAINTS_OFFICER)
def staff_advocacy():
    settings = settings_for(_me().authority_id)
    return render_template(
        "voice/staff/advocacy_list.html", items=paginate_list(advocacy.for_officer(_me()), request.args.get("page")), service_name=settings.advocacy_name, service_email=settings.advocacy_email,
    )


@bp.route("/staff/voice/advocacy/<int:advocacy_id>", methods=["GET", "POST"])
@allow(COMPLAINTS_OFFICER)
def staff_advocacy_request(advocacy_id: int):
    with applying():
        item = advocacy.load_for_officer(_me(), advocacy_id)
    if item is None:
        abort(404)
    form = AdvocacyStatusForm()
    if form.validate_on_submit():
        with applying(form) as outcome:
            advocacy.set_status(item, form.status.data, by=_me(), advocate_name=form.advocate_name.data)
        if outcome.ok:
            flash(_l("Saved. The young person can see where it is."), "success")
            return redirect(url_for("voice.staff_advocacy"))
    return render_template(
        "voice/staff/advocacy.html", item=item, form=form, contact_label=CONTACT_LABELS.get(item.contact_way, "–"),
    ), (400 if form.errors else 200)


@bp.route("/advocacy/<token>", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit("30 per minute")
def advocacy_service(token: str):
    """The advocacy service's page for one request, reached by the link in its email."""
    item = advocacy.by_token(token)
    if item is None:
        abort(404)
    set_current_authority(item.authority_id)  # a public page: the link says which council it is about
    form = AdvocacyStatusForm()
    if form.validate_on_submit():
        with applying(form) as outcome:
            advocacy.set_status(item, form.status.data, advocate_name=form.advocate_name.data)
        if outcome.ok:
            flash(_l("Saved. The young person can see where it is."), "success")
            return redirect(url_for("voice.advocacy_service", token=token))
    else:
        with applying():
            advocacy.opened_by_service(item)
    person = item.young_person
    age = age_on(person.date_of_birth, local_day(utcnow())) if person.date_of_birth else None
    return render_template(
        "voice/advocacy_service.html", item=item, form=form, council=db.session.get(Authority, item.authority_id), age=age,
        contact_label=CONTACT_LABELS.get(item.contact_way, "–"), source_label=SOURCE_LABELS.get(item.source, item.source),
    ), (400 if form.errors else 200)


# =========================================================================== managers


@bp.route("/staff/voice/waiting")
@allow(STAFF)
def staff_waiting():
    me = _me()
    return render_template("voice/staff/waiting.html", waiting=waiting.flagged_to(me), unread_days=settings_for(me.authority_id).unread_days)


@bp.route("/staff/voice/figures")
@allow(MANAGER, ADMIN, COMPLAINTS_OFFICER)
def staff_figures():
    form = PeriodForm(request.args)
    form.validate()
    default_start, default_end = quarter_of(local_day(utcnow()))
    start, end = form.start.data or default_start, form.end.data or default_end
    if end < start:
        start, end = end, start
    if (end - start).days > 400:
        start = end - timedelta(days=400)  # a year and a bit: months stay readable
    result = figures.figures(_me().authority_id, start, end)
    return render_template(
        "voice/staff/figures.html", f=result, form=form, statement_kinds=STATEMENT_KINDS, council_kinds=REPRESENTATION_KINDS,
        topics=figures.TOPIC_KEYS, faces=figures.FACE_KEYS,
        advocacy_statuses=ADVOCACY_STATUSES, period=f"{format_date(start, 'long')} – {format_date(end, 'long')}",
    )


# =========================================================================== settings


@bp.route("/staff/voice/settings", methods=["GET", "POST"])
@allow(ADMIN)
def staff_settings():
    authority = current_authority()
    current = settings_for(authority.id)
    form = SettingsForm(obj=current)
    if request.method == "GET":
        form.advocacy_phone.data = authority.advocacy_phone
    if form.validate_on_submit():
        with applying(form) as outcome:
            save_settings(
                authority, _me(), callback_hours=form.callback_hours.data, unread_days=form.unread_days.data,
                advocacy_name=form.advocacy_name.data, advocacy_email=form.advocacy_email.data,
                advocacy_phone=form.advocacy_phone.data, complaints_email=form.complaints_email.data,
            )
        if outcome.ok:
            flash(_l("Settings saved."), "success")
            return redirect(url_for("voice.staff_settings"))
    return render_template(
        "voice/staff/settings.html", form=form, teams=voice_settings.teams(authority.id, active_only=False),
        officers=voice_settings.complaints_officers(authority.id),
    ), (400 if form.errors else 200)


def _team_form(team):
    form = TeamSettingsForm(obj=team)
    form.members.choices = all_staff_choices(_me().authority_id)
    if team is not None and request.method == "GET":
        form.members.data = [str(m.user_id) for m in team.members]
    return form


@bp.route("/staff/voice/teams/new", methods=["GET", "POST"])
@allow(ADMIN)
def staff_team_new():
    return _team_view(None)


@bp.route("/staff/voice/teams/<int:team_id>", methods=["GET", "POST"])
@allow(ADMIN)
def staff_team(team_id: int):
    return _team_view(get_or_404(Team, team_id))


def _team_view(team):
    form = _team_form(team)
    if form.validate_on_submit():
        with applying(form) as outcome:
            voice_settings.save_team(team, _me().authority_id, _me(), name=form.name.data, email=form.email.data,
                                     active=form.active.data, member_ids=form.members.data)
        if outcome.ok:
            flash(_l("Team saved."), "success")
            return redirect(url_for("voice.staff_settings", _anchor="teams"))
    return render_template("voice/staff/team.html", form=form, team=team), (400 if form.errors else 200)
