from flask import Blueprint

bp = Blueprint("pledges", __name__)

from . import cli, routes  # noqa: E402,F401
