"""`heard translation-status` counts what native speakers have marked reviewed."""
from app.i18n import review_status


def _catalogue(root):
    folder = root / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: xx\n"\n\n'
        '# reviewed: AB 2026-11-22\nmsgid "Hello"\nmsgstr "Salut"\n\n'
        'msgid "Sign in"\nmsgstr "Entrer"\n\n'
        'msgid "Sign out"\nmsgstr ""\n'
    )


def test_reviewed_strings_are_counted_and_the_rest_listed(tmp_path):
    _catalogue(tmp_path)
    assert review_status.statuses(tmp_path) == [review_status.Status("xx", 3, 2, 1)]
    assert review_status.waiting_for_review("xx", tmp_path) == ["Sign in", "Sign out"]


def test_the_command_reports_every_shipped_language(app):
    result = app.test_cli_runner().invoke(args=["heard", "translation-status"])
    assert result.exit_code == 0
    for locale in ("ar", "ps", "ti", "kmr", "so"):
        assert f"\n{locale} " in "\n" + result.output
    listing = app.test_cli_runner().invoke(args=["heard", "translation-status", "ps"])
    assert listing.exit_code == 0 and "Sign in" in listing.output
    assert app.test_cli_runner().invoke(args=["heard", "translation-status", "zz"]).exit_code != 0
