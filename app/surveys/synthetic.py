"""Made-up answers for the demo council and the benchmark. Never used for real councils."""
from __future__ import annotations

import random

from sqlalchemy import insert

from ..extensions import db
from .models import MULTIPLE, SKIP, TEXT, SurveyAnswer, SurveyResponse, SurveyWave, random_id
from .service import is_shown, rebuild_tallies


def synthetic_answers(version, rng: random.Random, mood: float = 0.65) -> dict:
    """One plausible set of answers: mostly positive (by `mood`), some skips, no free text."""
    answers: dict = {}
    for question in version.questions:
        if not is_shown(question, answers) or question.kind == TEXT:
            continue
        if rng.random() < 0.04:
            answers[question.key] = SKIP
            continue
        if question.kind == MULTIPLE:
            answers[question.key] = [o["value"] for o in question.options if rng.random() < 0.3] or [question.options[0]["value"]]
            continue
        good = [o["value"] for o in question.options if o.get("positive")]
        other = [o["value"] for o in question.options if not o.get("positive")]
        pool = good if good and (rng.random() < mood or not other) else (other or good)
        answers[question.key] = rng.choice(pool)
    return answers


def bulk_load(wave: SurveyWave, count: int, rng: random.Random, *, bands=("12-17",), statuses=("in_care",), chunk: int = 5000) -> int:
    """Insert `count` responses straight into the tables (no drafts), then recount the tallies.

    Returns the number of answers written."""
    version = wave.version
    questions = {q.key: q for q in version.questions}
    written = 0
    responses, answers = [], []

    def flush_rows():
        nonlocal responses, answers
        if responses:
            db.session.execute(insert(SurveyResponse), responses)
        if answers:
            db.session.execute(insert(SurveyAnswer), answers)
        responses, answers = [], []

    for _ in range(count):
        response_id = random_id()
        responses.append({"id": response_id, "authority_id": wave.authority_id, "wave_id": wave.id, "age_band": rng.choice(bands),
                          "care_status": rng.choice(statuses), "helped": False})
        for key, value in synthetic_answers(version, rng, mood=rng.uniform(0.5, 0.8)).items():
            for v in value if isinstance(value, list) else [value]:
                answers.append({"id": random_id(), "authority_id": wave.authority_id, "response_id": response_id,
                                "question_id": questions[key].id, "value": v})
                written += 1
        if len(answers) >= chunk * 20:
            flush_rows()
    flush_rows()
    rebuild_tallies(wave)
    return written
