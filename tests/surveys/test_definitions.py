"""Our shipped surveys, their translations, and the rule that a question's meaning never changes."""
import json

import pytest

from app.i18n.locales import LANGUAGES
from app.errors import RuleBroken
from app.surveys import definitions
from app.surveys.models import FACES, MULTIPLE, SCALE10, SINGLE, TEXT, YES_SOMETIMES_NO
from tests import factories

DOMAINS = {
    "heard-4-7": {"heard:adult-young", "heard:carers-faces", "heard:worker-know", "heard:family-enough", "heard:friend", "heard:safe", "heard:school-faces", "heard:play", "heard:listen", "heard:why-told", "heard:like-home", "heard:most-days", "heard:worries-young"},
    "heard-8-11": {"heard:adult", "heard:carers-help", "heard:worker-know", "heard:family", "heard:friend", "heard:school-faces", "heard:fun", "heard:safe", "heard:say", "heard:why-care", "heard:settled", "heard:better", "heard:worries"},
    "heard-11-17": {"heard:adult", "heard:carers-help", "heard:worker-know", "heard:family", "heard:friend", "heard:school-like", "heard:fun", "heard:safe", "heard:say", "heard:why-care", "heard:settled", "heard:better", "heard:worries", "ons:life"},
    "heard-care-leavers": {"heard:cl-adult", "heard:pa-know", "heard:family", "heard:friend", "heard:home-right", "heard:safe", "heard:settled", "heard:money", "heard:doing", "heard:say-plan", "heard:why-was", "heard:better-cl", "heard:future", "heard:worries", "ons:life", "ons:worthwhile", "ons:happy", "ons:anxious"},
}


@pytest.mark.parametrize("key", definitions.SHIPPED)
def test_shipped_surveys_are_valid_and_cover_their_domains(key):
    definition = definitions.shipped_definition(key)
    definitions.validate(definition)
    keys = {q["key"] for s in definition["sections"] for q in s["questions"]}
    assert DOMAINS[key] <= keys


def test_every_text_is_in_every_interface_language_and_marked_for_review():
    raw = json.loads((definitions.DATA / "texts.json").read_text("utf-8"))
    assert set(raw["_review"]) == set(LANGUAGES) - {"en"}
    for text_id, text in definitions.texts().items():
        assert set(text) == set(LANGUAGES), text_id
        assert all(value.strip() for value in text.values()), text_id


def test_the_four_personal_well_being_questions_use_0_to_10():
    survey = definitions.shipped_definition("heard-care-leavers")
    kinds = {q["key"]: q["kind"] for s in survey["sections"] for q in s["questions"]}
    assert all(kinds[k] == SCALE10 for k in ("ons:life", "ons:worthwhile", "ons:happy", "ons:anxious"))


def test_installing_builds_every_kind_with_options(db):
    authority = factories.authority()
    surveys = definitions.install_shipped(authority.id)
    kinds = {q.kind for s in surveys for q in s.latest.questions}
    assert kinds == {FACES, SCALE10, YES_SOMETIMES_NO, SINGLE, MULTIPLE, TEXT}
    for survey in surveys:
        for q in survey.latest.questions:
            if q.kind == TEXT:
                assert q.options == []
            else:
                assert len(q.options) >= 2 and all(o["label"]["en"] for o in q.options)
    faces = next(q for s in surveys for q in s.latest.questions if q.kind == FACES)
    assert [o["value"] for o in faces.options] == ["1", "2", "3", "4", "5"]
    assert [o["label"]["ti"] for o in faces.options][4] == "ብጣዕሚ ሓጎስ ይስምዓኒ"
    anxious = next(q for q in surveys[3].latest.questions if q.key == "ons:anxious")
    assert [o["value"] for o in anxious.options if o["positive"]] == ["0", "1", "2", "3"]
    # Installing twice changes nothing.
    assert definitions.install(authority.id, "heard-8-11").id == surveys[1].id


def test_a_follow_up_must_follow_an_earlier_question():
    bad = {"sections": [{"title": "x", "questions": [
        {"key": "a", "kind": "text", "text": "Why?", "show_if": {"question": "b", "values": ["1"]}},
        {"key": "b", "kind": "faces", "text": "How?"},
    ]}]}
    with pytest.raises(definitions.BadDefinition):
        definitions.validate(bad)


def test_a_locked_version_cannot_change(db):
    wave = factories.survey_wave(factories.authority())
    question = wave.version.questions[1]
    with pytest.raises(RuleBroken):
        definitions.edit_question(question, text={"en": "Something else"})


def test_new_words_in_a_new_version_make_a_new_question_but_translations_do_not(db):
    wave = factories.survey_wave(factories.authority(), "heard-8-11")
    survey = wave.version.survey
    draft = definitions.new_version(survey)
    assert draft.number == 2 and not draft.locked
    assert [q.key for q in draft.questions] == [q.key for q in wave.version.questions]

    by_key = {q.key: q for q in draft.questions}
    translated = by_key["heard:adult"]
    definitions.edit_question(translated, text={**translated.text, "ar": "نص جديد"})
    assert translated.key == "heard:adult"

    reworded = by_key["heard:worker-know"]
    definitions.edit_question(reworded, text={"en": "Do you know how to reach your social worker?"})
    assert reworded.key != "heard:worker-know" and reworded.key.startswith("heard:worker-know~")
    # Its follow-up now follows the new question.
    assert by_key["heard:worker-trust"].show_if["question"] == reworded.key
    # The old version is untouched.
    old = next(q for q in wave.version.questions if q.key == "heard:worker-know")
    assert old.text["en"] == "Do you know who your social worker is?"


def test_a_never_used_question_can_be_reworded_in_place(db):
    authority = factories.authority()
    survey = definitions.install(authority.id, "heard-4-7")
    question = survey.latest.questions[0]
    definitions.edit_question(question, text={"en": "Is there a grown-up you can talk to?"})
    assert question.key == "heard:adult-young"


def test_a_council_can_copy_and_adapt_a_survey(db):
    authority = factories.authority()
    original = definitions.install(authority.id, "heard-care-leavers")
    copy_ = definitions.copy_survey(original, "Our care leavers' survey")
    assert copy_.id != original.id and copy_.origin == "heard-care-leavers" and copy_.copied_from_id == original.id
    assert [q.key for q in copy_.latest.questions] == [q.key for q in original.latest.questions]
    question = copy_.latest.questions[2]
    definitions.remove_question(copy_.latest.questions[-1])
    assert len(copy_.latest.questions) == len(original.latest.questions) - 1
    definitions.edit_question(question, text={"en": "Changed words"})
    assert original.latest.questions[2].text["en"] != "Changed words"
