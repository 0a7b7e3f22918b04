from flask import Blueprint

bp = Blueprint("pledges", __name__)

from . import routes  # noqa: E402,F401
