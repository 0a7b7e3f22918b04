"""The demo council's surveys: a wave open now, with printed codes, and two closed waves to read."""
from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import insert

from ..extensions import db
from . import codes as code_rules
from . import definitions, service
from .models import SurveyCode
from .synthetic import bulk_load

# Codes that work in the demo, so anyone trying Heard can take the survey without staff access.
DEMO_CODES = ("DEMA-4KXR-7773", "DEMA-4KXR-7774", "DEMA-4KXR-7776", "DEMA-4KXR-7778")


def load(authority, people) -> None:
    surveys = {s.key: s for s in definitions.install_shipped(authority.id)}
    teen = surveys["heard-11-17"]
    today = date.today()
    rng = random.Random(2024)
    for title, start in (("Spring last year", today - timedelta(days=430)), ("Autumn last year", today - timedelta(days=230))):
        wave = service.create_wave(authority_id=authority.id, version=teen.latest, title=title, opens_on=start,
                                   closes_on=start + timedelta(days=42), care_statuses=["in_care"], by=people["participation"])
        bulk_load(wave, rng.randint(60, 80), rng, bands=("12-17", "12-17", "12-17", "8-11"))
    open_wave = service.create_wave(authority_id=authority.id, version=teen.latest, title="This spring", opens_on=today - timedelta(days=3),
                                    closes_on=today + timedelta(days=40), care_statuses=["in_care"], by=people["participation"])
    db.session.execute(insert(SurveyCode), [
        {"authority_id": authority.id, "wave_id": open_wave.id, "code_hash": code_rules.code_hash(code_rules.normalise(c)), "used": False}
        for c in DEMO_CODES
    ])
    service.create_wave(authority_id=authority.id, version=surveys["heard-care-leavers"].latest, title="Care leavers this spring",
                        opens_on=today - timedelta(days=3), closes_on=today + timedelta(days=40), care_statuses=["care_leaver"],
                        by=people["participation"])
