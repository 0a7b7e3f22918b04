"""Queries in a signed-in request are kept to the user's council, even when a view forgets to filter."""
from sqlalchemy import func, select

from app.auth.models import User
from app.extensions import db
from app.tenancy import set_current_authority


def test_queries_are_scoped_to_the_current_council(app, world):
    with app.test_request_context():
        set_current_authority(world.a.authority.id)
        names = set(db.session.scalars(select(User.display_name)))
        assert world.a.young_person.display_name in names
        assert world.b.young_person.display_name not in names
        # Counts and joins are scoped too.
        count = db.session.scalar(select(func.count()).select_from(User))
        assert count == db.session.scalar(
            select(func.count()).select_from(User).where(User.authority_id == world.a.authority.id),
            execution_options={"all_authorities": True},
        )


def test_cross_council_work_must_opt_out_explicitly(app, world):
    with app.test_request_context():
        set_current_authority(world.a.authority.id)
        everyone = db.session.scalars(select(User), execution_options={"all_authorities": True}).all()
        assert {u.authority_id for u in everyone} == {world.a.authority.id, world.b.authority.id}


def test_get_or_404_refuses_another_councils_row(app, world):
    import pytest
    from werkzeug.exceptions import NotFound

    from app.tenancy import get_or_404

    mine, theirs, council = world.a.young_person.id, world.b.young_person.id, world.a.authority.id
    with app.test_request_context():
        set_current_authority(council)
        db.session.expunge_all()  # nothing cached: the lookups go to the database
        assert get_or_404(User, mine).id == mine
        with pytest.raises(NotFound):
            get_or_404(User, theirs)
