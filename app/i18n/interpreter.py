"""Whether a young person would like an interpreter, and in which language.

Set by the young person on their account page or by the staff who support them. Staff see it
next to everything the young person writes, so nobody relies on an online translation tool."""
from __future__ import annotations

from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField
from wtforms.validators import Optional

from .. import audit
from .locales import LANGUAGES

if TYPE_CHECKING:  # i18n sits below auth: it names the model only in annotations
    from ..auth.models import User


def _language_choices():
    return [("", "")] + list(LANGUAGES.items())


class InterpreterForm(FlaskForm):
    """The young person's own wording."""

    interpreter = RadioField(
        _l("I would like an interpreter"),
        choices=[("yes", _l("Yes")), ("no", _l("No"))],
        validators=[Optional()],
        validate_choice=False,
    )
    interpreter_language = SelectField(_l("Which language?"), choices=_language_choices(), validators=[Optional()], validate_choice=False)

    # Only yes/no and the listed languages can be sent; anything else is read as "no" or "not known".
    @property
    def needed(self) -> bool:
        return self.interpreter.data == "yes"

    def fill(self, person: User) -> InterpreterForm:
        self.interpreter.data = "yes" if person.interpreter_needed else "no"
        self.interpreter_language.data = person.interpreter_language or ""
        return self


class StaffInterpreterForm(InterpreterForm):
    """The same setting in the neutral wording staff read."""

    interpreter = RadioField(
        _l("Interpreter needed"),
        choices=[("yes", _l("Yes")), ("no", _l("No"))],
        validators=[Optional()],
        validate_choice=False,
    )


def set_interpreter(person: User, needed: bool, language: str | None, *, by: User) -> bool:
    """Change the setting and audit who changed it. Returns False when nothing changed."""
    language = language if needed and language in LANGUAGES else None
    if person.interpreter_needed == needed and person.interpreter_language == language:
        return False
    person.interpreter_needed = needed
    person.interpreter_language = language
    audit.record("young_person.interpreter_changed", person, actor=by, needed=needed, language=language)
    return True
