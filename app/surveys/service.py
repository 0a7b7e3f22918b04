"""Running surveys: waves, codes, answering, and turning finished answers into anonymous responses.

Unlinkability, step by step (the promise and the schema side are in models.py):
1. A child starts with a code (or, signed in, from their home). Their answers so far live in a
   `SurveyDraft` found by a hash of the code and a random key held only in their browser's
   session (signed in: of that key alone). The server keeps neither the code nor the key, so it
   cannot open the draft by itself, and another browser given the same code starts afresh.
2. Submitting marks the code used (or records that the signed-in person took part) and marks the
   draft submitted, in one transaction; the code's drafts in other browsers are deleted. Nothing
   of the answers is written then.
3. `flush` runs after every submission (and from `heard surveys-settle`). Once at least MIX_BATCH
   drafts of a wave are waiting (or the wave has closed), it shuffles them, writes each as a
   response with a random id and no time, hands free text to moderation with no author in an
   order of its own, updates the tallies, deletes the drafts, and then writes every response,
   answer, quote and participation of the wave afresh in a random order, all in one transaction.
   So neither the order, the transaction nor the ids of any row say which submission (or even
   which batch) it came from.
"""
from __future__ import annotations

from functools import cache

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import joinedload

from .. import audit
from ..auth.models import User, age_on
from ..errors import RuleBroken
from ..extensions import db
from ..once import add_once
from ..tenancy import acting_for, for_council
from . import codes as code_rules
from .models import (
    MULTIPLE,
    SKIP,
    TEXT,
    SurveyAnswer,
    SurveyCode,
    SurveyDraft,
    SurveyParticipation,
    SurveyQuestion,
    SurveyQuote,
    SurveyResponse,
    SurveyTally,
    SurveyVersion,
    SurveyWave,
)
from ..privacy.anonymous import random_id, rewrite_shuffled, shuffled

MIX_BATCH = 5
MIX_WITH = 200  # earlier responses written afresh with each batch (every one, in most waves)
MAX_CODES = 500
ALL = {"all_authorities": True}

# Special tally values (option values never start with "@").
RESPONSES = "@responses"
HELPED = "@helped"
ANSWERED = "@answered"  # multiple choice: how many answered at all (the base)
GIVEN = "@given"  # free text: how many wrote something


# What a young person is told when a code or a survey cannot be used, by the rule's `reason`.
REFUSALS = {
    "missing": _l("Enter the code from your card"),
    "unknown": _l("We could not find that code. Check it and try again, or ask the person who gave it to you."),
    "used": _l("This code has already been used to send answers. Thank you! Each code can be used once."),
    "not_open": _l("This survey has not opened yet. Try again on the day it opens."),
    "closed": _l("This survey has closed. Thank you for wanting to take part."),
    "done": _l("You have already answered this survey. Thank you!"),
    "invalid": _l("Choose one of the answers, or “I’d rather not say”"),
}


def _refuse(reason: str, field: str | None = "code") -> RuleBroken:
    return RuleBroken(REFUSALS.get(reason, REFUSALS["unknown"]), field, reason=reason)


# --- waves ---------------------------------------------------------------------------------


def create_wave(*, authority_id: int, version: SurveyVersion, title: str, opens_on: date, closes_on: date,
                care_statuses: list[str], min_age: int | None = None, max_age: int | None = None, by=None) -> SurveyWave:
    if closes_on < opens_on:
        raise RuleBroken(_l("The closing date must be on or after the opening date"), "closes_on", reason="closes_on")
    if not care_statuses:
        raise RuleBroken(_l("Choose who the wave is for"), "care_statuses", reason="care_statuses")
    survey = version.survey
    wave = SurveyWave(
        authority_id=authority_id,
        version=version,
        title=title.strip(),
        min_age=min_age if min_age is not None else survey.min_age,
        max_age=max_age if max_age is not None else survey.max_age,
        care_statuses=list(care_statuses),
        opens_on=opens_on,
        closes_on=closes_on,
    )
    version.locked = True  # from now on its questions mean what they say
    db.session.add(wave)
    db.session.flush()
    audit.record("survey.wave_created", wave, authority_id=authority_id, actor=by, title=wave.title)
    return wave


def issue_codes(wave: SurveyWave, count: int, by=None) -> list[str]:
    """New one-time codes for a wave. Returned once, to print; only their hashes are kept."""
    if not 1 <= count <= MAX_CODES:
        raise RuleBroken(_l("Make between 1 and 500 codes at a time"), "count", reason="count")
    made: list[str] = []
    while len(made) < count:
        code = code_rules.new_code()
        if code not in made:
            made.append(code)
    db.session.execute(
        insert(SurveyCode),
        [{"authority_id": wave.authority_id, "wave_id": wave.id, "code_hash": code_rules.code_hash(c), "used": False} for c in made],
    )
    audit.record("survey.codes_issued", wave, actor=by, count=count)
    return made


def code_counts(wave: SurveyWave) -> tuple[int, int]:
    """(issued, used)."""
    issued, used = db.session.execute(
        select(func.count(SurveyCode.id), func.coalesce(func.sum(func.cast(SurveyCode.used, db.Integer)), 0)).where(SurveyCode.wave_id == wave.id)
    ).one()
    return int(issued), int(used)


def participation_count(wave: SurveyWave) -> int:
    return db.session.scalar(select(func.count()).select_from(SurveyParticipation).where(SurveyParticipation.wave_id == wave.id)) or 0


def is_eligible(person: User, wave: SurveyWave, today: date | None = None) -> bool:
    today = today or date.today()
    if person.authority_id != wave.authority_id or not person.is_young_person or person.date_of_birth is None:
        return False
    age = age_on(person.date_of_birth, today)
    return wave.is_open(today) and wave.min_age <= age <= wave.max_age and person.care_status in (wave.care_statuses or [])


def has_taken_part(person: User, wave: SurveyWave) -> bool:
    return bool(db.session.scalar(select(func.count()).select_from(SurveyParticipation).where(SurveyParticipation.wave_id == wave.id, SurveyParticipation.user_id == person.id)))


@cache
def _open_waves_statement():
    # Built once: it runs on every young person's home.
    taken_part = select(SurveyParticipation.id).where(SurveyParticipation.wave_id == SurveyWave.id, SurveyParticipation.user_id == bindparam("me"))
    return (
        select(SurveyWave)
        .options(joinedload(SurveyWave.version).joinedload(SurveyVersion.survey))
        .where(SurveyWave.opens_on <= bindparam("today"), SurveyWave.closes_on >= bindparam("today"), ~taken_part.exists())
        .order_by(SurveyWave.closes_on, SurveyWave.id)
    )


@for_council(of="person")
def open_waves_for(person: User, today: date | None = None) -> list[SurveyWave]:
    """Open waves the person may answer and has not, with their survey's title (one query)."""
    today = today or date.today()
    waves = db.session.scalars(_open_waves_statement(), {"me": person.id, "today": today}).all()
    return [w for w in waves if is_eligible(person, w, today)]


# --- starting and resuming -------------------------------------------------------------------


@dataclass
class Session:
    """Where a child is in a survey. Holds no identity: the draft is found by its key."""

    wave: SurveyWave
    draft: SurveyDraft

    @property
    def version(self) -> SurveyVersion:
        return self.wave.version


def _draft(key_hash: str) -> SurveyDraft | None:
    return db.session.execute(select(SurveyDraft).where(SurveyDraft.key_hash == key_hash), execution_options=ALL).scalar_one_or_none()


def _wave(wave_id: int) -> SurveyWave | None:
    return db.session.execute(select(SurveyWave).where(SurveyWave.id == wave_id), execution_options=ALL).scalar_one_or_none()


def start_with_code(raw_code: str, *, browser_key: str, language: str | None = None, today: date | None = None) -> tuple[str, Session]:
    """Check a code and open (or reopen) this browser's draft of it. Returns the normalised code
    and the session. `browser_key` is this browser's random key: another browser gets a draft of
    its own."""
    code = code_rules.normalise(raw_code)
    if not code:
        raise _refuse("missing")
    if not code_rules.is_well_formed(code):
        raise _refuse("unknown")
    row = db.session.execute(select(SurveyCode).where(SurveyCode.code_hash == code_rules.code_hash(code)), execution_options=ALL).scalar_one_or_none()
    if row is None:
        raise _refuse("unknown")
    if row.used:
        raise _refuse("used")
    wave = _wave(row.wave_id)
    with acting_for(wave.authority_id):  # the code says which council's survey this is
        return code, _open_draft(wave, code, browser_key, language, today or date.today())


def _open_draft(wave: SurveyWave, code: str, browser_key: str, language: str | None, today: date) -> Session:
    if today < wave.opens_on:
        raise _refuse("not_open")
    if today > wave.closes_on:
        raise _refuse("closed")
    key = code_rules.draft_key_for_code(code, browser_key)
    draft = _draft(key)
    if draft is None:
        survey = wave.version.survey
        # Where the survey asks their age, the band is unknown until they say.
        asks_age = any(q.records == "age_band" for q in wave.version.questions)
        draft, _added = add_once(
            SurveyDraft(authority_id=wave.authority_id, wave_id=wave.id, key_hash=key, code_ref=code_rules.code_ref(code), answers={},
                        age_band=None if asks_age else survey.age_band, care_status=survey.care_status, language=language),
            lambda: _draft(key),
        )
    elif draft.submitted:
        raise _refuse("used")
    return Session(wave, draft)


def start_signed_in(person: User, wave: SurveyWave, *, device_key: str, today: date | None = None) -> Session:
    """Open (or reopen) a signed-in young person's draft, found by `device_key`: a random key
    their browser holds for this wave. Without it (another browser, or after signing out) they
    start again, and the earlier draft is deleted when the wave closes."""
    if not is_eligible(person, wave, today):
        raise _refuse("not_for_you")
    if has_taken_part(person, wave):
        raise _refuse("done")
    key = code_rules.draft_key_for_person(device_key, wave.id)
    draft = _draft(key)
    if draft is None:
        draft, _added = add_once(
            SurveyDraft(authority_id=wave.authority_id, wave_id=wave.id, key_hash=key, answers={}, age_band=person.age_band,
                        care_status=person.care_status, language=person.preferred_language, from_profile=True),
            lambda: _draft(key),  # the same browser, a moment earlier
        )
    return Session(wave, draft)


def code_draft_key(code: str, browser_key: str) -> str:
    return code_rules.draft_key_for_code(code, browser_key)


def person_draft_key(device_key: str, wave_id: int) -> str:
    return code_rules.draft_key_for_person(device_key, wave_id)


def resume(key_hash: str | None) -> Session | None:
    """The survey in progress whose draft has this key (made by `code_draft_key` or
    `person_draft_key` from what the browser holds), if it is still open and not yet sent."""
    if not key_hash:
        return None
    draft = _draft(key_hash)
    if draft is None or draft.submitted:
        return None
    wave = _wave(draft.wave_id)
    if wave is None or not wave.is_open():
        return None
    return Session(wave, draft)


# --- answering ---------------------------------------------------------------------------------


def is_shown(question: SurveyQuestion, answers: dict) -> bool:
    condition = question.show_if
    if not condition:
        return True
    given = answers.get(condition["question"])
    given = given if isinstance(given, list) else [given]
    return any(value in condition["values"] for value in given)


def visible_questions(version: SurveyVersion, answers: dict) -> list[SurveyQuestion]:
    return [q for q in version.questions if is_shown(q, answers)]


def clean_answer(question: SurveyQuestion, raw: list[str], text: str | None = None):
    """What was given, checked against the question: a value, a list of values, text, or SKIP.

    Nothing chosen counts as "I'd rather not say": every question can be passed by."""
    raw = [value for value in raw if value]
    if SKIP in raw:
        return SKIP
    if question.kind == TEXT:
        text = (text or "").strip()
        return text[:2000] if text else SKIP
    allowed = set(question.values)
    chosen = [value for value in raw if value in allowed]
    if len(chosen) != len(raw):
        raise _refuse("invalid", "answer")
    if not chosen:
        return SKIP
    if question.kind == MULTIPLE:
        return [v for v in question.values if v in chosen]
    if len(chosen) > 1:
        raise _refuse("invalid", "answer")
    return chosen[0]


def record_answer(session: Session, question: SurveyQuestion, value):
    """Record one answer. Returns the safeguarding alert its words raised, if they suggest risk
    (anonymous: the council, the wave, the language and the words only), else None."""
    draft = session.draft
    if draft.submitted:
        raise _refuse("used")
    answers = dict(draft.answers or {})
    alert = None
    if question.kind == TEXT and value != SKIP and value != answers.get(question.key):
        # A child at risk must reach a person now, not when the batch is written.
        alert = _moderation().alert_if_risky(
            authority_id=draft.authority_id, text=value, language=draft.language or "en", source="survey.answer",
            source_id=session.wave.id,
        )
    answers[question.key] = value
    draft.answers = answers
    if question.records == "age_band":
        option = question.option(value) if isinstance(value, str) else None
        if not draft.from_profile:  # a signed-in young person's band comes from their profile
            draft.age_band = option.get("band") if option else None
    return alert


def record_help(session: Session, helped: bool) -> None:
    session.draft.helped = helped


@dataclass(frozen=True)
class Progress:
    number: int  # of the questions everyone is asked, this one or the one it follows up
    total: int  # questions everyone is asked: follow-ups that open on an answer never change it
    follow_up: bool

    @property
    def done(self) -> float:
        """How far along the bar is: a follow-up sits half way past the question it follows."""
        return self.number - (0.5 if self.follow_up else 1)


def progress(version: SurveyVersion, question: SurveyQuestion) -> Progress:
    """Where a question is in the survey, in a count that does not jump as follow-ups open
    ("Question 5 of 18" straight after "4 of 17" reads as going backwards)."""
    number = 0
    for asked in version.questions:
        if not asked.show_if:
            number += 1
        if asked.id == question.id:
            break
    total = sum(1 for asked in version.questions if not asked.show_if)
    return Progress(max(number, 1), total, bool(question.show_if))


def submit(session: Session, *, code: str | None = None, person: User | None = None) -> bool:
    """Finish: mark the code used (or the person as having taken part) and the draft submitted.

    Returns False if it was already submitted (a second tap), True otherwise. The caller
    commits, then calls `flush` (a separate transaction)."""
    draft = session.draft
    if draft.submitted:
        return False
    if code is not None:
        result = db.session.execute(
            update(SurveyCode).where(SurveyCode.code_hash == code_rules.code_hash(code), SurveyCode.used.is_(False)).values(used=True),
            execution_options={"synchronize_session": False},
        )
        if result.rowcount != 1:
            raise _refuse("used")
        # The code's drafts in other browsers: never to be sent, so gone now.
        db.session.execute(
            delete(SurveyDraft).where(SurveyDraft.code_ref == code_rules.code_ref(code), SurveyDraft.id != draft.id),
            execution_options={"synchronize_session": False},
        )
    elif person is not None:
        if has_taken_part(person, session.wave):
            raise _refuse("done")
        _row, added = add_once(SurveyParticipation(authority_id=session.wave.authority_id, wave_id=session.wave.id, user_id=person.id),
                               lambda: True if has_taken_part(person, session.wave) else None)
        if not added:
            return False  # sent a moment ago, by a second tap or another browser: already done
    else:
        raise RuleBroken(REFUSALS["missing"], "code", reason="no_code")
    draft.submitted = True
    return True


# --- turning drafts into responses --------------------------------------------------------------


def _moderation():
    from ..moderation import service as moderation  # the moderation package owns free text

    return moderation


def _tally_add(tallies: Counter, wave_id: int, question_id: int, value: str, band: str, status: str, n: int = 1) -> None:
    tallies[(question_id, value, band, status)] += n


def write_tallies(wave_id: int, authority_id: int, tallies: Counter) -> None:
    """Add counts to the wave's tallies: update where the cell exists, insert where it does not."""
    for (question_id, value, band, status), n in tallies.items():
        result = db.session.execute(
            update(SurveyTally)
            .where(
                SurveyTally.wave_id == wave_id,
                SurveyTally.question_id == question_id,
                SurveyTally.value == value,
                SurveyTally.age_band == band,
                SurveyTally.care_status == status,
            )
            .values(count=SurveyTally.count + n),
            execution_options={"synchronize_session": False},
        )
        if result.rowcount == 0:
            db.session.execute(
                insert(SurveyTally).values(
                    authority_id=authority_id, wave_id=wave_id, question_id=question_id, value=value, age_band=band, care_status=status, count=n
                )
            )


def flush(wave: SurveyWave, *, force: bool = False, rng: random.Random | None = None) -> int:
    """Write the submitted drafts of a wave as responses, in a shuffled batch, then write the
    whole wave afresh in a random order. Returns how many drafts were written.

    Waits for MIX_BATCH submissions unless forced (a closed wave flushes whatever is left)."""
    waiting = pending_count(wave)
    if not waiting or (waiting < MIX_BATCH and not force):
        return 0
    # Take the wave's row lock, then look again, so two flushes never take the same drafts.
    db.session.execute(update(SurveyWave).where(SurveyWave.id == wave.id).values(title=SurveyWave.title), execution_options={"synchronize_session": False})
    drafts = db.session.execute(
        select(SurveyDraft).where(SurveyDraft.wave_id == wave.id, SurveyDraft.submitted.is_(True)), execution_options=ALL
    ).scalars().all()
    if not drafts or (len(drafts) < MIX_BATCH and not force):
        return 0
    rng = rng or random.SystemRandom()
    drafts = shuffled(drafts, rng)
    questions = wave.version.questions
    tallies: Counter = Counter()
    response_rows, answer_rows, texts = [], [], []
    for draft in drafts:
        answers = draft.answers or {}
        response_id = random_id()
        response_rows.append({"id": response_id, "authority_id": wave.authority_id, "wave_id": wave.id, "age_band": draft.age_band,
                              "care_status": draft.care_status, "helped": bool(draft.helped)})
        band, status = draft.age_band or "", draft.care_status or ""
        _tally_add(tallies, wave.id, 0, RESPONSES, band, status)
        if draft.helped:
            _tally_add(tallies, wave.id, 0, HELPED, band, status)
        for question in questions:
            if question.key not in answers or not is_shown(question, answers):
                continue
            value = answers[question.key]
            if question.kind == TEXT:
                # Nothing in the response says whether, or what, they wrote: a response that
                # alone wrote something for a question could otherwise be paired with its words.
                if value != SKIP:
                    texts.append((question.id, value, draft.language or "en"))
                _tally_add(tallies, wave.id, question.id, GIVEN if value != SKIP else SKIP, band, status)
                continue
            values = value if isinstance(value, list) else [value]
            for v in values:
                answer_rows.append({"id": random_id(), "authority_id": wave.authority_id, "response_id": response_id, "question_id": question.id, "value": v})
                _tally_add(tallies, wave.id, question.id, v, band, status)
            if question.kind == MULTIPLE and value != SKIP:
                _tally_add(tallies, wave.id, question.id, ANSWERED, band, status)
    db.session.execute(insert(SurveyResponse), shuffled(response_rows, rng))
    if answer_rows:
        db.session.execute(insert(SurveyAnswer), shuffled(answer_rows, rng))
    # Free text goes to moderation in an order of its own, with no author and no time of day.
    quote_rows = []
    for question_id, words, language in shuffled(texts, rng):
        item = _moderation().submit_text(
            authority_id=wave.authority_id, source="survey.answer", source_id=None, text=words,
            language=language, author=None, audience="report", alert=False,
        )
        quote_rows.append({"id": random_id(), "authority_id": wave.authority_id, "wave_id": wave.id, "question_id": question_id, "text_item_id": item.id})
    if quote_rows:
        db.session.execute(insert(SurveyQuote), shuffled(quote_rows, rng))
    write_tallies(wave.id, wave.authority_id, tallies)
    db.session.execute(delete(SurveyDraft).where(SurveyDraft.id.in_([d.id for d in drafts])), execution_options={"synchronize_session": False})
    for draft in drafts:
        db.session.expunge(draft)
    mix(wave, with_ids=[row["id"] for row in response_rows], rng=rng)
    return len(drafts)


def mix(wave: SurveyWave, *, with_ids: list[int] | None = None, rng: random.Random | None = None) -> None:
    """Write responses of the wave (with their answers), and all its quotes and participations,
    afresh in a random order with new ids, in the caller's transaction: afterwards no row's place
    in the file or writing transaction says which batch it came in.

    `with_ids`: the responses just written, which are mixed with up to MIX_WITH earlier ones
    chosen at random (every response, in a wave of the size councils run); None mixes them all."""
    responses = SurveyResponse.__table__
    chosen = responses.c.wave_id == wave.id
    if with_ids is not None:
        earlier = db.session.scalars(
            select(responses.c.id).where(chosen, responses.c.id.not_in(with_ids)).order_by(func.random()).limit(MIX_WITH)
        ).all()
        chosen = responses.c.id.in_(list(with_ids) + list(earlier))
    rewrite_shuffled(responses, chosen, children=((SurveyAnswer.__table__, "response_id"),), rng=rng)
    rewrite_shuffled(SurveyQuote.__table__, SurveyQuote.__table__.c.wave_id == wave.id, rng=rng)
    rewrite_shuffled(SurveyParticipation.__table__, SurveyParticipation.__table__.c.wave_id == wave.id, rng=rng)


def close_out(wave: SurveyWave, today: date | None = None) -> int:
    """After a wave closes: write what was submitted, and drop drafts that were never finished.
    Returns how many drafts it dealt with (0: nothing to commit)."""
    today = today or date.today()
    if today <= wave.closes_on:
        return 0
    written = flush(wave, force=True)
    dropped = db.session.execute(delete(SurveyDraft).where(SurveyDraft.wave_id == wave.id), execution_options={"synchronize_session": False})
    if written:
        mix(wave)  # once more, all of it, now that no more will come
    return written + (dropped.rowcount or 0)


def pending_count(wave: SurveyWave) -> int:
    return db.session.scalar(select(func.count()).select_from(SurveyDraft).where(SurveyDraft.wave_id == wave.id, SurveyDraft.submitted.is_(True))) or 0


def rebuild_tallies(wave: SurveyWave) -> None:
    """Recount a wave's tallies from its answers (after a bulk load, or to check them). Free-text
    questions leave no answers, so their counts (written as each batch is) are kept as they are."""
    text_ids = [q.id for q in wave.version.questions if q.kind == TEXT]
    db.session.execute(
        delete(SurveyTally).where(SurveyTally.wave_id == wave.id, SurveyTally.question_id.not_in(text_ids or [-1])),
        execution_options={"synchronize_session": False},
    )
    band = func.coalesce(SurveyResponse.age_band, "")
    status = func.coalesce(SurveyResponse.care_status, "")
    per_answer = (
        select(SurveyAnswer.question_id, SurveyAnswer.value, band.label("age_band"), status.label("care_status"), func.count().label("n"))
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(SurveyResponse.wave_id == wave.id)
        .group_by(SurveyAnswer.question_id, SurveyAnswer.value, band, status)
    )
    tallies: Counter = Counter()
    for question_id, value, b, s, n in db.session.execute(per_answer, execution_options=ALL):
        tallies[(question_id, value, b, s)] += n
    multiple = [q.id for q in wave.version.questions if q.kind == MULTIPLE]
    if multiple:
        answered = (
            select(SurveyAnswer.question_id, band, status, func.count(func.distinct(SurveyAnswer.response_id)))
            .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
            .where(SurveyResponse.wave_id == wave.id, SurveyAnswer.question_id.in_(multiple), SurveyAnswer.value != SKIP)
            .group_by(SurveyAnswer.question_id, band, status)
        )
        for question_id, b, s, n in db.session.execute(answered, execution_options=ALL):
            tallies[(question_id, ANSWERED, b, s)] += n
    per_response = (
        select(band, status, func.count(), func.sum(func.cast(SurveyResponse.helped, db.Integer)))
        .where(SurveyResponse.wave_id == wave.id)
        .group_by(band, status)
    )
    for b, s, n, helped in db.session.execute(per_response, execution_options=ALL):
        tallies[(0, RESPONSES, b, s)] += n
        if helped:
            tallies[(0, HELPED, b, s)] += int(helped)
    rows = [
        {"authority_id": wave.authority_id, "wave_id": wave.id, "question_id": q, "value": v, "age_band": b, "care_status": s, "count": n}
        for (q, v, b, s), n in tallies.items()
    ]
    if rows:
        db.session.execute(insert(SurveyTally), rows)


def waves_newest_first() -> list[SurveyWave]:
    """The council's survey waves, the newest first."""
    return list(db.session.scalars(select(SurveyWave).order_by(SurveyWave.opens_on.desc(), SurveyWave.id.desc())))
