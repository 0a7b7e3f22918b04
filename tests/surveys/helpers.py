"""Filling waves with responses for results tests, through the real submission path."""
from app.extensions import db
from app.surveys import service
from app.surveys.models import SurveyDraft


def add_responses(wave, rows):
    """rows: (answers by question key, age band, care status). Written as one shuffled batch."""
    for answers, band, status in rows:
        db.session.add(SurveyDraft(authority_id=wave.authority_id, wave_id=wave.id, key_hash=f"test-{id(answers)}-{len(answers)}-{band}-{status}-{service.code_rules.new_code()}",
                                   answers=answers, age_band=band, care_status=status, submitted=True))
    db.session.flush()
    written = service.flush(wave, force=True)
    db.session.commit()
    return written


def many(n, answers, band="12-17", status="in_care"):
    return [(dict(answers), band, status) for _ in range(n)]
