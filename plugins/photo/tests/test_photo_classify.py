"""Classification (an ID photo, not a passport page or a card) and finding a photo scanned on a page."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest
from docproc_photo.locate import locate
from docproc_photo.plugin import docproc_classify, docproc_document_types, docproc_read
from photo_test_support import read_context

from docproc.models import Page
from docproc.synth.damage import ScanDamage, apply_damage, place_on_a4
from docproc.synth.passport import random_passport_data, render_passport_page
from docproc.synth.photo import PLAIN_BACKGROUNDS, astronaut, compliant_photo, compose, plain_background


def _page(image: np.ndarray, name: str = "x.jpg") -> Page:
    return Page(file=name, index=0, image=image)


def _score(image: np.ndarray) -> float:
    result = docproc_classify(page=_page(image))
    return 0.0 if result is None else result.score


def _photo_on_a4(seed: int, *, dpi: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """A 30 x 40 mm print of a compliant photo (grey or blue backdrop) scanned on a white page."""
    rng = random.Random(seed)
    w, h = round(30 / 25.4 * dpi), round(40 / 25.4 * dpi)
    backdrop = plain_background(h, w, rng.choice(PLAIN_BACKGROUNDS[1:4]), rng)
    photo = compose(astronaut(), backdrop, head_ratio=0.62, top_margin=0.11)
    page = place_on_a4(photo, dpi, rng, margin_mm=30)
    scan = apply_damage(page, ScanDamage(dpi=dpi, noise_sigma=2.0, jpeg_quality=85), source_dpi=dpi, seed=seed)
    return scan, photo


def test_declares_the_photo_type() -> None:
    assert [t.name for t in docproc_document_types()] == ["photo"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_id_photo_scores_high(seed: int) -> None:
    assert _score(compliant_photo(random.Random(seed))) >= 0.8


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_passport_data_page_is_not_a_photo(seed: int) -> None:
    rng = random.Random(seed)
    data = random_passport_data(rng)
    page = render_passport_page(data, dpi=200, rng=rng)
    assert _score(page) < 0.5
    assert _score(place_on_a4(page, 200, rng)) < 0.5


def test_card_with_a_portrait_is_not_a_photo() -> None:
    rng = random.Random(9)
    data = random_passport_data(rng, kind="TD1")  # an ID card: 86 x 54 mm, portrait on the left
    assert _score(render_passport_page(data, dpi=300, rng=rng)) < 0.5


def test_page_without_face_is_not_claimed() -> None:
    blank = np.full((1100, 800, 3), 250, np.uint8)
    cv2.putText(blank, "APPLICATION FORM", (80, 120), cv2.FONT_HERSHEY_SIMPLEX, 1.5, (20, 20, 20), 3)
    assert docproc_classify(page=_page(blank)) is None


@pytest.mark.parametrize("seed", [4, 5])
def test_photo_scanned_on_a_page_is_found_cropped_and_checked(seed: int) -> None:
    scan, photo = _photo_on_a4(seed)
    located = locate(scan)
    assert located.box is not None
    _, _, w, h = located.box
    assert w / h == pytest.approx(0.75, abs=0.03)
    assert h == pytest.approx(photo.shape[0], rel=0.05)
    assert _score(scan) >= 0.6
    reading = docproc_read(page=_page(scan, "scan.jpg"), doc_type="photo", context=read_context())
    assert {p.code for p in reading.problems} == set()
    assert reading.fields["photo_region"].region is not None


def test_photo_glued_on_a_form_is_left_to_the_form() -> None:
    scan, _ = _photo_on_a4(6)
    box = locate(scan).box
    assert box is not None
    bx, by, bw, bh = box
    h, w = scan.shape[:2]
    for i in range(28):  # lines of form text around the glued photo, never over it
        y = round(h * (0.08 + 0.03 * i))
        beside = by - 20 <= y <= by + bh + 60
        x0, x1 = (round(0.05 * w), bx - 40) if beside and bx > w - bx - bw else (round(0.05 * w), w - 40)
        if beside and x1 == w - 40:
            x0 = bx + bw + 40
        cv2.line(scan, (x0, y), (x1, y), (40, 40, 40), 3)
        cv2.putText(scan, "NAME / DATE OF BIRTH", (x0, y - 15), cv2.FONT_HERSHEY_SIMPLEX, 1.6, (30, 30, 30), 3)
    result = docproc_classify(page=_page(scan))
    assert result is not None and result.score < 0.5
