"""The moderation queue: order, filters, the four decisions, telling the author, counts, digest, lists."""
from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun import freeze_time

from app.audit import AuditEvent
from app.extensions import db
from app.moderation import service
from app.moderation.models import APPROVED, ESCALATED, REJECTED, ModerationItem, SafeguardingAlert

from .. import factories


class Council:
    def __init__(self):
        self.authority = factories.authority()
        self.moderator = factories.staff(self.authority, "participation_officer", email="mod@example.org")
        self.lead = factories.staff(self.authority, "safeguarding_lead", email="lead@example.org")
        self.admin = factories.staff(self.authority, "council_admin")
        self.manager = factories.staff(self.authority, "manager")
        self.worker = factories.staff(self.authority, "worker")
        self.en = factories.young_person(self.authority, display_name="Kasper", preferred_language="en", worker_id=self.worker.id)
        self.ar = factories.young_person(self.authority, display_name="Layla", preferred_language="ar", worker_id=self.worker.id)
        self.ps = factories.young_person(self.authority, display_name="Wahid", preferred_language="ps", worker_id=self.worker.id)

    def submit(self, author, text, language="en", source="council.idea"):
        item = service.submit_text(authority_id=self.authority.id, source=source, text=text, language=language, author=author)
        db.session.commit()
        return item


@pytest.fixture
def council():
    return Council()


def test_queue_puts_risk_on_top_then_oldest_first_and_filters(council, sign_in):
    with freeze_time("2025-03-10 09:00"):
        old = council.submit(council.en, "More football please")
    with freeze_time("2025-03-10 10:00"):
        arabic = council.submit(council.ar, "نريد رحلة إلى البحر", "ar", source="pledge.comment")
    with freeze_time("2025-03-10 11:00"):
        risky = council.submit(council.ps, "په کور کې خوندي نه یم", "ps")
    assert [i.id for i in service.queue(council.authority.id)] == [risky.id, old.id, arabic.id]
    assert [i.id for i in service.queue(council.authority.id, source="pledge.comment")] == [arabic.id]
    assert [i.id for i in service.queue(council.authority.id, language="ps")] == [risky.id]
    client = sign_in(council.moderator)
    page = client.get("/staff/moderation/").get_data(as_text=True)
    assert page.index(f"/staff/moderation/{risky.id}") < page.index(f"/staff/moderation/{old.id}") < page.index(f"/staff/moderation/{arabic.id}")
    assert "Possible risk" in page
    filtered = client.get("/staff/moderation/?language=ar").get_data(as_text=True)
    assert f"/staff/moderation/{arabic.id}" in filtered and f"/staff/moderation/{old.id}" not in filtered
    assert '<span class="heard-count">3</span>' in page  # the queue count in the staff nav


def test_moderator_sees_findings_highlighted_and_a_proposed_redaction(council, sign_in):
    item = council.submit(council.en, "Kasper says ring 07700 900123")
    page = sign_in(council.moderator).get(f"/staff/moderation/{item.id}").get_data(as_text=True)
    assert "<mark" in page and "[phone]" in page and "<del>" in page and "<ins>" in page
    assert "Kasper" not in page.split("What they wrote")[0]  # the author's name is not shown to moderators
    assert db.session.query(AuditEvent).filter_by(action="moderation.item_viewed", target_id=item.id).count() == 1


def test_approve_as_written(council, sign_in):
    item = council.submit(council.en, "More football please")
    response = sign_in(council.moderator).post(f"/staff/moderation/{item.id}", data={"action": "approve"})
    assert response.status_code == 302
    assert service.published_texts([item.id])[item.id].text == "More football please"
    assert db.session.query(AuditEvent).filter_by(action="moderation.approved", target_id=item.id).count() == 1


def test_approve_with_redactions_keeps_both_versions_and_shows_the_diff(council, sign_in):
    item = council.submit(council.ar, "اتصلوا بليلى على 07700 900123", "ar")
    client = sign_in(council.moderator)
    client.post(f"/staff/moderation/{item.id}", data={"action": "approve_redacted", "text": "اتصلوا بنا"})
    stored = service.item_for_moderator(item.id, council.authority.id)
    assert stored.status == APPROVED and stored.redacted
    assert stored.original_text == "اتصلوا بليلى على 07700 900123" and stored.approved_text == "اتصلوا بنا"
    assert service.published_texts([item.id])[item.id].text == "اتصلوا بنا"
    page = client.get(f"/staff/moderation/{item.id}").get_data(as_text=True)
    assert "Changes made before publishing" in page and "<del>" in page
    assert db.session.query(AuditEvent).filter_by(action="moderation.approved_with_redactions").count() == 1


def test_reject_needs_a_reason_and_keeps_what_was_typed(council, sign_in):
    item = council.submit(council.en, "Something unkind about someone")
    client = sign_in(council.moderator)
    response = client.post(f"/staff/moderation/{item.id}", data={"action": "reject", "note": "Talked to the group"})
    text = response.get_data(as_text=True)
    assert "Choose why it is not being published" in text and "Talked to the group" in text
    assert db.session.get(ModerationItem, item.id).status == "pending"


@pytest.mark.parametrize("who,language,text", [("en", "en", "Kasper smells"), ("ar", "ar", "ليلى غبية"), ("ps", "ps", "وحید احمق دی")])
def test_rejected_author_is_told_kindly_on_their_home_in_their_language(council, sign_in, who, language, text):
    author = getattr(council, who)
    item = council.submit(author, text, language)
    sign_in(council.moderator).post(f"/staff/moderation/{item.id}", data={"action": "reject", "reason": "unkind"})
    assert db.session.get(ModerationItem, item.id).status == REJECTED
    view = service.own_view(item.id, author)
    assert view.status == REJECTED and view.text == text
    home = sign_in(author).get("/my/").get_data(as_text=True)
    assert f'lang="{language}"' in home
    assert text in home and "heard-card" in home
    other = factories.young_person(council.authority)
    assert text not in sign_in(other).get("/my/").get_data(as_text=True)
    assert db.session.query(AuditEvent).filter_by(action="moderation.rejected", target_id=item.id).count() == 1


def test_escalate_raises_an_alert_and_holds_the_item(council, sign_in, mail_outbox):
    item = council.submit(council.en, "My uncle keeps asking me to carry parcels")
    assert not item.risk
    sign_in(council.moderator).post(f"/staff/moderation/{item.id}", data={"action": "escalate", "note": "Sounds like exploitation"})
    stored = db.session.get(ModerationItem, item.id)
    assert stored.status == ESCALATED and stored.risk
    alert = db.session.query(SafeguardingAlert).one()
    assert alert.trigger == "moderator" and alert.item_id == item.id and alert.young_person_id == council.en.id
    assert sorted(m["To"] for m in mail_outbox) == sorted(["lead@example.org", council.worker.email])
    assert service.published_texts([item.id]) == {}
    assert service.own_view(item.id, council.en).status == "pending"  # the author is not alarmed


def test_a_decided_item_cannot_be_decided_again_and_other_councils_get_404(council, sign_in):
    item = council.submit(council.en, "Nice trip")
    client = sign_in(council.moderator)
    client.post(f"/staff/moderation/{item.id}", data={"action": "approve"})
    response = client.post(f"/staff/moderation/{item.id}", data={"action": "reject", "reason": "other"})
    assert db.session.get(ModerationItem, item.id).status == APPROVED
    assert response.status_code in (200, 302)
    outsider = factories.staff(factories.authority(), "participation_officer")
    assert sign_in(outsider).get(f"/staff/moderation/{item.id}").status_code == 404


def test_only_participation_officers_moderate(council, sign_in):
    item = council.submit(council.en, "Nice trip")
    for user in (council.lead, council.manager, council.admin, council.worker, council.en):
        assert sign_in(user).get(f"/staff/moderation/{item.id}").status_code == 403


def test_daily_digest_emails_moderators_counts_without_text(app, council, mail_outbox):
    council.submit(council.en, "Kasper wants a pool table")
    council.submit(council.ps, "غواړم ځان ووژنم", "ps")
    mail_outbox.clear()
    result = app.test_cli_runner().invoke(args=["heard", "moderation-digest"])
    assert "Sent 1" in result.output
    assert [m["To"] for m in mail_outbox] == ["mod@example.org"]
    body = mail_outbox[0].get_content()
    assert "Waiting: 2" in body and "possible risk: 1" in body
    assert "pool table" not in body and "Kasper" not in body and "ووژنم" not in body


def test_council_lists_are_used_by_screening(council, sign_in):
    client = sign_in(council.admin)
    response = client.post(
        "/staff/moderation/lists",
        data={"names": "Auntie Rukhsana\n", "schools": "Moorside High\n", "risk_en": "shank*", "risk_ps": "چاړه ښکاره"},
    )
    assert response.status_code == 302
    item = council.submit(council.en, "Auntie Rukhsana picks me up from moorside high")
    assert {f["kind"] for f in item.findings} == {"name", "school"}
    assert council.submit(council.en, "they said they would shank me").risk
    assert council.submit(council.ps, "هغه ما ته چاړه ښکاره کړه", "ps").risk
    page = client.get("/staff/moderation/lists").get_data(as_text=True)
    assert "Auntie Rukhsana" in page and "shank*" in page
    assert sign_in(council.moderator).get("/staff/moderation/lists").status_code == 403


def test_figures_for_managers(council, sign_in):
    with freeze_time("2025-03-10 09:00") as clock:
        first = council.submit(council.en, "one")
        second = council.submit(council.en, "two")
        alert_source = council.submit(council.en, "I want to die")
        clock.tick(timedelta(hours=2))
        service.approve(service.load_texts(first), council.moderator)
        clock.tick(timedelta(hours=2))
        service.reject(second, council.moderator, "other")
        alert = db.session.query(SafeguardingAlert).one()
        clock.tick(timedelta(minutes=-3 * 60 - 30))
        service.acknowledge(alert, council.lead)
        db.session.commit()
        figures = service.figures(council.authority.id, None, None)
    assert alert_source.risk
    assert figures.moderated == 2 and figures.waiting == 1
    assert figures.median_decision == timedelta(hours=3)
    assert figures.alerts_raised == 1 and figures.median_acknowledgement == timedelta(minutes=30)
    page = sign_in(council.manager).get("/staff/moderation/figures?period=all").get_data(as_text=True)
    assert "180 minutes" in page or "3 hours" in page
    assert "I want to die" not in page
    assert sign_in(council.moderator).get("/staff/moderation/figures").status_code == 403
