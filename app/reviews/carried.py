"""A step a young person posted after their session ran out: their own browser carries it through
signing in (app/auth/carry.py), and it then goes into their own draft only, saved and screened for
safeguarding like any other save. Nothing is looked up or kept before they have signed in.

Sending and adding carry no words: the draft is already on the server, and an addition stays on
the phone (reviews.js). After signing in they are brought back to where they were.
"""
from __future__ import annotations

from flask import flash, session, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from .. import audit
from . import service
from . import steps as S
from .forms import MAX_TEXT, step_form
from .models import DRAFT, READER_ROLES
from .routes import STORED_SESSION

_WORD = 20  # a choice from a list: a face, yes or no, a language
# Each step's own fields and how long each may be; nothing else is carried.
FIELDS = {
    S.TOPIC: {"face": _WORD, "text": MAX_TEXT},
    S.WISHES: {f"wishes-{n}": MAX_TEXT for n in range(service.MAX_WISHES)},
    S.HELPER: {"helped": _WORD, "helper_name": 120},
    S.MEETING: {
        "attend": _WORD, "chair": _WORD, "where_when": MAX_TEXT, "want_there": MAX_TEXT, "not_there": MAX_TEXT,
        "meet_iro": _WORD, "advocate": _WORD, "interpreter": _WORD, "interpreter_language": _WORD,
    },
    S.READERS: {"readers": _WORD},
}
REVISION = 9  # digits of the draft revision the page was shown at
SEVERAL = {"readers": len(READER_ROLES)}  # fields with more than one value, and how many
# Boxes a browser always sends, filled or not: if one is missing, something was cut on the way.
ALWAYS_SENT = {S.TOPIC: ("text",), S.HELPER: ("helper_name",), S.MEETING: ("where_when", "want_there", "not_there")}
_STEPS = {step.key: step for version in S.VERSIONS for step in S.steps_for(version)}
_MOST = 2**31 - 1  # ids beyond this exist in no council


def carried_names() -> set[str]:
    """Every field name that may be carried (a wish box counted once)."""
    return {name.rsplit("-", 1)[0] if name.startswith("wishes-") else name for fields in FIELDS.values() for name in fields}


def keep(args: dict, form: MultiDict) -> list[tuple[str, str]]:
    """The step's own fields, each within its limit, from a signed-out post (no lookups)."""
    step = _STEPS.get(args.get("step"))
    limits = FIELDS.get(step.kind) if step is not None else None
    if not limits:
        return []
    kept = []
    for name, limit in {**limits, "revision": REVISION}.items():
        kept += [(name, value) for value in form.getlist(name)[: SEVERAL.get(name, 1)] if len(value) <= limit]
    return kept


def _complete(kind: str, fields: MultiDict) -> bool:
    if kind == S.WISHES:
        boxes = sorted(int(name.split("-")[1]) for name in fields if name.startswith("wishes-"))
        return bool(boxes) and boxes == list(range(len(boxes)))
    return all(name in fields for name in ALWAYS_SENT.get(kind, ()))


def _own_review(user, args: dict):
    review_id = args.get("review_id")
    if not user.is_young_person or not isinstance(review_id, int) or not 0 < review_id <= _MOST:
        return None
    return service.own_review(user, review_id)


def save(user, args: dict, fields: MultiDict) -> str | None:
    """Save a carried step into the young person's own draft. Returns the page to go to next,
    or None when the address is not one of their reviews (then nothing happens, and nothing says so)."""
    review = _own_review(user, args)
    if review is None:
        return None
    submission = service.start_or_resume(review, user)
    step = S.find_step(submission.version, args.get("step", ""))
    if step is None or submission.status != DRAFT:
        return url_for("reviews.overview", review_id=review.id)
    here = url_for("reviews.step", review_id=review.id, step=step.key)
    if not _complete(step.kind, fields):
        return here  # cut on the way: what is saved stays, and the phone's own copy comes back (reviews.js)
    form = step_form(step, submission.version, data=service.step_data(submission, step), formdata=fields,
                     readers=service.reader_people(submission), csrf=False)
    if form is None or not form.validate():
        return here
    saved, alert = service.save_step(submission, step, form.data, based_on=service.as_revision(fields.get("revision")))
    audit.record("views.step_recovered", submission, actor=user, step=step.key)
    if saved:
        session[STORED_SESSION] = f"{submission.id}-{step.key}"
    flash(_l("You were signed out while you were writing. We kept what you wrote: check it below."), "success")
    if alert is not None:  # what they wrote suggests risk: help now, and who has been told
        return url_for("moderation.told", alert_id=alert.id, next=here)
    return here


def back_to(endpoint: str, **values):
    """After signing in, back to one of their own reviews' pages (sending, adding: nothing to carry)."""
    def back(user, args: dict, _fields: MultiDict) -> str | None:
        review = _own_review(user, args)
        return url_for(endpoint, review_id=review.id, **values) if review is not None else None

    return back


def nothing(_args: dict, _form: MultiDict) -> list[tuple[str, str]]:
    return []

