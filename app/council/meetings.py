"""Meetings and events: details, RSVPs, attendance, reminders and questions for the councillors."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, true

from .. import audit
from ..access import PARTICIPATION
from ..auth.models import User
from ..errors import RuleBroken
from ..extensions import db
from ..jobs import claim_row
from ..mail import link, queue_mail
from ..models_base import utcnow
from ..once import add_once
from . import texts
from .models import (
    ACTIVE,
    ATTENDANCE_MARKS,
    NOT_GOING,
    RSVP_ANSWERS,
    CouncilGroup,
    Meeting,
    MeetingAttendance,
    MeetingQuestion,
    MeetingRsvp,
    MemberContact,
    Membership,
)
from .service import is_member

REMINDER_HOURS = 48


def save_meeting(meeting: Meeting | None, *, group: CouncilGroup, title: dict, starts_at: datetime,
                 ends_at: datetime | None, place: str | None, online_link: str | None, agenda: dict,
                 access_notes: dict, takes_questions: bool, by: User) -> Meeting:
    if not (title or {}).get("en", "").strip():
        raise RuleBroken(_l("Enter a title in English"), "title_en")
    if ends_at and ends_at <= starts_at:
        raise RuleBroken(_l("The end time must be after the start time"), "ends_at")
    if not (place or online_link):
        raise RuleBroken(_l("Give a place, an online link, or both"), "place")
    if online_link and not online_link.startswith("https://"):
        raise RuleBroken(_l("Enter an online link starting with https://"), "online_link")
    if meeting is None:
        meeting = Meeting(authority_id=group.authority_id, group_id=group.id, created_by_id=by.id)
        db.session.add(meeting)
    if meeting.starts_at is not None and meeting.starts_at != starts_at:
        meeting.reminder_sent_at = None  # moved: remind again
    meeting.title, meeting.starts_at, meeting.ends_at = title, starts_at, ends_at
    meeting.place, meeting.online_link = place or None, online_link or None
    meeting.agenda, meeting.access_notes, meeting.takes_questions = agenda, access_notes, takes_questions
    db.session.flush()
    audit.record("council.meeting_saved", meeting, actor=by)
    return meeting


def cancel_meeting(meeting: Meeting, by: User) -> None:
    meeting.cancelled_at = utcnow()
    audit.record("council.meeting_cancelled", meeting, actor=by)


def upcoming(group_ids, now: datetime | None = None, limit: int | None = None) -> list[Meeting]:
    now = now or utcnow()
    if not group_ids:
        return []
    stmt = select(Meeting).where(
        Meeting.group_id.in_(list(group_ids)), Meeting.cancelled_at.is_(None), Meeting.starts_at >= now - timedelta(hours=3)
    ).order_by(Meeting.starts_at)
    if limit:
        stmt = stmt.limit(limit)
    return list(db.session.scalars(stmt).all())


def past(group: CouncilGroup, now: datetime | None = None) -> list[Meeting]:
    now = now or utcnow()
    stmt = select(Meeting).where(Meeting.group_id == group.id, Meeting.starts_at < now - timedelta(hours=3)).order_by(Meeting.starts_at.desc())
    return list(db.session.scalars(stmt).all())


def can_see(meeting: Meeting, user: User) -> bool:
    if user.authority_id != meeting.authority_id:
        return False
    return user.role == PARTICIPATION or is_member(meeting.group, user)


# --- RSVP and attendance ----------------------------------------------------------------------

def rsvp(meeting: Meeting, user: User, answer: str) -> MeetingRsvp:
    if answer not in RSVP_ANSWERS:
        raise RuleBroken(_l("Say if you are coming"), "answer")
    if not is_member(meeting.group, user):
        raise RuleBroken(_l("This meeting is for members of the group"))
    if meeting.cancelled_at is not None:
        raise RuleBroken(_l("This meeting has been cancelled"))
    found = my_rsvp(meeting, user)
    if found is None:
        found, _added = add_once(MeetingRsvp(authority_id=meeting.authority_id, meeting_id=meeting.id, user_id=user.id, answer=answer),
                                 lambda: my_rsvp(meeting, user))
    found.answer, found.answered_at = answer, utcnow()
    db.session.flush()
    return found


def my_rsvp(meeting: Meeting, user: User) -> MeetingRsvp | None:
    return db.session.scalar(select(MeetingRsvp).where(MeetingRsvp.meeting_id == meeting.id, MeetingRsvp.user_id == user.id))


def rsvps(meeting: Meeting) -> dict[int, str]:
    return {r.user_id: r.answer for r in db.session.scalars(select(MeetingRsvp).where(MeetingRsvp.meeting_id == meeting.id))}


def attendance(meeting: Meeting) -> dict[int, str]:
    stmt = select(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting.id)
    return {a.user_id: a.mark for a in db.session.scalars(stmt)}


def record_attendance(meeting: Meeting, marks: dict[int, str], by: User) -> int:
    """Record present / apologies / absent for members of the group. Returns how many were saved."""
    allowed = {m.user_id for m in db.session.scalars(select(Membership).where(Membership.group_id == meeting.group_id))}
    existing = {a.user_id: a for a in db.session.scalars(select(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting.id))}
    saved = 0
    for user_id, mark in marks.items():
        if user_id not in allowed or mark not in ATTENDANCE_MARKS:
            continue
        row = existing.get(user_id)
        if row is None:
            row, _added = add_once(
                MeetingAttendance(authority_id=meeting.authority_id, meeting_id=meeting.id, user_id=user_id, mark=mark),
                lambda user_id=user_id: db.session.scalar(
                    select(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting.id, MeetingAttendance.user_id == user_id)),
            )
        row.mark, row.recorded_at, row.recorded_by_id = mark, utcnow(), by.id
        saved += 1
    db.session.flush()
    audit.record("council.attendance_recorded", meeting, actor=by, count=saved)
    return saved


def attendance_rows(meeting: Meeting) -> list[list[str]]:
    """Attendance for the facilitator's records (names are the facilitator's own group list)."""
    members = db.session.scalars(
        select(Membership).join(User, User.id == Membership.user_id).where(Membership.group_id == meeting.group_id).order_by(User.display_name)
    ).all()
    marks, answers = attendance(meeting), rsvps(meeting)
    rows = [["name", "rsvp", "attendance"]]
    for member in members:
        if member.state != ACTIVE and member.user_id not in marks:
            continue
        rows.append([member.user.display_name, answers.get(member.user_id, ""), marks.get(member.user_id, "")])
    return rows


# --- questions for the councillors -----------------------------------------------------------

def ask(meeting: Meeting, user: User, text: str, language: str | None):
    """A member sends a question for the meeting. Returns the moderation item."""
    if not meeting.takes_questions:
        raise RuleBroken(_l("This meeting is not taking questions"))
    if not is_member(meeting.group, user):
        raise RuleBroken(_l("This meeting is for members of the group"))
    if meeting.starts_at <= utcnow():
        raise RuleBroken(_l("Questions for this meeting have closed"), "text")
    text = texts.clean(text)
    if not text:
        raise RuleBroken(_l("Write your question"), "text")
    texts.check_length(text, "text")
    row = MeetingQuestion(authority_id=meeting.authority_id, meeting_id=meeting.id, author_id=user.id, item_id=0)
    db.session.add(row)
    db.session.flush()
    item = texts.submit(authority_id=meeting.authority_id, source=texts.MEETING_QUESTION, source_id=row.id,
                        text=text, language=language, author=user)
    row.item_id = item.id
    db.session.flush()
    return item


def questions(meeting: Meeting) -> list[tuple[MeetingQuestion, object]]:
    """Published questions (never with a name), in the order they were asked."""
    rows = db.session.scalars(select(MeetingQuestion).where(MeetingQuestion.meeting_id == meeting.id).order_by(MeetingQuestion.created_at)).all()
    shown = texts.published([r.item_id for r in rows])
    return [(row, shown[row.item_id]) for row in rows if row.item_id in shown]


def my_questions(meeting: Meeting, user: User) -> list[tuple[MeetingQuestion, tuple]]:
    rows = db.session.scalars(select(MeetingQuestion).where(MeetingQuestion.meeting_id == meeting.id, MeetingQuestion.author_id == user.id)).all()
    return [(row, texts.own_view(row.item_id, user)) for row in rows]


def answer_question(row: MeetingQuestion, answer: str, by: User) -> None:
    row.answer, row.answered_at = texts.clean(answer) or None, utcnow()
    audit.record("council.meeting_question_answered", row, actor=by)


# --- reminders ---------------------------------------------------------------------------------

def send_reminders(now: datetime | None = None, hours: int = REMINDER_HOURS) -> int:
    """Email members who gave an address about meetings in the next `hours`, once per meeting.

    Members who said they are not coming are left alone. The email names no one and says
    nothing about the meeting beyond that there is one: the details are behind sign-in.
    """
    now = now or utcnow()
    stmt = select(Meeting).where(
        Meeting.cancelled_at.is_(None), Meeting.reminder_sent_at.is_(None),
        Meeting.starts_at > now, Meeting.starts_at <= now + timedelta(hours=hours),
    )
    sent = 0
    for meeting in db.session.scalars(stmt).all():
        declined = {r.user_id for r in db.session.scalars(select(MeetingRsvp).where(
            MeetingRsvp.meeting_id == meeting.id, MeetingRsvp.answer == NOT_GOING))}
        contacts = db.session.execute(
            select(MemberContact.email, User.preferred_language)
            .join(Membership, Membership.user_id == MemberContact.user_id)
            .join(User, User.id == MemberContact.user_id)
            .where(Membership.group_id == meeting.group_id, Membership.state == ACTIVE,
                   User.active.is_(True), MemberContact.user_id.not_in(declined) if declined else true()),
        ).all()
        if not claim_row(Meeting.reminder_sent_at, meeting.id, now):
            continue  # another app server's run is sending this meeting's reminders
        for email, language in contacts:
            with force_locale(language or "en"):
                subject = _("Reminder: a council group meeting is coming up")
                body = _("You have a meeting coming up. Sign in to Heard to see when and where, and to say if you are coming:") + "\n\n" + link(f"/council/meetings/{meeting.id}") + "\n"
            sent += len(queue_mail(email, subject, body, authority_id=meeting.authority_id, kind="council.meeting_reminder", about_id=meeting.id))
        audit.record("council.meeting_reminders_sent", meeting, authority_id=meeting.authority_id, count=len(contacts))
    db.session.flush()
    return sent


def attendance_exported(meeting: Meeting) -> None:
    """Who was at a meeting leaves Heard in a file: who took it is logged."""
    audit.record("council.attendance_exported", meeting)
