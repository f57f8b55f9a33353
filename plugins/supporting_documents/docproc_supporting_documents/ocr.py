"""Read many line crops with one tesseract call (jpn+eng, single-threaded).

Starting tesseract and loading two language models costs about 0.2 s; reading
a few lines costs little more. So the crops are stacked into one image with
white gaps, read once, and every word is sent back to the crop it came from.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from dataclasses import dataclass

import cv2
import numpy as np
import pytesseract

LANGUAGES = "jpn+eng"
# Title lines are read with the Japanese model alone: it reads Latin capitals well enough for a title, is about
# twice as fast as jpn+eng, and does not take a kanji title for English garbage as jpn+eng sometimes does.
TITLE_LANGUAGES = "jpn"
_GAP = 24
_MARGIN = 20
LINE_HEIGHT = 44  # pixels per crop (glyphs about 30): tesseract reads best around this size


@dataclass(frozen=True)
class ReadLine:
    """The text tesseract found in one crop, with its mean word confidence (0..1)."""

    text: str
    confidence: float

    @property
    def chars(self) -> int:
        return len("".join(self.text.split()))


def _normalised(crop: np.ndarray, height: int = 0) -> np.ndarray:
    """The crop scaled to one common height: tesseract's block mode reads a sheet of equal-sized lines best."""
    h = crop.shape[0]
    height = height or LINE_HEIGHT
    if h == 0 or crop.shape[1] == 0:
        return np.full((height, height), 255, np.uint8)
    f = height / h
    return cv2.resize(crop, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC if f > 1 else cv2.INTER_AREA)


def read_crops(crops: list[np.ndarray], *, heights: list[int] | None = None,
               languages: str = LANGUAGES) -> list[ReadLine]:
    """One :class:`ReadLine` per crop (grey, white background), read in a single tesseract run.

    ``heights`` scales each crop to that many pixels (default :data:`LINE_HEIGHT`); reading one crop at two
    sizes hedges against tesseract taking a kanji line for Latin garbage at one particular size.
    """
    if not crops:
        return []
    crops = [_normalised(c, h) for c, h in zip(crops, heights or [0] * len(crops), strict=True)]
    width = max(c.shape[1] for c in crops) + 2 * _MARGIN
    bands: list[tuple[int, int]] = []
    parts: list[np.ndarray] = [np.full((_MARGIN, width), 255, np.uint8)]
    y = _MARGIN
    for crop in crops:
        padded = np.full((crop.shape[0], width), 255, np.uint8)
        padded[:, _MARGIN:_MARGIN + crop.shape[1]] = crop
        parts += [padded, np.full((_GAP, width), 255, np.uint8)]
        bands.append((y, y + crop.shape[0]))
        y += crop.shape[0] + _GAP
    sheet = np.vstack(parts)
    data = pytesseract.image_to_data(sheet, lang=languages, config="--psm 11",
                                     output_type=pytesseract.Output.DICT)
    words: list[list[tuple[int, str, float]]] = [[] for _ in crops]
    for i, text in enumerate(data["text"]):
        text = text.strip()
        if not text:
            continue
        cy = data["top"][i] + data["height"][i] / 2
        for k, (top, bottom) in enumerate(bands):
            if top - _GAP / 2 <= cy < bottom + _GAP / 2:
                words[k].append((data["left"][i], text, max(0.0, float(data["conf"][i])) / 100.0))
                break
    out = []
    for found in words:
        found.sort()
        text = " ".join(t for _, t, _ in found)
        weight = sum(len(t) for _, t, _ in found)
        conf = sum(len(t) * c for _, t, c in found) / weight if weight else 0.0
        out.append(ReadLine(text=text, confidence=conf))
    return out
