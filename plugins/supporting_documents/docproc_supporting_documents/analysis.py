"""One page's analysis, shared by classify and read: level it, read its prominent lines both ways up, match titles.

The page may arrive turned by any quarter turn and skewed. Geometry levels the
text lines (0/90 and skew); which way up is settled by reading the candidate
title lines both ways in one tesseract run and keeping the orientation whose
reading matches a title, or failing that reads with more confidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from docproc.models import Page
from docproc_supporting_documents.geometry import Box, Levelled, level, text_lines
from docproc_supporting_documents.ocr import LINE_HEIGHT, TITLE_LANGUAGES, ReadLine, read_crops
from docproc_supporting_documents.recognise import TitleMatch, best_title, is_mrz, language_of, line_score
from docproc_supporting_documents.vocabulary import Title

SCRATCH_KEY = "supporting_documents"
TOP_LINES = 3  # a title sits among the first lines of a page ...
TALLEST_LINES = 2  # ... or is among its largest
SECOND_HEIGHT = 58
MRZ_LINES = 4  # lines at the foot of an ID-like page checked for a machine-readable zone
CONFIDENT = 0.6  # a title match this good settles which way up the page is
BODY_LINES = 8  # lines read after the title when looking for the holder's name


@dataclass
class Analysis:
    levelled: Levelled | None = None
    flipped: bool = False
    boxes: list[Box] = field(default_factory=list)  # all text lines, top to bottom, in the chosen orientation
    read: dict[int, ReadLine] = field(default_factory=dict)  # index in boxes -> text read
    match: TitleMatch | None = None  # line index refers to ``boxes``
    language: str | None = None

    @property
    def doc_type(self) -> str | None:
        return self.match.title.doc_type or None if self.match else None


def _flip(box: Box, shape: tuple[int, ...]) -> Box:
    h, w = shape[:2]
    return Box(w - box.right, h - box.bottom, box.w, box.h)


def _crop(gray: np.ndarray, box: Box) -> np.ndarray:
    pad = max(3, box.h // 4)
    return _squeeze_gaps(gray[max(0, box.y - pad): box.bottom + pad, max(0, box.x - pad): box.right + pad], box.h)


def _squeeze_gaps(crop: np.ndarray, height: int) -> np.ndarray:
    """Shorten wide blank gaps between glyphs: letter-spaced titles (理　由　書) then read as words, and faster."""
    if crop.size == 0:
        return crop
    ink = (crop < min(160, int(crop.mean()) - 30)).any(axis=0)
    keep = np.ones(crop.shape[1], bool)
    longest = max(2, int(0.4 * height))
    run = 0
    for x, has_ink in enumerate(ink):
        run = 0 if has_ink else run + 1
        if run > longest:
            keep[x] = False
    return np.ascontiguousarray(crop[:, keep])


def _candidates(boxes: list[Box]) -> list[int]:
    tallest = sorted(range(len(boxes)), key=lambda i: -boxes[i].h)[:TALLEST_LINES]
    return sorted(set(range(min(TOP_LINES, len(boxes)))) | set(tallest))


def _prominence(boxes: list[Box], indexes: list[int]) -> list[float]:
    tallest = max(b.h for b in boxes)
    return [0.7 + 0.3 * boxes[i].h / tallest for i in indexes]


def _orientation_score(match: TitleMatch | None, lines: list[ReadLine]) -> tuple[float, float]:
    chars = sum(line.chars for line in lines)
    confidence = sum(line.chars * line.confidence for line in lines) / chars if chars else 0.0
    return (match.score if match else 0.0), confidence


def analyse(page: Page) -> Analysis:
    """The page's analysis, computed once and kept in ``page.scratch``."""
    cached = page.scratch.get(SCRATCH_KEY)
    if isinstance(cached, Analysis):
        return cached
    analysis = _analyse(page.gray)
    page.scratch[SCRATCH_KEY] = analysis
    return analysis


def _read_way(gray: np.ndarray, boxes: list[Box], flipped: bool) -> tuple[tuple[float, float], Analysis]:
    pick = _candidates(boxes)
    tallest = max(pick, key=lambda i: boxes[i].h)
    crops = [_crop(gray, boxes[i]) for i in pick]
    heights = [LINE_HEIGHT] * len(pick) + [SECOND_HEIGHT]  # the likeliest title is read at two sizes
    lines = read_crops([*crops, crops[pick.index(tallest)]], heights=heights, languages=TITLE_LANGUAGES)
    match = best_title(lines, _prominence(boxes, [*pick, tallest]))
    if match is not None:
        match = TitleMatch(match.title, [*pick, tallest][match.line], match.score)
    read = dict(zip(pick, lines, strict=False))
    if match is not None and match.line == tallest and lines[-1].chars:
        read[tallest] = lines[-1] if line_score(match.title, lines[-1], 1.0) else read[tallest]
    analysis = Analysis(flipped=flipped, boxes=boxes, read=read, match=match, language=language_of(lines))
    return _orientation_score(match, lines), analysis


def _analyse(gray: np.ndarray) -> Analysis:
    levelled = level(gray)
    upright = text_lines(levelled.gray)
    if len(upright) < 2:
        return Analysis(levelled=levelled, boxes=upright)
    # Read the likely way up first; only when no title shows, read the lines upside down as well (a second
    # tesseract run: mixing both ways in one run biases tesseract's language choice towards garbage).
    first = _read_way(levelled.gray, upright, flipped=False)
    best = first
    if first[1].match is None or first[1].match.score < CONFIDENT:
        flipped_gray = np.ascontiguousarray(levelled.gray[::-1, ::-1])
        flipped = sorted((_flip(b, levelled.gray.shape) for b in upright), key=lambda b: (b.y, b.x))
        second = _read_way(flipped_gray, flipped, flipped=True)
        best = max(first, second, key=lambda r: r[0])
    analysis = best[1]
    analysis.levelled = levelled
    if analysis.doc_type == "representative_id":
        _refuse_machine_readable(analysis)
    return analysis


def _refuse_machine_readable(analysis: Analysis) -> None:
    """An ID card with an MRZ at its foot is a travel document (TD1) the passport plugin owns, not a copy of a
    representative's ID: read the last lines too, and give the page up when one is an MRZ line."""
    assert analysis.levelled is not None
    gray = analysis.levelled.gray
    if analysis.flipped:
        gray = np.ascontiguousarray(gray[::-1, ::-1])
    last = [i for i in range(max(0, len(analysis.boxes) - MRZ_LINES), len(analysis.boxes)) if i not in analysis.read]
    for i, line in zip(last, read_crops([_crop(gray, analysis.boxes[i]) for i in last]), strict=True):
        analysis.read[i] = line
    if any(is_mrz(line.text) for line in analysis.read.values()):
        analysis.match = TitleMatch(Title("", "<MRZ>", "en"), analysis.match.line if analysis.match else 0, 1.0)


def read_body(page: Page, analysis: Analysis) -> list[tuple[int, ReadLine]]:
    """The lines after the title (or the first lines), read in the chosen orientation, with their indexes."""
    if analysis.levelled is None or not analysis.boxes:
        return []
    start = analysis.match.line + 1 if analysis.match else 0
    wanted = [i for i in range(start, min(len(analysis.boxes), start + BODY_LINES)) if i not in analysis.read]
    if wanted:
        gray = analysis.levelled.gray
        if analysis.flipped:
            gray = np.ascontiguousarray(gray[::-1, ::-1])
        for i, line in zip(wanted, read_crops([_crop(gray, analysis.boxes[i]) for i in wanted]), strict=True):
            analysis.read[i] = line
    return sorted((i, line) for i, line in analysis.read.items() if i >= start)[:BODY_LINES]
