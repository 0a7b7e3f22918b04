"""Every CSV that Heard hands out, written one way so no cell can run as a spreadsheet formula.

Spreadsheets treat text that starts with = + - @ (or a tab or carriage return, which some strip
first) as a formula, and a formula can fetch from the web or run commands (OWASP "CSV injection").
Such text is written with a leading ' so it is shown as typed. Leading spaces do not hide it: some
programs trim them before reading. Full-width = + - @ are included as some spreadsheets accept them.

Numbers that are numbers in the code (int, float, Decimal) are left alone, so a count of -3 stays a
number that sums; only text is guarded, as text is where something typed by a person ends up.
"""
from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Iterable

from flask import Response

TRIGGERS = frozenset("=+-@\t\r\n＝＋－＠")


def cell(value):
    """A value ready for csv.writer: numbers as they are, anything else as text that cannot run."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.lstrip(" ")[:1] in TRIGGERS:
        return "'" + text
    return text


def rows_text(rows: Iterable[Iterable]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return out.getvalue()


def csv_response(rows: Iterable[Iterable], filename: str) -> Response:
    """A CSV download of `rows`, every cell guarded."""
    return Response(rows_text(rows), mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{filename}"'})
