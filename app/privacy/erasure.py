"""Deleting what Heard holds about a young person: all that can be, and why the rest is kept.

`erase(person)` is what a council does for a deletion request: it deletes everything that is
only the young person's own (drafts, including unsent messages and complaints, posts for groups and the council, group memberships and
meeting replies, their email address for reminders), and keeps, for reasons it names, what the
council needs for their care or for keeping children safe. Those are deleted later by the
retention schedule. `erase(person, everything=True)` is what the schedule does once a care leaver
is past 25: nothing of theirs is left but a row with no name that older alerts and the audit log
point at.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, true

from ..auth import sessions as login_sessions
from ..auth.models import AccessCode, AccountNotice, User
from ..extensions import db
from ..models_base import utcnow
from ..tenancy import for_council

# Why something is kept after a deletion request: said to the young person in these words.
KEPT = {
    "views": _l("The views you sent before your reviews, and what was decided. They are part of the record of your care, and the people who look after you need them. Heard deletes its copy on the schedule below."),
    "messages": _l("Messages you sent your worker or IRO, call-backs, complaints, compliments and comments, and what staff answered. They are part of the record of your care, or of how the council answered you. Heard deletes its copy on the schedule below."),
    "alerts": _l("Times a safeguarding lead was told you might not be safe. They are kept to keep you and other children safe, and deleted on the schedule below."),
    "audit": _l("The record of who opened your things and when. It protects you, because it shows if anyone looked who should not have."),
    "anonymous": _l("Your survey answers, votes and ratings. Nobody can tell which ones are yours, not even us, so they cannot be found to delete. They do not say who you are."),
    "taking_part": _l("That you took part in a vote, rating or survey that is still open, so that nobody takes part twice. It never says what you chose, and it goes when the vote closes."),
    "account": _l("Your name, date of birth and council reference, so the people who support you can still find your records."),
}


@dataclass
class Erasure:
    deleted: dict[str, int] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.deleted.values())


def _delete(model, *conditions) -> int:
    result = db.session.execute(delete(model).where(*conditions), execution_options={"synchronize_session": False})
    return result.rowcount or 0


@for_council(of="person")
def erase(person: User, *, close_account: bool = False, everything: bool = False) -> Erasure:
    """Delete what can be deleted of a young person, in the caller's transaction."""
    from ..council.models import (
        IdeaSupport,
        MeetingAttendance,
        MeetingRsvp,
        MemberContact,
        Membership,
        PollQuestion,
        PollVoter,
    )
    from ..mail.models import OutgoingMail
    from ..moderation.models import ModerationItem
    from ..pledges.models import PledgeReader
    from ..reviews.models import DRAFT, Review, ViewsSubmission
    from ..surveys.models import SurveyParticipation, SurveyWave
    from .retention import delete_between_reviews, delete_items, delete_reviews, delete_submissions

    authority_id = person.authority_id
    done = Erasure()
    db.session.flush()

    if everything:
        reviews = list(db.session.scalars(select(Review.id).where(Review.young_person_id == person.id)))
        done.deleted["views"] = delete_reviews(authority_id, reviews)
    drafts = list(db.session.scalars(select(ViewsSubmission.id).where(
        ViewsSubmission.young_person_id == person.id, ViewsSubmission.status == DRAFT)))
    done.deleted["drafts"] = delete_submissions(authority_id, drafts)

    done.deleted["drafts"] += delete_between_reviews(authority_id, person.id, drafts_only=not everything)

    items = list(db.session.scalars(select(ModerationItem.id).where(ModerationItem.author_id == person.id)))
    done.deleted["posts"] = delete_items(authority_id, items)

    groups = 0
    for model in (IdeaSupport, MeetingRsvp, MeetingAttendance, Membership, MemberContact):
        groups += _delete(model, model.user_id == person.id)
    done.deleted["groups"] = groups
    done.deleted["mail"] = 0
    contact = person.email if not person.is_staff else None
    if contact:
        done.deleted["mail"] = _delete(OutgoingMail, OutgoingMail.recipient == contact)
    _delete(PledgeReader, PledgeReader.young_person_id == person.id)

    # That they voted or answered, once the vote or survey has closed, is no longer needed.
    closed_questions = select(PollQuestion.id).where(PollQuestion.state == "closed")
    taking_part = _delete(PollVoter, PollVoter.user_id == person.id,
                          PollVoter.question_id.in_(closed_questions) if not everything else true())
    closed_waves = select(SurveyWave.id).where(SurveyWave.closes_on < date.today())
    taking_part += _delete(SurveyParticipation, SurveyParticipation.user_id == person.id,
                           SurveyParticipation.wave_id.in_(closed_waves) if not everything else true())
    done.deleted["taking_part"] = taking_part
    if everything:
        from ..pledges.models import PledgeRater

        done.deleted["taking_part"] += _delete(PledgeRater, PledgeRater.user_id == person.id)

    if close_account or everything:
        _delete(AccessCode, AccessCode.user_id == person.id)
        _delete(AccountNotice, AccountNotice.user_id == person.id)
        person.username = None
        person.password_hash = None
        person.active = False
        person.deactivated_at = person.deactivated_at or utcnow()
        login_sessions.forget(person)
    if everything:
        person.display_name = ""
        person.reference = None
        person.date_of_birth = None
        person.preferred_language = None
        person.interpreter_needed = False
        person.interpreter_language = None
        person.iro_id = None
        person.worker_id = None
        person.last_sign_in_at = None
    db.session.flush()
    db.session.expire_all()

    done.kept = [] if everything else list(KEPT)
    return done
