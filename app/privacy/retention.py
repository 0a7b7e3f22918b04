"""The retention schedule: how long Heard keeps each kind of record, and the purge that applies it.

Each `Rule` says what it covers, from when its time counts, its default period and the shortest
and longest period a council may choose (`RetentionSettings`, edited at /staff/retention). The
limits are where the law and good practice put them: long enough for the council to do its
duties (follow up a review, answer a complaint, show who read a child's words), and never
longer than Heard needs its copy. Heard is not the child's case record: the IRO downloads
views into it and the safeguarding lead records each alert there, where the council keeps them
as the law requires (until the 75th birthday). docs/retention.md is this schedule in words.

`purge(authority_id, now, dry_run)` applies every rule to one council (bound with `acting_for`)
in the caller's transaction and returns how many records each rule removed or cut down; the
`heard purge` command (app/privacy/cli.py) runs it nightly for every council and records each run
in the audit log. A dry run counts the same records and changes nothing.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, func, or_, select, update

from ..auth import sessions as login_sessions
from ..auth.models import AccessCode, LoginSession, User
from ..extensions import db
from ..models_base import utcnow
from ..once import add_once
from .models import DONE, DataRequest, RetentionSettings
from ..tenancy import for_council


@dataclass(frozen=True)
class Rule:
    key: str
    what: object  # lazy string: the records it covers
    counted_from: object  # lazy string: when the time starts
    default_days: int
    min_days: int
    max_days: int
    why: object  # lazy string: why these limits


def _cutoff(now: datetime, days: int) -> datetime:
    return now - timedelta(days=days)


# --- the purges, one per rule: each changes only the bound council's rows ------------------------

def _ids(stmt) -> list[int]:
    return list(db.session.scalars(stmt))


@for_council
def _purge_views(authority_id: int, now: datetime, days: int) -> int:
    from ..reviews.models import SENT, Review, ViewsSubmission

    cutoff = _cutoff(now, days)
    happened = func.coalesce(Review.date, func.date(ViewsSubmission.sent_at), func.date(Review.created_at))
    reviews = _ids(
        select(Review.id)
        .outerjoin(ViewsSubmission, ViewsSubmission.review_id == Review.id)
        .where(happened < cutoff.date(),
               or_(ViewsSubmission.id.is_(None), ViewsSubmission.status == SENT))
    )
    return delete_reviews(authority_id, reviews)


@for_council
def delete_reviews(authority_id: int, review_ids: list[int]) -> int:
    """Delete reviews and everything of their views (wishes, additions, receipts)."""
    from ..reviews.models import Review, ViewsSubmission

    if not review_ids:
        return 0
    submissions = _ids(select(ViewsSubmission.id).where(ViewsSubmission.review_id.in_(review_ids)))
    delete_submissions(authority_id, submissions)
    db.session.execute(delete(Review).where(Review.id.in_(review_ids)),
                       execution_options={"synchronize_session": False})
    return len(review_ids)


@for_council
def delete_submissions(authority_id: int, submission_ids: list[int]) -> int:
    from ..reviews.models import Addition, ViewsReader, ViewsSubmission, Wish

    if not submission_ids:
        return 0
    for model in (ViewsReader, Addition, Wish):
        db.session.execute(delete(model).where(model.submission_id.in_(submission_ids)),
                           execution_options={"synchronize_session": False})
    db.session.execute(delete(ViewsSubmission).where(ViewsSubmission.id.in_(submission_ids)),
                       execution_options={"synchronize_session": False})
    return len(submission_ids)


@for_council
def delete_between_reviews(authority_id: int, young_person_id: int | None = None, *, drafts_only: bool = False,
                           ids: dict[str, list[int]] | None = None) -> int:
    """Delete messages, complaints, compliments, comments, call-backs and advocacy requests, with
    their receipts, replies and stages: a young person's (all, or only unsent drafts), or the
    given ids ({"Statement": [...], "Representation": [...], "CallBack": [...], "AdvocacyRequest": [...]})."""
    from ..voice.models import (
        DRAFT,
        AdvocacyRequest,
        CallBack,
        ComplaintStage,
        Representation,
        Statement,
        StatementReader,
        StatementReply,
    )

    def chosen(model):
        if ids is not None:
            return list(ids.get(model.__name__, []))
        where = [model.young_person_id == young_person_id]
        if drafts_only:
            if not hasattr(model, "status") or model is AdvocacyRequest:
                return []
            where.append(model.status == DRAFT)
        return _ids(select(model.id).where(*where))

    statements, representations = chosen(Statement), chosen(Representation)
    callbacks, advocacy = chosen(CallBack), chosen(AdvocacyRequest)
    options = {"synchronize_session": False}
    if statements:
        for child in (StatementReader, StatementReply):
            db.session.execute(delete(child).where(child.statement_id.in_(statements)), execution_options=options)
        db.session.execute(delete(Statement).where(Statement.id.in_(statements)), execution_options=options)
    if representations:
        db.session.execute(delete(ComplaintStage).where(ComplaintStage.complaint_id.in_(representations)),
                           execution_options=options)
        db.session.execute(delete(Representation).where(Representation.id.in_(representations)),
                           execution_options=options)
    if callbacks:
        db.session.execute(delete(CallBack).where(CallBack.id.in_(callbacks)), execution_options=options)
    if advocacy:
        db.session.execute(delete(AdvocacyRequest).where(AdvocacyRequest.id.in_(advocacy)),
                           execution_options=options)
    return len(statements) + len(representations) + len(callbacks) + len(advocacy)


@for_council
def _purge_between_reviews(authority_id: int, now: datetime, days: int) -> int:
    """Sent messages, finished call-backs, closed complaints, compliments and comments, and
    finished advocacy requests, once the period has passed since they were sent or finished."""
    from ..voice.models import ADVOCACY_CLOSED, CLOSED, SENT, AdvocacyRequest, CallBack, Representation, Statement

    cutoff = _cutoff(now, days)
    ids = {
        "Statement": _ids(select(Statement.id).where(Statement.status == SENT,
                                                     func.coalesce(Statement.sorted_at, Statement.sent_at) < cutoff)),
        "Representation": _ids(select(Representation.id).where(
            Representation.status == SENT,
            or_(Representation.state == CLOSED, Representation.kind != "complaint"),
            func.coalesce(Representation.closed_at, Representation.responded_at, Representation.sent_at) < cutoff)),
        "CallBack": _ids(select(CallBack.id).where(
                                                   func.coalesce(CallBack.done_at, CallBack.cancelled_at) < cutoff)),
        "AdvocacyRequest": _ids(select(AdvocacyRequest.id).where(
                                                                 AdvocacyRequest.status == ADVOCACY_CLOSED, AdvocacyRequest.closed_at < cutoff)),
    }
    return delete_between_reviews(authority_id, ids=ids)


@for_council
def _purge_drafts(authority_id: int, now: datetime, days: int) -> int:
    from ..reviews.models import DRAFT, Review, ViewsSubmission
    from ..surveys.models import SurveyDraft

    cutoff = _cutoff(now, days)
    touched = func.coalesce(ViewsSubmission.updated_at, ViewsSubmission.created_at)
    drafts = _ids(
        select(ViewsSubmission.id)
        .join(Review, Review.id == ViewsSubmission.review_id)
        .where(ViewsSubmission.status == DRAFT, touched < cutoff,
               or_(Review.date.is_(None), Review.date < now.date()))
    )
    count = delete_submissions(authority_id, drafts)
    # Survey answers in progress (never those sent and waiting to be written in a batch).
    result = db.session.execute(
        delete(SurveyDraft).where(SurveyDraft.submitted.is_(False),
                                  SurveyDraft.touched_on < cutoff.date()),
        execution_options={"synchronize_session": False},
    )
    count += result.rowcount or 0
    # Messages and complaints never sent.
    from ..voice.models import DRAFT as VOICE_DRAFT
    from ..voice.models import Representation, Statement

    stale = {model.__name__: _ids(select(model.id).where(model.status == VOICE_DRAFT,
                                                         func.coalesce(model.updated_at, model.created_at) < cutoff))
             for model in (Statement, Representation)}
    return count + delete_between_reviews(authority_id, ids=stale)


def _purge_moderation_text(authority_id: int, now: datetime, days: int) -> int:
    """Checked items keep only what was shared: the approved (redacted) words, or nothing."""
    from ..moderation.models import APPROVED, PENDING, ModerationItem

    m = ModerationItem
    decided = and_(m.status != PENDING, m.decided_at < _cutoff(now, days))
    approved = db.session.execute(
        update(m).where(decided, m.status == APPROVED, m.approved_text.is_not(None), m.original_text != m.approved_text)
        .values(original_text=m.approved_text, findings=[]),
        execution_options={"synchronize_session": False},
    ).rowcount or 0
    other = db.session.execute(
        update(m).where(decided, or_(m.status != APPROVED, m.approved_text.is_(None)), m.original_text != "")
        .values(original_text="", approved_text=None, findings=[]),
        execution_options={"synchronize_session": False},
    ).rowcount or 0
    return approved + other


def item_holders():
    """Rows that exist only to hold a moderation item's words, and the column that points at it."""
    from ..council.models import GoodNews, Idea, MeetingQuestion, PollText
    from ..pledges.models import PledgeComment
    from ..surveys.models import SurveyQuote

    return ((Idea, "item_id"), (GoodNews, "item_id"), (MeetingQuestion, "item_id"), (PollText, "item_id"),
            (PledgeComment, "comment_item_id"), (SurveyQuote, "text_item_id"))


@for_council
def delete_items(authority_id: int, item_ids: list[int]) -> int:
    """Delete moderation items, the posts that hold them (an idea and its supports, good news, a
    question, a comment, a quote), and the link from any alert (which keeps its own copy)."""
    from ..council.models import Idea, IdeaSupport
    from ..moderation.models import ModerationItem, SafeguardingAlert

    if not item_ids:
        return 0
    ideas = _ids(select(Idea.id).where(Idea.item_id.in_(item_ids)))
    if ideas:
        db.session.execute(delete(IdeaSupport).where(IdeaSupport.idea_id.in_(ideas)),
                           execution_options={"synchronize_session": False})
    for model, column in item_holders():
        db.session.execute(delete(model).where(getattr(model, column).in_(item_ids)),
                           execution_options={"synchronize_session": False})
    db.session.execute(update(SafeguardingAlert).where(SafeguardingAlert.item_id.in_(item_ids))
                       .values(item_id=None), execution_options={"synchronize_session": False})
    db.session.execute(delete(ModerationItem).where(ModerationItem.id.in_(item_ids)),
                       execution_options={"synchronize_session": False})
    return len(item_ids)


@for_council
def _purge_moderation_items(authority_id: int, now: datetime, days: int) -> int:
    from ..moderation.models import PENDING, ModerationItem

    items = _ids(select(ModerationItem.id).where(ModerationItem.status != PENDING,
                                                 ModerationItem.decided_at < _cutoff(now, days)))
    return delete_items(authority_id, items)


@for_council
def _purge_alerts(authority_id: int, now: datetime, days: int) -> int:
    from ..moderation.models import CLOSED, AlertNote, SafeguardingAlert

    alerts = _ids(select(SafeguardingAlert.id).where(SafeguardingAlert.status == CLOSED,
                                                     SafeguardingAlert.closed_at < _cutoff(now, days)))
    if not alerts:
        return 0
    db.session.execute(delete(AlertNote).where(AlertNote.alert_id.in_(alerts)),
                       execution_options={"synchronize_session": False})
    db.session.execute(delete(SafeguardingAlert).where(SafeguardingAlert.id.in_(alerts)),
                       execution_options={"synchronize_session": False})
    return len(alerts)


@for_council
def _purge_audit(authority_id: int, now: datetime, days: int) -> int:
    from ..audit import AuditEvent

    result = db.session.execute(
        delete(AuditEvent).where(AuditEvent.at < _cutoff(now, days)),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount or 0


@for_council
def _purge_requests(authority_id: int, now: datetime, days: int) -> int:
    result = db.session.execute(
        delete(DataRequest).where(DataRequest.status == DONE,
                                  DataRequest.handled_at < _cutoff(now, days)),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount or 0


@for_council
def _purge_codes(authority_id: int, now: datetime, days: int) -> int:
    from ..surveys.models import SurveyCode, SurveyWave

    cutoff = _cutoff(now, days)
    finished = func.coalesce(AccessCode.used_at, AccessCode.revoked_at, AccessCode.expires_at)
    invites = db.session.execute(
        delete(AccessCode).where(or_(finished < cutoff, AccessCode.expires_at < cutoff)),
        execution_options={"synchronize_session": False},
    ).rowcount or 0
    closed = select(SurveyWave.id).where(SurveyWave.closes_on < cutoff.date())
    surveys = db.session.execute(
        delete(SurveyCode).where(SurveyCode.wave_id.in_(closed)),
        execution_options={"synchronize_session": False},
    ).rowcount or 0
    return invites + surveys


@for_council
def _purge_sessions(authority_id: int, now: datetime, days: int) -> int:
    cutoff = _cutoff(now, days)
    return db.session.execute(
        delete(LoginSession).where(or_(LoginSession.ended_at < cutoff, LoginSession.last_seen_at < cutoff)),
        execution_options={"synchronize_session": False},
    ).rowcount or 0


@for_council
def _purge_mail(authority_id: int, now: datetime, days: int) -> int:
    from ..mail.models import FAILED, SENT, OutgoingMail

    finished = func.coalesce(OutgoingMail.sent_at, OutgoingMail.last_attempt_at, OutgoingMail.created_at)
    result = db.session.execute(
        delete(OutgoingMail).where(OutgoingMail.status.in_((SENT, FAILED)),
                                   finished < _cutoff(now, days)),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount or 0


def twenty_fifth_birthday(date_of_birth: date) -> date:
    try:
        return date_of_birth.replace(year=date_of_birth.year + 25)
    except ValueError:  # 29 February
        return date(date_of_birth.year + 25, 3, 1)


@for_council
def _purge_care_leavers(authority_id: int, now: datetime, days: int) -> int:
    from ..access import YOUNG_PERSON
    from .erasure import erase

    boundary = now.date() - timedelta(days=days)  # who turned 25 on or before this day
    people = db.session.scalars(
        select(User).where(User.role == YOUNG_PERSON,
                           User.date_of_birth <= date(boundary.year - 25, 12, 31))
    ).all()
    count = 0
    for person in people:
        if twenty_fifth_birthday(person.date_of_birth) <= boundary:
            erase(person, everything=True)
            count += 1
    return count


FORMER_STAFF = "–"  # what is left of a name after a member of staff's details are removed


@for_council
def _purge_staff_left(authority_id: int, now: datetime, days: int) -> int:
    from ..access import STAFF_ROLES

    people = db.session.scalars(
        select(User).where(User.role.in_(STAFF_ROLES), User.active.is_(False),
                           User.deactivated_at < _cutoff(now, days), User.email.is_not(None))
    ).all()
    for person in people:
        # The row stays, so the audit log still says a (former) member of staff did each thing.
        person.display_name = FORMER_STAFF
        person.email = None
        person.password_hash = None
        person.totp_secret = None
        person.totp_last_step = None
        person.job_title = None
        person.work_phone = None
        login_sessions.end_all(person, login_sessions.SWITCHED_OFF)
    db.session.flush()
    return len(people)


YEAR = 365

SCHEDULE: tuple[Rule, ...] = (
    Rule("views", _l("Views before reviews: the review, what the young person wrote, their wishes and what was decided, additions and read receipts"),
         _l("the date of the review"), 2 * YEAR, YEAR, 6 * YEAR, _l("The IRO keeps the views in the child's case record, which the council keeps as the law requires. Heard's copy is for following the review up and for complaints (at least a year); it is never kept longer than six years.")),
    Rule("drafts", _l("Drafts: views never sent (once their review has passed), messages and complaints never sent, and surveys never finished"),
         _l("the last change"), 90, 30, YEAR, _l("A draft nobody finished is not needed for long.")),
    Rule("between_reviews", _l("Messages to workers and IROs and their answers, call-backs, complaints, compliments, comments and requests for an advocate"),
         _l("when it was sent, or finished for a complaint, call-back or advocacy request"), 2 * YEAR, YEAR, 6 * YEAR,
         _l("Workers record what matters in the child's case record and complaints officers in the complaints record; Heard's copy is for following up.")),
    Rule("moderation_text", _l("The original words of checked posts (what is kept is only what was shared, after any redaction)"),
         _l("the moderation decision"), 90, 30, YEAR, _l("Long enough for a young person to ask why something was changed or not shared.")),
    Rule("moderation_items", _l("Checked posts and what holds them: ideas, comments, good news, questions for councillors, survey quotes"),
         _l("the moderation decision"), 3 * YEAR, YEAR, 6 * YEAR, _l("The council shows what young people said and what it did about it for a few years of its plans.")),
    Rule("alerts", _l("Safeguarding alerts and their notes, once closed"),
         _l("when the alert was closed"), 2 * YEAR, YEAR, 6 * YEAR, _l("The safeguarding lead records each alert in the child's case record; Heard keeps its copy for review and learning.")),
    Rule("audit", _l("The audit log: who did what, including every time staff opened a young person's record or words"),
         _l("the event"), 2 * YEAR, YEAR, 6 * YEAR, _l("Long enough to answer a complaint or a question about who saw what.")),
    Rule("requests", _l("Requests young people made about their data, once answered"),
         _l("the answer"), 2 * YEAR, YEAR, 6 * YEAR, _l("The council shows it answered each request in time.")),
    Rule("codes", _l("Invite, reset and survey codes that were used, revoked or expired, or whose survey closed"),
         _l("when the code was used or ran out"), 30, 7, YEAR, _l("A spent code is needed only to answer questions about it.")),
    Rule("sessions", _l("Sign-in sessions that ended or were not used (when each browser signed in and was last used)"),
         _l("when the session ended or was last used"), 30, 7, YEAR, _l("Needed only to keep a signed-out browser signed out, and to answer a question about a recent sign-in.")),
    Rule("mail", _l("Emails sent or given up on (addresses and subjects; emails never hold what a young person wrote)"),
         _l("when the email was sent or given up"), 90, 30, YEAR, _l("Long enough to check that an alert or reminder reached someone.")),
    Rule("care_leavers", _l("Young people's accounts after their 25th birthday, and everything Heard still holds of them"),
         _l("the 25th birthday"), 90, 0, 2 * YEAR, _l("Councils support care leavers up to 25. The case record stays with the council.")),
    Rule("staff_left", _l("Names and contact details of staff whose accounts were switched off"),
         _l("when the account was switched off"), YEAR, 90, 6 * YEAR, _l("Long enough to answer questions about their work; the audit log then says only that a former member of staff did it.")),
)
RULES = {rule.key: rule for rule in SCHEDULE}


def _purges() -> dict[str, Callable[[int, datetime, int], int]]:
    """Each rule's purge: (council id, now, days) -> how many records it removed or cut down."""
    return {
        "views": _purge_views, "drafts": _purge_drafts, "between_reviews": _purge_between_reviews,
        "moderation_text": _purge_moderation_text, "moderation_items": _purge_moderation_items,
        "alerts": _purge_alerts, "audit": _purge_audit, "requests": _purge_requests, "codes": _purge_codes, "sessions": _purge_sessions,
        "mail": _purge_mail, "care_leavers": _purge_care_leavers, "staff_left": _purge_staff_left,
    }


@for_council
def settings_for(authority_id: int) -> RetentionSettings | None:
    return db.session.scalar(select(RetentionSettings))


def periods(authority_id: int | None) -> dict[str, int]:
    """The council's period for every rule, in days (the defaults where it set none)."""
    chosen = (settings_for(authority_id).days or {}) if authority_id and settings_for(authority_id) else {}
    result = {}
    for rule in SCHEDULE:
        days = chosen.get(rule.key)
        result[rule.key] = days if isinstance(days, int) and rule.min_days <= days <= rule.max_days else rule.default_days
    return result


def set_periods(authority_id: int, days: dict[str, int]) -> dict[str, int]:
    """Save a council's periods; each must be within its rule's limits. Returns what changed."""
    from ..errors import RuleBroken

    for key, value in days.items():
        rule = RULES.get(key)
        if rule is None:
            raise RuleBroken(_l("There is no such retention rule"))
        if not isinstance(value, int) or not rule.min_days <= value <= rule.max_days:
            raise RuleBroken(_l("Choose between %(low)d and %(high)d days", low=rule.min_days, high=rule.max_days), field=key)
    settings = settings_for(authority_id)
    if settings is None:
        settings, _added = add_once(RetentionSettings(authority_id=authority_id, days={}), lambda: settings_for(authority_id))
    before = periods(authority_id)
    settings.days = {key: value for key, value in {**(settings.days or {}), **days}.items() if key in RULES}
    db.session.flush()
    return {key: value for key, value in periods(authority_id).items() if before[key] != value}


def purge(authority_id: int, now: datetime | None = None, *, dry_run: bool = False) -> dict[str, int]:
    """Apply the schedule to one council, in the caller's transaction (the caller commits). A dry
    run does exactly the same work and then rolls the whole transaction back, so its counts are
    what a real run would do and nothing is changed; commit nothing before calling it."""
    now = now or utcnow()
    chosen = periods(authority_id)
    purges = _purges()
    counts: dict[str, int] = {}
    db.session.flush()
    for rule in SCHEDULE:
        counts[rule.key] = purges[rule.key](authority_id, now, chosen[rule.key])
    db.session.flush()
    if dry_run:
        db.session.rollback()
    else:
        db.session.expire_all()
    return counts


def describe(days: int) -> str:
    """A period in words: years, months or days."""
    from flask_babel import ngettext

    if days and days % YEAR == 0:
        return ngettext("%(num)d year", "%(num)d years", days // YEAR)
    if days >= 60 and days % 30 == 0:
        return ngettext("%(num)d month", "%(num)d months", days // 30)
    return ngettext("%(num)d day", "%(num)d days", days)
