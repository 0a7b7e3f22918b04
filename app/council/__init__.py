"""Children in Care Council: groups, polls (live and open), meetings, ideas and good news."""
from flask import Blueprint

bp = Blueprint("council", __name__)

from . import cli, routes, manage  # noqa: E402,F401
