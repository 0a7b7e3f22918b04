"""An advocate on request. Looked-after children and care leavers have a right to an advocate
when they make representations; a young person asks from anywhere (their home, a complaint, a
review) and the request goes to the council's advocacy service, with their consent to share
their details.

The advocacy service is outside the council and has no Heard account. It is emailed a link (no
personal details in the email) to a page that shows the request and lets it say how far it has
got: referred, contacted, allocated. The link carries a secret kept only as a hash, runs out after
`LINK_DAYS`, and every open of it is audited. Complaints officers see every request and its status,
and can record the status too (when the service phones them instead).
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import audit
from ..access import COMPLAINTS
from ..auth.models import User
from ..errors import RuleBroken
from ..extensions import db
from ..i18n.locales import LANGUAGES
from ..models_base import utcnow
from ..moderation import service as moderation
from ..once import add_once
from ..tenancy import all_councils, for_council
from . import drafts, notify
from .models import ADVOCACY_CLOSED, ALLOCATED, CONTACT_WAYS, CONTACTED, REFERRED, AdvocacyRequest
from .settings import complaints_officers, settings_for

LINK_DAYS = 60
SOURCES = ("home", "complaint", "review", "statement")
STATUS_LABELS = {
    REFERRED: _l("Sent to the advocacy service"),
    CONTACTED: _l("The advocacy service has been in touch"),
    ALLOCATED: _l("You have an advocate"),
    ADVOCACY_CLOSED: _l("Finished"),
}
_ORDER = (REFERRED, CONTACTED, ALLOCATED, ADVOCACY_CLOSED)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def request_advocate(young_person: User, *, key: str, consent: bool, contact_way: str | None, contact: str | None = None,
                     about: str | None = None, source: str = "home", source_id: int | None = None,
                     language: str | None = None) -> tuple[AdvocacyRequest, bool, str | None]:
    """Send a request to the advocacy service. Returns (request, created, link token); the token is
    only ever known here, to put in the service's email."""
    key = (key or drafts.new_key())[:64]
    existing = db.session.scalar(select(AdvocacyRequest).where(AdvocacyRequest.send_key == key))
    if existing is not None:
        if existing.young_person_id != young_person.id:
            raise RuleBroken(_l("Something went wrong. Try again."))
        return existing, False, None
    if not consent:
        raise RuleBroken(_l("Tick the box to say Heard can share your details, or the advocacy service cannot get in touch"), field="consent")
    if contact_way not in CONTACT_WAYS:
        raise RuleBroken(_l("Choose how the advocate should get in touch"), field="contact_way")
    contact = (contact or "").strip()[:254] or None
    if contact_way in ("phone", "text", "email") and not contact:
        raise RuleBroken(_l("Write your phone number or email, so the advocate can reach you"), field="contact")
    about = drafts.clean(about)[:2000] or None
    settings = settings_for(young_person.authority_id)
    token = secrets.token_urlsafe(32)
    now = utcnow()
    item = AdvocacyRequest(
        authority_id=young_person.authority_id,
        young_person_id=young_person.id,
        source=source if source in SOURCES else "home",
        source_id=source_id,
        about=about,
        consent=True,
        contact_way=contact_way,
        contact=contact,
        language=language if language in LANGUAGES else (young_person.preferred_language or "en"),
        send_key=key,
        token_hash=_hash(token),
        token_expires_at=now + timedelta(days=LINK_DAYS),
        status=REFERRED,
        referred_at=now,
        service_name=settings.advocacy_name,
    )
    item, created = add_once(item, lambda: db.session.scalar(select(AdvocacyRequest).where(AdvocacyRequest.send_key == key)))
    if not created:  # the same send, a moment earlier
        if item.young_person_id != young_person.id:
            raise RuleBroken(_l("Something went wrong. Try again."))
        return item, False, None
    audit.record("voice.advocacy.requested", item, actor=young_person, source=item.source, consent=True)
    if about:
        screening = moderation.screen_private(
            authority_id=item.authority_id, young_person=young_person, text=about, language=item.language,
            source="voice.advocacy", source_id=item.id,
        )
        item.risk_flagged = bool(getattr(screening, "risk", False))
    if settings.advocacy_email:
        notify.tell(
            [settings.advocacy_email],
            _l("A young person has asked for an advocate"),
            _l("A young person in care or leaving care has asked for an advocate, and agreed that their details can be shared with you."),
            f"/advocacy/{token}",
            authority_id=item.authority_id,
            kind="advocacy_requested",
            about_id=item.id,
            how=_l("Open this link to see the request and say when you have been in touch (it works for %(days)s days):", days=LINK_DAYS),
        )
    # The complaints officer keeps an eye on every request, and passes it on by phone where the
    # council has not set up the service's email.
    notify.tell(
        [o.email for o in complaints_officers(young_person.authority_id)],
        _l("A young person has asked for an advocate"),
        _l("A young person has asked for an advocate.") if settings.advocacy_email
        else _l("A young person has asked for an advocate, and the council has no email for its advocacy service: please pass it on."),
        f"/staff/voice/advocacy/{item.id}",
        authority_id=item.authority_id,
        kind="advocacy_to_officer",
        about_id=item.id,
    )
    return item, True, token


def mine(young_person: User) -> list[AdvocacyRequest]:
    stmt = select(AdvocacyRequest).where(AdvocacyRequest.young_person_id == young_person.id).order_by(AdvocacyRequest.referred_at.desc())
    return list(db.session.scalars(stmt))


def by_token(token: str) -> AdvocacyRequest | None:
    """The request behind an advocacy service's link, if the link is real and has not run out.
    Looked up across councils: the link itself says which request, and so which council, it is
    (the caller then binds that council)."""
    if not token or len(token) > 100:
        return None
    with all_councils():
        item = db.session.scalar(select(AdvocacyRequest).where(AdvocacyRequest.token_hash == _hash(token)))
    if item is None or item.token_expires_at < utcnow():
        return None
    return item


def opened_by_service(item: AdvocacyRequest) -> None:
    audit.record("voice.advocacy.link_opened", item, authority_id=item.authority_id, actor=audit.ANONYMOUS)


def set_status(item: AdvocacyRequest, status: str, *, by: User | None = None, advocate_name: str | None = None) -> None:
    """Move the request on (never back). `by` is a complaints officer, or None for the service."""
    if status not in (CONTACTED, ALLOCATED, ADVOCACY_CLOSED):
        raise RuleBroken(_l("Choose where it is up to"), field="status")
    if _ORDER.index(status) < _ORDER.index(item.status):
        raise RuleBroken(_l("It has already gone further than that."), field="status")
    now = utcnow()
    if status in (CONTACTED, ALLOCATED) and item.contacted_at is None:
        item.contacted_at = now
    if status == ALLOCATED:
        item.allocated_at = item.allocated_at or now
        name = (advocate_name or "").strip()[:120]
        if name:
            item.advocate_name = name
    if status == ADVOCACY_CLOSED:
        item.closed_at = now
    item.status = status
    audit.record("voice.advocacy.status", item, authority_id=item.authority_id, actor=by or audit.ANONYMOUS, status=status,
                 by_service=None if by else True)


@for_council(of="officer")
def for_officer(officer: User) -> list[AdvocacyRequest]:
    if officer.role != COMPLAINTS:
        return []
    stmt = select(AdvocacyRequest).options(selectinload(AdvocacyRequest.young_person))
    items = list(db.session.scalars(stmt))
    return sorted(items, key=lambda i: (i.status == ADVOCACY_CLOSED, i.status != REFERRED, i.referred_at))


def load_for_officer(officer: User, item_id: int) -> AdvocacyRequest | None:
    item = db.session.get(AdvocacyRequest, item_id)
    if item is None or officer.role != COMPLAINTS or item.authority_id != officer.authority_id:
        return None
    audit.record("voice.advocacy.read", item, actor=officer)
    return item


def steps_done(item: AdvocacyRequest) -> list[tuple[str, object]]:
    """(status, when) for the timeline the young person sees."""
    return [(REFERRED, item.referred_at), (CONTACTED, item.contacted_at), (ALLOCATED, item.allocated_at)]
