"""OCR-B glyph templates rendered at run time from the system font (fonts-ocr-b), cached per size."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from docproc_passport.layout import MRZ_ALPHABET

OCRB_CANDIDATES = (
    Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf"),
    Path("/usr/share/fonts/truetype/ocr-b/OCRB.ttf"),
)
_REFERENCE_SIZE = 120


def font_path() -> Path:
    for p in OCRB_CANDIDATES:
        if p.exists():
            return p
    raise FileNotFoundError("OCR-B font not found (install fonts-ocr-b)")


@cache
def _reference() -> tuple[dict[str, np.ndarray], int, int, float]:
    """Each glyph drawn large in a common box; returns (glyphs, cap top, baseline, advance)."""
    font = ImageFont.truetype(str(font_path()), _REFERENCE_SIZE)
    advance = font.getlength("H")
    box_w, box_h = int(advance * 1.2), int(_REFERENCE_SIZE * 1.4)
    glyphs = {}
    for ch in MRZ_ALPHABET:
        img = Image.new("L", (box_w, box_h), 255)
        ImageDraw.Draw(img).text((int(advance * 0.1), int(_REFERENCE_SIZE * 0.2)), ch, fill=0, font=font)
        glyphs[ch] = np.asarray(img)
    rows = np.nonzero((glyphs["H"] < 128).any(axis=1))[0]
    return glyphs, int(rows[0]), int(rows[-1]), advance


@cache
def templates(cap_height: int, pitch: int) -> tuple[str, np.ndarray]:
    """(alphabet, array[len, h, w]) of float32 templates for characters ``cap_height`` px tall in a
    ``pitch``-wide cell, glyph centred, the cap band centred vertically in a box 1.5 cap heights tall."""
    glyphs, top, base, advance = _reference()
    s = cap_height / (base - top + 1)
    box_h = round(cap_height * 1.5)
    out = np.full((len(MRZ_ALPHABET), box_h, pitch), 255.0, np.float32)
    mid_ref = (top + base) / 2
    for i, ch in enumerate(MRZ_ALPHABET):
        g = glyphs[ch]
        size = (max(1, round(g.shape[1] * s)), max(1, round(g.shape[0] * s)))
        arr = cv2.resize(g, size, interpolation=cv2.INTER_AREA).astype(np.float32)
        # place so the reference cap-band middle lands at box middle and the advance cell is centred
        cell_left_ref = advance * 0.1  # where the glyph origin was drawn
        x_off = round(pitch / 2 - (cell_left_ref + advance / 2) * s)
        y_off = round(box_h / 2 - mid_ref * s)
        ys, xs = max(0, -y_off), max(0, -x_off)
        yd, xd = max(0, y_off), max(0, x_off)
        h = min(arr.shape[0] - ys, box_h - yd)
        w = min(arr.shape[1] - xs, pitch - xd)
        if h > 0 and w > 0:
            out[i, yd : yd + h, xd : xd + w] = np.minimum(out[i, yd : yd + h, xd : xd + w], arr[ys : ys + h, xs : xs + w])
    return MRZ_ALPHABET, out
