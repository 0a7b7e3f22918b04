"""Council admins see, per enabled language, which council-authored texts are not yet translated."""
from datetime import timedelta

from app.admin import translations
from app.extensions import db
from app.models_base import utcnow
from app.surveys import definitions

from .. import factories


def _texts(authority, code):
    rows = translations.by_language(translations.missing_content(authority), translations.target_languages(authority))
    return [(str(row.kind), row.text) for row in rows[code]]


def test_missing_pledge_texts_are_listed_per_language(world):
    authority = world.a.authority  # enabled: en, ar, ps
    factories.pledge_version(authority, themes=1, promises=1, title={"en": "Our promises to you", "ar": "وعودنا لكم"})
    ar, ps = _texts(authority, "ar"), _texts(authority, "ps")
    assert ("Theme", "Theme 1") in ar and ("Promise", "Promise 1.1") in ar and ("What this means", "Meaning 1.1") in ar
    assert ("Title", "Our promises to you") not in ar  # it has Arabic
    assert ("Title", "Our promises to you") in ps
    assert len(ar) == 3 and len(ps) == 4
    assert "en" not in translations.target_languages(authority)


def test_translated_texts_leave_the_list(world):
    authority = world.a.authority
    version = factories.pledge_version(authority, themes=1, promises=1, publish=False, title={"en": "Draft promises"})
    promise = version.promises[0]
    promise.text = {"en": "Promise 1.1", "ar": "الوعد", "ps": "ژمنه"}
    version.title = {"en": "Draft promises", "ar": "مسودة", "ps": "مسوده"}
    db.session.flush()
    ar, ps = _texts(authority, "ar"), _texts(authority, "ps")
    assert ("Promise", "Promise 1.1") not in ar and ("Promise", "Promise 1.1") not in ps
    assert ("Title", "Draft promises") not in ps
    assert ("What this means", "Meaning 1.1") in ar  # still English only


def test_council_content_that_is_current_is_listed(world):
    authority = world.a.authority
    group = factories.council_group(authority, name={"en": "Voices group", "ar": "مجموعة", "ps": "ډله"}, description={"en": "We meet monthly."})
    factories.council_poll(group, state="open", title={"en": "Trip vote"})
    factories.council_poll(group, state="closed", title={"en": "Old vote"})
    factories.council_meeting(group, title={"en": "June meeting"}, agenda={"en": "Trips and food"})
    factories.council_meeting(group, title={"en": "Past meeting"}, starts_at=utcnow() - timedelta(days=2))
    factories.council_consultation(group, question={"en": "How should reviews feel?"})
    ar, ps = _texts(authority, "ar"), _texts(authority, "ps")
    assert ("Description", "We meet monthly.") in ar and ("Name", "Voices group") not in ar
    assert ("Poll", "Trip vote") in ar and ("Answer option", "Yes") in ar
    assert ("Question", "Shall we?") in ar and ("Question", "Shall we?") not in ps  # the factory gives it Pashto
    assert ("Meeting", "June meeting") in ps and ("Agenda", "Trips and food") in ps
    assert ("Question", "How should reviews feel?") in ar
    texts = {text for _, text in ar + ps}
    assert "Old vote" not in texts and "Past meeting" not in texts


def test_a_councils_own_survey_copy_is_listed_but_shipped_surveys_are_not(world):
    authority = world.a.authority
    shipped = definitions.install(authority.id, "heard-11-17")
    definitions.copy_survey(shipped, "Our own survey")
    db.session.flush()
    ar = _texts(authority, "ar")
    assert ("Survey", "Our own survey") in ar
    assert all(text != shipped.title["en"] for _, text in ar)


def test_the_page_lists_gaps_and_never_another_councils_content(world, sign_in):
    group = factories.council_group(world.a.authority, name={"en": "Alpha group"})
    factories.council_group(world.b.authority, name={"en": "Bravo group"}, description={"en": "Bravo only"})
    factories.pledge_version(world.b.authority, themes=1, promises=1, title={"en": "Bravo promises"})
    version = factories.pledge_version(world.a.authority, themes=1, promises=1, publish=False)
    db.session.commit()
    assert all("Bravo" not in text for _, text in _texts(world.a.authority, "ar"))
    page = sign_in(world.a.council_admin).get("/admin/translations")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Alpha group" in html and "Bravo" not in html
    assert f"/pledge/admin/promises/{version.promises[0].id}" in html  # admins change pledges themselves
    assert f"/council/manage/groups/{group.id}/edit" not in html  # a participation officer's page
    assert "Participation officer" in html


def test_with_only_english_enabled_there_is_nothing_to_translate(world, sign_in):
    world.a.authority.enabled_languages = ["en"]
    factories.council_group(world.a.authority, name={"en": "Alpha group"})
    db.session.commit()
    assert translations.missing_content(world.a.authority) == []
    html = sign_in(world.a.council_admin).get("/admin/translations").get_data(as_text=True)
    assert "Only English is turned on" in html


def test_only_council_admins_reach_the_page(world, sign_in):
    assert sign_in(world.a.participation_officer).get("/admin/translations").status_code == 403
    assert sign_in(world.a.council_admin).get("/admin/translations").status_code == 200
