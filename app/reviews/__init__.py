"""Views before reviews: young people prepare for their review; IROs and workers read and answer."""
from flask import Blueprint

bp = Blueprint("reviews", __name__)

from . import routes  # noqa: E402,F401
