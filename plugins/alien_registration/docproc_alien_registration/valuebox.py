"""Where a field's printed value lies, measured from the ink beside its label.

Tesseract's page pass often glues the small English label (NAME, SEX ...) to the value, splits a
value into odd words or drops a lone glyph (男). The card itself is simpler: on the label's row,
after the Japanese label, comes the English label in small type, a gap, then the value in large
type. Connected components of the ink on that row give the value's box without trusting any word
boxes; the box is then read on its own (``reread.read_strips``).
"""

from __future__ import annotations

import cv2
import numpy as np

Box = tuple[int, int, int, int]  # x, y, w, h in crop pixels

_MIN_AREA = 6  # dust, salt-and-pepper and JPEG specks are smaller
_SMALL = 0.62  # English-label capitals are about half the Japanese label's height
_WORD_GAP = 0.4  # glyphs closer than this many label heights belong to one word
_GAP = 2.6  # a gap wider than this many label heights ends the value
_RULE = 0.5  # a long part lower than this many label heights is a printed rule, not text


def _ink(gray: np.ndarray) -> np.ndarray:
    """Dark strokes as 255: Otsu on the patch, unless its two classes are too alike to be ink on card
    (a blank patch's noise); then only what is darker than mid-grey."""
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ink = binary > 0
    if not ink.any() or ink.all() or float(gray[~ink].mean()) - float(gray[ink].mean()) < 35:
        _, binary = cv2.threshold(gray, 150, 255, cv2.THRESH_BINARY_INV)
    return binary


def _components(binary: np.ndarray) -> list[Box]:
    """Boxes of the ink's connected components, specks left out."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    return [(int(x), int(y), int(w), int(h)) for x, y, w, h, area in stats[1:count] if area >= _MIN_AREA]


def _glyphs(parts: list[Box]) -> list[Box]:
    """Components that overlap horizontally merged into glyph columns: 台 is ム over 口, each short."""
    merged: list[Box] = []
    for x, y, w, h in sorted(parts):
        if merged and x < merged[-1][0] + merged[-1][2] - 1:
            mx, my, mw, mh = merged[-1]
            x1, y1 = max(mx + mw, x + w), max(my + mh, y + h)
            merged[-1] = (mx, min(my, y), x1 - mx, y1 - min(my, y))
        else:
            merged.append((x, y, w, h))
    return merged


def tight_box(gray: np.ndarray, box: Box) -> Box | None:
    """``box`` shrunk to the ink inside it (OCR boxes of single kanji often run a line too tall).

    Vertically, the longest run of inked rows wins, so a speck or a stroke of the row above does
    not stretch the box.
    """
    x, y, w, h = box
    x0, y0 = max(0, x), max(0, y)
    patch = gray[y0:y + h, x0:x + w]
    if patch.size == 0:
        return None
    parts = _components(_ink(patch))
    if not parts:
        return None
    inked = np.zeros(patch.shape[0] + 1, bool)
    for _, py, _, ph in parts:
        inked[py:py + ph] = True
    runs, start = [], None
    for row, on in enumerate(inked):
        if on and start is None:
            start = row
        elif not on and start is not None:
            runs.append((row - start, start, row))
            start = None
    _, top, bottom = max(runs)
    inside = [p for p in parts if top <= p[1] and p[1] + p[3] <= bottom]
    left = min(p[0] for p in inside)
    right = max(p[0] + p[2] for p in inside)
    return x0 + left, y0 + top, right - left, bottom - top


def text_band(gray: np.ndarray, box: Box) -> Box:
    """``box`` cut down to the rows its text fills when it runs well past them (less than 0.6 of its height
    inked): tesseract's word boxes on a blurred row can run twice the text's height (AUNG ZAW MIN boxed 66 px
    high for 25 px letters), and a box so tall hides the glyphs beside it from :func:`glyphs_before` and
    shrinks the text when the box is scaled to a text height. The text's rows are the longest run of rows
    holding a quarter of the busiest row's ink (Otsu's: the box holds text, however pale): a stroke of the row
    above, or a letter's hollow, does not count.
    """
    x, y, w, h = box
    y0 = max(0, y)
    patch = gray[y0:y + h, max(0, x):x + w]
    if patch.size == 0:
        return box
    _, binary = cv2.threshold(patch, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)  # an OCR box holds text
    ink = np.count_nonzero(binary, axis=1)
    if not ink.any():
        return box
    edges = np.flatnonzero(np.diff(np.concatenate(([0], ink >= 0.25 * ink.max(), [0])).astype(np.int8)))
    top, bottom = max(zip(edges[::2], edges[1::2], strict=True), key=lambda run: run[1] - run[0])
    return (x, y0 + int(top), w, int(bottom - top)) if bottom - top < 0.6 * h else box


_LABEL_GLYPH = 1.15  # a label kanji's advance, in ink heights
_LABEL_GAP = 0.35  # a gap this many ink heights wide ends the label (its glyphs sit closer)


def label_cut(gray: np.ndarray, ink: Box, glyphs: int) -> Box:
    """The ink box of a printed label of ``glyphs`` kanji, cut where the label ends when the OCR box it was
    measured from ran on over the English label and the value (one 名 box over 氏名 NAME AHMED): at the
    first wide gap past most of the label's width. A box under two and a half labels wide is kept as it is:
    the small English label may touch the label (氏名NAME, 100 px for 60)."""
    x, y, w, h = ink
    expected = glyphs * _LABEL_GLYPH * h
    if w <= 2.5 * expected:
        return ink
    inked = np.flatnonzero(_ink(gray[y:y + h, x:x + w]).any(axis=0))
    if len(inked) == 0:
        return ink
    gaps = np.flatnonzero(np.diff(inked) > _LABEL_GAP * h)
    ends = [int(inked[g]) + 1 for g in gaps if inked[g] + 1 >= 0.6 * expected]
    return (x, y, ends[0], h) if ends else ink


def _words(glyphs: list[Box], gap: float) -> list[list[Box]]:
    words: list[list[Box]] = []
    for glyph in glyphs:
        if words and glyph[0] - (words[-1][-1][0] + words[-1][-1][2]) <= gap:
            words[-1].append(glyph)
        else:
            words.append([glyph])
    return words


_LETTER_GAP = 0.25  # glyphs of one word sit closer than this many heights; words and labels farther apart
_SPACE_GAP = 0.8  # words of a value sit closer than this many heights; a label and its value farther apart


def glyphs_before(gray: np.ndarray, box: Box, *, words: int = 0) -> int:
    """Where the word starting ``box`` really starts: its left edge moved over glyphs printed just before it on
    its row, as close as letters of one word (an OCR word box that lost its first letters, ELLY for KELLY),
    then over up to ``words`` whole words more (:func:`_word_before`)."""
    x, y, _, h = box
    x0 = max(0, x - 3 * h)
    if x - x0 < 2 or h < 4:
        return x
    start = x
    for gx, _, gw, _ in sorted(_glyphs(_row_parts(gray, x0, y, x, h)), reverse=True):
        if start - (gx + gw) > _LETTER_GAP * h:
            break
        start = min(start, gx)
    for _ in range(words):
        if (word := _word_before(gray, start, y, h)) is None:
            break
        start = word
    return start


def _row_parts(gray: np.ndarray, x0: int, y: int, x1: int, h: int) -> list[Box]:
    """Ink parts between ``x0`` and ``x1`` on a text row at ``y``, ``h`` high: letter-sized and centred on it."""
    return [(x0 + px, py, pw, ph) for px, py, pw, ph in _components(_ink(gray[y:y + h, x0:x1]))
            if ph >= 0.5 * h and abs(py + ph / 2 - h / 2) <= 0.3 * h]


def _word_before(gray: np.ndarray, x: int, y: int, h: int) -> int | None:
    """Where a whole word printed a word space before ``x`` starts (closer than ``_SPACE_GAP`` heights: a
    first word the page pass dropped, WU of WU MEI LING read as junk), or None: no glyph that close, or
    glyphs running on past eight heights (a label's, farther off, or no word of the value)."""
    x0 = max(0, x - 8 * h)
    if x - x0 < 2 or h < 4:
        return None
    glyphs = sorted(_glyphs(_row_parts(gray, x0, y, x, h)), reverse=True)
    if not glyphs or not _LETTER_GAP * h < x - (glyphs[0][0] + glyphs[0][2]) <= _SPACE_GAP * h:
        return None
    start = glyphs[0][0]
    for gx, _, gw, _ in glyphs[1:]:
        if start - (gx + gw) > _LETTER_GAP * h:
            break
        start = min(start, gx)
    return start if start > x0 + 1 else None


def value_box(gray: np.ndarray, label: Box, right: int) -> Box | None:
    """The value printed after ``label`` (a tight box of the Japanese label) on its row, up to ``right``.

    Glyphs are grouped into words by the gaps between them; leading words in small type are the
    English label and are skipped (a long value shrunk to fit is still larger); the value runs on
    while gaps stay under a few label heights. None when the row holds no value.
    """
    lx, ly, lw, lh = label
    cy = ly + lh / 2
    top, bottom = max(0, round(cy - 0.95 * lh)), min(gray.shape[0], round(cy + 0.95 * lh))
    x0 = lx + lw + 2
    if right - x0 < lh or bottom - top < 4:
        return None
    parts = [(x0 + x, top + y, w, h) for x, y, w, h in _components(_ink(gray[top:bottom, x0:right]))
             if abs(top + y + h / 2 - cy) <= 0.6 * lh  # not the rows above or below
             and (w <= 6 * lh or h >= _RULE * lh)]  # not a rule; a blurred word whose glyphs touch is one wide part
    words = _words(_glyphs(parts), _WORD_GAP * lh)
    heights = [float(np.percentile([g[3] for g in word], 75)) for word in words]
    small = max(_SMALL * lh, 0.72 * max(heights, default=0.0))  # blur swells the English label too
    while words and heights[0] < small:
        words.pop(0)
        heights.pop(0)
    if not words:
        return None
    kept = words[0]
    for word in words[1:]:
        if word[0][0] - (kept[-1][0] + kept[-1][2]) > _GAP * lh:
            break
        kept += word
    x, y = kept[0][0], min(g[1] for g in kept)
    end, bottom_y = max(g[0] + g[2] for g in kept), max(g[1] + g[3] for g in kept)
    return x, y, end - x, bottom_y - y
