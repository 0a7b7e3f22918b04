"""Accounts for staff and young people, and the one-time codes that let young people in."""
from __future__ import annotations

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..access import ROLE_LABELS, STAFF_ROLES, YOUNG_PERSON
from ..extensions import db
from ..models_base import AuthorityOwned, TimestampMixin, UTCDateTime

IN_CARE = "in_care"
CARE_LEAVER = "care_leaver"
CARE_STATUSES = (IN_CARE, CARE_LEAVER)

AGE_BANDS = ("4-7", "8-11", "12-17", "18-25")


def age_on(date_of_birth: date, today: date) -> int:
    return today.year - date_of_birth.year - ((today.month, today.day) < (date_of_birth.month, date_of_birth.day))


def age_band(date_of_birth: date | None, today: date | None = None) -> str | None:
    """The band a young person's age falls in, or None outside 4 to 25 or if unknown."""
    if date_of_birth is None:
        return None
    age = age_on(date_of_birth, today or date.today())
    for band in AGE_BANDS:
        low, high = (int(x) for x in band.split("-"))
        if low <= age <= high:
            return band
    return None


class User(UserMixin, AuthorityOwned, TimestampMixin, db.Model):
    """Anyone who signs in. Young-person fields are empty for staff, and the reverse."""

    __table_args__ = (UniqueConstraint("authority_id", "reference", name="uq_user_authority_reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(32), index=True)
    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    username: Mapped[str | None] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # When the account was last switched off: the retention schedule removes a leaver's details.
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    preferred_language: Mapped[str | None] = mapped_column(String(10))
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    # Staff
    job_title: Mapped[str | None] = mapped_column(String(120))
    work_phone: Mapped[str | None] = mapped_column(String(40))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    # Who is told when their work waits too long (an unread message, an overdue call-back).
    line_manager_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)

    # Young people
    reference: Mapped[str | None] = mapped_column(String(40))
    # For the people who must act on a safeguarding alert: where they live and how to reach them.
    placement: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    care_status: Mapped[str | None] = mapped_column(String(20))
    iro_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    # Set by the young person or the staff who support them; shown wherever staff read their words.
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    interpreter_language: Mapped[str | None] = mapped_column(String(10))

    iro: Mapped[User | None] = relationship(foreign_keys=[iro_id], remote_side=[id])
    worker: Mapped[User | None] = relationship(foreign_keys=[worker_id], remote_side=[id])
    line_manager: Mapped[User | None] = relationship(foreign_keys=[line_manager_id], remote_side=[id])
    authority = relationship("Authority")

    def get_id(self) -> str:
        # What Flask-Login keeps in the cookie: the random token of the sign-in session this
        # object was loaded or signed in with (app/auth/sessions.py), never the account's id.
        token = getattr(self, "_login_token", None)
        if token is None:
            raise RuntimeError("no sign-in session: start one with app.auth.sessions.start(user)")
        return token

    # One person is one row, whichever sign-in session they came with.
    def __eq__(self, other):
        if isinstance(other, User):
            return self is other or (self.id is not None and self.id == other.id)
        return NotImplemented

    __hash__ = object.__hash__

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_young_person(self) -> bool:
        return self.role == YOUNG_PERSON

    @property
    def has_account(self) -> bool:
        return self.password_hash is not None

    @property
    def role_label(self) -> str:
        return str(ROLE_LABELS.get(self.role, self.role))

    @property
    def age_band(self) -> str | None:
        return age_band(self.date_of_birth)

    @property
    def age(self) -> int | None:
        return age_on(self.date_of_birth, date.today()) if self.date_of_birth else None

    @property
    def adult_services(self) -> bool:
        """Whether help for adults fits them (care leavers and anyone 18 or over)."""
        return self.care_status == CARE_LEAVER or (self.age is not None and self.age >= 18)

    @property
    def childline_age(self) -> bool:
        """Childline is for under-19s: shown unless we know they are 19 or over."""
        return self.age is None or self.age < 19

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


INVITE = "invite"
RESET = "reset"


class AccessCode(AuthorityOwned, TimestampMixin, db.Model):
    """A one-time code: an invite to set up an account, or a password reset from a worker.

    Only a hash is kept, so a leaked database does not hand out working codes.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(10))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class LoginSession(AuthorityOwned, db.Model):
    """One signed-in browser. The cookie holds a random token; only its hash is kept here, so
    the table cannot be used to sign in. A session ends (and every copy of its cookie with it)
    when its row is ended: sign-out, sign-out everywhere, a new password, a reset by staff,
    an account switched off.

    Why here and not in Redis: an ended session must stay ended, through restarts and failovers,
    as durably as the account it belongs to; the check costs nothing extra, as the row is read in
    the same query that loads the signed-in person; and if the database cannot answer, no page
    can be served anyway, so a failure signs nobody in (a cache that lost its keys would either
    sign everyone out or, worse, forget which sessions were ended).

    A young person's times are kept to the day, like their sign-ins (see note_sign_in)."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_reason: Mapped[str | None] = mapped_column(String(30))


class AccountNotice(AuthorityOwned, db.Model):
    """A change that staff made to someone's account (a reset code, a reset authenticator),
    waiting to be shown to that person when they next sign in. Shown once, then deleted: the
    audit log keeps the lasting record. Kept to the day."""

    __tablename__ = "account_notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    on: Mapped[date] = mapped_column(Date)

    by: Mapped[User | None] = relationship(foreign_keys=[by_id])
