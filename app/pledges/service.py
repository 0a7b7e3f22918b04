"""The pledge's rules: versions and their editing, rating rounds, ratings, sealing, answers.

Plain functions taking and returning models; callers commit.
"""
from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from functools import cache
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, bindparam, delete, distinct, func, insert, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from .. import audit
from ..auth.models import CARE_LEAVER as USER_CARE_LEAVER
from ..errors import RuleBroken
from ..extensions import db
from ..i18n.content import missing_languages
from ..models_base import UTCDateTime, utcnow
from ..once import add_once
from ..privacy.anonymous import forget_loaded, rewrite_shuffled
from ..privacy.keys import key_hash as hash_key
from ..tenancy import for_council
from .models import (
    ANSWERS,
    CARE_LEAVER,
    DRAFT,
    IN_CARE,
    PUBLISHED,
    RETIRED,
    Pledge,
    PledgeAnswer,
    PledgeComment,
    PledgeRater,
    PledgeRating,
    PledgeReader,
    PledgeTally,
    PledgeTheme,
    PledgeVersion,
    Promise,
    RatingRound,
)

COMMENT_MAX = 1000
ALL = {"all_authorities": True}  # sealing runs from the command line too, for every council


# --- Pledges and versions -------------------------------------------------------------------


def audience_of(young_person) -> str:
    return CARE_LEAVER if young_person.care_status == USER_CARE_LEAVER else IN_CARE


@for_council
def get_pledge(authority_id: int, audience: str, *, create: bool = False) -> Pledge | None:
    pledge = db.session.scalar(select(Pledge).where(Pledge.audience == audience))
    if pledge is None and create:
        pledge = Pledge(authority_id=authority_id, audience=audience)
        db.session.add(pledge)
        db.session.flush()
    return pledge


@for_council
def pledges(authority_id: int) -> dict[str, Pledge]:
    """Both pledges of a council with every version's themes and promises (a few queries, however
    many there are), made on first use so the editor always has somewhere to start."""
    wording = selectinload(Pledge.versions).selectinload(PledgeVersion.themes).selectinload(PledgeTheme.promises)
    found = {p.audience: p for p in db.session.scalars(select(Pledge).options(wording))}
    return {audience: found.get(audience) or get_pledge(authority_id, audience, create=True) for audience in (IN_CARE, CARE_LEAVER)}


def _current_version_id(authority_id: int, audience: str):
    """The version young people read now (the newest published one), as a subquery."""
    return (
        select(PledgeVersion.id)
        .join(Pledge, Pledge.id == PledgeVersion.pledge_id)
        .where(Pledge.audience == audience, PledgeVersion.status == PUBLISHED)
        .order_by(PledgeVersion.number.desc())
        .limit(1)
        .scalar_subquery()
    )


@for_council(of="young_person")
def current_version_for(young_person) -> PledgeVersion | None:
    """The version the young person reads, with its themes and promises (three queries in all)."""
    return db.session.scalar(
        select(PledgeVersion)
        .options(selectinload(PledgeVersion.themes).selectinload(PledgeTheme.promises), selectinload(PledgeVersion.pledge))
        .where(PledgeVersion.id == _current_version_id(young_person.authority_id, audience_of(young_person)))
    )


@dataclass
class CardFacts:
    version: PledgeVersion
    total: int  # promises in the version
    new_answers: int  # answers to them since the young person last read the pledge
    round: RatingRound | None  # open for rating now
    rated: int = 0  # promises the young person has rated in that round


@cache
def _card_statements():
    """The card's queries, built once (building them costs more than running them); who and when
    are bound as they run (the council is kept by the tenancy hook)."""
    me, now = bindparam("me"), bindparam("now", type_=UTCDateTime())
    promises_of_version = select(Promise.lineage_id).where(Promise.version_id == PledgeVersion.id).correlate(PledgeVersion)
    total = select(func.count(Promise.id)).where(Promise.version_id == PledgeVersion.id).correlate(PledgeVersion).scalar_subquery()
    seen = select(PledgeReader.seen_at).where(PledgeReader.young_person_id == me).scalar_subquery()
    fresh = (
        select(func.count(PledgeAnswer.id))
        .where(
            PledgeAnswer.promise_lineage_id.in_(promises_of_version),
            # answered at all, and (if they ever read it) since they last did
            or_(PledgeAnswer.we_will_at.is_not(None), PledgeAnswer.we_did_at.is_not(None)),
            or_(seen.is_(None), PledgeAnswer.we_will_at > seen, PledgeAnswer.we_did_at > seen),
        )
        .correlate(PledgeVersion)
        .scalar_subquery()
    )
    open_now = and_(RatingRound.sealed_at.is_(None), RatingRound.opens_at <= now, RatingRound.closes_at > now)
    current = (
        select(PledgeVersion.id)
        .join(Pledge, Pledge.id == PledgeVersion.pledge_id)
        .where(Pledge.audience == bindparam("audience"), PledgeVersion.status == PUBLISHED)
        .order_by(PledgeVersion.number.desc())
        .limit(1)
        .scalar_subquery()
    )
    card = (
        select(PledgeVersion, total, fresh, RatingRound)
        .outerjoin(RatingRound, open_now)
        .options(joinedload(PledgeVersion.pledge))
        .where(PledgeVersion.id == current)
        .limit(1)
    )
    # Who rated what is kept apart from the ratings themselves (PledgeRater), until the round seals.
    rated = select(func.count(PledgeRater.promise_id)).where(PledgeRater.round_id == bindparam("round"), PledgeRater.user_id == me)
    return card, rated


def card_facts(young_person, now: datetime | None = None) -> CardFacts | None:
    """What the home card shows: one query, and a second to count the promises the young person has
    rated while a round is open (from the list of who took part, never from the ratings)."""
    card, rated = _card_statements()
    params = {"me": young_person.id, "now": now or utcnow(), "audience": audience_of(young_person)}
    row = db.session.execute(card, params).first()
    if row is None:
        return None
    version, total, fresh, rnd = row
    facts = CardFacts(version=version, total=total or 0, new_answers=fresh or 0, round=rnd)
    if rnd is not None:
        facts.rated = db.session.scalar(rated, {"round": rnd.id, "me": young_person.id}) or 0
    return facts


def start_draft(pledge: Pledge, by=None) -> PledgeVersion:
    """The pledge's draft, made if needed as a copy of the published wording (lineage kept)."""
    if pledge.draft is not None:
        return pledge.draft
    try:
        with db.session.begin_nested():
            return _new_draft(pledge, by)
    except IntegrityError:
        # Started twice at once: the other request's draft took the number. Use that one.
        db.session.expire(pledge)
        if pledge.draft is None:
            raise
        return pledge.draft


def _new_draft(pledge: Pledge, by) -> PledgeVersion:
    source = pledge.current
    number = max((v.number for v in pledge.versions), default=0) + 1
    draft = PledgeVersion(
        authority_id=pledge.authority_id,
        number=number,
        status=DRAFT,
        title=dict(source.title) if source else {},
        introduction=dict(source.introduction) if source else {},
    )
    pledge.versions.append(draft)
    if source is not None:
        for theme in source.themes:
            copy = PledgeTheme(authority_id=pledge.authority_id, position=theme.position, title=dict(theme.title), lineage_id=theme.lineage_id)
            draft.themes.append(copy)
            for promise in theme.promises:
                copy.promises.append(
                    Promise(
                        authority_id=pledge.authority_id,
                        version=draft,
                        position=promise.position,
                        text=dict(promise.text),
                        meaning=dict(promise.meaning or {}),
                        lineage_id=promise.lineage_id,
                    )
                )
    db.session.flush()
    audit.record("pledge.draft_started", draft, actor=by, audience=pledge.audience, number=number)
    return draft


def _editable(version: PledgeVersion) -> None:
    if version.status != DRAFT:
        raise RuleBroken(_l("This version is published and cannot change. Start a new version to change the wording."))


def _clean(translations: dict | None) -> dict:
    return {code: text.strip() for code, text in (translations or {}).items() if text and text.strip()}


def _require_default(translations: dict, authority, field: str) -> None:
    if not translations.get(authority_default(authority)):
        raise RuleBroken(_l("Write this in the council's main language first."), field=field)


def authority_default(authority) -> str:
    return getattr(authority, "default_language", None) or "en"


def update_version(version: PledgeVersion, authority, *, title: dict, introduction: dict) -> None:
    _editable(version)
    title, introduction = _clean(title), _clean(introduction)
    _require_default(title, authority, "title")
    version.title = title
    version.introduction = introduction


def add_theme(version: PledgeVersion, authority, title: dict) -> PledgeTheme:
    _editable(version)
    title = _clean(title)
    _require_default(title, authority, "title")
    theme = PledgeTheme(authority_id=version.authority_id, title=title, position=len(version.themes))
    version.themes.append(theme)
    db.session.flush()
    theme.lineage_id = theme.id
    return theme


def update_theme(theme: PledgeTheme, authority, title: dict) -> None:
    _editable(theme.version)
    title = _clean(title)
    _require_default(title, authority, "title")
    theme.title = title


def add_promise(theme: PledgeTheme, authority, text: dict, meaning: dict | None = None) -> Promise:
    _editable(theme.version)
    text, meaning = _clean(text), _clean(meaning)
    _require_default(text, authority, "text")
    promise = Promise(
        authority_id=theme.authority_id, version_id=theme.version_id, text=text, meaning=meaning, position=len(theme.promises)
    )
    theme.promises.append(promise)
    db.session.flush()
    promise.lineage_id = promise.id
    return promise


def update_promise(promise: Promise, authority, text: dict, meaning: dict | None = None) -> None:
    _editable(promise.theme.version)
    text, meaning = _clean(text), _clean(meaning)
    _require_default(text, authority, "text")
    promise.text = text
    promise.meaning = meaning


def delete_theme(theme: PledgeTheme) -> None:
    version = theme.version
    _editable(version)
    version.themes.remove(theme)
    _renumber(version.themes)


def delete_promise(promise: Promise) -> None:
    theme = promise.theme
    _editable(theme.version)
    theme.promises.remove(promise)
    _renumber(theme.promises)


def move(item, items: list, step: int) -> None:
    """Move a theme or promise up (-1) or down (+1) among its siblings."""
    ordered = list(items)  # a copy: swapping inside the relationship list would orphan a row
    index = ordered.index(item)
    other = index + step
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
        _renumber(ordered)


def _renumber(items: list) -> None:
    for position, item in enumerate(items):
        item.position = position


def translation_gaps(version: PledgeVersion, enabled: list[str]) -> dict[str, int]:
    """For each enabled language, how many pieces of text are not yet translated."""
    texts = [version.title] + [theme.title for theme in version.themes]
    for promise in version.promises:
        texts.append(promise.text)
        if promise.meaning:
            texts.append(promise.meaning)
    gaps = {code: 0 for code in enabled}
    for value in texts:
        for code in missing_languages(value, enabled):
            gaps[code] += 1
    return gaps


def publish(version: PledgeVersion, authority, by=None, now: datetime | None = None) -> PledgeVersion:
    """Make the draft the wording young people read. The old version keeps its ratings and words."""
    _editable(version)
    default = authority_default(authority)
    if not version.title.get(default):
        raise RuleBroken(_l("Give the pledge a title before publishing it."))
    if not version.promises:
        raise RuleBroken(_l("Add at least one promise before publishing."))
    if any(not theme.promises for theme in version.themes):
        raise RuleBroken(_l("Every theme needs at least one promise. Add one or delete the empty theme."))
    for other in version.pledge.versions:
        if other.status == PUBLISHED:
            other.status = RETIRED
    version.status = PUBLISHED
    version.published_at = now or utcnow()
    version.published_by_id = getattr(by, "id", None)
    audit.record("pledge.published", version, actor=by, audience=version.pledge.audience, number=version.number)
    return version


# --- Rounds ---------------------------------------------------------------------------------


@for_council
def rounds(authority_id: int) -> list[RatingRound]:
    return list(db.session.scalars(select(RatingRound).order_by(RatingRound.opens_at)))


@for_council
def _check_round(authority_id: int, name: str, opens_at: datetime, closes_at: datetime, exclude: int | None = None) -> None:
    if not (name or "").strip():
        raise RuleBroken(_l("Give the round a name, for example 'Spring'."), field="name")
    if closes_at <= opens_at:
        raise RuleBroken(_l("The closing date must be after the opening date."), field="closes_on")
    overlap = select(RatingRound).where(
        RatingRound.opens_at < closes_at, RatingRound.closes_at > opens_at
    )
    if exclude is not None:
        overlap = overlap.where(RatingRound.id != exclude)
    if db.session.scalar(overlap.limit(1)) is not None:
        raise RuleBroken(_l("These dates overlap another round. Rounds cannot overlap."), field="opens_on")


def create_round(authority_id: int, name: str, opens_at: datetime, closes_at: datetime, by=None) -> RatingRound:
    _check_round(authority_id, name, opens_at, closes_at)
    rnd = RatingRound(authority_id=authority_id, name=name.strip(), opens_at=opens_at, closes_at=closes_at)
    db.session.add(rnd)
    db.session.flush()
    audit.record("pledge.round_created", rnd, actor=by, authority_id=authority_id)
    return rnd


def update_round(rnd: RatingRound, name: str, opens_at: datetime, closes_at: datetime, by=None, now: datetime | None = None) -> None:
    now = now or utcnow()
    if rnd.is_closed(now):
        raise RuleBroken(_l("This round has closed and cannot change."))
    if rnd.opens_at <= now and opens_at != rnd.opens_at:
        raise RuleBroken(_l("This round has already opened, so its opening date cannot change."), field="opens_on")
    _check_round(rnd.authority_id, name, opens_at, closes_at, exclude=rnd.id)
    rnd.name, rnd.opens_at, rnd.closes_at = name.strip(), opens_at, closes_at
    audit.record("pledge.round_changed", rnd, actor=by)


def close_round_now(rnd: RatingRound, by=None, now: datetime | None = None) -> None:
    now = now or utcnow()
    if rnd.opens_at > now:
        raise RuleBroken(_l("This round has not opened yet. Change its dates instead."))
    if rnd.closes_at > now:
        rnd.closes_at = now
    seal_round(rnd, now=now)
    audit.record("pledge.round_closed", rnd, actor=by)


@for_council
def open_round(authority_id: int, now: datetime | None = None) -> RatingRound | None:
    now = now or utcnow()
    return db.session.scalar(
        select(RatingRound).where(
            RatingRound.sealed_at.is_(None),
            RatingRound.opens_at <= now,
            RatingRound.closes_at > now,
        )
    )


@for_council
def next_round(authority_id: int, now: datetime | None = None) -> RatingRound | None:
    now = now or utcnow()
    return db.session.scalar(
        select(RatingRound).where(RatingRound.opens_at > now).order_by(RatingRound.opens_at).limit(1)
    )


def seal_round(rnd: RatingRound, now: datetime | None = None) -> None:
    """Cut every link between the round's ratings and the people who made them: count who took
    part, forget who that was, wipe the keys and write the ratings afresh in a random order with
    new ids (so a comment made alongside a rating can no longer be paired with it by position or
    by the transaction that wrote them)."""
    if rnd.sealed_at is not None:
        return
    per_audience = db.session.execute(
        select(Pledge.audience, func.count(distinct(PledgeRater.user_id)))
        .join(Promise, Promise.id == PledgeRater.promise_id)
        .join(PledgeVersion, PledgeVersion.id == Promise.version_id)
        .join(Pledge, Pledge.id == PledgeVersion.pledge_id)
        .where(PledgeRater.round_id == rnd.id)
        .group_by(Pledge.audience),
        execution_options={"all_authorities": True},
    )
    rnd.participants = {audience: n for audience, n in per_audience.all()}
    db.session.execute(delete(PledgeRater).where(PledgeRater.round_id == rnd.id), execution_options=ALL)
    forget_loaded(PledgeRating, lambda rating: rating.round_id == rnd.id)
    table = PledgeRating.__table__
    rewrite_shuffled(table, table.c.round_id == rnd.id, change=lambda row: row.update(key_hash=None), rng=secrets.SystemRandom())
    tally_round(rnd)
    rnd.sealed_at = now or utcnow()


def tally_round(rnd: RatingRound, rows: list[dict] | None = None) -> None:
    """Count a round's ratings per promise, age band and answer, for its scorecard (once, as it is
    sealed; `rows` are its ratings when the caller has them already)."""
    if rows is None:
        columns = (PledgeRating.promise_id, PledgeRating.age_band, PledgeRating.answer)
        rows = [row._asdict() for row in db.session.execute(select(*columns).where(PledgeRating.round_id == rnd.id), execution_options=ALL)]
    counted = Counter((row["promise_id"], row["age_band"], row["answer"]) for row in rows)
    db.session.execute(delete(PledgeTally).where(PledgeTally.round_id == rnd.id), execution_options=ALL)
    if counted:
        db.session.execute(
            insert(PledgeTally),
            [
                dict(authority_id=rnd.authority_id, round_id=rnd.id, promise_id=promise_id, age_band=band, answer=answer, count=n)
                for (promise_id, band, answer), n in sorted(counted.items(), key=lambda item: (item[0][0], item[0][1] or "", item[0][2]))
            ],
        )


def seal_due_rounds(now: datetime | None = None) -> int:
    """Seal every round of the bound council whose closing time has passed."""
    now = now or utcnow()
    # Another app server's run may be sealing the same rounds: each is sealed by one run only.
    due = list(db.session.scalars(
        select(RatingRound).where(RatingRound.sealed_at.is_(None), RatingRound.closes_at <= now).with_for_update(skip_locked=True)
    ))
    for rnd in due:
        seal_round(rnd, now=now)
    return len(due)


@for_council
def sealed_rounds(authority_id: int) -> list[RatingRound]:
    return list(
        db.session.scalars(
            select(RatingRound).where(RatingRound.sealed_at.is_not(None)).order_by(RatingRound.opens_at)
        )
    )


# --- Rating ---------------------------------------------------------------------------------


def device_purpose(rnd: RatingRound) -> str:
    """What the young person's browser calls its key for this round (app/privacy/keys.py)."""
    return f"round:{rnd.id}"


def _key_hash(rnd: RatingRound, key: str) -> str:
    return hash_key(device_purpose(rnd), key)


def my_ratings(young_person, rnd: RatingRound | None, key: str | None) -> dict[int, str]:
    """The young person's own answers in an open round, by promise id, as far as this browser's
    key finds them (empty without the key, and once sealed)."""
    if rnd is None or rnd.sealed_at is not None or not key:
        return {}
    rows = db.session.execute(
        select(PledgeRating.promise_id, PledgeRating.answer).where(PledgeRating.round_id == rnd.id, PledgeRating.key_hash == _key_hash(rnd, key))
    )
    return dict(rows.all())


def rated_promises(young_person, rnd: RatingRound | None) -> set[int]:
    """The promises the young person has rated in an open round (from any browser): never how."""
    if rnd is None or rnd.sealed_at is not None:
        return set()
    return set(db.session.scalars(select(PledgeRater.promise_id).where(PledgeRater.round_id == rnd.id, PledgeRater.user_id == young_person.id)))


def my_comments(young_person, rnd: RatingRound | None) -> dict[int, int]:
    """The young person's own comment moderation items in a round, by promise id: found through
    the moderation items they wrote, never through a rating."""
    from ..moderation.models import ModerationItem

    if rnd is None:
        return {}
    rows = db.session.execute(
        select(PledgeComment.promise_id, PledgeComment.comment_item_id)
        .join(ModerationItem, ModerationItem.id == PledgeComment.comment_item_id)
        .where(PledgeComment.round_id == rnd.id, ModerationItem.author_id == young_person.id)
    )
    return dict(rows.all())


def rate(young_person, promise: Promise, answer: str, comment: str | None = None, *, key: str | None = None, language: str = "en",
         now: datetime | None = None):
    """Record (or change) the young person's answer to a promise in the open round.

    `key` is their browser's random key for the round: it finds (and changes) the rating it
    made, and nothing else can (without one, a fresh key nobody keeps: the rating cannot change).
    Returns (rating, moderation item or None). A comment goes to moderation; its words are never
    stored here. An empty comment withdraws an earlier one from this round.
    """
    key = key or secrets.token_urlsafe(16)
    now = now or utcnow()
    if answer not in ANSWERS:
        raise RuleBroken(_l("Choose one answer."), field="answer")
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise RuleBroken(_l("Your comment is too long. Keep it under %(max)s characters.", max=COMMENT_MAX), field="comment")
    rnd = open_round(young_person.authority_id, now)
    if rnd is None:
        raise RuleBroken(_l("Rating is closed just now. We will tell you when the next round opens."))
    version = current_version_for(young_person)
    if version is None or promise.version_id != version.id:
        raise RuleBroken(_l("This promise is not in your pledge any more."))
    hashed = _key_hash(rnd, key)
    rating = db.session.scalar(
        select(PledgeRating).where(PledgeRating.round_id == rnd.id, PledgeRating.promise_id == promise.id, PledgeRating.key_hash == hashed)
    )
    rated_elsewhere = RuleBroken(_l("You have rated this promise on another phone or computer, or before you signed out. Your answer counts. "
                                    "It is secret, so it cannot be changed from here."), field="answer")
    if rating is None:
        if promise.id in rated_promises(young_person, rnd):
            raise rated_elsewhere
        try:
            rating, _added = add_once(
                PledgeRating(authority_id=young_person.authority_id, round_id=rnd.id, promise_id=promise.id, key_hash=hashed,
                             answer=answer, age_band=young_person.age_band),
                # A second tap from this phone finds the rating the first made, and changes it.
                lambda: db.session.scalar(select(PledgeRating).where(
                    PledgeRating.round_id == rnd.id, PledgeRating.promise_id == promise.id, PledgeRating.key_hash == hashed)),
                PledgeRater(authority_id=young_person.authority_id, round_id=rnd.id, promise_id=promise.id, user_id=young_person.id),
            )
        except IntegrityError:
            raise rated_elsewhere from None  # another phone got there a moment before
    rating.answer = answer
    rating.age_band = young_person.age_band
    item = _save_comment(young_person, rnd, promise, comment, language)
    db.session.flush()
    return rating, item


def _save_comment(young_person, rnd, promise, comment, language):
    from ..moderation import service as moderation

    item_id = my_comments(young_person, rnd).get(promise.id)
    existing = db.session.scalar(
        select(PledgeComment).where(PledgeComment.round_id == rnd.id, PledgeComment.promise_id == promise.id, PledgeComment.comment_item_id == item_id)
    ) if item_id else None
    if not comment:
        if existing is not None:
            db.session.delete(existing)  # the item stays in moderation but is never shown for this promise
        return None
    if existing is not None:
        own = moderation.own_view(existing.comment_item_id, young_person)
        if own is not None and own.text.strip() == comment:
            return None  # unchanged: do not queue it twice
    # source_id stays None: the moderation item must not point at anything that holds an answer.
    item = moderation.submit_text(
        authority_id=young_person.authority_id,
        source="pledge.comment",
        source_id=None,
        text=comment,
        language=language,
        author=young_person,
        audience="council",
    )
    if existing is None:
        db.session.add(PledgeComment(authority_id=young_person.authority_id, round_id=rnd.id, promise_id=promise.id, comment_item_id=item.id))
    else:
        existing.comment_item_id = item.id
    return item


# --- You said, we did -----------------------------------------------------------------------


def save_answer(lineage_id: int, rnd: RatingRound, authority, *, we_will: dict, we_did: dict, by=None, now: datetime | None = None) -> PledgeAnswer:
    now = now or utcnow()
    if rnd.sealed_at is None:
        raise RuleBroken(_l("Answer a round after it has closed and its scores are in."))
    we_will, we_did = _clean(we_will), _clean(we_did)
    default = authority_default(authority)
    if not we_will.get(default) and not we_did.get(default):
        raise RuleBroken(_l("Write what the council will do, in the council's main language."), field="we_will")
    answer = db.session.scalar(select(PledgeAnswer).where(PledgeAnswer.promise_lineage_id == lineage_id, PledgeAnswer.round_id == rnd.id))
    if answer is None:
        answer, _added = add_once(
            PledgeAnswer(authority_id=rnd.authority_id, promise_lineage_id=lineage_id, round_id=rnd.id, author_id=getattr(by, "id", None)),
            lambda: db.session.scalar(select(PledgeAnswer).where(PledgeAnswer.promise_lineage_id == lineage_id, PledgeAnswer.round_id == rnd.id)),
        )
    if we_will != (answer.we_will or {}):
        answer.we_will, answer.we_will_at = we_will, (now if we_will else None)
    if we_did != (answer.we_did or {}):
        answer.we_did, answer.we_did_at = we_did, (now if we_did else None)
    db.session.flush()
    audit.record("pledge.answered", answer, actor=by, lineage=lineage_id, round=rnd.id)
    return answer


@for_council
def answers_by_lineage(authority_id: int, lineage_ids) -> dict[int, list[PledgeAnswer]]:
    """Answers to these promises, newest round first."""
    lineage_ids = [i for i in lineage_ids if i is not None]
    if not lineage_ids:
        return {}
    rows = db.session.scalars(
        select(PledgeAnswer)
        .join(RatingRound, RatingRound.id == PledgeAnswer.round_id)
        .where(PledgeAnswer.promise_lineage_id.in_(lineage_ids))
        .order_by(RatingRound.opens_at.desc())
    )
    result: dict[int, list[PledgeAnswer]] = {}
    for answer in rows:
        result.setdefault(answer.promise_lineage_id, []).append(answer)
    return result


def last_read(young_person) -> datetime | None:
    return db.session.scalar(select(PledgeReader.seen_at).where(PledgeReader.young_person_id == young_person.id))


def new_answers(young_person, version: PledgeVersion | None = None) -> int:
    """How many answers to the young person's promises arrived since they last read the pledge."""
    version = version or current_version_for(young_person)
    if version is None:
        return 0
    seen = last_read(young_person)
    lineages = [p.lineage_id for p in version.promises]
    count = 0
    for answers in answers_by_lineage(young_person.authority_id, lineages).values():
        for answer in answers:
            if answer.updated_at and (seen is None or answer.updated_at > seen):
                count += 1
    return count


def mark_read(young_person, now: datetime | None = None) -> None:
    reader = db.session.scalar(select(PledgeReader).where(PledgeReader.young_person_id == young_person.id))
    if reader is None:
        reader, _added = add_once(PledgeReader(authority_id=young_person.authority_id, young_person_id=young_person.id),
                                  lambda: db.session.scalar(select(PledgeReader).where(PledgeReader.young_person_id == young_person.id)))
    reader.seen_at = now or utcnow()


def rated_lineages(rnd: RatingRound) -> list[int]:
    """The promises (by lineage) that were rated in a round."""
    return list(
        db.session.scalars(
            select(Promise.lineage_id).distinct().join(PledgeRating, PledgeRating.promise_id == Promise.id).where(PledgeRating.round_id == rnd.id)
        )
    )


def delete_round(rnd: RatingRound, by=None, now: datetime | None = None) -> None:
    """Only a round that has not opened may be deleted; it holds no ratings."""
    now = now or utcnow()
    if rnd.opens_at <= now:
        raise RuleBroken(_l("Only a round that has not opened yet can be deleted."))
    db.session.execute(delete(RatingRound).where(RatingRound.id == rnd.id))
    audit.record("pledge.round_deleted", None, actor=by, authority_id=rnd.authority_id, round=rnd.id)


def scorecard_read(rnd: RatingRound | None, action: str) -> None:
    """Who saw or took away the scorecard, and of which round (None: none sealed yet), is logged."""
    audit.record(action, rnd)
