"""Children in Care Council: groups, polls (live and open), meetings, ideas and good news."""
from flask import Blueprint

bp = Blueprint("council", __name__)

from . import cli, demo, home, routes, manage  # noqa: E402,F401
