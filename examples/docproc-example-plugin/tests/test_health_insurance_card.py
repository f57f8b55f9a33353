"""Tests of the example plugin, written with docproc's pytest fixtures (docproc_tester) and assertions."""

from __future__ import annotations

import datetime as dt

import docproc_health_insurance.plugin as health_insurance
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docproc.testing import assert_document_type, assert_no_problem, assert_problem, document_of

FONT = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"


def render_card(holder: str, birth: dt.date, expiry: dt.date) -> np.ndarray:
    """An A4 page with a photocopied health insurance card (BGR, 200 dpi)."""
    page = Image.new("RGB", (1654, 2339), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((150, 200, 1250, 900), outline="black", width=4)
    title, text = ImageFont.truetype(FONT, 64), ImageFont.truetype(FONT, 44)
    draw.text((200, 240), "国民健康保険被保険者証", font=title, fill="black")
    rows = [f"氏名 {holder}", f"生年月日 {birth.year}年{birth.month}月{birth.day}日",
            f"有効期限 {expiry.year}年{expiry.month}月{expiry.day}日", "保険者 東京都新宿区"]
    for i, row in enumerate(rows):
        draw.text((200, 400 + i * 110), row, font=text, fill="black")
    return np.asarray(page)[:, :, ::-1].copy()


@pytest.fixture
def applicant() -> dict:
    return {"name": "Eriksson Anna Maria", "birth_date": "1974-08-12", "sex": "F"}


def test_card_is_recognised_and_read(docproc_tester, applicant) -> None:
    sub = docproc_tester.submission(applicant=applicant)
    sub.add_image(render_card("ERIKSSON ANNA", dt.date(1974, 8, 12), dt.date(2027, 9, 30)), "card.png")
    verdict = docproc_tester.run(sub, health_insurance)
    doc = assert_document_type(verdict, "card.png", "health_insurance_card")
    assert doc.fields["birth_date"].value == "1974-08-12"
    assert doc.fields["holder_name"].value.startswith("ERIKSSON")
    assert_no_problem(verdict, "document:expired")
    assert_problem(verdict, "missing:passport")  # the card is no passport: the core's requirements still apply


def test_expired_card_is_reported(docproc_tester, applicant) -> None:
    sub = docproc_tester.submission(applicant=applicant)
    sub.add_image(render_card("ERIKSSON ANNA", dt.date(1974, 8, 12), dt.date(2025, 3, 31)), "card.png",
                  type="health_insurance_card")
    verdict = docproc_tester.run(sub, health_insurance)
    assert_problem(verdict, "document:expired", document="card.png")
    assert not next(c for c in document_of(verdict, "card.png").checks if c.id == "health_insurance.valid").passed


def test_blank_page_is_not_claimed(docproc_tester, applicant) -> None:
    sub = docproc_tester.submission(applicant=applicant)
    sub.add_image(np.full((1100, 800, 3), 255, np.uint8), "blank.png")
    verdict = docproc_tester.run(sub, health_insurance)
    assert document_of(verdict, "blank.png").type == "unknown"
    assert_problem(verdict, "document:unrecognized", document="blank.png", warning=True)
