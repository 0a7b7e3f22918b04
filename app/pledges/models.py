"""A council's pledge (children in care) and charter (care leavers), the rounds in which young
people rate each promise, the ratings, and the council's answers ("you said, we did").

Privacy of ratings: a rating row never holds a young person's id. While its round is open it
holds `rater_key`, an HMAC of the young person's id under a random secret kept on the round, so
the young person (and only code acting for them) can find and change their own rating. When the
round closes (`service.seal_round`), every `rater_key` of the round is set to NULL and the
round's secret is wiped: from then on nothing, not even the database, links a rating to a
person. Rating rows carry no timestamps, so they cannot be matched to sign-in times either.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..i18n.content import TranslatedText
from ..models_base import AuthorityOwned, TimestampMixin, UTCDateTime, utcnow

IN_CARE = "in_care"
CARE_LEAVER = "care_leaver"
AUDIENCES = (IN_CARE, CARE_LEAVER)

DRAFT = "draft"
PUBLISHED = "published"
RETIRED = "retired"

KEPT = "kept"
SOMETIMES = "sometimes"
NOT_KEPT = "not_kept"
DONT_KNOW = "dont_know"
ANSWERS = (KEPT, SOMETIMES, NOT_KEPT, DONT_KNOW)


class Pledge(AuthorityOwned, TimestampMixin, db.Model):
    """One per council and audience: the pledge to children in care, the care leavers' charter."""

    __table_args__ = (UniqueConstraint("authority_id", "audience"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    audience: Mapped[str] = mapped_column(String(20))

    versions: Mapped[list[PledgeVersion]] = relationship(
        back_populates="pledge", order_by="PledgeVersion.number", cascade="all, delete-orphan"
    )

    @property
    def current(self) -> PledgeVersion | None:
        """The version young people read now: the newest published one."""
        published = [v for v in self.versions if v.status == PUBLISHED]
        return published[-1] if published else None

    @property
    def draft(self) -> PledgeVersion | None:
        return next((v for v in self.versions if v.status == DRAFT), None)


class PledgeVersion(AuthorityOwned, TimestampMixin, db.Model):
    """A wording of a pledge. Published versions never change; a new wording is a new version."""

    __table_args__ = (UniqueConstraint("pledge_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledge.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    title: Mapped[dict] = mapped_column(TranslatedText(), default=dict)
    introduction: Mapped[dict] = mapped_column(TranslatedText(), default=dict)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    pledge: Mapped[Pledge] = relationship(back_populates="versions")
    themes: Mapped[list[PledgeTheme]] = relationship(
        back_populates="version", order_by="PledgeTheme.position", cascade="all, delete-orphan"
    )

    @property
    def promises(self) -> list[Promise]:
        return [promise for theme in self.themes for promise in theme.promises]


class PledgeTheme(AuthorityOwned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("pledge_version.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[dict] = mapped_column(TranslatedText(), default=dict)
    # The same theme across versions (the id of its first appearance), for trends.
    lineage_id: Mapped[int | None] = mapped_column(Integer, index=True)

    version: Mapped[PledgeVersion] = relationship(back_populates="themes")
    promises: Mapped[list[Promise]] = relationship(
        back_populates="theme", order_by="Promise.position", cascade="all, delete-orphan"
    )


class Promise(AuthorityOwned, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("pledge_version.id"), index=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("pledge_theme.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[dict] = mapped_column(TranslatedText(), default=dict)
    meaning: Mapped[dict] = mapped_column(TranslatedText(), default=dict)  # "what this means for you"
    # The same promise across versions (the id of its first appearance): trends and answers follow it.
    lineage_id: Mapped[int | None] = mapped_column(Integer, index=True)

    theme: Mapped[PledgeTheme] = relationship(back_populates="promises")
    version: Mapped[PledgeVersion] = relationship()


class RatingRound(AuthorityOwned, TimestampMixin, db.Model):
    """A period in which young people rate the promises (e.g. a quarter). Rounds never overlap."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sealed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Keys young people's ratings while open; wiped when the round is sealed.
    secret: Mapped[str | None] = mapped_column(String(64))
    # How many different young people took part, per audience, counted as the round is sealed.
    participants: Mapped[dict] = mapped_column(JSON, default=dict)

    def is_open(self, now: datetime | None = None) -> bool:
        now = now or utcnow()
        return self.sealed_at is None and self.opens_at <= now < self.closes_at

    def is_closed(self, now: datetime | None = None) -> bool:
        now = now or utcnow()
        return self.sealed_at is not None or now >= self.closes_at


class PledgeRating(AuthorityOwned, db.Model):
    """One answer to one promise in one round. No person id, no timestamps (see module notes)."""

    __table_args__ = (UniqueConstraint("round_id", "promise_id", "rater_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rating_round.id"), index=True)
    promise_id: Mapped[int] = mapped_column(ForeignKey("promise.id"), index=True)
    answer: Mapped[str] = mapped_column(String(12))
    age_band: Mapped[str | None] = mapped_column(String(8))
    rater_key: Mapped[str | None] = mapped_column(String(64), index=True)


class PledgeTally(AuthorityOwned, db.Model):
    """A sealed round's ratings counted once, as the round is sealed: how many gave each answer to
    each promise, per age band. Sealed ratings never change, so the scorecard reads these rows (a
    few hundred a round) instead of counting every rating again on every view."""

    __table_args__ = (UniqueConstraint("round_id", "promise_id", "age_band", "answer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rating_round.id"), index=True)
    promise_id: Mapped[int] = mapped_column(ForeignKey("promise.id"), index=True)
    age_band: Mapped[str | None] = mapped_column(String(8))
    answer: Mapped[str] = mapped_column(String(12))
    count: Mapped[int] = mapped_column(Integer)


class PledgeComment(AuthorityOwned, db.Model):
    """A comment on a promise in a round. The words live in moderation; only approved text shows.

    Kept apart from the rating so that a comment never tells anyone how its writer rated.
    """

    __table_args__ = (UniqueConstraint("round_id", "promise_id", "rater_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rating_round.id"), index=True)
    promise_id: Mapped[int] = mapped_column(ForeignKey("promise.id"), index=True)
    comment_item_id: Mapped[int] = mapped_column(Integer, index=True)
    rater_key: Mapped[str | None] = mapped_column(String(64), index=True)


class PledgeAnswer(AuthorityOwned, TimestampMixin, db.Model):
    """"You said, we did": the council's answer to a promise's scores in a round."""

    __table_args__ = (UniqueConstraint("promise_lineage_id", "round_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    promise_lineage_id: Mapped[int] = mapped_column(Integer, index=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rating_round.id"), index=True)
    we_will: Mapped[dict] = mapped_column(TranslatedText(), default=dict)
    we_will_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    we_did: Mapped[dict] = mapped_column(TranslatedText(), default=dict)
    we_did_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    round: Mapped[RatingRound] = relationship()

    @property
    def updated_at(self) -> datetime | None:
        return max((t for t in (self.we_will_at, self.we_did_at) if t), default=None)


class PledgeReader(AuthorityOwned, db.Model):
    """When a young person last read their pledge, so new answers can be flagged on their home."""

    id: Mapped[int] = mapped_column(primary_key=True)
    young_person_id: Mapped[int] = mapped_column(ForeignKey("user.id"), unique=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
