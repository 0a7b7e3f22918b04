"""Heard between reviews: young people tell their workers anything, any time; ask to be called
back; complain, compliment or comment; and ask for an advocate."""
from flask import Blueprint

bp = Blueprint("voice", __name__)

from . import cli, routes, staff_routes  # noqa: E402,F401
