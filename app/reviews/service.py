"""The rules of views before reviews, as plain functions on models (no request in here).

Who may see what:
- the young person sees only their own reviews and views;
- their IRO (the review's IRO) and their worker read the views only once sent, and only if the
  young person chose them; nobody else ever opens them (participation officers, managers,
  safeguarding leads, admins, other staff, other councils);
- drafts are the young person's alone.
"""
from __future__ import annotations

from functools import cache

import csv
import io
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from flask import abort
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from .. import audit
from ..access import IRO, WORKER, YOUNG_PERSON
from ..auth.models import User, age_on
from ..errors import RuleBroken
from ..extensions import db
from ..i18n.formatting import uk_date
from ..pagination import Page, contains, paginate, paginate_list
from ..i18n.locales import LANGUAGES
from ..models_base import utcnow
from ..once import add_once
from . import steps as S
from ..tenancy import for_council, get_or_404
from .models import (
    DRAFT,
    OUTCOMES,
    PATHWAY_REVIEW,
    PN_CODES,
    READER_IRO,
    READER_ROLES,
    READER_WORKER,
    REVIEW_KINDS,
    SENT,
    Addition,
    Review,
    ViewsReader,
    ViewsSubmission,
    Wish,
)

MAX_TEXT = 5000
MAX_WISHES = 20


# --------------------------------------------------------------------------- reviews


def create_review(young_person: User, *, iro: User | None, review_date: date | None, kind: str, created_by: User | None, imported: bool = False) -> Review:
    if kind not in REVIEW_KINDS:
        raise RuleBroken(_l("Choose the type of review"))
    if young_person.role != YOUNG_PERSON:
        raise RuleBroken(_l("Choose a young person"))
    if iro is not None and (iro.role != IRO or iro.authority_id != young_person.authority_id):
        raise RuleBroken(_l("Choose an Independent Reviewing Officer from your council"))
    review = Review(
        authority_id=young_person.authority_id,
        young_person_id=young_person.id,
        iro_id=iro.id if iro else None,
        date=review_date,
        kind=kind,
        created_by_id=created_by.id if created_by else None,
        imported=imported,
    )
    db.session.add(review)
    db.session.flush()
    audit.record("review.created", review, actor=created_by, imported=imported or None)
    return review


def review_kind_label(kind: str) -> str:
    return str(_l("Pathway plan review") if kind == PATHWAY_REVIEW else _l("Looked-after child review"))


@cache
def _reviews_of_statement():
    # Built once: it runs on every young person's home.
    return select(Review).options(joinedload(Review.submission)).where(Review.young_person_id == bindparam("me"))


def reviews_of(young_person: User) -> list[Review]:
    """The young person's reviews: coming ones first (soonest first, undated next), then past ones."""
    reviews = list(db.session.scalars(_reviews_of_statement(), {"me": young_person.id}))
    today = date.today()
    coming = sorted((r for r in reviews if r.date is None or r.date >= today), key=lambda r: (r.date is None, r.date or today))
    past = sorted((r for r in reviews if r.date is not None and r.date < today), key=lambda r: r.date, reverse=True)
    return coming + past


def own_review(young_person: User, review_id: int) -> Review | None:
    """One of the young person's own reviews, or None (someone else's, or no such review)."""
    return db.session.scalar(select(Review).where(Review.id == review_id, Review.young_person_id == young_person.id))


def next_review(young_person: User) -> Review | None:
    """The review to show on their home: the next coming one, else the latest (to see what happened)."""
    reviews = reviews_of(young_person)
    return reviews[0] if reviews else None


def is_past(review: Review) -> bool:
    return review.date is not None and review.date < date.today()


# --------------------------------------------------------------------------- staff access


def manages(staff: User, review: Review) -> bool:
    """The review's own IRO: acknowledges, records outcomes and the participation code."""
    return staff.role == IRO and review.iro_id == staff.id and review.authority_id == staff.authority_id


def follows(staff: User, review: Review) -> bool:
    """Sees the review in their list: its IRO, or the young person's worker."""
    if review.authority_id != staff.authority_id:
        return False
    if staff.role == IRO:
        return review.iro_id == staff.id
    if staff.role == WORKER:
        return review.young_person.worker_id == staff.id
    return False


def reader_role_for(staff: User, review: Review) -> str | None:
    if manages(staff, review):
        return READER_IRO
    if staff.role == WORKER and review.authority_id == staff.authority_id and review.young_person.worker_id == staff.id:
        return READER_WORKER
    return None


def can_read_views(staff: User, submission: ViewsSubmission | None) -> bool:
    """Only sent views, only by the readers the young person chose, only while allocated."""
    if submission is None or submission.status != SENT:
        return False
    role = reader_role_for(staff, submission.review)
    return role is not None and role in (submission.readers or [])


@for_council(of="staff")
def reviews_for_staff(staff: User, *, past: bool = False, search: str = "", kind: str | None = None, page: int | str | None = 1) -> Page[Review]:
    """A page of an IRO's reviews, or of the reviews of a worker's young people: coming ones by
    date (undated last), past ones newest first. `search` finds a young person by name or
    reference; `kind` keeps one type of review."""
    stmt = select(Review)
    if staff.role == IRO:
        stmt = stmt.where(Review.iro_id == staff.id)
    elif staff.role == WORKER:
        stmt = stmt.where(Review.young_person_id.in_(select(User.id).where(User.worker_id == staff.id)))
    else:
        return paginate_list([], page)
    if search:
        found = select(User.id).where(or_(contains(User.display_name, search), contains(User.reference, search)))
        stmt = stmt.where(Review.young_person_id.in_(found))
    if kind:
        stmt = stmt.where(Review.kind == kind)
    # Loaded with the page: the list shows each young person and the state of their views.
    stmt = stmt.options(
        selectinload(Review.young_person),
        selectinload(Review.submission).selectinload(ViewsSubmission.additions),
    )
    today = date.today()
    if past:
        stmt = stmt.where(Review.date < today).order_by(Review.date.desc(), Review.id.desc())
    else:
        stmt = stmt.where(or_(Review.date.is_(None), Review.date >= today)).order_by(Review.date.is_(None), Review.date, Review.id)
    return paginate(stmt, page)


def is_unread(staff: User, submission: ViewsSubmission, receipts: dict[int, ViewsReader] | None = None) -> bool:
    """Never opened by this reader, or something was added since they last looked."""
    if receipts is None:
        receipt = db.session.scalar(select(ViewsReader).where(ViewsReader.submission_id == submission.id, ViewsReader.user_id == staff.id))
    else:
        receipt = receipts.get(submission.id)
    if receipt is None or receipt.last_read_at is None:
        return True
    latest = max((a.created_at for a in submission.additions), default=None)
    return latest is not None and latest > receipt.last_read_at


def receipts_of(staff: User, submission_ids=None) -> dict[int, ViewsReader]:
    """This reader's receipts, by submission (only for `submission_ids` when given: a page's)."""
    stmt = select(ViewsReader).where(ViewsReader.user_id == staff.id)
    if submission_ids is not None:
        stmt = stmt.where(ViewsReader.submission_id.in_(list(submission_ids)))
    return {row.submission_id: row for row in db.session.scalars(stmt)}


@for_council(of="staff")
def unread_count(staff: User) -> int:
    """Sent views this reader may read and has not opened since they arrived or were added to.
    One query: it runs on every staff page, for the count in the navigation."""
    if staff.role not in (IRO, WORKER):
        return 0
    latest_addition = (
        select(Addition.submission_id, func.max(Addition.created_at).label("latest")).group_by(Addition.submission_id).subquery()
    )
    stmt = (
        select(ViewsSubmission.readers, ViewsReader.last_read_at, latest_addition.c.latest)
        .join(Review, Review.id == ViewsSubmission.review_id)
        .outerjoin(ViewsReader, (ViewsReader.submission_id == ViewsSubmission.id) & (ViewsReader.user_id == staff.id))
        .outerjoin(latest_addition, latest_addition.c.submission_id == ViewsSubmission.id)
        .where(ViewsSubmission.status == SENT)
    )
    if staff.role == IRO:
        stmt = stmt.where(Review.iro_id == staff.id)
        role = READER_IRO
    else:
        stmt = stmt.join(User, User.id == Review.young_person_id).where(User.worker_id == staff.id)
        role = READER_WORKER
    count = 0
    for readers, last_read, latest in db.session.execute(stmt):
        if role not in (readers or []):
            continue
        if last_read is None or (latest is not None and _aware(latest) > _aware(last_read)):
            count += 1
    return count


def _aware(value: datetime) -> datetime:
    from datetime import timezone

    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


# --------------------------------------------------------------------------- drafts


def _new_draft(review: Review, young_person: User) -> ViewsSubmission:
    return ViewsSubmission(
        authority_id=review.authority_id,
        review_id=review.id,
        young_person_id=young_person.id,
        version=S.version_for(young_person, review.kind),
        language=young_person.preferred_language if young_person.preferred_language in LANGUAGES else "en",
        readers=[READER_IRO],
        status=DRAFT,
    )


def start_or_resume(review: Review, young_person: User) -> ViewsSubmission:
    """The young person's draft (or sent views) for this review, made on first use."""
    if review.young_person_id != young_person.id:
        raise PermissionError("not their review")
    submission = review.submission
    if submission is None:
        submission, _added = add_once(
            _new_draft(review, young_person),
            lambda: db.session.scalar(select(ViewsSubmission).where(ViewsSubmission.review_id == review.id)),
        )
        db.session.expire(review, ["submission"])
    return submission


def draft_or_blank(review: Review, young_person: User) -> ViewsSubmission:
    """The draft (or sent views) to show, or a blank one that is not saved: showing a step
    writes nothing, so no link can start a draft; `start_or_resume` makes it on the first save."""
    if review.young_person_id != young_person.id:
        raise PermissionError("not their review")
    if review.submission is not None:
        return review.submission
    blank = _new_draft(review, young_person)
    # Set without events, so the review does not take the blank as its draft and save it.
    set_committed_value(blank, "review", review)
    set_committed_value(blank, "young_person", young_person)
    return blank


def _clean(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").strip()


def step_value(step: S.Step, data: dict) -> dict:
    """A step's answers as they are saved, from its form's data or from `step_data()`: the one
    shape in which two versions of a step are compared."""
    if step.kind == S.TOPIC:
        value = {"text": _clean(data.get("text"))[:MAX_TEXT]}
        if data.get("face") in S.FACES:
            value["face"] = data["face"]
        return value
    if step.kind == S.WISHES:
        texts = [_clean(t)[:MAX_TEXT] for t in data.get("wishes") or []]
        return {"wishes": [t for t in texts if t][:MAX_WISHES]}
    if step.kind == S.HELPER:
        return {"helped": bool(data.get("helped")), "helper_name": _clean(data.get("helper_name"))[:120]}
    if step.kind == S.MEETING:
        return {key: _clean(data.get(key))[:MAX_TEXT] for key in MEETING_FIELDS if _clean(data.get(key))}
    if step.kind == S.READERS:
        return {"readers": [role for role in READER_ROLES if role in (data.get("readers") or [])]}
    return {}


def _apply(submission: ViewsSubmission, step: S.Step, value: dict) -> None:
    if step.kind == S.TOPIC:
        answers = dict(submission.answers or {})
        if value.get("text") or value.get("face"):
            answers[step.key] = dict(value)
        else:
            answers.pop(step.key, None)
        submission.answers = answers
    elif step.kind == S.WISHES:
        texts = value["wishes"]
        existing = list(submission.wishes)
        for position, text in enumerate(texts):
            if position < len(existing):
                existing[position].text = text
                existing[position].position = position
            else:
                submission.wishes.append(Wish(authority_id=submission.authority_id, position=position, text=text))
        for extra in existing[len(texts):]:
            submission.wishes.remove(extra)
    elif step.kind == S.HELPER:
        submission.helped_by_trusted_adult = value["helped"]
        submission.helper_name = value["helper_name"] or None
    elif step.kind == S.MEETING:
        submission.meeting = value
        submission.interpreter_needed = value.get("interpreter") == "yes"
        language = value.get("interpreter_language")
        submission.interpreter_language = language if submission.interpreter_needed and language in LANGUAGES else None
    elif step.kind == S.READERS:
        submission.readers = value["readers"]


def _claim_revision(submission: ViewsSubmission) -> bool:
    """Take the draft's next revision in one conditional update: of two phones saving at the
    same moment, only one finds the revision it read, and the other looks again."""
    current = submission.revision or 0
    result = db.session.execute(
        update(ViewsSubmission).where(ViewsSubmission.id == submission.id, ViewsSubmission.revision == current).values(revision=current + 1),
        execution_options={"synchronize_session": False},
    )
    if result.rowcount != 1:
        return False
    set_committed_value(submission, "revision", current + 1)
    return True


def _write(submission: ViewsSubmission, step: S.Step, value: dict) -> None:
    """Save a step's value as the draft's next revision (the caller has checked for conflicts)."""
    _apply(submission, step, value)
    submission.step_revisions = {**(submission.step_revisions or {}), step.key: submission.revision}
    held = {k: v for k, v in (submission.held or {}).items() if k != step.key}
    submission.held = held or None
    submission.last_step = step.key
    submission.updated_at = utcnow()


def changed_since(submission: ViewsSubmission, step: S.Step, based_on: int | None) -> bool:
    """Whether the step was saved (from anywhere) after a page showing revision `based_on`."""
    return based_on is not None and (submission.step_revisions or {}).get(step.key, 0) > based_on


class Saved(NamedTuple):
    saved: bool  # False: held beside the answers saved since, until the young person chooses
    alert: object | None  # the safeguarding alert these words raised at once, if any


def save_step(submission: ViewsSubmission, step: S.Step, data: dict, *, based_on: int | None = None) -> Saved:
    """Save one step of a draft. `data` holds the step's fields, already validated by its form;
    `based_on` is the draft's revision when the page that sent them was shown.

    If the step has been saved since that page was shown (another phone, another tab) with
    different answers, nothing is overwritten: these answers are held beside the saved ones
    until the young person chooses (`keep_version`), and `saved` is False.

    Every save is screened, held or not, sent or not: words that suggest risk raise a
    safeguarding alert at once (the young person is then shown who has been told and where to
    get help now)."""
    if submission.status != DRAFT:
        raise RuleBroken(_l("You have already sent this. You can add something instead."))
    value = step_value(step, data)
    before = _value_text(step, step_value(step, step_data(submission, step)))
    saved = _save_value(submission, step, value, based_on)
    from ..moderation import service as moderation

    alert = moderation.screen_draft(
        authority_id=submission.authority_id,
        young_person=submission.young_person,
        before=before,
        after=_value_text(step, value),
        language=submission.language,
        source="reviews.draft",
        source_id=submission.id,
    )
    return Saved(saved, alert)


def _value_text(step: S.Step, value: dict) -> str:
    """The free text in a step's value (as `step_value` gives it)."""
    if step.kind == S.TOPIC:
        return value.get("text") or ""
    if step.kind == S.WISHES:
        return "\n\n".join(value.get("wishes") or [])
    if step.kind == S.MEETING:
        return "\n\n".join(v for k, v in value.items() if k in ("where_when", "want_there", "not_there") and v)
    return ""


def _save_value(submission: ViewsSubmission, step: S.Step, value: dict, based_on: int | None) -> bool:
    for _attempt in range(5):
        if changed_since(submission, step, based_on) and value != step_value(step, step_data(submission, step)):
            submission.held = {**(submission.held or {}), step.key: value}
            return False
        if _claim_revision(submission):
            _write(submission, step, value)
            return True
        db.session.refresh(submission)  # another save won the race: look at what it saved
    raise RuntimeError("the draft kept changing while it was being saved")


KEEP_FIRST, KEEP_SECOND, KEEP_BOTH = "first", "second", "both"


def keep_version(submission: ViewsSubmission, step: S.Step, choice: str, *, based_on: int | None) -> None:
    """The young person's choice between a step's saved answers (first) and the ones held back
    when another page saved over them (second), or both put together for words and wishes."""
    if submission.status != DRAFT:
        raise RuleBroken(_l("You have already sent this. You can add something instead."))
    held = (submission.held or {}).get(step.key)
    if held is None:
        return  # already chosen, perhaps on the other phone
    if changed_since(submission, step, based_on):
        raise RuleBroken(_l("This step changed again on another phone or tab. Check both, then choose."))
    first = step_value(step, step_data(submission, step))
    if choice == KEEP_FIRST:
        chosen = first
    elif choice == KEEP_SECOND:
        chosen = held
    elif choice == KEEP_BOTH and step.kind in (S.TOPIC, S.WISHES):
        chosen = _both(step, first, held)
    else:
        raise RuleBroken(_l("Choose which to keep"))
    if not _claim_revision(submission):
        raise RuleBroken(_l("This step changed again on another phone or tab. Check both, then choose."))
    _write(submission, step, chosen)
    audit.record("views.version_kept", submission, actor=submission.young_person, step=step.key, choice=choice)


def _both(step: S.Step, first: dict, second: dict) -> dict:
    """Two versions put together, nothing dropped: texts one after the other, wishes in one list."""
    if step.kind == S.WISHES:
        wishes = list(first["wishes"])
        wishes += [wish for wish in second["wishes"] if wish not in wishes]
        return {"wishes": wishes[:MAX_WISHES]}
    texts = [t for t in (first.get("text"), second.get("text")) if t]
    both = {"text": "\n\n".join(dict.fromkeys(texts))}
    face = second.get("face") or first.get("face")
    if face:
        both["face"] = face
    return both


def choose_version(submission: ViewsSubmission, version: str) -> None:
    """Switch between the versions for children in care (pictures, simpler words, full). Answers
    are kept: topics share their keys, and any answer the new version does not ask is still shown."""
    if submission.status != DRAFT:
        raise RuleBroken(_l("You have already sent this. You can add something instead."))
    if version not in S.SWITCHABLE or submission.version not in S.SWITCHABLE:
        raise RuleBroken(_l("That version is not available for this review"))
    submission.version = version
    submission.last_step = None
    submission.updated_at = utcnow()


MEETING_FIELDS = ("attend", "chair", "where_when", "want_there", "not_there", "meet_iro", "advocate", "interpreter", "interpreter_language")


def step_data(submission: ViewsSubmission, step: S.Step) -> dict:
    """What the draft holds for a step, in the shape its form takes."""
    if step.kind == S.TOPIC:
        return dict((submission.answers or {}).get(step.key) or {})
    if step.kind == S.WISHES:
        return {"wishes": [w.text for w in submission.wishes]}
    if step.kind == S.HELPER:
        return {"helped": submission.helped_by_trusted_adult, "helper_name": submission.helper_name or ""}
    if step.kind == S.MEETING:
        return dict(submission.meeting or {})
    if step.kind == S.READERS:
        return {"readers": list(submission.readers or [])}
    return {}


def reader_people(submission: ViewsSubmission) -> list[tuple[str, User]]:
    """Who each reader choice means today, by name: the review's IRO and the young person's worker."""
    people = []
    review = submission.review
    if review.iro is not None:
        people.append((READER_IRO, review.iro))
    worker = submission.young_person.worker
    if worker is not None:
        people.append((READER_WORKER, worker))
    return people


# --------------------------------------------------------------------------- sending


def new_key() -> str:
    return secrets.token_urlsafe(24)


def send(submission: ViewsSubmission, *, key: str, language: str | None = None) -> bool:
    """Send the views once. Returns True if this call sent them, False if they were already sent
    (a double tap, a resend of the same form, or a race with another tab): never twice."""
    if submission.status == SENT:
        return False
    if submission.held:
        raise RuleBroken(_l("Some answers were saved twice, on two phones or tabs. Choose which to keep, then send."))
    chosen = [role for role, _person in reader_people(submission) if role in (submission.readers or [])]
    if not chosen:
        raise RuleBroken(_l("Choose at least one person to read this, or nobody will see it"))
    if not key or len(key) > 64:
        key = new_key()
    now = utcnow()
    values = {"status": SENT, "sent_at": now, "send_key": key, "updated_at": now}
    if language in LANGUAGES:
        values["language"] = language
    # A conditional update: of two requests racing, only one finds the draft still a draft.
    result = db.session.execute(
        update(ViewsSubmission).where(ViewsSubmission.id == submission.id, ViewsSubmission.status == DRAFT).values(**values),
        execution_options={"synchronize_session": False},
    )
    if result.rowcount != 1:
        return False
    db.session.refresh(submission)
    for role, person in reader_people(submission):
        if role in submission.readers:
            submission.reader_rows.append(ViewsReader(authority_id=submission.authority_id, user_id=person.id, reader_role=role))
    submission.risk_flagged = _screen_for_safeguarding(submission, _all_text(submission))
    submission.risk_flagged |= bool(alerts_on_views(submission))
    audit.record("views.sent", submission, actor=submission.young_person, readers=",".join(submission.readers))
    return True


def _all_text(submission: ViewsSubmission) -> str:
    parts = [a.get("text", "") for a in (submission.answers or {}).values()]
    parts += [w.text for w in submission.wishes]
    parts += [v for k, v in (submission.meeting or {}).items() if k in ("where_when", "want_there", "not_there")]
    return "\n\n".join(p for p in parts if p)


def _screen_for_safeguarding(
    submission: ViewsSubmission, text: str, *, source: str = "reviews.views", source_id: int | None = None, language: str | None = None
) -> bool:
    """THE safeguarding call point for views and additions: never holds anything back.

    Hands the private text to the moderation screen, which raises an alert to a person at once if
    it finds risk. Returns True if the young person should be shown where to get help now.
    """
    if not text.strip():
        return False
    from ..moderation import service as moderation

    if source == "reviews.views":
        # Words that already raised an alert while the draft was saved are not alerted twice.
        earlier = "\n\n".join(moderation.load_alert_text(a).text or "" for a in moderation.alerts_about("reviews.draft", submission.id))
        if earlier:
            alert = moderation.screen_draft(
                authority_id=submission.authority_id, young_person=submission.young_person, before=earlier, after=text,
                language=language or submission.language, source=source, source_id=source_id or submission.id,
            )
            return alert is not None
    screening = moderation.screen_private(
        authority_id=submission.authority_id,
        young_person=submission.young_person,
        text=text,
        language=language or submission.language,
        source=source,
        source_id=source_id or submission.id,
    )
    return bool(getattr(screening, "risk", False))


def add_addition(submission: ViewsSubmission, *, text: str, language: str | None, key: str) -> tuple[Addition, bool, bool]:
    """Add something after sending. Returns (addition, created, risk found). A repeat of the same
    key (a double tap) returns the first one, created False."""
    if submission.status != SENT:
        raise RuleBroken(_l("Send your views first"))
    text = _clean(text)
    if not text:
        raise RuleBroken(_l("Write what you want to add"))
    if len(text) > MAX_TEXT:
        raise RuleBroken(_l("Keep it under %(n)s characters", n=f"{MAX_TEXT:,}"))
    key = (key or new_key())[:64]
    existing = db.session.scalar(select(Addition).where(Addition.submission_id == submission.id, Addition.client_key == key))
    if existing is not None:
        return existing, False, False
    addition, added = add_once(
        Addition(
            authority_id=submission.authority_id,
            submission_id=submission.id,
            text=text,
            language=language if language in LANGUAGES else submission.language,
            client_key=key,
        ),
        lambda: db.session.scalar(select(Addition).where(Addition.submission_id == submission.id, Addition.client_key == key)),
    )
    if not added:
        return addition, False, False  # the same send, a moment earlier
    audit.record("views.addition_sent", submission, actor=submission.young_person, addition_id=addition.id)
    flagged = _screen_for_safeguarding(submission, text, source="reviews.addition", source_id=addition.id, language=addition.language)
    return addition, True, flagged


def recipients(submission: ViewsSubmission) -> list[str]:
    return [person.email for role, person in reader_people(submission) if role in (submission.readers or []) and person.email]


# --------------------------------------------------------------------------- reading and answering


# How a member of staff reads a young person's views, and what the audit log calls each way.
ON_SCREEN, PRINTED, PDF = "screen", "views.printed", "views.pdf_downloaded"


def open_review(review_id: int, staff: User, *, how: str = ON_SCREEN, receipt: bool = True) -> tuple[Review, ViewsSubmission | None]:
    """The one way staff open a review and the young person's views on it: loads the review
    (404 unless the staff member follows it), decides whether they may read the views, and logs
    the read (with the receipt the young person sees, unless `receipt` is False: the page was not
    opened from Heard). On screen, someone who may not read the views sees the review alone, which
    is logged too; a print or a PDF needs the views (404)."""
    review = get_or_404(Review, review_id)
    if not follows(staff, review):
        abort(404)
    submission = review.submission if can_read_views(staff, review.submission) else None
    if submission is None:
        if how != ON_SCREEN:
            abort(404)
        audit.record("review.viewed", review)
        return review, None
    record_read(submission, staff, receipt=receipt)
    if how != ON_SCREEN:
        audit.record(how, submission, actor=staff)
    return review, submission


def record_read(submission: ViewsSubmission, reader: User, *, receipt: bool = True) -> ViewsReader | None:
    """Log the read (audit) and keep the receipt the young person sees. Notifies nobody.

    With receipt=False only the audit is written: the page was sent to the reader's browser, but
    they did not open it from Heard (app/opened_here.py), so the young person is not yet told."""
    if not can_read_views(reader, submission):
        raise PermissionError("not a chosen reader")
    if not receipt:
        audit.record("views.read", submission, actor=reader)
        return None
    now = utcnow()
    receipt = db.session.scalar(select(ViewsReader).where(ViewsReader.submission_id == submission.id, ViewsReader.user_id == reader.id))
    if receipt is None:
        receipt, _added = add_once(
            ViewsReader(authority_id=submission.authority_id, submission_id=submission.id, user_id=reader.id,
                        reader_role=reader_role_for(reader, submission.review)),
            lambda: db.session.scalar(select(ViewsReader).where(ViewsReader.submission_id == submission.id, ViewsReader.user_id == reader.id)),
        )
        db.session.expire(submission, ["reader_rows"])
    if receipt.first_read_at is None:
        receipt.first_read_at = now
    receipt.last_read_at = now
    audit.record("views.read", submission, actor=reader)
    return receipt


def receipt_of(submission: ViewsSubmission, reader: User) -> ViewsReader | None:
    """The reader's receipt, if they have opened the views from Heard (or said they read them)."""
    return next((row for row in submission.reader_rows if row.user_id == reader.id and row.first_read_at is not None), None)


def acknowledge(submission: ViewsSubmission, by: User, note: str | None = None) -> None:
    if not manages(by, submission.review) or not can_read_views(by, submission):
        raise PermissionError("only the review's IRO acknowledges")
    if submission.acknowledged_at is None:
        submission.acknowledged_at = utcnow()
        submission.acknowledged_by_id = by.id
    note = _clean(note)[:1000]
    if note:
        submission.acknowledgement_note = note
    audit.record("views.acknowledged", submission, actor=by)


def has_happened(review: Review) -> bool:
    """Whether the review's day has come: what was decided, and how the child took part, are
    recorded from then on, never before (a child must not read "Agreed" before the meeting)."""
    return review.date is not None and review.date <= date.today()


def check_has_happened(review: Review) -> None:
    if review.date is None:
        raise RuleBroken(_l("Set the date of the review first: what was decided is recorded after the review."), field="date")
    if not has_happened(review):
        raise RuleBroken(_l("This review has not happened yet. Record what was decided, and how they took part, on or after the day of the review."))


def age_at_review(review: Review) -> int | None:
    born = review.young_person.date_of_birth
    return age_on(born, review.date) if born and review.date else None


def check_outcome(wish: Wish, by: User, outcome: str, text: str | None) -> None:
    """Whether `by` may record this outcome for the wish, as given; raises RuleBroken if not."""
    submission = wish.submission
    if not manages(by, submission.review) or not can_read_views(by, submission):
        raise PermissionError("only the review's IRO records outcomes")
    check_has_happened(submission.review)
    if outcome not in OUTCOMES:
        raise RuleBroken(_l("Choose what was decided"))
    if outcome != "agreed" and not _clean(text):
        raise RuleBroken(_l("Say why, or what happens next, in words the young person will understand"))


def record_outcome(wish: Wish, by: User, outcome: str, text: str | None) -> None:
    check_outcome(wish, by, outcome, text)
    text = _clean(text)[:MAX_TEXT]
    wish.outcome = outcome
    wish.outcome_text = text or None
    wish.outcome_at = utcnow()
    wish.outcome_by_id = by.id
    audit.record("views.outcome_recorded", wish, actor=by, outcome=outcome)


def record_participation(review: Review, by: User, code: str) -> None:
    if not manages(by, review):
        raise PermissionError("only the review's IRO records participation")
    if code not in PN_CODES:
        raise RuleBroken(_l("Choose how the young person took part"), field="code")
    check_has_happened(review)
    age = age_at_review(review)
    if age is not None and code == "PN0" and age >= 4:
        raise RuleBroken(_l("PN0 is only for a child under 4 on the day of the review. This young person was %(age)s.", age=age), field="code")
    if age is not None and code != "PN0" and age < 4:
        raise RuleBroken(_l("A child under 4 on the day of the review is recorded as PN0."), field="code")
    review.participation_code = code
    review.participation_recorded_at = utcnow()
    review.participation_recorded_by_id = by.id
    audit.record("review.participation_recorded", review, actor=by, code=code)


PN_LABELS = {
    "PN0": _l("PN0: the child was under 4 at the time of the review"),
    "PN1": _l("PN1: attended and spoke for themselves"),
    "PN2": _l("PN2: attended and an advocate spoke for them"),
    "PN3": _l("PN3: attended and conveyed their views without words"),
    "PN4": _l("PN4: attended but did not convey their views"),
    "PN5": _l("PN5: did not attend, and briefed an advocate to speak for them"),
    "PN6": _l("PN6: did not attend, and conveyed their views another way (for example through Heard)"),
    "PN7": _l("PN7: did not attend, and their views were not conveyed"),
}

OUTCOME_LABELS = {
    "agreed": _l("Agreed"),
    "not_this_time": _l("Not this time"),
    "find_out": _l("We'll find out"),
}


def change_date(review: Review, new_date: date | None, by: User) -> None:
    """Move a review. Once something has been recorded after it, it cannot move back into the
    future (or lose its date): the young person would read outcomes of a meeting still to come."""
    recorded = review.participation_code or (review.submission and any(w.outcome for w in review.submission.wishes))
    if recorded and (new_date is None or new_date > date.today()):
        raise RuleBroken(_l("What was decided at this review is already recorded, so it cannot move to a day that has not come yet."), field="date")
    review.date = new_date
    audit.record("review.date_changed", review, actor=by)


def outcomes_complete(submission: ViewsSubmission | None) -> bool:
    return bool(submission and submission.wishes and all(w.outcome for w in submission.wishes))


# --------------------------------------------------------------------------- importing reviews


@dataclass
class ImportResult:
    created: list[Review] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)

    @property
    def ok(self) -> bool:
        return not self.errors


IMPORT_COLUMNS = ("reference", "date", "type", "iro_email")
MAX_IMPORT_ROWS = 5000
_KIND_WORDS = {
    "lac": "lac", "cla": "lac", "looked after": "lac", "looked-after": "lac", "looked after child": "lac",
    "looked-after child review": "lac", "looked after child review": "lac", "cla review": "lac", "lac review": "lac",
    "pathway": "pathway", "pathway plan": "pathway", "pathway plan review": "pathway", "pp": "pathway",
}


def _parse_date(value: str) -> date | None:
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


@for_council
def import_reviews(authority_id: int, by: User, data: str) -> ImportResult:
    """Create reviews from CSV (reference, date, type, iro_email). Every row is checked first;
    if any row is wrong nothing is created, and each wrong row is reported with its number."""
    result = ImportResult()
    reader = csv.DictReader(io.StringIO(data.lstrip("\ufeff")))
    headers = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in IMPORT_COLUMNS if c not in headers]
    if missing:
        result.errors.append((1, str(_l("The first row must name the columns: %(columns)s. Missing: %(missing)s", columns=", ".join(IMPORT_COLUMNS), missing=", ".join(missing)))))
        return result
    reader.fieldnames = headers
    people = {u.reference.strip().lower(): u for u in db.session.scalars(select(User).where(User.role == YOUNG_PERSON, User.reference.is_not(None)))}
    iros = {u.email.lower(): u for u in db.session.scalars(select(User).where(User.role == IRO, User.email.is_not(None)))}
    existing = {(r.young_person_id, r.date) for r in db.session.scalars(select(Review))}
    rows = []
    for number, row in enumerate(reader, start=2):
        if number - 1 > MAX_IMPORT_ROWS:
            result.errors.append((number, str(_l("Too many rows: import at most %(n)s at a time", n=MAX_IMPORT_ROWS))))
            break
        values = {k: (row.get(k) or "").strip() for k in IMPORT_COLUMNS}
        if not any(values.values()):
            continue  # blank line
        problems = []
        person = people.get(values["reference"].lower())
        if not values["reference"]:
            problems.append(_l("the young person's reference is missing"))
        elif person is None:
            problems.append(_l("no young person in this council has the reference %(ref)s", ref=values["reference"]))
        review_date = None
        if values["date"]:
            try:
                review_date = _parse_date(values["date"])
            except ValueError:
                problems.append(_l("the date %(value)s is not a date like 2025-03-31 or 31/03/2025", value=values["date"]))
        kind = _KIND_WORDS.get(values["type"].lower())
        if kind is None:
            problems.append(_l("the type must be 'lac' (looked-after child review) or 'pathway' (pathway plan review)"))
        iro = None
        if values["iro_email"]:
            iro = iros.get(values["iro_email"].lower())
            if iro is None:
                problems.append(_l("no IRO in this council has the email %(email)s", email=values["iro_email"]))
        elif person is not None and person.iro is not None:
            iro = person.iro  # the young person's allocated IRO
        if person is not None and review_date is not None:
            if (person.id, review_date) in existing:
                problems.append(_l("this young person already has a review on that date"))
            existing.add((person.id, review_date))
        if problems:
            result.errors.append((number, "; ".join(str(p) for p in problems)))
        else:
            rows.append((person, iro, review_date, kind))
    if result.errors:
        return result
    if not rows:
        result.errors.append((1, str(_l("The file has no reviews in it"))))
        return result
    for person, iro, review_date, kind in rows:
        result.created.append(create_review(person, iro=iro, review_date=review_date, kind=kind, created_by=by, imported=True))
    audit.record("reviews.imported", None, actor=by, authority_id=authority_id, count=len(rows))
    return result


# --------------------------------------------------------------------------- report


@dataclass
class ReportCounts:
    """The true counts behind the report, before the small-numbers rules: never shown as they are."""

    total: int = 0
    views_before: int = 0  # views sent on or before the review's day
    acknowledged: int = 0  # of those, acknowledged on or before the review's day
    with_wishes: int = 0  # sent views that asked for something
    outcomes_done: int = 0  # of those, with an outcome recorded for every wish
    sent: int = 0
    codes: dict = field(default_factory=dict)  # participation code (or "none") -> reviews


@for_council
def report_counts(authority_id: int, start: date, end: date, *, iro_id: int | None = None) -> ReportCounts:
    """Counts for the reviews held in a period (dated, between start and end, not in the future)."""
    stmt = (
        select(Review)
        .where(Review.date.is_not(None), Review.date >= start, Review.date <= min(end, date.today()))
        .options(selectinload(Review.submission).selectinload(ViewsSubmission.wishes))
    )
    if iro_id is not None:
        stmt = stmt.where(Review.iro_id == iro_id)
    counts = ReportCounts()
    for review in db.session.scalars(stmt):
        counts.total += 1
        s = review.submission
        if s is not None and s.sent_at is not None and uk_date(s.sent_at) <= review.date:
            counts.views_before += 1
            if s.acknowledged_at is not None and uk_date(s.acknowledged_at) <= review.date:
                counts.acknowledged += 1
        if s is not None and s.status == SENT:
            counts.sent += 1
            if s.wishes:
                counts.with_wishes += 1
                counts.outcomes_done += outcomes_complete(s)
        key = review.participation_code or "none"
        counts.codes[key] = counts.codes.get(key, 0) + 1
    return counts


def report(staff: User, start: date, end: date):
    """The report's figures, protected. An IRO sees their own reviews; managers and admins the
    whole council."""
    c = report_counts(staff.authority_id, start, end, iro_id=staff.id if staff.role == IRO else None)
    return {"total": c.total, "sent": c.sent, **protect_report_figures(c.total, c.views_before, c.acknowledged, c.with_wishes, c.outcomes_done, c.codes)}


def protect_report_figures(total: int, views_before: int, acknowledged: int, with_wishes: int, outcomes_done: int, codes: dict) -> dict:
    """The report's tables, protected together: "acknowledged before" counts out of the views sent
    before, and the codes out of the reviews held, so each base is another table's figure."""
    from ..reports.disclosure import BASE, protect

    yes_no = ["yes", "no"]
    return protect(
        {
            "views_before": {"yes": views_before, "no": total - views_before},
            "acknowledged_before": {"yes": acknowledged, "no": views_before - acknowledged},
            "outcomes_recorded": {"yes": outcomes_done, "no": with_wishes - outcomes_done},
            "participation": codes,
        },
        yes_no,
        categories_of={"participation": [*PN_CODES, "none"]},
        lines=[
            (("views_before", "yes"), [("acknowledged_before", BASE)]),
            (("views_before", BASE), [("participation", BASE)]),
        ],
    )


def quarter_of(day: date) -> tuple[date, date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    end = (date(day.year + (first_month + 3 > 12), (first_month + 3 - 1) % 12 + 1, 1)) - timedelta(days=1)
    return start, end


def as_revision(value) -> int | None:
    """The draft revision a form was shown at, from its hidden field (None if it had none)."""
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 10 else None


def alerts_on_views(submission: ViewsSubmission) -> list:
    """Safeguarding alerts raised by a young person's views (saved, sent or added to), newest first,
    so the people who read the words can see that an alert exists and its state."""
    from ..moderation import service as moderation

    alerts = moderation.alerts_about("reviews.draft", submission.id) + moderation.alerts_about("reviews.views", submission.id)
    for addition in submission.additions:
        alerts += moderation.alerts_about("reviews.addition", addition.id)
    return sorted({a.id: a for a in alerts}.values(), key=lambda a: (a.created_at, a.id), reverse=True)


def alerts_about_addition(addition: Addition) -> list:
    """Safeguarding alerts raised by one addition's words, newest first."""
    from ..moderation import service as moderation

    return moderation.alerts_about("reviews.addition", addition.id)
