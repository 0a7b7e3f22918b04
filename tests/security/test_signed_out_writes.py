"""A step posted after the session ran out: the writer's own browser keeps it, never the server.

Whoever posts to a review step while signed out gets the same page for every address (the sign-in
page, holding the step's fields within their limits), and nothing is looked up or stored. Once a
young person signs in from that page, the text goes into their own draft only, through the
ordinary save (and its safeguarding screen)."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from app.extensions import db
from app.moderation.models import SafeguardingAlert
from app.reviews.forms import EarlyMeetingForm, HelperForm, MeetingForm, ReadersForm, TopicForm, WishesForm
from app.reviews.models import ViewsSubmission

from .. import factories
from ..helpers import SignInFormOnPage


def _carried(page) -> dict[str, list[str]]:
    return SignInFormOnPage(page).carried()


def _sign_in_from(client, page, person, password=factories.PASSWORD):
    """Sign in with the form on `page`, as the browser would send it."""
    return SignInFormOnPage(page).submit(client, person.username, password)


def _expire(client):
    with client.session_transaction() as session:
        session["seen"] = 0  # last used in 1970: the idle limit has long passed


def _setup(council=None):
    council = council or factories.authority()
    iro = factories.staff(council, "iro")
    person = factories.young_person(council, iro_id=iro.id)
    review = factories.review(person, iro=iro)
    db.session.commit()
    return person, review


def _rows() -> dict[str, int]:
    return {table.name: db.session.scalar(select(func.count()).select_from(table)) for table in db.metadata.sorted_tables}


def _draft_of(person):
    db.session.expire_all()
    return db.session.scalars(select(ViewsSubmission).where(ViewsSubmission.young_person_id == person.id)).one()


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def _answer(response, review_id):
    """What a stranger can see of an answer, with the id they typed taken out."""
    body = response.get_data(as_text=True).replace(f"/{review_id}/", "/ID/")
    body = re.sub(r'name="csrf_token" value="[^"]*"', "", body)  # masked afresh for every page
    return response.status_code, (response.headers.get("Location") or "").replace(f"%2F{review_id}%2F", "%2FID%2F"), body


def test_a_signed_out_post_gets_the_same_answer_for_every_id(app, sign_in):
    person, with_draft = _setup()
    sign_in(person).get(f"/my/reviews/{with_draft.id}/going-well/")  # the draft exists
    _, without_draft = _setup()
    elsewhere, other_council = _setup(factories.authority())
    sign_in(elsewhere).get(f"/my/reviews/{other_council.id}/going-well/")
    missing = other_council.id + 1000

    answers = []
    for review_id in (with_draft.id, without_draft.id, other_council.id, missing):
        for session_ran_out in (False, True):
            client = sign_in(person) if session_ran_out else app.test_client()
            if session_ran_out:
                _expire(client)
            response = client.post(f"/my/reviews/{review_id}/going-well/", data={"text": "Hello", "revision": "1"})
            answers.append(_answer(response, review_id))
    for answer in answers:
        assert answer == answers[0]
    assert answers[0][0] == 200 and 'action="/sign-in"' in answers[0][2]


def test_nothing_is_stored_or_changed_for_a_signed_out_post(app, sign_in):
    person, review = _setup()
    sign_in(person).post(f"/my/reviews/{review.id}/going-well/", data={"text": "Mine"})
    before = _rows()
    stranger = app.test_client()
    for n in range(5):
        stranger.post(f"/my/reviews/{review.id}/going-well/", data={"text": f"spam {n}"})
        stranger.post(f"/my/reviews/{review.id}/send", data={"key": "k"})
    assert _rows() == before
    assert _draft_of(person).answers["going-well"]["text"] == "Mine"


def test_a_cross_site_post_is_refused_and_carries_nothing(csrf_on, app, sign_in):
    person, review = _setup()
    sign_in(person).get(f"/my/reviews/{review.id}/going-well/")  # the draft exists
    before = _rows()
    response = app.test_client().post(f"/my/reviews/{review.id}/going-well/", data={"text": "Planted"})
    assert response.status_code == 400 and "This form timed out" in response.get_data(as_text=True)
    assert "Planted" not in response.get_data(as_text=True)
    assert _rows() == before


def test_a_session_that_ran_out_with_a_good_token_is_carried(csrf_on, app, sign_in):
    person, review = _setup()
    phone = sign_in(person)
    page = phone.get(f"/my/reviews/{review.id}/going-well/").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    _expire(phone)
    answer = phone.post(f"/my/reviews/{review.id}/going-well/", data={"text": "Kept by the browser", "csrf_token": token})
    assert answer.status_code == 200
    assert _carried(answer)["carried-text"] == ["Kept by the browser"]
    landed = _sign_in_from(phone, answer, person)
    assert landed.status_code == 302 and landed.location.endswith(f"/my/reviews/{review.id}/going-well/")
    assert _draft_of(person).answers["going-well"]["text"] == "Kept by the browser"


def test_only_the_steps_own_fields_within_their_limits_are_carried(app):
    client = app.test_client()
    page = client.post(
        "/my/reviews/7/wishes/",
        data={"wishes-0": "A bike", "wishes-1": "x" * 5001, "wishes-2": "y" * 5000, "wishes-25": "Too many", "text": "Not a wish", "evil": "z",
              "revision": "12", "action": "next"},
    )
    carried = _carried(page)
    assert carried["carried_to"] == ["/my/reviews/7/wishes/"]
    assert carried["carried-wishes-0"] == ["A bike"] and carried["carried-wishes-2"] == ["y" * 5000]
    assert carried["carried-revision"] == ["12"]
    assert not {"carried-wishes-1", "carried-wishes-25", "carried-text", "carried-evil", "carried-action"} & set(carried)

    topic = _carried(client.post("/my/reviews/7/going-well/", data=MultiDict([("text", "First"), ("text", "Second"), ("face", "happy"), ("face", "x" * 100)])))
    assert topic["carried-text"] == ["First"] and topic["carried-face"] == ["happy"]
    readers = _carried(client.post("/my/reviews/7/who-reads-it/", data=MultiDict([("readers", "iro"), ("readers", "worker")] + [("readers", "iro")] * 50)))
    assert len(readers["carried-readers"]) <= 2
    nonsense = _carried(client.post("/my/reviews/7/no-such-step/", data={"text": "Hello"}))
    assert set(nonsense) == {"carried_to"}


def test_the_sign_in_page_re_checks_what_it_carries(app):
    """What comes back with the sign-in form is filtered again: it is only what the browser sent."""
    client = app.test_client()
    page = client.post(
        "/sign-in",
        data={"identifier": "nobody", "password": "wrong", "carried_to": "/my/reviews/7/going-well/", "carried-text": "Still here",
              "carried-evil": "z", "carried-face": "x" * 100},
    )
    assert page.status_code == 200 and "That username or password is not right" in page.get_data(as_text=True)
    assert _carried(page) == {"carried_to": ["/my/reviews/7/going-well/"], "carried-text": ["Still here"]}
    elsewhere = _carried(client.post("/sign-in", data={"identifier": "nobody", "password": "wrong", "carried_to": "https://evil.example/x", "carried-text": "Hi"}))
    assert elsewhere == {}


def test_every_field_of_every_step_form_can_be_carried():
    from app.reviews import carried

    for form_class in (TopicForm, WishesForm, HelperForm, MeetingForm, EarlyMeetingForm, ReadersForm):
        names = {name for name in dir(form_class) if hasattr(getattr(form_class, name), "field_class")}
        assert names <= carried.carried_names(), form_class.__name__


def test_a_young_person_whose_session_ran_out_mid_step_signs_in_and_finds_their_text(app, sign_in):
    person, review = _setup()
    phone = sign_in(person)
    phone.post(f"/my/reviews/{review.id}/going-well/", data={"text": "My room is nice"})
    revision = str(_draft_of(person).revision)
    _expire(phone)
    answer = phone.post(f"/my/reviews/{review.id}/worries/", data={"text": "Typed after the session ran out", "revision": revision, "action": "next"})
    assert answer.status_code == 200
    assert "what you wrote is kept" in answer.get_data(as_text=True)
    assert "worries" not in _draft_of(person).answers  # not on the server yet: in the page

    wrong = _sign_in_from(phone, answer, person, password="wrong")
    assert _carried(wrong)["carried-text"] == ["Typed after the session ran out"]  # a wrong password loses nothing

    landed = _sign_in_from(phone, wrong, person)
    assert landed.status_code == 302 and landed.location.endswith(f"/my/reviews/{review.id}/worries/")
    step = phone.get(landed.location).get_data(as_text=True)
    assert "We kept what you wrote" in step and "Typed after the session ran out" in step
    draft = _draft_of(person)
    assert draft.answers["going-well"]["text"] == "My room is nice"
    assert draft.answers["worries"]["text"] == "Typed after the session ran out"


def test_carried_words_that_suggest_risk_are_screened_like_any_save(app, sign_in):
    person, review = _setup()
    phone = sign_in(person)
    phone.get(f"/my/reviews/{review.id}/worries/")
    _expire(phone)
    answer = phone.post(f"/my/reviews/{review.id}/worries/", data={"text": "Sometimes I want to kill myself"})
    landed = _sign_in_from(phone, answer, person)
    alert = db.session.query(SafeguardingAlert).one()
    assert alert.young_person_id == person.id and alert.source == "reviews.draft"
    assert landed.status_code == 302 and f"/my/help/told/{alert.id}" in landed.location


def test_text_carried_to_someone_elses_review_does_nothing_and_says_nothing(app, sign_in):
    person, review = _setup()
    sign_in(person).post(f"/my/reviews/{review.id}/going-well/", data={"text": "Mine"})
    same_council = factories.young_person(person.authority, username="intruder")
    other_council, _ = _setup(factories.authority())
    db.session.commit()
    before = _rows()
    for intruder in (same_council, other_council):
        client = app.test_client()
        for path in (f"/my/reviews/{review.id}/going-well/", f"/my/reviews/{review.id}/send"):
            answer = client.post(path, data={"text": "Not yours", "key": "k"})
            landed = _sign_in_from(client, answer, intruder)
            assert landed.status_code == 302 and landed.location.endswith("/my/")  # their own home, as after any sign-in
            home = client.get(landed.location).get_data(as_text=True)
            assert "We kept what you wrote" not in home and "Not yours" not in home
            client.post("/sign-out")
    assert _draft_of(person).answers["going-well"]["text"] == "Mine"
    after = _rows()
    # Only what any sign-in and sign-out writes: their own session, the audit log, the day they signed in.
    assert {k for k in after if after[k] != before[k]} <= {"audit_event", "login_session", "sign_in_day", "user"}


def test_a_huge_or_odd_carried_address_is_ignored(app, sign_in):
    person, review = _setup()
    client = app.test_client()
    for to in (f"/my/reviews/{2**70}/going-well/", "/my/reviews/1/going-well/\n", "/sign-out", "//evil.example/my/reviews/1/going-well/"):
        response = client.post("/sign-in", data={"identifier": person.username, "password": factories.PASSWORD, "carried_to": to, "carried-text": "x"})
        assert response.status_code == 302 and response.location.endswith("/my/")
        client.post("/sign-out")


def test_a_step_cut_on_the_way_leaves_what_was_saved(app, sign_in):
    person, review = _setup()
    phone = sign_in(person)
    phone.post(f"/my/reviews/{review.id}/going-well/", data={"text": "Saved before"})
    _expire(phone)
    answer = phone.post(f"/my/reviews/{review.id}/going-well/", data={"text": "x" * 5001, "face": "happy"})
    assert "carried-text" not in _carried(answer)  # too long to carry
    landed = _sign_in_from(phone, answer, person)
    assert landed.location.endswith(f"/my/reviews/{review.id}/going-well/")
    assert _draft_of(person).answers["going-well"] == {"text": "Saved before"}
