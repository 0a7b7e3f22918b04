"""The staff home, and the young people a member of staff supports."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import ADMIN, IRO, STAFF, WORKER, allow
from ..auth.account import change_password_form
from ..auth.models import User
from ..errors import applying
from ..pagination import search_text
from ..i18n import bilingual, interpreter
from ..i18n.interpreter import StaffInterpreterForm
from ..links import public_url
from ..qr import qr_svg
from ..tenancy import get_or_404
from . import bp, service


@bp.route("/")
@allow(STAFF)
def home():
    search = search_text(request.args.get("q"))
    young_people = service.young_people_page(current_user, search=search, page=request.args.get("page"))
    # An IRO or worker sees only the young people allocated to them, so an empty list needs saying.
    return render_template("staff/home.html", young_people=young_people, search=search, allocated_only=current_user.role in (IRO, WORKER))


@bp.route("/young-people/<int:person_id>")
@allow(IRO, WORKER, ADMIN)
def young_person(person_id: int):
    with applying():
        person = service.open_young_person(person_id, current_user)
    return render_template("staff/young_person.html", person=person, interpreter_form=StaffInterpreterForm(formdata=None).fill(person))


@bp.route("/young-people/<int:person_id>/interpreter", methods=["POST"])
@allow(IRO, WORKER, ADMIN)
def set_interpreter(person_id: int):
    person = get_or_404(User, person_id)
    if not service.can_support(current_user, person):
        abort(404)
    form = StaffInterpreterForm()
    if form.validate_on_submit():
        with applying() as outcome:
            interpreter.set_interpreter(person, form.needed, form.interpreter_language.data, by=current_user._get_current_object())
        if outcome.ok:
            flash(_l("Saved."), "success")
    return redirect(url_for("staff.young_person", person_id=person.id))


def code_card(person: User, code: str, purpose: str):
    """The printable card with a one-time code: shown once, as only its hash is kept. It is in the
    person's language with English beside it, and its link opens the next pages in that language."""
    endpoint = "auth.join" if purpose == "invite" else "auth.reset"
    language = bilingual.language_for(person)
    link = public_url(url_for(endpoint, code=code, lang=language if language != "en" else None))
    return render_template("staff/code_card.html", person=person, code=code, purpose=purpose, link=link, qr=qr_svg(link),
                           card_language=language)


@bp.route("/young-people/<int:person_id>/invite", methods=["POST"])
@allow(IRO, WORKER, ADMIN)
def invite(person_id: int):
    person = get_or_404(User, person_id)
    if not service.can_support(current_user, person):
        abort(404)
    with applying() as outcome:
        code = service.issue_invite(person, by=current_user)
    if not outcome.ok:  # already set up: said on the page it came from
        return redirect(url_for("staff.young_person", person_id=person.id))
    return code_card(person, code, "invite")


@bp.route("/young-people/<int:person_id>/reset-code", methods=["POST"])
@allow(IRO, WORKER, ADMIN)
def reset_code(person_id: int):
    person = get_or_404(User, person_id)
    if not service.can_support(current_user, person) or not person.has_account:
        abort(404)
    with applying():
        code = service.issue_reset(person, by=current_user)
    return code_card(person, code, "reset")


@bp.route("/account", methods=["GET", "POST"])
@allow(STAFF)
def account():
    return change_password_form("staff/account.html")
