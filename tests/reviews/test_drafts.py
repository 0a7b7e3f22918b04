"""Nothing is lost: drafts resume anywhere, and a step sent after the session ran out is kept by the page."""
from __future__ import annotations

from app.extensions import db
from app.reviews.models import ViewsSubmission

from .. import factories
from ..helpers import SignInFormOnPage


def _setup():
    council = factories.authority()
    iro = factories.staff(council, "iro")
    person = factories.young_person(council, iro_id=iro.id)
    review = factories.review(person, iro=iro)
    db.session.commit()
    return person, review


def _sign_in_for_real(client, person, follow=True):
    return client.post("/sign-in", data={"identifier": person.username, "password": factories.PASSWORD}, follow_redirects=follow)


def _expire(client):
    with client.session_transaction() as session:
        session["seen"] = 0  # last used in 1970: the idle limit has long passed


def _draft():
    db.session.expire_all()
    return db.session.query(ViewsSubmission).one()


def test_typing_losing_the_session_and_signing_in_on_another_client_resumes_the_same_draft(app, sign_in):
    person, review = _setup()
    phone = sign_in(person)
    assert phone.post(f"/my/reviews/{review.id}/going-well/", data={"text": "My room is nice"}).status_code == 302

    _expire(phone)
    page = phone.post(f"/my/reviews/{review.id}/worries/", data={"text": "Typed after the session ran out"})
    assert page.status_code == 200 and "Sign in to Heard" in page.get_data(as_text=True)
    assert "worries" not in _draft().answers  # not saved yet: the page holds it
    landed = SignInFormOnPage(page).submit(phone, person.username, factories.PASSWORD)
    assert landed.location.endswith(f"/my/reviews/{review.id}/worries/")
    assert "We kept what you wrote" in phone.get(landed.location).get_data(as_text=True)

    laptop = app.test_client()  # another device
    assert _sign_in_for_real(laptop, person).status_code == 200
    draft = _draft()
    assert draft.answers["going-well"]["text"] == "My room is nice"
    assert draft.answers["worries"]["text"] == "Typed after the session ran out"
    assert db.session.query(ViewsSubmission).count() == 1
    step = laptop.get(f"/my/reviews/{review.id}/worries/").get_data(as_text=True)
    assert "Typed after the session ran out" in step and "We kept what you wrote" not in step


def test_a_step_posted_with_no_session_at_all_is_saved_after_signing_in_from_that_page(app):
    person, review = _setup()
    client = app.test_client()
    _sign_in_for_real(client, person)
    client.post(f"/my/reviews/{review.id}/worries/", data={"text": ""})  # the draft exists from the first save
    client.post("/sign-out")
    page = client.post(f"/my/reviews/{review.id}/going-well/", data={"text": "Written on the bus"})
    assert page.status_code == 200
    landed = SignInFormOnPage(page).submit(client, person.username, factories.PASSWORD)
    step = client.get(landed.location).get_data(as_text=True)
    assert "Written on the bus" in step  # back on the step, text in place
    assert _draft().answers["going-well"]["text"] == "Written on the bus"


def test_a_carried_step_never_lands_in_someone_elses_draft(app, sign_in):
    person, review = _setup()
    sign_in(person).post(f"/my/reviews/{review.id}/worries/", data={"text": ""})  # the draft exists
    intruder = factories.young_person(db.session.get(type(person), person.id).authority, username="intruder")
    db.session.commit()
    client = app.test_client()
    page = client.post(f"/my/reviews/{review.id}/going-well/", data={"text": "Not yours"})
    SignInFormOnPage(page).submit(client, intruder.username, factories.PASSWORD)
    client.get("/my/reviews/")
    assert "going-well" not in _draft().answers


def test_each_step_saves_on_the_server_and_back_and_later_keep_it(sign_in):
    person, review = _setup()
    client = sign_in(person)
    response = client.post(f"/my/reviews/{review.id}/worries/", data={"text": "A worry", "action": "back"})
    assert response.location.endswith(f"/my/reviews/{review.id}/going-well/")
    response = client.post(f"/my/reviews/{review.id}/going-well/", data={"text": "Good things", "action": "later"})
    assert response.location.endswith(f"/my/reviews/{review.id}/")
    draft = _draft()
    assert draft.answers == {"worries": {"text": "A worry"}, "going-well": {"text": "Good things"}}
    assert draft.last_step == "going-well"
    overview = client.get(f"/my/reviews/{review.id}/").get_data(as_text=True)
    assert "Carry on where I stopped" in overview


def test_wishes_are_separate_items_and_another_box_can_be_added_without_javascript(sign_in):
    person, review = _setup()
    client = sign_in(person)
    response = client.post(f"/my/reviews/{review.id}/wishes/", data={"wishes-0": "See my dad", "action": "add_wish"})
    assert "more=1" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "See my dad" in page and 'name="wishes-1"' in page
    client.post(f"/my/reviews/{review.id}/wishes/", data={"wishes-0": "See my dad", "wishes-1": "A bike"})
    assert [w.text for w in _draft().wishes] == ["See my dad", "A bike"]
    client.post(f"/my/reviews/{review.id}/wishes/", data={"wishes-0": "", "wishes-1": "A bike"})
    assert [w.text for w in _draft().wishes] == ["A bike"]


def test_age_versions_and_the_trusted_adult(sign_in):
    council = factories.authority()
    iro = factories.staff(council, "iro")
    small = factories.young_person(council, iro_id=iro.id, age=6)
    leaver = factories.young_person(council, iro_id=iro.id, age=19, care_status="care_leaver")
    small_review = factories.review(small, iro=iro)
    leaver_review = factories.review(leaver, iro=iro, kind="pathway")
    db.session.commit()

    child = sign_in(small)
    first = child.get(f"/my/reviews/{small_review.id}/helper/").get_data(as_text=True)
    assert "Step 1 of 11" in first and "Who is helping you?" in first
    child.post(f"/my/reviews/{small_review.id}/helper/", data={"helped": "y", "helper_name": "My foster carer"})
    faces = child.get(f"/my/reviews/{small_review.id}/going-well/").get_data(as_text=True)
    assert "heard-face" in faces and "Happy" in faces and "What makes you happy?" in faces
    child.post(f"/my/reviews/{small_review.id}/going-well/", data={"face": "happy"})
    submission = db.session.query(ViewsSubmission).filter_by(young_person_id=small.id).one()
    assert submission.version == "early" and submission.helped_by_trusted_adult and submission.helper_name == "My foster carer"
    assert submission.answers["going-well"] == {"text": "", "face": "happy"}

    adult = sign_in(leaver)
    page = adult.get(f"/my/reviews/{leaver_review.id}/money/").get_data(as_text=True)
    assert "Money" in page and "Step 5 of 13" in page
    assert adult.get(f"/my/reviews/{leaver_review.id}/helper/").status_code == 404


def test_sending_after_the_session_ran_out_leads_back_to_the_check_page(app, sign_in):
    person, review = _setup()
    phone = sign_in(person)
    phone.post(f"/my/reviews/{review.id}/going-well/", data={"text": "Ready to send"})
    _expire(phone)
    answer = phone.post(f"/my/reviews/{review.id}/send", data={"key": "k"})
    assert "Sign in to carry on" in answer.get_data(as_text=True)
    page = SignInFormOnPage(answer).submit(phone, person.username, factories.PASSWORD)
    page = phone.get(page.location)
    assert "Check your answers" in page.get_data(as_text=True) and "Ready to send" in page.get_data(as_text=True)
    assert _draft().status == "draft"


def test_switching_to_simpler_words_keeps_every_answer_visible(sign_in):
    person, review = _setup()
    client = sign_in(person)
    client.post(f"/my/reviews/{review.id}/plan/", data={"text": "I want to stay here"})
    assert "Want pictures or simpler words?" in client.get(f"/my/reviews/{review.id}/").get_data(as_text=True)
    client.post(f"/my/reviews/{review.id}/version", data={"version": "early"})
    draft = _draft()
    assert draft.version == "early" and draft.answers["plan"]["text"] == "I want to stay here"
    assert client.get(f"/my/reviews/{review.id}/helper/").status_code == 200  # the pictures version's first step
    check = client.get(f"/my/reviews/{review.id}/check/").get_data(as_text=True)
    assert "I want to stay here" in check  # "plan" is not an early step, but the answer still shows
    client.post(f"/my/reviews/{review.id}/version", data={"version": "leaver"})
    assert _draft().version == "early"  # not a choice for a child in care
