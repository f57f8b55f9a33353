"""Read the card: one OCR pass over the page, then the title, the holder's name and the dates."""

from __future__ import annotations

import os

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # docproc runs many processes; tesseract must not spawn threads

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import cv2
import numpy as np
import pytesseract

TITLE_WORDS = ("国民健康保険", "被保険者証")
_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"


@dataclass(frozen=True)
class CardText:
    lines: list[str]
    confidence: float  # tesseract's mean word confidence, 0..1


def read_text(gray: np.ndarray) -> CardText:
    """The page's text lines, read at about 150 dpi for an A4 page (cheap enough to classify with)."""
    scale = min(1.0, 1754 / max(gray.shape[:2]))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    data = pytesseract.image_to_data(small, lang="jpn", config="--psm 3", output_type=pytesseract.Output.DICT)
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences = []
    for i, word in enumerate(data["text"]):
        if word.strip():
            lines.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(word)
            confidences.append(max(0.0, float(data["conf"][i])) / 100)
    text = [unicodedata.normalize("NFKC", "".join(words)) for words in lines.values()]
    return CardText(lines=text, confidence=sum(confidences) / len(confidences) if confidences else 0.0)


def title_score(text: CardText) -> float:
    """1.0 when both title words are on the page, 0.5 for one, 0 for none."""
    joined = "".join(text.lines)
    return sum(word in joined for word in TITLE_WORDS) / len(TITLE_WORDS)


def labelled(text: CardText, label: str) -> str | None:
    """The rest of the first line that starts with ``label`` (spaces ignored)."""
    for line in text.lines:
        if line.startswith(label):
            return line[len(label):].lstrip(":： ") or None
    return None


def parse_date(value: str | None) -> dt.date | None:
    match = re.search(_DATE, value or "")
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None
