"""What Heard accepts at the door: ids a database column can hold, and bodies of a sane size.

Every `<int:...>` in an address is an id or a position, kept in an INTEGER column. A bigger
number cannot name anything, and asking the database about it fails (SQLite cannot bind past
2**63, PostgreSQL refuses past 2**31), so such an address is simply not found.
"""
from __future__ import annotations

from flask import Flask, abort, current_app, request
from werkzeug.routing import IntegerConverter, ValidationError

MAX_ID = 2**31 - 1  # PostgreSQL's INTEGER; SQLite holds more, but no row gets there first
_MAX_DIGITS = len(str(MAX_ID))


class IdConverter(IntegerConverter):
    """Flask's `int` converter, bounded to what an INTEGER column holds."""

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):  # noqa: A002 (Werkzeug's names)
        bounded = MAX_ID if max is None or max > MAX_ID else max
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=bounded, signed=signed)

    def to_python(self, value: str):
        if len(value.lstrip("-").lstrip("0")) > _MAX_DIGITS:
            raise ValidationError()  # not even worth turning into a number
        return super().to_python(value)


def parse_id(value) -> int | None:
    """An id sent in a form or query string, or None when it cannot name a row."""
    text = str(value).strip() if value is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text.lstrip("0")) > _MAX_DIGITS:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def refuse_huge_bodies():
    """before_request: a body that says it is too big is refused before a byte of it is read;
    one sent in chunks, with no length, is refused as soon as it passes the limit."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if not limit:
        return
    if request.content_length is not None:
        if request.content_length > limit:
            abort(413)
    elif "chunked" in request.headers.get("Transfer-Encoding", "").lower():
        # Werkzeug stops reading a chunked body at the limit but would quietly parse what it
        # got, a form cut short; read up to the limit now (kept for the form), then one byte
        # more, which raises 413 if there was more.
        request.get_data(cache=True)
        request.stream.read(1)


def init_app(app: Flask) -> None:
    # Before any blueprint adds its rules: a rule takes its converter when it is added.
    app.url_map.converters["int"] = IdConverter
    # First of all the request hooks: nothing else (not even loading the signed-in user) is worth
    # doing for a body that will be refused.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_huge_bodies)
