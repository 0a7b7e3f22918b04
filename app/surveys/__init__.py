"""Bright Spots-style well-being surveys: definitions, waves, one-time codes, answering, results."""
from flask import Blueprint

bp = Blueprint("surveys", __name__)  # answering: young people, with a code or signed in
staff_bp = Blueprint("survey_staff", __name__)  # waves, codes, results, definitions

from . import cli, routes  # noqa: E402,F401
