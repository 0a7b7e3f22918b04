from flask import Blueprint

bp = Blueprint("pledges", __name__)

from . import cli, demo, routes  # noqa: E402,F401
