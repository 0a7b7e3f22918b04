"""Groups and membership: who belongs to which group of the Children in Care Council.

Facilitators are the council's participation officers. A young person asks to join (if the group
takes requests) or is invited; a facilitator approves a request, the young person accepts an
invitation; a member can leave at any time and a facilitator can end a membership.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from .. import audit
from ..access import PARTICIPATION, YOUNG_PERSON
from ..auth.models import User
from ..errors import RuleBroken
from ..extensions import db
from ..models_base import utcnow
from ..once import add_once
from .models import ACTIVE, DECLINED, INVITED, LEFT, REQUESTED, CouncilGroup, MemberContact, Membership
from ..tenancy import for_council


def is_facilitator(user) -> bool:
    return getattr(user, "role", None) == PARTICIPATION


@for_council
def groups(authority_id: int, *, include_archived: bool = False) -> list[CouncilGroup]:
    stmt = select(CouncilGroup)
    if not include_archived:
        stmt = stmt.where(CouncilGroup.archived_at.is_(None))
    return sorted(db.session.scalars(stmt).all(), key=lambda g: (g.name or {}).get("en", "").lower())


def save_group(group: CouncilGroup | None, *, authority_id: int, name: dict, description: dict, kind: str,
               open_to_requests: bool, by: User) -> CouncilGroup:
    if not (name or {}).get("en", "").strip():
        raise RuleBroken(_l("Enter the group's name in English"), "name_en")
    if group is None:
        group = CouncilGroup(authority_id=authority_id)
        db.session.add(group)
    group.name, group.description, group.kind, group.open_to_requests = name, description, kind, open_to_requests
    db.session.flush()
    audit.record("council.group_saved", group, actor=by)
    return group


def membership(group: CouncilGroup, user: User) -> Membership | None:
    return db.session.scalar(select(Membership).where(Membership.group_id == group.id, Membership.user_id == user.id))


def is_member(group: CouncilGroup, user: User) -> bool:
    found = membership(group, user)
    return found is not None and found.state == ACTIVE


def member_group_ids(user: User) -> set[int]:
    stmt = select(Membership.group_id).where(Membership.user_id == user.id, Membership.state == ACTIVE)
    return set(db.session.scalars(stmt).all())


def memberships_of(user: User) -> list[Membership]:
    stmt = select(Membership).where(Membership.user_id == user.id).order_by(Membership.changed_at.desc())
    return list(db.session.scalars(stmt).all())


def members(group: CouncilGroup, state: str = ACTIVE) -> list[Membership]:
    stmt = select(Membership).join(User, User.id == Membership.user_id).where(
        Membership.group_id == group.id, Membership.state == state
    ).order_by(User.display_name)
    return list(db.session.scalars(stmt).all())


@for_council
def member_counts(authority_id: int) -> dict[tuple[int, str], int]:
    """How many memberships each of the council's groups has in each state, keyed (group id,
    state): one query for the whole list of groups."""
    stmt = (
        select(Membership.group_id, Membership.state, func.count())
        .join(User, User.id == Membership.user_id)
        .group_by(Membership.group_id, Membership.state)
    )
    return {(group_id, state): n for group_id, state, n in db.session.execute(stmt)}


def _move(group: CouncilGroup, user: User, state: str, by: User) -> Membership:
    found = membership(group, user)
    now = utcnow()
    if found is None:
        found, added = add_once(Membership(authority_id=group.authority_id, group_id=group.id, user_id=user.id, state=state),
                                lambda: membership(group, user))
        if not added and found.state == state:
            return found  # the same request, a moment earlier, did this
    found.state, found.changed_at, found.changed_by_id = state, now, by.id
    if state == ACTIVE:
        found.joined_at = now
    db.session.flush()
    audit.record(f"council.membership_{state}", found, actor=by, group_id=group.id, user_id=user.id)
    return found


def _check_young_person(group: CouncilGroup, user: User) -> None:
    if user.role != YOUNG_PERSON or user.authority_id != group.authority_id or not user.active:
        raise RuleBroken(_l("Only young people of this council can be members"))
    if group.archived_at is not None:
        raise RuleBroken(_l("This group has closed"))


def request_to_join(group: CouncilGroup, user: User) -> Membership:
    """A young person asks to join. An outstanding invitation is simply accepted."""
    _check_young_person(group, user)
    found = membership(group, user)
    state = found.state if found else None
    if state == ACTIVE:
        raise RuleBroken(_l("You are already a member of this group"))
    if state == REQUESTED:
        return found
    if state == INVITED:
        return _move(group, user, ACTIVE, user)
    if not group.open_to_requests:
        raise RuleBroken(_l("This group is by invitation. Ask your participation officer."))
    return _move(group, user, REQUESTED, user)


def invite(group: CouncilGroup, user: User, by: User) -> Membership:
    """A facilitator invites a young person. A request they already made is approved instead."""
    _check_young_person(group, user)
    found = membership(group, user)
    state = found.state if found else None
    if state == ACTIVE:
        raise RuleBroken(_l("%(name)s is already a member", name=user.display_name))
    if state == REQUESTED:
        return _move(group, user, ACTIVE, by)
    if state == INVITED:
        return found
    return _move(group, user, INVITED, by)


def answer_invitation(group: CouncilGroup, user: User, accept: bool) -> Membership:
    found = membership(group, user)
    if found is None or found.state != INVITED:
        raise RuleBroken(_l("There is no invitation to answer"))
    if accept:
        _check_young_person(group, user)
    return _move(group, user, ACTIVE if accept else DECLINED, user)


def decide_request(found: Membership, approve: bool, by: User) -> Membership:
    if found.state != REQUESTED:
        raise RuleBroken(_l("This request has already been decided"))
    if approve:
        _check_young_person(found.group, found.user)
    return _move(found.group, found.user, ACTIVE if approve else DECLINED, by)


def leave(group: CouncilGroup, user: User) -> Membership:
    """A member leaves (or withdraws a request) at any time, no questions asked."""
    found = membership(group, user)
    if found is None or found.state not in (ACTIVE, REQUESTED, INVITED):
        raise RuleBroken(_l("You are not a member of this group"))
    return _move(group, user, LEFT, user)


def end_membership(found: Membership, by: User) -> Membership:
    if found.state not in (ACTIVE, INVITED):
        raise RuleBroken(_l("This person is not a member"))
    return _move(found.group, found.user, LEFT, by)


@for_council(of="group")
def invitable_young_people(group: CouncilGroup) -> list[User]:
    taken = select(Membership.user_id).where(Membership.group_id == group.id, Membership.state.in_((ACTIVE, INVITED)))
    stmt = select(User).where(
        User.role == YOUNG_PERSON, User.active.is_(True), User.id.not_in(taken)
    ).order_by(User.display_name)
    return list(db.session.scalars(stmt).all())


# Contact email for reminders: optional, given by the young person, removable at any time.
def contact_email(user: User) -> str | None:
    found = db.session.scalar(select(MemberContact).where(MemberContact.user_id == user.id))
    return found.email if found else None


def set_contact_email(user: User, email: str | None) -> None:
    found = db.session.scalar(select(MemberContact).where(MemberContact.user_id == user.id))
    email = (email or "").strip().lower() or None
    if email is None:
        if found is not None:
            db.session.delete(found)
    elif found is None:
        found, _added = add_once(MemberContact(authority_id=user.authority_id, user_id=user.id, email=email),
                                 lambda: db.session.scalar(select(MemberContact).where(MemberContact.user_id == user.id)))
        found.email = email
    else:
        found.email = email
    db.session.flush()
    audit.record("council.contact_email_" + ("removed" if email is None else "set"), user, actor=user)
