"""The board pack (page, PDF, CSV), choosing its quotes, and the DfE participation return."""
from __future__ import annotations

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import ADMIN, MANAGER, PARTICIPATION, allow, declared_roles, role_may
from ..csv_safe import csv_response
from ..errors import applying
from ..i18n.formatting import local_date
from ..i18n.locales import direction, html_lang
from ..moderation.routes import source_label
from ..pdf import render_pdf
from ..tenancy import current_authority
from . import bp, dfe, quotes
from . import quarters as Q
from .board import pack as board_pack
from .forms import BOARD, YOUNG, PackForm, PeriodForm, QuotesForm

PACK_ROLES = (MANAGER, ADMIN, PARTICIPATION)




def _pack_choices():
    """The quarter, language and version asked for, each falling back to a sensible default."""
    authority = current_authority()
    today = date.today()
    languages = authority.enabled_languages or ["en"]
    form = PackForm(request.args)
    form.set_choices(today, languages)
    quarter = Q.parse(form.quarter.data) or Q.last_complete(today)
    if quarter not in Q.choices(today):
        quarter = Q.last_complete(today)
    language = form.language.data if form.language.data in languages else (authority.default_language or "en")
    young = form.version.data == YOUNG
    form.quarter.data, form.language.data, form.version.data = quarter.key, language, YOUNG if young else BOARD
    args = {"quarter": quarter.key, "language": language, "version": form.version.data}
    return authority, form, quarter, language, young, args


def _heading(quarter: Q.Quarter, young: bool) -> str:
    if young:
        return gettext("What you told us, and what we did: %(quarter)s", quarter=quarter.label())
    return gettext("Corporate Parenting Board pack: %(quarter)s", quarter=quarter.label())


def _may(endpoint: str) -> bool:
    allowed = declared_roles(endpoint)
    return allowed is not None and role_may(current_user.role, allowed)


def _render_pack(template: str, **extra):
    authority, form, quarter, language, young, args = _pack_choices()
    with force_locale(language):
        pack = board_pack.build(authority, quarter)
        html = render_template(
            template,
            pack=pack,
            form=form,
            young=young,
            heading=_heading(quarter, young),
            choice_args=args,
            html_lang=html_lang(language),
            text_direction=direction(language),
            made_on=local_date(date.today()),
            can_choose_quotes=_may("reports.board_quotes"),
            **extra,
        )
    return html, pack, args


@bp.route("/staff/reports/board")
@allow(*PACK_ROLES)
def board():
    html, pack, args = _render_pack("reports/staff/board.html")
    with applying():
        board_pack.viewed(pack.authority, **args)
    return html


@bp.route("/staff/reports/board.pdf")
@allow(*PACK_ROLES)
def board_pdf():
    html, pack, args = _render_pack("reports/staff/board_pdf.html")
    pdf = render_pdf(html)
    with applying():
        board_pack.downloaded(pack.authority, format="pdf", **args)
    name = f"board-pack-{pack.authority.slug}-{pack.quarter.key}{'-young' if args['version'] == YOUNG else ''}-{args['language']}.pdf"
    return Response(pdf, mimetype="application/pdf", headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/staff/reports/board.csv")
@allow(*PACK_ROLES)
def board_csv():
    authority, form, quarter, language, young, args = _pack_choices()
    with force_locale(language):
        rows = board_pack.csv_rows(board_pack.build(authority, quarter))
    with applying():
        board_pack.downloaded(authority, format="csv", **args)
    return csv_response(rows, f"board-pack-{authority.slug}-{quarter.key}-{language}.csv")


@bp.route("/staff/reports/board/quotes", methods=["GET", "POST"])
@allow(PARTICIPATION)
def board_quotes():
    authority = current_authority()
    today = date.today()
    quarter = Q.parse(request.values.get("quarter")) or Q.last_complete(today)
    if quarter not in Q.choices(today):
        abort(404)
    offered = {q.item_id: q for q in quotes.candidates(authority.id, quarter)}
    current = quotes.chosen(authority.id, quarter)
    offered.update({q.item_id: q for q in current})
    form = QuotesForm()
    form.items.choices = [(item_id, quote.text) for item_id, quote in offered.items()]
    if request.method == "GET":
        form.items.data = [q.item_id for q in current]
    if form.validate_on_submit():
        with applying(form, field="items") as outcome:
            quotes.choose(authority.id, quarter, form.items.data or [], current_user)
        if outcome.ok:
            flash(_l("Quotes saved for %(quarter)s.", quarter=quarter.label()), "success")
            return redirect(url_for("reports.board", quarter=quarter.key))
    return render_template(
        "reports/staff/quotes.html", form=form, quarter=quarter, offered=list(offered.values()), chosen={q.item_id for q in current},
        source_label=source_label, limit=quotes.MAX_QUOTES,
    )


# --- the DfE return ---------------------------------------------------------------------------


def _period():
    form = PeriodForm(request.args)
    form.validate()
    default_start, default_end = dfe.collection_year(date.today())
    start, end = form.start.data or default_start, form.end.data or default_end
    if end < start:
        start, end = end, start
    return form, start, end


@bp.route("/staff/reports/dfe-return")
@allow(ADMIN)
def dfe_return():
    form, start, end = _period()
    found = dfe.reviews_return(current_authority().id, start, end)
    return render_template("reports/staff/dfe_return.html", form=form, start=start, end=end, found=found)


@bp.route("/staff/reports/dfe-return.csv")
@allow(ADMIN)
def dfe_return_csv():
    form, start, end = _period()
    authority = current_authority()
    found = dfe.reviews_return(authority.id, start, end)
    if not found.ok:
        flash(_l("Put right the problems listed before downloading the return."), "error")
        return redirect(url_for("reports.dfe_return", start=start.isoformat(), end=end.isoformat()))
    with applying():
        dfe.downloaded(found, authority, start, end)
    return csv_response(found.csv_rows(), f"ssda903-reviews-{authority.slug}-{start.isoformat()}-{end.isoformat()}.csv")
