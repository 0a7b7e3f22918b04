"""Screening finds identifying details and risk phrases, in any script, without crying wolf."""
from __future__ import annotations

import pytest

from app.moderation import screening
from app.moderation.risk_terms import CATEGORIES, DEFAULT_RISK_TERMS
from app.i18n.locales import LANGUAGES


def kinds(text, **lists):
    return [(f.kind, f.text) for f in screening.screen(text, **lists).findings]


def risky(text, extra=()):
    return screening.screen(text, extra_risk=extra).risk


@pytest.mark.parametrize(
    "text",
    [
        "I want to kill myself",
        "sometimes i think about suicide",
        "I've been feeling suicidal",
        "I self-harm when it gets bad",
        "i cut myself last night",
        "I dont feel safe at home",
        "My carer hits me",
        "I'm going to run away tonight",
        "he made me send nudes",
        "they want me to hold drugs for them",
        "I'M NOT SAFE",
    ],
)
def test_english_risk_is_found(text):
    assert risky(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I'm killing it at football",
        "this homework is killing me",
        "I'd die for pizza",
        "I'm dying to see the new film",
        "Mum will kill me if I'm late",
        "We ran 5 kms in the race",
        "My skills are better now",
        "Our trip to the safari park was great",
        "The killer whale show was amazing",
        "I hurt my knee at football",
        "Can we have a drugs awareness session at school?",
        "That film was sick, I was dead funny",
    ],
)
def test_everyday_english_is_not_flagged(text):
    assert not risky(text), text


def test_ambiguous_phrases_err_on_the_side_of_an_alert():
    # "die my hair" is probably "dye", but "want to die" is never ignored: a person checks.
    assert risky("I want to die my hair blue")


@pytest.mark.parametrize(
    "text",
    [
        "أريد أن أموت",
        "اريد ان اموت",
        "أُرِيدُ أَنْ أَمُوتَ",  # with short vowels written in
        "وأريد أن أموت",  # with "and" attached
        "أفكر في الانتحار",  # "the suicide", article attached
        "زوج أمي يضربني",
        "لا أشعر بالأمان في البيت",
        "سأهرب من البيت",
    ],
)
def test_arabic_risk_is_found(text):
    assert risky(text), text


@pytest.mark.parametrize(
    "text",
    [
        "الواجب يقتلني",  # "homework is killing me"
        "أموت في البيتزا",  # "I die for pizza"
        "فزنا في مباراة كرة القدم",
        "أحب المدرسة الجديدة",
    ],
)
def test_everyday_arabic_is_not_flagged(text):
    assert not risky(text), text


@pytest.mark.parametrize(
    "text",
    [
        "زه غواړم ځان ووژنم",  # I want to kill myself
        "ځان وژنه",  # suicide
        "په کور کې خوندي نه یم",  # I am not safe at home
        "په کور کي خوندي نه يم",  # the same with Arabic yeh and a plain ye
        "هغه ما وهي",  # he beats me
        "غواړم له کوره وتښتم",  # I want to run away from home
    ],
)
def test_pashto_risk_is_found(text):
    assert risky(text), text


@pytest.mark.parametrize(
    "text",
    [
        "زه فوټبال خوښوم",  # I like football
        "له خندا مړ شوم",  # I died laughing
        "ښوونځی ښه دی",  # school is good
    ],
)
def test_everyday_pashto_is_not_flagged(text):
    assert not risky(text), text


@pytest.mark.parametrize(
    "text",
    [
        "می‌خواهم بمیرم",  # Persian with a zero-width non-joiner
        "میخواهم بمیرم",
        "فکر خودکشی دارم",  # Dari / Persian
        "دەمەوێت بمرم",  # Sorani
        "ክመውት እደሊ እየ",  # Tigrinya
        "መሞት እፈልጋለሁ",  # Amharic
        "Dua të vdes",  # Albanian
        "dua te vdes",  # Albanian typed without ë
        "em muốn chết",  # Vietnamese
        "Carinan dixwazim bimirim",  # Kurmanji
        "waxaan rabaa inaan dhinto",  # Somali
    ],
)
def test_risk_is_found_in_the_other_languages(text):
    assert risky(text), text


def test_vietnamese_tone_marks_are_not_folded_away():
    assert risky("tôi muốn tự tử")
    assert not risky("từ từ thôi")  # "slowly": the same letters without the tones of "suicide"


def test_every_supported_language_has_a_default_list_in_every_category():
    assert set(DEFAULT_RISK_TERMS) == set(LANGUAGES)
    for language, categories in DEFAULT_RISK_TERMS.items():
        assert set(categories) == set(CATEGORIES), language
        for phrases in categories.values():
            for phrase in phrases:
                if phrase.startswith("re:"):
                    assert screening.phrase_pattern(phrase, language) is not None
                    continue
                assert screening.phrase_pattern(phrase, language).search(screening.fold(phrase, language in {"vi"})[0].rstrip("*")), (language, phrase)


def test_risk_spans_point_into_the_original_text():
    text = "مرحبا. أُرِيدُ أَنْ أَمُوتَ."
    finding = screening.screen(text).risk_findings[0]
    assert text[finding.start : finding.end] == finding.text
    assert finding.text.startswith("أُ") and finding.text.endswith("تَ")
    assert finding.category == "suicide" and finding.language == "ar"


def test_council_additions_are_matched_with_wildcards():
    assert not risky("he is going to shank me")
    assert risky("he is going to shank me", extra=[("shank*", "en")])
    assert risky("They keep shanking people", extra=[("shank*", "en")])
    assert risky("ما ته یې چاړه ښکاره کړه", extra=[("چاړه ښکاره", "ps")])


@pytest.mark.parametrize(
    "text,kind,found",
    [
        ("ring me on 07700 900123", "phone", "07700 900123"),
        ("ring me on 07700900123", "phone", "07700900123"),
        ("call +44 7700 900123 later", "phone", "+44 7700 900123"),
        ("landline (0113) 496 0000", "phone", "(0113) 496 0000"),
        ("my email is jo.bloggs@example.com.", "email", "jo.bloggs@example.com"),
        ("I live near LS6 2AB", "postcode", "LS6 2AB"),
        ("postcode sw1a1aa", "postcode", "sw1a1aa"),
        ("I live at 14 Elm Grove now", "address", "14 Elm Grove"),
        ("Flat 3, 22 Harbour Road is my place", "address", "Flat 3, 22 Harbour Road"),
        ("add me @kitty_cat22", "handle", "@kitty_cat22"),
        ("my snap is jojo_22", "handle", "jojo_22"),
        ("insta: dancing.queen", "handle", "dancing.queen"),
        ("find me on tiktok.com/@dancer_x", "handle", "tiktok.com/@dancer_x"),
        ("I go to Northmoor Academy", "school", "Northmoor Academy"),
    ],
)
def test_identifying_details_are_found(text, kind, found):
    assert (kind, found) in kinds(text)


def test_childline_ordinary_numbers_and_ordinary_words_are_not_flagged():
    assert kinds("Childline is 0800 1111 and I scored 3 goals in 2024") == []
    assert kinds("we snap and chill, ig it was fun") == []


def test_names_known_to_the_council_are_found_in_any_case_and_script():
    names = ["Amira Haddad", "Grace Okafor", "أمل", "Ben"]
    assert kinds("amira haddad is my friend", names=names) == [("name", "amira haddad")]
    assert kinds("I told Okafor about it", names=names) == [("name", "Okafor")]
    assert kinds("I told Grace Okafor about it", names=names) == [("name", "Grace Okafor")]
    assert kinds("by the grace of luck", names=names) == []  # common words only as full names
    assert kinds("صديقتي أمل لطيفة", names=names) == [("name", "أمل")]
    assert kinds("Benches in the park", names=names) == []


def test_school_list_matches_whole_names_in_any_case():
    assert kinds("we go to st bede's rc high", schools=["St Bede's RC High"]) == [("school", "st bede's rc high")]


def test_redaction_replaces_each_detail_with_a_label():
    text = "Ring Amira on 07700 900123 or email a@b.com"
    result = screening.screen(text, names=["Amira"])
    assert screening.redact(text, result.findings) == "Ring [name] on [phone] or email [email]"


def test_risk_is_highlighted_but_never_redacted():
    text = "I want to kill myself"
    result = screening.screen(text)
    assert screening.redact(text, result.findings) == text
    assert [t for t, f in screening.highlight_segments(text, result.findings) if f] == ["kill myself"]
