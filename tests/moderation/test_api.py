"""The API other features call: submit, published texts, the author's view, private screening."""
from __future__ import annotations

from app.extensions import db
from app.moderation import service
from app.moderation.models import APPROVED, PENDING, REJECTED, SafeguardingAlert

from .. import factories


def _council():
    council = factories.authority()
    worker = factories.staff(council, "worker")
    lead = factories.staff(council, "safeguarding_lead")
    moderator = factories.staff(council, "participation_officer")
    child = factories.young_person(council, display_name="Noor", worker_id=worker.id)
    return council, worker, lead, moderator, child


def test_submitted_text_is_pending_and_not_published_until_approved():
    council, _, _, moderator, child = _council()
    item = service.submit_text(authority_id=council.id, source="pledge.comment", text="More trips please", language="en", author=child)
    db.session.commit()
    assert item.status == PENDING and not item.risk
    assert service.published_texts([item.id]) == {}
    service.approve(item, moderator)
    db.session.commit()
    published = service.published_texts([item.id])
    assert published[item.id].text == "More trips please"
    assert published[item.id].language == "en"


def test_redacted_approval_publishes_only_the_redacted_version_and_keeps_both():
    council, _, _, moderator, child = _council()
    item = service.submit_text(authority_id=council.id, source="idea", text="Ring Noor on 07700 900123", author=child)
    db.session.commit()
    loaded = service.item_for_moderator(item.id, council.id)
    assert service.proposed_text(loaded) == "Ring [name] on [phone]"
    service.approve(loaded, moderator, text=service.proposed_text(loaded))
    db.session.commit()
    assert service.published_texts([item.id])[item.id].text == "Ring [name] on [phone]"
    view = service.own_view(item.id, child)
    assert view.text == "Ring Noor on 07700 900123"
    assert view.status == APPROVED and view.published_text == "Ring [name] on [phone]"


def test_rejected_text_is_never_published_and_the_author_is_told_why():
    council, _, _, moderator, child = _council()
    other = factories.young_person(council)
    item = service.submit_text(authority_id=council.id, source="idea", text="something unkind", author=child)
    service.reject(item, moderator, "unkind")
    db.session.commit()
    assert service.published_texts([item.id]) == {}
    view = service.own_view(item.id, child)
    assert view.status == REJECTED and "hurt or upset" in view.reason
    assert service.own_view(item.id, other) is None


def test_risk_in_arabic_submission_flags_item_and_raises_alert_but_is_still_sent():
    council, worker, lead, _, child = _council()
    item = service.submit_text(authority_id=council.id, source="idea", text="أريد أن أموت", language="ar", author=child)
    db.session.commit()
    assert item.risk and item.status == PENDING
    alert = db.session.query(SafeguardingAlert).one()
    assert alert.young_person_id == child.id and alert.item_id == item.id
    assert set(alert.notified_ids) == {worker.id, lead.id}


def test_screen_private_raises_alert_for_pashto_risk_without_storing_a_moderation_item():
    council, worker, lead, _, child = _council()
    result = service.screen_private(authority_id=council.id, young_person=child, text="زه غواړم ځان ووژنم", language="ps", source="reviews.view", source_id=7)
    db.session.commit()
    assert result.risk and result.alert is not None
    assert result.alert.source == "reviews.view" and result.alert.source_id == 7
    calm = service.screen_private(authority_id=council.id, young_person=child, text="I'm killing it at football", language="en", source="reviews.view")
    assert not calm.risk and calm.alert is None
