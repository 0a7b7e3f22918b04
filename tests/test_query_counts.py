"""Staff lists and reports ask the database the same number of questions however much data a
council has: counted at two sizes (council A small, council B larger), the counts must match.

A page whose count grows with the data is loading something per row (a lazy relationship in a
loop, a query per theme or per round); those pages get slow exactly when a council relies on them.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import insert

from app.extensions import db
from app.models_base import utcnow

from . import factories
from .querycount import assert_constant, queries_for


def _grow(council, n: int) -> None:
    """n of everything staff lists and reports show, for one council."""
    from app.moderation import service as moderation
    from app.pledges import service as pledges
    from app.pledges.models import ANSWERS, CARE_LEAVER, IN_CARE, PledgeRating

    authority = council.authority
    people = [council.young_person] + [
        factories.young_person(authority, iro_id=council.iro.id, worker_id=council.worker.id) for _ in range(n)
    ]
    for i, person in enumerate(people):
        coming = factories.review(person, days_ahead=5 + i)
        past = factories.review(person, days_ahead=-20 - i, participation_code="PN1")
        factories.sent_views(coming)
        submission = factories.sent_views(past)
        submission.sent_at = utcnow() - timedelta(days=40 + i)
        for wish in submission.wishes:
            wish.outcome = "agreed"
        factories.safeguarding_alert(authority, young_person=person)
        # Between reviews: a message to the worker, a call-back, a complaint, a compliment and an advocate.
        factories.statement(person, text=f"My bus pass has run out {i}")
        factories.callback(person)
        factories.representation(person, text=f"Nobody told me my contact was cancelled {i}")
        factories.representation(person, kind="compliment", text=f"My worker listened {i}", wanted=None)
        factories.advocacy_request(person)
        item = factories.moderation_item(authority, author=person, text=f"More trips out, please {i}")
        if i % 3 == 1:
            moderation.approve(item, council.participation_officer)
        elif i % 3 == 2:
            moderation.reject(item, council.participation_officer, "other")
    version = factories.pledge_version(authority, IN_CARE, themes=2 + n // 4, promises=3)
    factories.pledge_version(authority, CARE_LEAVER, themes=1, promises=2)
    now = utcnow()
    for r in range(2 + n // 4):
        start = now - timedelta(days=100 * (r + 2))
        rnd = pledges.create_round(authority.id, f"Round {r}", start, start + timedelta(days=90))
        rows = [
            dict(authority_id=authority.id, round_id=rnd.id, promise_id=p.id, answer=ANSWERS[(k + r) % 4], age_band="12-17")
            for p in version.promises
            for k in range(12)
        ]
        db.session.execute(insert(PledgeRating), rows)
        db.session.flush()
    pledges.seal_due_rounds()
    factories.survey_wave(authority)
    for i in range(1 + n // 3):
        group = factories.council_group(authority)
        for person in people[: 2 + i]:
            factories.council_member(group, person)
        factories.council_poll(group)
        factories.council_meeting(group, starts_at=now + timedelta(days=i + 1))
    db.session.commit()


# (role, path) of every staff list and report
PAGES = [
    ("iro", "/staff/"),
    ("worker", "/staff/"),
    ("council_admin", "/staff/"),
    ("iro", "/staff/reviews/"),
    ("iro", "/staff/reviews/?past=1"),
    ("worker", "/staff/reviews/"),
    ("iro", "/staff/reviews/report"),
    ("manager", "/staff/reviews/report"),
    ("participation_officer", "/staff/moderation/"),
    ("participation_officer", "/staff/moderation/?status=approved"),
    ("participation_officer", "/staff/moderation/?status=rejected"),
    ("manager", "/staff/moderation/figures"),
    ("safeguarding_lead", "/staff/safeguarding/"),
    ("safeguarding_lead", "/staff/safeguarding/?show=all"),
    ("worker", "/staff/safeguarding/"),
    ("council_admin", "/admin/"),
    ("council_admin", "/admin/audit"),
    ("council_admin", "/admin/translations"),
    ("participation_officer", "/council/manage/"),
    ("council_admin", "/pledge/admin"),
    ("council_admin", "/staff/surveys/definitions"),
    ("council_admin", "/staff/undelivered-mail"),
    ("manager", "/pledge/scorecard"),
    ("manager", "/pledge/scorecard/print"),
    ("manager", "/pledge/scorecard.csv"),
    ("manager", "/staff/surveys/"),
    ("worker", "/staff/voice/"),
    ("iro", "/staff/voice/"),
    ("worker", "/staff/voice/call-backs"),
    ("complaints_officer", "/staff/voice/complaints/"),
    ("complaints_officer", "/staff/voice/feedback/"),
    ("complaints_officer", "/staff/voice/advocacy/"),
    ("manager", "/staff/voice/waiting"),
    ("manager", "/staff/voice/figures"),
    ("manager", "/staff/reports/board"),
    ("council_admin", "/staff/reports/dfe-return"),
]


@pytest.mark.parametrize(("role", "path"), PAGES, ids=[f"{r}:{p}" for r, p in PAGES])
def test_staff_lists_and_reports_ask_as_many_questions_with_more_data(world, sign_in, role, path):
    _grow(world.a, 2)
    _grow(world.b, 9)
    small = queries_for(sign_in(getattr(world.a, role)), path)
    large = queries_for(sign_in(getattr(world.b, role)), path)
    assert_constant(small, large, what=f"{path} for {role}")
