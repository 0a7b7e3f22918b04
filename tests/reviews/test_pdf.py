"""The PDF for the review record renders every script a child may write in, with real fonts."""
from __future__ import annotations

import re
import zlib

from app.extensions import db

from .. import factories


def _fonts(pdf: bytes) -> set[str]:
    text = pdf
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            text += zlib.decompress(match.group(1))
        except zlib.error:
            continue
    return {name.decode().split("+")[-1] for name in re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", text)}


def test_pdf_of_arabic_and_tigrinya_views_embeds_fonts_for_both(sign_in):
    council = factories.authority()
    iro = factories.staff(council, "iro")
    person = factories.young_person(council, iro_id=iro.id, preferred_language="ar")
    review = factories.review(person, iro=iro)
    factories.sent_views(review, readers=("iro",), answers={"going-well": "أحب مدرستي الجديدة", "worries": "ሰላም እየ"}, language="ar")
    db.session.commit()
    response = sign_in(iro).get(f"/staff/reviews/{review.id}/views.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    assert "attachment" in response.headers["Content-Disposition"]
    fonts = _fonts(response.data)
    assert any("Arabic" in name for name in fonts), fonts
    assert any("Ethiopic" in name for name in fonts), fonts
