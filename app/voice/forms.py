"""Forms for Heard between reviews. Everything is optional for the young person unless nothing
could happen without it."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, EmailField, HiddenField, IntegerField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from ..i18n.locales import LANGUAGES
from . import steps as S
from .models import CALL_OUTCOMES, FACES, FINDINGS, GOOD_TIMES, TOPICS

MAX_TEXT = 5000
_too_long = _l("Keep this under 5,000 characters. Nothing you wrote is lost: shorten it a little and try again.")


def _text(label, **kwargs):
    return TextAreaField(label, validators=[Optional(), Length(max=MAX_TEXT, message=_too_long)], **kwargs)


def language_choices():
    return list(LANGUAGES.items())


# --------------------------------------------------------------------------- the young person's steps


class HelperForm(FlaskForm):
    helped = BooleanField(_l("A grown-up I trust is helping me"))
    helper_name = StringField(_l("Who is helping? (for example: Mum, my foster carer, my teacher)"), validators=[Optional(), Length(max=120)])


class FaceForm(FlaskForm):
    face = RadioField(_l("Pick a face"), choices=[(f, S.FACE_LABELS[f]) for f in FACES], validators=[Optional()])


class TopicForm(FlaskForm):
    topic = RadioField(_l("What it is about"), choices=[(t, S.TOPIC_LABELS[t]) for t in TOPICS], validators=[Optional()])


class TextForm(FlaskForm):
    text = _text(_l("What you want to say"))


class ReadersForm(FlaskForm):
    readers = SelectMultipleField(_l("Who can read it?"), choices=[], validators=[Optional()])


class TeamForm(FlaskForm):
    team = RadioField(_l("Who or what it is about"), choices=[], validators=[Optional()], validate_choice=False)


ADVOCATE_CHOICES = [("yes", _l("Yes, please")), ("have_one", _l("I already have one")), ("no", _l("No, thank you"))]


class AdvocateForm(FlaskForm):
    advocate = RadioField(_l("Would you like an advocate?"), choices=ADVOCATE_CHOICES, validators=[Optional()])


STEP_FORMS = {
    S.HELPER: HelperForm,
    S.FACE: FaceForm,
    S.TOPIC: TopicForm,
    S.TEXT: TextForm,
    S.READERS: ReadersForm,
    S.TEAM: TeamForm,
    S.ADVOCATE: AdvocateForm,
}


class SendForm(FlaskForm):
    language = SelectField(_l("Which language did you write in?"), choices=language_choices(), validators=[Optional()])
    key = HiddenField()


# --------------------------------------------------------------------------- call me back


GOOD_TIME_LABELS = {
    "morning": _l("Morning"),
    "afternoon": _l("Afternoon"),
    "after_school": _l("After school or college"),
    "evening": _l("Evening, before 8pm"),
    "any_time": _l("Any time"),
}
assert tuple(GOOD_TIME_LABELS) == GOOD_TIMES


class CallBackForm(FlaskForm):
    who = RadioField(_l("Who do you want to call you?"), choices=[], validators=[DataRequired(_l("Choose who you want to call you"))])
    good_times = SelectMultipleField(_l("When is a good time?"), choices=[(t, GOOD_TIME_LABELS[t]) for t in GOOD_TIMES], validators=[Optional()])
    about = _text(_l("What is it about? (you can leave this empty)"))
    phone = StringField(
        _l("Which number should they call? (you can leave this empty)"),
        description=_l("Leave it empty if they already have your number."),
        validators=[Optional(), Length(max=40)],
    )
    key = HiddenField()


CALL_OUTCOME_CHOICES = [("called", _l("We spoke")), ("no_answer", _l("I tried, but could not get through"))]
assert [k for k, _ in CALL_OUTCOME_CHOICES] == list(CALL_OUTCOMES)


class CallDoneForm(FlaskForm):
    outcome = RadioField(_l("What happened?"), choices=CALL_OUTCOME_CHOICES, validators=[DataRequired(_l("Say what happened"))])
    note = TextAreaField(
        _l("A short note for the young person (optional)"),
        description=_l("They see this on their phone. For example: I'll try again at 4pm."),
        validators=[Optional(), Length(max=1000)],
    )


# --------------------------------------------------------------------------- advocacy


CONTACT_CHOICES = [
    ("phone", _l("Call me")),
    ("text", _l("Send me a text message")),
    ("email", _l("Email me")),
    ("worker", _l("Through my worker")),
]


class AdvocacyForm(FlaskForm):
    about = _text(_l("What do you want help with? (you can leave this empty)"))
    contact_way = RadioField(_l("How should the advocate get in touch?"), choices=CONTACT_CHOICES, validators=[DataRequired(_l("Choose how the advocate should get in touch"))])
    contact = StringField(_l("Your phone number or email"), validators=[Optional(), Length(max=254)])
    consent = BooleanField(_l("Yes, Heard can share my name, age, council and how to contact me with the advocacy service"))
    key = HiddenField()


# --------------------------------------------------------------------------- staff


class ReplyForm(FlaskForm):
    text = TextAreaField(
        _l("Your reply"),
        description=_l("The young person reads this on their phone. Use short, plain words."),
        validators=[DataRequired(_l("Write your reply")), Length(max=2000)],
    )
    key = HiddenField()


class EmptyForm(FlaskForm):
    """A button that changes something: CSRF only."""


class InboxForm(FlaskForm):
    class Meta:
        csrf = False

    show = RadioField(_l("Show"), choices=[("open", _l("Not sorted yet")), ("all", _l("Everything"))], default="open", validators=[Optional()])


FINDING_CHOICES = [("upheld", _l("Upheld")), ("partly_upheld", _l("Partly upheld")), ("not_upheld", _l("Not upheld"))]
assert [k for k, _ in FINDING_CHOICES] == list(FINDINGS)


class StageResponseForm(FlaskForm):
    finding = RadioField(_l("What did you find?"), choices=FINDING_CHOICES, validators=[DataRequired(_l("Choose what you found"))])
    response = TextAreaField(
        _l("Your answer to the young person"),
        description=_l("They read this on their phone. Say what you found, what will happen, and by when, in plain words."),
        validators=[DataRequired(_l("Write your answer to the young person")), Length(max=MAX_TEXT)],
    )


class ExtendForm(FlaskForm):
    reason = TextAreaField(
        _l("Why does it need longer?"),
        description=_l("The young person sees this. Keep it plain and kind."),
        validators=[DataRequired(_l("Say why it needs longer")), Length(max=1000)],
    )


class CloseForm(FlaskForm):
    note = TextAreaField(_l("Why is it closing? (the young person sees this)"), validators=[DataRequired(_l("Say why it is closing")), Length(max=1000)])


class FeedbackReplyForm(FlaskForm):
    text = TextAreaField(
        _l("Your reply"),
        description=_l("The young person reads this on their phone. Use short, plain words."),
        validators=[DataRequired(_l("Write your reply")), Length(max=2000)],
    )


ADVOCACY_STATUS_CHOICES = [
    ("contacted", _l("We have contacted the young person")),
    ("allocated", _l("An advocate is working with them")),
    ("closed", _l("Closed")),
]


class AdvocacyStatusForm(FlaskForm):
    status = RadioField(_l("Where is it up to?"), choices=ADVOCACY_STATUS_CHOICES, validators=[DataRequired(_l("Choose where it is up to"))])
    advocate_name = StringField(_l("The advocate's first name (the young person sees it)"), validators=[Optional(), Length(max=120)])


class SettingsForm(FlaskForm):
    callback_hours = IntegerField(
        _l("Call back within (hours)"),
        description=_l("Counted on working days. Young people see the time this gives, for example 'by 4pm tomorrow'."),
        validators=[DataRequired(_l("Enter a number of hours")), NumberRange(min=1, max=120, message=_l("Promise a call back within 1 to 120 hours"))],
    )
    unread_days = IntegerField(
        _l("Tell a manager when a message is unread after (working days)"),
        validators=[DataRequired(_l("Enter a number of working days")), NumberRange(min=1, max=20, message=_l("Choose between 1 and 20 working days"))],
    )
    advocacy_name = StringField(_l("Advocacy service name"), validators=[Optional(), Length(max=200)])
    advocacy_email = EmailField(
        _l("Advocacy service email"),
        description=_l("Requests for an advocate go here, as a link with no personal details in the email."),
        validators=[Optional(), Email(_l("Enter an email address like name@example.org")), Length(max=254)],
    )
    advocacy_phone = StringField(_l("Advocacy service phone number"), description=_l("Shown to young people."), validators=[Optional(), Length(max=40)])
    complaints_email = EmailField(
        _l("Complaints team email"),
        description=_l("Told when a complaint arrives, as well as the complaints officers."),
        validators=[Optional(), Email(_l("Enter an email address like name@example.org")), Length(max=254)],
    )


class TeamSettingsForm(FlaskForm):
    name = StringField(_l("Team name, as young people would say it"), validators=[DataRequired(_l("Enter the team's name, as young people would say it")), Length(max=120)])
    email = EmailField(_l("Team email"), validators=[Optional(), Email(_l("Enter an email address like name@example.org")), Length(max=254)])
    members = SelectMultipleField(_l("Who in the team reads compliments and comments"), choices=[], validate_choice=False)
    active = BooleanField(_l("Young people can choose this team"), default=True)


class PeriodForm(FlaskForm):
    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])
