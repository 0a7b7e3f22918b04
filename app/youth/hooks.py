"""The young person's own cards on their home: their people, and getting help."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .. import hooks


@hooks.home_card
def _my_people(young_person):
    if not (young_person.iro or young_person.worker):
        return None
    return hooks.Card(title=_l("Your people"), template="youth/cards/people.html", order=80)


@hooks.home_card
def _get_help(young_person):
    return hooks.Card(title=_l("Need help?"), template="youth/cards/help.html", order=90)
