"""Between reviews: statements, replies, call-backs kept and complaints answered within their
timescales. The figures come from the between-reviews feature (`app/voice/`); until a council
has it, the section says so."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..quarters import Quarter
from .sections import Section


def section(authority_id: int, quarters: list[Quarter]) -> Section:
    # A clearly marked place: the between-reviews figures join the pack here.
    return Section(
        "voice",
        str(_l("Between reviews")),
        str(_l("What young people told their workers between reviews: statements sent, replies, call-backs kept and complaints answered within their timescales.")),
        str(_l("What you told your worker between reviews, and how quickly they got back to you.")),
        waiting=str(_l("These figures appear here once young people can speak up between reviews in Heard.")),
    )
