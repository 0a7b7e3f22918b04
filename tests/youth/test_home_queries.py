"""The young person's home asks the database a few questions, however much there is to show."""
from datetime import timedelta

from app.extensions import db
from app.models_base import utcnow

from .. import factories
from ..querycount import assert_constant, queries_for

AT_MOST = 8


def _grow(council, n: int) -> None:
    """Everything a busy young person's home shows, n of each."""
    from app.moderation import service as moderation
    from app.pledges import service as pledges

    me = council.young_person
    factories.sent_views(factories.review(me, days_ahead=10))
    factories.review(me, days_ahead=200)
    version = factories.pledge_version(council.authority, themes=n, promises=3)
    past = factories.rating_round(council.authority, opens_at=utcnow() - timedelta(days=400), closes_at=utcnow() - timedelta(days=380))
    pledges.seal_due_rounds()
    factories.rating_round(council.authority)
    for promise in version.promises[:n]:
        pledges.rate(me, promise, "kept")
        pledges.save_answer(promise.lineage_id, past, council.authority, we_will={"en": "We will"}, we_did={"en": "We did"})
    for i in range(n):
        group = factories.council_group(council.authority)
        factories.council_member(group, me, state="active" if i % 2 == 0 else "invited")
        factories.council_poll(group, mode="live" if i == 0 else "period", audience="members" if i % 3 else "everyone")
        factories.council_meeting(group, starts_at=utcnow() + timedelta(days=i + 1))
        factories.survey_wave(council.authority)
        item = factories.moderation_item(council.authority, author=me, text=f"My idea number {i}")
        moderation.reject(item, council.participation_officer, "other")
    db.session.commit()


def _home_queries(council, sign_in):
    client = sign_in(council.young_person)
    client.get("/my/")  # the first request of a session may set things up once
    return queries_for(client, "/my/")


def test_home_asks_a_few_questions_however_much_it_shows(world, sign_in):
    _grow(world.a, 2)
    _grow(world.b, 8)
    assert_constant(_home_queries(world.a, sign_in), _home_queries(world.b, sign_in), at_most=AT_MOST, what="young person's home")
