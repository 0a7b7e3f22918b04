"""Council admin: people, allocations, second-factor resets and council settings."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import ADMIN, YOUNG_PERSON, allow, declared_roles, role_may
from ..auth import service as auth_service
from ..auth.models import User
from ..errors import applying
from ..pagination import search_text
from ..staff import service as staff_service
from ..staff.routes import code_card
from ..tenancy import current_authority, get_or_404
from ..i18n.locales import LANGUAGES
from . import bp, service
from . import translations as content_gaps
from .forms import AuthoritySettingsForm, StaffForm, YoungPersonForm


@bp.route("/")
@allow(ADMIN)
def people():
    query = search_text(request.args.get("q"))
    young, staff = staff_service.people_pages(query, request.args.get("page"), request.args.get("staff_page"))
    return render_template(
        "admin/people.html",
        query=query,
        young_people=young,
        staff=staff,
    )


def _young_person_form(person=None):
    form = YoungPersonForm(obj=person)
    authority_id = current_user.authority_id
    none = [("", _l("Not allocated yet"))]
    form.iro_id.choices = none + staff_service.staff_choices(authority_id, "iro")
    form.worker_id.choices = none + staff_service.staff_choices(authority_id, "worker")
    if person is not None and request.method == "GET":
        form.iro_id.data = str(person.iro_id or "")
        form.worker_id.data = str(person.worker_id or "")
    return form


@bp.route("/young-people/new", methods=["GET", "POST"])
@bp.route("/young-people/<int:person_id>/edit", methods=["GET", "POST"])
@allow(ADMIN)
def edit_young_person(person_id: int | None = None):
    person = get_or_404(User, person_id) if person_id else None
    if person is not None and person.role != YOUNG_PERSON:
        abort(404)
    form = _young_person_form(person)
    if form.validate_on_submit():
        with applying(form) as outcome:
            fields = {name: field.data for name, field in form._fields.items() if name != "csrf_token"}
            saved = service.save_young_person(person, authority_id=current_user.authority_id, by=current_user, **fields)
        if outcome.ok:
            flash(_l("Saved %(name)s.", name=saved.display_name), "success")
            return redirect(url_for("staff.young_person", person_id=saved.id))
    return render_template("admin/young_person_form.html", form=form, person=person)


@bp.route("/staff/new", methods=["GET", "POST"])
@bp.route("/staff/<int:person_id>/edit", methods=["GET", "POST"])
@allow(ADMIN)
def edit_staff(person_id: int | None = None):
    person = get_or_404(User, person_id) if person_id else None
    if person is not None and not person.is_staff:
        abort(404)
    form = StaffForm(obj=person)
    form.line_manager_id.choices = [("", _l("None"))] + [
        choice for choice in staff_service.all_staff_choices(current_user.authority_id) if person is None or choice[0] != str(person.id)
    ]
    if person is not None and request.method == "GET":
        form.line_manager_id.data = str(person.line_manager_id or "")
    if form.validate_on_submit():
        if person is not None and person.id == current_user.id and (form.role.data != ADMIN or not form.active.data):
            form.role.errors.append(_l("You cannot remove your own admin access. Ask another admin."))
        else:
            with applying(form) as outcome:
                fields = {name: field.data for name, field in form._fields.items() if name != "csrf_token"}
                saved = service.save_staff(person, authority_id=current_user.authority_id, by=current_user, **fields)
                code = staff_service.issue_invite(saved, by=current_user) if person is None else None
            if outcome.ok:
                if code is not None:
                    return code_card(saved, code, "invite")
                flash(_l("Saved %(name)s.", name=saved.display_name), "success")
                return redirect(url_for("admin.people"))
    return render_template("admin/staff_form.html", form=form, person=person)


@bp.route("/staff/<int:person_id>/reset-second-factor", methods=["POST"])
@allow(ADMIN)
def reset_second_factor(person_id: int):
    person = get_or_404(User, person_id)
    if not person.is_staff:
        abort(404)
    with applying():
        auth_service.reset_totp(person, by=current_user)
    flash(_l("%(name)s will set up their authenticator app again when they next sign in.", name=person.display_name), "success")
    return redirect(url_for("admin.edit_staff", person_id=person.id))


@bp.route("/staff/<int:person_id>/invite", methods=["POST"])
@allow(ADMIN)
def invite_staff(person_id: int):
    person = get_or_404(User, person_id)
    if not person.is_staff:
        abort(404)
    with applying() as outcome:
        code = staff_service.issue_invite(person, by=current_user)
    if not outcome.ok:  # already set up: said on the page it came from
        return redirect(url_for("admin.edit_staff", person_id=person.id))
    return code_card(person, code, "invite")


@bp.route("/settings", methods=["GET", "POST"])
@allow(ADMIN)
def settings():
    authority = current_authority()
    form = AuthoritySettingsForm(obj=authority)
    if form.validate_on_submit():
        with applying():
            form.populate_obj(authority)
            service.settings_changed(authority)
        flash(_l("Council settings saved."), "success")
        return redirect(url_for("admin.settings"))
    return render_template("admin/settings.html", form=form)


@bp.route("/translations")
@allow(ADMIN)
def translations():
    authority = current_authority()
    languages = content_gaps.target_languages(authority)
    rows = content_gaps.missing_content(authority)

    def may_open(endpoint):
        return bool(endpoint) and role_may(current_user.role, declared_roles(endpoint) or frozenset())

    return render_template(
        "admin/translations.html",
        content_languages=languages,
        missing=content_gaps.by_language(rows, languages),
        language_names=LANGUAGES,
        may_open=may_open,
    )
