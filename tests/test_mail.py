from app.mail import send_mail


def test_mail_goes_through_a_real_smtp_server(app, mail_outbox):
    with app.app_context():
        assert send_mail("iro@example.org", "Views have arrived", "Sign in to read them: http://localhost/")
    assert len(mail_outbox) == 1
    assert mail_outbox[0]["To"] == "iro@example.org"
    assert "Sign in to read them" in mail_outbox[0].get_content()


def test_mail_failure_does_not_raise(app):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=9, MAIL_ENABLED=True)
    try:
        with app.app_context():
            assert send_mail("x@example.org", "s", "b") is False
    finally:
        app.config["MAIL_ENABLED"] = True
