"""Risk screening is measured on our labelled texts (bench/safeguarding/) and must not fall below
the goals: recall of at least 0.95 overall and 0.9 in every language, at most 10% false alarms."""
from __future__ import annotations

import pytest

from app.moderation import screening
from bench.safeguarding_eval import GOAL_FALSE_ALARMS, GOAL_LANGUAGE_RECALL, GOAL_RECALL, evaluate_identifying, evaluate_risk
from app.i18n.locales import LANGUAGES


@pytest.mark.parametrize("name", ["risk_texts.tsv", "risk_texts_unseen.tsv"])
def test_risk_screening_meets_the_recall_and_false_alarm_goals_in_every_language(name):
    tallies = evaluate_risk(name)
    assert set(LANGUAGES) <= set(tallies)
    if name == "risk_texts.tsv":
        assert tallies["all"].positives >= 150 and tallies["all"].negatives >= 100
    assert tallies["all"].recall >= GOAL_RECALL, tallies["all"].misses
    assert tallies["all"].false_rate <= GOAL_FALSE_ALARMS, tallies["all"].wrong
    for language in LANGUAGES:
        assert tallies[language].recall >= GOAL_LANGUAGE_RECALL, (language, tallies[language].misses)


def test_identifying_details_screening_finds_nine_in_ten_and_wrongly_redacts_at_most_one_in_ten():
    tallies = evaluate_identifying()
    assert tallies["all"].positives >= 30 and tallies["all"].negatives >= 30
    assert tallies["all"].recall >= 0.9, tallies["all"].misses
    assert tallies["all"].false_rate <= 0.1, tallies["all"].wrong


# Identifying details screening used to miss (fails before this change).
@pytest.mark.parametrize(
    "text,detail",
    [
        ("Jessica Thompson said it too", "Jessica Thompson"),
        ("i live at 22 harbour road", "22 harbour road"),
        ("my house is behind the big Asda", "behind the big Asda"),
        ("رقمي ٠٧٧٠٠٩٠٠٤٥٦", "٠٧٧٠٠٩٠٠٤٥٦"),
        ("شماره‌ام ۰۷۷۰۰۹۰۰۱۲۳ است", "۰۷۷۰۰۹۰۰۱۲۳"),
        ("call me on oh seven seven double oh nine double oh four five six", "oh seven seven double oh nine double oh four five six"),
    ],
)
def test_identifying_details_once_missed_are_proposed_for_redaction(text, detail):
    redacted = screening.redact(text, screening.find_identifying(text))
    assert detail not in redacted and "[" in redacted, redacted


# What a safeguarding lead tried, each of which screening used to miss (fails before this change).
@pytest.mark.parametrize(
    "text",
    [
        "kil myself", "i want to unalive", "kms", "k1ll mys3lf", "thinking about sucide", "I cut my wrists",
        "going to end it tonight", "my foster dad hit me", "my carer hurts me", "he said he would hurt me if i told",
        "bdi mout", "i wanna kil my self", "sewerslide", "took a load of paracetamol",
    ],
)
def test_disclosures_once_missed_are_found(text):
    assert screening.find_risk(text), text


# ... and harmless words it used to flag, with the idioms that must stay quiet.
@pytest.mark.parametrize(
    "text",
    [
        "my dog ran away yesterday", "can you help me with my maths", "please help me with my maths",
        "the rapeseed is out", "I hurt myself playing football", "this homework is killing me",
        "I killed it at football", "my phone died", "I'd die for a pizza", "I took my tablet to school",
    ],
)
def test_everyday_words_stay_quiet(text):
    assert screening.find_risk(text) == [], text


def test_findings_point_at_the_words_the_young_person_wrote():
    text = "honestly gonna k1ll mys3lf"
    [finding] = screening.find_risk(text)
    assert text[finding.start:finding.end] == finding.text and "k1ll" in finding.text
