"""Forms for both sides of views before reviews. Every field is optional for the young person."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, FieldList, HiddenField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..i18n.locales import LANGUAGES
from . import steps as S
from .models import OUTCOMES, PN_CODES, REVIEW_KINDS
from .steps import FACE_LABELS, FACES

MAX_TEXT = 5000
_too_long = _l("Keep this under 5,000 characters. Nothing you wrote is lost: shorten it a little and try again.")


def _text(label, **kwargs):
    return TextAreaField(label, validators=[Optional(), Length(max=MAX_TEXT, message=_too_long)], **kwargs)


def language_choices():
    return list(LANGUAGES.items())


class TopicForm(FlaskForm):
    face = RadioField(_l("Pick a face"), choices=[(f, FACE_LABELS[f]) for f in FACES], validators=[Optional()])
    text = _text(_l("What you want to say"))


class WishesForm(FlaskForm):
    wishes = FieldList(_text(_l("Something you want")), min_entries=1, max_entries=20)


class HelperForm(FlaskForm):
    helped = BooleanField(_l("A grown-up I trust is helping me"))
    helper_name = StringField(_l("Who is helping? (for example: Mum, my foster carer, my teacher)"), validators=[Optional(), Length(max=120)])


YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


class MeetingForm(FlaskForm):
    attend = RadioField(
        _l("Do you want to go to your meeting?"),
        choices=[("in_person", _l("Yes, in person")), ("online", _l("Yes, online")), ("not_attend", _l("No, but I want my views to be there"))],
        validators=[Optional()],
    )
    chair = RadioField(
        _l("Would you like to run (chair) your meeting?"),
        choices=[("chair", _l("Yes, I want to chair it")), ("co_chair", _l("I want to chair it with my IRO")), ("no", _l("No, my IRO can chair it"))],
        validators=[Optional()],
    )
    where_when = _text(_l("Where and when would suit you?"), description=_l("For example: after school, not at school, at home, online."))
    want_there = _text(_l("Who do you want at your meeting?"))
    not_there = _text(_l("Is there anyone you do not want there?"))
    meet_iro = RadioField(_l("Do you want to meet your IRO before the meeting?"), choices=YES_NO, validators=[Optional()])
    advocate = RadioField(
        _l("Would you like an advocate?"),
        description=_l("An advocate is someone on your side who helps you say what you want. They do not work for your social worker."),
        choices=[("yes", _l("Yes, please")), ("have_one", _l("I already have one")), ("no", _l("No, thank you"))],
        validators=[Optional()],
    )
    interpreter = RadioField(_l("Do you need an interpreter at your meeting?"), choices=YES_NO, validators=[Optional()])
    interpreter_language = SelectField(_l("Which language?"), choices=[("", "")] + language_choices(), validators=[Optional()])


class EarlyMeetingForm(MeetingForm):
    """The meeting step for 4 to 7 year olds, done with a grown-up: the same answers, in words a
    young child knows ("the person who runs your meeting", "someone on your side")."""

    meet_iro = RadioField(_l("Do you want to meet the person who runs your meeting before it starts?"), choices=YES_NO, validators=[Optional()])
    advocate = RadioField(
        _l("Would you like someone on your side, to help you say what you want?"),
        description=_l("They are there just for you. They do not work for your social worker."),
        choices=[("yes", _l("Yes, please")), ("have_one", _l("I already have someone")), ("no", _l("No, thank you"))],
        validators=[Optional()],
    )
    interpreter = RadioField(_l("Do you need someone at your meeting who speaks your language?"), choices=YES_NO, validators=[Optional()])


class ReadersForm(FlaskForm):
    readers = SelectMultipleField(_l("Who can read what you wrote?"), choices=[], validators=[Optional()])


STEP_FORMS = {S.TOPIC: TopicForm, S.WISHES: WishesForm, S.HELPER: HelperForm, S.MEETING: MeetingForm, S.READERS: ReadersForm}


def step_form(step: S.Step, version: str, *, data: dict, formdata=None, readers=(), csrf: bool = True):
    """The form of one step of a draft, or None (the check step has none). `readers` are the
    (role, person) choices of the readers step; `csrf=False` for fields whose post was checked already."""
    form_class = EarlyMeetingForm if step.kind == S.MEETING and version == S.EARLY else STEP_FORMS.get(step.kind)
    if form_class is None:
        return None
    form = form_class(formdata=formdata, data=data, **({} if csrf else {"meta": {"csrf": False}}))
    if step.kind == S.READERS:
        form.readers.choices = [(role, person.display_name) for role, person in readers]
    return form


class SendForm(FlaskForm):
    language = SelectField(_l("Which language did you write in?"), choices=language_choices(), validators=[Optional()])
    key = HiddenField()


class AdditionForm(FlaskForm):
    text = TextAreaField(_l("What do you want to add?"), validators=[DataRequired(_l("Write what you want to add")), Length(max=MAX_TEXT, message=_too_long)])
    language = SelectField(_l("Which language did you write in?"), choices=language_choices(), validators=[Optional()])
    key = HiddenField()


# --------------------------------------------------------------------------- staff


KIND_CHOICES = [("lac", _l("Looked-after child review")), ("pathway", _l("Pathway plan review"))]
assert [k for k, _ in KIND_CHOICES] == list(REVIEW_KINDS)


class ReviewForm(FlaskForm):
    young_person = SelectField(_l("Young person"), choices=[], validators=[DataRequired(_l("Choose a young person"))])
    date = DateField(_l("Date of the review (if you know it)"), validators=[Optional()], description=_l("Leave empty if it is not set yet."))
    kind = RadioField(_l("Type of review"), choices=KIND_CHOICES, default="lac", validators=[DataRequired(_l("Choose the type of review"))])


class ReviewDateForm(FlaskForm):
    date = DateField(_l("Date of the review"), validators=[Optional()])


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"), description=_l("Columns: reference, date, type, iro_email. One review a row."))


class AcknowledgeForm(FlaskForm):
    note = TextAreaField(
        _l("A short message back (optional)"),
        description=_l("The young person sees this with your name. Keep it simple and kind."),
        validators=[Optional(), Length(max=1000)],
    )


OUTCOME_CHOICES = [("agreed", _l("Agreed")), ("not_this_time", _l("Not this time, because...")), ("find_out", _l("We'll find out"))]
assert [k for k, _ in OUTCOME_CHOICES] == list(OUTCOMES)


class OutcomeForm(FlaskForm):
    outcome = RadioField(_l("What was decided?"), choices=OUTCOME_CHOICES, validators=[DataRequired(_l("Choose what was decided"))])
    text = TextAreaField(
        _l("In words the young person will understand"),
        description=_l("Needed for 'not this time' and 'we'll find out': say why, or who will find out and when."),
        validators=[Optional(), Length(max=MAX_TEXT)],
    )


class ParticipationForm(FlaskForm):
    code = RadioField(_l("How did the young person take part?"), choices=[(c, c) for c in PN_CODES], validators=[DataRequired(_l("Choose how the young person took part"))])


class ReportForm(FlaskForm):
    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])


def meeting_summary(meeting: dict | None) -> list[tuple[str, str, bool]]:
    """(question, answer, written_by_them) for each meeting answer given, in the form's order."""
    meeting = meeting or {}
    form = MeetingForm(formdata=None, meta={"csrf": False})
    rows = []
    for name in ("attend", "chair", "where_when", "want_there", "not_there", "meet_iro", "advocate", "interpreter", "interpreter_language"):
        value = meeting.get(name)
        if not value:
            continue
        field = getattr(form, name)
        choices = dict(field.choices) if hasattr(field, "choices") and field.choices else {}
        if name == "interpreter_language":
            rows.append((str(field.label.text), str(LANGUAGES.get(value, value)), False))
        elif choices:
            rows.append((str(field.label.text), str(choices.get(value, value)), False))
        else:
            rows.append((str(field.label.text), value, True))
    return rows
