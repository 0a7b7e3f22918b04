"""Each council's promises and contacts for Heard between reviews, with the defaults councils
start from: a call back within 24 hours, and a manager told when a message waits unread for
2 working days."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import audit
from ..access import COMPLAINTS, YOUNG_PERSON
from ..auth.models import User
from ..errors import RuleBroken
from ..extensions import db
from ..input_bounds import parse_id
from ..once import add_once
from ..tenancy import Authority, for_council
from .models import Team, TeamMember, VoiceSettings

DEFAULT_CALLBACK_HOURS = 24
DEFAULT_UNREAD_DAYS = 2


@for_council
def settings_for(authority_id: int) -> VoiceSettings:
    """The council's settings; made with the defaults the first time they are needed."""
    def find():
        return db.session.scalar(select(VoiceSettings))

    settings = find()
    if settings is None:
        # Two first pages at once both make them: the second finds the first's.
        settings, _added = add_once(VoiceSettings(authority_id=authority_id, callback_hours=DEFAULT_CALLBACK_HOURS, unread_days=DEFAULT_UNREAD_DAYS), find)
    return settings


def save_settings(authority: Authority, by: User, *, callback_hours: int, unread_days: int, advocacy_name: str | None,
                  advocacy_email: str | None, advocacy_phone: str | None, complaints_email: str | None) -> VoiceSettings:
    if not 1 <= callback_hours <= 120:
        raise RuleBroken(_l("Promise a call back within 1 to 120 hours"), field="callback_hours")
    if not 1 <= unread_days <= 20:
        raise RuleBroken(_l("Choose between 1 and 20 working days"), field="unread_days")
    settings = settings_for(authority.id)
    settings.callback_hours = callback_hours
    settings.unread_days = unread_days
    settings.advocacy_name = (advocacy_name or "").strip() or None
    settings.advocacy_email = (advocacy_email or "").strip().lower() or None
    settings.complaints_email = (complaints_email or "").strip().lower() or None
    authority.advocacy_phone = (advocacy_phone or "").strip() or None
    audit.record("voice.settings_changed", settings, actor=by, callback_hours=callback_hours, unread_days=unread_days)
    return settings


@for_council
def complaints_officers(authority_id: int) -> list[User]:
    return list(db.session.scalars(
        select(User).where(User.role == COMPLAINTS, User.active.is_(True)).order_by(User.display_name)
    ))


# --------------------------------------------------------------------------- teams


@for_council
def teams(authority_id: int, *, active_only: bool = True) -> list[Team]:
    stmt = select(Team)
    if active_only:
        stmt = stmt.where(Team.active.is_(True))
    return list(db.session.scalars(stmt.order_by(Team.name)))


@for_council
def save_team(team: Team | None, authority_id: int, by: User, *, name: str, email: str | None, active: bool, member_ids) -> Team:
    name = (name or "").strip()
    if not name:
        raise RuleBroken(_l("Enter the team's name, as young people would say it"), field="name")
    clash = db.session.scalar(select(Team).where(Team.name == name, Team.id != (team.id if team else -1)))
    if clash is not None:
        raise RuleBroken(_l("There is already a team with that name"), field="name")
    created = team is None
    if created:
        team = Team(authority_id=authority_id)
        db.session.add(team)
    team.name = name
    team.email = (email or "").strip().lower() or None
    team.active = bool(active)
    wanted = {parse_id(i) for i in member_ids or []} - {None}
    staff = {u.id for u in db.session.scalars(select(User).where(User.id.in_(wanted), User.role != YOUNG_PERSON))}
    for member in list(team.members):
        if member.user_id not in staff:
            team.members.remove(member)
    have = {m.user_id for m in team.members}
    db.session.flush()  # the team has its id, and those taken off are gone
    for user_id in sorted(staff - have):
        add_once(TeamMember(authority_id=authority_id, team_id=team.id, user_id=user_id),
                 lambda user_id=user_id: db.session.scalar(select(TeamMember).where(TeamMember.team_id == team.id, TeamMember.user_id == user_id)))
    db.session.expire(team, ["members"])
    audit.record("voice.team_created" if created else "voice.team_changed", team, actor=by, members=len(team.members))
    return team


def team_ids_of(user: User) -> set[int]:
    return set(db.session.scalars(select(TeamMember.team_id).where(TeamMember.user_id == user.id)))
