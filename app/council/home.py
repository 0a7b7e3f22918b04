"""The council's pieces of shared screens: the young person's home card and the staff menu."""
from flask_babel import lazy_gettext as _l

from ..access import PARTICIPATION
from ..staff.nav import register_nav
from ..youth.cards import Card, card_provider
from . import meetings, polls
from .models import INVITED
from .service import member_group_ids, memberships_of


@card_provider
def council_card(young_person):
    group_ids = member_group_ids(young_person)
    invitations = [m for m in memberships_of(young_person) if m.state == INVITED]
    open_polls = polls.polls_for(young_person)
    if not (group_ids or invitations or open_polls):
        return Card(title=_l("Have your say"), template="council/card.html", order=40,
                    context={"groups": 0, "polls": [], "meeting": None, "invitations": []})
    upcoming = meetings.upcoming(group_ids, limit=1)
    return Card(
        title=_l("Your council groups"),
        template="council/card.html",
        order=30,
        highlight=bool(invitations or any(p.mode == "live" for p in open_polls)),
        context={"groups": len(group_ids), "polls": open_polls[:3], "meeting": upcoming[0] if upcoming else None,
                 "invitations": invitations},
    )


def _waiting(user) -> int | None:
    from sqlalchemy import func, select

    from ..extensions import db
    from .models import REQUESTED, Membership

    n = db.session.scalar(select(func.count()).select_from(Membership).where(Membership.state == REQUESTED))
    return n or None


register_nav(_l("Council groups"), "council.manage_home", {PARTICIPATION}, order=40, count=_waiting)


def _when(value, format: str = "EEEE d MMMM, HH:mm") -> str:
    """A date and time in England's time, in the reader's language."""
    from ..i18n.formatting import local_datetime

    return local_datetime(value, format)


from . import bp  # noqa: E402

bp.add_app_template_filter(_when, "council_when")
bp.add_app_template_global(lambda question: polls.question_is_closed(question), "poll_question_closed")
