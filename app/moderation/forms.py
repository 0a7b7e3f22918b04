from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..i18n.locales import LANGUAGES
from .service import REASON_LABELS

APPROVE = "approve"
APPROVE_REDACTED = "approve_redacted"
REJECT = "reject"
ESCALATE = "escalate"


class DecisionForm(FlaskForm):
    action = RadioField(
        _l("What do you want to do?"),
        choices=[
            (APPROVE, _l("Publish as written")),
            (APPROVE_REDACTED, _l("Publish with my changes (the edited text below)")),
            (REJECT, _l("Do not publish")),
            (ESCALATE, _l("Raise a safeguarding alert")),
        ],
        validators=[InputRequired(_l("Choose what to do"))],
    )
    text = TextAreaField(_l("Text to publish"), validators=[Optional(), Length(max=10_000)], description=_l("Remove anything that could show who someone is. Both versions are kept."))
    reason = RadioField(_l("Why is it not being published?"), choices=list(REASON_LABELS.items()), validators=[Optional()], validate_choice=False)
    note = TextAreaField(_l("Note for other staff (optional)"), validators=[Optional(), Length(max=2000)], description=_l("Not shown to the young person."))

    def validate_reason(self, field):
        if self.action.data == REJECT and field.data not in REASON_LABELS:
            raise ValidationError(_l("Choose why it is not being published"))

    def validate_text(self, field):
        if self.action.data == APPROVE_REDACTED and not (field.data or "").strip():
            raise ValidationError(_l("Enter the text to publish, or choose another action"))


class NoteForm(FlaskForm):
    text = TextAreaField(_l("Note"), validators=[DataRequired(_l("Write a note")), Length(max=10_000)])


class CloseForm(FlaskForm):
    text = TextAreaField(
        _l("What was done?"),
        validators=[DataRequired(_l("Say what was done before closing the alert")), Length(max=10_000)],
        description=_l("For example: spoke to the young person, referred to the front door, no further action and why."),
    )


def _lines(max_lines: int):
    def check(form, field):
        if len([line for line in (field.data or "").splitlines() if line.strip()]) > max_lines:
            raise ValidationError(_l("Keep the list to %(count)s lines or fewer", count=max_lines))
        if any(len(line.strip()) > 200 for line in (field.data or "").splitlines()):
            raise ValidationError(_l("Keep each line to 200 characters or fewer"))

    return check


class ListsForm(FlaskForm):
    names = TextAreaField(
        _l("Other names to look for"),
        validators=[_lines(2000)],
        description=_l("One per line: carers, family members and others who do not have a Heard account. Names of everyone with an account are looked for already."),
    )
    schools = TextAreaField(_l("Schools and colleges"), validators=[_lines(2000)], description=_l("One per line, as people write them, for example Northmoor Academy."))


# One risk-phrase box per language, added to ListsForm at import time.
for _code, _name in LANGUAGES.items():
    setattr(
        ListsForm,
        f"risk_{_code}",
        TextAreaField(_l("Extra risk words in %(language)s", language=_name), validators=[_lines(500)]),
    )

TIME = Regexp(r"^([01]\d|2[0-3]):[0-5]\d$", message=_l("Enter a time like 09:00"))
DAYS = [
    ("0", _l("Monday")),
    ("1", _l("Tuesday")),
    ("2", _l("Wednesday")),
    ("3", _l("Thursday")),
    ("4", _l("Friday")),
    ("5", _l("Saturday")),
    ("6", _l("Sunday")),
]
ESCALATION_STEPS = 5


class SettingsForm(FlaskForm):
    ack_minutes = IntegerField(
        _l("Minutes to acknowledge an alert"),
        validators=[InputRequired(_l("Enter a number of minutes")), NumberRange(5, 1440, _l("Enter between 5 and 1440 minutes"))],
        description=_l("Counted in real minutes, day and night, weekends and bank holidays too."),
    )
    work_start = StringField(_l("Office opens"), validators=[DataRequired(_l("Enter a time like 09:00")), TIME])
    work_end = StringField(_l("Office closes"), validators=[DataRequired(_l("Enter a time like 17:00")), TIME])
    work_days = SelectMultipleField(
        _l("Office days"), choices=DAYS, option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False),
        validators=[DataRequired(_l("Choose at least one office day"))],
        description=_l("Outside these hours, and on bank holidays, the out-of-hours team is told at once as well."),
    )
    out_of_hours_phone = StringField(
        _l("Out-of-hours team phone number"), validators=[Optional(), Length(max=40)],
        description=_l("The emergency duty team. Young people are shown this number when they need help."),
    )
    out_of_hours_email = StringField(
        _l("Out-of-hours team email address"),
        validators=[Optional(), Length(max=200), Email(_l("Enter an email address like edt@council.gov.uk"))],
        description=_l("Alerts raised, or still not acknowledged, outside office hours are emailed here at once."),
    )
    enabled = BooleanField(_l("Safeguarding alerts are switched on for this council"))


for _step in range(1, ESCALATION_STEPS + 1):
    setattr(SettingsForm, f"step_{_step}", SelectField(_l("Escalate to, step %(number)s", number=_step), choices=[], validate_choice=False))


class FiguresForm(FlaskForm):
    class Meta:
        csrf = False

    period = SelectField(
        _l("Period"),
        choices=[("7", _l("Last 7 days")), ("30", _l("Last 30 days")), ("90", _l("Last 90 days")), ("365", _l("Last 12 months")), ("all", _l("All time"))],
        default="30",
    )
