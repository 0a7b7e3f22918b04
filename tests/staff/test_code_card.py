"""Invite and reset cards speak the child's language, with English beside it for whoever helps them."""
import re

from .. import factories
from ..i18n.test_served_languages import in_catalogue


def _card(sign_in, language, purpose="invite"):
    council = factories.authority()
    worker = factories.staff(council, "worker")
    person = factories.young_person(council, account=purpose == "reset", worker_id=worker.id, preferred_language=language, display_name="Noor")
    path = "invite" if purpose == "invite" else "reset-code"
    response = sign_in(worker).post(f"/staff/young-people/{person.id}/{path}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return html, html[html.index('class="heard-invite-card'):]


def _parts(card, attributes):
    return [text.strip() for text in re.findall(r'<div class="heard-bilingual__part[^"]*" ' + re.escape(attributes) + r">(.*?)</div>", card, re.S)]


def _part(card, attributes):
    parts = _parts(card, attributes)
    assert parts, f"no part with {attributes}"
    return parts[0]


def test_an_invite_card_is_in_the_childs_language_with_english_beside_it(sign_in):
    page, card = _card(sign_in, "ar")
    arabic = _part(card, 'lang="ar" dir="rtl"')
    assert in_catalogue("ar", "Your invite to Heard") in arabic
    assert in_catalogue("ar", "Scan the QR code with your phone's camera, or go to the address below and type your code.") in arabic
    english = _part(card, 'lang="en" dir="ltr"')
    assert "Your invite to Heard" in english and "Scan the QR code with your phone" in english
    assert _parts(card, 'lang="ar" dir="rtl"')[1] == in_catalogue("ar", "Your code")
    assert _parts(card, 'lang="en" dir="ltr"')[1] == "Your code"
    # The worker's own page around the card stays in the worker's language.
    assert "Invite card for" in page and '<html lang="en"' in page
    # The QR code and the printed address open the join pages in the child's language.
    assert re.search(r"/join\?code=[A-Z0-9-]{9}&amp;lang=ar<", card)


def test_a_reset_card_is_in_the_childs_language_too(sign_in):
    _, card = _card(sign_in, "ti", purpose="reset")
    assert in_catalogue("ti", "Your password reset code") in _part(card, 'lang="ti" dir="ltr"')
    assert "Your password reset code" in _part(card, 'lang="en" dir="ltr"')
    assert re.search(r"/reset\?code=[A-Z0-9-]{9}&amp;lang=ti<", card)


def test_a_card_for_a_child_who_reads_english_is_printed_once(sign_in):
    _, card = _card(sign_in, "en")
    assert card.count("Your invite to Heard") == 1
    assert "heard-bilingual__part--english" not in card and "&amp;lang=" not in card
