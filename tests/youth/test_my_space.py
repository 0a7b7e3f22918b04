"""A young person's own space: their home, their people, help, their account."""
from app.extensions import db

from .. import factories


def test_home_shows_their_people_and_help(world, sign_in):
    page = sign_in(world.a.young_person).get("/my/").get_data(as_text=True)
    assert world.a.young_person.display_name in page
    assert world.a.worker.display_name in page and world.a.iro.display_name in page
    assert "Exit this page" in page and 'data-module="govuk-exit-this-page"' in page
    assert "/my/help" in page


def test_help_page_lists_where_to_get_help_now(world, sign_in):
    world.a.worker.work_phone = "0300 222 3333"
    db.session.commit()
    page = sign_in(world.a.young_person).get("/my/help").get_data(as_text=True)
    for text in ("999", "0800 1111", world.a.authority.out_of_hours_phone, "0300 222 3333"):
        assert text in page


def test_young_person_changes_password(world, sign_in, client):
    person = world.a.young_person
    me = sign_in(person)
    page = me.post("/my/account", data={"current_password": "nope nope nope", "new_password": "fresh maple window"}).get_data(as_text=True)
    assert "current password is not right" in page
    response = me.post("/my/account", data={"current_password": factories.PASSWORD, "new_password": "fresh maple window"})
    assert response.status_code == 302
    assert client.post("/sign-in", data={"identifier": person.username, "password": "fresh maple window"}).location.endswith("/my/")


def test_names_are_escaped_everywhere(world, sign_in):
    world.a.young_person.display_name = '<script>alert("x")</script>'
    db.session.commit()
    for client, path in ((sign_in(world.a.young_person), "/my/"), (sign_in(world.a.iro), "/staff/")):
        page = client.get(path).get_data(as_text=True)
        assert '<script>alert("x")</script>' not in page and "&lt;script&gt;" in page


def test_quick_exit_signs_out_goes_somewhere_harmless_and_keeps_their_language(app, world, sign_in):
    me = sign_in(world.a.young_person)
    with me.session_transaction() as session:
        session["lang"] = "ar"
    response = me.get("/my/exit")
    assert response.status_code == 302 and response.location == app.config["QUICK_EXIT_URL"]
    assert me.get("/my/").status_code == 302  # nobody is signed in here any more
    with me.session_transaction() as session:
        assert session.get("lang") == "ar" and "_user_id" not in session
