"""Joining, invitations, approval and leaving."""
import pytest

from app.council import service
from app.council.models import ACTIVE, DECLINED, INVITED, LEFT, REQUESTED
from app.errors import RuleBroken
from app.extensions import db

from .. import factories


def test_young_person_asks_to_join_and_a_facilitator_approves(cicc):
    found = service.request_to_join(cicc.group, cicc.outsider)
    assert found.state == REQUESTED
    assert not service.is_member(cicc.group, cicc.outsider)
    service.decide_request(found, True, cicc.officer)
    assert service.is_member(cicc.group, cicc.outsider)


def test_a_declined_request_does_not_make_a_member(cicc):
    found = service.request_to_join(cicc.group, cicc.outsider)
    service.decide_request(found, False, cicc.officer)
    assert found.state == DECLINED
    assert not service.is_member(cicc.group, cicc.outsider)
    with pytest.raises(RuleBroken):
        service.decide_request(found, True, cicc.officer)  # already decided


def test_invitation_only_group_refuses_requests_but_invitations_work(cicc):
    closed = factories.council_group(cicc.authority, open_to_requests=False)
    with pytest.raises(RuleBroken):
        service.request_to_join(closed, cicc.outsider)
    assert service.invite(closed, cicc.outsider, cicc.officer).state == INVITED
    assert not service.is_member(closed, cicc.outsider)  # not until they accept
    service.answer_invitation(closed, cicc.outsider, accept=True)
    assert service.is_member(closed, cicc.outsider)


def test_asking_to_join_with_an_invitation_accepts_it(cicc):
    service.invite(cicc.group, cicc.outsider, cicc.officer)
    assert service.request_to_join(cicc.group, cicc.outsider).state == ACTIVE


def test_inviting_someone_who_asked_approves_them(cicc):
    service.request_to_join(cicc.group, cicc.outsider)
    assert service.invite(cicc.group, cicc.outsider, cicc.officer).state == ACTIVE


def test_a_member_can_leave_at_any_time_and_ask_again(cicc):
    member = cicc.members[0]
    assert service.leave(cicc.group, member).state == LEFT
    assert not service.is_member(cicc.group, member)
    assert service.request_to_join(cicc.group, member).state == REQUESTED


def test_only_young_people_of_the_same_council_can_be_members(cicc):
    other_council = factories.authority()
    stranger = factories.young_person(other_council)
    with pytest.raises(RuleBroken):
        service.invite(cicc.group, stranger, cicc.officer)
    with pytest.raises(RuleBroken):
        service.invite(cicc.group, cicc.officer, cicc.officer)


def test_membership_is_one_row_per_person_per_group(cicc):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        factories.council_member(cicc.group, cicc.members[0])
    db.session.rollback()


def test_join_and_leave_through_the_pages(cicc, sign_in):
    client = sign_in(cicc.outsider)
    assert client.post(f"/council/groups/{cicc.group.id}/join").status_code == 302
    found = service.membership(cicc.group, cicc.outsider)
    assert found.state == REQUESTED
    officer = sign_in(cicc.officer)
    page = officer.get(f"/council/manage/groups/{cicc.group.id}").get_data(as_text=True)
    assert "Lily" in page and "Asking to join" in page
    officer.post(f"/council/manage/memberships/{found.id}", data={"action": "approve"})
    assert service.is_member(cicc.group, cicc.outsider)
    page = client.get(f"/council/groups/{cicc.group.id}").get_data(as_text=True)
    assert "Leave this group" in page
    client.post(f"/council/groups/{cicc.group.id}/leave")
    assert not service.is_member(cicc.group, cicc.outsider)


def test_members_page_of_a_group_is_hidden_from_another_council(cicc, sign_in):
    other = factories.authority()
    stranger = factories.young_person(other)
    db.session.commit()
    assert sign_in(stranger).get(f"/council/groups/{cicc.group.id}").status_code == 404
