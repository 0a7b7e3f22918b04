"""Tenancy fails closed: every query of a council-owned model is kept to the bound council, and
with none bound it raises instead of reading every council."""
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm.exc import ObjectDeletedError
from werkzeug.exceptions import NotFound

from app import create_app
from app.access import PUBLIC, allow
from app.audit import AuditEvent
from app.auth.models import User
from app.cli import heard_cli
from app.extensions import db
from app.models_base import utcnow
from app.moderation.models import SafeguardingAlert
from app.tenancy import Authority, NoCouncilBound, acting_for, all_councils, get_or_404, unbound

from . import factories
from tests.helpers import session_token


def _names(world):
    return world.a.young_person.display_name, world.b.young_person.display_name


def test_queries_are_scoped_to_the_bound_council(world):
    mine, theirs = _names(world)
    with acting_for(world.a.authority):
        names = set(db.session.scalars(select(User.display_name)))
        assert mine in names and theirs not in names
        # Counts, and models that appear only in a subquery, are scoped too.
        count = db.session.scalar(select(func.count()).select_from(User))
        assert count == len(names)
        councils = db.session.scalars(select(Authority.id).where(Authority.id.in_(select(User.authority_id)))).all()
        assert councils == [world.a.authority.id]


def test_cross_council_work_must_opt_out_explicitly(world):
    both = {world.a.authority.id, world.b.authority.id}
    with acting_for(world.a.authority):
        everyone = db.session.scalars(select(User), execution_options={"all_authorities": True}).all()
        assert {u.authority_id for u in everyone} == both
        with all_councils():
            assert {u.authority_id for u in db.session.scalars(select(User))} == both


def test_a_query_with_no_council_bound_raises(world):
    with unbound():
        with pytest.raises(NoCouncilBound):
            db.session.scalars(select(User)).all()
        with pytest.raises(NoCouncilBound):
            db.session.scalar(select(func.count()).select_from(AuditEvent))
        with pytest.raises(NoCouncilBound):
            db.session.scalars(select(Authority).where(Authority.id.in_(select(User.authority_id)))).all()
        with pytest.raises(NoCouncilBound):
            db.session.execute(update(User).values(display_name="Nobody"))
        with pytest.raises(NoCouncilBound):
            db.session.execute(delete(User))
        # Councils themselves are not owned by a council: listing them needs no binding.
        assert len(db.session.scalars(select(Authority)).all()) == 2


def test_update_and_delete_cannot_touch_another_councils_rows(world):
    mine, theirs = _names(world)
    factories.audit_event(world.a.iro)
    factories.audit_event(world.b.iro)
    db.session.commit()
    with acting_for(world.a.authority):
        changed = db.session.execute(update(User).values(job_title="Renamed"), execution_options={"synchronize_session": False})
        removed = db.session.execute(delete(AuditEvent), execution_options={"synchronize_session": False})
        db.session.commit()
    assert changed.rowcount == db.session.scalar(select(func.count()).select_from(User).where(User.authority_id == world.a.authority.id))
    assert removed.rowcount == 1
    titles = dict(db.session.execute(select(User.display_name, User.job_title)).all())
    assert titles[mine] == "Renamed" and titles[theirs] != "Renamed"
    assert db.session.scalars(select(AuditEvent.authority_id)).all() == [world.b.authority.id]


def test_session_get_refuses_another_councils_row_even_from_the_identity_map(world):
    theirs = world.b.young_person  # loaded, so it sits in the session's identity map
    assert theirs.display_name
    with acting_for(world.a.authority):
        assert db.session.get(User, world.a.young_person.id) is world.a.young_person
        assert db.session.get(User, theirs.id) is None
        with pytest.raises(NotFound):
            get_or_404(User, theirs.id)
    with unbound(), pytest.raises(NoCouncilBound):
        db.session.get(User, theirs.id)
    db.session.expunge_all()  # and from the database
    with acting_for(world.a.authority):
        assert db.session.get(User, theirs.id) is None
        assert db.session.get(User, theirs.id, execution_options={"all_authorities": True}).id == theirs.id


def test_a_refresh_of_another_councils_row_is_refused(world):
    theirs = world.b.young_person
    db.session.expire(theirs)
    with acting_for(world.a.authority), pytest.raises(ObjectDeletedError):
        theirs.display_name  # noqa: B018  (the reload is what is refused)
    with unbound(), pytest.raises(NoCouncilBound):
        theirs.display_name  # noqa: B018
    assert theirs.display_name.startswith("Quillon") or theirs.display_name.startswith("Zephyrine")


def test_relationship_loads_are_scoped(world):
    code = factories.access_code(world.b.young_person)
    db.session.commit()
    code_id, council_a = code.id, world.a.authority.id
    db.session.expunge_all()
    code = db.session.get(type(code), code_id)  # loaded alone, its person not yet
    with acting_for(council_a):
        assert code.user is None


@pytest.fixture
def probe_app(app):
    """An app like the real one with one more public page that lists every person it can see."""
    probe = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])

    @probe.route("/probe")
    @allow(PUBLIC)
    def probe_view():
        return ",".join(sorted(db.session.scalars(select(User.display_name))))

    return probe


def test_a_request_is_bound_to_the_signed_in_council_and_unbound_when_it_ends(probe_app, world):
    mine, theirs = _names(world)
    db.session.commit()
    signed_in = probe_app.test_client()
    with signed_in.session_transaction() as session:
        session["_user_id"] = session_token(world.a.iro)
        session["seen"] = utcnow().timestamp()
    page = signed_in.get("/probe").get_data(as_text=True)
    assert mine in page and theirs not in page
    # Nobody signed in and no council bound: the page fails instead of listing every council.
    anonymous = probe_app.test_client()
    probe_app.config["PROPAGATE_EXCEPTIONS"] = True
    with pytest.raises(NoCouncilBound):
        anonymous.get("/probe")
    # The test's own binding (every council) is back once the requests are over.
    assert len(db.session.scalars(select(User.authority_id).distinct()).all()) == 2


# Arguments for every `flask heard` command; a new command must be added here to be checked.
def _cli_args(world):
    slug = world.a.authority.slug
    return {
        "create-authority": ["--name", "Westfold Council", "--slug", "westfold"],
        "create-staff": ["--authority", slug, "--email", "new.admin@example.org", "--name", "New Admin"],
        "invite": ["--authority", slug, "--reference", world.a.other_young_person.reference],
        "demo": [],
        "totp-code": ["grace.okafor@northmoor.example"],  # made by "demo"
        "translation-status": [],
        "escalate": [],
        "moderation-digest": [],
        "seal-pledge-rounds": [],
        "surveys-settle": [],
        "council-reminders": [],
        "voice-check": [],
        "send-mail": [],
        "purge": [],
    }


def test_every_cli_command_and_job_runs_with_a_council_bound(app, world):
    """Each command starts with no council bound, so one that queries a council's rows without
    binding it (or opting out) fails here."""
    # Something for every job to do in both councils.
    for people in (world.a, world.b):
        factories.safeguarding_alert(people.authority, young_person=people.young_person, deadline_at=utcnow() - timedelta(hours=1))
        factories.moderation_item(people.authority)
        factories.rating_round(people.authority, opens_at=utcnow() - timedelta(days=9), closes_at=utcnow() - timedelta(days=1))
        group = factories.council_group(people.authority)
        factories.council_meeting(group, starts_at=utcnow() + timedelta(hours=2))
        factories.council_poll(group, mode="open", closes_at=utcnow() - timedelta(hours=1))
        factories.survey_wave(people.authority)
    world.a.other_young_person.password_hash = None  # an invite is for an account not yet set up
    db.session.commit()
    args = _cli_args(world)
    assert set(heard_cli.commands) == set(args), "give every command its arguments here"
    runner = app.test_cli_runner()
    for name, arguments in args.items():
        result = runner.invoke(args=["heard", name, *arguments])
        assert result.exception is None and result.exit_code == 0, (name, result.output, result.exception)
    # The jobs served both councils.
    ours = (world.a.authority.id, world.b.authority.id)
    alerts = db.session.scalars(select(SafeguardingAlert).where(SafeguardingAlert.authority_id.in_(ours))).all()
    assert [a.escalation_level for a in alerts] == [1, 1]


def test_a_command_that_forgets_to_bind_a_council_fails(app, world):
    @heard_cli.command("probe-unbound")
    def probe_unbound():
        db.session.scalars(select(User)).all()

    try:
        result = app.test_cli_runner().invoke(args=["heard", "probe-unbound"])
    finally:
        heard_cli.commands.pop("probe-unbound")
    assert isinstance(result.exception, NoCouncilBound)


def test_lazy_loads_carry_the_council_criterion_once(world):
    """A relationship load inherits the criterion of the query that loaded its parent; adding it
    again at every level made `promise.authority_id = ?` appear four or five times in one load."""
    from app.pledges.models import PledgeVersion

    from .querycount import counting_queries

    version = factories.pledge_version(world.a.authority, themes=2, promises=2)
    db.session.commit()
    version_id, council = version.id, world.a.authority.id
    db.session.expunge_all()
    with acting_for(council):
        loaded = db.session.get(PledgeVersion, version_id)
        with counting_queries() as queries:
            promises = loaded.promises  # themes, then each theme's promises, lazily
            pledge_title = loaded.pledge.audience
    assert len(promises) == 4 and pledge_title
    for sql in queries:
        table = sql.split("FROM ", 1)[1].split()[0]
        assert sql.count(f"{table}.authority_id = ") == 1, sql


def test_a_function_given_a_council_is_narrowed_to_it_and_never_widened(world):
    """`@for_council` keeps a caller acting for every council to the one named, leaves a caller
    acting for it alone, shows a caller acting for another council nothing of the one named, and
    refuses a caller acting for none."""
    from app.tenancy import for_council

    @for_council
    def names(authority_id):
        return set(db.session.scalars(select(User.display_name)))

    @for_council(of="person")
    def colleagues(person):
        return set(db.session.scalars(select(User.display_name)))

    mine, theirs = _names(world)
    a, b = world.a.authority.id, world.b.authority.id
    with all_councils():
        assert mine in names(a) and theirs not in names(a)
        assert theirs in colleagues(world.b.young_person) and mine not in colleagues(world.b.young_person)
    with acting_for(a):
        assert mine in names(a)
        assert names(b) == set()
        assert colleagues(world.b.young_person) == set()
        assert mine in names(None)  # no council named: the caller's own
    with unbound(), pytest.raises(NoCouncilBound):
        names(a)
