"""The young person's side of Heard between reviews: tell someone, call me back, a complaint,
compliment or comment, and an advocate. Thin routes: the rules live in the service modules."""
from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import YOUNG_PERSON, allow
from ..errors import applying
from ..input_bounds import parse_id
from ..tenancy import get_or_404
from . import advocacy, bp, callbacks, complaints, drafts, statements
from . import steps as S
from .forms import STEP_FORMS, AdvocacyForm, CallBackForm, EmptyForm, SendForm
from .models import REPRESENTATION_KINDS, STATEMENT_KINDS, CallBack, Representation, Statement
from .settings import settings_for


def _me():
    return current_user._get_current_object()


@dataclass(frozen=True)
class Flow:
    """One kind of draft and its pages: statements to a worker, or complaints to the council."""

    model: type
    kinds: tuple
    prefix: str  # endpoint prefix
    id_arg: str

    def url(self, what: str, draft, **values) -> str:
        return url_for(f"voice.{self.prefix}_{what}", **{self.id_arg: draft.id}, **values)

    def step_url(self, draft, key: str, **values) -> str:
        return self.url("step", draft, step=key, **values)


STATEMENTS = Flow(Statement, STATEMENT_KINDS, "statement", "statement_id")


def own(flow: Flow, draft_id: int):
    draft = get_or_404(flow.model, draft_id)
    if draft.young_person_id != current_user.id:
        abort(404)
    return draft


def step_form(draft, step: S.Step, formdata=None):
    form_class = STEP_FORMS.get(step.kind)
    if form_class is None:
        return None
    data = drafts.step_data(draft, step)
    form = form_class(formdata=formdata, data=data) if formdata is not None else form_class(formdata=None, data=data)
    if step.kind == S.READERS:
        form.readers.choices = [(role, person.display_name) for role, person in statements.reader_people(draft.young_person)]
    if step.kind == S.TEAM:
        from .settings import teams

        form.team.choices = [(str(team.id), team.name) for team in teams(draft.authority_id)] + [("", _l("Something else, or I'm not sure"))]
    return form


def render_step(flow: Flow, draft, step: S.Step, form, status: int = 200):
    steps = drafts.steps(draft)
    index = [s.key for s in steps].index(step.key)
    previous, following = S.neighbours(draft.kind, draft.version, step.key)
    context = dict(
        flow=flow,
        draft=draft,
        step=step,
        form=form,
        number=index + 1,
        total=len(steps),
        previous=previous,
        following=following,
        version=draft.version,
        updated=int(draft.updated_at.timestamp()) if draft.updated_at else 0,
    )
    if step.kind in (S.READERS, S.CHECK) and flow is STATEMENTS:
        context["people"] = statements.reader_people(draft.young_person)
    if step.kind == S.CHECK:
        context["steps"] = steps
        context["send_form"] = SendForm(language=draft.language, key=drafts.new_key())
        context["missing"] = drafts.missing_required(draft)
    return render_template("voice/step.html", **context), status


def begin(flow: Flow, kind: str):
    if kind not in flow.kinds:
        abort(404)
    with applying():
        draft = drafts.start(flow.model, _me(), kind)
    key = draft.last_step if draft.last_step and S.find_step(kind, draft.version, draft.last_step) else drafts.steps(draft)[0].key
    return redirect(flow.step_url(draft, key))


def step_view(flow: Flow, draft_id: int, step_key: str):
    draft = own(flow, draft_id)
    if draft.is_sent:
        return redirect(flow.url("status", draft))
    current = S.find_step(draft.kind, draft.version, step_key)
    if current is None:
        abort(404)
    if request.method == "GET":
        return render_step(flow, draft, current, step_form(draft, current))
    if current.kind == S.CHECK:
        return redirect(flow.step_url(draft, current.key))
    form = step_form(draft, current, formdata=request.form)
    if not form.validate():
        return render_step(flow, draft, current, form, status=400)
    with applying(form) as outcome:
        drafts.save_step(draft, current, form.data)
    if not outcome.ok:
        return render_step(flow, draft, current, form, status=400)
    action = request.form.get("action")
    previous, following = S.neighbours(draft.kind, draft.version, current.key)
    if action == "later":
        flash(_l("Saved. Carry on any time, on this phone or another one."), "success")
        return redirect(url_for(f"voice.{flow.prefix}_start"))
    if action == "back" and previous is not None:
        return redirect(flow.step_url(draft, previous.key))
    return redirect(flow.step_url(draft, (following or current).key))


def version_view(flow: Flow, draft_id: int):
    draft = own(flow, draft_id)
    with applying():
        drafts.choose_version(draft, request.form.get("version", ""))
    return redirect(flow.step_url(draft, drafts.steps(draft)[0].key))


def discard_view(flow: Flow, draft_id: int):
    draft = own(flow, draft_id)
    with applying() as outcome:
        drafts.discard(draft, _me())
    if outcome.ok:
        flash(_l("Deleted. Nobody saw it."), "success")
    return redirect(url_for(f"voice.{flow.prefix}_start"))


# =========================================================================== tell someone


@bp.route("/my/say/")
@allow(YOUNG_PERSON)
def statement_start():
    me = _me()
    return render_template(
        "voice/start.html",
        kinds=STATEMENT_KINDS,
        drafts=statements.drafts_of(me),
        sent=statements.sent_by(me),
    )


@bp.route("/my/say/new/<kind>")
@allow(YOUNG_PERSON)
def statement_begin(kind: str):
    return begin(STATEMENTS, kind)


@bp.route("/my/say/<int:statement_id>/<step>/", methods=["GET", "POST"])
@allow(YOUNG_PERSON)
def statement_step(statement_id: int, step: str):
    return step_view(STATEMENTS, statement_id, step)


@bp.route("/my/say/<int:statement_id>/version", methods=["POST"])
@allow(YOUNG_PERSON)
def statement_version(statement_id: int):
    return version_view(STATEMENTS, statement_id)


@bp.route("/my/say/<int:statement_id>/delete", methods=["POST"])
@allow(YOUNG_PERSON)
def statement_discard(statement_id: int):
    return discard_view(STATEMENTS, statement_id)


@bp.route("/my/say/<int:statement_id>/send", methods=["POST"])
@allow(YOUNG_PERSON)
def statement_send(statement_id: int):
    statement = own(STATEMENTS, statement_id)
    form = SendForm()
    with applying() as outcome:
        newly = statements.send(statement, key=form.key.data or "", language=form.language.data or None)
    if not outcome.ok:
        if outcome.error.field == "readers":
            return redirect(STATEMENTS.step_url(statement, S.READERS_STEP.key))
        return redirect(STATEMENTS.step_url(statement, S.CHECK_STEP.key))
    if newly:
        flash(_l("Sent. The people you chose can read it now."), "success")
    return redirect(STATEMENTS.url("status", statement))


@bp.route("/my/say/<int:statement_id>/")
@allow(YOUNG_PERSON)
def statement_status(statement_id: int):
    statement = own(STATEMENTS, statement_id)
    if not statement.is_sent:
        return redirect(STATEMENTS.step_url(statement, statement.last_step or drafts.steps(statement)[0].key))
    with applying():
        statements.mark_replies_seen(statement, _me())
    return render_template(
        "voice/statement.html",
        statement=statement,
        receipts=statement.reader_rows,
        status=statements.status_of(statement),
        flow=STATEMENTS,
        steps=drafts.steps(statement),
    )


# =========================================================================== call me back


@bp.route("/my/call-me/", methods=["GET", "POST"])
@allow(YOUNG_PERSON)
def callback_new():
    me = _me()
    people = callbacks.who_can_call(me)
    form = CallBackForm()
    form.who.choices = [(role, person.display_name) for role, person in people]
    if request.method == "GET":
        form.key.data = drafts.new_key()
        if people:
            form.who.data = people[0][0]
    elif form.validate_on_submit():
        with applying(form) as outcome:
            callback, created = callbacks.request_call(
                me, role=form.who.data, key=form.key.data or "", about=form.about.data, good_times=form.good_times.data,
                phone=form.phone.data, language=str(get_locale() or "en"),
            )
        if outcome.ok:
            flash(callbacks.promise_words(callback) + ".", "success")
            return redirect(url_for("voice.callback_new"))
    else:
        form.key.data = form.key.data or drafts.new_key()
    return render_template(
        "voice/callback.html", form=form, people=people, recent=callbacks.recent_for(me),
        promise_hours=settings_for(me.authority_id).callback_hours,
    ), (400 if form.errors else 200)


@bp.route("/my/call-me/<int:callback_id>/cancel", methods=["POST"])
@allow(YOUNG_PERSON)
def callback_cancel(callback_id: int):
    callback = get_or_404(CallBack, callback_id)
    if callback.young_person_id != current_user.id:
        abort(404)
    with applying(EmptyForm()) as outcome:
        callbacks.cancel(callback, _me())
    if outcome.ok:
        flash(_l("Done. %(name)s will not call you about this.", name=callback.staff.display_name), "success")
    return redirect(url_for("voice.callback_new"))


# =========================================================================== complaints, compliments and comments


COMPLAINTS = Flow(Representation, REPRESENTATION_KINDS, "complaint", "representation_id")


@bp.route("/my/complaints/")
@allow(YOUNG_PERSON)
def complaint_start():
    me = _me()
    return render_template("voice/complaint_start.html", kinds=REPRESENTATION_KINDS, drafts=complaints.drafts_of(me), sent=complaints.sent_by(me))


@bp.route("/my/complaints/new/<kind>")
@allow(YOUNG_PERSON)
def complaint_begin(kind: str):
    return begin(COMPLAINTS, kind)


@bp.route("/my/complaints/<int:representation_id>/<step>/", methods=["GET", "POST"])
@allow(YOUNG_PERSON)
def complaint_step(representation_id: int, step: str):
    return step_view(COMPLAINTS, representation_id, step)


@bp.route("/my/complaints/<int:representation_id>/version", methods=["POST"])
@allow(YOUNG_PERSON)
def complaint_version(representation_id: int):
    return version_view(COMPLAINTS, representation_id)


@bp.route("/my/complaints/<int:representation_id>/delete", methods=["POST"])
@allow(YOUNG_PERSON)
def complaint_discard(representation_id: int):
    return discard_view(COMPLAINTS, representation_id)


@bp.route("/my/complaints/<int:representation_id>/send", methods=["POST"])
@allow(YOUNG_PERSON)
def complaint_send(representation_id: int):
    item = own(COMPLAINTS, representation_id)
    form = SendForm()
    with applying() as outcome:
        newly = complaints.send(item, key=form.key.data or "", language=form.language.data or None)
    if not outcome.ok:
        step = S.find_step(item.kind, item.version, outcome.error.field or "") or S.CHECK_STEP
        return redirect(COMPLAINTS.step_url(item, step.key))
    if newly and item.kind == "complaint" and item.wants_advocate == "yes":
        flash(_l("Your complaint is sent. Now tell us how an advocate can get in touch with you."), "success")
        return redirect(url_for("voice.advocacy_new", source="complaint", id=item.id))
    if newly:
        flash(_l("Sent. You can see here what happens next.") if item.kind == "complaint" else _l("Sent. Thank you for telling us."), "success")
    return redirect(COMPLAINTS.url("status", item))


@bp.route("/my/complaints/<int:representation_id>/")
@allow(YOUNG_PERSON)
def complaint_status(representation_id: int):
    item = own(COMPLAINTS, representation_id)
    if not item.is_sent:
        return redirect(COMPLAINTS.step_url(item, item.last_step or drafts.steps(item)[0].key))
    with applying():
        complaints.mark_seen(item, _me())
    related = [a for a in advocacy.mine(_me()) if a.source == "complaint" and a.source_id == item.id]
    return render_template(
        "voice/complaint.html", item=item, flow=COMPLAINTS, steps=drafts.steps(item),
        may_next=complaints.may_ask_next_stage(item), advocacy=related,
    )


@bp.route("/my/complaints/<int:representation_id>/next-stage", methods=["POST"])
@allow(YOUNG_PERSON)
def complaint_next_stage(representation_id: int):
    item = own(COMPLAINTS, representation_id)
    with applying(EmptyForm()) as outcome:
        complaints.ask_next_stage(item, _me())
    if outcome.ok:
        flash(_l("Done. The complaints officer will start the next stage and tell you when it is due."), "success")
    return redirect(COMPLAINTS.url("status", item))


@bp.route("/my/complaints/<int:representation_id>/happy", methods=["POST"])
@allow(YOUNG_PERSON)
def complaint_accept(representation_id: int):
    item = own(COMPLAINTS, representation_id)
    with applying(EmptyForm()) as outcome:
        complaints.accept(item, _me())
    if outcome.ok:
        flash(_l("Thank you. Your complaint is closed. You can always make another."), "success")
    return redirect(COMPLAINTS.url("status", item))


# =========================================================================== an advocate


@bp.route("/my/advocate/", methods=["GET", "POST"])
@allow(YOUNG_PERSON)
def advocacy_new():
    me = _me()
    source = request.values.get("source", "home")
    source = source if source in advocacy.SOURCES else "home"
    source_id = parse_id(request.values.get("id"))
    form = AdvocacyForm()
    if request.method == "GET":
        form.key.data = drafts.new_key()
    elif form.validate_on_submit():
        with applying(form) as outcome:
            item, created, _token = advocacy.request_advocate(
                me, key=form.key.data or "", consent=form.consent.data, contact_way=form.contact_way.data, contact=form.contact.data,
                about=form.about.data, source=source, source_id=source_id, language=str(get_locale() or "en"),
            )
        if outcome.ok:
            flash(_l("Sent. The advocacy service will get in touch with you. You can see here how far it has got."), "success")
            return redirect(url_for("voice.advocacy_new"))
    else:
        form.key.data = form.key.data or drafts.new_key()
    back = url_for("voice.complaint_status", representation_id=source_id) if source == "complaint" and source_id else url_for("voice.statement_start")
    settings = settings_for(me.authority_id)
    return render_template(
        "voice/advocacy.html", form=form, requests=advocacy.mine(me), source=source, source_id=source_id, back=back,
        service_name=settings.advocacy_name,
    ), (400 if form.errors else 200)
