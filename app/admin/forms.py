from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, EmailField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from ..access import ROLE_LABELS, STAFF_ROLES
from ..auth.models import CARE_LEAVER, IN_CARE
from ..i18n.locales import LANGUAGES
from ..models_base import utcnow

CARE_STATUS_CHOICES = [(IN_CARE, _l("In care")), (CARE_LEAVER, _l("Care leaver"))]


class YoungPersonForm(FlaskForm):
    display_name = StringField(_l("Preferred name"), validators=[DataRequired(_l("Enter the name they like to be called")), Length(max=120)])
    reference = StringField(_l("Council reference"), validators=[Optional(), Length(max=40)], description=_l("The case number in your social care system. Used to import reviews."))
    date_of_birth = DateField(_l("Date of birth"), validators=[DataRequired(_l("Enter a real date of birth, for example 2011-03-27"))])
    care_status = SelectField(_l("Status"), choices=CARE_STATUS_CHOICES)
    placement = StringField(
        _l("Placement"), validators=[Optional(), Length(max=200)],
        description=_l("Where they live, for example a foster carer's name and town. Shown only to safeguarding leads and their allocated staff when an alert is raised."),
    )
    phone = StringField(_l("Their phone number"), validators=[Optional(), Length(max=40)], description=_l("So that someone can reach them quickly if an alert is raised."))
    preferred_language = SelectField(_l("Preferred language"), choices=list(LANGUAGES.items()))
    iro_id = SelectField(_l("Independent Reviewing Officer"), choices=[], validate_choice=False)
    worker_id = SelectField(_l("Social worker or personal adviser"), choices=[], validate_choice=False)
    active = BooleanField(_l("Account can be used"), default=True)

    def validate_date_of_birth(self, field):
        if field.data and not (0 <= (utcnow().date() - field.data).days // 365 <= 26):
            raise ValidationError(_l("Enter a date of birth for someone aged 0 to 25"))


class StaffForm(FlaskForm):
    display_name = StringField(_l("Full name"), validators=[DataRequired(_l("Enter their full name")), Length(max=120)])
    email = EmailField(_l("Work email"), validators=[DataRequired(_l("Enter their work email")), Email(_l("Enter an email address like name@council.gov.uk")), Length(max=254)])
    role = SelectField(_l("Role"), choices=[(role, ROLE_LABELS[role]) for role in STAFF_ROLES])
    job_title = StringField(_l("Job title"), validators=[Optional(), Length(max=120)], description=_l("Shown to young people, for example Personal adviser"))
    work_phone = StringField(_l("Work phone"), validators=[Optional(), Length(max=40)])
    line_manager_id = SelectField(
        _l("Line manager"),
        choices=[],
        validate_choice=False,
        description=_l("Told when a young person's message to them waits unread, or a call-back is late."),
    )
    active = BooleanField(_l("Account can be used"), default=True)


class AuthoritySettingsForm(FlaskForm):
    name = StringField(_l("Council name"), validators=[DataRequired(_l("Enter the council's name")), Length(max=200)])
    out_of_hours_phone = StringField(_l("Out-of-hours phone number"), validators=[Optional(), Length(max=40)], description=_l("Shown to young people who need help now"))
    contact_phone = StringField(_l("Children's services phone number"), validators=[Optional(), Length(max=40)])
    contact_email = EmailField(_l("Children's services email"), validators=[Optional(), Email(_l("Enter an email address like name@council.gov.uk"))])
    advocacy_phone = StringField(_l("Advocacy service phone number"), validators=[Optional(), Length(max=40)])
    default_language = SelectField(_l("Default language"), choices=list(LANGUAGES.items()))
    enabled_languages = SelectMultipleField(_l("Languages for council content"), choices=list(LANGUAGES.items()))

    def validate_enabled_languages(self, field):
        if self.default_language.data not in (field.data or []):
            raise ValidationError(_l("Include the default language"))
