"""Two phones, one step: a save made from a page that is out of date never silently replaces a
newer one. Both texts are kept and the young person chooses (no JavaScript needed)."""
from __future__ import annotations

import re

from app.extensions import db
from app.reviews.models import ViewsSubmission

from .. import factories


def _setup():
    council = factories.authority()
    iro = factories.staff(council, "iro")
    person = factories.young_person(council, iro_id=iro.id)
    review = factories.review(person, iro=iro)
    db.session.commit()
    return person, review


def _draft():
    db.session.expire_all()
    return db.session.query(ViewsSubmission).one()


def _open(phone, url) -> dict:
    """What the step's form sends besides the answers (the draft's version, when it has one)."""
    page = phone.get(url).get_data(as_text=True)
    found = re.search(r'name="revision" value="(\d+)"', page)
    return {"revision": found.group(1)} if found else {}


def _two_phones_on_going_well(sign_in):
    person, review = _setup()
    url = f"/my/reviews/{review.id}/going-well/"
    phone_a, phone_b = sign_in(person), sign_in(person)
    seen_a, seen_b = _open(phone_a, url), _open(phone_b, url)
    assert phone_a.post(url, data={"text": "Zara on phone A", "action": "next", **seen_a}).status_code == 302
    response = phone_b.post(url, data={"text": "Zara on phone B", "action": "next", **seen_b})
    return review, url, phone_b, response


def test_a_save_from_an_old_page_keeps_the_newer_text_and_both_are_offered(sign_in):
    review, url, phone_b, response = _two_phones_on_going_well(sign_in)
    assert _draft().answers["going-well"]["text"] == "Zara on phone A"
    assert response.status_code == 302 and response.location.endswith(url)  # back to choose
    page = phone_b.get(url).get_data(as_text=True)
    assert "Zara on phone A" in page and "Zara on phone B" in page
    for choice in ("first", "second", "both"):
        assert f'name="choice" value="{choice}"' in page
    assert '<textarea' not in page  # nothing more to type until they have chosen


def test_the_young_person_keeps_the_later_text(sign_in):
    review, url, phone_b, _response = _two_phones_on_going_well(sign_in)
    seen = _open(phone_b, url)
    assert phone_b.post(url, data={"choice": "second", **seen}).location.endswith(url)
    draft = _draft()
    assert draft.answers["going-well"]["text"] == "Zara on phone B"
    assert not (draft.held or {})
    page = phone_b.get(url).get_data(as_text=True)
    assert "Zara on phone A" not in page and ">Zara on phone B</textarea>" in page


def test_keeping_both_puts_the_two_texts_together(sign_in):
    review, url, phone_b, _response = _two_phones_on_going_well(sign_in)
    phone_b.post(url, data={"choice": "both", **_open(phone_b, url)})
    assert _draft().answers["going-well"]["text"] == "Zara on phone A\n\nZara on phone B"


def test_keeping_the_first_text_lets_the_second_go(sign_in):
    review, url, phone_b, _response = _two_phones_on_going_well(sign_in)
    phone_b.post(url, data={"choice": "first", **_open(phone_b, url)})
    draft = _draft()
    assert draft.answers["going-well"]["text"] == "Zara on phone A" and not (draft.held or {})


def test_another_step_saved_elsewhere_is_no_conflict(sign_in):
    person, review = _setup()
    phone_a, phone_b = sign_in(person), sign_in(person)
    going_well, worries = f"/my/reviews/{review.id}/going-well/", f"/my/reviews/{review.id}/worries/"
    seen_b = _open(phone_b, going_well)
    phone_a.post(worries, data={"text": "Moving school", "action": "next", **_open(phone_a, worries)})
    phone_b.post(going_well, data={"text": "Football", "action": "next", **seen_b})
    answers = _draft().answers
    assert answers["worries"]["text"] == "Moving school" and answers["going-well"]["text"] == "Football"


def test_the_same_words_from_two_phones_are_no_conflict(sign_in):
    person, review = _setup()
    url = f"/my/reviews/{review.id}/going-well/"
    phone_a, phone_b = sign_in(person), sign_in(person)
    seen_a, seen_b = _open(phone_a, url), _open(phone_b, url)
    phone_a.post(url, data={"text": "Football", "action": "next", **seen_a})
    response = phone_b.post(url, data={"text": "Football ", "action": "next", **seen_b})
    assert not response.location.endswith(url) and not (_draft().held or {})


def test_wishes_from_two_phones_can_both_be_kept(sign_in):
    person, review = _setup()
    url = f"/my/reviews/{review.id}/wishes/"
    phone_a, phone_b = sign_in(person), sign_in(person)
    seen_a, seen_b = _open(phone_a, url), _open(phone_b, url)
    phone_a.post(url, data={"wishes-0": "See my brother", "action": "next", **seen_a})
    phone_b.post(url, data={"wishes-0": "A bike", "wishes-1": "See my brother", "action": "next", **seen_b})
    assert [w.text for w in _draft().wishes] == ["See my brother"]
    phone_b.post(url, data={"choice": "both", **_open(phone_b, url)})
    assert [w.text for w in _draft().wishes] == ["See my brother", "A bike"]


def test_views_wait_to_be_sent_until_the_young_person_has_chosen(sign_in):
    review, url, phone_b, _response = _two_phones_on_going_well(sign_in)
    check = phone_b.get(f"/my/reviews/{review.id}/check/").get_data(as_text=True)
    assert "Choose which to keep before you send" in check and url in check
    phone_b.post(f"/my/reviews/{review.id}/send", data={"key": "k" * 20})
    assert _draft().status == "draft"
