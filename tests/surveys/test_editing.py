"""Adding questions to a council's own draft version and changing a choice question's answers."""
import re

import pytest

from app.extensions import db
from app.errors import RuleBroken
from app.surveys import definitions
from app.surveys.models import FACES, KINDS, MULTIPLE, SCALE10, SINGLE, TEXT, YES_SOMETIMES_NO, SurveyQuestion
from tests import factories


def _own_draft(authority, key="heard-8-11"):
    original = definitions.install(authority.id, key)
    return definitions.copy_survey(original, "Our own").latest


@pytest.mark.parametrize("kind", KINDS)
def test_adding_a_question_of_each_kind(db, kind):
    authority = factories.authority()
    version = _own_draft(authority)
    section = version.sections[1]
    before = [q.key for q in version.questions]
    q = definitions.add_question(section, kind=kind, text={"en": "  How is your bedroom? ", "ar": ""}, hint={"en": "Think about this week"},
                                 options="Too small\n\nJust right\nToo big\n")
    assert q.section is section and section.questions[-1] is q
    assert q.text == {"en": "How is your bedroom?"} and q.hint == {"en": "Think about this week"}
    assert q.key not in before and q.key.startswith(f"c{authority.id}:")
    if kind in (SINGLE, MULTIPLE):
        assert [o["label"] for o in q.options] == [{"en": "Too small"}, {"en": "Just right"}, {"en": "Too big"}]
        assert len(set(q.values)) == 3 and not any(o["positive"] for o in q.options)
    elif kind == TEXT:
        assert q.options == []
    else:
        assert q.options == definitions.standard_options(kind)
        assert {FACES: 5, SCALE10: 11, YES_SOMETIMES_NO: 3}[kind] == len(q.options)
    # Two councils adding a question never share its identity.
    other = definitions.add_question(_own_draft(factories.authority()).sections[1], kind=kind, text={"en": "How is your bedroom?"}, options="A\nB")
    assert other.key != q.key


def test_a_new_question_needs_english_words_and_choices_need_two_answers(db):
    section = _own_draft(factories.authority()).sections[0]
    with pytest.raises(RuleBroken) as error:
        definitions.add_question(section, kind=FACES, text={"en": "  ", "ar": "سؤال"})
    assert error.value.reason == "text"
    for bad, reason in (("Only one", "options"), ("Same\nsame", "options_repeated"), ("x" * 201 + "\nB", "options_long")):
        with pytest.raises(RuleBroken) as error:
            definitions.add_question(section, kind=SINGLE, text={"en": "Which?"}, options=bad)
        assert error.value.reason == reason


def test_changing_answers_of_a_question_already_asked_gives_it_a_new_identity(db):
    wave = factories.survey_wave(factories.authority(), "heard-8-11")
    draft = definitions.new_version(wave.version.survey)
    q = next(q for q in draft.questions if q.key == "heard:family")
    labels = [o["label"]["en"] for o in q.options]

    # Only a new order: still the same question, with its translations and values.
    definitions.change_options(q, "\n".join(reversed(labels)))
    assert q.key == "heard:family" and [o["value"] for o in q.options] == ["none", "more", "right", "less"]
    assert q.options[2]["positive"] and q.options[2]["label"]["ar"]

    # One answer reworded: a new question; unchanged answers keep their values and translations.
    definitions.change_options(q, "\n".join(labels[:-1] + ["I have no contact at all"]))
    assert q.key.startswith("heard:family~")
    assert [o["value"] for o in q.options][:3] == ["less", "right", "more"] and q.options[3]["value"] not in ("none", "less", "right", "more")
    assert q.options[3]["label"] == {"en": "I have no contact at all"} and q.options[0]["label"]["ti"]
    # The version already used is untouched.
    old = next(q for q in wave.version.questions if q.key == "heard:family")
    assert [o["value"] for o in old.options] == ["less", "right", "more", "none"]


def test_adding_or_removing_an_answer_also_gives_a_new_identity_and_follow_ups_follow(db):
    wave = factories.survey_wave(factories.authority(), "heard-11-17")
    draft = definitions.new_version(wave.version.survey)
    added = next(q for q in draft.questions if q.key == "heard:workers-count")
    definitions.change_options(added, "\n".join(o["label"]["en"] for o in added.options) + "\nMore than five")
    assert added.key.startswith("heard:workers-count~") and len(added.options) == 5

    removed = next(q for q in draft.questions if q.key == "heard:better")
    definitions.change_options(removed, "\n".join(o["label"]["en"] for o in removed.options[:-1]))
    assert removed.key.startswith("heard:better~") and removed.values == ["better", "same", "worse"]

    # A follow-up keeps following its question, but an answer it depends on cannot go.
    parent = next(q for q in draft.questions if q.key == "heard:why-care")
    follow_up = next(q for q in draft.questions if q.key == "heard:why-care.explain")
    definitions.change_options(follow_up, "Yes\nNo\nPartly")
    assert follow_up.key.startswith("heard:why-care.explain~")
    assert parent.kind == YES_SOMETIMES_NO
    with pytest.raises(RuleBroken) as error:
        definitions.change_options(parent, "A\nB")
    assert error.value.reason == "kind"


def test_a_follow_up_answer_cannot_be_taken_away(db):
    version = _own_draft(factories.authority())
    section = version.sections[0]
    parent = definitions.add_question(section, kind=SINGLE, text={"en": "Pick"}, options="Red\nBlue")
    section.questions.append(SurveyQuestion(authority_id=version.authority_id, version_id=version.id, position=99, key="x:why", kind=TEXT,
                                            text={"en": "Why?"}, options=[], show_if={"question": parent.key, "values": [parent.values[1]]}))
    db.session.flush()
    with pytest.raises(RuleBroken) as error:
        definitions.change_options(parent, "Red\nGreen")
    assert error.value.reason == "followed"
    definitions.change_options(parent, "Blue\nRed\nGreen")  # never asked: words change in place
    assert parent.key.startswith(f"c{version.authority_id}:") and "~" not in parent.key


def test_a_used_version_cannot_be_changed(db):
    wave = factories.survey_wave(factories.authority(), "heard-11-17")
    q = next(q for q in wave.version.questions if q.key == "heard:family")
    with pytest.raises(RuleBroken) as error:
        definitions.change_options(q, "A\nB")
    assert error.value.reason == "locked"
    with pytest.raises(RuleBroken) as error:
        definitions.add_question(wave.version.sections[0], kind=FACES, text={"en": "New?"})
    assert error.value.reason == "locked"


# --- pages ---------------------------------------------------------------------------------


def _admin_client(sign_in, authority):
    return sign_in(factories.staff(authority, "council_admin"))


def test_admin_adds_a_question_and_changes_its_answers_through_the_pages(app, db, sign_in):
    authority = factories.authority()
    version = _own_draft(authority)
    client = _admin_client(sign_in, authority)
    page = client.get(f"/staff/surveys/definitions/{version.survey_id}").get_data(as_text=True)
    section_id = re.search(r"/staff/surveys/sections/(\d+)/questions/new", page).group(1)
    form = client.get(f"/staff/surveys/sections/{section_id}/questions/new").get_data(as_text=True)
    assert 'name="kind"' in form and 'name="options"' in form and 'name="text_en"' in form
    saved = client.post(f"/staff/surveys/sections/{section_id}/questions/new",
                        data={"kind": "multiple", "text_en": "Which clubs do you go to?", "hint_en": "", "options": "Football\nDrama\nCoding"})
    assert saved.status_code == 302
    q = next(x for x in version.questions if x.text.get("en") == "Which clubs do you go to?")
    assert q.kind == MULTIPLE and [o["label"]["en"] for o in q.options] == ["Football", "Drama", "Coding"]

    page = client.get(f"/staff/surveys/definitions/{version.survey_id}").get_data(as_text=True)
    assert "Which clubs do you go to?" in page and f"/staff/surveys/questions/{q.id}/answers" in page
    answers_form = client.get(f"/staff/surveys/questions/{q.id}/answers").get_data(as_text=True)
    assert "Football\nDrama\nCoding" in answers_form
    changed = client.post(f"/staff/surveys/questions/{q.id}/answers", data={"options": "Football\nDrama\nCoding\nMusic"})
    assert changed.status_code == 302
    db.session.refresh(q)
    assert [o["label"]["en"] for o in q.options][-1] == "Music"


def test_bad_input_is_explained_and_keeps_what_was_typed(app, db, sign_in):
    authority = factories.authority()
    version = _own_draft(authority)
    client = _admin_client(sign_in, authority)
    section = version.sections[0]
    count = len(version.questions)
    response = client.post(f"/staff/surveys/sections/{section.id}/questions/new",
                           data={"kind": "single", "text_en": "Do you have a <b>pet</b>?", "hint_en": "Any animal", "options": "Dog only"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Give at least two answers to choose from, one a line" in page and "govuk-error-summary" in page
    assert "Do you have a &lt;b&gt;pet&lt;/b&gt;?" in page and "Any animal" in page and "Dog only" in page
    assert 'value="single" checked' in page
    response = client.post(f"/staff/surveys/sections/{section.id}/questions/new", data={"text_en": "", "options": "Cat\nDog"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Enter the question in English" in page and "Choose the kind of answer" in page and "Cat\nDog" in page

    q = next(q for q in version.questions if q.kind == SINGLE and not q.records)
    response = client.post(f"/staff/surveys/questions/{q.id}/answers", data={"options": "Same\nsame\nOther"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Give each answer only once" in page and "Same\nsame\nOther" in page
    db.session.expire_all()
    assert len(version.questions) == count


def test_a_used_version_and_another_councils_survey_cannot_be_changed_through_the_pages(app, db, sign_in):
    authority = factories.authority()
    wave = factories.survey_wave(authority, "heard-11-17")
    db.session.commit()
    client = _admin_client(sign_in, authority)
    used_q = next(q for q in wave.version.questions if q.key == "heard:family")
    for url, data in ((f"/staff/surveys/questions/{used_q.id}/answers", {"options": "A\nB"}),
                      (f"/staff/surveys/sections/{wave.version.sections[0].id}/questions/new", {"kind": "faces", "text_en": "New?"})):
        response = client.post(url, data=data)
        assert response.status_code == 302 and "/definitions/" in response.location
    db.session.expire_all()
    assert [o["value"] for o in used_q.options] == ["less", "right", "more", "none"]
    assert "New?" not in [q.text.get("en") for q in wave.version.questions]

    other_version = _own_draft(factories.authority())
    other_q = next(q for q in other_version.questions if q.kind == SINGLE and not q.records)
    db.session.commit()
    assert client.get(f"/staff/surveys/questions/{other_q.id}/answers").status_code == 404
    assert client.post(f"/staff/surveys/questions/{other_q.id}/answers", data={"options": "A\nB"}).status_code == 404
    assert client.post(f"/staff/surveys/sections/{other_version.sections[0].id}/questions/new", data={"kind": "faces", "text_en": "New?"}).status_code == 404
    # A participation officer may look but not change.
    officer = sign_in(factories.staff(authority, "participation_officer"))
    assert officer.post(f"/staff/surveys/questions/{used_q.id}/answers", data={"options": "A\nB"}).status_code == 403
