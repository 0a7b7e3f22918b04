"""Council admins add young people and staff, allocate them, and change council settings."""
import re
from datetime import date

from sqlalchemy import select

from app.auth.models import User
from app.extensions import db
from app.tenancy import Authority



def test_admin_adds_a_young_person_with_allocations_and_makes_an_invite_card(world, sign_in):
    admin = sign_in(world.a.council_admin)
    response = admin.post(
        "/admin/young-people/new",
        data={
            "display_name": "Hana",
            "reference": "A-77",
            "date_of_birth": "2012-05-04",
            "care_status": "in_care",
            "preferred_language": "ar",
            "iro_id": str(world.a.iro.id),
            "worker_id": str(world.a.worker.id),
        },
    )
    assert response.status_code == 302
    hana = db.session.scalar(select(User).where(User.reference == "A-77"))
    assert hana.iro_id == world.a.iro.id and hana.date_of_birth == date(2012, 5, 4)
    page = admin.post(f"/staff/young-people/{hana.id}/invite").get_data(as_text=True)
    assert re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}", page) and "/join?code=" in page


def test_allocations_to_another_councils_staff_are_ignored(world, sign_in):
    sign_in(world.a.council_admin).post(
        "/admin/young-people/new",
        data={"display_name": "Ivo", "date_of_birth": "2010-01-01", "care_status": "in_care", "preferred_language": "en", "iro_id": str(world.b.iro.id)},
    )
    ivo = db.session.scalar(select(User).where(User.display_name == "Ivo"))
    assert ivo.iro_id is None and ivo.authority_id == world.a.authority.id


def test_bad_young_person_input_keeps_what_was_typed(world, sign_in):
    page = sign_in(world.a.council_admin).post(
        "/admin/young-people/new",
        data={"display_name": "Kofi <b>", "reference": world.a.young_person.reference, "date_of_birth": "not a date", "care_status": "in_care", "preferred_language": "en"},
    ).get_data(as_text=True)
    assert "There is a problem" in page
    assert "Enter a real date of birth" in page
    assert 'value="Kofi &lt;b&gt;"' in page  # kept, and escaped


def test_duplicate_reference_is_refused_with_a_message(world, sign_in):
    page = sign_in(world.a.council_admin).post(
        "/admin/young-people/new",
        data={"display_name": "Kofi", "reference": world.a.young_person.reference, "date_of_birth": "2010-01-01", "care_status": "in_care", "preferred_language": "en"},
    ).get_data(as_text=True)
    assert "already has that reference" in page


def test_admin_adds_staff_and_gets_their_invite_code(world, sign_in):
    page = sign_in(world.a.council_admin).post(
        "/admin/staff/new",
        data={"display_name": "Rosa Diaz", "email": "Rosa@Example.org", "role": "iro", "job_title": "IRO"},
    ).get_data(as_text=True)
    assert "/join?code=" in page
    rosa = db.session.scalar(select(User).where(User.email == "rosa@example.org"))
    assert rosa.role == "iro" and rosa.password_hash is None


def test_staff_email_must_be_unique_across_councils(world, sign_in):
    page = sign_in(world.a.council_admin).post(
        "/admin/staff/new", data={"display_name": "Copy", "email": world.b.iro.email, "role": "iro"}
    ).get_data(as_text=True)
    assert "already uses that email" in page


def test_admin_cannot_remove_their_own_admin_access(world, sign_in):
    me = world.a.council_admin
    page = sign_in(me).post(
        f"/admin/staff/{me.id}/edit", data={"display_name": me.display_name, "email": me.email, "role": "manager", "active": "y"}
    ).get_data(as_text=True)
    assert "cannot remove your own admin access" in page
    assert db.session.get(User, me.id).role == "council_admin"


def test_switching_off_a_staff_account_signs_them_out(world, sign_in):
    iro = world.a.iro
    iro_client = sign_in(iro)
    assert iro_client.get("/staff/").status_code == 200
    sign_in(world.a.council_admin).post(
        f"/admin/staff/{iro.id}/edit", data={"display_name": iro.display_name, "email": iro.email, "role": "iro"}
    )
    assert iro_client.get("/staff/").status_code == 302


def test_admin_resets_a_lost_authenticator(world, sign_in):
    iro = world.a.iro
    sign_in(world.a.council_admin).post(f"/admin/staff/{iro.id}/reset-second-factor")
    db.session.refresh(iro)
    assert iro.totp_confirmed_at is None and iro.totp_secret is None


def test_council_settings_are_saved_and_validated(world, sign_in):
    admin = sign_in(world.a.council_admin)
    page = admin.post(
        "/admin/settings", data={"name": "Council A", "default_language": "ps", "enabled_languages": ["en", "ar"]}
    ).get_data(as_text=True)
    assert "Include the default language" in page
    admin.post(
        "/admin/settings",
        data={"name": "Council A", "out_of_hours_phone": "0300 111 2222", "default_language": "en", "enabled_languages": ["en", "ar", "ps"]},
    )
    authority = db.session.get(Authority, world.a.authority.id)
    assert authority.out_of_hours_phone == "0300 111 2222" and authority.enabled_languages == ["en", "ar", "ps"]


def test_search_finds_people_of_this_council_only(world, sign_in):
    page = sign_in(world.a.council_admin).get("/admin/?q=Zephyrine").get_data(as_text=True)
    assert world.a.young_person.display_name in page and world.b.young_person.display_name not in page
    assert world.a.other_young_person.display_name not in page  # the search narrows the list
