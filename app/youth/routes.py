"""The young person's own space: home, their people, getting help, their account."""
from flask import flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from ..access import YOUNG_PERSON, allow
from ..auth import service as auth_service
from ..auth.forms import ChangePasswordForm
from ..extensions import db
from ..i18n.interpreter import InterpreterForm, set_interpreter
from . import bp
from .cards import Card, card_provider, cards_for


@card_provider
def _my_people(young_person):
    if not (young_person.iro or young_person.worker):
        return None
    return Card(title=_l("Your people"), template="youth/cards/people.html", order=80)


@card_provider
def _get_help(young_person):
    return Card(title=_l("Need help?"), template="youth/cards/help.html", order=90)


@bp.route("/")
@allow(YOUNG_PERSON)
def home():
    return render_template("youth/home.html", cards=cards_for(current_user))


@bp.route("/help")
@allow(YOUNG_PERSON)
def help():
    return render_template("youth/help.html")


@bp.route("/account", methods=["GET", "POST"])
@allow(YOUNG_PERSON)
def account():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            auth_service.change_password(current_user._get_current_object(), form.current_password.data, form.new_password.data)
        except auth_service.AuthError as error:
            getattr(form, error.field).errors.append(error.message)
        else:
            db.session.commit()
            logout_user()
            flash(_l("Your password is changed. Sign in with your new password."), "success")
            return redirect(url_for("auth.sign_in"))
    return render_template("youth/account.html", form=form, interpreter_form=InterpreterForm(formdata=None).fill(current_user))


@bp.route("/account/interpreter", methods=["POST"])
@allow(YOUNG_PERSON)
def account_interpreter():
    form = InterpreterForm()
    if form.validate_on_submit():
        me = current_user._get_current_object()
        set_interpreter(me, form.needed, form.interpreter_language.data, by=me)
        db.session.commit()
        flash(_l("Saved."), "success")
    return redirect(url_for("youth.account"))
