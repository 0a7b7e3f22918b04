"""Where the Children in Care Council appears elsewhere: the young person's council card, the
staff navigation, the demo council's groups, polls and meetings, and the helpers its templates use."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from .. import hooks
from ..access import PARTICIPATION
from ..extensions import db
from ..i18n.formatting import local_datetime
from . import demo, polls
from .home import card_facts
from .models import LIVE_POLL, REQUESTED, Membership


@hooks.home_card
def council_card(young_person):
    facts = card_facts(young_person)
    context = {"groups": facts.groups, "polls": facts.polls, "meeting": facts.meeting, "invitations": facts.invitations}
    if not (facts.groups or facts.invitations or facts.polls):
        return hooks.Card(title=_l("Have your say"), template="council/card.html", order=40, context=context)
    return hooks.Card(
        title=_l("Your council groups"),
        template="council/card.html",
        order=30,
        highlight=bool(facts.invitations or any(p.mode == LIVE_POLL for p in facts.polls)),
        context=context,
    )


def _waiting(user) -> int | None:
    n = db.session.scalar(select(func.count()).select_from(Membership).where(Membership.state == REQUESTED))
    return n or None


hooks.nav(_l("Council groups"), "council.manage_home", {PARTICIPATION}, order=40, count=_waiting)


def _when(value, format: str = "EEEE d MMMM, HH:mm") -> str:
    """A date and time in England's time, in the reader's language."""
    return local_datetime(value, format)


hooks.demo_loader(demo.load)

hooks.template_filter("council_when", _when)
hooks.template_global("poll_question_closed", lambda question: polls.question_is_closed(question))
