"""Forms: rating a promise, rounds, and the translated-text forms of the pledge editor."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from ..i18n.locales import language_name
from .models import DONT_KNOW, KEPT, NOT_KEPT, SOMETIMES
from .service import COMMENT_MAX

LONDON = ZoneInfo("Europe/London")

RATING_CHOICES = [
    (KEPT, _l("Kept")),
    (SOMETIMES, _l("Sometimes")),
    (NOT_KEPT, _l("Not kept")),
    (DONT_KNOW, _l("I don't know")),
]


class RatingForm(FlaskForm):
    answer = RadioField(
        _l("Has the council kept this promise for you?"),
        choices=RATING_CHOICES,
        validators=[InputRequired(message=_l("Choose one answer. If you are not sure, choose 'I don't know'."))],
    )
    comment = TextAreaField(
        _l("Tell us more (optional)"),
        description=_l("Do not write names. A member of staff reads comments before the council sees them, without your name."),
        validators=[Optional(), Length(max=COMMENT_MAX, message=_l("Keep your comment under %(max)d characters.", max=COMMENT_MAX))],
    )


class RoundForm(FlaskForm):
    name = StringField(_l("Name of the round"), description=_l("For example 'Spring 2026'"), validators=[InputRequired(message=_l("Give the round a name.")), Length(max=120)])
    opens_on = DateField(_l("Opens on"), validators=[InputRequired(message=_l("Enter the date the round opens."))])
    closes_on = DateField(_l("Closes at the end of"), validators=[InputRequired(message=_l("Enter the last day of the round."))])

    def opens_at(self) -> datetime:
        return start_of(self.opens_on.data)

    def closes_at(self) -> datetime:
        return start_of(self.closes_on.data + timedelta(days=1))


def start_of(day: date) -> datetime:
    """Midnight at the start of a day in England, as an aware datetime."""
    return datetime.combine(day, time(0, 0), tzinfo=LONDON)


def local_day(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


def last_day(closes_at: datetime) -> date:
    """The last day a round is open: it closes at midnight at the start of the next day."""
    return local_day(closes_at - timedelta(seconds=1))


class TranslatedForm(FlaskForm):
    """Built per council: one field per piece of text and enabled language (see translated_form)."""

    pieces: list = []
    languages: list = []
    default_language: str = "en"

    def values(self, name: str) -> dict:
        return {code: (getattr(self, f"{name}__{code}").data or "") for code in self.languages}

    def fill(self, name: str, translations: dict | None) -> None:
        for code in self.languages:
            getattr(self, f"{name}__{code}").data = (translations or {}).get(code, "")

    def language_fields(self, code: str) -> list:
        return [getattr(self, f"{name}__{code}") for name, *_ in self.pieces]

    def field_for(self, name: str):
        """A rule about a piece of text is shown on its field in the council's main language."""
        return getattr(self, f"{name}__{self.default_language}", None)


def translated_form(pieces: list[tuple[str, object, bool]], languages: list[str], default_language: str, **kwargs) -> TranslatedForm:
    """A form with a field for each (name, label, multiline) piece in each language, main one first."""
    languages = [default_language] + [code for code in languages if code != default_language]

    class Form(TranslatedForm):
        pass

    Form.pieces = pieces
    Form.languages = languages
    Form.default_language = default_language
    for name, label, multiline in pieces:
        for code in languages:
            field_class = TextAreaField if multiline else StringField
            setattr(
                Form,
                f"{name}__{code}",
                field_class(
                    _l("%(label)s (%(language)s)", label=label, language=language_name(code)),
                    validators=[Optional(), Length(max=2000)],
                    render_kw={"lang": code.replace("_", "-")},
                ),
            )
    return Form(**kwargs)
