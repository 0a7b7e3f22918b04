"""The language picker: works as a plain form, so no JavaScript is needed."""
from flask import Blueprint, redirect, request, session, url_for
from flask_login import current_user

from ..access import PUBLIC, allow
from ..errors import applying
from ..safe_redirect import safe_next
from . import bidi, bilingual
from .locales import SESSION_KEY, is_supported

bp = Blueprint("i18n", __name__)
bp.record_once(lambda state: bidi.register(state.app))  # |isolate, |ltr, phone_link(), email_link()
bp.record_once(lambda state: bilingual.register(state.app))  # render_in(), lang_attributes()


@bp.route("/language", methods=["POST"])
@allow(PUBLIC)
def choose_language():
    code = request.form.get("language")
    if is_supported(code):
        session[SESSION_KEY] = code
        if current_user.is_authenticated:
            with applying():
                current_user.preferred_language = code
    return redirect(safe_next(request.form.get("next")) or url_for("auth.index"))
