"""Survey definitions: our shipped survey set (data/), installing it for a council, copying and
adapting a survey, and the versioning rule that keeps trends honest.

The rule: a question's `key` names its meaning. Once a version is locked (a wave has used it)
nothing in it changes. Changes go into a new version; there, a question whose English wording,
kind or answers change gets a new key, because it now asks something else. Translations alone
do not change the meaning, so they keep the key.
"""
from __future__ import annotations

import copy
import json
import secrets
from functools import lru_cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from .. import audit
from ..errors import RuleBroken
from ..extensions import db
from ..tenancy import for_council
from .models import (
    FACES,
    KINDS,
    MULTIPLE,
    SCALE10,
    SINGLE,
    YES_SOMETIMES_NO,
    Survey,
    SurveyQuestion,
    SurveySection,
    SurveyVersion,
)

DATA = Path(__file__).parent / "data"
SHIPPED = ("heard-4-7", "heard-8-11", "heard-11-17", "heard-care-leavers")


class BadDefinition(ValueError):
    """A survey definition file that contradicts itself: a fault in the files we ship."""


# What a council's admin is told when a change to a survey is refused, by the rule's `reason`.
LOCKED = _l("This version has been used in a wave, so its questions cannot change. Start a new version to change them.")
OPTION_ERRORS = {
    "options": _l("Give at least two answers to choose from, one a line"),
    "options_long": _l("Keep each answer under 200 characters"),
    "options_repeated": _l("Give each answer only once"),
    "followed": _l("Another question is asked after an answer you removed or changed. Change or remove that question first."),
}
NOT_REMOVABLE = _l("That question cannot be removed: it is in a version already used, or another question follows it.")


def _refuse(reason: str, message=None, field: str | None = None) -> RuleBroken:
    return RuleBroken(message or OPTION_ERRORS.get(reason, OPTION_ERRORS["options"]), field, reason=reason)


@lru_cache(maxsize=1)
def texts() -> dict[str, dict[str, str]]:
    return {k: v for k, v in json.loads((DATA / "texts.json").read_text("utf-8")).items() if not k.startswith("_")}


def _text(ref):
    if ref is None:
        return None
    if isinstance(ref, str) and ref.startswith("@"):
        try:
            return dict(texts()[ref[1:]])
        except KeyError as error:
            raise BadDefinition(f"unknown text {ref}") from error
    if isinstance(ref, str):
        return {"en": ref}
    return dict(ref)


def _numbers(value: str) -> dict[str, str]:
    """A number label in every language's own digits where the script has them."""
    arabic_indic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    persian = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    return {"en": value, "ar": value.translate(arabic_indic), "ckb": value.translate(arabic_indic), "ps": value.translate(persian), "fa": value.translate(persian), "fa_AF": value.translate(persian)}


def standard_options(kind: str, positive: list[str] | None = None) -> list[dict]:
    """The answers of the fixed kinds. `positive` marks the answers counted as good in trends."""
    if kind == FACES:
        values = [str(n) for n in range(1, 6)]
        options = [{"value": v, "label": _text(f"@f{v}")} for v in values]
        positive = positive or ["4", "5"]
    elif kind == YES_SOMETIMES_NO:
        options = [{"value": v, "label": _text(f"@{v}")} for v in ("yes", "sometimes", "no")]
        positive = positive or ["yes"]
    elif kind == SCALE10:
        options = [{"value": str(n), "label": _numbers(str(n))} for n in range(11)]
        options[0]["anchor"] = _text("@s0")
        options[10]["anchor"] = _text("@s10")
        positive = positive or [str(n) for n in range(7, 11)]  # ONS "high" and "very high"
    else:
        return []
    for option in options:
        option["positive"] = option["value"] in positive
    return options


def shipped_definition(key: str) -> dict:
    return json.loads((DATA / "surveys" / f"{key}.json").read_text("utf-8"))


def _question_fields(spec: dict) -> dict:
    kind = spec["kind"]
    if kind not in KINDS:
        raise BadDefinition(f"unknown kind {kind}")
    if kind in (SINGLE, MULTIPLE):
        options = [
            {**{k: v for k, v in option.items() if k != "label"}, "label": _text(option["label"]), "positive": bool(option.get("positive"))}
            for option in spec["options"]
        ]
    else:
        options = standard_options(kind, spec.get("positive"))
    return dict(
        key=spec["key"],
        kind=kind,
        text=_text(spec["text"]),
        hint=_text(spec.get("hint")),
        options=options,
        show_if=spec.get("show_if"),
        records=spec.get("records"),
    )


def validate(definition: dict) -> None:
    """A definition must be self-consistent: unique keys, follow-ups after what they follow."""
    seen: dict[str, dict] = {}
    for section in definition["sections"]:
        for spec in section["questions"]:
            fields = _question_fields(spec)
            if fields["key"] in seen:
                raise BadDefinition(f"{fields['key']} appears twice")
            condition = fields["show_if"]
            if condition:
                parent = seen.get(condition["question"])
                if parent is None:
                    raise BadDefinition(f"{fields['key']} follows {condition['question']}, which does not come before it")
                values = {option["value"] for option in parent["options"]}
                if not set(condition["values"]) <= values:
                    raise BadDefinition(f"{fields['key']} follows answers {condition['values']} that {parent['key']} does not have")
            if fields["kind"] in (SINGLE, MULTIPLE) and len(fields["options"]) < 2:
                raise BadDefinition(f"{fields['key']} needs at least two answers")
            seen[fields["key"]] = fields


@for_council
def install(authority_id: int, key: str) -> Survey:
    """Add one of our shipped surveys to a council (or return it if it is already there)."""
    existing = db.session.scalar(select(Survey).where(Survey.key == key))
    if existing is not None:
        return existing
    definition = shipped_definition(key)
    validate(definition)
    survey = Survey(
        authority_id=authority_id,
        key=key,
        origin=key,
        title=_text(definition["title"]),
        min_age=definition["min_age"],
        max_age=definition["max_age"],
        care_status=definition.get("care_status"),
        age_band=definition.get("age_band"),
        offer_help=bool(definition.get("offer_help")),
    )
    version = SurveyVersion(authority_id=authority_id, survey=survey, number=1, intro=_text(definition.get("intro")))
    for s_pos, section_spec in enumerate(definition["sections"]):
        section = SurveySection(authority_id=authority_id, position=s_pos, title=_text(section_spec["title"]))
        version.sections.append(section)
        for q_pos, spec in enumerate(section_spec["questions"]):
            section.questions.append(SurveyQuestion(authority_id=authority_id, version=version, position=q_pos, **_question_fields(spec)))
    db.session.add(survey)
    db.session.flush()
    return survey


def install_shipped(authority_id: int) -> list[Survey]:
    return [install(authority_id, key) for key in SHIPPED]


def _copy_version(source: SurveyVersion, survey: Survey, number: int) -> SurveyVersion:
    version = SurveyVersion(authority_id=survey.authority_id, survey=survey, number=number, intro=copy.deepcopy(source.intro))
    db.session.add(version)
    for section in source.sections:
        new_section = SurveySection(authority_id=survey.authority_id, position=section.position, title=copy.deepcopy(section.title))
        version.sections.append(new_section)
        for question in section.questions:
            new_section.questions.append(
                SurveyQuestion(
                    authority_id=survey.authority_id,
                    version=version,
                    position=question.position,
                    key=question.key,
                    kind=question.kind,
                    text=copy.deepcopy(question.text),
                    hint=copy.deepcopy(question.hint),
                    options=copy.deepcopy(question.options),
                    show_if=copy.deepcopy(question.show_if),
                    records=question.records,
                )
            )
    return version


def new_version(survey: Survey) -> SurveyVersion:
    """A draft to change. If the latest version is still a draft, that is the one to change."""
    latest = survey.latest
    if latest is not None and not latest.locked:
        audit.record("survey.version_started", survey, number=latest.number)
        return latest
    try:
        with db.session.begin_nested():
            version = _copy_version(latest, survey, (latest.number if latest else 0) + 1)
    except IntegrityError:
        # Started twice at once: the other request's draft took the number. Use that one.
        db.session.expire(survey)
        if survey.latest is None or survey.latest.locked:
            raise
        version = survey.latest
    audit.record("survey.version_started", survey, number=version.number)
    return version


@for_council(of="survey")
def copy_survey(survey: Survey, title_en: str) -> Survey:
    """A council's own adaptation. Unchanged questions keep their keys, so they stay comparable."""
    title_en = (title_en or "").strip()
    if not title_en:
        raise RuleBroken(_l("Give your version a name"), "title", reason="title")
    count = db.session.scalar(select(func.count()).select_from(Survey))
    copy_ = Survey(
        authority_id=survey.authority_id,
        key=f"{survey.key}-{count + 1}-{secrets.token_hex(2)}",
        origin=survey.origin,
        title={"en": title_en},
        min_age=survey.min_age,
        max_age=survey.max_age,
        care_status=survey.care_status,
        age_band=survey.age_band,
        offer_help=survey.offer_help,
        copied_from_id=survey.id,
    )
    db.session.add(copy_)
    _copy_version(survey.latest, copy_, 1)
    db.session.flush()
    audit.record("survey.copied", copy_, source=survey.id)
    return copy_


def _fresh_key(question: SurveyQuestion) -> str:
    base = question.key.split("~")[0]
    return f"{base}~{secrets.token_hex(3)}"


@for_council(of="question")
def key_in_use(question: SurveyQuestion) -> bool:
    """Whether this key's meaning is fixed: asked in a locked version of this council's surveys."""
    return bool(
        db.session.scalar(
            select(func.count())
            .select_from(SurveyQuestion)
            .join(SurveyVersion, SurveyVersion.id == SurveyQuestion.version_id)
            .where(SurveyQuestion.key == question.key, SurveyVersion.locked.is_(True))
        )
    )


def edit_question(question: SurveyQuestion, *, text: dict, hint: dict | None = None) -> SurveyQuestion:
    """Change a question's words (any language) in a draft version.

    New English words mean a new question: it gets a new key (its follow-ups follow it)."""
    version = db.session.get(SurveyVersion, question.version_id)
    if version.locked:
        raise _refuse("locked", LOCKED)
    text = {lang: value.strip() for lang, value in text.items() if value and value.strip()}
    if not text.get("en"):
        raise _refuse("text", _l("Enter the question in English"), "text_en")
    meaning_changed = text["en"] != (question.text or {}).get("en")
    asked_as = question.key
    if meaning_changed and key_in_use(question):
        old_key, new_key = question.key, _fresh_key(question)
        question.key = new_key
        for other in version.questions:
            if other.show_if and other.show_if.get("question") == old_key:
                other.show_if = {**other.show_if, "question": new_key}
    question.text = text
    if hint is not None:
        question.hint = {lang: value.strip() for lang, value in hint.items() if value and value.strip()} or None
    audit.record("survey.question_edited", question, new_meaning=(question.key != asked_as) or None)
    return question


def remove_question(question: SurveyQuestion) -> None:
    version = db.session.get(SurveyVersion, question.version_id)
    if version.locked:
        raise _refuse("locked", NOT_REMOVABLE)
    for other in version.questions:
        if other.show_if and other.show_if.get("question") == question.key:
            raise _refuse("followed", NOT_REMOVABLE)
    section = question.section
    section.questions.remove(question)
    db.session.delete(question)
    audit.record("survey.question_removed", version.survey, key=question.key)


# --- adding questions and changing answer options (a council's own draft versions) ---------

OPTION_KINDS = (SINGLE, MULTIPLE)
MAX_OPTION_LENGTH = 200


def _clean_words(value: dict | None) -> dict:
    return {lang: words.strip() for lang, words in (value or {}).items() if words and words.strip()}


def option_lines(raw: str | None) -> list[str]:
    """The answers to choose from, as typed: one a line, blank lines ignored."""
    labels = [line.strip() for line in (raw or "").splitlines() if line.strip()]
    if len(labels) < 2:
        raise _refuse("options", field="options")
    if any(len(label) > MAX_OPTION_LENGTH for label in labels):
        raise _refuse("options_long", field="options")
    if len({label.casefold() for label in labels}) != len(labels):
        raise _refuse("options_repeated", field="options")
    return labels


def _build_options(labels: list[str], existing: list[dict] | None = None) -> list[dict]:
    """Options from English labels. An answer whose English words are unchanged keeps its value,
    its translations and whether it counts as good; any other answer is new (English only)."""
    by_label = {(option.get("label") or {}).get("en", "").strip(): option for option in existing or []}
    taken = {option["value"] for option in existing or []}
    options, number = [], 0
    for label in labels:
        old = by_label.get(label)
        if old is not None:
            options.append(copy.deepcopy(old))
            continue
        number += 1
        while f"o{number}" in taken:
            number += 1
        taken.add(f"o{number}")
        options.append({"value": f"o{number}", "label": {"en": label}, "positive": False})
    return options


def _draft_version(version_id: int) -> SurveyVersion:
    version = db.session.get(SurveyVersion, version_id)
    if version.locked:
        raise _refuse("locked", LOCKED)
    return version


def add_question(section: SurveySection, *, kind: str, text: dict, hint: dict | None = None, options: str | None = None) -> SurveyQuestion:
    """A new question at the end of a section of a draft version.

    Its key is new and the council's own, so no trend or comparison ever puts it beside another
    question. Single and multiple choice take their answers one a line; the other kinds use the
    same fixed answers as our shipped surveys."""
    _draft_version(section.version_id)
    if kind not in KINDS:
        raise _refuse("kind", field="options")
    text = _clean_words(text)
    if not text.get("en"):
        raise _refuse("text", _l("Enter the question in English"), "text_en")
    if kind in OPTION_KINDS:
        choices = _build_options(option_lines(options))
    else:
        choices = standard_options(kind)
    question = SurveyQuestion(
        authority_id=section.authority_id,
        version_id=section.version_id,
        position=max((q.position for q in section.questions), default=-1) + 1,
        key=f"c{section.authority_id}:{secrets.token_hex(4)}",
        kind=kind,
        text=text,
        hint=_clean_words(hint) or None,
        options=choices,
    )
    section.questions.append(question)
    db.session.flush()
    audit.record("survey.question_added", question, kind=question.kind)
    return question


def change_options(question: SurveyQuestion, options: str) -> SurveyQuestion:
    """New answers to choose from for a single or multiple choice question in a draft version.

    Adding, removing or rewording an answer changes what the question asks, so (as with new
    English words) a question already asked gets a new key. Only a new order keeps it."""
    version = _draft_version(question.version_id)
    if question.kind not in OPTION_KINDS or question.records:
        raise _refuse("kind", field="options")
    asked_as = question.key
    new_options = _build_options(option_lines(options), question.options)
    new_values = {option["value"] for option in new_options}
    followers = [other for other in version.questions if other.show_if and other.show_if.get("question") == question.key]
    if any(not set(other.show_if.get("values") or []) <= new_values for other in followers):
        raise _refuse("followed", field="options")
    meaning_changed = new_values != set(question.values) or any(
        option["label"].get("en") != (question.option(option["value"]) or {}).get("label", {}).get("en") for option in new_options
    )
    if meaning_changed and key_in_use(question):
        new_key = _fresh_key(question)
        for other in followers:
            other.show_if = {**other.show_if, "question": new_key}
        question.key = new_key
    question.options = new_options
    audit.record("survey.options_changed", question, new_meaning=(question.key != asked_as) or None)
    return question


def surveys() -> list[Survey]:
    """The council's surveys, youngest first."""
    return list(db.session.scalars(select(Survey).order_by(Survey.min_age, Survey.id)))
