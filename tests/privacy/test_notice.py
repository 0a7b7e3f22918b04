"""The privacy notice: three layers, the one a reader starts with chosen by age, linked from every
young person's page and the sign-in page, in every language, and shown just in time where a young
person gives something."""
from __future__ import annotations

from datetime import date

import pytest
from flask import url_for

from app.extensions import db
from app.i18n.locales import LANGUAGES, RTL
from app.privacy import notice, retention
from app.surveys import service as surveys
from app.tenancy import acting_for

from .. import factories
from ..access_params import PARAMS


@pytest.mark.parametrize(("age", "layer"), [(6, "pictures"), (10, "short"), (12, "short"), (13, "full"), (17, "full")])
def test_a_young_person_starts_with_the_layer_for_their_age(world, sign_in, age, layer):
    person = factories.young_person(world.a.authority, age=age)
    assert notice.layer_for(person) == layer
    page = sign_in(person).get("/privacy").get_data(as_text=True)
    assert f'<strong aria-current="page">' in page
    assert {"pictures": "In pictures (under 8)", "short": "Short (8 to 12)", "full": "Everything (13 and over, and staff)"}[layer] in \
        page.split('aria-current="page">')[1].split("<")[0]


def test_staff_and_visitors_start_with_the_full_and_short_layers(world, sign_in, client):
    assert 'aria-current="page">Everything' in sign_in(world.a.iro).get("/privacy").get_data(as_text=True)
    assert 'aria-current="page">Short' in client.get("/privacy").get_data(as_text=True)
    assert client.get("/privacy?layer=everything-else").status_code == 404


@pytest.mark.parametrize("layer", notice.LAYERS)
def test_every_layer_says_how_to_ask_and_how_to_complain_to_the_ico(client, layer):
    page = client.get(f"/privacy?layer={layer}").get_data(as_text=True)
    assert notice.ICO_PHONE in page
    if layer != "pictures":
        assert notice.ICO_COMPLAINTS in page
        assert "What Heard keeps" in page and "Who can see it" in page
        assert "How long we keep it" in page and "one month" in page


def test_the_full_notice_shows_the_councils_own_periods(world, sign_in):
    with acting_for(world.a.authority):
        retention.set_periods(world.a.authority.id, {"alerts": 5 * 365})
        db.session.commit()
    page = sign_in(world.a.iro).get("/privacy?layer=full").get_data(as_text=True)
    assert "5 years after when the alert was closed" in page
    other = sign_in(world.b.iro).get("/privacy?layer=full").get_data(as_text=True)
    assert "2 years after when the alert was closed" in other


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_the_notice_speaks_every_interface_language(client, language):
    for layer in notice.LAYERS:
        page = client.get(f"/privacy?layer={layer}", headers={"Accept-Language": language.replace("_", "-")}).get_data(as_text=True)
        assert f'lang="{language.replace("_", "-")}"' in page
        assert f'dir="{"rtl" if language in RTL else "ltr"}"' in page


def test_every_young_person_page_and_the_sign_in_page_link_to_the_notice(app, world, sign_in, client):
    assert 'href="/privacy"' in client.get("/sign-in").get_data(as_text=True)
    person = sign_in(world.a.young_person)
    checked = 0
    for rule in app.url_map.iter_rules():
        roles = getattr(app.view_functions[rule.endpoint], "allowed_roles", frozenset())
        if "GET" not in rule.methods or "young_person" not in roles:
            continue
        with app.test_request_context():
            path = url_for(rule.endpoint, **{arg: PARAMS[arg](world.a) for arg in rule.arguments})
        response = person.get(path)
        if response.status_code != 200 or not response.mimetype == "text/html":
            continue
        page = response.get_data(as_text=True)
        assert 'href="/privacy"' in page, path
        assert 'href="/my/data"' in page, path
        checked += 1
    assert checked >= 10


def test_survey_intro_says_what_happens_to_the_answers(client):
    wave = factories.survey_wave(factories.authority(), "heard-11-17")
    [code] = surveys.issue_codes(wave, 1)
    db.session.commit()
    client.post("/survey", data={"code": code})
    page = client.get("/survey/start").get_data(as_text=True)
    assert "What happens to this?" in page and 'href="/privacy#surveys"' in page


def test_review_readers_step_says_what_happens_to_the_views(world, sign_in):
    review = factories.review(world.a.young_person)
    db.session.commit()
    client = sign_in(world.a.young_person)
    client.get(f"/my/reviews/{review.id}/")
    page = client.get(f"/my/reviews/{review.id}/who-reads-it/").get_data(as_text=True)
    assert "What happens to this?" in page and 'href="/privacy#views"' in page
    assert "2 years after your review" in page


def test_poll_and_rating_pages_say_what_happens_to_comments(world, sign_in):
    client = sign_in(world.a.young_person)
    poll = client.get(f"/council/polls/{PARAMS['poll_id'](world.a)}/questions/{PARAMS['question_id'](world.a)}")
    assert poll.status_code == 200
    assert 'href="/privacy#votes"' in poll.get_data(as_text=True)
    version = factories.pledge_version(world.a.authority)
    factories.rating_round(world.a.authority)
    db.session.commit()
    promise = version.themes[0].promises[0]
    rate = client.get(f"/pledge/rate/{promise.id}")
    assert rate.status_code == 200
    assert 'href="/privacy#votes"' in rate.get_data(as_text=True)
