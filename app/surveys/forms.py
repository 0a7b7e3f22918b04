"""Forms for surveys. Answer screens are built by hand from the question (see routes.answer)."""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..auth.models import CARE_LEAVER, IN_CARE
from ..i18n.locales import language_name


class CodeForm(FlaskForm):
    code = StringField(_l("Your code"), validators=[DataRequired(_l("Enter the code from your card"))], description=_l("It is 12 letters and numbers, like 4KX7-M9PQ-3RTA. Capital letters or small letters both work."))


class HelpForm(FlaskForm):
    helped = RadioField(
        _l("Is a grown-up helping you with these questions?"),
        choices=[("yes", _l("Yes")), ("no", _l("No"))],
        validators=[Optional()],
        description=_l("It should be a grown-up you trust who is not your carer or your social worker."),
    )


class WaveForm(FlaskForm):
    version_id = SelectField(_l("Survey"), validators=[InputRequired(_l("Choose a survey"))])
    title = StringField(_l("Name of this wave"), validators=[DataRequired(_l("Give the wave a name, for example Spring 2027")), Length(max=120)])
    opens_on = DateField(_l("Opens on"), validators=[InputRequired(_l("Enter the date it opens, like 2027-03-01"))], default=date.today)
    closes_on = DateField(_l("Closes on"), validators=[InputRequired(_l("Enter the date it closes, like 2027-04-30"))], default=lambda: date.today() + timedelta(days=42))
    care_statuses = SelectMultipleField(
        _l("Who is it for?"),
        choices=[(IN_CARE, _l("Children in care")), (CARE_LEAVER, _l("Care leavers"))],
        default=[IN_CARE],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[DataRequired(_l("Choose who the wave is for"))],
    )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if ok and self.closes_on.data < self.opens_on.data:
            self.closes_on.errors.append(_l("The closing date must be on or after the opening date"))
            return False
        return ok


class CodesForm(FlaskForm):
    count = IntegerField(
        _l("How many codes?"),
        validators=[InputRequired(_l("Enter how many codes to make")), NumberRange(min=1, max=500, message=_l("Make between 1 and 500 codes at a time"))],
        default=30,
        description=_l("Each code can be used once. Print them now: Heard keeps no copy of the codes, only a way to check them."),
    )


class CopySurveyForm(FlaskForm):
    title = StringField(_l("Name of your version"), validators=[DataRequired(_l("Give your version a name")), Length(max=200)])


def question_form(languages: list[str], question=None, *, kinds=None):
    """A form with the question's words in each language the council uses. With `kinds` (a new
    question) it also asks the kind of answer and, for a choice, the answers one a line."""

    class QuestionForm(FlaskForm):
        pass

    if kinds is not None:
        QuestionForm.kind = RadioField(_l("Kind of answer"), choices=kinds, validators=[InputRequired(_l("Choose the kind of answer"))])
        QuestionForm.options = options_field()


    for code in languages:
        label = _l("Question in %(language)s", language=language_name(code))
        validators = [DataRequired(_l("Enter the question in English"))] if code == "en" else [Optional()]
        setattr(QuestionForm, f"text_{code}", TextAreaField(label, validators=validators + [Length(max=500)]))
        setattr(QuestionForm, f"hint_{code}", StringField(_l("Hint in %(language)s", language=language_name(code)), validators=[Optional(), Length(max=300)]))
    form = QuestionForm()
    if question is not None and not form.is_submitted():
        for code in languages:
            getattr(form, f"text_{code}").data = (question.text or {}).get(code, "")
            getattr(form, f"hint_{code}").data = (question.hint or {}).get(code, "")
    return form


def options_field():
    return TextAreaField(
        _l("Answers to choose from"),
        description=_l("One answer a line. Needed for one answer or any number of answers; “I’d rather not say” is always added."),
        validators=[Optional(), Length(max=5000)],
    )


class OptionsForm(FlaskForm):
    options = options_field()
