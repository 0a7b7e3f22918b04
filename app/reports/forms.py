"""Choices on the reports pages. The board pack's are read from the address (GET), so a choice
can be bookmarked and sent to a colleague."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, SelectMultipleField
from wtforms.validators import Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..i18n.locales import LANGUAGES
from . import quarters as Q

BOARD, YOUNG = "board", "young"


class PackForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that only chooses what to show

    quarter = SelectField(_l("Quarter"))
    language = SelectField(_l("Language"))
    version = RadioField(
        _l("Version"),
        choices=[(BOARD, _l("For the Corporate Parenting Board")), (YOUNG, _l("In plain words, for the Children in Care Council to check"))],
        default=BOARD,
    )

    def set_choices(self, today: date, languages: list[str]) -> None:
        self.quarter.choices = [(q.key, q.label()) for q in Q.choices(today)]
        self.language.choices = [(code, LANGUAGES[code]) for code in languages if code in LANGUAGES]


class QuotesForm(FlaskForm):
    items = SelectMultipleField(
        _l("Quotes for the pack"),
        coerce=int,
        validate_choice=False,  # the quotes service says which texts may be quoted, and why not
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
        validators=[Optional()],
        description=_l("Choose up to 6. Only words approved for the council or for reports are listed, as moderation published them."),
    )


class PeriodForm(FlaskForm):
    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])
