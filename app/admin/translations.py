"""Which council-authored texts are not yet in each of the council's enabled languages.

Young people read the English (or default) wording, with a note, until a translation exists;
this gathers what is missing so a council admin can see the gaps per language. Only content
young people read now or soon is listed: current and draft pledges, active groups, polls not
yet closed, upcoming meetings, open consultations and the council's own survey versions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from ..council.models import CLOSED, Consultation, CouncilGroup, Meeting, Poll, PollQuestion
from ..extensions import db
from ..i18n.content import missing_languages
from ..models_base import utcnow
from ..pledges.models import Pledge, PledgeTheme, PledgeVersion
from ..surveys.models import Survey, SurveySection, SurveyVersion
from ..tenancy import for_council

SOURCE = "en"


@dataclass(frozen=True)
class Row:
    kind: object  # lazy label, e.g. "Promise"
    text: str  # the wording in English (or whatever it has), to recognise it by
    part_of: str  # the item it belongs to (a poll's title, a pledge's title...)
    missing: tuple[str, ...]  # enabled languages it is not yet in
    endpoint: str | None = None  # where it is changed, if anywhere
    args: dict = field(default_factory=dict)


def _words(value: dict | None) -> str:
    value = value or {}
    return (value.get(SOURCE) or "").strip() or next((t.strip() for t in value.values() if t and t.strip()), "")


class _Gather:
    def __init__(self, languages: list[str]):
        self.languages = languages
        self.rows: list[Row] = []

    def add(self, kind, value: dict | None, part_of: str, endpoint: str | None = None, **args) -> None:
        text = _words(value)
        if not text:  # an optional text left empty: nothing to translate
            return
        missing = tuple(missing_languages(value, self.languages))
        if missing:
            self.rows.append(Row(kind, text, part_of, missing, endpoint, args))


def target_languages(authority) -> list[str]:
    return [code for code in (authority.enabled_languages or []) if code != SOURCE]


@for_council(of="authority")
def missing_content(authority, now: datetime | None = None) -> list[Row]:
    """Every council-authored text that lacks at least one enabled language, in page order."""
    now = now or utcnow()
    gather = _Gather(target_languages(authority))
    if not gather.languages:
        return []
    _pledges(gather)
    _council(gather, now)
    _surveys(gather)
    return gather.rows


def by_language(rows: list[Row], languages: list[str]) -> dict[str, list[Row]]:
    return {code: [row for row in rows if code in row.missing] for code in languages}


def _pledges(gather: _Gather) -> None:
    # Each collection is loaded for every row at once (one query a level), not row by row.
    wording = selectinload(Pledge.versions).selectinload(PledgeVersion.themes).selectinload(PledgeTheme.promises)
    pledges = db.session.scalars(select(Pledge).order_by(Pledge.audience).options(wording)).all()
    for pledge in pledges:
        for version in (pledge.current, pledge.draft):
            if version is None:
                continue
            draft = version is pledge.draft
            title = _words(version.title)
            part_of = str(_l("%(title)s (draft)", title=title)) if draft else title
            gather.add(_l("Title"), version.title, part_of, "pledges.edit_version", version_id=version.id)
            gather.add(_l("Introduction"), version.introduction, part_of, "pledges.edit_version", version_id=version.id)
            for theme in version.themes:
                # Published wording never changes: its page shows it, a new draft changes it.
                if draft:
                    gather.add(_l("Theme"), theme.title, part_of, "pledges.edit_theme", theme_id=theme.id)
                else:
                    gather.add(_l("Theme"), theme.title, part_of, "pledges.edit_version", version_id=version.id)
                for promise in theme.promises:
                    target = ("pledges.edit_promise", {"promise_id": promise.id}) if draft else ("pledges.edit_version", {"version_id": version.id})
                    gather.add(_l("Promise"), promise.text, part_of, target[0], **target[1])
                    gather.add(_l("What this means"), promise.meaning, part_of, target[0], **target[1])


def _council(gather: _Gather, now: datetime) -> None:
    groups = db.session.scalars(
        select(CouncilGroup).where(CouncilGroup.archived_at.is_(None)).order_by(CouncilGroup.id)
    ).all()
    for group in groups:
        name = _words(group.name)
        gather.add(_l("Name"), group.name, name, "council.edit_group", group_id=group.id)
        gather.add(_l("Description"), group.description, name, "council.edit_group", group_id=group.id)

    polls = db.session.scalars(
        select(Poll)
        .where(Poll.state != CLOSED)
        .order_by(Poll.id)
        .options(selectinload(Poll.questions).selectinload(PollQuestion.options))
    ).all()
    for poll in polls:
        title = _words(poll.title)
        gather.add(_l("Poll"), poll.title, title, "council.edit_poll", poll_id=poll.id)
        for question in poll.questions:
            gather.add(_l("Question"), question.text, title, "council.edit_question", poll_id=poll.id, question_id=question.id)
            for option in question.options:
                gather.add(_l("Answer option"), option.text, title, "council.edit_question", poll_id=poll.id, question_id=question.id)

    meetings = db.session.scalars(
        select(Meeting).where(Meeting.starts_at >= now, Meeting.cancelled_at.is_(None)).order_by(Meeting.starts_at)
    ).all()
    for meeting in meetings:
        title = _words(meeting.title)
        for kind, value in ((_l("Meeting"), meeting.title), (_l("Agenda"), meeting.agenda), (_l("Accessibility and travel notes"), meeting.access_notes)):
            gather.add(kind, value, title, "council.edit_meeting", meeting_id=meeting.id)

    consultations = db.session.scalars(
        select(Consultation)
        .where(Consultation.closed_at.is_(None), or_(Consultation.closes_at.is_(None), Consultation.closes_at > now))
        .order_by(Consultation.id)
    ).all()
    for consultation in consultations:
        # Consultations have no editing page once asked.
        question = _words(consultation.question)
        gather.add(_l("Question"), consultation.question, question)
        gather.add(_l("Background"), consultation.background, question)


def _surveys(gather: _Gather) -> None:
    # Our shipped surveys come with their own translations; a council's copies are its own words.
    surveys = db.session.scalars(
        select(Survey)
        .where(Survey.copied_from_id.is_not(None))
        .order_by(Survey.id)
        .options(selectinload(Survey.versions).selectinload(SurveyVersion.sections).selectinload(SurveySection.questions))
    ).all()
    for survey in surveys:
        version = survey.latest
        title = _words(survey.title)
        gather.add(_l("Survey"), survey.title, title)
        if version is None:
            continue
        gather.add(_l("Introduction"), version.intro, title)
        for section in version.sections:
            gather.add(_l("Section"), section.title, title)
            for question in section.questions:
                # Words can change only while the version is a draft (not yet used in a wave).
                target = {} if version.locked else {"endpoint": "survey_staff.edit_question", "survey_question_id": question.id}
                gather.add(_l("Question"), question.text, title, **target)
                gather.add(_l("Hint"), question.hint, title, **target)
                for option in question.options or []:
                    gather.add(_l("Answer option"), option.get("label"), title)
