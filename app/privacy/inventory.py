"""Everything Heard holds about one young person, in one structure: "My data" shows it, the PDF
prints it, the JSON download is it, and a council admin's subject-access export adds what staff
wrote about them.

Anonymous things (survey answers, votes, ratings) cannot be in it: nothing says which are theirs.
The inventory says so, and lists only that they took part where Heard keeps that.

Each section is a list of records; each record is a list of (key, label, value) so the page can
label values in the reader's language and the JSON can keep stable keys.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import undefer

from ..auth.models import User
from ..extensions import db
from ..i18n.content import localise
from ..i18n.locales import LANGUAGES


@dataclass
class Section:
    key: str
    title: object
    about: object  # what this is and who sees it
    records: list[list[tuple[str, object, object]]] = field(default_factory=list)
    empty: object = _l("Nothing.")


def _name(user: User | None) -> str | None:
    if user is None:
        return None
    return f"{user.display_name} ({user.role_label})" if user.is_staff else user.display_name


def _language(code: str | None) -> str | None:
    return LANGUAGES.get(code, code) if code else None


def _text(value) -> str | None:
    if isinstance(value, dict):
        return localise(value).text
    return value


def _account(person: User) -> Section:
    section = Section("account", _l("Your account"), _l("Your worker, your IRO and the council's Heard admin can see these."))
    from ..web import care_status_label

    section.records.append([
        ("name", _l("Name"), person.display_name),
        ("username", _l("Username"), person.username),
        ("reference", _l("Council reference"), person.reference),
        ("date_of_birth", _l("Date of birth"), person.date_of_birth),
        ("care_status", _l("Status"), care_status_label(person.care_status)),
        ("language", _l("Language"), _language(person.preferred_language)),
        ("interpreter", _l("Interpreter"), _language(person.interpreter_language) if person.interpreter_needed else _l("No")),
        ("iro", _l("Independent Reviewing Officer"), _name(person.iro)),
        ("worker", _l("Social worker or personal adviser"), _name(person.worker)),
        ("created", _l("Account made"), person.created_at.date() if person.created_at else None),
        ("last_sign_in", _l("Last signed in"), person.last_sign_in_at.date() if person.last_sign_in_at else None),
    ])
    return section


def _reviews(person: User) -> Section:
    from ..reviews.models import Review, ViewsSubmission

    section = Section("reviews", _l("Your reviews and views"),
                      _l("Only the people you chose to send your views to can read them. Every time they open them, Heard notes it."),
                      empty=_l("No reviews yet."))
    reviews = db.session.scalars(select(Review).where(Review.young_person_id == person.id).order_by(Review.date, Review.id)).all()
    for review in reviews:
        record = [
            ("review_date", _l("Review date"), review.date),
            ("review_kind", _l("Kind of review"), _l("Pathway plan review") if review.kind == "pathway" else _l("Looked-after child review")),
            ("review_iro", _l("Independent Reviewing Officer"), _name(review.iro)),
            ("participation_code", _l("How you took part (code)"), review.participation_code),
        ]
        submission: ViewsSubmission | None = review.submission
        if submission is not None:
            answers = [f"{key}: {(value or {}).get('text') or (value or {}).get('face') or ''}".strip()
                       for key, value in (submission.answers or {}).items() if value]
            meeting = [f"{key}: {value}" for key, value in (submission.meeting or {}).items() if value not in (None, "", [], False)]
            record += [
                ("views_status", _l("Your views"), _l("Sent") if submission.is_sent else _l("Not sent yet")),
                ("sent", _l("Sent on"), submission.sent_at.date() if submission.sent_at else None),
                ("readers", _l("Who can read them"), ", ".join(submission.readers or [])),
                ("answers", _l("What you wrote"), answers),
                ("meeting", _l("How you want your meeting"), meeting),
                ("wishes", _l("What you asked for, and what was decided"),
                 [" – ".join(part for part in (w.text, w.outcome, w.outcome_text) if part) for w in submission.wishes]),
                ("additions", _l("Things you added later"), [a.text for a in submission.additions]),
                ("helper", _l("Who helped you"), submission.helper_name),
                ("acknowledged", _l("Your IRO said they read them"), submission.acknowledged_at.date() if submission.acknowledged_at else None),
                ("acknowledgement", _l("What your IRO wrote back"), submission.acknowledgement_note),
                ("read_by", _l("Read by"), [
                    f"{_name(r.user)}: {r.first_read_at.date() if r.first_read_at else '–'}"
                    for r in submission.reader_rows if r.first_read_at
                ]),
            ]
        section.records.append(record)
    return section


def _posts(person: User, *, staff_view: bool) -> Section:
    from ..moderation.models import ModerationItem
    from ..moderation.service import REASONS, STATUS_LABELS

    section = Section("posts", _l("What you wrote for groups and the council"),
                      _l("The participation team checks these before anyone else sees them. Others only ever see the checked words, without your name unless you chose to show it."),
                      empty=_l("Nothing yet."))
    items = db.session.scalars(
        select(ModerationItem).options(undefer(ModerationItem.original_text), undefer(ModerationItem.approved_text))
        .where(ModerationItem.author_id == person.id).order_by(ModerationItem.created_at)
    ).all()
    for item in items:
        status = "pending" if item.status == "escalated" and not staff_view else item.status
        record = [
            ("where", _l("Where"), item.source),
            ("written", _l("Written on"), item.created_at.date()),
            ("words", _l("Your words"), item.original_text or _l("Deleted on schedule")),
            ("status", _l("What happened"), STATUS_LABELS.get(status, status)),
            ("shared_words", _l("Shared like this"), item.approved_text if item.status == "approved" and item.redacted else None),
            ("reason", _l("Why it was not shared"), REASONS.get(item.reason or "other") if item.status == "rejected" else None),
        ]
        if staff_view:
            record.append(("staff_note", _l("Moderator's note (staff only)"), item.staff_note))
        section.records.append(record)
    return section


def _groups(person: User) -> Section:
    from ..council.models import CouncilGroup, IdeaSupport, Meeting, MeetingAttendance, MeetingRsvp, MemberContact, Membership

    section = Section("groups", _l("Groups and meetings"),
                      _l("The participation team can see who is in their groups and who is coming to meetings."),
                      empty=_l("You are not in any group."))
    for membership in db.session.scalars(select(Membership).where(Membership.user_id == person.id)).all():
        group = db.session.get(CouncilGroup, membership.group_id)
        section.records.append([
            ("group", _l("Group"), _text(group.name) if group else None),
            ("state", _l("Membership"), membership.state),
            ("joined", _l("Joined"), membership.joined_at.date() if membership.joined_at else None),
        ])
    for rsvp in db.session.scalars(select(MeetingRsvp).where(MeetingRsvp.user_id == person.id)).all():
        meeting = db.session.get(Meeting, rsvp.meeting_id)
        section.records.append([("meeting", _l("Meeting"), _text(meeting.title) if meeting else None),
                                ("rsvp", _l("Your reply"), rsvp.answer), ("answered", _l("Replied on"), rsvp.answered_at.date())])
    for mark in db.session.scalars(select(MeetingAttendance).where(MeetingAttendance.user_id == person.id)).all():
        meeting = db.session.get(Meeting, mark.meeting_id)
        section.records.append([("meeting", _l("Meeting"), _text(meeting.title) if meeting else None), ("attendance", _l("Attendance"), mark.mark)])
    supports = db.session.scalars(select(IdeaSupport).where(IdeaSupport.user_id == person.id)).all()
    if supports:
        section.records.append([("ideas_supported", _l("Ideas you supported"), len(supports))])
    contact = db.session.scalar(select(MemberContact).where(MemberContact.user_id == person.id))
    if contact:
        section.records.append([("reminder_email", _l("Email for meeting reminders"), contact.email)])
    return section


def _taking_part(person: User) -> Section:
    from ..council.models import PollQuestion, PollVoter
    from ..pledges.models import PledgeRater
    from ..surveys.models import SurveyParticipation, SurveyWave

    section = Section("taking_part", _l("Surveys, votes and ratings"),
                      _l("Heard keeps only that you took part, so it does not ask you twice. Nobody can tell which answers, votes or ratings are yours, so they are not here: Heard cannot find them either."),
                      empty=_l("Nothing kept."))
    for wave_id in db.session.scalars(select(SurveyParticipation.wave_id).where(SurveyParticipation.user_id == person.id)).all():
        wave = db.session.get(SurveyWave, wave_id)
        section.records.append([("survey", _l("Survey you answered"), wave.title if wave else None)])
    for question_id in db.session.scalars(select(PollVoter.question_id).where(PollVoter.user_id == person.id)).all():
        question = db.session.get(PollQuestion, question_id)
        section.records.append([("vote", _l("Question you voted on"), _text(question.text) if question else None)])
    rated = db.session.scalars(select(PledgeRater.round_id).where(PledgeRater.user_id == person.id)).all()
    if rated:
        section.records.append([("ratings", _l("Promises you rated in the round that is open now"), len(rated))])
    return section


def _between_reviews(person: User) -> Section:
    from ..voice import advocacy, complaints, statements
    from ..voice.models import DRAFT, AdvocacyRequest, CallBack, Representation, Statement
    from ..voice.steps import FACE_LABELS, KIND_LABELS, TOPIC_LABELS

    section = Section("between_reviews", _l("Messages, call-backs and complaints"),
                      _l("Only the people you chose can read your messages. Complaints, compliments and comments go to the council team you picked."),
                      empty=_l("Nothing yet."))
    for item in db.session.scalars(select(Statement).where(Statement.young_person_id == person.id).order_by(Statement.created_at)).all():
        section.records.append([
            ("kind", _l("What for"), KIND_LABELS.get(item.kind, item.kind)),
            ("face", _l("How you felt"), FACE_LABELS.get(item.face) if item.face else None),
            ("topic", _l("About"), TOPIC_LABELS.get(item.topic) if item.topic else None),
            ("words", _l("What you wrote"), item.text),
            ("wanted", _l("What would help"), item.wanted),
            ("avoid", _l("What you do not want to talk about"), item.avoid),
            ("status", _l("Status"), _l("Not sent yet") if item.status == DRAFT else statements.STATUS_LABELS.get(statements.status_of(item))),
            ("sent", _l("Sent on"), item.sent_at.date() if item.sent_at else None),
            ("readers", _l("Who can read them"), ", ".join(item.readers or [])),
            ("replies", _l("Answers"), [f"{_name(r.author) or ''}: {r.text}" for r in item.replies]),
            ("read_by", _l("Read by"), [f"{_name(r.user)}: {r.first_read_at.date()}" for r in item.reader_rows if r.first_read_at]),
        ])
    for item in db.session.scalars(select(Representation).where(Representation.young_person_id == person.id).order_by(Representation.created_at)).all():
        section.records.append([
            ("kind", _l("What for"), KIND_LABELS.get(item.kind, item.kind)),
            ("team", _l("Sent to"), item.team.name if item.team else None),
            ("words", _l("What you wrote"), item.text),
            ("wanted", _l("What would help"), item.wanted),
            ("sent", _l("Sent on"), item.sent_at.date() if item.sent_at else _l("Not sent yet")),
            ("stages", _l("What the council did"), [
                " – ".join(str(part) for part in (complaints.STAGE_NAMES.get(stage.number), complaints.FINDING_LABELS.get(stage.finding), stage.response) if part)
                for stage in item.stages
            ]),
            ("response", _l("Answer"), item.response),
        ])
    for item in db.session.scalars(select(CallBack).where(CallBack.young_person_id == person.id).order_by(CallBack.created_at)).all():
        section.records.append([
            ("callback", _l("Call-back you asked for"), _name(item.staff)),
            ("about", _l("About"), item.about),
            ("phone", _l("Phone number"), item.phone),
            ("asked", _l("Asked on"), item.created_at.date() if item.created_at else None),
            ("done", _l("Done on"), item.done_at.date() if item.done_at else None),
            ("note", _l("Answer"), item.note),
        ])
    for item in db.session.scalars(select(AdvocacyRequest).where(AdvocacyRequest.young_person_id == person.id).order_by(AdvocacyRequest.created_at)).all():
        section.records.append([
            ("advocacy", _l("Asked for an advocate"), item.created_at.date() if item.created_at else None),
            ("about", _l("About"), item.about),
            ("contact", _l("How to contact you"), item.contact),
            ("status", _l("Status"), advocacy.STATUS_LABELS.get(item.status, item.status)),
            ("advocate", _l("Your advocate"), item.advocate_name),
        ])
    return section


def _alerts(person: User, *, staff_view: bool) -> Section:
    from ..moderation.models import TRIGGER_HELP_BUTTON, SafeguardingAlert

    section = Section("alerts", _l("Times a safeguarding lead was told"),
                      _l("When something you write makes us worried you might not be safe, or you press \"I need help now\", a safeguarding lead is told at once so they can help."),
                      empty=_l("None."))
    query = select(SafeguardingAlert).where(SafeguardingAlert.young_person_id == person.id).order_by(SafeguardingAlert.created_at)
    if staff_view:
        query = query.options(undefer(SafeguardingAlert.text))
    for alert in db.session.scalars(query).all():
        record = [
            ("raised", _l("When"), alert.created_at.date()),
            ("why", _l("Why"), _l("You pressed \"I need help now\"") if alert.trigger == TRIGGER_HELP_BUTTON else _l("Something you wrote")),
            ("status", _l("Status"), alert.status),
        ]
        if staff_view:
            record += [("text", _l("The words that raised it (staff only)"), alert.text),
                       ("notes", _l("Staff notes (staff only)"), [f"{n.created_at.date()} {_name(n.author) or ''}: {n.text}" for n in alert.notes])]
        section.records.append(record)
    return section


ACTION_LABELS = {
    "views.read": _l("read your views"),
    "views.printed": _l("printed your views"),
    "views.pdf_downloaded": _l("downloaded your views"),
    "views.acknowledged": _l("said they read your views"),
    "views.outcome_recorded": _l("wrote what was decided"),
    "review.viewed": _l("opened your review"),
    "young_person.viewed": _l("opened your record"),
    "young_person.updated": _l("changed your details"),
    "young_person.created": _l("made your record"),
    "safeguarding.alert_viewed": _l("opened a safeguarding alert about you"),
    "privacy.subject_access_export": _l("downloaded a copy of your data for you"),
    "privacy.request_completed": _l("answered your request about your data"),
}


# Between reviews: what staff did with a message, call-back or complaint, by the last word of its action.
VOICE_ACTION_LABELS = {
    "read": _l("opened what you sent"),
    "viewed": _l("opened what you sent"),
    "pdf_downloaded": _l("downloaded what you sent"),
    "acknowledged": _l("said they read what you sent"),
    "replied": _l("answered what you sent"),
    "answered": _l("answered what you sent"),
    "sorted": _l("marked what you sent as sorted"),
    "done": _l("did the call-back you asked for"),
}


def _action_label(action: str):
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    if action.startswith("voice."):
        return VOICE_ACTION_LABELS.get(action.rsplit(".", 1)[-1], action)
    return action


def _who_looked(person: User) -> Section:
    from ..audit import AuditEvent
    from ..reviews.models import Review, ViewsSubmission

    section = Section("who_looked", _l("Who opened your things"),
                      _l("Every time staff open your record or what you wrote, Heard notes who and when."),
                      empty=_l("Nobody yet."))
    from ..voice.models import CallBack, Representation, Statement

    submissions = select(ViewsSubmission.id).where(ViewsSubmission.young_person_id == person.id)
    reviews = select(Review.id).where(Review.young_person_id == person.id)
    theirs = {model.__name__: select(model.id).where(model.young_person_id == person.id) for model in (Statement, Representation, CallBack)}
    events = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.actor_id.is_not(None), AuditEvent.actor_id != person.id,
            or_((AuditEvent.target_type == "User") & (AuditEvent.target_id == person.id),
                (AuditEvent.target_type == "ViewsSubmission") & AuditEvent.target_id.in_(submissions),
                (AuditEvent.target_type == "Review") & AuditEvent.target_id.in_(reviews),
                *((AuditEvent.target_type == name) & AuditEvent.target_id.in_(ids) for name, ids in theirs.items())),
        ).order_by(AuditEvent.at)
    ).all()
    for event in events:
        actor = db.session.get(User, event.actor_id)
        section.records.append([
            ("when", _l("When"), event.at.date()),
            ("who", _l("Who"), _name(actor)),
            ("what", _l("What they did"), _action_label(event.action)),
        ])
    return section


def _requests(person: User) -> Section:
    from .models import DataRequest

    section = Section("requests", _l("What you asked us to change or delete"), _l("The council's Heard admin answers within a month."),
                      empty=_l("Nothing yet."))
    for request in db.session.scalars(select(DataRequest).where(DataRequest.young_person_id == person.id).order_by(DataRequest.created_at)).all():
        section.records.append([
            ("asked", _l("Asked on"), request.created_at.date()),
            ("kind", _l("What for"), _l("Correct something") if request.kind == "correction" else _l("Delete things")),
            ("details", _l("What you said"), request.details),
            ("answered", _l("Answered on"), request.handled_at.date() if request.handled_at else None),
            ("reply", _l("Answer"), request.reply),
        ])
    return section


def everything_about(person: User, *, staff_view: bool = False) -> list[Section]:
    """All of it, in the order "My data" shows it. `staff_view` adds what staff wrote about the
    young person (alert text and notes, moderators' notes), for a subject-access export that the
    council checks before it is given out."""
    return [
        _account(person),
        _reviews(person),
        _posts(person, staff_view=staff_view),
        _groups(person),
        _between_reviews(person),
        _taking_part(person),
        _alerts(person, staff_view=staff_view),
        _who_looked(person),
        _requests(person),
    ]


def _plain(value):
    if value is None or isinstance(value, (str, int, bool, float)):
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


def as_json(sections: list[Section]) -> dict:
    """Stable keys and plain values, for the JSON download."""
    return {section.key: [{key: _plain(value) for key, _label, value in record} for record in section.records] for section in sections}
