"""The sex printed alone after its label (男, 女, M., F.), read on its own when the page pass lost it."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from docproc_alien_registration.reader import _reread_sex
from PIL import Image, ImageDraw, ImageFont

from docproc.synth.card import GOTHIC

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _printed(text: str, font_path: str, *, px: int = 24, blur: float = 1.0) -> tuple[np.ndarray, tuple]:
    """``text`` drawn small and soft, as on a 150-200 dpi scan, and the box a value finder gives it."""
    font = ImageFont.truetype(font_path, px)
    image = Image.new("L", (200, 3 * px), 225)
    ImageDraw.Draw(image).text((60, px), text, font=font, fill=40)
    gray = cv2.GaussianBlur(np.asarray(image), (0, 0), blur)
    gray = np.clip(gray + np.random.default_rng(3).normal(0, 5, gray.shape), 0, 255).astype(np.uint8)
    return gray, (58, px, round(font.getlength(text)) + 4, px + 2)


@pytest.mark.parametrize(("text", "font_path", "sex"), [
    ("男", GOTHIC, "M"), ("女", GOTHIC, "F"), ("M.", DEJAVU, "M"), ("F.", DEJAVU, "F"),
])
def test_a_lone_sex_is_read_on_its_own(text: str, font_path: str, sex: str) -> None:
    gray, box = _printed(text, font_path)
    found = _reread_sex(gray, box)
    assert found is not None and found[0] == sex


def test_nothing_printed_is_no_sex() -> None:
    gray, box = _printed("", DEJAVU)
    assert _reread_sex(gray, box) is None


@pytest.mark.parametrize("font_path", [GOTHIC, DEJAVU])
@pytest.mark.parametrize("blur", [1.2, 1.8])
def test_a_blurred_m_or_f_is_told_by_its_glyph(font_path: str, blur: float) -> None:
    """A lone letter blurred past tesseract (seed 41's card 55: M. read as nothing, x, uM. or ee at various
    sizes) is compared with M and F drawn; a glyph that is neither, or fits another character best, is none."""
    from docproc_alien_registration.glyphs import m_or_f
    from docproc_alien_registration.reread import scaled_strip

    for text, letter in (("M.", "M"), ("F.", "F"), ("M", "M"), ("W.", None), ("0", None), ("I", None)):
        gray, box = _printed(text, font_path, blur=blur)
        assert m_or_f(scaled_strip(gray, box, 54)[0]) == letter, text


def test_the_band_of_a_lone_f_is_its_stem_too() -> None:
    """Seed 29's card 101 (plain, 200 dpi): a clear F. that tesseract read as BS and { ape. Its rows were taken
    from those holding a third of the fullest row's ink: F's arms only, so the glyph compared was a bar."""
    from docproc_alien_registration.glyphs import _text_band

    ink = np.zeros((60, 40), np.uint8)
    ink[10:16, 5:35] = ink[30:35, 5:30] = 1  # the arms
    ink[10:50, 5:11] = 1  # the stem, a fifth of an arm's row
    assert _text_band(ink) == (10, 16)  # the top arm alone
    top, bottom = _text_band(ink, fill=0.1)
    assert top <= 10 and bottom >= 50
