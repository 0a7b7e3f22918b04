"""Reports across features: the small-numbers rules every report follows, the Corporate Parenting
Board pack, the DfE participation return."""
from flask import Blueprint

bp = Blueprint("reports", __name__)

from . import staff_routes  # noqa: E402,F401
