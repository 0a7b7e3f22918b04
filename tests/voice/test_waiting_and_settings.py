"""A message unread after the council's working days goes to the reader's line manager; councils
set their promises, advocacy service and teams; staff are given a line manager."""
from __future__ import annotations

from freezegun import freeze_time

from app.auth.models import User
from app.extensions import db
from app.voice.models import StatementReader, Team
from app.voice.settings import settings_for

from .. import factories


def _people():
    council = factories.authority()
    manager = factories.staff(council, "manager", display_name="Helen Ward")
    worker = factories.staff(council, "worker", display_name="Daniel Hughes", line_manager_id=manager.id)
    iro = factories.staff(council, "iro", display_name="Grace Okafor")  # no line manager: the council's managers
    person = factories.young_person(council, worker_id=worker.id, iro_id=iro.id, display_name="Lily")
    db.session.commit()
    return council, manager, worker, iro, person


def test_unread_after_two_working_days_goes_to_the_line_manager_once_skipping_the_bank_holiday(app, sign_in, mail_outbox):
    council, manager, worker, iro, person = _people()
    with freeze_time("2026-05-22 11:00:00"):  # Friday before the spring bank holiday (Monday 25 May)
        statement = factories.statement(person, readers=("worker",), text="Secret words")
        db.session.commit()
    runner = app.test_cli_runner()
    with freeze_time("2026-05-27 20:00:00"):  # Tuesday and Wednesday are the two working days
        assert "Flagged 0 unread" in runner.invoke(args=["heard", "voice-check"]).output
    mail_outbox.clear()
    with freeze_time("2026-05-28 07:00:00"):
        assert "Flagged 1 unread" in runner.invoke(args=["heard", "voice-check"]).output
        assert "Flagged 0 unread" in runner.invoke(args=["heard", "voice-check"]).output
    assert [m["To"] for m in mail_outbox] == [manager.email]
    assert "Secret" not in mail_outbox[0].get_content() and "Lily" not in mail_outbox[0].get_content()
    assert db.session.query(StatementReader).one().flagged_to == [manager.id]
    page = sign_in(manager).get("/staff/voice/waiting").get_data(as_text=True)
    assert "Daniel Hughes" in page and "Lily" in page and "Secret words" not in page
    assert '<span class="heard-count">1</span>' in page
    # Once the worker reads it, it leaves the manager's list.
    sign_in(worker).get(f"/staff/voice/statements/{statement.id}")
    assert "Lily" not in sign_in(manager).get("/staff/voice/waiting").get_data(as_text=True)


def test_a_reader_without_a_line_manager_is_covered_by_the_councils_managers(app):
    council, manager, worker, iro, person = _people()
    settings_for(council.id).unread_days = 1
    with freeze_time("2026-06-01 10:00:00"):
        factories.statement(person, readers=("iro",))
        db.session.commit()
    with freeze_time("2026-06-03 10:00:00"):
        app.test_cli_runner().invoke(args=["heard", "voice-check"])
    assert db.session.query(StatementReader).one().flagged_to == [manager.id]


def test_the_council_admin_sets_the_promises_the_advocacy_service_and_teams(sign_in):
    council = factories.authority()
    admin = factories.staff(council, "council_admin")
    member = factories.staff(council, "worker", display_name="Priya Shah")
    db.session.commit()
    client = sign_in(admin)
    page = client.get("/staff/voice/settings").get_data(as_text=True)
    assert "Nobody has the complaints officer role" in page
    assert client.post("/staff/voice/settings", data={"callback_hours": "0", "unread_days": "2"}).status_code == 400
    client.post("/staff/voice/settings", data={
        "callback_hours": "4", "unread_days": "3", "advocacy_name": "Northmoor Advocacy", "advocacy_email": "Help@Advocacy.example",
        "advocacy_phone": "0300 555 0142", "complaints_email": "complaints@northmoor.example",
    })
    settings = settings_for(council.id)
    assert (settings.callback_hours, settings.unread_days, settings.advocacy_email) == (4, 3, "help@advocacy.example")
    assert db.session.get(type(council), council.id).advocacy_phone == "0300 555 0142"
    client.post("/staff/voice/teams/new", data={"name": "Leaving care team", "email": "", "members": [str(member.id)], "active": "y"})
    team = db.session.query(Team).one()
    assert [m.user_id for m in team.members] == [member.id]
    assert client.post("/staff/voice/teams/new", data={"name": "Leaving care team", "active": "y"}).status_code == 400


def test_settings_and_teams_are_for_the_council_admin_only(sign_in):
    council = factories.authority()
    db.session.commit()
    for role in ("manager", "complaints_officer", "worker"):
        assert sign_in(factories.staff(council, role)).get("/staff/voice/settings").status_code == 403


def test_the_admin_gives_staff_a_line_manager_from_their_own_council(sign_in):
    council = factories.authority()
    admin = factories.staff(council, "council_admin")
    manager = factories.staff(council, "manager")
    worker = factories.staff(council, "worker")
    elsewhere = factories.staff(factories.authority(), "manager")
    db.session.commit()
    client = sign_in(admin)
    data = {"display_name": worker.display_name, "email": worker.email, "role": "worker", "active": "y"}
    client.post(f"/admin/staff/{worker.id}/edit", data={**data, "line_manager_id": str(manager.id)})
    assert db.session.get(User, worker.id).line_manager_id == manager.id
    response = client.post(f"/admin/staff/{worker.id}/edit", data={**data, "line_manager_id": str(elsewhere.id)})
    assert response.status_code == 200 and "Choose a line manager from your council" in response.get_data(as_text=True)
    assert db.session.get(User, worker.id).line_manager_id == manager.id
