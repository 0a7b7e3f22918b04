from flask import Blueprint

bp = Blueprint("youth", __name__)

from . import routes  # noqa: E402,F401
