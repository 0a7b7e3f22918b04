"""The council admin reads the council's audit trail: who did what to which record, and when,
newest first, fifty at a time, found by a person's name, an action or a record number."""
import re
from datetime import timedelta

from app import audit
from app.extensions import db
from app.models_base import utcnow
from app.tenancy import acting_for

from .. import factories


def _rows(html: str) -> list[str]:
    body = html[html.index("<tbody"):html.index("</tbody>")]
    return re.findall(r'<tr class="govuk-table__row[^"]*"[^>]*>(.*?)</tr>', body, re.S)


def test_admin_sees_who_read_a_young_persons_record_newest_first_and_nothing_of_another_council(world, sign_in):
    a, b = world.a, world.b
    sign_in(a.iro).get(f"/staff/young-people/{a.young_person.id}")
    sign_in(a.worker).get(f"/staff/young-people/{a.young_person.id}")
    sign_in(b.iro).get(f"/staff/young-people/{b.young_person.id}")

    page = sign_in(a.council_admin).get("/admin/audit").get_data(as_text=True)
    rows = _rows(page)
    assert len(rows) == 2
    assert a.worker.display_name in rows[0] and a.iro.display_name in rows[1]  # newest first
    assert all("young_person.viewed" in row and a.young_person.display_name in row for row in rows)
    assert b.iro.display_name not in page and b.young_person.display_name not in page


def test_audit_log_is_found_by_either_persons_name_an_action_or_a_record_number(world, sign_in):
    a = world.a
    other = factories.young_person(a.authority, display_name="Zebedee Quill", iro_id=a.iro.id)
    db.session.commit()
    sign_in(a.iro).get(f"/staff/young-people/{a.young_person.id}")
    sign_in(a.iro).get(f"/staff/young-people/{other.id}")
    factories.rating_round(a.authority)  # recorded as "pledge.round_created"
    db.session.commit()
    admin = sign_in(a.council_admin)

    def found(q):
        rows = _rows(admin.get("/admin/audit", query_string={"q": q}).get_data(as_text=True))
        return [] if len(rows) == 1 and "Nothing matches." in rows[0] else rows

    assert len(found("zebedee")) == 1 and "Zebedee Quill" in found("zebedee")[0]
    assert len(found(a.iro.display_name)) == 2
    assert len(found("round_created")) == 1 and "RatingRound" in found("round_created")[0]
    assert any("Zebedee Quill" in row for row in found(str(other.id)))
    assert found("nobody did this") == []


def test_a_long_audit_log_comes_fifty_events_a_page(world, sign_in):
    a = world.a
    with acting_for(a.authority):
        for n in range(55):
            event = audit.record("young_person.viewed", a.young_person, actor=a.iro)
            event.at = utcnow() - timedelta(minutes=n)
    db.session.commit()
    admin = sign_in(a.council_admin)
    first = admin.get("/admin/audit").get_data(as_text=True)
    assert len(_rows(first)) == 50 and "Showing 1 to 50 of 55" in first
    second = admin.get("/admin/audit?page=2").get_data(as_text=True)
    assert len(_rows(second)) == 5 and "Showing 51 to 55 of 55" in second
