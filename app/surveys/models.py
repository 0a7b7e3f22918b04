"""Surveys as versioned data, waves, one-time codes, anonymous responses and their tallies.

The promise, as the pages put it: nobody can see which answers are yours, not your carer, not your
worker, not the council; and free text you write is never shown beside your other answers. It is
meant to hold against someone holding the whole database, the server's logs and its SECRET_KEY
(tests/privacy/test_surveys.py plays that person). How:

- `SurveyCode` holds only a hash of the code and whether it has been used: no person, no time.
  The code never travels in a URL (the QR link carries it after "#", which browsers do not send),
  so it is not in any server log or browser history.
- `SurveyDraft` holds answers while a survey is in progress. It is found by the hash of the code
  *and* of a random key held only in that browser's session (signed in: of that key alone), so
  the server cannot open it from anything it keeps: not the code's hash, not the young person's
  id, not SECRET_KEY. Another browser given the same code starts a draft of its own and sees
  nothing of the first. `code_ref` (another hash of the code) lets the code's other drafts be
  deleted when one is sent. Drafts say nothing finer than the day they were last touched.
- `SurveyResponse` and `SurveyAnswer` have no code, no person, no language and no time, and random
  ids. They are written in shuffled batches of at least five (`service.flush`), and every flush
  writes all of the wave's responses afresh in a random order, so neither ids, storage order
  (SQLite tables WITHOUT ROWID; PostgreSQL ctid) nor the writing transaction (xmin) says which
  batch, let alone which submission, a response came from.
- Free text leaves no trace in the response at all (not even "an answer was given"): the words go
  to moderation with no author, kept to the day, in an order of their own, and `SurveyQuote` says
  only which wave and question they belong to.
- `SurveyParticipation` says only that a signed-in young person answered a wave (so we stop
  asking): never which response, never when.

What cannot be promised completely, and is said on the pages: if free text suggests a child may
be at risk, a safeguarding lead is told at once, without a name, and knows the hour it was written.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..i18n.content import TranslatedText
from ..models_base import AuthorityOwned, TimestampMixin
from ..privacy.anonymous import NO_ROWID, random_id

FACES = "faces"
SCALE10 = "scale10"
YES_SOMETIMES_NO = "yes_sometimes_no"
SINGLE = "single"
MULTIPLE = "multiple"
TEXT = "text"
KINDS = (FACES, SCALE10, YES_SOMETIMES_NO, SINGLE, MULTIPLE, TEXT)

SKIP = "skip"  # "I'd rather not say": recorded as given, so a skip is counted, not lost




class Survey(AuthorityOwned, TimestampMixin, db.Model):
    """A survey for one audience; its questions live in versions."""

    __table_args__ = (UniqueConstraint("authority_id", "key", name="uq_survey_authority_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80))  # e.g. "heard-8-11", or a copy's own key
    origin: Mapped[str | None] = mapped_column(String(80))  # the shipped survey it comes from
    title: Mapped[dict] = mapped_column(TranslatedText())
    min_age: Mapped[int] = mapped_column(Integer, default=4)
    max_age: Mapped[int] = mapped_column(Integer, default=25)
    care_status: Mapped[str | None] = mapped_column(String(20))  # default for code answers
    age_band: Mapped[str | None] = mapped_column(String(10))  # default band for code answers
    offer_help: Mapped[bool] = mapped_column(Boolean, default=False)  # may be done with an adult
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("survey.id"))

    versions: Mapped[list[SurveyVersion]] = relationship(
        back_populates="survey", order_by="SurveyVersion.number", foreign_keys="SurveyVersion.survey_id"
    )

    @property
    def latest(self) -> SurveyVersion | None:
        return self.versions[-1] if self.versions else None


class SurveyVersion(AuthorityOwned, TimestampMixin, db.Model):
    """A fixed set of sections and questions. Locked once a wave uses it."""

    __table_args__ = (UniqueConstraint("survey_id", "number", name="uq_survey_version_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    intro: Mapped[dict | None] = mapped_column(TranslatedText())
    locked: Mapped[bool] = mapped_column(Boolean, default=False)

    survey: Mapped[Survey] = relationship(back_populates="versions", foreign_keys=[survey_id])
    sections: Mapped[list[SurveySection]] = relationship(
        back_populates="version", order_by="SurveySection.position", cascade="all, delete-orphan"
    )

    @property
    def questions(self) -> list[SurveyQuestion]:
        return [question for section in self.sections for question in section.questions]


class SurveySection(AuthorityOwned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("survey_version.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[dict] = mapped_column(TranslatedText())

    version: Mapped[SurveyVersion] = relationship(back_populates="sections")
    questions: Mapped[list[SurveyQuestion]] = relationship(
        back_populates="section", order_by="SurveyQuestion.position", cascade="all, delete-orphan"
    )


class SurveyQuestion(AuthorityOwned, db.Model):
    """One question. `key` names its meaning: the same key means the same question, in every
    version and every council, so trends and comparisons only ever put like beside like."""

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("survey_section.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("survey_version.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(80), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[dict] = mapped_column(TranslatedText())
    hint: Mapped[dict | None] = mapped_column(TranslatedText())
    # [{"value": "1", "label": {...}, "positive": bool, "band": "12-17"}]; empty for text
    options: Mapped[list] = mapped_column(JSON, default=list)
    # {"question": "<key>", "values": ["1", "2"]}: asked only after one of these answers
    show_if: Mapped[dict | None] = mapped_column(JSON)
    records: Mapped[str | None] = mapped_column(String(20))  # "age_band": the answer sets the band

    section: Mapped[SurveySection] = relationship(back_populates="questions")
    version: Mapped[SurveyVersion] = relationship()

    def option(self, value: str) -> dict | None:
        return next((option for option in self.options if option["value"] == value), None)

    @property
    def values(self) -> list[str]:
        return [option["value"] for option in self.options]


class SurveyWave(AuthorityOwned, TimestampMixin, db.Model):
    """One round of a survey: which version, for whom, and when. (Who set it up is in the audit
    log, not here, so no foreign key leads from a response to any person at all.)"""

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("survey_version.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    min_age: Mapped[int] = mapped_column(Integer)
    max_age: Mapped[int] = mapped_column(Integer)
    care_statuses: Mapped[list] = mapped_column(JSON, default=list)  # in_care / care_leaver
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)

    version: Mapped[SurveyVersion] = relationship()

    def is_open(self, today: date | None = None) -> bool:
        today = today or date.today()
        return self.opens_on <= today <= self.closes_on


class SurveyCode(AuthorityOwned, db.Model):
    """A one-time code: a hash and whether it has been used. Never who had it, never when."""

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_wave.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    used: Mapped[bool] = mapped_column(Boolean, default=False)


class SurveyDraft(AuthorityOwned, db.Model):
    """Answers so far of a survey in progress; deleted once they become a response."""

    __table_args__ = (NO_ROWID,)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, default=random_id, autoincrement=False)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_wave.id"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    code_ref: Mapped[str | None] = mapped_column(String(64), index=True)  # the code's drafts, in any browser
    answers: Mapped[dict] = mapped_column(JSON, default=dict)  # question key -> value or [values]
    position: Mapped[int] = mapped_column(Integer, default=0)
    helped: Mapped[bool | None] = mapped_column(Boolean)
    age_band: Mapped[str | None] = mapped_column(String(10))
    care_status: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str | None] = mapped_column(String(10))
    from_profile: Mapped[bool] = mapped_column(Boolean, default=False)  # signed in: band from profile
    submitted: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    touched_on: Mapped[date | None] = mapped_column(Date, default=date.today, onupdate=date.today)  # for the retention schedule


class SurveyResponse(AuthorityOwned, db.Model):
    """One child's answers to a wave. Nothing here says who, which code, which language, or when."""

    __table_args__ = (NO_ROWID,)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, default=random_id, autoincrement=False)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_wave.id"), index=True)
    age_band: Mapped[str | None] = mapped_column(String(10))
    care_status: Mapped[str | None] = mapped_column(String(20))
    helped: Mapped[bool] = mapped_column(Boolean, default=False)


class SurveyAnswer(AuthorityOwned, db.Model):
    """One answer: an option value, a score or "skip". Free-text questions leave no answer here
    (their words are in moderation, reached through SurveyQuote, never from a response)."""

    __table_args__ = (Index("ix_survey_answer_question_value", "question_id", "value"), NO_ROWID)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, default=random_id, autoincrement=False)
    response_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("survey_response.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_question.id"))
    value: Mapped[str | None] = mapped_column(String(40))


class SurveyQuote(AuthorityOwned, db.Model):
    """Free text given in a wave, held by moderation. Deliberately not tied to the response it came
    with: a quote next to someone's other answers could say who wrote it."""

    __table_args__ = (NO_ROWID,)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, default=random_id, autoincrement=False)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_wave.id"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_question.id"))
    text_item_id: Mapped[int] = mapped_column(Integer, index=True)


class SurveyParticipation(AuthorityOwned, db.Model):
    """That a signed-in young person answered a wave: so we stop asking. Never which response."""

    __table_args__ = (UniqueConstraint("wave_id", "user_id", name="uq_survey_participation_wave_user"), NO_ROWID)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, default=random_id, autoincrement=False)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_wave.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)


class SurveyTally(AuthorityOwned, db.Model):
    """Counts per wave, question, answer, age band and care status, kept as responses arrive, so
    results never scan the answers. question_id 0 counts responses ("@responses") and help given
    ("@helped"); "@answered" is a multiple-choice question's base, "@given" a text answer given."""

    __table_args__ = (
        UniqueConstraint("wave_id", "question_id", "value", "age_band", "care_status", name="uq_survey_tally_cell"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_wave.id"), index=True)
    question_id: Mapped[int] = mapped_column(Integer)
    value: Mapped[str] = mapped_column(String(40))
    age_band: Mapped[str] = mapped_column(String(10), default="")
    care_status: Mapped[str] = mapped_column(String(20), default="")
    count: Mapped[int] = mapped_column(Integer, default=0)
