from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, RadioField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from .models import CORRECTION, DELETION
from .retention import SCHEDULE, describe


class DataRequestForm(FlaskForm):
    kind = RadioField(
        _l("What do you want us to do?"),
        choices=[(CORRECTION, _l("Correct something that is wrong")), (DELETION, _l("Delete what Heard holds about me"))],
        validators=[InputRequired(_l("Choose what you want us to do"))],
    )
    details = TextAreaField(_l("Tell us more (you do not have to for a deletion)"), validators=[Optional(), Length(max=2000)])
    close_account = BooleanField(_l("Close my Heard account too, so I cannot sign in any more"))


class AnswerRequestForm(FlaskForm):
    reply = TextAreaField(
        _l("Your answer to the young person"),
        validators=[InputRequired(_l("Write your answer to the young person")), Length(max=5000)],
        description=_l("Use plain words. Say what you changed or deleted. The list of what Heard keeps, and why, is added for you."),
    )


def retention_form(periods: dict[str, int]):
    """One number of days per rule of the schedule, each within its limits."""

    class RetentionForm(FlaskForm):
        pass

    for rule in SCHEDULE:
        field = IntegerField(
            rule.what,
            default=periods[rule.key],
            validators=[InputRequired(_l("Enter a number of days"))],
            description=_l("Counted from %(start)s. Between %(low)s and %(high)s (%(low_days)d to %(high_days)d days).",
                           start=rule.counted_from, low=describe(rule.min_days), high=describe(rule.max_days),
                           low_days=rule.min_days, high_days=rule.max_days),
        )
        setattr(RetentionForm, rule.key, field)
    return RetentionForm()
