"""Long staff lists come a page at a time, with the search and filters kept on every page."""
from sqlalchemy import select

from app.auth.models import User
from app.pagination import Page, contains, page_number, paginate, paginate_list, search_text

from . import factories


def test_page_numbers_from_the_address_are_whole_numbers_from_one():
    assert [page_number(v) for v in ("3", None, "", "x", "0", "-2", 7)] == [3, 1, 1, 1, 1, 1, 7]


def test_links_show_first_last_and_neighbours_with_gaps():
    def numbers(number, total):
        return Page(items=[1], number=number, per_page=10, total=total).numbers()

    assert numbers(1, 5) == [1]  # one page
    assert numbers(1, 95) == [1, 2, None, 10]
    assert numbers(5, 95) == [1, None, 4, 5, 6, None, 10]
    assert numbers(10, 95) == [1, None, 9, 10]
    assert numbers(2, 30) == [1, 2, 3]


def test_paginate_counts_every_match_and_loads_one_page(db):
    council = factories.authority()
    people = [factories.young_person(council, display_name=f"Person {n:03}") for n in range(120)]
    stmt = select(User).where(User.authority_id == council.id, User.role == "young_person").order_by(User.display_name, User.id)

    first = paginate(stmt, 1)
    assert first.total == 120 and first.pages == 3 and len(first) == 50
    assert [p.id for p in first] == [p.id for p in people[:50]]
    assert (first.first, first.last, first.has_previous, first.has_next) == (1, 50, False, True)

    last = paginate(stmt, "3")
    assert [p.id for p in last] == [p.id for p in people[100:]] and (last.first, last.last) == (101, 120)
    assert paginate(stmt, 99).number == 3  # past the end: the last page
    assert paginate(stmt, "nonsense").number == 1

    empty = paginate(stmt.where(User.id < 0), 1)
    assert empty.total == 0 and empty.pages == 1 and not empty and (empty.first, empty.last) == (0, 0)


def test_search_ignores_case_and_takes_wildcards_literally(db):
    council = factories.authority()
    for name in ("Amira Hassan", "AMIR Khan", "Sam 100% Jones", "Sam 1000 Jones", "Lily_Ray", "Lily Ray"):
        factories.young_person(council, display_name=name)

    def found(text):
        stmt = select(User.display_name).where(User.authority_id == council.id, contains(User.display_name, search_text(text)))
        return sorted(db.session.scalars(stmt))

    assert found("amir") == ["AMIR Khan", "Amira Hassan"]
    assert found("100%") == ["Sam 100% Jones"]
    assert found("y_r") == ["Lily_Ray"]
    assert found("_") == ["Lily_Ray"]
    assert search_text("  two   words \n") == "two words" and len(search_text("x" * 500)) == 100


def test_lists_in_memory_page_the_same_way():
    page = paginate_list(list(range(75)), 2)
    assert list(page) == list(range(50, 75)) and page.total == 75 and page.pages == 2


# --- every staff list that grows ------------------------------------------------------------

import re  # noqa: E402

import pytest  # noqa: E402

ROWS = 55  # more than a page


@pytest.fixture
def busy_council(world):
    """Council A with 55 young people, each with a past review, an open alert and an item waiting."""
    a = world.a
    for n in range(ROWS):
        person = factories.young_person(a.authority, display_name=f"Person {n:02}", reference=f"NM-{n:03}", iro_id=a.iro.id, worker_id=a.worker.id)
        factories.review(person, days_ahead=-10 - n)
        factories.safeguarding_alert(a.authority, young_person=person)
        factories.moderation_item(a.authority, author=person, text=f"We would like item {n:02} please")
    from app.extensions import db

    db.session.commit()
    return a


LISTS = [
    ("iro", "/staff/reviews/?past=1", "Person 07", "NM-007"),
    ("iro", "/staff/", "Person 07", "Person 07"),
    ("council_admin", "/admin/", "Person 07", "NM-007"),
    ("participation_officer", "/staff/moderation/", "item 07 please", "item 07"),
    ("safeguarding_lead", "/staff/safeguarding/", "Person 07", "NM-007"),
]


def _rows(html: str) -> int:
    body = html[html.index("<tbody"):html.index("</tbody>")]
    return body.count('<tr class="govuk-table__row')


@pytest.mark.parametrize(("role", "path", "shown", "search"), LISTS, ids=[p for _, p, _, _ in LISTS])
def test_long_staff_lists_come_fifty_rows_a_page_and_can_be_searched(busy_council, sign_in, role, path, shown, search):
    client = sign_in(getattr(busy_council, role))
    first = client.get(path).get_data(as_text=True)
    assert _rows(first) == 50
    assert re.search(r"Showing 1 to 50 of 5[5-9]", first)
    link = re.search(r'href="([^"]*(?:\?|&amp;)page=2[^"]*)"', first).group(1).replace("&amp;", "&")
    assert all(part in link for part in path.split("?")[1:])  # the list's filters stay in the link
    second = client.get(link).get_data(as_text=True)
    assert 1 <= _rows(second) <= 9 and "Showing 51 to" in second
    found = client.get(path + ("&" if "?" in path else "?") + "q=" + search).get_data(as_text=True)
    assert shown in found and _rows(found) == 1
