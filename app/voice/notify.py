"""E-mails for Heard between reviews: a nudge and a link, never anything a young person wrote,
never their name. Sent only once the change that caused them is committed."""
from __future__ import annotations

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import Session

from .. import mail
from ..extensions import db

_PENDING = "heard_voice_mail"

FOOTER = _l("This email has no personal details in it on purpose.")


def tell(addresses, subject, lead, path: str, *, how=_l("Sign in to Heard to see it:")) -> None:
    """Queue one message to each address (nobody sees who else was told), in English: staff
    inboxes are read in English, and the page behind the link is in the reader's own language."""
    recipients = sorted({address for address in addresses if address})
    if not recipients:
        return
    with force_locale("en"):
        body = "\n".join([str(lead), "", str(how), mail.link(path), "", str(FOOTER)])
        message = (str(subject), body)
    db.session.info.setdefault(_PENDING, []).append((recipients, *message))


@event.listens_for(Session, "after_commit")
def _send(session: Session) -> None:
    for recipients, subject, body in session.info.pop(_PENDING, None) or ():
        for recipient in recipients:
            mail.send_mail(recipient, subject, body)


@event.listens_for(Session, "after_soft_rollback")
def _drop(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:
        session.info.pop(_PENDING, None)
