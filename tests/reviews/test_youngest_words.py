"""The youngest children's meeting step speaks their words: no "IRO", no "advocate"."""
from __future__ import annotations

import re

from app.extensions import db

from .. import factories


def _meeting_step(sign_in, age):
    council = factories.authority(advocacy_phone="0300 555 0142")
    iro = factories.staff(council, "iro")
    child = factories.young_person(council, iro_id=iro.id, age=age)
    review = factories.review(child, iro=iro)
    db.session.commit()
    page = sign_in(child).get(f"/my/reviews/{review.id}/meeting/").get_data(as_text=True)
    return re.search(r"<main.*</main>", page, re.S).group(0)


def test_a_child_of_five_is_asked_about_their_meeting_in_simple_words(sign_in):
    main = _meeting_step(sign_in, age=5)
    text = re.sub(r"<[^>]+>", " ", main)
    assert not re.search(r"\bIRO\b", text), text
    assert not re.search(r"advocate", text, re.I), text
    assert not re.search(r"interpreter", text, re.I), text
    assert "someone on your side" in text and "0300 555 0142" in text


def test_older_children_keep_the_words_they_will_hear_at_the_meeting(sign_in):
    text = re.sub(r"<[^>]+>", " ", _meeting_step(sign_in, age=13))
    assert "IRO" in text and "advocate" in text
