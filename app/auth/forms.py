from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, Length

from ..i18n.locales import LANGUAGES


class SignInForm(FlaskForm):
    identifier = StringField(_l("Username or work email"), validators=[DataRequired(_l("Enter your username or work email"))])
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password"))])


class SecondFactorForm(FlaskForm):
    code = StringField(_l("6-digit code from your authenticator app"), validators=[DataRequired(_l("Enter the 6-digit code from your authenticator app"))])


class InviteCodeForm(FlaskForm):
    code = StringField(_l("Your code"), validators=[DataRequired(_l("Enter the code from your card"))])


class NewAccountForm(FlaskForm):
    username = StringField(_l("Choose a username"), validators=[Length(max=30)])
    password = PasswordField(_l("Choose a password"), validators=[DataRequired(_l("Choose a password"))])
    language = RadioField(_l("Which language do you want to use?"), choices=list(LANGUAGES.items()), default="en")


class ResetForm(FlaskForm):
    code = StringField(_l("Code from your worker"), validators=[DataRequired(_l("Enter the code your worker gave you"))])
    password = PasswordField(_l("New password"), validators=[DataRequired(_l("Choose a new password"))])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(_l("Enter your current password"))])
    new_password = PasswordField(_l("New password"), validators=[DataRequired(_l("Choose a new password"))])
