"""Tesseract calls (single-threaded, as the service runs many processes) and their words grouped into lines."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from docproc_alien_registration.engine import image_to_data

PAD = 24  # white border tesseract needs to read glyphs touching the crop edge


@dataclass(frozen=True)
class Word:
    text: str
    x: int
    y: int
    w: int
    h: int
    conf: float  # 0..1

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return "".join(w.text for w in self.words)

    def char_words(self) -> list[int]:
        """For every character of :attr:`text`, the index of the word it came from."""
        return [i for i, w in enumerate(self.words) for _ in w.text]


def _pad(gray: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.copyMakeBorder(gray, PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=255)


def ocr_lines(gray: np.ndarray, *, lang: str = "jpn", psm: int = 3, whitelist: str | None = None) -> list[Line]:
    """Words of ``gray`` grouped as tesseract's lines, boxes in ``gray``'s pixels."""
    data = image_to_data(_pad(gray), lang=lang, psm=psm,
                         variables={"tessedit_char_whitelist": whitelist} if whitelist else None)
    groups: dict[tuple[int, int, int], list[Word]] = {}
    for i, text in enumerate(data["text"]):
        text = text.strip()
        if not text:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        groups.setdefault(key, []).append(Word(
            text=text, x=data["left"][i] - PAD, y=data["top"][i] - PAD, w=data["width"][i], h=data["height"][i],
            conf=max(0.0, float(data["conf"][i])) / 100.0))
    lines = [Line(tuple(sorted(ws, key=lambda w: w.x))) for ws in groups.values()]
    return merge_rows(sorted(lines, key=lambda ln: (min(w.y for w in ln.words), ln.words[0].x)))


def _span(line: Line) -> tuple[float, float]:
    hs = sorted(w.h for w in line.words)
    cy = sorted(w.cy for w in line.words)[len(line.words) // 2]
    h = hs[len(hs) // 2]
    return cy - h / 2, cy + h / 2


def merge_rows(lines: list[Line]) -> list[Line]:
    """Join lines tesseract split on one printed row (a wide gap, e.g. before a building name)."""
    merged: list[Line] = []
    for line in lines:
        top, bottom = _span(line)
        for k, other in enumerate(merged):
            otop, obottom = _span(other)
            overlap = min(bottom, obottom) - max(top, otop)
            disjoint = line.words[0].x >= other.words[-1].right or line.words[-1].right <= other.words[0].x
            if overlap > 0.5 * min(bottom - top, obottom - otop) and disjoint:
                merged[k] = Line(tuple(sorted(other.words + line.words, key=lambda w: w.x)))
                break
        else:
            merged.append(line)
    return merged


def ocr_text(gray: np.ndarray, *, lang: str, psm: int = 7, whitelist: str | None = None) -> tuple[str, float]:
    """One line of text and tesseract's mean word confidence (0..1)."""
    variables = {"preserve_interword_spaces": "1", "tessedit_char_whitelist": (whitelist or "").replace(" ", "")}
    data = image_to_data(_pad(gray), lang=lang, psm=psm, variables=variables)
    words = [(t.strip(), float(c)) for t, c in zip(data["text"], data["conf"], strict=True) if t.strip()]
    if not words:
        return "", 0.0
    text = " ".join(t for t, _ in words)
    return text, max(0.0, sum(c for _, c in words) / len(words)) / 100.0
