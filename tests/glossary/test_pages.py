"""/words: the care-words glossary page, its languages, and care_word() links across Heard."""
from __future__ import annotations

import re

import pytest
from markupsafe import Markup

from app.access import PUBLIC
from app.extensions import db
from app.glossary import service

from ..helpers import translated_parts


def _in_language(client, code):
    client.post("/language", data={"language": code})
    return client


def test_glossary_is_public_and_says_so(app, client):
    assert app.view_functions["glossary.words"].allowed_roles == frozenset({PUBLIC})
    response = client.get("/words")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_every_term_has_its_anchor_and_heading(client):
    page = client.get("/words").get_data(as_text=True)
    for key in service.TERMS:
        assert f'id="{key}"' in page
        assert f'id="{key}-word"' in page
    assert "Independent Reviewing Officer" in page
    assert "Words you may hear in care" in page


@pytest.mark.parametrize("language", ["ar", "ps"])
def test_arabic_and_pashto_readers_get_a_right_to_left_page_in_their_language(client, language):
    page = _in_language(client, language).get("/words").get_data(as_text=True)
    assert re.search(rf'<html lang="{language}" dir="rtl"', page)
    glossary = service.load(language)
    assert glossary.terms["pathway-plan"].word in page
    assert glossary.terms["advocate"].explanation in page
    # The English word sits beside the translated one, for the child who hears it in meetings.
    assert '<span class="heard-glossary__english" lang="en" dir="ltr">Pathway plan</span>' in page
    assert "(not yet in your language)" not in page
    note = "These explanations are new. Someone who speaks %(language)s as their first language has not checked them yet."
    assert all(part in page for part in translated_parts(note, language))


def test_english_reader_sees_no_review_note_and_no_english_twice(client):
    page = client.get("/words").get_data(as_text=True)
    assert "has not checked them yet" not in page  # English: nothing to review
    assert "heard-glossary__english" not in page


def test_another_language_can_be_read_beside_english(client):
    page = client.get("/words?lang=ps").get_data(as_text=True)
    assert '<html lang="en" dir="ltr"' in page  # the interface stays in the reader's language
    pashto = service.load("ps").terms["care-order"]
    english = service.load("en").terms["care-order"]
    assert f'lang="ps" dir="auto"' in page and pashto.word in page and pashto.explanation in page
    assert english.explanation in page
    assert "heard-glossary--side-by-side" in page
    assert 'href="/words?lang=ps" lang="ps" hreflang="ps" aria-current="page"' in page


@pytest.mark.parametrize("language", ["kmr", "so", "fa_AF"])
def test_languages_beyond_the_interface_are_offered_too(client, language):
    page = client.get(f"/words?lang={language}").get_data(as_text=True)
    assert service.load(language).terms["interpreter"].word in page
    assert f'lang="{language.replace("_", "-")}"' in page


def test_an_unknown_language_shows_the_readers_own_and_says_so(client):
    response = client.get("/words?lang=<script>")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "We do not have these words in that language yet." in page
    assert "<script>" not in page.split("<main", 1)[1]


def test_a_term_missing_in_the_readers_language_falls_back_with_a_note(client, tmp_path, monkeypatch):
    for code in ("en", "ar"):
        (tmp_path / f"{code}.json").write_text((service.DATA_DIR / f"{code}.json").read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / "ar.json").read_text(encoding="utf-8")
    (tmp_path / "ar.json").write_text(text.replace('"staying-put": {"word": "البقاء مع الأسرة الحاضنة"', '"staying-put": {"word": ""'), encoding="utf-8")
    monkeypatch.setattr(service, "DATA_DIR", tmp_path)
    service.load.cache_clear()
    try:
        page = _in_language(client, "ar").get("/words").get_data(as_text=True)
    finally:
        service.load.cache_clear()
    section = page.split('id="staying-put"', 1)[1].split("</section>", 1)[0]
    assert '<span lang="en" dir="auto">Staying put</span>' in section
    assert "heard-fallback-note" in section
    assert page.count("heard-fallback-note") == 2  # the word and its explanation, nothing else


def test_care_word_links_to_the_term_in_the_readers_language(app):
    with app.test_request_context("/"):
        from flask import render_template_string

        link = render_template_string('{{ care_word("pathway-plan") }}')
        assert link == '<a class="govuk-link heard-care-word" href="/words#pathway-plan" lang="en">Pathway plan</a>'
        own = render_template_string('{{ care_word("iro", name) }}', name='<b>Ms "R"</b>')
        assert own == '<a class="govuk-link heard-care-word" href="/words#iro">&lt;b&gt;Ms &#34;R&#34;&lt;/b&gt;</a>'
        assert isinstance(app.jinja_env.globals["care_word"]("advocate"), Markup)
        with pytest.raises(KeyError):
            render_template_string('{{ care_word("not-a-term") }}')


def test_care_word_uses_the_readers_language(app):
    with app.test_request_context("/"):
        from flask import session

        session["lang"] = "ti"
        from flask_babel import refresh

        refresh()
        link = app.jinja_env.globals["care_word"]("advocate")
    assert 'lang="ti"' in link and service.load("ti").terms["advocate"].word in link


def test_young_persons_people_and_help_link_their_care_words(world, sign_in):
    world.a.young_person.care_status = "care_leaver"
    db.session.commit()
    me = sign_in(world.a.young_person)
    home = me.get("/my/").get_data(as_text=True)
    assert re.search(r'<a class="govuk-link heard-care-word" href="/words#iro">[^<]+</a>', home)
    assert 'href="/words#personal-adviser"' in home
    world.a.young_person.care_status = "in_care"
    db.session.commit()
    assert 'href="/words#social-worker"' in me.get("/my/").get_data(as_text=True)
    help_page = me.get("/my/help").get_data(as_text=True)
    assert world.a.authority.advocacy_phone
    assert '<a class="govuk-link heard-care-word" href="/words#advocate">What is an advocate?</a>' in help_page


def test_every_young_persons_page_links_the_glossary_in_its_footer(client):
    for path in ("/sign-in", "/words"):
        page = client.get(path).get_data(as_text=True)
        footer = page.split("<footer", 1)[1]
        assert 'href="/words"' in footer
