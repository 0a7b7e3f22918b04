"""Views before reviews: young people prepare for their review; IROs and workers read and answer."""
from flask import Blueprint

bp = Blueprint("reviews", __name__)

from . import routes  # noqa: E402,F401
from . import hooks  # noqa: E402,F401  (home card, staff navigation and panels, demo content)
from . import carried  # noqa: E402,F401  (steps posted after the session ran out, carried through signing in)
