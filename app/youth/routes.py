"""The young person's own space: home, their people, getting help, their account."""
from flask import current_app, flash, redirect, render_template, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from .. import audit
from ..access import PUBLIC, YOUNG_PERSON, allow
from ..auth import sessions as login_sessions
from ..auth.account import change_password_form
from ..errors import applying
from ..i18n.interpreter import InterpreterForm, set_interpreter
from ..i18n.locales import SESSION_KEY as LANGUAGE_SESSION_KEY
from . import bp
from .cards import cards_for


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
    return change_password_form("youth/account.html", interpreter_form=InterpreterForm(formdata=None).fill(current_user))


@bp.route("/account/interpreter", methods=["POST"])
@allow(YOUNG_PERSON)
def account_interpreter():
    form = InterpreterForm()
    if form.validate_on_submit():
        me = current_user._get_current_object()
        with applying() as outcome:
            set_interpreter(me, form.needed, form.interpreter_language.data, by=me)
        if outcome.ok:
            flash(_l("Saved."), "success")
    return redirect(url_for("youth.account"))


# What each kind of reading means, said to the young person whose things were read.
READ_WORDS = {
    "views.read": _l("Read your views before your review"),
    "views.printed": _l("Printed your views before your review"),
    "views.pdf_downloaded": _l("Saved your views for your review record"),
    "review.viewed": _l("Looked at your review"),
    "young_person.viewed": _l("Looked at your details, like your name and who supports you"),
}


@bp.route("/who-has-read")
@allow(YOUNG_PERSON)
def who_has_read():
    """Everyone on the staff who has opened your things, what and when: the same log the council
    keeps, so nothing is left out."""
    return render_template("youth/who_has_read.html", reads=audit.reads_of(current_user), words=READ_WORDS)


@bp.route("/exit")
@allow(PUBLIC)
def quick_exit():
    """"Exit this page": sign out on this device at once and go somewhere harmless. Pages are
    never cached (no-store), so Back asks the server again and finds nobody signed in. What the
    young person saved stays on the server for next time. The button's script replaces the page
    in the history (location.replace); without JavaScript the link still comes here."""
    language = session.get(LANGUAGE_SESSION_KEY)
    if current_user.is_authenticated:
        with applying():
            login_sessions.end_current(login_sessions.SIGNED_OUT)  # for every copy of the cookie too
        logout_user()
    session.clear()
    if language:  # so that signing in again speaks their language, as after signing out
        session[LANGUAGE_SESSION_KEY] = language
    return redirect(current_app.config["QUICK_EXIT_URL"])
