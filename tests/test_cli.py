"""The command line sets up councils and people, and loads the demo."""
from sqlalchemy import select

from app.auth.models import User
from app.auth.service import find_code
from app.extensions import db
from app.tenancy import Authority


def test_create_authority_staff_and_invite(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["heard", "create-authority", "--name", "Eastvale Council", "--slug", "eastvale", "--out-of-hours", "0300 000 1111", "--languages", "en,ar"])
    assert result.exit_code == 0, result.output
    authority = db.session.scalar(select(Authority).where(Authority.slug == "eastvale"))
    assert authority.enabled_languages == ["en", "ar"] and authority.out_of_hours_phone == "0300 000 1111"

    result = runner.invoke(args=["heard", "create-staff", "--authority", "eastvale", "--email", "Admin@Eastvale.example", "--name", "Ada Admin", "--role", "council_admin"])
    assert result.exit_code == 0, result.output
    code = result.output.split("Invite code: ")[1].split()[0]
    with app.test_request_context():
        assert find_code(code, "invite").user.email == "admin@eastvale.example"

    assert runner.invoke(args=["heard", "create-authority", "--name", "Again", "--slug", "eastvale"]).exit_code != 0
    assert runner.invoke(args=["heard", "create-staff", "--authority", "nowhere", "--email", "a@b.c", "--name", "X"]).exit_code != 0


def test_demo_loads_every_role_and_prints_sign_ins(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["heard", "demo"])
    assert result.exit_code == 0, result.output
    roles = {user.role for user in db.session.scalars(select(User))}
    assert roles == {"young_person", "iro", "worker", "participation_officer", "safeguarding_lead", "manager", "council_admin", "complaints_officer"}
    assert "amira" in result.output and "grace.okafor@northmoor.example" in result.output
    # Loading again when a council exists changes nothing and prints the sign-ins again.
    again = runner.invoke(args=["heard", "demo", "--if-empty"])
    assert again.exit_code == 0 and "amira" in again.output
    assert db.session.scalar(select(db.func.count()).select_from(Authority)) == 1
    code = runner.invoke(args=["heard", "totp-code", "grace.okafor@northmoor.example"])
    assert code.exit_code == 0 and code.output.strip().isdigit()


def test_invite_refuses_an_account_already_set_up(app, db):
    from . import factories

    council = factories.authority(slug="setup-council")
    person = factories.young_person(council, reference="SET-1")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["heard", "invite", "--authority", "setup-council", "--reference", "SET-1"])
    assert result.exit_code != 0 and "already set up their account" in result.output
    assert person.password_hash is not None
