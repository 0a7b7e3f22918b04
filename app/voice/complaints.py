"""Complaints, compliments and comments from young people to their council.

A complaint follows the statutory children's complaints procedure in England (the Children Act
1989 Representations Procedure (England) Regulations 2006), counted in working days from the day
the council received it:
- stage 1, local resolution: an answer within 10 working days, which may be extended to 20;
- stage 2, investigation: 25 working days, which may be extended to 65;
- stage 3, review panel: the panel meets within 30 working days of the request.
The complaints officer sees the clock, records each answer, and starts the next stage when the
young person asks for it. The young person sees where it is and can ask for an advocate at any
point. Compliments and comments go to the team they are about, who can answer them.

Who may see what: the young person their own; complaints officers every complaint, compliment and
comment of their council; members of a team the compliments and comments about that team.
"""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .. import audit
from ..access import COMPLAINTS
from ..auth.models import User
from ..errors import RuleBroken
from ..extensions import db
from ..models_base import utcnow
from ..once import add_once
from ..pagination import PER_PAGE, Page, paginate
from ..working_days import add_working_days, local_day, working_days_between
from . import drafts, notify
from .models import (
    CLOSED,
    COMPLAINT,
    FINDINGS,
    OPEN,
    SENT,
    STAGE_INVESTIGATION,
    STAGE_LOCAL,
    STAGE_PANEL,
    ComplaintStage,
    Representation,
    TeamMember,
)
from .settings import complaints_officers, settings_for
from ..tenancy import for_council

# Working days: (the timescale, the longest it may be extended to). The panel cannot be extended.
TIMESCALES = {STAGE_LOCAL: (10, 20), STAGE_INVESTIGATION: (25, 65), STAGE_PANEL: (30, None)}

STAGE_NAMES = {
    STAGE_LOCAL: _l("Stage 1: sorting it out locally"),
    STAGE_INVESTIGATION: _l("Stage 2: an investigation"),
    STAGE_PANEL: _l("Stage 3: a review panel"),
}
FINDING_LABELS = {
    "upheld": _l("Upheld: you were right"),
    "partly_upheld": _l("Partly upheld: you were right about some of it"),
    "not_upheld": _l("Not upheld"),
}
assert tuple(FINDING_LABELS) == FINDINGS

MAX_RESPONSE = 5000


def today() -> date:
    return local_day(utcnow())


# --------------------------------------------------------------------------- the young person


def send(item: Representation, *, key: str, language: str | None = None) -> bool:
    """Send a complaint, compliment or comment once. A complaint starts stage 1 on the day the
    council receives it."""
    if item.status == SENT:
        return False
    missing = drafts.missing_required(item)
    if missing is not None:
        raise RuleBroken(_l("Before you send it, answer: %(question)s", question=missing.title(item.version)), field=missing.key)
    if not drafts.mark_sent(item, key=key, language=language):
        return False
    item.received_on = local_day(item.sent_at)
    if item.kind == COMPLAINT:
        _start_stage(item, STAGE_LOCAL, item.received_on)
        settings = settings_for(item.authority_id)
        notify.tell(
            [o.email for o in complaints_officers(item.authority_id)] + [settings.complaints_email],
            _l("A young person has made a complaint in Heard"),
            _l("A young person has made a complaint. The statutory clock has started: stage 1 is due in 10 working days."),
            f"/staff/voice/complaints/{item.id}",
            authority_id=item.authority_id,
            kind="complaint_made",
            about_id=item.id,
        )
    else:
        team = item.team
        people = [m.user.email for m in team.members if m.user.active] if team else []
        people += [team.email] if team and team.email else []
        if not people:  # no team chosen, or nobody to tell: the complaints officer passes it on
            people = [o.email for o in complaints_officers(item.authority_id)]
        notify.tell(
            people,
            _l("A young person sent a compliment in Heard") if item.kind == "compliment" else _l("A young person sent a comment in Heard"),
            _l("A young person has written to your team."),
            f"/staff/voice/feedback/{item.id}",
            authority_id=item.authority_id,
            kind=f"{item.kind}_sent",
            about_id=item.id,
        )
    return True


def _start_stage(complaint: Representation, number: int, started_on: date) -> ComplaintStage:
    days, _longest = TIMESCALES[number]
    stage, added = add_once(
        ComplaintStage(authority_id=complaint.authority_id, complaint_id=complaint.id, number=number, started_on=started_on,
                       due_on=add_working_days(started_on, days)),
        # Two taps of "start the next stage" start it once.
        lambda: db.session.scalar(select(ComplaintStage).where(ComplaintStage.complaint_id == complaint.id, ComplaintStage.number == number)),
    )
    db.session.expire(complaint, ["stages"])
    if added:
        audit.record("voice.complaint.stage_started", complaint, stage=number, due_on=stage.due_on.isoformat())
    return stage


def sent_by(young_person: User) -> list[Representation]:
    stmt = (
        select(Representation)
        .where(Representation.young_person_id == young_person.id, Representation.status == SENT)
        .options(selectinload(Representation.stages))
        .order_by(Representation.sent_at.desc())
    )
    return list(db.session.scalars(stmt))


def drafts_of(young_person: User) -> list[Representation]:
    stmt = select(Representation).where(Representation.young_person_id == young_person.id, Representation.status != SENT)
    return [d for d in db.session.scalars(stmt.order_by(Representation.id.desc())) if d.last_step]


def unseen_answers(young_person: User) -> int:
    count = 0
    for item in sent_by(young_person):
        if item.kind == COMPLAINT:
            count += sum(1 for s in item.stages if s.responded_at and not s.response_seen_at)
        elif item.responded_at and not item.response_seen_at:
            count += 1
    return count


def mark_seen(item: Representation, young_person: User) -> None:
    if item.young_person_id != young_person.id:
        return
    now = utcnow()
    if item.responded_at and not item.response_seen_at:
        item.response_seen_at = now
    for stage in item.stages:
        if stage.responded_at and not stage.response_seen_at:
            stage.response_seen_at = now


def may_ask_next_stage(complaint: Representation, on: date | None = None) -> bool:
    """After an answer they are not happy with, or when the answer is late, at stages 1 and 2."""
    stage = complaint.stage
    if complaint.kind != COMPLAINT or complaint.state != OPEN or stage is None or stage.number >= STAGE_PANEL:
        return False
    if stage.next_stage_requested_at is not None:
        return False
    return stage.responded_at is not None or (on or today()) > stage.deadline


def ask_next_stage(complaint: Representation, young_person: User) -> None:
    if complaint.young_person_id != young_person.id:
        raise RuleBroken(_l("Something went wrong. Try again."))
    if not may_ask_next_stage(complaint):
        raise RuleBroken(_l("You can ask for the next stage once the council has answered, or if its answer is late."))
    stage = complaint.stage
    stage.next_stage_requested_at = utcnow()
    audit.record("voice.complaint.next_stage_asked", complaint, actor=young_person, stage=stage.number + 1)
    notify.tell(
        [o.email for o in complaints_officers(complaint.authority_id)],
        _l("A young person wants their complaint to go to the next stage"),
        _l("A young person is not happy with the answer to their complaint and has asked for the next stage."),
        f"/staff/voice/complaints/{complaint.id}",
        authority_id=complaint.authority_id,
        kind="complaint_next_stage",
        about_id=complaint.id,
    )


def accept(complaint: Representation, young_person: User) -> None:
    """"I'm happy with this": the complaint closes."""
    if complaint.young_person_id != young_person.id or complaint.state != OPEN:
        raise RuleBroken(_l("Something went wrong. Try again."))
    stage = complaint.stage
    if stage is None or stage.responded_at is None:
        raise RuleBroken(_l("The council has not answered yet."))
    complaint.state = CLOSED
    complaint.closed_at = utcnow()
    audit.record("voice.complaint.accepted", complaint, actor=young_person, stage=stage.number)


# --------------------------------------------------------------------------- the complaints officer


def is_officer(staff: User) -> bool:
    return staff.role == COMPLAINTS and staff.active


@for_council(of="officer")
def complaints_for(officer: User, *, state: str = OPEN) -> list[Representation]:
    """Open complaints, the nearest deadline first (or every closed one, newest first)."""
    if not is_officer(officer):
        return []
    stmt = (
        select(Representation)
        .where(Representation.kind == COMPLAINT, Representation.status == SENT,
               Representation.state == state)
        .options(selectinload(Representation.stages), selectinload(Representation.young_person))
    )
    items = list(db.session.scalars(stmt))
    if state == OPEN:
        return sorted(items, key=lambda c: (c.stage.next_stage_requested_at is None, c.stage.responded_at is not None, c.stage.deadline))
    return sorted(items, key=lambda c: c.closed_at or c.sent_at, reverse=True)


def load_complaint(officer: User, complaint_id: int) -> Representation | None:
    complaint = db.session.get(Representation, complaint_id)
    if complaint is None or not is_officer(officer) or complaint.authority_id != officer.authority_id:
        return None
    if complaint.kind != COMPLAINT or complaint.status != SENT:
        return None
    audit.record("voice.complaint.read", complaint, actor=officer)
    return complaint


def respond(stage: ComplaintStage, by: User, finding: str, response: str) -> None:
    if not is_officer(by) or stage.authority_id != by.authority_id:
        raise RuleBroken(_l("Only a complaints officer can answer a complaint"))
    if stage.complaint.state != OPEN or stage is not stage.complaint.stage:
        raise RuleBroken(_l("This stage is finished."))
    if finding not in FINDINGS:
        raise RuleBroken(_l("Choose what you found"), field="finding")
    response = drafts.clean(response)
    if not response:
        raise RuleBroken(_l("Write your answer to the young person"), field="response")
    if len(response) > MAX_RESPONSE:
        raise RuleBroken(_l("Keep it under %(n)s characters", n=f"{MAX_RESPONSE:,}"), field="response")
    first = stage.responded_at is None
    stage.finding = finding
    stage.response = response
    stage.responded_by_id = by.id
    stage.responded_at = utcnow()
    stage.response_seen_at = None
    if first:
        stage.responded_on = today()
    audit.record("voice.complaint.answered", stage.complaint, actor=by, stage=stage.number, finding=finding, within=within_timescale(stage))


def extend(stage: ComplaintStage, by: User, reason: str) -> None:
    days, longest = TIMESCALES[stage.number]
    if not is_officer(by) or stage.authority_id != by.authority_id:
        raise RuleBroken(_l("Only a complaints officer can extend a complaint"))
    if longest is None:
        raise RuleBroken(_l("A review panel's timescale cannot be extended."))
    if stage.extended_to is not None:
        raise RuleBroken(_l("This stage has already been extended as far as the law allows."))
    if stage.responded_at is not None:
        raise RuleBroken(_l("This stage has been answered."))
    reason = drafts.clean(reason)
    if not reason:
        raise RuleBroken(_l("Say why it needs longer"), field="reason")
    stage.extended_to = add_working_days(stage.started_on, longest)
    stage.extension_reason = reason[:1000]
    audit.record("voice.complaint.extended", stage.complaint, actor=by, stage=stage.number, to=stage.extended_to.isoformat())


def start_next_stage(complaint: Representation, by: User) -> ComplaintStage:
    if not is_officer(by) or complaint.authority_id != by.authority_id:
        raise RuleBroken(_l("Only a complaints officer can move a complaint on"))
    stage = complaint.stage
    if complaint.state != OPEN or stage is None or stage.next_stage_requested_at is None or stage.number >= STAGE_PANEL:
        raise RuleBroken(_l("The young person has not asked for the next stage."))
    # The next stage's clock starts on the day they asked, not the day the officer got to it.
    return _start_stage(complaint, stage.number + 1, local_day(stage.next_stage_requested_at))


def close(complaint: Representation, by: User, note: str) -> None:
    if not is_officer(by) or complaint.authority_id != by.authority_id:
        raise RuleBroken(_l("Only a complaints officer can close a complaint"))
    if complaint.state != OPEN:
        raise RuleBroken(_l("It is already closed."))
    note = drafts.clean(note)
    if not note:
        raise RuleBroken(_l("Say why it is closing"), field="note")
    complaint.state = CLOSED
    complaint.closed_at = utcnow()
    complaint.closed_note = note[:1000]
    audit.record("voice.complaint.closed", complaint, actor=by)


# --------------------------------------------------------------------------- the clock


def within_timescale(stage: ComplaintStage) -> bool | None:
    """Answered by the deadline (the extended one, if extended)? None while unanswered."""
    if stage.responded_on is None:
        return None
    return stage.responded_on <= stage.deadline


def days_left(stage: ComplaintStage, on: date | None = None) -> int:
    """Working days until the deadline; negative when late."""
    on = on or today()
    if on <= stage.deadline:
        return working_days_between(on, stage.deadline)
    return -working_days_between(stage.deadline, on)


def clock(stage: ComplaintStage, on: date | None = None) -> str:
    """answered | late | due_soon (3 working days or fewer) | on_track."""
    if stage.responded_at is not None:
        return "answered"
    left = days_left(stage, on)
    if left < 0:
        return "late"
    return "due_soon" if left <= 3 else "on_track"


CLOCK_LABELS = {
    "answered": _l("Answered"),
    "late": _l("Late"),
    "due_soon": _l("Due soon"),
    "on_track": _l("On track"),
}


# --------------------------------------------------------------------------- compliments and comments


def may_see_feedback(staff: User, item: Representation) -> bool:
    if item.kind == COMPLAINT or item.status != SENT or staff.authority_id != item.authority_id or not staff.active:
        return False
    if is_officer(staff):
        return True
    if item.team_id is None:
        return False
    return db.session.scalar(select(TeamMember.id).where(TeamMember.team_id == item.team_id, TeamMember.user_id == staff.id)) is not None


FEEDBACK_PAGE = PER_PAGE  # compliments and comments on a page


def _feedback_stmt(staff: User):
    stmt = select(Representation).where(
        Representation.kind != COMPLAINT, Representation.status == SENT,
    )
    if not is_officer(staff):
        team_ids = select(TeamMember.team_id).where(TeamMember.user_id == staff.id)
        stmt = stmt.where(Representation.team_id.in_(team_ids))
    return stmt


def feedback_for(staff: User, page: int | str | None = 1) -> Page:
    """One page of the compliments and comments to this person's teams (every one, for a
    complaints officer): those still to answer first, then newest first."""
    stmt = (
        _feedback_stmt(staff)
        .options(selectinload(Representation.team), selectinload(Representation.young_person))
        .order_by(Representation.responded_at.is_not(None), Representation.sent_at.desc(), Representation.id.desc())
    )
    return paginate(stmt, page, per_page=FEEDBACK_PAGE)


def unanswered_feedback(staff: User) -> int:
    stmt = _feedback_stmt(staff).where(Representation.responded_at.is_(None))
    return db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def load_feedback(staff: User, item_id: int) -> Representation | None:
    item = db.session.get(Representation, item_id)
    if item is None or not may_see_feedback(staff, item):
        return None
    audit.record(f"voice.{item.kind}.read", item, actor=staff)
    return item


def answer_feedback(item: Representation, by: User, text: str) -> None:
    if not may_see_feedback(by, item):
        raise RuleBroken(_l("You cannot answer this"))
    text = drafts.clean(text)
    if not text:
        raise RuleBroken(_l("Write your reply"), field="text")
    item.response = text[:2000]
    item.responded_at = utcnow()
    item.responded_by_id = by.id
    item.response_seen_at = None
    audit.record(f"voice.{item.kind}.answered", item, actor=by)
