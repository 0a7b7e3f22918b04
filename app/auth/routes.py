"""Sign-in for young people (username) and staff (email, password and an authenticator code)."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import refresh
from flask_login import current_user, login_user, logout_user

from ..access import PUBLIC, SIGNED_IN, allow
from ..errors import applying
from ..extensions import limiter
from ..i18n.locales import SESSION_KEY, speak_to
from ..models_base import utcnow
from ..qr import qr_svg
from ..safe_redirect import safe_next
from ..tenancy import set_current_authority
from ..web import RATE_LIMITED_FORMS, wait_message
from . import bp, carry, limits, service, sessions
from .forms import InviteCodeForm, NewAccountForm, ResetForm, SecondFactorForm, SignInForm
from .models import YOUNG_PERSON

PENDING = "pending_second_factor"
INVITE_SESSION = "invite_code_id"  # the code's row, never the code: the session cookie is readable


def _sign_in_limit():
    return current_app.config["SIGN_IN_LIMIT"]


def _code_limit():
    return current_app.config["CODE_LIMIT"]


def home_for(user) -> str:
    return url_for("staff.home") if user.is_staff else url_for("youth.home")


def _finish_sign_in(user, carried=None):
    sessions.start(user)
    login_user(user)
    session["seen"] = utcnow().timestamp()  # idle time counts from signing in (app/web.py)
    session.pop(PENDING, None)
    if user.preferred_language:
        session[SESSION_KEY] = user.preferred_language
    refresh()  # the notices below are in the signed-in person's language
    then = None
    with applying():
        service.note_sign_in(user)
        for notice in service.take_notices(user):
            flash(notice, "info")
        then = carry.apply(user, carried)  # what they typed before signing in, if it is theirs to keep
    after = safe_next(session.pop("next", None))
    response = redirect(then or after or home_for(user))
    limits.trust_this_device(response, user)
    return response


@bp.route("/")
@allow(PUBLIC)
def index():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    return redirect(url_for("auth.sign_in"))


@bp.route("/sign-in", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(_sign_in_limit, methods=["POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = SignInForm()
    carried = carry.from_sign_in(request.form) if request.method == "POST" else None
    if request.method == "GET" and request.args.get("next"):
        session["next"] = request.args["next"]
    if form.validate_on_submit():
        accounts = [limits.account_of(form.identifier.data)]
        wait = limits.wait_before_guessing(limits.SIGN_IN, accounts)
        if wait:
            return _sign_in_again(wait_message(wait)), 429
        user = service.authenticate(form.identifier.data, form.password.data)
        if user is not None:
            set_current_authority(user.authority_id)  # the rest of this request is about their council
        if user is None:
            limits.wrong_guess(limits.SIGN_IN, accounts)
            form.password.errors.append(_l("That username or password is not right. Check them and try again."))
        elif user.is_staff:
            with applying():  # keeps a password hashed again the newer way
                session[PENDING] = service.pending_mark(user)
            if user.totp_confirmed_at is None:
                return redirect(url_for("auth.set_up_second_factor"))
            return redirect(url_for("auth.second_factor"))
        else:
            return _finish_sign_in(user, carried)
    return render_template("auth/sign_in.html", form=form, carried=carried)


def _pending_user():
    pending = session.get(PENDING)
    user = service.pending_user(pending) if pending else None
    if user is not None:
        set_current_authority(user.authority_id)  # half-way through signing in to their council
    return user


@bp.route("/sign-in/code", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(_code_limit, methods=["POST"])
def second_factor():
    user = _pending_user()
    if user is None or user.totp_confirmed_at is None:
        return redirect(url_for("auth.sign_in"))
    form = SecondFactorForm()
    if form.validate_on_submit():
        accounts = limits.accounts_of(user)
        wait = limits.wait_before_guessing(limits.CODE, accounts)
        if wait:
            return _code_form_again("auth/second_factor.html", SecondFactorForm)(wait_message(wait)), 429
        with applying():  # a used code stays used, right or wrong
            right = service.check_totp(user, form.code.data)
        if right:
            return _finish_sign_in(user)
        limits.wrong_guess(limits.CODE, accounts)
        form.code.errors.append(_l("That code is not right or has already been used. Wait for a new code and try again."))
    return render_template("auth/second_factor.html", form=form)


@bp.route("/sign-in/set-up-code", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(_code_limit, methods=["POST"])
def set_up_second_factor():
    user = _pending_user()
    if user is None or user.totp_confirmed_at is not None:
        return redirect(url_for("auth.sign_in"))
    with applying():
        secret = service.start_totp_enrolment(user)
    form = SecondFactorForm()
    limited = None
    if form.validate_on_submit():
        accounts = limits.accounts_of(user)
        wait = limits.wait_before_guessing(limits.CODE, accounts)
        if wait:
            limited = wait_message(wait)
        elif service.confirm_totp(user, form.code.data):
            return _finish_sign_in(user)
        else:
            limits.wrong_guess(limits.CODE, accounts)
            form.code.errors.append(_l("That code is not right. Check the time on your phone is correct and try the newest code."))
    qr = qr_svg(service.totp_uri(user), title=str(_l("QR code for your authenticator app")))
    page = render_template("auth/set_up_second_factor.html", form=form, qr=qr, secret=secret, limited=limited)
    return (page, 429) if limited else page


@bp.route("/join", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(_code_limit, methods=["POST"])
def join():
    """Step 1 of setting up an account: the invite code (typed, or from the card's QR code)."""
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    # The card's link names the child's language; it is not looked up from the code, as a page
    # that changed for a valid code would let anyone test codes past the rate limit.
    speak_to(request.args.get("lang"))
    form = InviteCodeForm()
    if request.method == "GET" and request.args.get("code"):
        form.code.data = request.args["code"]
    if form.validate_on_submit():
        access = service.find_code(form.code.data, "invite")
        if access is None:
            form.code.errors.append(_l("That code does not work. Check it, or ask your worker for a new one."))
        else:
            session[INVITE_SESSION] = access.id
            return redirect(url_for("auth.join_account"))
    return render_template("auth/join.html", form=form)


@bp.route("/join/account", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(_code_limit, methods=["POST"])
def join_account():
    """Step 2: a username (young people), a password and a language."""
    access = service.usable_code(session.get(INVITE_SESSION), "invite")
    if access is None:
        session.pop(INVITE_SESSION, None)
        flash(_l("Enter your code to start."), "info")
        return redirect(url_for("auth.join"))
    set_current_authority(access.authority_id)  # the code says whose council this page is about
    user = access.user
    speak_to(user.preferred_language)
    form = NewAccountForm()
    if request.method == "GET":
        form.language.data = session.get(SESSION_KEY) or user.preferred_language or "en"
    if form.validate_on_submit():
        with applying(form, field="password") as outcome:
            service.redeem_invite(access, username=form.username.data, password=form.password.data, language=form.language.data)
        if outcome.ok:
            session.pop(INVITE_SESSION, None)
            session[SESSION_KEY] = form.language.data
            if user.is_staff:
                flash(_l("Your password is set. Sign in to set up your authenticator app."), "success")
                return redirect(url_for("auth.sign_in"))
            return _finish_sign_in(user)
    return render_template("auth/join_account.html", form=form, user=user, is_young_person=user.role == YOUNG_PERSON)


@bp.route("/reset", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(_code_limit, methods=["POST"])
def reset():
    speak_to(request.args.get("lang"))
    form = ResetForm()
    if request.method == "GET" and request.args.get("code"):
        form.code.data = request.args["code"]
    if form.validate_on_submit():
        with applying(form, field="password") as outcome:
            service.reset_password_with_code(form.code.data, form.password.data)
        if outcome.ok:
            flash(_l("Your new password is set. Sign in with it now."), "success")
            return redirect(url_for("auth.sign_in"))
    return render_template("auth/reset.html", form=form)


def _clear_session_keeping_language():
    # Nothing of the signed-in person stays behind, but the page keeps speaking their language.
    language = session.get(SESSION_KEY)
    logout_user()
    session.clear()
    if language:
        session[SESSION_KEY] = language


@bp.route("/sign-out", methods=["POST"])
@allow(PUBLIC)
def sign_out():
    with applying():
        sessions.end_current(sessions.SIGNED_OUT)  # every copy of this cookie, on every server
    _clear_session_keeping_language()
    flash(_l("You have signed out."), "success")
    return redirect(url_for("auth.sign_in"))


@bp.route("/sign-out-everywhere", methods=["POST"])
@allow(SIGNED_IN)
def sign_out_everywhere():
    with applying():
        service.sign_out_everywhere(current_user._get_current_object())
    _clear_session_keeping_language()
    flash(_l("You have signed out on every phone and computer."), "success")
    return redirect(url_for("auth.sign_in"))


def _sign_in_again(message):
    form = SignInForm()
    form.password.errors = []
    return render_template("auth/sign_in.html", form=form, limited=message, carried=carry.from_sign_in(request.form))


def _code_form_again(template, form_class):
    def render(message):
        form = form_class()
        return render_template(template, form=form, limited=message)

    return render


RATE_LIMITED_FORMS.update(
    {
        "auth.sign_in": _sign_in_again,
        "auth.second_factor": _code_form_again("auth/second_factor.html", SecondFactorForm),
        "auth.join": _code_form_again("auth/join.html", InviteCodeForm),
        "auth.reset": _code_form_again("auth/reset.html", ResetForm),
    }
)
