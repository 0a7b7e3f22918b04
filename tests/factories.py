"""Small helpers that build valid rows for every model. Each returns the object, flushed."""
from __future__ import annotations

import itertools
from datetime import date, timedelta

import pyotp

from app.access import STAFF_ROLES, YOUNG_PERSON
from app.audit import AuditEvent
from app.auth.models import IN_CARE, INVITE, AccessCode, User
from app.auth.passwords import hash_password
from app.extensions import db
from app.models_base import utcnow
from app.tenancy import Authority

PASSWORD = "correct horse battery staple"
_PASSWORD_HASH = None
_seq = itertools.count(1)


def _password_hash() -> str:
    global _PASSWORD_HASH
    if _PASSWORD_HASH is None:
        _PASSWORD_HASH = hash_password(PASSWORD)
    return _PASSWORD_HASH


def authority(**fields) -> Authority:
    n = next(_seq)
    values = dict(
        name=f"Council {n}",
        slug=f"council-{n}",
        default_language="en",
        enabled_languages=["en", "ar", "ps"],
        out_of_hours_phone="0300 555 0199",
        advocacy_phone="0300 555 0142",
    )
    values.update(fields)
    obj = Authority(**values)
    db.session.add(obj)
    db.session.flush()
    return obj


def staff(authority: Authority, role: str = "iro", **fields) -> User:
    assert role in STAFF_ROLES
    n = next(_seq)
    values = dict(
        authority_id=authority.id,
        role=role,
        display_name=f"Staff {n}",
        email=f"staff{n}@example.org",
        password_hash=_password_hash(),
        totp_secret=pyotp.random_base32(),
        totp_confirmed_at=utcnow(),
        job_title=role.replace("_", " ").title(),
    )
    values.update(fields)
    obj = User(**values)
    db.session.add(obj)
    db.session.flush()
    return obj


def young_person(authority: Authority, *, age: int = 14, account: bool = True, **fields) -> User:
    n = next(_seq)
    today = date.today()
    values = dict(
        authority_id=authority.id,
        role=YOUNG_PERSON,
        display_name=f"Young {n}",
        username=f"young{n}" if account else None,
        password_hash=_password_hash() if account else None,
        reference=f"REF-{n}",
        date_of_birth=date(today.year - age, 1, 1) if today >= date(today.year, 1, 1) else today - timedelta(days=365 * age),
        care_status=IN_CARE,
        preferred_language="en",
    )
    values.update(fields)
    obj = User(**values)
    db.session.add(obj)
    db.session.flush()
    return obj


def access_code(user: User, *, purpose: str = INVITE, code_hash: str | None = None, **fields) -> AccessCode:
    values = dict(
        authority_id=user.authority_id,
        user_id=user.id,
        purpose=purpose,
        code_hash=code_hash or f"{next(_seq):064x}",
        expires_at=utcnow() + timedelta(days=1),
    )
    values.update(fields)
    obj = AccessCode(**values)
    db.session.add(obj)
    db.session.flush()
    return obj


def audit_event(user: User, action: str = "test.action", **fields) -> AuditEvent:
    obj = AuditEvent(authority_id=user.authority_id, actor_id=user.id, action=action, **fields)
    db.session.add(obj)
    db.session.flush()
    return obj


def moderation_item(authority: Authority, *, text: str = "We would like more trips out.", author: User | None = None, **fields):
    """A pending moderation item, screened as the service would screen it."""
    from app.moderation import service as moderation_service

    values = dict(authority_id=authority.id, source="test.comment", text=text, language="en", author=author)
    values.update(fields)
    return moderation_service.submit_text(**values)


def safeguarding_alert(authority: Authority, *, young_person: User | None = None, text: str | None = "I want to run away", **fields):
    from app.moderation.models import OPEN, TRIGGER_SCREENING, SafeguardingAlert

    values = dict(
        authority_id=authority.id,
        young_person_id=getattr(young_person, "id", None),
        trigger=TRIGGER_SCREENING,
        source="test.comment",
        text=text,
        language="en",
        findings=[],
        status=OPEN,
        deadline_at=utcnow() + timedelta(hours=1),
        notified_ids=[],
    )
    values.update(fields)
    obj = SafeguardingAlert(**values)
    db.session.add(obj)
    db.session.flush()
    return obj


# --- reviews -----------------------------------------------------------------------------------


def review(young_person: User, *, iro: User | None = None, days_ahead: int | None = 14, kind: str = "lac", **fields):
    from app.reviews.models import Review

    values = dict(
        authority_id=young_person.authority_id,
        young_person_id=young_person.id,
        iro_id=(iro.id if iro else young_person.iro_id),
        date=(date.today() + timedelta(days=days_ahead)) if days_ahead is not None else None,
        kind=kind,
    )
    values.update(fields)
    obj = Review(**values)
    db.session.add(obj)
    db.session.flush()
    return obj


def sent_views(review_obj, *, readers=("iro", "worker"), answers=None, wishes=("I want to see my sister more",), language="en"):
    """A review's views, filled in and sent through the real service (receipts, screening)."""
    from app.reviews import service as reviews_service
    from app.reviews import steps as review_steps

    submission = reviews_service.start_or_resume(review_obj, db.session.get(User, review_obj.young_person_id))
    by_key = {s.key: s for s in review_steps.steps_for(submission.version)}
    for key, text in (answers or {"going-well": "School is good", "worries": "Nothing much"}).items():
        reviews_service.save_step(submission, by_key[key], {"text": text})
    reviews_service.save_step(submission, by_key["wishes"], {"wishes": list(wishes)})
    reviews_service.save_step(submission, by_key["who-reads-it"], {"readers": list(readers)})
    reviews_service.send(submission, key=reviews_service.new_key(), language=language)
    db.session.flush()
    return submission


# --- council (CiCC groups, polls, meetings, ideas) ---------------------------------------------

def council_group(authority: Authority, **fields):
    from app.council.models import CouncilGroup

    values = dict(authority_id=authority.id, name={"en": f"Group {next(_seq)}"}, description={"en": "A group."}, kind="cicc", open_to_requests=True)
    values.update(fields)
    obj = CouncilGroup(**values)
    db.session.add(obj)
    db.session.flush()
    return obj


def council_member(group, user: User, state: str = "active"):
    from app.council.models import Membership

    obj = Membership(authority_id=group.authority_id, group_id=group.id, user_id=user.id, state=state, joined_at=utcnow() if state == "active" else None)
    db.session.add(obj)
    db.session.flush()
    return obj


def council_poll(group, *, mode: str = "live", state: str = "open", kind: str = "single", options=("Yes", "No", "Not sure"), **fields):
    """A poll with one question; for a live poll that is open, the question is open for voting."""
    from app.council.models import Poll, PollOption, PollQuestion

    question_fields = {k: fields.pop(k) for k in ("allow_other", "allow_comment") if k in fields}
    values = dict(authority_id=group.authority_id, group_id=group.id, title={"en": "A poll"}, mode=mode, state=state, audience="members")
    values.update(fields)
    poll = Poll(**values)
    db.session.add(poll)
    question = PollQuestion(authority_id=group.authority_id, poll=poll, position=0, text={"en": "Shall we?", "ps": "ایا موږ باید؟"}, kind=kind,
                            state="open" if state == "open" else state, opened_at=utcnow(), **question_fields)
    for position, text in enumerate(options):
        question.options.append(PollOption(authority_id=group.authority_id, position=position, text={"en": text}))
    db.session.add(question)
    db.session.flush()
    return poll


def council_meeting(group, **fields):
    from app.council.models import Meeting

    values = dict(authority_id=group.authority_id, group_id=group.id, title={"en": "Monthly meeting"}, starts_at=utcnow() + timedelta(days=3),
                  place="Youth Hub", takes_questions=True)
    values.update(fields)
    obj = Meeting(**values)
    db.session.add(obj)
    db.session.flush()
    return obj


def council_idea(group, author: User, *, text: str = "More trips to the seaside", approve_by: User | None = None, **fields):
    """An idea through the real moderation service; approved by `approve_by` if given."""
    from app.council import ideas
    from app.moderation import service as moderation_service

    idea, item = ideas.raise_idea(group, author, text, "en", **fields)
    if approve_by is not None:
        moderation_service.approve(item, approve_by)
    db.session.flush()
    return idea


def council_consultation(group, **fields):
    from app.council.models import Consultation

    values = dict(authority_id=group.authority_id, group_id=group.id, question={"en": "How should reviews feel?"}, background={})
    values.update(fields)
    obj = Consultation(**values)
    db.session.add(obj)
    db.session.flush()
    return obj


def pledge_version(authority: Authority, audience: str = "in_care", *, themes: int = 2, promises: int = 2, publish: bool = True, **fields):
    """A pledge version with themes and promises (published unless publish=False)."""
    from app.pledges import service as pledge_service

    pledge = pledge_service.get_pledge(authority.id, audience, create=True)
    version = pledge_service.start_draft(pledge)
    version.title = fields.pop("title", {"en": f"Our promises {next(_seq)}", "ar": "وعودنا"})
    for t in range(themes):
        theme = pledge_service.add_theme(version, authority, {"en": f"Theme {t + 1}"})
        for p in range(promises):
            pledge_service.add_promise(theme, authority, {"en": f"Promise {t + 1}.{p + 1}"}, {"en": f"Meaning {t + 1}.{p + 1}"})
    if publish:
        pledge_service.publish(version, authority)
    db.session.flush()
    return version


def rating_round(authority: Authority, *, opens_at=None, closes_at=None, name: str | None = None):
    from app.pledges import service as pledge_service

    now = utcnow()
    return pledge_service.create_round(
        authority.id, name or f"Round {next(_seq)}", opens_at or now - timedelta(days=1), closes_at or now + timedelta(days=30)
    )


def survey_wave(authority: Authority, key: str = "heard-11-17", *, opens_on=None, closes_on=None, care_statuses=None, **fields):
    """A wave of one of our shipped surveys (installed for the council), open today by default."""
    from app.surveys import definitions
    from app.surveys import service as survey_service

    survey = definitions.install(authority.id, key)
    today = date.today()
    wave = survey_service.create_wave(
        authority_id=authority.id,
        version=survey.latest,
        title=fields.pop("title", f"Wave {next(_seq)}"),
        opens_on=opens_on or today - timedelta(days=1),
        closes_on=closes_on or today + timedelta(days=30),
        care_statuses=care_statuses or [survey.care_status or IN_CARE],
        **fields,
    )
    return wave


# --- between reviews (voice) --------------------------------------------------------------------


def statement(young_person: User, *, kind: str = "sort", text: str = "My bus pass has run out", readers=("worker",), send: bool = True, **answers):
    """A statement written step by step and sent through the real service (receipts, screening)."""
    from app.voice import drafts, statements
    from app.voice import steps as voice_steps
    from app.voice.models import Statement

    draft = drafts.start(Statement, young_person, kind)
    for step in drafts.steps(draft):
        if step.kind == voice_steps.TEXT:
            value = answers.get(step.field, text if step.field == "text" else None)
            if value:
                drafts.save_step(draft, step, {"text": value})
        elif step.kind == voice_steps.FACE and answers.get("face"):
            drafts.save_step(draft, step, {"face": answers["face"]})
        elif step.kind == voice_steps.TOPIC and answers.get("topic"):
            drafts.save_step(draft, step, {"topic": answers["topic"]})
        elif step.kind == voice_steps.READERS:
            drafts.save_step(draft, step, {"readers": list(readers)})
    if send:
        statements.send(draft, key=drafts.new_key(), language=answers.get("language"))
    db.session.flush()
    return draft


def callback(young_person: User, *, role: str = "worker", about: str | None = "About my placement", **fields):
    from app.voice import callbacks as voice_callbacks
    from app.voice import drafts

    obj, _created = voice_callbacks.request_call(young_person, role=role, key=drafts.new_key(), about=about, **fields)
    db.session.flush()
    return obj


def team(authority: Authority, *, name: str | None = None, email: str | None = None, members=()):
    from app.voice.models import Team, TeamMember

    obj = Team(authority_id=authority.id, name=name or f"Team {next(_seq)}", email=email, active=True)
    obj.members = [TeamMember(authority_id=authority.id, user_id=m.id) for m in members]
    db.session.add(obj)
    db.session.flush()
    return obj


def representation(young_person: User, *, kind: str = "complaint", team=None, text: str = "Nobody told me my contact was cancelled",
                   wanted: str | None = "Tell me next time", advocate: str | None = None, send: bool = True):
    """A complaint, compliment or comment, written step by step and sent through the real service."""
    from app.voice import complaints, drafts
    from app.voice import steps as voice_steps
    from app.voice.models import Representation

    draft = drafts.start(Representation, young_person, kind)
    for step in drafts.steps(draft):
        if step.kind == voice_steps.TEAM:
            drafts.save_step(draft, step, {"team": str(team.id) if team else ""})
        elif step.kind == voice_steps.TEXT:
            value = text if step.field == "text" else wanted
            if value:
                drafts.save_step(draft, step, {"text": value})
        elif step.kind == voice_steps.ADVOCATE and advocate:
            drafts.save_step(draft, step, {"advocate": advocate})
    if send:
        complaints.send(draft, key=drafts.new_key())
    db.session.flush()
    return draft


def advocacy_request(young_person: User, **fields):
    """A request for an advocate and the link token the advocacy service was sent."""
    from app.voice import advocacy, drafts

    values = dict(key=drafts.new_key(), consent=True, contact_way="phone", contact="07700 900123", about="Help with my complaint")
    values.update(fields)
    obj, _created, token = advocacy.request_advocate(young_person, **values)
    db.session.flush()
    return obj, token
