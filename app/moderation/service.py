"""The moderation pipeline and safeguarding alerts, as plain functions.

Features call four functions:
- `submit_text(...)` hands over free text bound for a group, the council or a report and returns
  a `ModerationItem` at once (screened, pending; an alert raised if it suggests risk);
- `published_texts(item_ids)` is THE ONE PLACE that text written by young people is read for
  anyone else: it selects only approved items and only their approved (redacted) text;
- `own_view(item_id, author)` gives the author their own words and what happened to them;
- `screen_private(...)` screens text that is not moderated (views before a review) and raises
  an alert at once if it suggests risk.
"""
from __future__ import annotations

from functools import cache

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, bindparam, cast, func, or_, select
from sqlalchemy.orm import aliased, selectinload, undefer

from .. import audit
from ..access import IRO, MANAGER, PARTICIPATION, SAFEGUARDING, WORKER
from ..auth.models import User
from ..errors import RuleBroken
from ..extensions import db
from ..mail import link, queue_mail
from ..once import add_once
from ..pagination import Page, contains, paginate, paginate_list
from ..models_base import utcnow
from ..privacy.anonymous import day_of, hour_of
from ..tenancy import Authority, for_council
from . import screening
from .clock import LONDON, ack_deadline, hm, office_open
from .models import (
    ACKNOWLEDGED,
    APPROVED,
    CLOSED,
    ESCALATED,
    OPEN,
    PENDING,
    REASON_CODES,
    REJECTED,
    TERM_NAME,
    TERM_RISK,
    TERM_SCHOOL,
    TRIGGER_HELP_BUTTON,
    TRIGGER_MODERATOR,
    TRIGGER_SCREENING,
    AlertNote,
    ModerationItem,
    SafeguardingAlert,
    SafeguardingSettings,
    ScreeningTerm,
)

MAX_TEXT = 10_000
ALL = {"all_authorities": True}

# What the author is told when something is not published: kind, plain, in their language.
REASONS = {
    "identifying": _l("It had details in it that could show who someone is or where they live, like a name, phone number or address."),
    "unkind": _l("It could hurt or upset someone. You can say what you think in a different way and send it again."),
    "off_topic": _l("It was not about this topic. You can share it somewhere else in Heard."),
    "duplicate": _l("You already sent the same thing, and we kept the first one."),
    "other": _l("It could not be shared this time. Your worker or the participation team can tell you more."),
}
REASON_LABELS = {
    "identifying": _l("Identifying details"),
    "unkind": _l("Could hurt or upset someone"),
    "off_topic": _l("Not about this topic"),
    "duplicate": _l("Sent twice"),
    "other": _l("Another reason"),
}
STATUS_LABELS = {
    PENDING: _l("Waiting to be checked"),
    ESCALATED: _l("Waiting to be checked"),  # the author is not told about a safeguarding escalation
    APPROVED: _l("Shared"),
    REJECTED: _l("Not shared"),
}


# ---------------------------------------------------------------------------------------------
# The API other features use
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublishedText:
    text: str
    language: str
    published_at: datetime | None


@dataclass(frozen=True)
class OwnView:
    text: str
    status: str  # pending | approved | rejected (escalated is shown to the author as pending)
    reason: str | None  # the kind explanation, when not published
    status_label: str
    published_text: str | None  # what others see, if it was shared with changes


@dataclass
class Screening:
    risk: bool
    findings: list[screening.Finding] = field(default_factory=list)
    alert: SafeguardingAlert | None = None


def council_lists(authority_id: int) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """Names known to the council (people with accounts plus its own list), schools, risk additions."""
    names = db.session.scalars(
        select(User.display_name).where(User.authority_id == authority_id), execution_options=ALL
    ).all()
    terms = db.session.scalars(
        select(ScreeningTerm).where(ScreeningTerm.authority_id == authority_id), execution_options=ALL
    ).all()
    names = list(names) + [t.phrase for t in terms if t.kind == TERM_NAME]
    schools = [t.phrase for t in terms if t.kind == TERM_SCHOOL]
    risk = [(t.phrase, t.language or "en") for t in terms if t.kind == TERM_RISK]
    return names, schools, risk


def screen_text(authority_id: int, text: str, language: str) -> screening.Result:
    names, schools, risk = council_lists(authority_id)
    return screening.screen(text, language, names=names, schools=schools, extra_risk=risk)


def submit_text(
    *,
    authority_id: int,
    source: str,
    text: str,
    language: str = "en",
    author: User | None = None,
    audience: str = "group",
    source_id: int | None = None,
    alert: bool = True,
) -> ModerationItem:
    """Take free text into moderation. Returns at once; the caller commits.

    `alert=False` only where the caller already raised any alert for this very text when it
    was written (anonymous survey answers, which reach moderation later, in batches)."""
    text = (text or "").strip()[:MAX_TEXT]
    result = screen_text(authority_id, text, language)
    # Text with no author is kept to the day: a time to the second could be laid beside
    # someone's sign-in and say who wrote it.
    written = day_of(utcnow()) if author is None else utcnow()
    item = ModerationItem(
        created_at=written,
        updated_at=written,
        authority_id=authority_id,
        source=source,
        source_id=source_id,
        author_id=getattr(author, "id", None),
        language=language or "en",
        audience=audience,
        original_text=text,
        status=PENDING,
        risk=result.risk,
        findings=[f.as_dict() for f in result.findings],
    )
    db.session.add(item)
    db.session.flush()
    audit.record(
        "moderation.submitted", item, authority_id=authority_id, actor=author or audit.ANONYMOUS, source=source, risk=result.risk or None
    )
    if result.risk and alert:
        raise_alert(
            authority_id=authority_id,
            young_person=author,
            trigger=TRIGGER_SCREENING,
            source=source,
            source_id=source_id,
            item=item,
            text=text,
            language=language,
            findings=result.risk_findings,
        )
    return item


def alert_if_risky(*, authority_id: int, text: str, language: str, source: str, source_id: int | None = None) -> SafeguardingAlert | None:
    """For anonymous text that reaches moderation later: raise any safeguarding alert now, naming
    nobody (no person, no actor, no session: only the council, `source_id` such as the survey
    wave, the language and the words). The alert, or None."""
    text = (text or "").strip()[:MAX_TEXT]
    result = screen_text(authority_id, text, language)
    if not result.risk:
        return None
    return raise_alert(
        authority_id=authority_id,
        young_person=None,
        trigger=TRIGGER_SCREENING,
        source=source,
        source_id=source_id,
        text=text,
        language=language,
        findings=result.risk_findings,
    )


def answer_contact_question(alert: SafeguardingAlert, person: User | None, wants_contact: bool) -> None:
    """A young person whose anonymous words raised `alert` answers "Do you want someone to contact
    you?". Yes, while signed in: the alert names them, with their consent recorded, and their
    worker is told too. No: it stays anonymous; only the answer is kept."""
    if alert.young_person_id is not None or alert.contact_consent is not None:
        raise RuleBroken(_l("You have already answered this."))
    alert.contact_consent = bool(wants_contact and person is not None)
    if not alert.contact_consent:
        return
    if not getattr(person, "is_young_person", False) or person.authority_id != alert.authority_id:
        raise RuleBroken(_l("Sign in to Heard so that we know who to contact."))
    alert.young_person_id = person.id
    alert.consented_at = utcnow()
    worker = _active_staff(alert.authority_id, [person.worker_id]) if person.worker_id else []
    new = [p for p in worker if p.id not in (alert.notified_ids or [])]
    alert.notified_ids = sorted(set(alert.notified_ids or []) | {p.id for p in new})
    audit.record("safeguarding.contact_consented", alert, actor=person, notified=[p.id for p in new] or None)
    queue_mail(
        [p.email for p in new if p.email],
        str(_l("Heard: a safeguarding alert needs you now")),
        _alert_email_body(alert),
        authority_id=alert.authority_id,
        kind="safeguarding.alert",
        about_id=alert.id,
    )


def told_whom(alert: SafeguardingAlert) -> list[str]:
    """Who has been told about an alert, in words for the young person."""
    people = _active_staff(alert.authority_id, alert.notified_ids or [])
    told = []
    if any(p.role == SAFEGUARDING for p in people) or not people:
        told.append(str(_l("the council's safeguarding team, whose job is to keep young people safe")))
    young_person = alert.young_person
    for person in people:
        if young_person is not None and person.id == young_person.worker_id:
            told.append(str(_l("your worker, %(name)s", name=person.display_name)))
    if alert.out_of_hours_told_at is not None:
        told.append(str(_l("the council's out-of-hours team, because the office is closed")))
    return told


def screen_draft(
    *, authority_id: int, young_person: User, before: str, after: str, language: str, source: str, source_id: int | None
) -> SafeguardingAlert | None:
    """Screen text saved in a draft (sent or not): raise an alert at once when the save brings
    words that suggest risk which the text did not have before (so saving the same words again
    does not raise a second alert)."""
    if not (after or "").strip():
        return None
    _names, _schools, extra = council_lists(authority_id)
    now_found = screening.find_risk(after, extra)
    if not now_found:
        return None
    already = {f.text.casefold() for f in screening.find_risk(before or "", extra)}
    new = [f for f in now_found if f.text.casefold() not in already]
    if not new:
        return None
    return raise_alert(
        authority_id=authority_id,
        young_person=young_person,
        trigger=TRIGGER_SCREENING,
        source=source,
        source_id=source_id,
        text=after,
        language=language,
        findings=now_found,
    )


def alerts_about(source: str, source_id: int) -> list[SafeguardingAlert]:
    """Alerts raised by one record's text (e.g. a young person's views), newest first."""
    return list(
        db.session.scalars(
            select(SafeguardingAlert)
            .where(SafeguardingAlert.source.like(source), SafeguardingAlert.source_id == source_id)
            .order_by(SafeguardingAlert.created_at.desc(), SafeguardingAlert.id.desc())
        ).all()
    )


def published_texts(item_ids) -> dict[int, PublishedText]:
    """Approved, redacted text of approved items only. Nothing else is ever shown to others."""
    ids = [i for i in set(item_ids or ()) if i is not None]
    if not ids:
        return {}
    rows = db.session.execute(
        select(ModerationItem.id, ModerationItem.approved_text, ModerationItem.language, ModerationItem.decided_at).where(
            ModerationItem.id.in_(ids), ModerationItem.status == APPROVED, ModerationItem.approved_text.is_not(None)
        )
    ).all()
    return {row.id: PublishedText(row.approved_text, row.language, row.decided_at) for row in rows}


def own_view(item_id: int | None, author: User | None) -> OwnView | None:
    """The author's own words and what happened to them; None for anyone else."""
    if item_id is None or author is None or getattr(author, "id", None) is None:
        return None
    item = db.session.scalar(
        select(ModerationItem)
        .options(undefer(ModerationItem.original_text), undefer(ModerationItem.approved_text))
        .where(ModerationItem.id == item_id, ModerationItem.author_id == author.id)
    )
    return _own_view(item) if item is not None else None


def _own_view(item: ModerationItem) -> OwnView:
    status = PENDING if item.status == ESCALATED else item.status
    reason = str(REASONS.get(item.reason or "other")) if item.status == REJECTED else None
    published = item.approved_text if item.status == APPROVED and item.redacted else None
    return OwnView(item.original_text, status, reason, str(STATUS_LABELS[item.status]), published)


def screen_private(
    *,
    authority_id: int,
    young_person: User | None,
    text: str,
    language: str = "en",
    source: str,
    source_id: int | None = None,
) -> Screening:
    """Screen private text (not moderated, not stored here) for risk; raise an alert at once if found."""
    names, schools, risk_terms = council_lists(authority_id)
    findings = screening.find_risk(text or "", risk_terms)
    result = Screening(risk=bool(findings), findings=findings)
    if findings:
        result.alert = raise_alert(
            authority_id=authority_id,
            young_person=young_person,
            trigger=TRIGGER_SCREENING,
            source=source,
            source_id=source_id,
            text=text,
            language=language,
            findings=findings,
        )
    return result


# ---------------------------------------------------------------------------------------------
# Safeguarding alerts
# ---------------------------------------------------------------------------------------------


def settings_for(authority_id: int) -> SafeguardingSettings:
    def find():
        return db.session.scalar(select(SafeguardingSettings).where(SafeguardingSettings.authority_id == authority_id), execution_options=ALL)

    settings = find()
    if settings is None:
        # Two first pages at once both make them: the second finds the first's.
        settings, _added = add_once(SafeguardingSettings(authority_id=authority_id, ack_minutes=60, work_start="09:00", work_end="17:00",
                                                         work_days=[0, 1, 2, 3, 4], escalation_ids=[]), find)
    return settings


def _active_staff(authority_id: int, ids) -> list[User]:
    ids = [i for i in ids if i]
    if not ids:
        return []
    people = db.session.scalars(
        select(User).where(User.id.in_(ids), User.authority_id == authority_id, User.active.is_(True)), execution_options=ALL
    ).all()
    return [p for p in people if p.is_staff]


def safeguarding_leads(authority_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.authority_id == authority_id, User.role == SAFEGUARDING, User.active.is_(True)).order_by(User.id),
            execution_options=ALL,
        ).all()
    )


def raise_alert(
    *,
    authority_id: int,
    young_person: User | None,
    trigger: str,
    source: str | None = None,
    source_id: int | None = None,
    item: ModerationItem | None = None,
    text: str | None = None,
    language: str | None = None,
    findings=(),
    by: User | None = None,
) -> SafeguardingAlert:
    """Raise an alert to the safeguarding lead(s) and the young person's allocated worker, at once.

    An alert that names nobody (anonymous survey words) is kept to the hour, and its deadline
    counts from the start of that hour (so it is never later than the council's deadline, and up
    to an hour sooner): to the second, its time could be laid beside the child's sign-in and name
    them. The survey pages tell children the lead knows the hour."""
    now = moment = utcnow()
    settings = settings_for(authority_id)
    if young_person is not None and not getattr(young_person, "is_young_person", False):
        young_person = None
    anonymous = young_person is None and by is None
    if anonymous:
        now = hour_of(now)
    recipients = safeguarding_leads(authority_id)
    if young_person is not None and young_person.worker_id:
        recipients += _active_staff(authority_id, [young_person.worker_id])
    alert = SafeguardingAlert(
        created_at=now,
        authority_id=authority_id,
        young_person_id=getattr(young_person, "id", None),
        trigger=trigger,
        source=source,
        source_id=source_id,
        item_id=getattr(item, "id", None),
        text=text,
        language=language,
        findings=[f.as_dict() if hasattr(f, "as_dict") else f for f in findings],
        status=OPEN,
        deadline_at=ack_deadline(now, settings),
        escalation_level=0,
        notified_ids=sorted({p.id for p in recipients}),
    )
    db.session.add(alert)
    db.session.flush()
    if not recipients or not office_open(moment, settings):
        # Out of office hours (or with nobody in Heard to tell) the out-of-hours team is told at once.
        _tell_out_of_hours_team(alert, now, young_person)
    audit.record(
        "safeguarding.alert_raised",
        alert,
        authority_id=authority_id,
        actor=by or young_person or audit.ANONYMOUS,
        trigger=trigger,
        source=source,
        categories=sorted({f.get("category") for f in alert.findings if f.get("category")}) or None,
        notified=alert.notified_ids,
        out_of_hours_team=bool(alert.out_of_hours_told_at) or None,
    )
    queue_mail(
        [p.email for p in recipients if p.email],
        str(_l("Heard: a safeguarding alert needs you now")),
        _alert_email_body(alert),
        authority_id=authority_id,
        kind="safeguarding.alert",
        about_id=alert.id,
    )
    return alert


def _tell_out_of_hours_team(alert: SafeguardingAlert, now: datetime, young_person: User | None) -> bool:
    """Email the council's out-of-hours team (emergency duty team). They may have no Heard
    account, so the email gives the alert's number and the young person's council reference (never
    a name or their words) for them to find the child in the council's own records."""
    from ..tenancy import Authority

    authority = db.session.get(Authority, alert.authority_id)
    address = getattr(authority, "out_of_hours_email", None)
    if not address:
        return False
    alert.out_of_hours_told_at = now
    reference = getattr(young_person, "reference", None) if young_person is not None else None
    lines = [
        str(_l("A safeguarding alert has been raised in Heard outside office hours, so it has come to you as the out-of-hours team.")),
        "",
        str(_l("Alert number: %(number)s", number=alert.id)),
    ]
    if reference:
        lines.append(str(_l("The young person's council reference: %(reference)s", reference=reference)))
    elif young_person is None:
        lines.append(str(_l("The young person did not give their name.")))
    lines += [
        "",
        str(_l("Open it here if you have a Heard account (you will need to sign in):")),
        link(f"/staff/safeguarding/{alert.id}"),
        "",
        str(_l("This email has no names or words of the young person in it on purpose.")),
    ]
    queue_mail(
        address,
        str(_l("Heard: a safeguarding alert out of hours")),
        "\n".join(lines),
        authority_id=alert.authority_id,
        kind="safeguarding.out_of_hours",
        about_id=alert.id,
    )
    return True


def _alert_email_body(alert: SafeguardingAlert, escalated: bool = False) -> str:
    lines = [
        str(_l("A safeguarding alert has been raised in Heard and needs to be acknowledged.")),
    ]
    if escalated:
        lines.append(str(_l("It was not acknowledged in time, so it has come to you.")))
    lines += [
        "",
        str(_l("Open it here (you will need to sign in):")),
        link(f"/staff/safeguarding/{alert.id}"),
        "",
        str(_l("This email has no personal details in it on purpose.")),
    ]
    return "\n".join(lines)


HELP_NOW_REPEATS = timedelta(minutes=30)


def help_now(young_person: User) -> SafeguardingAlert:
    """The young person pressed "I need help now". A second press soon after, while the first
    alert is still open, is the same request for help: it returns that alert and raises none."""
    recent = db.session.scalar(
        select(SafeguardingAlert).where(
            SafeguardingAlert.young_person_id == young_person.id,
            SafeguardingAlert.trigger == TRIGGER_HELP_BUTTON,
            SafeguardingAlert.status == OPEN,
            SafeguardingAlert.created_at >= utcnow() - HELP_NOW_REPEATS,
        )
    )
    if recent is not None:
        return recent
    return raise_alert(
        authority_id=young_person.authority_id,
        young_person=young_person,
        trigger=TRIGGER_HELP_BUTTON,
        source="youth.help",
        language=young_person.preferred_language,
    )


def may_see_alert(user: User, alert: SafeguardingAlert) -> bool:
    """The safeguarding lead; the young person's allocated worker; anyone it was escalated to."""
    if user is None or not user.is_staff or user.authority_id != alert.authority_id:
        return False
    if user.role == SAFEGUARDING:
        return True
    if user.id in (alert.notified_ids or []):
        return True
    if user.role == WORKER and alert.young_person is not None and alert.young_person.worker_id == user.id:
        return True
    return False


@for_council(of="user")
def _visible_alerts(user: User, *, status: str | None = None, search: str = ""):
    stmt = select(SafeguardingAlert)
    if status == "not_closed":
        stmt = stmt.where(SafeguardingAlert.status != CLOSED)
    elif status:
        stmt = stmt.where(SafeguardingAlert.status == status)
    if search:
        person = aliased(User)
        stmt = stmt.join(person, person.id == SafeguardingAlert.young_person_id).where(
            or_(contains(person.display_name, search), contains(person.reference, search))
        )
    return stmt.order_by((SafeguardingAlert.status == CLOSED), SafeguardingAlert.deadline_at, SafeguardingAlert.id).options(
        selectinload(SafeguardingAlert.young_person)
    )


def alerts_for(user: User, *, status: str | None = None) -> list[SafeguardingAlert]:
    return [a for a in db.session.scalars(_visible_alerts(user, status=status)).all() if may_see_alert(user, a)]


@for_council(of="user")
def open_alert_count(user: User) -> int:
    """Open alerts this person may see, for the badge on their home (one query)."""
    if user.role == SAFEGUARDING and user.is_staff:
        return db.session.scalar(
            select(func.count(SafeguardingAlert.id)).where(SafeguardingAlert.status == OPEN)
        ) or 0
    return len(alerts_for(user, status=OPEN))


def alerts_page(user: User, *, status: str | None = None, search: str = "", page: int | str | None = 1) -> Page[SafeguardingAlert]:
    """A page of the alerts this person may see, open ones first by deadline. The safeguarding
    lead sees every alert of the council, counted and paged in the database; anyone else sees
    the few that concern them (their young people's, or escalated to them), sorted out here."""
    stmt = _visible_alerts(user, status=status, search=search)
    if user.role == SAFEGUARDING and user.is_staff:
        return paginate(stmt, page)
    # Only their young people's alerts and escalated ones can concern them: the database narrows
    # it to those, and may_see_alert decides.
    theirs = select(User.id).where(User.worker_id == user.id)
    stmt = stmt.where(or_(SafeguardingAlert.young_person_id.in_(theirs), cast(SafeguardingAlert.notified_ids, String) != "[]"))
    return paginate_list([a for a in db.session.scalars(stmt).all() if may_see_alert(user, a)], page)


def alert_with_text(alert_id: int) -> SafeguardingAlert | None:
    return db.session.scalar(
        select(SafeguardingAlert).options(undefer(SafeguardingAlert.text)).where(SafeguardingAlert.id == alert_id)
    )


def alert_for(alert_id: int, user: User) -> SafeguardingAlert | None:
    """An alert with its words, for someone who may see it (None for anyone else)."""
    alert = alert_with_text(alert_id)
    return alert if alert is not None and may_see_alert(user, alert) else None


def open_alert(alert_id: int, user: User) -> SafeguardingAlert | None:
    """The one way staff read an alert and the child's words in it: loaded, authorised, logged."""
    alert = alert_for(alert_id, user)
    if alert is not None:
        audit.record("safeguarding.alert_viewed", alert)
    return alert


def open_alert_person(alert: SafeguardingAlert, user: User) -> User | None:
    """The young person an alert is about, for someone who may see the alert, logged; None if
    the alert is about nobody signed in (or the user may not see it)."""
    person = alert.young_person
    if person is None or not may_see_alert(user, alert):
        return None
    audit.record("safeguarding.young_person_viewed", alert, young_person_id=person.id)
    return person


def item_viewed(item: ModerationItem) -> None:
    """A moderator opened a text waiting for a decision: logged, as every read of a child's words."""
    audit.record("moderation.item_viewed", item)


def load_alert_text(alert: SafeguardingAlert) -> SafeguardingAlert:
    if "text" not in alert.__dict__:
        db.session.refresh(alert, ["text"])
    return alert


def acknowledge(alert: SafeguardingAlert, by: User) -> None:
    if alert.status != OPEN:
        raise RuleBroken(_l("This alert has already been acknowledged."))
    alert.status = ACKNOWLEDGED
    alert.acknowledged_at = utcnow()
    alert.acknowledged_by_id = by.id
    audit.record("safeguarding.acknowledged", alert, actor=by)


def add_note(alert: SafeguardingAlert, by: User, text: str) -> AlertNote:
    text = (text or "").strip()
    if not text:
        raise RuleBroken(_l("Write a note"), field="text")
    note = AlertNote(authority_id=alert.authority_id, alert_id=alert.id, author_id=by.id, text=text[:MAX_TEXT])
    db.session.add(note)
    db.session.flush()
    audit.record("safeguarding.note_added", alert, actor=by, note_id=note.id)
    return note


def close(alert: SafeguardingAlert, by: User, note: str | None = None) -> None:
    if alert.status == CLOSED:
        raise RuleBroken(_l("This alert is already closed."))
    if not (note or "").strip():
        raise RuleBroken(_l("Say what was done before closing the alert"), field="text")
    add_note(alert, by, note)
    if alert.status == OPEN:
        acknowledge(alert, by)
    alert.status = CLOSED
    alert.closed_at = utcnow()
    alert.closed_by_id = by.id
    audit.record("safeguarding.closed", alert, actor=by)


def escalation_candidates(authority_id: int) -> list[User]:
    """Staff who may be on an escalation list: never participation officers or council admins,
    who do not see private words."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.authority_id == authority_id, User.role.in_((SAFEGUARDING, MANAGER, WORKER, IRO)), User.active.is_(True))
            .order_by(User.display_name),
            execution_options=ALL,
        ).all()
    )


def escalate_overdue(now: datetime | None = None) -> list[SafeguardingAlert]:
    """Escalate every open alert past its deadline to the next person on its council's list.

    Runs for the bound council from `flask heard escalate` every few minutes. Each escalation gives the next person a
    fresh deadline; when the list runs out, every safeguarding lead and everyone already told is
    emailed again at each deadline until someone acknowledges.
    """
    now = now or utcnow()
    overdue = db.session.scalars(
        select(SafeguardingAlert)
        .where(SafeguardingAlert.status == OPEN, SafeguardingAlert.deadline_at <= now)
        .order_by(SafeguardingAlert.deadline_at)
        .with_for_update(skip_locked=True),  # two overlapping runs never escalate one alert twice
    ).all()
    escalated = []
    for alert in overdue:
        settings = settings_for(alert.authority_id)
        chain = [p for p in _active_staff(alert.authority_id, settings.escalation_ids or []) if p.role != PARTICIPATION]
        order = {p.id: p for p in chain}
        ordered = [order[i] for i in settings.escalation_ids or [] if i in order]
        already = set(alert.notified_ids or [])
        next_people = [p for p in ordered if p.id not in already][:1]
        exhausted = not next_people
        if exhausted:
            next_people = safeguarding_leads(alert.authority_id) + _active_staff(alert.authority_id, list(already))
        alert.escalation_level = (alert.escalation_level or 0) + 1
        alert.last_escalated_at = now
        alert.deadline_at = ack_deadline(now, settings)
        alert.notified_ids = sorted(already | {p.id for p in next_people})
        if alert.out_of_hours_told_at is None and not office_open(now, settings):
            _tell_out_of_hours_team(alert, now, alert.young_person)  # still unanswered when the office closed
        audit.record(
            "safeguarding.escalated",
            alert,
            authority_id=alert.authority_id,
            actor=None,
            level=alert.escalation_level,
            to=[p.id for p in next_people],
            list_exhausted=exhausted or None,
        )
        queue_mail(
            [p.email for p in next_people if p.email],
            str(_l("Heard: an unacknowledged safeguarding alert has come to you")),
            _alert_email_body(alert, escalated=True),
            authority_id=alert.authority_id,
            kind="safeguarding.escalation",
            about_id=alert.id,
        )
        escalated.append(alert)
    return escalated


# ---------------------------------------------------------------------------------------------
# The moderation queue
# ---------------------------------------------------------------------------------------------




@for_council
def queue(authority_id: int, *, source: str | None = None, language: str | None = None, status: str = PENDING, search: str = "", page: int | str | None = 1) -> Page[ModerationItem]:
    """A page of the queue: waiting items risk-flagged on top, then oldest first; decided ones
    newest first. `search` finds words in what was written."""
    stmt = select(ModerationItem)
    statuses = (PENDING, ESCALATED) if status == PENDING else (status,)
    stmt = stmt.where(ModerationItem.status.in_(statuses))
    if source:
        stmt = stmt.where(ModerationItem.source == source)
    if language:
        stmt = stmt.where(ModerationItem.language == language)
    if search:
        stmt = stmt.where(contains(ModerationItem.original_text, search))
    if status == PENDING:
        stmt = stmt.order_by(ModerationItem.risk.desc(), ModerationItem.created_at, ModerationItem.id)
    else:
        stmt = stmt.order_by(ModerationItem.decided_at.desc(), ModerationItem.id.desc())
    return paginate(stmt.options(undefer(ModerationItem.original_text)), page)


@for_council
def queue_filters(authority_id: int) -> tuple[list[str], list[str]]:
    rows = db.session.execute(
        select(ModerationItem.source, ModerationItem.language).distinct()
    ).all()
    return sorted({r.source for r in rows}), sorted({r.language for r in rows})


@for_council(of="user")
def queue_count(user: User) -> int:
    return db.session.scalar(
        select(func.count()).select_from(ModerationItem).where(
            ModerationItem.status.in_((PENDING, ESCALATED))
        )
    ) or 0


@for_council
def item_for_moderator(item_id: int, authority_id: int) -> ModerationItem | None:
    return db.session.scalar(
        select(ModerationItem)
        .options(undefer(ModerationItem.original_text), undefer(ModerationItem.approved_text))
        .where(ModerationItem.id == item_id)
    )


def load_texts(item: ModerationItem) -> ModerationItem:
    """Load an item's texts for moderation (they are never loaded by accident; see models.py)."""
    if "original_text" not in item.__dict__ or "approved_text" not in item.__dict__:
        db.session.refresh(item, ["original_text", "approved_text"])
    return item


def findings_of(item: ModerationItem) -> list[screening.Finding]:
    return [screening.Finding.from_dict(f) for f in item.findings or []]


def proposed_text(item: ModerationItem) -> str:
    load_texts(item)
    return screening.redact(item.original_text, findings_of(item))


def _decidable(item: ModerationItem) -> None:
    if item.status not in (PENDING, ESCALATED):
        raise RuleBroken(_l("This has already been decided."))


def approve(item: ModerationItem, by: User, text: str | None = None, note: str | None = None) -> None:
    """Approve as written, or with the moderator's redactions (both versions are kept)."""
    _decidable(item)
    load_texts(item)
    final = item.original_text if text is None else text.strip()
    if not final:
        raise RuleBroken(_l("Enter the text to publish, or reject it instead"), field="text")
    item.approved_text = final[:MAX_TEXT]
    item.redacted = item.approved_text != item.original_text
    item.status = APPROVED
    item.decided_at = utcnow()
    item.decided_by_id = by.id
    item.reason = None
    if note:
        item.staff_note = note.strip()
    audit.record("moderation.approved_with_redactions" if item.redacted else "moderation.approved", item, actor=by, source=item.source)


def reject(item: ModerationItem, by: User, reason: str, note: str | None = None) -> None:
    _decidable(item)
    if reason not in REASON_CODES:
        raise RuleBroken(_l("Choose why it is not being published"), field="reason")
    item.status = REJECTED
    item.reason = reason
    item.approved_text = None
    item.decided_at = utcnow()
    item.decided_by_id = by.id
    if note:
        item.staff_note = note.strip()
    audit.record("moderation.rejected", item, actor=by, source=item.source, reason=reason)


def escalate(item: ModerationItem, by: User, note: str | None = None) -> SafeguardingAlert:
    """A moderator sees a risk screening missed: raise an alert and hold the item."""
    _decidable(item)
    load_texts(item)
    item.status = ESCALATED
    item.risk = True
    if note:
        item.staff_note = note.strip()
    audit.record("moderation.escalated", item, actor=by, source=item.source)
    return raise_alert(
        authority_id=item.authority_id,
        young_person=item.author,
        trigger=TRIGGER_MODERATOR,
        source=item.source,
        source_id=item.source_id,
        item=item,
        text=item.original_text,
        language=item.language,
        findings=[f for f in item.findings or [] if f.get("kind") == screening.RISK],
        by=by,
    )


@cache
def _not_published_statement():
    # Built once: it runs on every young person's home.
    return (
        select(ModerationItem)
        .options(undefer(ModerationItem.original_text), undefer(ModerationItem.approved_text))
        .where(ModerationItem.author_id == bindparam("author"), ModerationItem.status == REJECTED, ModerationItem.decided_at >= bindparam("since", type_=ModerationItem.decided_at.type))
        .order_by(ModerationItem.decided_at.desc())
        .limit(5)
    )


def not_published_for(author: User, days: int = 30) -> list[OwnView]:
    """The author's own view of their recent items that were not published, for the notice on
    their home (one query)."""
    items = db.session.scalars(_not_published_statement(), {"author": author.id, "since": utcnow() - timedelta(days=days)})
    return [_own_view(item) for item in items]


# ---------------------------------------------------------------------------------------------
# Council lists and settings
# ---------------------------------------------------------------------------------------------


def terms(authority_id: int, kind: str, language: str = "") -> list[str]:
    return list(
        db.session.scalars(
            select(ScreeningTerm.phrase)
            .where(ScreeningTerm.authority_id == authority_id, ScreeningTerm.kind == kind, ScreeningTerm.language == language)
            .order_by(ScreeningTerm.phrase),
            execution_options=ALL,
        ).all()
    )


def save_terms(authority_id: int, kind: str, language: str, lines: str, by: User) -> tuple[int, int]:
    """Replace one council list with the lines given. Returns (added, removed)."""
    wanted = []
    for line in (lines or "").splitlines():
        phrase = " ".join(line.split())[:200]
        if phrase and phrase.casefold() not in {w.casefold() for w in wanted}:
            wanted.append(phrase)
    existing = db.session.scalars(
        select(ScreeningTerm).where(
            ScreeningTerm.authority_id == authority_id, ScreeningTerm.kind == kind, ScreeningTerm.language == language
        ),
        execution_options=ALL,
    ).all()
    keep = {w.casefold() for w in wanted}
    have = {t.phrase.casefold(): t for t in existing}
    removed = 0
    for key, term in have.items():
        if key not in keep:
            db.session.delete(term)
            removed += 1
    added = 0
    for phrase in wanted:
        if phrase.casefold() not in have:
            _term, new = add_once(
                ScreeningTerm(authority_id=authority_id, kind=kind, language=language, phrase=phrase, added_by_id=by.id),
                lambda phrase=phrase: db.session.scalar(select(ScreeningTerm).where(
                    ScreeningTerm.authority_id == authority_id, ScreeningTerm.kind == kind, ScreeningTerm.language == language,
                    ScreeningTerm.phrase == phrase), execution_options=ALL),
            )
            added += new
    if added or removed:
        audit.record("moderation.lists_changed", None, authority_id=authority_id, actor=by, kind=kind, language=language or None, added=added, removed=removed)
    return added, removed


def save_settings(
    settings: SafeguardingSettings,
    by: User,
    *,
    ack_minutes: int,
    work_start: str,
    work_end: str,
    work_days: list[int],
    escalation_ids: list[int],
    enabled: bool | None = None,
    out_of_hours_phone: str | None = None,
    out_of_hours_email: str | None = None,
) -> None:
    """Save a council's alert settings. Safeguarding cannot be switched on (or stay on) with
    nobody on the escalation list: an unanswered alert must always have somewhere to go."""
    from ..errors import RuleBroken
    from ..tenancy import Authority

    if hm(work_start) >= hm(work_end):
        raise RuleBroken(_l("The working day must end after it starts"), field="work_end")
    allowed = {p.id for p in escalation_candidates(settings.authority_id)}
    ordered = []
    for person_id in escalation_ids:
        if person_id in allowed and person_id not in ordered:
            ordered.append(person_id)
    enabled = settings.enabled if enabled is None else enabled
    if enabled and not ordered:
        raise RuleBroken(_l("Put at least one person on the escalation list before switching safeguarding alerts on"), field="step_1")
    settings.ack_minutes = ack_minutes
    settings.work_start = work_start
    settings.work_end = work_end
    settings.work_days = sorted(set(work_days))
    settings.escalation_ids = ordered
    settings.enabled = bool(enabled)
    authority = db.session.get(Authority, settings.authority_id)
    if out_of_hours_phone is not None:
        authority.out_of_hours_phone = out_of_hours_phone.strip() or None
    if out_of_hours_email is not None:
        authority.out_of_hours_email = out_of_hours_email.strip() or None
    audit.record(
        "safeguarding.settings_changed",
        settings,
        actor=by,
        ack_minutes=ack_minutes,
        work_start=work_start,
        work_end=work_end,
        work_days=settings.work_days,
        escalation_ids=ordered,
        enabled=settings.enabled,
        out_of_hours_email=authority.out_of_hours_email,
    )


def cover_gaps(authority_id: int) -> list[str]:
    """What is missing from a council's round-the-clock cover, in words for its staff."""
    from ..tenancy import Authority

    settings = settings_for(authority_id)
    authority = db.session.get(Authority, authority_id)
    gaps = []
    if not settings.enabled:
        gaps.append(str(_l("Safeguarding alerts are not switched on.")))
    if not _active_staff(authority_id, settings.escalation_ids or []):
        gaps.append(str(_l("Nobody is on the escalation list.")))
    if not safeguarding_leads(authority_id):
        gaps.append(str(_l("Nobody has the safeguarding lead role.")))
    if not (authority and authority.out_of_hours_email):
        gaps.append(str(_l("There is no email address for the out-of-hours team.")))
    if not (authority and authority.out_of_hours_phone):
        gaps.append(str(_l("There is no phone number for the out-of-hours team.")))
    return gaps


# ---------------------------------------------------------------------------------------------
# Figures and the daily digest
# ---------------------------------------------------------------------------------------------


@dataclass
class Figures:
    submitted: int
    moderated: int
    approved: int
    redacted: int
    rejected: int
    escalated_items: int
    waiting: int
    median_decision: timedelta | None
    alerts_raised: int
    alerts_acknowledged: int
    median_acknowledgement: timedelta | None
    escalations: int
    alerts_escalated: int


def _median(values: list[timedelta]) -> timedelta | None:
    return timedelta(seconds=statistics.median(v.total_seconds() for v in values)) if values else None


@for_council
def figures(authority_id: int, start: datetime | None, end: datetime | None) -> Figures:
    def within(column):
        conditions = []
        if start is not None:
            conditions.append(column >= start)
        if end is not None:
            conditions.append(column < end)
        return conditions

    items = db.session.execute(
        select(ModerationItem.created_at, ModerationItem.decided_at, ModerationItem.status, ModerationItem.redacted).where(
            *within(ModerationItem.created_at)
        )
    ).all()
    decided = db.session.execute(
        select(ModerationItem.created_at, ModerationItem.decided_at, ModerationItem.status, ModerationItem.redacted).where(
            ModerationItem.decided_at.is_not(None), *within(ModerationItem.decided_at)
        )
    ).all()
    alerts = db.session.execute(
        select(SafeguardingAlert.created_at, SafeguardingAlert.acknowledged_at, SafeguardingAlert.escalation_level).where(
            *within(SafeguardingAlert.created_at)
        )
    ).all()
    from ..audit import AuditEvent

    escalations = db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "safeguarding.escalated", *within(AuditEvent.at)
        )
    ) or 0
    return Figures(
        submitted=len(items),
        moderated=len(decided),
        approved=sum(1 for r in decided if r.status == APPROVED),
        redacted=sum(1 for r in decided if r.status == APPROVED and r.redacted),
        rejected=sum(1 for r in decided if r.status == REJECTED),
        escalated_items=sum(1 for r in items if r.status == ESCALATED),
        waiting=sum(1 for r in items if r.status in (PENDING, ESCALATED)),
        median_decision=_median([r.decided_at - r.created_at for r in decided]),
        alerts_raised=len(alerts),
        alerts_acknowledged=sum(1 for r in alerts if r.acknowledged_at),
        median_acknowledgement=_median([r.acknowledged_at - r.created_at for r in alerts if r.acknowledged_at]),
        escalations=escalations,
        alerts_escalated=sum(1 for r in alerts if r.escalation_level),
    )


def send_digest(now: datetime | None = None) -> int:
    """Email the bound council's participation officers how many items wait. Returns emails queued."""
    from ..access import PARTICIPATION
    from ..tenancy import current_authority_id

    now = now or utcnow()
    waiting = db.session.execute(
        select(ModerationItem.risk, ModerationItem.created_at).where(ModerationItem.status.in_((PENDING, ESCALATED)))
    ).all()
    if not waiting:
        return 0
    officers = db.session.scalars(
        select(User).where(User.role == PARTICIPATION, User.active.is_(True), User.email.is_not(None))
    ).all()
    if not officers:
        return 0
    from ..jobs import claim_period

    if not claim_period("moderation-digest", now.astimezone(LONDON).date().isoformat()):
        return 0  # today's digest was sent by another app server's run
    oldest = min(r.created_at for r in waiting)
    days = max(0, (now - oldest).days)
    flagged = sum(1 for r in waiting if r.risk)
    body = "\n".join(
        [
            str(_l("Good morning. Items are waiting in the Heard moderation queue.")),
            "",
            str(_l("Waiting: %(count)s", count=len(waiting))),
            str(_l("Flagged for possible risk: %(count)s", count=flagged)),
            str(_l("Oldest has waited: %(days)s days", days=days)),
            "",
            link("/staff/moderation/"),
        ]
    )
    queue_mail([o.email for o in officers], str(_l("Heard: items waiting for moderation")), body, authority_id=current_authority_id(), kind="moderation.digest")
    audit.record("moderation.digest_sent", None, authority_id=current_authority_id(), actor=None, waiting=len(waiting), to=[o.id for o in officers])
    return len(officers)


def people_by_id(ids) -> dict[int, User]:
    """The council's people with these ids (those an alert told), by id."""
    return {p.id: p for p in db.session.scalars(select(User).where(User.id.in_(list(ids))))}


def councils_by_name() -> list[Authority]:
    """Every council, by name: whom a child who is not signed in can ask for help."""
    return list(db.session.scalars(select(Authority).order_by(Authority.name)))


def council_with_slug(slug: str) -> Authority | None:
    return db.session.scalar(select(Authority).where(Authority.slug == slug))


def alert_on_item(item_id: int, young_person: User) -> SafeguardingAlert | None:
    """The alert a young person's own text raised, if it raised one."""
    return db.session.scalar(
        select(SafeguardingAlert).where(SafeguardingAlert.item_id == item_id, SafeguardingAlert.young_person_id == young_person.id)
    )
