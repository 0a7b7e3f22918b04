"""Drafts a young person writes one question at a time: statements to their worker, and
complaints, compliments and comments to the council.

A draft is saved on the server at every step (and kept on the phone by reviews.js while they
type). Every save that changes what they wrote is screened for risk at once: an alert goes to a
person straight away, the young person is shown where to get help, and nothing is held back.
"""
from __future__ import annotations

import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from .. import audit
from ..auth.models import User
from ..errors import RuleBroken
from ..extensions import db
from ..i18n.locales import LANGUAGES
from ..input_bounds import parse_id
from ..models_base import utcnow
from ..moderation import service as moderation
from . import steps as S
from .models import DRAFT, EARLY, FACES, READER_ROLES, SENT, STANDARD, TOPICS, VERSIONS, Statement, Team

MAX_TEXT = 5000
ADVOCATE_ANSWERS = ("yes", "have_one", "no")
SENT_ALREADY = _l("You have already sent this.")


def new_key() -> str:
    return secrets.token_urlsafe(24)


def clean(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").strip()


def start(model, young_person: User, kind: str):
    """The young person's unsent draft of this kind, or a new one."""
    draft = db.session.scalar(
        select(model).where(model.young_person_id == young_person.id, model.kind == kind, model.status == DRAFT).order_by(model.id.desc())
    )
    if draft is None:
        draft = model(
            authority_id=young_person.authority_id,
            young_person_id=young_person.id,
            kind=kind,
            version=S.version_for(young_person),
            language=young_person.preferred_language if young_person.preferred_language in LANGUAGES else "en",
        )
        if model is Statement:
            draft.readers = ["worker"] if young_person.worker_id else (["iro"] if young_person.iro_id else [])
        db.session.add(draft)
        db.session.flush()
    return draft


def steps(draft) -> list[S.Step]:
    return S.steps_for(draft.kind, draft.version)


def step_data(draft, step: S.Step) -> dict:
    """What the draft holds for a step, in the shape its form takes."""
    if step.kind == S.HELPER:
        return {"helped": draft.helped_by_trusted_adult, "helper_name": draft.helper_name or ""}
    if step.kind == S.FACE:
        return {"face": draft.face}
    if step.kind == S.TOPIC:
        return {"topic": draft.topic}
    if step.kind == S.TEXT:
        return {"text": getattr(draft, step.field) or ""}
    if step.kind == S.READERS:
        return {"readers": list(draft.readers or [])}
    if step.kind == S.TEAM:
        return {"team": str(draft.team_id) if draft.team_id else ""}
    if step.kind == S.ADVOCATE:
        return {"advocate": draft.wants_advocate}
    return {}


def save_step(draft, step: S.Step, data: dict) -> bool:
    """Save one step. `data` holds the step's fields, checked by its form. Returns True if what
    they just wrote suggests risk (an alert has been raised; show them help now)."""
    if draft.status != DRAFT:
        raise RuleBroken(SENT_ALREADY)
    risk = False
    if step.kind == S.HELPER:
        draft.helped_by_trusted_adult = bool(data.get("helped"))
        draft.helper_name = clean(data.get("helper_name"))[:120] or None
    elif step.kind == S.FACE:
        draft.face = data.get("face") if data.get("face") in FACES else None
    elif step.kind == S.TOPIC:
        draft.topic = data.get("topic") if data.get("topic") in TOPICS else None
    elif step.kind == S.TEXT:
        text = clean(data.get("text"))[:MAX_TEXT] or None
        changed = text != getattr(draft, step.field)
        setattr(draft, step.field, text)
        if changed and text:
            risk = screen(draft, text)
    elif step.kind == S.READERS:
        draft.readers = [role for role in READER_ROLES if role in (data.get("readers") or [])]
    elif step.kind == S.TEAM:
        draft.team_id = _team_id(draft, data.get("team"))
    elif step.kind == S.ADVOCATE:
        draft.wants_advocate = data.get("advocate") if data.get("advocate") in ADVOCATE_ANSWERS else None
    draft.last_step = step.key
    draft.updated_at = utcnow()
    return risk


def _team_id(draft, value) -> int | None:
    if not value or not str(value).isdigit():
        return None
    team = db.session.get(Team, parse_id(value) or 0)
    if team is None or team.authority_id != draft.authority_id or not team.active:
        raise RuleBroken(_l("Choose one of the teams in the list"), field="team")
    return team.id


def choose_version(draft, version: str) -> None:
    if draft.status != DRAFT:
        raise RuleBroken(SENT_ALREADY)
    if version not in VERSIONS:
        raise RuleBroken(_l("That version is not available"))
    draft.version = version
    draft.updated_at = utcnow()


def source_of(draft) -> str:
    return f"voice.{draft.kind}"


def screen(draft, text: str) -> bool:
    """THE safeguarding call point for everything written here: never holds anything back.

    Hands the private text to the moderation screen, which raises an alert to a person at once if
    it finds risk. Returns True if the young person should be shown where to get help now."""
    screening = moderation.screen_private(
        authority_id=draft.authority_id,
        young_person=draft.young_person,
        text=text,
        language=draft.language,
        source=source_of(draft),
        source_id=draft.id,
    )
    found = bool(getattr(screening, "risk", False))
    if found:
        draft.risk_flagged = True
    return found


def mark_sent(draft, *, key: str, language: str | None) -> bool:
    """Turn a draft into a sent item once. Of two requests racing (a double tap, two tabs), only
    one finds it still a draft; the other returns False and sends nothing."""
    if draft.status == SENT:
        return False
    if not key or len(key) > 64:
        key = new_key()
    now = utcnow()
    values = {"status": SENT, "sent_at": now, "send_key": key, "updated_at": now}
    if language in LANGUAGES:
        values["language"] = language
    model = type(draft)
    result = db.session.execute(
        update(model).where(model.id == draft.id, model.status == DRAFT).values(**values),
        execution_options={"synchronize_session": False},
    )
    if result.rowcount != 1:
        db.session.refresh(draft)
        return False
    db.session.refresh(draft)
    audit.record(f"voice.{draft.kind}.sent", draft, actor=draft.young_person)
    return True


def discard(draft, young_person: User) -> None:
    """A young person can throw away a draft they no longer want to send."""
    if draft.young_person_id != young_person.id or draft.status != DRAFT:
        raise RuleBroken(SENT_ALREADY)
    db.session.delete(draft)


def has_words(draft) -> bool:
    return any(getattr(draft, step.field, None) for step in S.text_steps(draft.kind, draft.version)) or bool(getattr(draft, "face", None))


def missing_required(draft) -> S.Step | None:
    """The first step that must be answered before sending, if it is not."""
    for step in steps(draft):
        if step.required and not getattr(draft, step.field, None):
            return step
    return None


def versions() -> list[tuple[str, str]]:
    return [(v, str(S.VERSION_LABELS[v])) for v in (EARLY, STANDARD)]

