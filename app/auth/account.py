"""The change-password part of an account page, shared by the young person's and staff shells."""
from flask import flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from ..errors import applying
from . import service
from .forms import ChangePasswordForm


def change_password_form(template: str, **context):
    """The change-password form of a young person's or staff member's account page: a changed
    password signs every session out, this one included."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        with applying(form) as outcome:
            service.change_password(current_user._get_current_object(), form.current_password.data, form.new_password.data)
        if outcome.ok:
            logout_user()
            flash(_l("Your password is changed. Sign in with your new password."), "success")
            return redirect(url_for("auth.sign_in"))
    return render_template(template, form=form, **context)
