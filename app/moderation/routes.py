"""Moderation queue, safeguarding alerts, council lists and settings, figures, and "I need help now"."""
from __future__ import annotations

import difflib
from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import ADMIN, IRO, MANAGER, PARTICIPATION, PUBLIC, SAFEGUARDING, WORKER, YOUNG_PERSON, allow
from ..errors import applying
from ..extensions import db
from ..pagination import search_text
from ..i18n.locales import LANGUAGES, language_name
from ..mail import undelivered
from ..models_base import utcnow
from ..safe_redirect import safe_next
from ..tenancy import current_authority, set_current_authority
from . import bp, service
from .forms import APPROVE, APPROVE_REDACTED, ESCALATION_STEPS, REJECT, CloseForm, DecisionForm, FiguresForm, ListsForm, NoteForm, SettingsForm
from .models import APPROVED, PENDING, REJECTED, TERM_NAME, TERM_RISK, TERM_SCHOOL, SafeguardingAlert
from .screening import Finding, highlight_segments

ALERT_ROLES = (SAFEGUARDING, WORKER, IRO, MANAGER)  # object-level checks decide which alerts
LISTS_ROLES = (ADMIN, SAFEGUARDING)
FIGURES_ROLES = (MANAGER, ADMIN, SAFEGUARDING)

# What moderators and safeguarding leads see for where a text came from.
SOURCE_LABELS = {
    "pledge.comment": _l("Comment on a promise"),
    "survey.answer": _l("Survey answer"),
    "council.poll_comment": _l("Comment on a poll"),
    "council.poll_other": _l("Poll answer in their own words"),
    "council.idea": _l("Idea"),
    "council.consultation_answer": _l("Answer to a consultation"),
    "council.meeting_question": _l("Question for the councillors"),
    "council.good_news": _l("Good news"),
    "reviews.views": _l("Views before reviews"),
    "reviews.addition": _l("Added after sending views"),
    "youth.help": _l("I need help now"),
}


def source_label(source: str) -> str:
    return str(SOURCE_LABELS.get(source, source))


# ---------------------------------------------------------------------------------------------
# Queue
# ---------------------------------------------------------------------------------------------


@bp.route("/staff/moderation/")
@allow(PARTICIPATION)
def queue():
    status = request.args.get("status", PENDING)
    if status not in (PENDING, APPROVED, REJECTED):
        status = PENDING
    source = request.args.get("source") or None
    language = request.args.get("language") or None
    search = search_text(request.args.get("q"))
    items = service.queue(current_user.authority_id, source=source, language=language, status=status, search=search, page=request.args.get("page"))
    sources, languages = service.queue_filters(current_user.authority_id)
    return render_template(
        "moderation/queue.html",
        items=items,
        status=status,
        source=source,
        language=language,
        search=search,
        sources=sources,
        filter_languages=languages,
        language_name=language_name,
        now=utcnow(),
    )


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Word-level differences as (op, text) with op in equal | delete | insert."""
    a, b = before.split(" "), after.split(" ")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", " ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            out.append(("delete", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("insert", " ".join(b[j1:j2])))
    return out


@bp.route("/staff/moderation/<int:item_id>", methods=["GET", "POST"])
@allow(PARTICIPATION)
def item(item_id: int):
    item = service.item_for_moderator(item_id, current_user.authority_id)
    if item is None:
        abort(404)
    findings = service.findings_of(item)
    proposed = service.proposed_text(item)
    form = DecisionForm()
    if request.method == "GET":
        form.text.data = proposed
        with applying():
            service.item_viewed(item)
    elif form.validate_on_submit():
        with applying(form, field="action") as outcome:
            if form.action.data == APPROVE:
                service.approve(item, current_user, note=form.note.data)
                message = _l("Published.")
            elif form.action.data == APPROVE_REDACTED:
                service.approve(item, current_user, text=form.text.data, note=form.note.data)
                message = _l("Published with your changes.")
            elif form.action.data == REJECT:
                service.reject(item, current_user, form.reason.data, note=form.note.data)
                message = _l("Not published. The young person will be told why.")
            else:
                service.escalate(item, current_user, note=form.note.data)
                message = _l("Safeguarding alert raised. The safeguarding lead has been told.")
        if outcome.ok:
            flash(message, "success")
            return redirect(url_for("moderation.queue"))
    service.load_texts(item)  # the commit above expired them
    decided_diff = word_diff(item.original_text, item.approved_text) if item.status == APPROVED and item.redacted else None
    return render_template(
        "moderation/item.html",
        item=item,
        form=form,
        segments=highlight_segments(item.original_text, findings),
        findings=findings,
        proposed_diff=word_diff(item.original_text, proposed) if proposed != item.original_text else None,
        decided_diff=decided_diff,
        language_name=language_name,
        reason_labels=service.REASON_LABELS,
        decidable=item.status in (PENDING, "escalated"),
    )


# ---------------------------------------------------------------------------------------------
# Safeguarding alerts
# ---------------------------------------------------------------------------------------------


def _alert_or_404(alert_id: int) -> SafeguardingAlert:
    alert = service.alert_for(alert_id, current_user)
    if alert is None:
        abort(404)
    return alert


@bp.route("/staff/safeguarding/")
@allow(*ALERT_ROLES)
def alerts():
    show = "all" if request.args.get("show") == "all" else "open"
    search = search_text(request.args.get("q"))
    alerts = service.alerts_page(current_user, status=None if show == "all" else "not_closed", search=search, page=request.args.get("page"))
    return render_template("moderation/alerts.html", alerts=alerts, show=show, search=search, now=utcnow())


@bp.route("/staff/safeguarding/<int:alert_id>")
@allow(*ALERT_ROLES)
def alert(alert_id: int):
    with applying():
        alert = service.open_alert(alert_id, current_user)
    if alert is None:
        abort(404)
    return _render_alert(alert, NoteForm(prefix="note", formdata=None), CloseForm(prefix="close", formdata=None))


def _render_alert(alert, note_form, close_form, status=200):
    service.load_alert_text(alert)
    findings = [Finding.from_dict(f) for f in alert.findings or []]
    people = service.people_by_id(alert.notified_ids or [])
    return (
        render_template(
            "moderation/alert.html",
            alert=alert,
            note_form=note_form,
            close_form=close_form,
            notified=[people[i] for i in alert.notified_ids or [] if i in people],
            segments=highlight_segments(alert.text, findings) if alert.text else None,
            findings=findings,
            language_name=language_name,
            now=utcnow(),
            authority=current_authority(),
            wave=_survey_wave(alert),
            alert_mail_undelivered=[m for m in undelivered(alert.authority_id, safeguarding_only=True) if m.about_id == alert.id],
        ),
        status,
    )


def _survey_wave(alert):
    if alert.source != "survey.answer" or not alert.source_id:
        return None
    from ..surveys.models import SurveyWave

    return db.session.get(SurveyWave, alert.source_id)


@bp.route("/staff/safeguarding/<int:alert_id>/young-person")
@allow(*ALERT_ROLES)
def alert_person(alert_id: int):
    """What whoever holds an alert needs to act on it: who the young person is, where they live,
    how to reach them and who works with them. Only for people who may see the alert; logged."""
    alert = _alert_or_404(alert_id)
    with applying():
        person = service.open_alert_person(alert, current_user)
    if person is None:
        abort(404)
    return render_template("moderation/alert_person.html", alert=alert, person=person, authority=current_authority())


@bp.route("/staff/safeguarding/<int:alert_id>/acknowledge", methods=["POST"])
@allow(*ALERT_ROLES)
def acknowledge(alert_id: int):
    alert = _alert_or_404(alert_id)
    with applying(show=False) as outcome:
        service.acknowledge(alert, current_user)
    if outcome.error is not None:
        flash(outcome.error.message, "info")  # someone else has it already: news, not a mistake
    else:
        flash(_l("Acknowledged. Others can see that you have it."), "success")
    return redirect(url_for("moderation.alert", alert_id=alert.id))


@bp.route("/staff/safeguarding/<int:alert_id>/notes", methods=["POST"])
@allow(*ALERT_ROLES)
def add_note(alert_id: int):
    alert = _alert_or_404(alert_id)
    form = NoteForm(prefix="note")
    if form.validate_on_submit():
        with applying(form, field="text") as outcome:
            service.add_note(alert, current_user, form.text.data)
        if outcome.ok:
            flash(_l("Note added."), "success")
            return redirect(url_for("moderation.alert", alert_id=alert.id))
    return _render_alert(alert, form, CloseForm(prefix="close", formdata=None), 400)


@bp.route("/staff/safeguarding/<int:alert_id>/close", methods=["POST"])
@allow(*ALERT_ROLES)
def close_alert(alert_id: int):
    alert = _alert_or_404(alert_id)
    form = CloseForm(prefix="close")
    if form.validate_on_submit():
        with applying(form, field="text") as outcome:
            service.close(alert, current_user, form.text.data)
        if outcome.ok:
            flash(_l("Alert closed."), "success")
            return redirect(url_for("moderation.alerts"))
    return _render_alert(alert, NoteForm(prefix="note", formdata=None), form, 400)


# ---------------------------------------------------------------------------------------------
# Council lists and alert settings
# ---------------------------------------------------------------------------------------------


@bp.route("/staff/moderation/lists", methods=["GET", "POST"])
@allow(*LISTS_ROLES)
def lists():
    authority_id = current_user.authority_id
    form = ListsForm()
    if request.method == "GET":
        form.names.data = "\n".join(service.terms(authority_id, TERM_NAME))
        form.schools.data = "\n".join(service.terms(authority_id, TERM_SCHOOL))
        for code in LANGUAGES:
            getattr(form, f"risk_{code}").data = "\n".join(service.terms(authority_id, TERM_RISK, code))
    elif form.validate_on_submit():
        with applying():
            service.save_terms(authority_id, TERM_NAME, "", form.names.data, current_user)
            service.save_terms(authority_id, TERM_SCHOOL, "", form.schools.data, current_user)
            for code in LANGUAGES:
                service.save_terms(authority_id, TERM_RISK, code, getattr(form, f"risk_{code}").data, current_user)
        flash(_l("Screening lists saved. New text is checked against them from now on."), "success")
        return redirect(url_for("moderation.lists"))
    return render_template("moderation/lists.html", form=form, risk_fields=[getattr(form, f"risk_{code}") for code in LANGUAGES])


@bp.route("/staff/safeguarding/settings", methods=["GET", "POST"])
@allow(*LISTS_ROLES)
def settings():
    with applying():  # settings_for may create the council's defaults
        settings = service.settings_for(current_user.authority_id)
    authority = current_authority()
    candidates = service.escalation_candidates(current_user.authority_id)
    choices = [("", _l("Nobody"))] + [(str(p.id), f"{p.display_name} ({p.role_label})") for p in candidates]
    form = SettingsForm(obj=None)
    steps = [getattr(form, f"step_{n}") for n in range(1, ESCALATION_STEPS + 1)]
    for step in steps:
        step.choices = choices
    if request.method == "GET":
        form.ack_minutes.data = settings.ack_minutes
        form.work_start.data = settings.work_start
        form.work_end.data = settings.work_end
        form.work_days.data = [str(d) for d in settings.work_days or []]
        form.out_of_hours_phone.data = authority.out_of_hours_phone
        form.out_of_hours_email.data = authority.out_of_hours_email
        form.enabled.data = settings.enabled
        for step, person_id in zip(steps, settings.escalation_ids or []):
            step.data = str(person_id)
    elif form.validate_on_submit():
        with applying(form, field="ack_minutes") as outcome:
            service.save_settings(
                settings,
                current_user,
                ack_minutes=form.ack_minutes.data,
                work_start=form.work_start.data,
                work_end=form.work_end.data,
                work_days=[int(d) for d in form.work_days.data],
                escalation_ids=[int(s.data) for s in steps if (s.data or "").isdigit()],
                enabled=form.enabled.data,
                out_of_hours_phone=form.out_of_hours_phone.data or "",
                out_of_hours_email=form.out_of_hours_email.data or "",
            )
        if outcome.ok:
            flash(_l("Alert settings saved."), "success")
            return redirect(url_for("moderation.settings"))
    return render_template("moderation/settings.html", form=form, steps=steps, gaps=service.cover_gaps(current_user.authority_id))


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------


@bp.route("/staff/moderation/figures")
@allow(*FIGURES_ROLES)
def figures():
    form = FiguresForm(request.args)
    if not form.validate():
        form.period.data = "30"
    end = utcnow()
    start = None if form.period.data == "all" else end - timedelta(days=int(form.period.data))
    return render_template("moderation/figures.html", form=form, figures=service.figures(current_user.authority_id, start, None), duration=_duration)


def _duration(value: timedelta | None) -> str:
    if value is None:
        return str(_l("No data yet"))
    minutes = int(value.total_seconds() // 60)
    if minutes < 120:
        return str(_l("%(count)s minutes", count=minutes))
    hours = minutes // 60
    if hours < 48:
        return str(_l("%(count)s hours", count=hours))
    return str(_l("%(count)s days", count=hours // 24))


# ---------------------------------------------------------------------------------------------
# "I need help now"
# ---------------------------------------------------------------------------------------------


@bp.route("/my/help/now", methods=["POST"])
@allow(YOUNG_PERSON)
def help_now():
    with applying():
        service.help_now(current_user._get_current_object())
    return redirect(url_for("moderation.help_sent"))


@bp.route("/help")
@allow(PUBLIC)
def public_help():
    """Help without signing in, for a child who is locked out or signed out: the national numbers,
    and each council's own (one council: its page at once)."""
    if current_user.is_authenticated:  # someone signed in is helped by their own council
        return redirect(url_for("moderation.council_help", slug=current_authority().slug))
    councils = service.councils_by_name()
    if len(councils) == 1:
        return redirect(url_for("moderation.council_help", slug=councils[0].slug))
    return render_template("moderation/public_help.html", councils=councils, council=None)


@bp.route("/help/<slug>")
@allow(PUBLIC)
def council_help(slug: str):
    if current_user.is_authenticated:
        council = current_authority()
        if council.slug != slug:  # someone signed in is helped by their own council
            return redirect(url_for("moderation.council_help", slug=council.slug))
        return render_template("moderation/public_help.html", councils=[], council=council)
    council = service.council_with_slug(slug)
    if council is None:
        abort(404)
    set_current_authority(council)  # a public page about this council
    return render_template("moderation/public_help.html", councils=[], council=council)


@bp.route("/my/help/told/<int:alert_id>")
@allow(YOUNG_PERSON)
def told(alert_id: int):
    """Shown at once after a young person's words raised an alert: who has been told, why, and
    where to get help now. Only for their own alert."""
    alert = db.session.get(SafeguardingAlert, alert_id)
    if alert is None or alert.young_person_id != current_user.id:
        abort(404)
    return render_template("moderation/told.html", alert=alert, told=service.told_whom(alert), next_url=safe_next(request.args.get("next")))


@bp.route("/my/help/sent")
@allow(YOUNG_PERSON)
def help_sent():
    return render_template("moderation/help_sent.html")


FINDING_LABELS = {
    "name": _l("Name"),
    "phone": _l("Phone number"),
    "email": _l("Email address"),
    "address": _l("Street address"),
    "postcode": _l("Postcode"),
    "school": _l("School"),
    "handle": _l("Social media"),
    "risk": _l("Possible risk"),
}
RISK_LABELS = {
    "suicide": _l("Suicide"),
    "self_harm": _l("Self-harm"),
    "abuse": _l("Abuse or being hurt"),
    "sexual_abuse": _l("Sexual abuse"),
    "exploitation": _l("Exploitation"),
    "missing": _l("Running away or going missing"),
    "unsafe": _l("Not feeling safe"),
    "council": _l("Council's own list"),
}
TRIGGER_LABELS = {
    "screening": _l("Words that suggest risk"),
    "help_button": _l("Pressed “I need help now”"),
    "moderator": _l("Raised by a moderator"),
}
ALERT_STATUS_LABELS = {"open": _l("Not acknowledged"), "acknowledged": _l("Acknowledged"), "closed": _l("Closed")}


def moderation_label(kind: str, value) -> str:
    table = {"item_status": ITEM_STATUS_LABELS, "finding": FINDING_LABELS, "risk": RISK_LABELS, "trigger": TRIGGER_LABELS, "alert_status": ALERT_STATUS_LABELS}[kind]
    return str(table.get(value, value or ""))


ITEM_STATUS_LABELS = {"pending": _l("Waiting"), "escalated": _l("Held: safeguarding alert raised"), "approved": _l("Published"), "rejected": _l("Not published")}


def told_about(item) -> list[str]:
    """For the author of a moderated text: who has been told about the alert it raised."""
    item_id = getattr(item, "id", None) if getattr(item, "risk", False) else None
    if item_id is None or not current_user.is_authenticated:
        return []
    alert = service.alert_on_item(item_id, current_user)
    return service.told_whom(alert) if alert is not None else []
