"""The Children in Care Council (and the council's other groups of young people): meetings and
who came, polls and how many voted, ideas raised and what became of them, and the questions young
people put to councillors."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import distinct, func, or_, select

from ...council.models import (
    ACTIVE,
    CLOSED,
    DONE,
    LEFT,
    MEMBERS,
    PRESENT,
    Idea,
    Meeting,
    MeetingAttendance,
    MeetingQuestion,
    Membership,
    Poll,
    PollBallot,
    PollQuestion,
)
from ...extensions import db
from ...models_base import utcnow
from ..disclosure import BASE, count_cell, protect
from ..quarters import Quarter
from .sections import Section
from .tables import COUNT, SHARE, TEXT, Entry, Row, Table, entry_of
from ...tenancy import for_council


@for_council
def _meetings_held(authority_id: int, quarter: Quarter):
    return select(Meeting.id).where(
        Meeting.cancelled_at.is_(None),
        Meeting.starts_at >= quarter.starts_at,
        Meeting.starts_at < min(quarter.ends_at, utcnow()),
    )


def _members_at(group_id: int, moment) -> int:
    """Members of a group at a moment: joined by then, and not left before it."""
    return db.session.scalar(
        select(func.count()).select_from(Membership).where(
            Membership.group_id == group_id,
            Membership.joined_at.is_not(None),
            Membership.joined_at <= moment,
            or_(Membership.state == ACTIVE, (Membership.state == LEFT) & (Membership.changed_at > moment)),
        )
    ) or 0


@for_council
def counts(authority_id: int, quarter: Quarter) -> dict:
    held = _meetings_held(authority_id, quarter)
    meetings = db.session.scalar(select(func.count()).select_from(held.subquery())) or 0
    present = MeetingAttendance.meeting_id.in_(held), MeetingAttendance.mark == PRESENT
    attendances = db.session.scalar(select(func.count()).select_from(MeetingAttendance).where(*present)) or 0
    attendees = db.session.scalar(select(func.count(distinct(MeetingAttendance.user_id))).where(*present)) or 0

    polls = db.session.execute(
        select(Poll.id, Poll.group_id, Poll.audience, Poll.closed_at).where(
            Poll.state == CLOSED, Poll.closed_at >= quarter.starts_at, Poll.closed_at < quarter.ends_at
        )
    ).all()
    votes = possible = 0
    for poll_id, group_id, audience, closed_at in polls:
        ballots = dict(
            db.session.execute(
                select(PollQuestion.id, func.count(PollBallot.id))
                .outerjoin(PollBallot, PollBallot.question_id == PollQuestion.id)
                .where(PollQuestion.poll_id == poll_id)
                .group_by(PollQuestion.id)
            ).all()
        )
        if audience == MEMBERS:  # turnout is counted where it is known who could vote
            members = _members_at(group_id, closed_at)
            for n in ballots.values():
                votes += n
                possible += max(members, n)

    # Grouped by the status itself: PostgreSQL will not group by a comparison with a bound value.
    ideas = db.session.execute(
        select(Idea.response.is_not(None), Idea.status, func.count())
        .where(Idea.created_at >= quarter.starts_at, Idea.created_at < quarter.ends_at)
        .group_by(Idea.response.is_not(None), Idea.status)
    ).all()
    answered = sum(n for is_answered, _, n in ideas if is_answered)
    done = sum(n for is_answered, status, n in ideas if is_answered and status == DONE)
    raised = sum(n for *_, n in ideas)

    questions = db.session.execute(
        select(MeetingQuestion.answered_at.is_not(None), func.count()).where(MeetingQuestion.meeting_id.in_(held)).group_by(MeetingQuestion.answered_at.is_not(None))
    ).all()
    asked = sum(n for _, n in questions)
    replied = sum(n for is_answered, n in questions if is_answered)
    return {
        "meetings": meetings,
        "attendances": attendances,
        "attendees": attendees,
        "polls": len(polls),
        "votes": votes,
        "possible": possible,
        "ideas": raised,
        "answered": answered,
        "done": done,
        "asked": asked,
        "replied": replied,
    }


def figures(authority_id: int, quarter: Quarter) -> dict:
    c = counts(authority_id, quarter)
    yes_no = ["yes", "no"]
    safe = protect(
        {
            "turnout": {"yes": c["votes"], "no": c["possible"] - c["votes"]},
            "ideas": {"yes": c["answered"], "no": c["ideas"] - c["answered"]},
            "done": {"yes": c["done"], "no": c["answered"] - c["done"]},
            "questions": {"yes": c["replied"], "no": c["asked"] - c["replied"]},
        },
        yes_no,
        lines=[(("ideas", "yes"), [("done", BASE)])],
    )
    return {
        **safe,
        "meetings": c["meetings"],
        "polls": c["polls"],
        # Counts of people with nothing beside them to subtract from: only the lower limit applies.
        "attendances": count_cell(c["attendances"]),
        "attendees": count_cell(c["attendees"]),
    }


def section(authority_id: int, quarters: list[Quarter]) -> Section:
    per_quarter = [figures(authority_id, q) for q in quarters]
    meetings = Table(
        "council_meetings",
        str(_l("Meetings and polls")),
        str(_l("Measure")),
        rows=[
            Row("meetings", str(_l("Meetings held")), [Entry(text=str(f["meetings"])) for f in per_quarter], TEXT),
            Row("attendances", str(_l("Young people at meetings (counting each meeting)")), [Entry(f["attendances"]) for f in per_quarter], COUNT),
            Row("attendees", str(_l("Different young people who came")), [Entry(f["attendees"]) for f in per_quarter], COUNT),
            Row("polls", str(_l("Polls held")), [Entry(text=str(f["polls"])) for f in per_quarter], TEXT),
            Row("votes", str(_l("Votes cast by members (turnout)")), [entry_of(f["turnout"], "yes") for f in per_quarter], SHARE),
        ],
        chart=False,
    )
    ideas = Table(
        "council_ideas",
        str(_l("Ideas and questions")),
        str(_l("Measure")),
        rows=[
            Row("ideas", str(_l("Ideas raised by young people")), [entry_of(f["ideas"]) for f in per_quarter], COUNT),
            Row("answered", str(_l("Answered (“you said, we did”)")), [entry_of(f["ideas"], "yes") for f in per_quarter], SHARE),
            Row("done", str(_l("Of those answered, done")), [entry_of(f["done"], "yes") for f in per_quarter], SHARE),
            Row("questions", str(_l("Questions put to councillors at meetings")), [entry_of(f["questions"]) for f in per_quarter], COUNT),
            Row("questions_answered", str(_l("Answered")), [entry_of(f["questions"], "yes") for f in per_quarter], SHARE),
        ],
        chart=True,
    )
    return Section(
        "council",
        str(_l("Children in Care Council")),
        str(_l("The council's groups of young people: their meetings, polls and ideas, and the questions they put to councillors. Meetings and polls are counted as they are; every count of young people follows the small-numbers rules.")),
        str(_l("What the Children in Care Council did: meetings, polls, your ideas and what happened to them, and the questions you asked councillors.")),
        tables=[meetings, ideas],
    )
