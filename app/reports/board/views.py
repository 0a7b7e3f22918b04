"""Views before reviews: how many reviews had the young person's views sent before, read and
acknowledged before, and answered after; and how young people took part (PN0 to PN7)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...reviews import service as reviews
from ...reviews.models import PN_CODES
from ..quarters import Quarter
from .sections import Section
from .tables import COUNT, SHARE, Row, Table, entry_of


def figures(authority_id: int, quarter: Quarter) -> dict:
    c = reviews.report_counts(authority_id, quarter.start, quarter.end)
    return reviews.protect_report_figures(c.total, c.views_before, c.acknowledged, c.with_wishes, c.outcomes_done, c.codes)


def section(authority_id: int, quarters: list[Quarter]) -> Section:
    per_quarter = [figures(authority_id, q) for q in quarters]
    headline = Table(
        "views",
        str(_l("Views before reviews")),
        str(_l("Measure")),
        rows=[
            Row("reviews", str(_l("Reviews held")), [entry_of(f["views_before"]) for f in per_quarter], COUNT),
            Row("sent_before", str(_l("Views sent before the review")), [entry_of(f["views_before"], "yes") for f in per_quarter], SHARE),
            Row(
                "acknowledged_before",
                str(_l("Of those, read and acknowledged by the IRO before the review")),
                [entry_of(f["acknowledged_before"], "yes") for f in per_quarter],
                SHARE,
            ),
            Row("with_wishes", str(_l("Views that asked for something")), [entry_of(f["outcomes_recorded"]) for f in per_quarter], COUNT),
            Row(
                "outcomes_recorded",
                str(_l("Of those, an outcome recorded for every wish")),
                [entry_of(f["outcomes_recorded"], "yes") for f in per_quarter],
                SHARE,
            ),
        ],
        chart=True,
    )
    codes = Table(
        "participation",
        str(_l("How young people took part in their review (participation codes)")),
        str(_l("Code")),
        rows=[
            Row(code, str(reviews.PN_LABELS[code]) if code != "none" else str(_l("Not recorded yet")), [entry_of(f["participation"], code) for f in per_quarter], SHARE)
            for code in (*PN_CODES, "none")
        ],
        chart=True,
    )
    return Section(
        "views",
        str(_l("Views before reviews")),
        str(_l("Reviews held in the quarter (looked-after child reviews and pathway plan reviews), whether the young person's views reached their IRO before the meeting, and how they took part.")),
        str(_l("Before each review, young people can tell their IRO what they think. This shows how often that happened, and how young people took part in their meeting.")),
        tables=[headline, codes],
    )
