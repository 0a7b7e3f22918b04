"""The staff side of Heard between reviews: the worker's inbox and replies. Thin routes."""
from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import audit
from ..access import IRO, WORKER, allow
from ..errors import applying
from ..extensions import db
from . import bp, drafts, statements
from .forms import EmptyForm, InboxForm, ReplyForm
from .routes import STATEMENTS


def _me():
    return current_user._get_current_object()


@bp.route("/staff/voice/")
@allow(IRO, WORKER)
def inbox():
    form = InboxForm(request.args)
    show = form.show.data if form.show.data in ("open", "all") else "open"
    return render_template("voice/staff/inbox.html", rows=statements.inbox(_me(), show=show), form=form, show=show)


def _readable(statement_id: int):
    statement = statements.open_for(_me(), statement_id)
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
    ), status


@bp.route("/staff/voice/statements/<int:statement_id>")
@allow(IRO, WORKER)
def staff_statement(statement_id: int):
    statement = _readable(statement_id)
    db.session.commit()  # the read is on record before anything is shown
    return _statement_page(statement)


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
    statement = _readable(statement_id)
    form = ReplyForm()
    if form.validate():
        with applying(form) as outcome:
            statements.reply(statement, _me(), form.text.data, key=form.key.data or "")
        if outcome.ok:
            flash(_l("Reply sent. %(name)s will see it on their phone.", name=statement.young_person.display_name), "success")
            return redirect(url_for("voice.staff_statement", statement_id=statement.id, _anchor="replies"))
    db.session.commit()  # keep the read
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
    from ..reviews.pdf import render_pdf

    statement = _readable(statement_id)
    audit.record("voice.statement.pdf_downloaded", statement, actor=_me())
    db.session.commit()
    pdf = render_pdf(render_template("voice/staff/pdf.html", statement=statement, flow=STATEMENTS, steps=drafts.steps(statement)))
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    person = statement.young_person
    name = f"message-{person.reference or person.id}-{statement.sent_at:%Y-%m-%d}.pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
