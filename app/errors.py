"""The one error a service raises when a rule is broken, and the one way a view commits.

Services check the rules and raise `RuleBroken`; they never commit. A view runs a service call
inside `applying(form)`, which commits once if the call succeeds, and otherwise rolls back and
shows the message: on the form field the error names (or the form's default field), or as a
flash message when there is no form or no such field. So every route has one shape:

    if form.validate_on_submit():
        with applying(form) as outcome:
            service.do_the_thing(...)
        if outcome.ok:
            flash(_l("Done."), "success")
            return redirect(...)
    return render_template(..., form=form)

Forms whose fields are named per language (`title__ar`) define `field_for(name)` to say which
field an error about `name` belongs on. A page that shows errors its own way (not a WTForms form)
passes `show=False` and reads `outcome.error`.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import flash

from .extensions import db


class RuleBroken(Exception):
    """A rule of the domain said no. `message` is for the person (a translatable string);
    `field` names the form field it is about, when there is one; `reason`, a short fixed name,
    lets a view that answers one broken rule differently tell it from the others."""

    def __init__(self, message, field: str | None = None, *, reason: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.reason = reason


@dataclass
class Outcome:
    ok: bool = False
    error: RuleBroken | None = None


def _field(form, name: str | None):
    if form is None or not name:
        return None
    finder = getattr(form, "field_for", None)
    if callable(finder):
        return finder(name)
    return getattr(form, name, None) if hasattr(form, "_fields") and name in form._fields else None


@contextmanager
def applying(form=None, *, field: str | None = None, commit: bool = True, show: bool = True) -> Iterator[Outcome]:
    """Run the body as one unit of work: commit on success; on `RuleBroken`, roll back and show
    the message on the named field (or `field`), else flash it (unless `show` is false: then it
    is only in `outcome.error`). Other errors propagate."""
    outcome = Outcome()
    try:
        yield outcome
    except RuleBroken as broken:
        db.session.rollback()
        outcome.error = broken
        if not show:
            return
        target = _field(form, broken.field) or _field(form, field)
        if target is not None:
            target.errors = [*target.errors, broken.message]
        else:
            flash(broken.message, "error")
        return
    if commit:
        db.session.commit()
    outcome.ok = True
