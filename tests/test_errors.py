"""`applying` is the one commit path: it commits on success, and on a broken rule rolls back and
puts the message on the form field it names, or flashes it."""
from __future__ import annotations

from flask import get_flashed_messages
from flask_wtf import FlaskForm
from wtforms import StringField

from app.errors import RuleBroken, applying
from app.tenancy import Authority

from . import factories


class NameForm(FlaskForm):
    name = StringField()
    other = StringField()


def _names(db):
    return {a.name for a in db.session.query(Authority).all()}


def test_applying_commits_when_no_rule_is_broken(app, db):
    with app.test_request_context():
        with applying() as outcome:
            factories.authority(name="Kept council")
        db.session.rollback()  # nothing left to roll back: it was committed
    assert outcome.ok
    assert "Kept council" in _names(db)


def test_a_broken_rule_rolls_back_and_lands_on_the_named_field(app, db):
    with app.test_request_context(method="POST"):
        form = NameForm(meta={"csrf": False})
        with applying(form) as outcome:
            factories.authority(name="Lost council")
            raise RuleBroken("That name is taken.", field="other")
        assert not outcome.ok
        assert form.other.errors == ["That name is taken."]
        assert not form.name.errors
        assert get_flashed_messages() == []
    assert "Lost council" not in _names(db)


def test_a_broken_rule_without_a_field_falls_back_to_the_default_field_then_a_flash(app, db):
    with app.test_request_context(method="POST"):
        form = NameForm(meta={"csrf": False})
        with applying(form, field="name"):
            raise RuleBroken("Give a name.")
        assert form.name.errors == ["Give a name."]
        with applying():
            raise RuleBroken("Not now.")
        assert get_flashed_messages(with_categories=True) == [("error", "Not now.")]


def test_a_form_with_per_language_fields_says_where_an_error_goes(app, db):
    class PerLanguage(FlaskForm):
        title__en = StringField()

        def field_for(self, name):
            return getattr(self, f"{name}__en", None)

    with app.test_request_context(method="POST"):
        form = PerLanguage(meta={"csrf": False})
        with applying(form):
            raise RuleBroken("Too long.", field="title")
        assert form.title__en.errors == ["Too long."]


def test_a_page_that_shows_errors_its_own_way_reads_them_from_the_outcome(app, db):
    with app.test_request_context(method="POST"):
        form = NameForm(meta={"csrf": False})
        with applying(form, show=False) as outcome:
            factories.authority(name="Unsaved council")
            raise RuleBroken("Already voted.", field="name", reason="voted")
        assert not outcome.ok
        assert (outcome.error.message, outcome.error.field, outcome.error.reason) == ("Already voted.", "name", "voted")
        assert not form.name.errors and get_flashed_messages() == []
    assert "Unsaved council" not in _names(db)


def test_a_pledge_form_shows_a_rule_about_a_text_on_its_main_language_field(app, db):
    from app.pledges.forms import translated_form

    with app.test_request_context(method="POST"):
        form = translated_form([("title", "Title", False)], ["en", "cy"], "cy", meta={"csrf": False})
        with applying(form, field="title"):
            raise RuleBroken("Write this in the council's main language first.", field="title")
        assert form.title__cy.errors == ["Write this in the council's main language first."]
        assert not form.title__en.errors
