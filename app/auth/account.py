"""The change-password part of an account page, shared by the young person's and staff shells."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..errors import applying
from . import service
from .forms import ChangePasswordForm


def change_password_form(template: str, **context):
    """The change-password form of a young person's or staff member's account page: a changed
    password signs out every other session; this one, whose person just chose it, stays."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        with applying(form) as outcome:
            service.change_password(current_user._get_current_object(), form.current_password.data, form.new_password.data)
        if outcome.ok:
            flash(_l("Your password is changed. You are signed out on every other phone and computer."), "success")
            return redirect(url_for(request.endpoint))
    return render_template(template, form=form, **context)
