"""A PDF of a young person's views, to attach to the review record (see app/pdf.py)."""
from __future__ import annotations

from ..pdf import render_pdf  # noqa: F401
