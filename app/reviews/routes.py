"""Views before reviews: the young person's steps, and the IRO's and worker's side. Thin routes."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import mail
from ..access import ADMIN, IRO, MANAGER, WORKER, YOUNG_PERSON, allow
from ..auth.models import User
from ..errors import applying
from ..extensions import db
from ..input_bounds import parse_id
from ..opened_here import opened_here
from ..pagination import search_text
from ..staff import service as staff_service
from ..tenancy import get_or_404
from . import bp, service
from . import steps as S
from .forms import (
    AcknowledgeForm,
    AdditionForm,
    ImportForm,
    OutcomeForm,
    ParticipationForm,
    ReportForm,
    ReviewDateForm,
    ReviewForm,
    SendForm,
    step_form,
)
from .models import SENT, Review

# "<review>-<step>" just saved, so the next page tells reviews.js to let go of this device's copy.
# Copies are named by the review (it has one draft), so a step can be shown before a draft exists.
STORED_SESSION = "reviews_stored"


def _me() -> User:
    return current_user._get_current_object()


# =========================================================================== young person


def _own_review(review_id: int) -> Review:
    review = get_or_404(Review, review_id)
    if review.young_person_id != current_user.id:
        abort(404)
    return review


@bp.route("/my/reviews/")
@allow(YOUNG_PERSON)
def mine():
    return render_template("reviews/youth_list.html", reviews=service.reviews_of(_me()))


@bp.route("/my/reviews/<int:review_id>/")
@allow(YOUNG_PERSON)
def overview(review_id: int):
    review = _own_review(review_id)
    submission = review.submission
    if submission is not None and submission.status == SENT:
        return render_template(
            "reviews/youth_status.html",
            review=review,
            submission=submission,
            people=service.reader_people(submission),
            receipts={r.user_id: r for r in submission.reader_rows},
            form=AdditionForm(language=submission.language, key=service.new_key()),
        )
    version = submission.version if submission else S.version_for(_me(), review.kind)
    resume = submission.last_step if submission and submission.last_step else None
    return render_template(
        "reviews/youth_overview.html", review=review, submission=submission, steps=S.steps_for(version), version=version, resume=resume,
        versions=[(v, S.VERSION_LABELS[v]) for v in S.SWITCHABLE] if version in S.SWITCHABLE else [],
        stored=session.pop(STORED_SESSION, None),
    )


@bp.route("/my/reviews/<int:review_id>/version", methods=["POST"])
@allow(YOUNG_PERSON)
def choose_version(review_id: int):
    """Pictures, simpler words or the full questions: the young person can pick what suits them."""
    review = _own_review(review_id)
    with applying():
        submission = service.start_or_resume(review, _me())
    with applying():
        service.choose_version(submission, request.form.get("version", ""))
    return redirect(url_for("reviews.overview", review_id=review.id))


def _step_form(step: S.Step, submission, formdata=None):
    data = service.step_data(submission, step)
    if formdata is None and step.kind == S.WISHES:
        extra = 1 if request.args.get("more") or not data["wishes"] else 0
        data["wishes"] = data["wishes"] + [""] * extra
    return step_form(step, submission.version, data=data, formdata=formdata, readers=service.reader_people(submission) if step.kind == S.READERS else ())


def _render_step(review, submission, step, form, status=200):
    steps = S.steps_for(submission.version)
    index = [s.key for s in steps].index(step.key)
    previous, following = S.neighbours(submission.version, step.key)
    context = dict(
        review=review,
        submission=submission,
        step=step,
        form=form,
        number=index + 1,
        total=len(steps),
        previous=previous,
        following=following,
        version=submission.version,
        faces=S.uses_faces(submission.version),
        revision=submission.revision or 0,
        step_revision=(submission.step_revisions or {}).get(step.key, 0),
        held=(submission.held or {}).get(step.key),
        first=service.step_value(step, service.step_data(submission, step)),
        stored=session.pop(STORED_SESSION, None),
    )
    if step.kind == S.READERS or context["held"] is not None:
        context["people"] = service.reader_people(submission)
    if step.kind == S.CHECK:
        context.update(
            topics=S.topics_for(submission),
            people=service.reader_people(submission),
            send_form=SendForm(language=submission.language, key=service.new_key()),
            twice=[s for s in steps if s.key in (submission.held or {})],
        )
    return render_template(f"reviews/step_{step.kind}.html", **context), status


@bp.route("/my/reviews/<int:review_id>/<step>/", methods=["GET", "POST"])
@allow(YOUNG_PERSON)
def step(review_id: int, step: str):
    review = _own_review(review_id)
    # Looking writes nothing: the draft is made by the first save.
    submission = service.draft_or_blank(review, _me()) if request.method == "GET" else service.start_or_resume(review, _me())
    if submission.status == SENT:
        return redirect(url_for("reviews.overview", review_id=review.id))
    current = S.find_step(submission.version, step)
    if current is None:
        abort(404)
    if request.method == "GET":
        return _render_step(review, submission, current, _step_form(current, submission))
    here = url_for("reviews.step", review_id=review.id, step=current.key)
    if current.kind == S.CHECK:
        return redirect(here)
    based_on = service.as_revision(request.form.get("revision"))
    if "choice" in request.form:  # between two versions of this step, saved on two phones or tabs
        with applying() as outcome:
            service.keep_version(submission, current, request.form["choice"], based_on=based_on)
        if outcome.ok:
            session[STORED_SESSION] = f"{review.id}-{current.key}"
        return redirect(here)
    form = _step_form(current, submission, formdata=request.form)
    if not form.validate():
        return _render_step(review, submission, current, form, status=400)
    with applying():
        saved, alert = service.save_step(submission, current, form.data, based_on=based_on)
    if not saved:  # saved since on another phone or tab: the page offers both
        if alert is not None:  # what they wrote suggests risk: help now, and who has been told
            return redirect(url_for("moderation.told", alert_id=alert.id, next=here))
        return redirect(here)
    session[STORED_SESSION] = f"{review.id}-{current.key}"
    action = request.form.get("action")
    previous, following = S.neighbours(submission.version, current.key)
    if action == "later":
        flash(_l("Saved. Carry on any time, on this phone or another one."), "success")
        target_url = url_for("reviews.overview", review_id=review.id)
    elif action == "add_wish":
        target_url = url_for("reviews.step", review_id=review.id, step=current.key, more=1, _anchor=f"wishes-{len(submission.wishes)}")
    elif action == "back" and previous is not None:
        target_url = url_for("reviews.step", review_id=review.id, step=previous.key)
    else:
        target_url = url_for("reviews.step", review_id=review.id, step=(following or current).key)
    if alert is not None:  # what they wrote suggests risk: help now, and who has been told
        return redirect(url_for("moderation.told", alert_id=alert.id, next=target_url))
    return redirect(target_url)


@bp.route("/my/reviews/<int:review_id>/send", methods=["POST"])
@allow(YOUNG_PERSON)
def send(review_id: int):
    review = _own_review(review_id)
    submission = review.submission
    if submission is None:
        return redirect(url_for("reviews.overview", review_id=review.id))
    form = SendForm()
    language = form.language.data if form.language.data else None
    known = {a.id for a in service.alerts_on_views(submission)}
    with applying() as outcome:
        newly_sent = service.send(submission, key=form.key.data or "", language=language)
        if newly_sent:
            _announce(submission, new=True)  # queued in the same transaction as the sending
    if not outcome.ok:
        target = S.CHECK_STEP.key if submission.held else S.READERS_STEP.key
        return redirect(url_for("reviews.step", review_id=review.id, step=target))
    if newly_sent:
        flash(_l("Sent. Your views are on their way to the people you chose."), "success")
    raised = [a for a in service.alerts_on_views(submission) if a.id not in known]
    if raised:  # words no save had alerted: help now, and who has been told
        return redirect(url_for("moderation.told", alert_id=raised[0].id, next=url_for("reviews.overview", review_id=review.id)))
    return redirect(url_for("reviews.overview", review_id=review.id))


def _announce(submission, *, new: bool) -> None:
    """Email the chosen readers: no personal content, only a nudge and a link."""
    link = mail.link(url_for("reviews.staff_review", review_id=submission.review_id))
    if new:
        subject = str(_l("New views before a review"))
        body = str(_l("A young person you support has sent their views before their review.\n\nSign in to Heard to read them:\n%(link)s", link=link))
    else:
        subject = str(_l("A young person added to their views"))
        body = str(_l("A young person you support has added something to the views they sent before their review.\n\nSign in to Heard to read it:\n%(link)s", link=link))
    # One message each (the outbox writes a row per address): nobody sees who else was told.
    mail.queue_mail(
        service.recipients(submission), subject, body,
        authority_id=submission.authority_id, kind="reviews.views_added" if not new else "reviews.views_sent", about_id=submission.review_id,
    )


@bp.route("/my/reviews/<int:review_id>/add", methods=["POST"])
@allow(YOUNG_PERSON)
def add(review_id: int):
    review = _own_review(review_id)
    submission = review.submission
    if submission is None or submission.status != SENT:
        return redirect(url_for("reviews.overview", review_id=review.id))
    form = AdditionForm()
    if form.validate():
        with applying(form, field="text") as outcome:
            addition, created, flagged = service.add_addition(submission, text=form.text.data, language=form.language.data, key=form.key.data or "")
            if flagged:
                submission.risk_flagged = True
            if created:
                _announce(submission, new=False)
        if outcome.ok:
            flash(_l("Added. The people you chose can read it now."), "success")
            back = url_for("reviews.overview", review_id=review.id, _anchor="additions")
            if flagged:  # help now, and who has been told
                [alert, *_] = service.alerts_about_addition(addition) or [None]
                if alert is not None:
                    return redirect(url_for("moderation.told", alert_id=alert.id, next=back))
            return redirect(back)
    return (
        render_template(
            "reviews/youth_status.html",
            review=review,
            submission=submission,
            people=service.reader_people(submission),
            receipts={r.user_id: r for r in submission.reader_rows},
            form=form,
        ),
        400,
    )


# =========================================================================== staff


def _staff_review(review_id: int) -> Review:
    review = get_or_404(Review, review_id)
    if not service.follows(_me(), review):
        abort(404)
    return review


@bp.route("/staff/reviews/")
@allow(IRO, WORKER)
def staff_list():
    me = _me()
    past = bool(request.args.get("past"))
    search = search_text(request.args.get("q"))
    kind = request.args.get("kind") if request.args.get("kind") in service.REVIEW_KINDS else None
    reviews = service.reviews_for_staff(me, past=past, search=search, kind=kind, page=request.args.get("page"))
    receipts = service.receipts_of(me, [r.submission.id for r in reviews if r.submission is not None])
    rows = []
    for review in reviews:
        submission = review.submission
        readable = service.can_read_views(me, submission)
        rows.append(
            {
                "review": review,
                "readable": readable,
                "unread": readable and service.is_unread(me, submission, receipts),
                "submission": submission if readable else None,
            }
        )
    return render_template("reviews/staff/list.html", rows=rows, page=reviews, past=past, search=search, kind=kind, today=date.today())


def _person_choices(me):
    return [(str(p.id), f"{p.display_name} ({p.reference})" if p.reference else p.display_name) for p in staff_service.allocated_young_people(me)]


@bp.route("/staff/reviews/new", methods=["GET", "POST"])
@allow(IRO)
def staff_new():
    me = _me()
    form = ReviewForm()
    form.young_person.choices = [("", _l("Choose a young person"))] + _person_choices(me)
    if request.method == "GET" and request.args.get("person"):
        form.young_person.data = request.args["person"]
    if form.validate_on_submit():
        person = db.session.get(User, parse_id(form.young_person.data) or 0)
        if person is None or not staff_service.can_support(me, person):
            form.young_person.errors.append(_l("Choose a young person allocated to you"))
        else:
            with applying():
                review = service.create_review(person, iro=me, review_date=form.date.data, kind=form.kind.data, created_by=me)
            flash(_l("Review added. %(name)s can now get ready for it in Heard.", name=person.display_name), "success")
            return redirect(url_for("reviews.staff_review", review_id=review.id))
    return render_template("reviews/staff/new.html", form=form)


@bp.route("/staff/reviews/import", methods=["GET", "POST"])
@allow(IRO, ADMIN)
def staff_import():
    form = ImportForm()
    result = None
    if form.validate_on_submit():
        upload = form.file.data
        if upload is None or not getattr(upload, "filename", ""):
            form.file.errors.append(_l("Choose a CSV file"))
        else:
            raw = upload.read(2 * 1024 * 1024 + 1)
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = None
                form.file.errors.append(_l("The file must be a CSV saved as UTF-8"))
            if len(raw) > 2 * 1024 * 1024:
                text = None
                form.file.errors.append(_l("The file is too big: import at most 2 MB at a time"))
            if text is not None:
                with applying():  # a file with any wrong row creates nothing
                    result = service.import_reviews(current_user.authority_id, _me(), text)
                if result.ok:
                    flash(_l("%(n)s reviews imported.", n=len(result.created)), "success")
                    return redirect(url_for("reviews.staff_list") if current_user.role == IRO else url_for("reviews.staff_import"))
    return render_template("reviews/staff/import.html", form=form, result=result)


def _views_context(review, me):
    submission = review.submission
    readable = service.can_read_views(me, submission)
    return dict(
        review=review,
        submission=submission if readable else None,
        readable=readable,
        manages=service.manages(me, review),
        topics=S.topics_for(submission) if readable else [],
        people=service.reader_people(submission) if readable else [],
        # Whoever reads words that raised a safeguarding alert sees that it exists, and its state.
        alerts=service.alerts_on_views(submission) if readable else [],
    )


@bp.route("/staff/reviews/<int:review_id>")
@allow(IRO, WORKER)
def staff_review(review_id: int):
    me = _me()
    with applying():
        review, submission = service.open_review(review_id, me, receipt=opened_here())
    context = _views_context(review, me)
    if submission is not None:
        context["unread"] = service.receipt_of(submission, me) is None
        context["outcome_forms"] = {
            wish.id: OutcomeForm(prefix=f"wish-{wish.id}", formdata=None, data={"outcome": wish.outcome, "text": wish.outcome_text or ""})
            for wish in submission.wishes
        }
    context["ack_form"] = AcknowledgeForm(formdata=None, data={"note": submission.acknowledgement_note if submission else ""})
    context["pn_form"] = ParticipationForm(formdata=None, data={"code": review.participation_code})
    context["date_form"] = ReviewDateForm(formdata=None, data={"date": review.date})
    context["pn_labels"] = service.PN_LABELS
    context["happened"] = service.has_happened(review)
    return render_template("reviews/staff/review.html", **context)


@bp.route("/staff/reviews/<int:review_id>/read", methods=["POST"])
@allow(IRO, WORKER)
def staff_mark_read(review_id: int):
    """The reader says they have read views they reached from a link outside Heard."""
    me = _me()
    review = _staff_review(review_id)
    context = _views_context(review, me)
    if context["submission"] is None:
        abort(404)
    with applying():
        service.record_read(context["submission"], me)
    return redirect(url_for("reviews.staff_review", review_id=review.id))


@bp.route("/staff/reviews/<int:review_id>/print")
@allow(IRO, WORKER)
def staff_print(review_id: int):
    me = _me()
    with applying():
        review, _views = service.open_review(review_id, me, how=service.PRINTED, receipt=opened_here())
    context = _views_context(review, me)
    return render_template("reviews/print.html", **context)


@bp.route("/staff/reviews/<int:review_id>/views.pdf")
@allow(IRO, WORKER)
def staff_pdf(review_id: int):
    from .pdf import render_pdf

    me = _me()
    with applying():
        review, _views = service.open_review(review_id, me, how=service.PDF, receipt=opened_here())
    context = _views_context(review, me)
    pdf = render_pdf(render_template("reviews/pdf.html", **context))
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    name = f"views-{review.young_person.reference or review.young_person_id}-{review.date or 'undated'}.pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _managed_submission(review_id: int):
    me = _me()
    review = _staff_review(review_id)
    if not service.manages(me, review):
        abort(404)
    return me, review


@bp.route("/staff/reviews/<int:review_id>/acknowledge", methods=["POST"])
@allow(IRO)
def staff_acknowledge(review_id: int):
    me, review = _managed_submission(review_id)
    submission = review.submission
    if not service.can_read_views(me, submission):
        abort(404)
    form = AcknowledgeForm()
    if form.validate():
        with applying() as outcome:
            service.acknowledge(submission, me, form.note.data)
        if outcome.ok:
            flash(_l("Acknowledged. %(name)s can see that you have read their views.", name=review.young_person.display_name), "success")
    else:
        flash(form.note.errors[0], "error")
    return redirect(url_for("reviews.staff_review", review_id=review.id))


@bp.route("/staff/reviews/<int:review_id>/outcomes", methods=["POST"])
@allow(IRO)
def staff_outcomes(review_id: int):
    me, review = _managed_submission(review_id)
    submission = review.submission
    if not service.can_read_views(me, submission):
        abort(404)
    if not service.has_happened(review):
        with applying():
            service.check_has_happened(review)  # says why, once
        return redirect(url_for("reviews.staff_review", review_id=review.id, _anchor="outcomes"))
    chosen = [(wish, form) for wish in submission.wishes if (form := OutcomeForm(prefix=f"wish-{wish.id}")).outcome.data]
    errors = []
    for wish, form in chosen:  # every wish is checked first, so each problem is shown at once
        with applying(commit=False, show=False) as checked:
            service.check_outcome(wish, me, form.outcome.data, form.text.data)
        if checked.error is not None:
            errors.append((wish, checked.error.message))
    if errors:
        for wish, message in errors:
            flash(_l("“%(wish)s”: %(message)s", wish=wish.text[:60], message=message), "error")
        return _staff_review_with_errors(review, me)
    with applying():
        for wish, form in chosen:
            service.record_outcome(wish, me, form.outcome.data, form.text.data)
    if chosen:
        flash(_l("Outcomes saved. %(name)s can see them now.", name=review.young_person.display_name), "success")
    return redirect(url_for("reviews.staff_review", review_id=review.id, _anchor="outcomes"))


def _staff_review_with_errors(review, me):
    """Show the page again with what the IRO typed, so nothing is lost."""
    context = _views_context(review, me)
    context["outcome_forms"] = {wish.id: OutcomeForm(prefix=f"wish-{wish.id}") for wish in context["submission"].wishes}
    context["ack_form"] = AcknowledgeForm(formdata=None)
    context["pn_form"] = ParticipationForm(formdata=None, data={"code": review.participation_code})
    context["date_form"] = ReviewDateForm(formdata=None, data={"date": review.date})
    context["pn_labels"] = service.PN_LABELS
    context["happened"] = service.has_happened(review)
    return render_template("reviews/staff/review.html", **context), 400


@bp.route("/staff/reviews/<int:review_id>/participation", methods=["POST"])
@allow(IRO)
def staff_participation(review_id: int):
    me, review = _managed_submission(review_id)
    form = ParticipationForm()
    if form.validate():
        with applying() as outcome:
            service.record_participation(review, me, form.code.data)
        if outcome.ok:
            flash(_l("Participation code saved."), "success")
    else:
        flash(_l("Choose how the young person took part"), "error")
    return redirect(url_for("reviews.staff_review", review_id=review.id, _anchor="participation"))


@bp.route("/staff/reviews/<int:review_id>/date", methods=["POST"])
@allow(IRO)
def staff_date(review_id: int):
    me, review = _managed_submission(review_id)
    form = ReviewDateForm()
    if form.validate():
        with applying() as outcome:
            service.change_date(review, form.date.data, me)
        if outcome.ok:
            flash(_l("Date saved."), "success")
    else:
        flash(_l("Enter the date like 31/03/2026"), "error")
    return redirect(url_for("reviews.staff_review", review_id=review.id))


@bp.route("/staff/reviews/report")
@allow(IRO, MANAGER, ADMIN)
def staff_report():
    form = ReportForm(request.args)
    default_start, default_end = service.quarter_of(date.today())
    form.validate()
    start = form.start.data or default_start
    end = form.end.data or default_end
    if end < start:
        start, end = end, start
    figures = service.report(_me(), start, end)
    return render_template(
        "reviews/staff/report.html", form=form, start=start, end=end, figures=figures, pn_labels=service.PN_LABELS,
        own_reviews=current_user.role == IRO,
        period=f"{format_date(start, 'long')} – {format_date(end, 'long')}",
    )
