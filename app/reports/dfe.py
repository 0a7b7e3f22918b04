"""The participation codes for the DfE's looked-after children return (SSDA903): each looked-after
child's reviews in the period, in the shape of the return's reviews table, checked first.

The reviews table has one line per review: the council's reference for the child, their date of
birth, the date of the review and how the child took part (PN0 to PN7). Only looked-after child
reviews belong in it; pathway plan reviews of care leavers do not.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from .. import audit
from ..auth.models import age_on
from ..extensions import db
from ..reviews.models import LAC_REVIEW, PN_CODES, Review
from ..tenancy import for_council

HEADER = ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]
UNDER_4 = "PN0"


@dataclass
class Line:
    review_id: int
    child: str
    date_of_birth: date | None
    review_date: date
    code: str | None

    def csv(self) -> list[str]:
        return [self.child, _uk(self.date_of_birth), _uk(self.review_date), self.code or ""]


@dataclass
class Problem:
    review_id: int
    child: str
    review_date: date
    message: str
    iro: str | None = None  # who can put it right


@dataclass
class DfeReturn:
    start: date
    end: date
    lines: list[Line] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def csv_rows(self) -> list[list[str]]:
        return [HEADER, *(line.csv() for line in self.lines)]


def _uk(day: date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


def collection_year(today: date) -> tuple[date, date]:
    """The return's year, 1 April to 31 March, that today falls in."""
    first = today.year if today.month >= 4 else today.year - 1
    return date(first, 4, 1), date(first + 1, 3, 31)


@for_council
def reviews_return(authority_id: int, start: date, end: date) -> DfeReturn:
    """Every looked-after child review held in the period (dated, not in the future), checked:
    one participation code per review, a reference for every child, and no PN0 ("under 4") for a
    child who was 4 or over on the day."""
    result = DfeReturn(start, end)
    reviews = db.session.scalars(
        select(Review)
        .options(joinedload(Review.young_person), joinedload(Review.iro))
        .where(
            Review.kind == LAC_REVIEW,
            Review.date.is_not(None),
            Review.date >= start,
            Review.date <= min(end, date.today()),
        )
        .order_by(Review.date, Review.id)
    ).all()
    seen: dict[tuple, int] = {}
    for review in reviews:
        person = review.young_person
        line = Line(review.id, person.reference or "", person.date_of_birth, review.date, review.participation_code)
        result.lines.append(line)

        def problem(message):
            iro = review.iro.display_name if review.iro else None
            result.problems.append(Problem(review.id, line.child or person.display_name, review.date, str(message), iro))

        if not person.reference:
            problem(_l("The young person has no council reference."))
        if line.code is None:
            problem(_l("No participation code has been recorded for this review."))
        elif line.code not in PN_CODES:
            problem(_l("“%(code)s” is not a participation code.", code=line.code))
        elif line.code == UNDER_4:
            if person.date_of_birth is None:
                problem(_l("PN0 is only for a child under 4, and the young person's date of birth is not recorded."))
            elif age_on(person.date_of_birth, review.date) >= 4:
                problem(_l("PN0 is only for a child under 4, and the young person was %(age)d on the day.", age=age_on(person.date_of_birth, review.date)))
        key = (person.id, review.date)
        if key in seen:
            problem(_l("The young person has two reviews on the same day: the return takes one code per review."))
        seen[key] = review.id
    return result


def downloaded(found: DfeReturn, authority, start: date, end: date) -> None:
    """A return leaves Heard with children's details in it: who took it, and for when, is logged."""
    audit.record("dfe.return_downloaded", None, authority_id=authority.id, start=start.isoformat(), end=end.isoformat(), reviews=len(found.lines))
