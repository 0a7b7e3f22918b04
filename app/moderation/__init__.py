"""Moderation and safeguarding: screening, the queue, and safeguarding alerts."""
from flask import Blueprint

bp = Blueprint("moderation", __name__)

from . import cli, routes  # noqa: E402,F401
