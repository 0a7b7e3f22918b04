"""Forms for facilitators and members. Council-written text comes in every enabled language."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateTimeLocalField, EmailField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from ..i18n.locales import LANGUAGES
from .models import (
    CARE_LEAVERS,
    CICC,
    EVERYONE,
    IDEA_STATUSES,
    JUNIOR,
    LIVE_POLL,
    MEMBERS,
    MULTIPLE,
    OPEN_POLL,
    OTHER_GROUP,
    SINGLE,
)

LONDON = ZoneInfo("Europe/London")

GROUP_KIND_LABELS = {
    CICC: _l("Children in Care Council"),
    CARE_LEAVERS: _l("Care leavers' forum"),
    JUNIOR: _l("Junior council"),
    OTHER_GROUP: _l("Another group"),
}


def to_utc(value: datetime | None) -> datetime | None:
    """Form times are England's local time; we store UTC."""
    if value is None:
        return None
    return value.replace(tzinfo=LONDON).astimezone(ZoneInfo("UTC"))


def to_local(value: datetime | None) -> datetime | None:
    return value.astimezone(LONDON).replace(tzinfo=None) if value else None


def with_translations(form_class, fields: dict, languages: list[str]):
    """A subclass of `form_class` with one field per language for each translated field.

    `fields` maps a name to (label, textarea?); English is always there and comes first.
    """
    codes = ["en"] + [code for code in languages if code != "en" and code in LANGUAGES]
    attrs = {"translated_fields": fields, "languages": codes}
    for name, (label, area) in fields.items():
        for code in codes:
            field_label = label if code == "en" else _l("%(label)s in %(language)s", label=label, language=LANGUAGES[code])
            field_class = TextAreaField if area else StringField
            attrs[f"{name}_{code}"] = field_class(field_label, validators=[Optional(), Length(max=4000 if area else 300)])
    return type(form_class.__name__, (form_class,), attrs)


def translations(form, name: str) -> dict:
    return {code: value.strip() for code in form.languages if (value := (getattr(form, f"{name}_{code}").data or "")).strip()}


def fill_translations(form, name: str, value: dict | None) -> None:
    for code in form.languages:
        getattr(form, f"{name}_{code}").data = (value or {}).get(code, "")


class GroupForm(FlaskForm):
    kind = RadioField(_l("What kind of group is it?"), choices=list(GROUP_KIND_LABELS.items()), default=CICC)
    open_to_requests = BooleanField(_l("Young people can ask to join (you approve each request)"), default=True)


class PollForm(FlaskForm):
    mode = RadioField(
        _l("How will people vote?"),
        choices=[(LIVE_POLL, _l("Live, at a meeting: you open and close each question")), (OPEN_POLL, _l("Open for a period"))],
        default=LIVE_POLL,
    )
    audience = RadioField(
        _l("Who can vote?"),
        choices=[(MEMBERS, _l("Members of the group")), (EVERYONE, _l("Every young person in the council, members or not"))],
        default=MEMBERS,
    )
    hide_results_until_close = BooleanField(_l("Hide results until voting closes"))
    opens_at = DateTimeLocalField(_l("Opens (open polls only)"), validators=[Optional()], format="%Y-%m-%dT%H:%M")
    closes_at = DateTimeLocalField(_l("Closes (open polls only)"), validators=[Optional()], format="%Y-%m-%dT%H:%M")
    meeting_id = SelectField(_l("At which meeting? (live polls)"), choices=[], validate_choice=False)


class QuestionForm(FlaskForm):
    kind = RadioField(
        _l("How many answers can people pick?"),
        choices=[(SINGLE, _l("One")), (MULTIPLE, _l("As many as they like"))],
        default=SINGLE,
    )
    allow_other = BooleanField(_l("Offer \"Other\" with a box to write in"))
    allow_comment = BooleanField(_l("Let people add a comment"))


class MeetingForm(FlaskForm):
    starts_at = DateTimeLocalField(_l("Starts"), validators=[DataRequired(_l("Enter when the meeting starts"))], format="%Y-%m-%dT%H:%M")
    ends_at = DateTimeLocalField(_l("Ends"), validators=[Optional()], format="%Y-%m-%dT%H:%M")
    place = StringField(_l("Place"), validators=[Optional(), Length(max=300)], description=_l("For example: Youth Hub, 12 Mill Street, room 2"))
    online_link = StringField(_l("Online link"), validators=[Optional(), Length(max=500)], description=_l("If people can join online"))
    takes_questions = BooleanField(_l("Senior managers or councillors come: members can send questions before"))


class ConsultationForm(FlaskForm):
    closes_at = DateTimeLocalField(_l("Closes"), validators=[Optional()], format="%Y-%m-%dT%H:%M")


class WriteForm(FlaskForm):
    """A young person's words for the group (an idea, an answer, a question)."""

    text = TextAreaField(_l("Your words"), validators=[Optional(), Length(max=2000, message=_l("Write 2000 characters or fewer"))])


class GoodNewsForm(FlaskForm):
    text = TextAreaField(_l("What happened?"), validators=[Optional(), Length(max=2000, message=_l("Write 2000 characters or fewer"))])
    show_name = RadioField(
        _l("How should it be shown?"),
        choices=[("name", _l("With my first name")), ("anonymous", _l("Without my name"))],
        default="anonymous",
    )


STATUS_CHOICES = [
    ("new", _l("Waiting for an answer")),
    ("considering", _l("Being looked at")),
    ("in_progress", _l("Happening")),
    ("done", _l("Done")),
    ("not_possible", _l("Not possible")),
]
assert [code for code, _ in STATUS_CHOICES] == list(IDEA_STATUSES)


class RespondForm(FlaskForm):
    status = RadioField(_l("Status"), choices=STATUS_CHOICES, default="considering")
    response = TextAreaField(
        _l("You said, we did"),
        validators=[Optional(), Length(max=4000)],
        description=_l("What happened because of this idea, or why it cannot happen. The young people who raised and supported it see this."),
    )


class AnswerForm(FlaskForm):
    answer = TextAreaField(_l("The answer given"), validators=[Optional(), Length(max=4000)])


class ContactForm(FlaskForm):
    email = EmailField(
        _l("Email address (optional)"),
        validators=[Optional(), Email(_l("Enter an email address like name@example.com")), Length(max=254)],
        description=_l("We only send a short reminder before meetings, with a link. Leave it empty to get no emails."),
    )
