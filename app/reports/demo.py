"""The demo council's rich quarter: the last complete quarter, with enough going on that every
section of the board pack has something to show, and lighter quarters before it to compare with.
All of it invented. It runs after the other features' demo content, and adds to it."""
from __future__ import annotations

import random
import secrets
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import select

from ..access import YOUNG_PERSON
from ..auth.models import IN_CARE, User
from ..auth.passwords import hash_password
from ..council.models import (
    ACTIVE,
    CICC,
    CLOSED,
    DONE,
    IN_PROGRESS,
    MEMBERS,
    NEW,
    NOT_POSSIBLE,
    OPEN_POLL,
    PRESENT,
    SINGLE,
    ABSENT,
    APOLOGIES,
    CouncilGroup,
    Idea,
    Meeting,
    MeetingAttendance,
    MeetingQuestion,
    Membership,
    Poll,
    PollBallot,
    PollChoice,
    PollOption,
    PollQuestion,
)
from ..extensions import db
from ..i18n.formatting import UK
from ..moderation.models import APPROVED, CLOSED as ALERT_CLOSED, REJECTED, TRIGGER_HELP_BUTTON, TRIGGER_SCREENING, ModerationItem, SafeguardingAlert
from ..reviews import steps as S
from ..reviews.models import LAC_REVIEW, PATHWAY_REVIEW, SENT, Review, ViewsSubmission, Wish
from ..surveys import service as surveys
from ..surveys.models import Survey
from ..surveys.synthetic import bulk_load
from ..voice.models import CALLED, COMPLAINT, FEELING, GOOD_NEWS, SORT, VISIT, CallBack, ComplaintStage, Representation, Statement, StatementReply
from ..voice.models import CLOSED as COMPLAINT_CLOSED
from ..voice.models import SENT as VOICE_SENT
from . import quarters as Q
from .models import BoardQuote

# Invented first names for the young people behind the demo figures.
NAMES = (
    "Ava", "Bilal", "Chloe", "Dawit", "Ellie", "Farah", "George", "Hana", "Isaac", "Jade", "Kofi", "Leah", "Mohammed",
    "Nadia", "Oscar", "Precious", "Qasim", "Rosie", "Sami", "Tariq", "Una", "Vinnie", "Wren", "Xander", "Yusuf", "Zainab",
    "Aaron", "Bella", "Callum", "Demi", "Eitan", "Freya", "Gulalai", "Harvey", "Imani", "Jayden", "Kiran", "Lola", "Milan", "Noor",
)
WISHES = ("I want to see my brother more often", "I want to stay at my school", "Can I have driving lessons", "I want a say in where I live next")
QUOTES = (
    "Having my own worker who texts back made a big difference this year.",
    "The pizza meeting with the councillors was the first time I felt listened to.",
    "I wish my reviews were not held in school time.",
    "When my IRO read what I wrote before the meeting, I did not have to say it all again in front of everyone.",
    "Please keep the bus passes. Without them I cannot get to college.",
)
MESSAGES = (
    (SORT, "My phone credit has run out and I cannot ring my mum."),
    (GOOD_NEWS, "I got a merit at school today."),
    (FEELING, "A bit worried about moving schools."),
    (VISIT, "Can we talk about my contact plans when you visit?"),
    (SORT, "My bus pass stopped working."),
)
COMPLAINT_TEXT = "My contact with my sister was cancelled and nobody told me why."
IDEA_TEXTS = ("A film night at the youth hub", "Free gym passes for care leavers", "A welcome pack for new foster children", "Driving lessons for 17 year olds")
ANSWERS = ("Yes, starting next month", "We are looking into it with the leisure team", "Not this year, but it is in next year's plan")


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UK).astimezone(timezone.utc)


def _days(quarter: Q.Quarter, rng: random.Random, last: date) -> date:
    span = (min(quarter.end, last) - quarter.start).days
    return quarter.start + timedelta(days=rng.randint(0, max(0, span)))


def _cohort(authority, people) -> list[User]:
    """Young people with accounts (they sent views) that nobody can sign in to: their password is
    a secret nobody was ever told."""
    born = date.today().year
    unknown = hash_password(secrets.token_urlsafe(24))
    cohort = []
    for n, name in enumerate(NAMES):
        age = 6 + n % 13  # 6 to 18
        cohort.append(
            User(
                authority=authority, role=YOUNG_PERSON, display_name=name, reference=f"NM-{2001 + n}",
                username=f"demo-{name.lower()}-{2001 + n}", password_hash=unknown,
                date_of_birth=date(born - age, 1 + n % 12, 1 + n % 27), care_status=IN_CARE, preferred_language="en",
                iro=people["iro"], worker=people["worker"],
            )
        )
    db.session.add_all(cohort)
    db.session.flush()
    return cohort


def _reviews(authority, people, quarter, cohort, count, rng, strong: bool):
    iro = people["iro"]
    version = S.version_for(cohort[0], LAC_REVIEW)
    last = date.today() - timedelta(days=1)
    for n in range(count):
        person = cohort[n % len(cohort)]
        day = _days(quarter, rng, last)
        review = Review(authority_id=authority.id, young_person_id=person.id, iro_id=iro.id, date=day, kind=LAC_REVIEW if n % 6 else PATHWAY_REVIEW,
                        participation_code=rng.choices(["PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"], [30, 8, 5, 6, 5, 25, 8])[0],
                        participation_recorded_at=_at(day, 16), participation_recorded_by_id=iro.id)
        db.session.add(review)
        db.session.flush()
        if rng.random() < (0.75 if strong else 0.55):
            sent_at = _at(day - timedelta(days=rng.randint(2, 9)), 19)
            submission = ViewsSubmission(authority_id=authority.id, review_id=review.id, young_person_id=person.id, status=SENT, version=version,
                                         answers={"going-well": {"text": "School is going better"}}, readers=["iro"], language="en", sent_at=sent_at,
                                         send_key=f"demo-{review.id}")
            if rng.random() < (0.8 if strong else 0.6):
                submission.acknowledged_at, submission.acknowledged_by_id = sent_at + timedelta(days=1), iro.id
            db.session.add(submission)
            db.session.flush()
            answered = rng.random() < (0.7 if strong else 0.5)
            for position, text in enumerate(rng.sample(WISHES, 2)):
                db.session.add(Wish(authority_id=authority.id, submission_id=submission.id, position=position, text=text,
                                    outcome=rng.choice(["agreed", "not_this_time", "find_out"]) if answered else None,
                                    outcome_at=_at(day, 17) if answered else None, outcome_by_id=iro.id if answered else None))


def _alerts(authority, people, quarter, cohort, count, rng):
    last = date.today() - timedelta(days=1)
    for n in range(count):
        day = _days(quarter, rng, last)
        created = _at(day, rng.choice([10, 11, 12, 14, 15, 16, 19, 22, 23]), rng.randint(0, 59))
        acknowledged = created + timedelta(minutes=rng.choice([8, 15, 25, 40, 50, 75, 130]))
        db.session.add(SafeguardingAlert(
            authority_id=authority.id, young_person_id=cohort[n % len(cohort)].id, trigger=TRIGGER_HELP_BUTTON if n % 5 == 0 else TRIGGER_SCREENING,
            source="youth.help" if n % 5 == 0 else "reviews.views", status=ALERT_CLOSED, findings=[], notified_ids=[], created_at=created,
            deadline_at=created + timedelta(hours=1), acknowledged_at=acknowledged, acknowledged_by_id=people["safeguarding"].id,
            closed_at=acknowledged + timedelta(hours=3), closed_by_id=people["safeguarding"].id,
        ))


def _item(authority, people, source, text, audience, created, waited, author=None, status=APPROVED):
    item = ModerationItem(authority_id=authority.id, source=source, author_id=getattr(author, "id", None), language="en", audience=audience,
                          original_text=text, approved_text=text if status == APPROVED else None, status=status, findings=[],
                          decided_at=created + waited, decided_by_id=people["participation"].id, created_at=created)
    db.session.add(item)
    db.session.flush()
    return item


def _moderation(authority, people, quarter, count, rng):
    last = date.today() - timedelta(days=1)
    items = []
    for n in range(count):
        created = _at(_days(quarter, rng, last - timedelta(days=7)), rng.randint(8, 21))
        waited = timedelta(hours=rng.choice([2, 5, 9, 20, 30, 50, 70, 100, 150]))
        status = REJECTED if n % 9 == 4 else APPROVED
        items.append(_item(authority, people, "survey.answer", QUOTES[n % len(QUOTES)], "report", created, waited, status=status))
    return items


def _council(authority, people, quarter, cohort, rng, members: int, ideas: int):
    officer = people["participation"]
    group = db.session.scalar(select(CouncilGroup).where(CouncilGroup.kind == CICC))
    joined = _at(quarter.start - timedelta(days=30), 18)
    present = {m.user_id for m in db.session.scalars(select(Membership).where(Membership.group_id == group.id))}
    for person in cohort[:members]:
        if person.id not in present:
            db.session.add(Membership(authority_id=authority.id, group_id=group.id, user_id=person.id, state=ACTIVE, joined_at=joined, changed_at=joined))
            present.add(person.id)
    db.session.flush()
    member_ids = sorted(present)
    meetings = []
    for month in range(3):
        day = quarter.start + timedelta(days=14 + 30 * month)
        if day >= date.today():
            break
        meeting = Meeting(authority_id=authority.id, group_id=group.id, title={"en": "Monthly meeting"}, starts_at=_at(day, 17, 30),
                          ends_at=_at(day, 19, 30), place="Youth Hub", takes_questions=month == 1, created_by_id=officer.id)
        db.session.add(meeting)
        db.session.flush()
        meetings.append(meeting)
        for user_id in member_ids:
            mark = rng.choices([PRESENT, APOLOGIES, ABSENT], [70, 15, 15])[0]
            db.session.add(MeetingAttendance(authority_id=authority.id, meeting_id=meeting.id, user_id=user_id, mark=mark, recorded_by_id=officer.id))
    if len(meetings) > 1:
        for n, user_id in enumerate(member_ids[:12]):
            item = _item(authority, people, "council.meeting_question", "Why do we have to move placement so often?", "group",
                         meetings[1].starts_at - timedelta(days=3), timedelta(hours=6), author=db.session.get(User, user_id))
            db.session.add(MeetingQuestion(authority_id=authority.id, meeting_id=meetings[1].id, author_id=user_id, item_id=item.id,
                                           answer="The director will report back on placement moves next month." if n < 7 else None,
                                           answered_at=meetings[1].starts_at + timedelta(days=2) if n < 7 else None))
    if meetings:
        closed_at = meetings[-1].starts_at + timedelta(hours=1)
        poll = Poll(authority_id=authority.id, group_id=group.id, title={"en": "What should the council spend the activity fund on?"}, mode=OPEN_POLL,
                    audience=MEMBERS, state=CLOSED, opens_at=closed_at - timedelta(days=10), closes_at=closed_at, closed_at=closed_at, created_by_id=officer.id)
        question = PollQuestion(authority_id=authority.id, poll=poll, position=0, text={"en": "Pick one"}, kind=SINGLE, state=CLOSED, opened_at=poll.opens_at, closed_at=closed_at)
        for position, text in enumerate(("A trip to the coast", "Cooking classes", "A music studio day")):
            question.options.append(PollOption(authority_id=authority.id, position=position, text={"en": text}))
        db.session.add(poll)
        db.session.flush()
        for n, person in enumerate(cohort[:members]):  # members when the poll ran
            if n % 8 in (0, 1, 2, 4, 5):
                ballot = PollBallot(authority_id=authority.id, question_id=question.id)  # closed: no key, no time
                db.session.add(ballot)
                db.session.flush()
                db.session.add(PollChoice(ballot_id=ballot.id, option_id=rng.choice(question.options).id))
    last = date.today() - timedelta(days=1)
    for n in range(ideas):
        author = db.session.get(User, member_ids[n % len(member_ids)])
        created = _at(_days(quarter, rng, last - timedelta(days=14)), 18)
        item = _item(authority, people, "council.idea", IDEA_TEXTS[n % len(IDEA_TEXTS)], "group", created, timedelta(hours=20), author=author)
        answered = n % 4 != 3
        db.session.add(Idea(authority_id=authority.id, group_id=group.id, author_id=author.id, item_id=item.id, created_at=created,
                            status=(DONE if n % 3 == 0 else IN_PROGRESS if n % 3 == 1 else NOT_POSSIBLE) if answered else NEW,
                            response=ANSWERS[n % len(ANSWERS)] if answered else None, responded_at=created + timedelta(days=9) if answered else None,
                            responded_by_id=officer.id if answered else None))


def _survey(authority, people, quarter, rng, responses: int, title: str):
    teen = db.session.scalar(select(Survey).where(Survey.key == "heard-11-17"))
    if teen is None:
        return
    opens = quarter.start + timedelta(days=7)
    closes = min(quarter.end - timedelta(days=7), date.today() - timedelta(days=1))
    wave = surveys.create_wave(authority_id=authority.id, version=teen.latest, title=title, opens_on=opens, closes_on=closes,
                               care_statuses=["in_care"], by=people["participation"])
    bulk_load(wave, responses, rng, bands=("12-17", "12-17", "12-17", "8-11"))


def _between_reviews(authority, people, quarter, cohort, rng, messages: int, late: int, callbacks: int, complaints: int):
    """Messages to the worker (most answered the same day, `late` of them a week on), call-backs
    (a third made after the promise) and complaints (a third answered after stage 1's timescale).
    Everything is answered, so nothing from an old quarter waits in anyone's list."""
    worker, officer = people["worker"], people["complaints"]
    last = date.today() - timedelta(days=1)
    for n in range(messages):
        person = cohort[n % len(cohort)]
        kind, text = MESSAGES[n % len(MESSAGES)]
        sent_at = _at(_days(quarter, rng, last), rng.randint(9, 20))
        answered_at = sent_at + (timedelta(days=10) if n < late else timedelta(hours=20))
        statement = Statement(authority_id=authority.id, young_person_id=person.id, kind=kind, text=text, face="worried" if kind == FEELING else None,
                              status=VOICE_SENT, readers=["worker"], language="en", send_key=f"demo-board-{quarter.key}-s{n}",
                              sent_at=sent_at, updated_at=sent_at, created_at=sent_at, acknowledged_at=answered_at, acknowledged_by_id=worker.id,
                              sorted_at=answered_at if n % 3 else None, sorted_by_id=worker.id if n % 3 else None)
        db.session.add(statement)
        db.session.flush()
        db.session.add(StatementReply(authority_id=authority.id, statement_id=statement.id, author_id=worker.id, text="Thank you for telling me. I will sort it this week.",
                                      client_key=f"demo-board-{quarter.key}-r{n}", created_at=answered_at))
    for n in range(callbacks):
        person = cohort[(n * 7) % len(cohort)]
        asked = _at(_days(quarter, rng, last), rng.randint(9, 17))
        db.session.add(CallBack(authority_id=authority.id, young_person_id=person.id, staff_id=worker.id, staff_role="worker", language="en",
                                send_key=f"demo-board-{quarter.key}-c{n}", promise_hours=48, due_at=asked + timedelta(hours=48), created_at=asked,
                                done_at=asked + (timedelta(days=4) if n % 3 == 0 else timedelta(hours=5)), done_by_id=worker.id, outcome=CALLED))
    for n in range(complaints):
        person = cohort[(n * 11) % len(cohort)]
        day = _days(quarter, rng, last - timedelta(days=30))
        sent_at = _at(day, 18)
        complaint = Representation(authority_id=authority.id, young_person_id=person.id, kind=COMPLAINT, text=COMPLAINT_TEXT, status=VOICE_SENT,
                                   language="en", send_key=f"demo-board-{quarter.key}-k{n}", sent_at=sent_at, updated_at=sent_at, created_at=sent_at,
                                   received_on=day, state=COMPLAINT_CLOSED, closed_at=sent_at + timedelta(days=25))
        db.session.add(complaint)
        db.session.flush()
        due = day + timedelta(days=14)  # 10 working days
        answered = day + (timedelta(days=20) if n % 3 == 0 else timedelta(days=4))
        db.session.add(ComplaintStage(authority_id=authority.id, complaint_id=complaint.id, number=1, started_on=day, due_on=due, finding="upheld",
                                      response="We are sorry. Your social worker will tell you about any change to contact.", responded_on=answered,
                                      responded_at=_at(answered, 12), responded_by_id=officer.id))


def load(authority, people):
    today = date.today()
    quarter = Q.last_complete(today)
    rng = random.Random(903)
    cohort = _cohort(authority, people)
    for q, reviews, alerts, texts, strong in ((quarter, 44, 48, 40, True), (quarter.previous(), 36, 30, 26, False), (quarter.year_before(), 30, 24, 20, False)):
        _reviews(authority, people, q, cohort, reviews, rng, strong)
        _alerts(authority, people, q, cohort, alerts, rng)
        items = _moderation(authority, people, q, texts, rng)
        _council(authority, people, q, cohort, rng, members=16 if q == quarter else 12, ideas=24 if q == quarter else 14)
        _between_reviews(authority, people, q, cohort, rng, messages=34 if q == quarter else 22, late=9 if q == quarter else 7,
                         callbacks=18 if q == quarter else 15, complaints=15 if q == quarter else 13)
        if q == quarter:
            chosen = [i for i in items if i.status == APPROVED][:4]
            for position, item in enumerate(chosen):
                db.session.add(BoardQuote(authority_id=authority.id, quarter=q.key, item_id=item.id, position=position, chosen_by_id=people["participation"].id))
    _survey(authority, people, quarter, rng, 70, "Summer check-in")
    db.session.flush()
