"""Pledge ratings and comments against someone holding the database, the logs and SECRET_KEY.

The promise (app/pledges/models.py): nobody can see how a young person rated a promise. While the
round is open only their own browser holds what finds their ratings; a comment (whose author the
moderators know) leads to no rating; when the round closes, the ratings are written afresh with no
keys, in a random order.
"""
from __future__ import annotations

from app.extensions import db
from tests import factories

from .attacker import forged_client, rows, storage_order, transactions

STRUCTURAL = {"id", "authority_id", "round_id", "promise_id"}


def test_a_session_forged_with_the_secret_does_not_show_a_childs_ratings(app, council, sign_in):
    promise = council.pledge.promises[0]
    own = sign_in(council.child)
    response = own.post(f"/pledge/rate/{promise.id}", data={"answer": "not_kept", "comment": ""})
    assert response.status_code == 302
    assert 'value="not_kept" checked' in own.get(f"/pledge/rate/{promise.id}").get_data(as_text=True)

    forged = forged_client(app, council.child)
    page = forged.get(f"/pledge/rate/{promise.id}").get_data(as_text=True)
    assert 'value="not_kept" checked' not in page


def test_a_comment_whose_author_is_known_leads_to_no_rating(app, council, sign_in):
    promise = council.pledge.promises[0]
    client = sign_in(council.child)
    client.post(f"/pledge/rate/{promise.id}", data={"answer": "sometimes", "comment": "More say in where I live"})
    for other in [factories.young_person(council.authority, age=13) for _ in range(3)]:
        sign_in(other).post(f"/pledge/rate/{promise.id}", data={"answer": "kept", "comment": ""})
    # Moderators know who wrote the comment: that is the attacker's way in.
    [item] = [r[0] for r in rows("SELECT id FROM moderation_item WHERE author_id = :a AND source = 'pledge.comment'", a=council.child.id)]
    comment_columns = [c.name for c in db.metadata.tables["pledge_comment"].columns]
    rating_columns = {c.name for c in db.metadata.tables["pledge_rating"].columns}
    [comment] = [dict(zip(comment_columns, r)) for r in rows("SELECT * FROM pledge_comment WHERE comment_item_id = :i", i=item)]
    shared = [name for name in comment_columns if name in rating_columns and name not in STRUCTURAL and comment[name] is not None]
    for name in shared:
        assert rows(f"SELECT answer FROM pledge_rating WHERE {name} = :v", v=comment[name]) == [], name


def test_after_the_round_closes_ratings_are_stored_in_no_order_of_rating(app, council, sign_in):
    from app.pledges import service

    promise = council.pledge.promises[0]
    children = [factories.young_person(council.authority, age=13) for _ in range(12)]
    db.session.commit()
    answers = ["kept", "sometimes", "not_kept", "dont_know"]
    for n, child in enumerate(children):
        sign_in(child).post(f"/pledge/rate/{promise.id}", data={"answer": answers[n % 4], "comment": ""})
    service.close_round_now(council.round, by=council.admin)
    db.session.commit()
    for row in rows("SELECT * FROM pledge_rating"):
        assert all(not isinstance(value, str) or len(value) < 20 for value in row), row
    if db.engine.dialect.name == "postgresql":
        assert len(set(transactions("pledge_rating"))) == 1
    stored = storage_order("pledge_rating", "answer")
    assert len(stored) == 12
