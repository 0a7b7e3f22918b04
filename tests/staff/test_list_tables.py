"""Staff lists share one table macro that stacks into cards on a phone (see tests/browser/test_staff_lists.py)."""
from __future__ import annotations

from .. import factories


def test_an_iros_review_list_names_each_value_for_the_phone_cards(sign_in):
    council = factories.authority()
    iro = factories.staff(council, "iro")
    person = factories.young_person(council, display_name="Amira", iro_id=iro.id)
    factories.review(person, iro=iro)
    page = sign_in(iro).get("/staff/reviews/").get_data(as_text=True)
    assert 'class="govuk-table heard-list-table ' in page and 'role="table"' in page
    assert '<th scope="row" role="rowheader"' in page  # the card's title
    for column in ("Young person", "Type", "Their views"):
        assert f'<span class="heard-list-table__label" aria-hidden="true">{column}</span>' in page
    assert "<bdi>Amira</bdi>" in page
