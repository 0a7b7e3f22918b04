"""Email through a real SMTP server. Messages carry no personal content: only a nudge and a link."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app


def send_mail(to: str | list[str], subject: str, body: str) -> bool:
    """Send a plain-text email. Returns False (and logs) if mail is off or the server fails,
    so a notification never stops the action that caused it."""
    recipients = [to] if isinstance(to, str) else [address for address in to if address]
    config = current_app.config
    if not recipients or not config.get("MAIL_ENABLED"):
        return False
    message = EmailMessage()
    message["From"] = config["MAIL_DEFAULT_SENDER"]
    message["To"] = ", ".join(recipients)
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="heard.invalid")
    message.set_content(body)
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
            if config.get("MAIL_USE_TLS"):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        current_app.logger.warning("could not send mail %r: %s", subject, error)
        return False
    return True


def link(endpoint_path: str) -> str:
    """An absolute link for an email, from a path such as '/staff/reviews/3'."""
    return current_app.config["SERVER_NAME_FOR_LINKS"].rstrip("/") + endpoint_path
