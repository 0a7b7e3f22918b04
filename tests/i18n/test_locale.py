"""The interface language: the user's setting, then an explicit choice, then the browser's."""
from app.extensions import db
from app.i18n.locales import LANGUAGES, RTL

from .. import factories


def test_browser_language_is_used_when_nothing_else_is_known(client):
    page = client.get("/sign-in", headers={"Accept-Language": "ps-AF,ps;q=0.9,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="ps" dir="rtl"' in page
    page = client.get("/sign-in", headers={"Accept-Language": "fa-AF"}).get_data(as_text=True)
    assert '<html lang="fa-AF" dir="rtl"' in page
    page = client.get("/sign-in", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="en" dir="ltr"' in page


def test_an_explicit_choice_beats_the_browser(client):
    client.post("/language", data={"language": "ti", "next": "/join"})
    page = client.get("/sign-in", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="ti" dir="ltr"' in page


def test_a_signed_in_choice_is_saved_as_the_users_setting(sign_in):
    council = factories.authority()
    person = factories.young_person(council)
    client = sign_in(person)
    response = client.post("/language", data={"language": "ar", "next": "/my/"})
    assert response.location.endswith("/my/")
    db.session.refresh(person)
    assert person.preferred_language == "ar"
    other_device = sign_in(person)
    assert 'dir="rtl"' in other_device.get("/my/", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_unknown_languages_and_outside_redirects_are_ignored(client):
    response = client.post("/language", data={"language": "xx", "next": "https://evil.example/"})
    assert response.location.endswith("/")
    assert 'lang="en"' in client.get("/sign-in").get_data(as_text=True)


def test_the_picker_names_every_language_in_itself(client):
    page = client.get("/sign-in").get_data(as_text=True)
    for code, name in LANGUAGES.items():
        assert f'value="{code}"' in page and name in page
    assert {"ar", "ps", "fa", "fa_AF", "ckb"} == set(RTL)
