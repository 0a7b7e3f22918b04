"""E-mails for Heard between reviews, through the outbox: a nudge and a link, never anything a
young person wrote, never their name. Written in the same transaction as the change that caused
them, so they go if and only if it is saved."""
from __future__ import annotations

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from .. import mail

FOOTER = _l("This email has no personal details in it on purpose.")


def tell(addresses, subject, lead, path: str, *, authority_id: int, kind: str, about_id: int | None = None,
         how=_l("Sign in to Heard to see it:")) -> None:
    """One message to each address (nobody sees who else was told), in English: staff inboxes and
    advocacy services read English, and the page behind the link is in the reader's own language."""
    recipients = sorted({address for address in addresses if address})
    if not recipients:
        return
    with force_locale("en"):
        body = "\n".join([str(lead), "", str(how), mail.link(path), "", str(FOOTER)])
        subject = str(subject)
    mail.queue_mail(recipients, subject, body, authority_id=authority_id, kind=f"voice.{kind}", about_id=about_id)
