"""Bad input gets a clear answer, never a 500: ids too big for the database, control characters in
`next`, the same addition sent twice at once, and bodies too big to read."""
from __future__ import annotations

import io

import pytest
from werkzeug.routing import IntegerConverter

from app.access import PUBLIC, SIGNED_IN, STAFF, STAFF_ROLES, YOUNG_PERSON

from ..access_params import PARAMS
from ..helpers import translated

HUGE_IDS = (2**31, 2**63, 10**30)


def _int_rules(app):
    for rule in app.url_map.iter_rules():
        ints = [name for name, converter in rule._converters.items() if isinstance(converter, IntegerConverter)]
        if ints:
            yield rule, ints


def _someone_allowed(world, allowed):
    """A user of council A who may use an endpoint, or None when it is public."""
    if PUBLIC in allowed:
        return None
    if SIGNED_IN in allowed or YOUNG_PERSON in allowed:
        return world.a.young_person
    role = "iro" if STAFF in allowed else next(role for role in STAFF_ROLES if role in allowed)
    return getattr(world.a, role)


def _path(app, rule, world, huge, ints):
    """The rule's address for council A, with `huge` for every numeric part."""
    from flask import url_for

    stand_ins = {name: 1_234_567_890 + n for n, name in enumerate(ints)}
    values = {arg: PARAMS[arg](world.a) for arg in rule.arguments if arg not in ints}
    with app.test_request_context():
        url = url_for(rule.endpoint, **values, **stand_ins)
    for stand_in in stand_ins.values():
        url = url.replace(f"/{stand_in}", f"/{huge}")
    return url


def test_every_route_with_a_numeric_id_answers_404_for_an_id_too_big_for_the_database(app, world, sign_in):
    rules = list(_int_rules(app))
    assert len(rules) > 40  # the walk reaches the routes
    for rule, ints in rules:
        user = _someone_allowed(world, app.view_functions[rule.endpoint].allowed_roles)
        for huge in HUGE_IDS:
            url = _path(app, rule, world, huge, ints)
            assert str(huge) in url, (rule.rule, url)
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                client = sign_in(user) if user is not None else app.test_client()
                response = client.open(url, method=method, data={}, follow_redirects=False)
                assert response.status_code == 404, (rule.endpoint, method, huge, response.status_code)


def test_ids_up_to_the_database_limit_still_reach_the_view(app, world, sign_in):
    from werkzeug.exceptions import NotFound

    urls = app.url_map.bind("localhost")
    assert urls.match(f"/staff/young-people/{2**31 - 1}") == ("staff.young_person", {"person_id": 2**31 - 1})
    with pytest.raises(NotFound):
        urls.match(f"/staff/young-people/{2**31}")
    assert sign_in(world.a.iro).get(f"/staff/young-people/{world.a.young_person.id}").status_code == 200


def test_ids_too_big_for_the_database_in_forms_and_query_strings_are_nobody(app, world, sign_in):
    from ..access_params import _council

    council = _council(world.a)
    for huge in HUGE_IDS:
        admin = sign_in(world.a.council_admin)
        assert admin.get("/admin/audit", query_string={"person": huge, "young_person": huge}).status_code == 200
        member = sign_in(world.a.young_person)
        status = member.get(f"/council/polls/{council.council_poll.id}/status.json", query_string={"question": huge})
        assert status.status_code < 500, huge
        officer = sign_in(world.a.participation_officer)
        invite = officer.post(f"/council/manage/groups/{council.council_group.id}/invite", data={"user_id": huge})
        assert invite.status_code == 302
        assert [category for category, _ in _flashes(officer)] == ["error"]


def test_parse_id_takes_only_what_a_row_can_have():
    from app.input_bounds import MAX_ID, parse_id

    assert parse_id("12") == 12 and parse_id(" 7 ") == 7 and parse_id(str(MAX_ID)) == MAX_ID
    for bad in (None, "", "0", "-3", "1.5", "1e3", "١٢", str(MAX_ID + 1), "9" * 400, "²"):
        assert parse_id(bad) is None, bad


BAD_NEXTS = ["/a\nb", "/a\r\nSet-Cookie: x=1", "/\t/evil.example", "/a\x00b", "/a\x7fb", "/\x85x", "\n/home", "/home\n"]


@pytest.mark.parametrize("target", BAD_NEXTS)
def test_the_language_picker_never_follows_a_next_with_control_characters(client, target):
    response = client.post("/language", data={"language": "fr", "next": target})
    assert response.status_code == 302
    assert response.location == "/"


def test_the_language_picker_still_follows_a_plain_next(client):
    response = client.post("/language", data={"language": "ar", "next": "/privacy?x=1"})
    assert response.status_code == 302 and response.location == "/privacy?x=1"


@pytest.mark.parametrize("target", ["/my/reviews\n", "/my\r\nLocation: https://evil.example", "/\t/evil.example"])
def test_signing_in_with_a_next_with_control_characters_goes_home(app, world, client, target):
    from ..factories import PASSWORD

    assert client.get("/sign-in", query_string={"next": target}).status_code == 200
    response = client.post("/sign-in", data={"identifier": world.a.young_person.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response.location == "/my/"


def test_safe_next_refuses_every_control_character():
    from app.safe_redirect import safe_next

    for code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, 0x200E, 0x202E]:
        assert safe_next(f"/a{chr(code)}b") is None, hex(code)
    assert safe_next("/my/reviews/3/going-well/?lang=ar") == "/my/reviews/3/going-well/?lang=ar"
    assert safe_next("/council/é") == "/council/é"


class _Endless(io.RawIOBase):
    """A request body that would go on for `size` bytes, counting what the server reads of it."""

    def __init__(self, size: int, limit: int):
        self.size = size
        self.limit = limit
        self.read_bytes = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.read_bytes > self.limit:
            raise AssertionError(f"the server read {self.read_bytes} bytes of a body it should have refused")
        count = min(len(buffer), self.size - self.read_bytes)
        buffer[:count] = b"a" * count
        self.read_bytes += count
        return count


HUNDREDS_OF_MB = 200 * 1024 * 1024


def _post_body(client, path, body, *, length=None):
    """POST `body` (a stream) as a form, saying it is `length` bytes long, or sent in chunks."""
    environ = {"wsgi.input": body, "CONTENT_LENGTH": str(length)} if length else {"wsgi.input": body, "wsgi.input_terminated": True, "HTTP_TRANSFER_ENCODING": "chunked", "CONTENT_LENGTH": ""}
    return client.post(path, content_type="application/x-www-form-urlencoded", environ_overrides=environ)


@pytest.mark.parametrize("path", ["/sign-in", "/language", "/survey/help", "/nowhere"])
def test_a_huge_body_is_refused_before_it_is_read(app, client, path):
    body = _Endless(HUNDREDS_OF_MB, limit=app.config["MAX_CONTENT_LENGTH"])
    response = _post_body(client, path, body, length=HUNDREDS_OF_MB)
    assert response.status_code == 413
    assert body.read_bytes == 0


def test_a_huge_body_sent_in_chunks_is_refused_once_it_passes_the_limit(app, client):
    body = _Endless(HUNDREDS_OF_MB, limit=app.config["MAX_CONTENT_LENGTH"])
    response = _post_body(client, "/sign-in", body)
    assert response.status_code == 413
    assert body.read_bytes <= app.config["MAX_CONTENT_LENGTH"] + 64 * 1024


def test_a_small_form_sent_in_chunks_still_works(client):
    response = _post_body(client, "/language", io.BytesIO(b"language=ar&next=%2Fprivacy"))
    assert response.status_code == 302 and response.location == "/privacy"
    assert 'lang="ar"' in client.get("/sign-in").get_data(as_text=True)


def test_the_limit_leaves_room_for_every_real_form(app):
    assert 1024 * 1024 <= app.config["MAX_CONTENT_LENGTH"] <= 10 * 1024 * 1024


def test_the_too_big_page_speaks_the_readers_language(app, client):
    client.post("/language", data={"language": "ar"})
    response = _post_body(client, "/sign-in", io.BytesIO(b"identifier=a"), length=HUNDREDS_OF_MB)
    assert response.status_code == 413
    body = response.get_data(as_text=True)
    assert translated("That was too big to send", "ar") in body
    assert translated("That was too big to send", "ar") != "That was too big to send"


# --- The same addition sent twice at once -------------------------------------------------------
#
# Two real requests, each in its own thread with its own database connection. Both pass every
# check the service makes ("not yet a member") and meet just before their first write to the
# table, so both try to add the row: the database's unique constraint refuses one of them. That
# request must still look like the success it is, not a 500.


class _Meeting:
    """Holds the first INSERT into `table` of each of two threads until both have reached it."""

    def __init__(self, table: str):
        import re
        import threading

        self.pattern = re.compile(rf'^\s*INSERT INTO "?{table}"?[\s(]', re.IGNORECASE)
        self.barrier = threading.Barrier(2, timeout=10)
        self.local = threading.local()
        self.met = 0

    def __call__(self, _conn, _cursor, statement, _parameters, _context, _executemany):
        import threading

        if getattr(self.local, "done", False) or not self.pattern.match(statement):
            return
        self.local.done = True
        try:
            self.barrier.wait()
        except threading.BrokenBarrierError:
            return  # the other request never got here; the test then fails on `met`
        self.met += 1


def twice_at_once(app, clients, method, url, table, **kwargs):
    """Send the same request from two clients at once, meeting before the INSERT into `table`;
    returns both responses once both have finished."""
    import threading

    from sqlalchemy import event

    from app.extensions import db

    meeting = _Meeting(table)
    responses = [None, None]
    errors = []

    def send(index):
        try:
            with app.app_context():
                responses[index] = clients[index].open(url, method=method, follow_redirects=False, **kwargs)
        except Exception as error:  # noqa: BLE001 (reported below, with its traceback)
            import traceback

            errors.append("".join(traceback.format_exception(error)))

    engine = db.engine
    event.listen(engine, "before_cursor_execute", meeting)
    try:
        threads = [threading.Thread(target=send, args=(index,)) for index in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        event.remove(engine, "before_cursor_execute", meeting)
    assert not errors, errors
    assert meeting.met == 2, "the two requests did not both reach the insert"
    db.session.expire_all()
    return responses


def _flashes(client):
    with client.session_transaction() as session:
        return [(category, str(message)) for category, message in session.get("_flashes", [])]


def _count(model, **where):
    from sqlalchemy import func, select

    from app.extensions import db

    stmt = select(func.count()).select_from(model)
    for name, value in where.items():
        stmt = stmt.where(getattr(model, name) == value)
    return db.session.scalar(stmt)


def test_asking_to_join_a_group_twice_at_once_asks_once(app, world, sign_in):
    from app.council.models import Membership

    from .. import factories
    from app.extensions import db

    group = factories.council_group(world.a.authority)
    db.session.commit()
    clients = [sign_in(world.a.young_person), sign_in(world.a.young_person)]
    responses = twice_at_once(app, clients, "POST", f"/council/groups/{group.id}/join", "council_membership")
    assert [r.status_code for r in responses] == [302, 302]
    assert _count(Membership, group_id=group.id, user_id=world.a.young_person.id) == 1
    for client in clients:
        assert [category for category, _ in _flashes(client)] == ["success"]


def _same_browser(app, client):
    """A second client holding the first one's session: one phone, two taps."""
    twin = app.test_client()
    twin.set_cookie("session", client.get_cookie("session").value)
    return twin


def test_supporting_an_idea_twice_at_once_supports_it_once(app, world, sign_in):
    from app.council.models import IdeaSupport

    from ..access_params import _council

    council = _council(world.a)
    supporter = world.a.other_young_person
    from app.extensions import db

    council.council_request.state = "active"  # their request to join, accepted
    db.session.commit()
    clients = [sign_in(supporter), sign_in(supporter)]
    idea = council.council_idea
    responses = twice_at_once(app, clients, "POST", f"/council/ideas/{idea.id}", "council_idea_support", data={"support": "yes"})
    assert [r.status_code for r in responses] == [302, 302]
    assert _count(IdeaSupport, idea_id=idea.id, user_id=supporter.id) == 1
    for client in clients:
        assert [category for category, _ in _flashes(client)] == ["success"]


def test_answering_a_meeting_invitation_twice_at_once_answers_once(app, world, sign_in):
    from app.council.models import MeetingRsvp

    from ..access_params import _council

    meeting = _council(world.a).council_meeting
    clients = [sign_in(world.a.young_person), sign_in(world.a.young_person)]
    responses = twice_at_once(app, clients, "POST", f"/council/meetings/{meeting.id}/rsvp", "council_meeting_rsvp", data={"answer": "yes"})
    assert [r.status_code for r in responses] == [302, 302]
    assert _count(MeetingRsvp, meeting_id=meeting.id, user_id=world.a.young_person.id) == 1
    for client in clients:
        assert [category for category, _ in _flashes(client)] == ["success"]


def test_rating_a_promise_twice_at_once_from_one_phone_counts_once(app, world, sign_in):
    from app.pledges.models import KEPT, PledgeRater, PledgeRating

    from ..access_params import _pledge

    council = _pledge(world.a)
    promise = council.pledge_version.promises[0]
    first = sign_in(world.a.young_person)
    assert first.get(f"/pledge/rate/{promise.id}").status_code == 200  # the phone gets its key
    clients = [first, _same_browser(app, first)]
    responses = twice_at_once(app, clients, "POST", f"/pledge/rate/{promise.id}", "pledge_rater", data={"answer": KEPT})
    assert [r.status_code for r in responses] == [302, 302], [r.get_data(as_text=True)[:2000] for r in responses]
    assert _count(PledgeRater, promise_id=promise.id, user_id=world.a.young_person.id) == 1
    assert _count(PledgeRating, promise_id=promise.id) == 1


def test_sending_a_survey_twice_at_once_sends_it_once(app, world, sign_in):
    from app.surveys import service
    from app.surveys.models import SurveyParticipation

    from ..access_params import _survey
    from ..surveys.test_pages import _walk

    wave = _survey(world.a).survey_wave
    first = sign_in(world.a.young_person)
    assert first.get(f"/survey/waves/{wave.id}/begin").location.endswith("/survey/start")
    _walk(first, choose="skip")
    clients = [first, _same_browser(app, first)]
    responses = twice_at_once(app, clients, "POST", "/survey/check", "survey_participation")
    assert [r.status_code for r in responses] == [302, 302]
    assert all(r.location.endswith("/survey/thanks") for r in responses)
    assert _count(SurveyParticipation, wave_id=wave.id, user_id=world.a.young_person.id) == 1
    assert service.pending_count(wave) == 1


def both_at_once(app, authority_id, work, table):
    """Run `work()` in two threads at once, each in its own app context bound to the council, and
    commit each; they meet before their first INSERT into `table`."""
    from app.extensions import db
    from app.tenancy import acting_for

    from flask.testing import FlaskClient  # noqa: F401  (only requests use clients)

    class _Caller:
        def open(self, *_args, **_kwargs):
            with acting_for(authority_id):
                result = work()
                db.session.commit()
                db.session.remove()
                return result

    return twice_at_once(app, [_Caller(), _Caller()], "", "", table)


def test_two_first_reads_of_a_young_persons_views_at_once_leave_one_receipt(app, world):
    from app.extensions import db
    from app.reviews import service
    from app.reviews.models import ViewsReader, ViewsSubmission

    from ..access_params import _review

    review = _review(world.a)
    submission_id = review.submission.id
    db.session.execute(ViewsReader.__table__.delete().where(ViewsReader.submission_id == submission_id))
    db.session.commit()
    iro_id = world.a.iro.id

    def read():
        from app.auth.models import User

        submission = db.session.get(ViewsSubmission, submission_id)
        return service.record_read(submission, db.session.get(User, iro_id)).id

    ids = both_at_once(app, world.a.authority.id, read, "views_reader")
    assert ids[0] == ids[1]
    assert _count(ViewsReader, submission_id=submission_id, user_id=iro_id) == 1


def test_two_first_pages_at_once_make_one_set_of_a_councils_settings(app, world):
    from app.moderation import service as moderation
    from app.moderation.models import SafeguardingSettings
    from app.voice import settings as voice_settings
    from app.voice.models import VoiceSettings

    authority_id = world.a.authority.id
    ids = both_at_once(app, authority_id, lambda: voice_settings.settings_for(authority_id).id, "voice_settings")
    assert ids[0] == ids[1] and _count(VoiceSettings, authority_id=authority_id) == 1
    ids = both_at_once(app, authority_id, lambda: moderation.settings_for(authority_id).id, "safeguarding_settings")
    assert ids[0] == ids[1] and _count(SafeguardingSettings, authority_id=authority_id) == 1


def test_asking_to_be_called_twice_at_once_asks_once(app, world, sign_in):
    import re

    from app.extensions import db
    from app.voice.models import CallBack
    from app.voice.settings import settings_for

    settings_for(world.a.authority.id)  # made beforehand: two first uses at once have their own test
    db.session.commit()
    first = sign_in(world.a.young_person)
    key = re.search(r'name="key" value="([^"]+)"', first.get("/my/call-me/").get_data(as_text=True)).group(1)
    clients = [first, _same_browser(app, first)]
    responses = twice_at_once(app, clients, "POST", "/my/call-me/", "call_back", data={"who": "worker", "key": key})
    assert [r.status_code for r in responses] == [302, 302]
    assert _count(CallBack, young_person_id=world.a.young_person.id) == 1


def test_saving_a_teams_members_twice_at_once_adds_each_once(app, world):
    from app.auth.models import User
    from app.extensions import db
    from app.voice import settings as voice_settings
    from app.voice.models import Team, TeamMember

    from .. import factories

    team = factories.team(world.a.authority, members=[])
    db.session.commit()
    team_id, admin_id, members = team.id, world.a.council_admin.id, [str(world.a.worker.id), str(world.a.iro.id)]

    def save():
        found = db.session.get(Team, team_id)
        voice_settings.save_team(found, found.authority_id, db.session.get(User, admin_id), name=found.name, email=None, active=True,
                                 member_ids=members)

    both_at_once(app, world.a.authority.id, save, "team_member")
    assert _count(TeamMember, team_id=team_id) == 2


def test_starting_a_new_pledge_wording_twice_at_once_starts_one(app, world, sign_in):
    from app.pledges.models import DRAFT, PledgeVersion

    from .. import factories
    from app.extensions import db

    published = factories.pledge_version(world.a.authority)
    db.session.commit()
    pledge_id = published.pledge_id
    clients = [sign_in(world.a.council_admin), sign_in(world.a.council_admin)]
    responses = twice_at_once(app, clients, "POST", f"/pledge/admin/{pledge_id}/draft", "pledge_version")
    assert [r.status_code for r in responses] == [302, 302]
    assert responses[0].location == responses[1].location
    assert _count(PledgeVersion, pledge_id=pledge_id, status=DRAFT) == 1


def test_starting_a_new_survey_version_twice_at_once_starts_one(app, world, sign_in):
    from app.extensions import db
    from app.surveys.models import SurveyVersion

    from .. import factories

    survey_id = factories.survey_wave(world.a.authority).version.survey_id  # its one version is locked by the wave
    db.session.commit()
    before = _count(SurveyVersion, survey_id=survey_id)
    clients = [sign_in(world.a.council_admin), sign_in(world.a.council_admin)]
    responses = twice_at_once(app, clients, "POST", f"/staff/surveys/definitions/{survey_id}/versions", "survey_version")
    assert [r.status_code for r in responses] == [302, 302]
    assert responses[0].location == responses[1].location
    assert _count(SurveyVersion, survey_id=survey_id) == before + 1
