"""The join pages speak the language a child's worker recorded, with English beside it."""
from app.extensions import db as _db
from app.staff import service as staff_service

from .. import factories
from ..i18n.test_served_languages import in_catalogue


def _invite(app, language, **person):
    council = factories.authority()
    worker = factories.staff(council, "worker")
    child = factories.young_person(council, account=False, display_name="Noor", preferred_language=language, **person)
    with app.test_request_context():
        code = staff_service.issue_invite(child, by=worker)
    _db.session.commit()
    return code


def test_the_cards_link_opens_the_join_page_in_the_childs_language_with_english_beside_it(app, db, client):
    code = _invite(app, "kmr")
    page = client.get(f"/join?code={code}&lang=kmr").get_data(as_text=True)
    assert '<html lang="kmr"' in page
    assert f'<h1 class="govuk-heading-l">{in_catalogue("kmr", "Start using Heard")}</h1>' in page
    english = page[page.index('heard-bilingual__part--english" lang="en" dir="ltr"'):]
    assert "Start using Heard" in english and "Your worker gave you a card" in english
    assert page.count("<h1") == 1
    assert f'value="{code}"' in page  # the code is filled in from the card


def test_the_next_join_page_is_in_the_childs_language_even_when_the_code_was_typed(app, db, client):
    code = _invite(app, "ar")
    first = client.get("/join").get_data(as_text=True)
    assert '<html lang="en"' in first and "heard-bilingual__part--english" not in first
    assert client.post("/join", data={"code": code}).status_code == 302
    page = client.get("/join/account").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in page
    hello = in_catalogue("ar", "Hello, %(name)s").replace("%(name)s", "<bdi>Noor</bdi>")
    assert f'<h1 class="govuk-heading-l">{hello}</h1>' in page
    english = page[page.index('heard-bilingual__part--english" lang="en" dir="ltr"'):]
    assert "Hello, <bdi>Noor</bdi>" in english and "Choose a username and a password" in english
    assert 'value="ar" checked' in page


def test_a_language_chosen_on_this_phone_wins_over_the_cards(app, db, client):
    code = _invite(app, "kmr")
    client.post("/language", data={"language": "so"})
    page = client.get(f"/join?code={code}&lang=kmr").get_data(as_text=True)
    assert '<html lang="so"' in page


def test_a_language_heard_does_not_speak_is_ignored(app, db, client):
    page = client.get("/join?code=ABCD-EFGH&lang=xx").get_data(as_text=True)
    assert '<html lang="en"' in page
