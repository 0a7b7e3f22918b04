"""Young people's own words, chosen by the participation officer from what moderation approved."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .. import quotes
from ..quarters import Quarter
from .sections import Section


def section(authority_id: int, quarters: list[Quarter]) -> Section:
    return Section(
        "quotes",
        str(_l("In their own words")),
        str(_l("Words young people wrote for the council or for reports this quarter, chosen by the participation officer after moderation removed anything that could identify anyone.")),
        str(_l("Some of the things you wrote for the council, with anything that could identify anyone taken out.")),
        extras={"quotes": quotes.chosen(authority_id, quarters[0])},
    )
