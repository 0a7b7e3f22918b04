"""Care words explained for young people: the glossary page and the care_word() link."""
from flask import Blueprint

bp = Blueprint("glossary", __name__)

from . import routes  # noqa: E402,F401  (routes attach themselves to bp)
