"""Survey pages: answering (public with a code, or signed in) and the staff side."""
from __future__ import annotations

from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from ..csv_safe import csv_response
from ..access import ADMIN, MANAGER, PARTICIPATION, PUBLIC, YOUNG_PERSON, allow
from ..errors import RuleBroken, applying
from ..extensions import db, limiter
from ..i18n.content import localise
from ..i18n.locales import current_language
from ..links import public_url
from ..privacy.keys import device_key, forget
from ..qr import qr_svg
from ..safe_redirect import safe_next
from ..tenancy import all_councils, current_authority, get_or_404, set_current_authority
from . import bp, definitions, results, service, staff_bp
from . import codes as code_rules
from .forms import CodeForm, CodesForm, CopySurveyForm, HelpForm, OptionsForm, WaveForm, question_form
from .models import KINDS, Survey, SurveyQuestion, SurveySection, SurveyVersion, SurveyWave

SESSION_KEY = "survey"
BROWSER_KEY = "survey-code"  # this browser's key for drafts made with a code


def _wave_key(wave_id: int) -> str:
    return f"survey:{wave_id}"
RESULTS_ROLES = (PARTICIPATION, MANAGER, ADMIN)
RUN_ROLES = (PARTICIPATION, ADMIN)


def _code_limit():
    # Generous: a group of children may answer together from one connection, and a code is
    # 57 random bits, so a few hundred tries an hour from one address give nothing away.
    return current_app.config.get("SURVEY_CODE_LIMIT", "30 per minute;300 per hour")


def _locale() -> str:
    return current_language()


# --- answering -----------------------------------------------------------------------------------


def _current():
    """The survey this browser has in progress: found only with what the browser holds."""
    token = session.get(SESSION_KEY) or {}
    current = None
    if token.get("code"):
        browser = device_key(BROWSER_KEY, create=False)
        current = service.resume(service.code_draft_key(token["code"], browser)) if browser else None
    elif token.get("wave") and current_user.is_authenticated and current_user.is_young_person:
        wave_id = int(token["wave"])
        key = device_key(_wave_key(wave_id), create=False)
        current = service.resume(service.person_draft_key(key, wave_id)) if key else None
    if current is None:
        return None
    if current_user.is_authenticated:
        # Someone signed in acts for their own council only.
        return current if current.wave.authority_id == current_user.authority_id else None
    set_current_authority(current.wave.authority_id)  # a public page about this survey's council
    return current


def _finish_redirect():
    return redirect(url_for("surveys.enter"))


@bp.route("/survey", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(_code_limit, methods=["POST"])
def enter():
    if request.args:
        # A code must never travel in an address (it would sit in server logs and browser
        # history). Cards carry it after "#", which stays in the browser; an old card's address
        # is answered with the plain page, and the code on the card is typed.
        return redirect(url_for("surveys.enter"), code=303)
    form = CodeForm()
    if form.validate_on_submit():
        with applying(form, field="code") as outcome:
            code, started = service.start_with_code(form.code.data, browser_key=device_key(BROWSER_KEY), language=_locale())
            if current_user.is_authenticated and started.wave.authority_id != current_user.authority_id:
                raise RuleBroken(service.REFUSALS["unknown"], "code")  # someone signed in acts for their own council only
        if outcome.ok:
            session[SESSION_KEY] = {"code": code}
            return redirect(url_for("surveys.intro"))
    return render_template("surveys/enter.html", form=form)


@bp.route("/survey/waves/<int:wave_id>/begin")
@allow(YOUNG_PERSON)
def begin(wave_id: int):
    wave = get_or_404(SurveyWave, wave_id)
    with applying(show=False) as outcome:
        service.start_signed_in(current_user, wave, device_key=device_key(_wave_key(wave.id)))
    if outcome.error is not None:
        if outcome.error.reason == "done":
            flash(outcome.error.message, "info")
            return redirect(url_for("youth.home"))
        abort(404)
    session[SESSION_KEY] = {"wave": wave.id}
    return redirect(url_for("surveys.intro"))


@bp.route("/survey/start", methods=["GET", "POST"])
@allow(PUBLIC)
def intro():
    current = _current()
    if current is None:
        return _finish_redirect()
    survey = current.version.survey
    form = HelpForm()
    if request.method == "GET" and current.draft.helped is not None:
        form.helped.data = "yes" if current.draft.helped else "no"
    if form.validate_on_submit():
        with applying():
            if survey.offer_help:
                service.record_help(current, form.helped.data == "yes")
        return redirect(url_for("surveys.question", position=_resume_step(current)))
    return render_template("surveys/intro.html", current=current, survey=survey, form=form,
                           total=service.progress(current.version, current.version.questions[0]).total if current.version.questions else 0)


def _resume_step(current) -> int:
    shown = service.visible_questions(current.version, current.draft.answers or {})
    answers = current.draft.answers or {}
    for index, question in enumerate(shown, start=1):
        if question.key not in answers:
            return index
    return len(shown) + 1 if shown else 1


@bp.route("/survey/q/<int:position>", methods=["GET", "POST"])
@allow(PUBLIC)
def question(position: int):
    step = position
    current = _current()
    if current is None:
        return _finish_redirect()
    answers = current.draft.answers or {}
    shown = service.visible_questions(current.version, answers)
    if step > len(shown):
        return redirect(url_for("surveys.check"))
    if step < 1:
        return redirect(url_for("surveys.question", position=1))
    q = shown[step - 1]
    error = None
    if request.method == "POST":
        action = request.form.get("action", "next")
        alert = None
        with applying(show=False) as outcome:
            value = service.clean_answer(q, request.form.getlist("answer"), request.form.get("text"))
            if action != "back" or request.form.getlist("answer") or request.form.get("text"):
                alert = service.record_answer(current, q, value)
        if outcome.error is not None:
            error = outcome.error.message
        else:
            if action == "stop":
                target = url_for("surveys.paused")
            elif action == "back":
                target = url_for("surveys.question", position=max(step - 1, 1)) if step > 1 else url_for("surveys.intro")
            else:
                shown = service.visible_questions(current.version, current.draft.answers or {})
                next_step = shown.index(q) + 2
                target = url_for("surveys.question", position=next_step) if next_step <= len(shown) else url_for("surveys.check")
            if alert is not None:  # help at once, and the choice to be contacted
                session[HELP_ALERT_KEY] = alert.id
                return redirect(url_for("surveys.help", next=target))
            return redirect(target)
    given = answers.get(q.key)
    return render_template(
        "surveys/question.html",
        current=current,
        q=q,
        step=step,
        progress=service.progress(current.version, q),
        given=given if isinstance(given, list) else ([given] if given is not None else []),
        error=error,
        skip_label=results.skip_label(),
        section_title=localise(q.section.title),
    ), (400 if error else 200)


# The help page after anonymous words raised an alert finds the alert through the young person's
# own browser session only (never the address, which servers log with the time): nothing on the
# server links the alert to them unless they say yes to being contacted while signed in.
HELP_ALERT_KEY = "survey-help-alert"


def _alert_for_help():
    from ..moderation.models import SafeguardingAlert

    alert_id = session.get(HELP_ALERT_KEY)
    if not isinstance(alert_id, int):
        return None
    with all_councils():  # the browser's own session says which alert; its council is bound next
        alert = db.session.get(SafeguardingAlert, alert_id)
    if alert is None or alert.source != "survey.answer":
        return None
    if current_user.is_authenticated:
        return alert if alert.authority_id == current_user.authority_id else None
    set_current_authority(alert.authority_id)  # a public page about this council's survey
    return alert


@bp.route("/survey/help", methods=["GET", "POST"])
@allow(PUBLIC)
def help():
    alert = _alert_for_help()
    if alert is None:
        abort(404)
    next_url = safe_next(request.values.get("next")) or url_for("surveys.check")
    signed_in = current_user.is_authenticated and current_user.is_young_person and current_user.authority_id == alert.authority_id
    answered = alert.contact_consent is not None
    if request.method == "POST" and not answered:
        choice = request.form.get("contact")
        if choice in ("yes", "no"):
            from ..moderation import service as moderation

            with applying() as outcome:
                moderation.answer_contact_question(alert, current_user._get_current_object() if signed_in else None, choice == "yes")
            if outcome.ok:
                session.pop(HELP_ALERT_KEY, None)
                if choice == "yes":
                    flash(_l("Thank you. Someone whose job is to keep you safe will get in touch with you."), "success")
                else:
                    flash(_l("That is fine. Your answers stay anonymous."), "success")
                return redirect(next_url)
        else:
            flash(_l("Choose yes or no"), "error")
    return render_template("surveys/help.html", alert=alert, next_url=next_url, signed_in=signed_in, answered=answered)


@bp.route("/survey/check", methods=["GET", "POST"])
@allow(PUBLIC)
def check():
    current = _current()
    if current is None:
        return _finish_redirect()
    shown = service.visible_questions(current.version, current.draft.answers or {})
    if request.method == "POST":
        token = session.get(SESSION_KEY) or {}
        wave = current.wave
        with applying(show=False) as outcome:
            if token.get("code"):
                service.submit(current, code=token["code"])
            else:
                service.submit(current, person=current_user._get_current_object())
        session.pop(SESSION_KEY, None)
        if outcome.error is not None:
            flash(service.REFUSALS["used"], "info")
            return redirect(url_for("surveys.thanks"))
        if token.get("wave"):
            forget(_wave_key(int(token["wave"])))
        # Every write of the batch is anonymous (no author, no actor, kept to the day), so it may
        # happen in whichever request makes the batch full, signed in or not.
        with applying():
            service.flush(wave)
        return redirect(url_for("surveys.thanks"))
    answers = current.draft.answers or {}
    unanswered = [i for i, q in enumerate(shown, start=1) if q.key not in answers]
    return render_template("surveys/check.html", current=current, shown=shown, unanswered=unanswered)


@bp.route("/survey/paused")
@allow(PUBLIC)
def paused():
    token = session.pop(SESSION_KEY, None) or {}
    return render_template("surveys/paused.html", signed_in=bool(token.get("wave")))


@bp.route("/survey/thanks")
@allow(PUBLIC)
def thanks():
    return render_template("surveys/thanks.html")


# --- staff: waves, codes and results ------------------------------------------------------------


def _wave_or_404(wave_id: int) -> SurveyWave:
    return get_or_404(SurveyWave, wave_id)


@staff_bp.route("/")
@allow(*RESULTS_ROLES)
def waves():
    all_waves = service.waves_newest_first()
    today = date.today()
    rows = []
    for wave in all_waves:
        issued, used = service.code_counts(wave)
        rows.append((wave, issued, used))
    return render_template("surveys/staff/waves.html", rows=rows, today=today, may_run=current_user.role in RUN_ROLES)


def _version_choices(authority_id: int):
    definitions.install_shipped(authority_id)
    surveys = definitions.surveys()
    return [(str(s.latest.id), str(_l("%(title)s, version %(number)d", title=localise(s.title).text, number=s.latest.number))) for s in surveys if s.latest]


@staff_bp.route("/waves/new", methods=["GET", "POST"])
@allow(*RUN_ROLES)
def new_wave():
    form = WaveForm()
    with applying():  # the shipped surveys, installed on first use
        form.version_id.choices = _version_choices(current_user.authority_id)
    if form.validate_on_submit():
        version = get_or_404(SurveyVersion, int(form.version_id.data))
        with applying(form) as outcome:
            wave = service.create_wave(
                authority_id=current_user.authority_id, version=version, title=form.title.data, opens_on=form.opens_on.data,
                closes_on=form.closes_on.data, care_statuses=form.care_statuses.data, by=current_user,
            )
        if outcome.ok:
            flash(_l("The wave is set up. Now make codes to hand out."), "success")
            return redirect(url_for("survey_staff.wave", wave_id=wave.id))
    return render_template("surveys/staff/wave_form.html", form=form)


@staff_bp.route("/waves/<int:wave_id>")
@allow(*RESULTS_ROLES)
def wave(wave_id: int):
    wave = _wave_or_404(wave_id)
    _settle(wave)
    issued, used = service.code_counts(wave)
    return render_template("surveys/staff/wave.html", wave=wave, issued=issued, used_cell=results.codes_used_cell(issued, used), form=CodesForm(),
                           may_run=current_user.role in RUN_ROLES, link=_public_link(), taken_part=service.participation_count(wave))


def _public_link(code: str | None = None) -> str:
    base = public_url(url_for("surveys.enter"))
    # After "#": browsers never send it, so the code is in no request, log or history entry.
    return f"{base}#{code}" if code else base


def _settle(wave: SurveyWave) -> None:
    """Write waiting answers: a full batch any time, everything once the wave has closed."""
    with applying():
        if wave.closes_on < date.today():
            service.close_out(wave)
        else:
            service.flush(wave)


@staff_bp.route("/waves/<int:wave_id>/codes", methods=["POST"])
@allow(*RUN_ROLES)
def make_codes(wave_id: int):
    wave = _wave_or_404(wave_id)
    form = CodesForm()
    if not form.validate_on_submit():
        issued, used = service.code_counts(wave)
        return render_template("surveys/staff/wave.html", wave=wave, issued=issued, used_cell=results.codes_used_cell(issued, used), form=form, may_run=True,
                               link=_public_link(), taken_part=service.participation_count(wave)), 400
    with applying():
        made = service.issue_codes(wave, form.count.data, by=current_user)
    sheet = [(code_rules.pretty(code), qr_svg(_public_link(code), scale=3, title=str(_l("QR code for the survey")))) for code in made]
    return render_template("surveys/staff/codes_sheet.html", wave=wave, sheet=sheet, link=_public_link())


@staff_bp.route("/waves/<int:wave_id>/results")
@allow(*RESULTS_ROLES)
def wave_results(wave_id: int):
    wave = _wave_or_404(wave_id)
    _settle(wave)
    data = results.wave_results(wave)
    page = render_template("surveys/staff/results.html", wave=wave, data=data, pending=service.pending_count(wave))
    with applying():  # after rendering, so the page is not built from reloaded rows
        results.viewed(wave)
    return page


@staff_bp.route("/waves/<int:wave_id>/results.csv")
@allow(*RESULTS_ROLES)
def wave_results_csv(wave_id: int):
    wave = _wave_or_404(wave_id)
    _settle(wave)
    data = results.wave_results(wave, with_quotes=False)
    rows = list(results.csv_rows(data))
    with applying():
        results.exported(wave)
    return csv_response(rows, f"survey-results-{wave.id}.csv")


# --- staff: survey definitions -------------------------------------------------------------------


@staff_bp.route("/definitions")
@allow(ADMIN, PARTICIPATION)
def definitions_list():
    with applying():
        definitions.install_shipped(current_user.authority_id)
    surveys = definitions.surveys()
    return render_template("surveys/staff/definitions.html", surveys=surveys)


@staff_bp.route("/definitions/<int:survey_id>")
@allow(ADMIN, PARTICIPATION)
def definition(survey_id: int, form=None):
    survey = get_or_404(Survey, survey_id)
    version_number = request.args.get("version", type=int)
    version = next((v for v in survey.versions if v.number == version_number), survey.latest)
    return render_template("surveys/staff/definition.html", survey=survey, version=version, form=form or CopySurveyForm(),
                           is_admin=current_user.role == ADMIN)


@staff_bp.route("/definitions/<int:survey_id>/copy", methods=["POST"])
@allow(ADMIN)
def copy_survey(survey_id: int):
    survey = get_or_404(Survey, survey_id)
    form = CopySurveyForm()
    if not form.validate_on_submit():
        return definition(survey_id, form=form), 400
    with applying():
        copy_ = definitions.copy_survey(survey, form.title.data)
    flash(_l("Your copy is ready. Change its questions, then use it in a wave."), "success")
    return redirect(url_for("survey_staff.definition", survey_id=copy_.id))


@staff_bp.route("/definitions/<int:survey_id>/versions", methods=["POST"])
@allow(ADMIN)
def new_version(survey_id: int):
    survey = get_or_404(Survey, survey_id)
    with applying():
        version = definitions.new_version(survey)
    return redirect(url_for("survey_staff.definition", survey_id=survey.id, version=version.number))


@staff_bp.route("/questions/<int:survey_question_id>", methods=["GET", "POST"])
@allow(ADMIN)
def edit_question(survey_question_id: int):
    q = get_or_404(SurveyQuestion, survey_question_id)
    version = db.session.get(SurveyVersion, q.version_id)
    survey = version.survey
    if version.locked:
        flash(definitions.LOCKED, "info")
        return redirect(url_for("survey_staff.definition", survey_id=survey.id, version=version.number))
    authority = current_authority()
    languages = ["en"] + [code for code in (authority.enabled_languages or []) if code != "en"]
    form = question_form(languages, q)
    if form.validate_on_submit():
        with applying(form) as outcome:
            definitions.edit_question(
                q,
                text={code: getattr(form, f"text_{code}").data for code in languages},
                hint={code: getattr(form, f"hint_{code}").data for code in languages},
            )
        if outcome.ok:
            flash(_l("Question saved."), "success")
            return redirect(url_for("survey_staff.definition", survey_id=survey.id, version=version.number))
    return render_template("surveys/staff/question_form.html", form=form, q=q, survey=survey, version=version, content_languages=languages)


@staff_bp.route("/questions/<int:survey_question_id>/remove", methods=["POST"])
@allow(ADMIN)
def remove_question(survey_question_id: int):
    q = get_or_404(SurveyQuestion, survey_question_id)
    version = db.session.get(SurveyVersion, q.version_id)
    with applying() as outcome:
        definitions.remove_question(q)
    if outcome.ok:
        flash(_l("Question removed."), "success")
    return redirect(url_for("survey_staff.definition", survey_id=version.survey_id, version=version.number))


def _content_languages() -> list[str]:
    authority = current_authority()
    return ["en"] + [code for code in (authority.enabled_languages or []) if code != "en"]


def _sentence(label) -> str:
    text = str(label)
    return text[:1].upper() + text[1:]


def _locked_redirect(version: SurveyVersion):
    flash(definitions.LOCKED, "info")
    return redirect(url_for("survey_staff.definition", survey_id=version.survey_id, version=version.number))


@staff_bp.route("/sections/<int:survey_section_id>/questions/new", methods=["GET", "POST"])
@allow(ADMIN)
def add_question(survey_section_id: int):
    section = get_or_404(SurveySection, survey_section_id)
    version = db.session.get(SurveyVersion, section.version_id)
    if version.locked:
        return _locked_redirect(version)
    languages = _content_languages()
    form = question_form(languages, kinds=[(kind, _sentence(KIND_LABELS[kind])) for kind in KINDS])
    if form.validate_on_submit():
        with applying(form, field="options") as outcome:
            definitions.add_question(
                section,
                kind=form.kind.data,
                text={code: getattr(form, f"text_{code}").data for code in languages},
                hint={code: getattr(form, f"hint_{code}").data for code in languages},
                options=form.options.data,
            )
        if outcome.ok:
            flash(_l("Question saved."), "success")
            return redirect(url_for("survey_staff.definition", survey_id=version.survey_id, version=version.number))
    return render_template("surveys/staff/question_new.html", form=form, section=section, survey=version.survey, version=version,
                           content_languages=languages), (400 if form.errors else 200)


@staff_bp.route("/questions/<int:survey_question_id>/answers", methods=["GET", "POST"])
@allow(ADMIN)
def change_options(survey_question_id: int):
    q = get_or_404(SurveyQuestion, survey_question_id)
    version = db.session.get(SurveyVersion, q.version_id)
    if q.kind not in definitions.OPTION_KINDS or q.records:
        abort(404)
    if version.locked:
        return _locked_redirect(version)
    form = OptionsForm()
    if request.method == "GET":
        form.options.data = "\n".join((option.get("label") or {}).get("en", "") for option in q.options)
    if form.validate_on_submit():
        with applying(form, field="options") as outcome:
            definitions.change_options(q, form.options.data)
        if outcome.ok:
            flash(_l("Question saved."), "success")
            return redirect(url_for("survey_staff.definition", survey_id=version.survey_id, version=version.number))
    return render_template("surveys/staff/question_options.html", form=form, q=q, survey=version.survey, version=version), (400 if form.errors else 200)


KIND_LABELS = {
    "faces": _l("faces"),
    "scale10": _l("0 to 10"),
    "yes_sometimes_no": _l("yes, sometimes or no"),
    "single": _l("one answer"),
    "multiple": _l("any number of answers"),
    "text": _l("their own words"),
}
