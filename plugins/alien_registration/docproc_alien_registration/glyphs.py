"""Latin capitals and digits compared with glyphs drawn from the installed fonts.

Tesseract's LSTM reads a blurred capital from the whole line's context and, at 150 dpi, agrees with
itself on the wrong letter at every scale (M read W, Z read I or T, W read H). A glyph's shape alone,
compared with the same letter drawn in the fonts a card may be printed in, tells these apart: a second
opinion for the card number. The strip is cut into its characters by ink valleys (blurred glyphs
touch, so not by connected components), the font drawing that best fits the line's digits is chosen,
and each cell is scored against every character drawn in it. Nothing is downloaded or shipped: the
templates are drawn at first use from Debian's font packages (fonts-ipafont, fonts-dejavu-core,
fonts-ocr-b); without any of them the judge is simply off.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
FONT_FILES = (
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf",
    "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/opentype/ocr-b/OCRB.otf",
)
_DRAW_PX = 120
_STROKES = (0, 3, 6, 9)  # extra stroke width at _DRAW_PX: a blurred, thresholded scan has bolder strokes
_CELL_H, _CELL_W = 40, 48  # a glyph scaled to this height (aspect kept) and centred in this box
_SOFTEN = 1.5  # Gaussian sigma after scaling: a shift of a pixel or two costs little


def ink_box(ink: np.ndarray) -> np.ndarray | None:
    """The part of ``ink`` (0..1) inside the bounding box of its inked pixels; None when nothing is inked."""
    ys, xs = np.nonzero(ink > 0.5)
    if len(ys) == 0:
        return None
    return ink[ys.min():ys.max() + 1, xs.min():xs.max() + 1].astype(np.float32)


def unit(pattern: np.ndarray) -> np.ndarray | None:
    """Zero mean and unit norm, so a dot product of two is their normalised cross-correlation."""
    pattern = pattern - pattern.mean()
    norm = float(np.linalg.norm(pattern))
    return pattern / norm if norm else None


def drawn_glyph(char: str, font: ImageFont.FreeTypeFont, stroke: int = 0) -> np.ndarray:
    """``char`` drawn white on black in ``font`` (``stroke`` pixels bolder), as ink 0..1."""
    size = round(font.size)
    image = Image.new("L", (2 * size, 2 * size), 0)
    ImageDraw.Draw(image).text((size // 4, size // 4), char, fill=255, font=font, stroke_width=stroke, stroke_fill=255)
    return np.asarray(image, np.float32) / 255


def _normalised(ink: np.ndarray) -> np.ndarray | None:
    """The ink's bounding box scaled to the cell height, centred, softened, zero mean and unit norm."""
    if (glyph := ink_box(ink)) is None:
        return None
    width = max(1, min(_CELL_W, round(glyph.shape[1] * _CELL_H / glyph.shape[0])))
    glyph = cv2.resize(glyph, (width, _CELL_H), interpolation=cv2.INTER_AREA)
    cell = np.zeros((_CELL_H, _CELL_W), np.float32)
    left = (_CELL_W - width) // 2
    cell[:, left:left + width] = glyph
    return unit(cv2.GaussianBlur(cell, (0, 0), _SOFTEN))


@cache
def templates() -> np.ndarray | None:
    """Every character of ALPHABET in every installed font and stroke weight: [variant, char, h, w]."""
    variants = []
    for path in FONT_FILES:
        if not Path(path).exists():
            continue
        font = ImageFont.truetype(path, _DRAW_PX)
        for stroke in _STROKES:
            variants.append(np.stack([_normalised(drawn_glyph(char, font, stroke)) for char in ALPHABET]))
    return np.stack(variants) if variants else None


def _text_band(ink: np.ndarray, fill: float = 0.3) -> tuple[int, int] | None:
    """Rows of the text line: the longest run of rows with ink (``fill`` of the fullest row's), a little widened."""
    rows = ink.sum(axis=1)
    on = np.nonzero(rows > fill * rows.max())[0] if rows.max() else []
    if len(on) == 0:
        return None
    band = max(np.split(on, np.nonzero(np.diff(on) > 1)[0] + 1), key=len)
    margin = len(band) // 8
    return max(0, band[0] - margin), min(ink.shape[0], band[-1] + 1 + margin)


@dataclass(frozen=True)
class _InkLine:
    mask: np.ndarray  # 1 where ink, rows of the text band only
    columns: np.ndarray  # ink per column
    height: int

    def runs(self, gap: float) -> list[tuple[int, int]]:
        """Inked stretches (x0, x1) separated by blank gaps wider than ``gap`` text heights."""
        inked = np.nonzero(self.columns > 0.08 * self.height)[0]
        if len(inked) == 0:
            return []
        parts = np.split(inked, np.nonzero(np.diff(inked) > gap * self.height)[0] + 1)
        return [(int(p[0]), int(p[-1]) + 1) for p in parts]


def _ink_line(gray: np.ndarray, fill: float = 0.3) -> _InkLine | None:
    _, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    band = _text_band(ink, fill)
    if band is None:
        return None
    mask = ink[band[0]:band[1]]
    return _InkLine(mask, mask.sum(axis=0).astype(np.float32), band[1] - band[0])


def _cut(line: _InkLine, x0: int, x1: int, count: int) -> list[np.ndarray] | None:
    """The stretch x0..x1 cut into ``count`` ink masks, one per character, the cuts chosen together
    (dynamic programming): each falls where the columns hold least ink, and cells far from the average
    width cost more, so touching glyphs are still parted."""
    pitch = (x1 - x0) / count
    if not 0.3 * line.height <= pitch <= 1.2 * line.height:
        return None
    cost_at = np.append(line.columns[x0:x1] / line.height, 0.0)
    length = x1 - x0
    widths = np.arange(int(0.45 * pitch), int(1.7 * pitch) + 2)
    width_cost = 2.0 * ((widths - pitch) / pitch) ** 2
    best = np.full((count + 1, length + 1), np.inf)  # best[k, x]: cheapest k cells ending at column x
    back = np.zeros((count + 1, length + 1), int)
    best[0, 0] = 0.0
    for k in range(1, count + 1):
        totals = np.full((len(widths), length + 1), np.inf)
        for j, w in enumerate(widths[widths <= length]):
            totals[j, w:] = best[k - 1, :length + 1 - w] + width_cost[j]
        choice = np.argmin(totals, axis=0)
        best[k] = totals[choice, np.arange(length + 1)] + (cost_at if k < count else 0.0)
        back[k] = np.arange(length + 1) - widths[choice]
    if not np.isfinite(best[count, length]):
        return None
    cuts = [length]
    for k in range(count, 0, -1):
        cuts.append(int(back[k, cuts[-1]]))
    cuts.reverse()
    return [line.mask[:, x0 + a:x0 + b].astype(np.float32) for a, b in pairwise(cuts)]


def glyph_cells(gray: np.ndarray, count: int) -> list[np.ndarray] | None:
    """The line of ``count`` characters in a strip (dark ink on light), cut into one ink mask per
    character; None when the strip does not look like such a line. The line is the widest stretch of
    ink without a gap as wide as a character (specks and label residue beside it are left out)."""
    if (line := _ink_line(gray)) is None or not (runs := line.runs(0.6)):
        return None
    return _cut(line, *max(runs, key=lambda r: r[1] - r[0]), count)


def _similarities(cells: list[np.ndarray]) -> np.ndarray | None:
    """[cell, variant, char]: each cell against every drawn character (-1 for an empty cell)."""
    if (drawn := templates()) is None:
        return None
    flat = drawn.reshape(-1, drawn.shape[2] * drawn.shape[3])
    scores = np.full((len(cells), *drawn.shape[:2]), -1.0, np.float32)
    for i, cell in enumerate(cells):
        if (shape := _normalised(cell)) is not None:
            scores[i] = (flat @ shape.ravel()).reshape(drawn.shape[:2])
    return scores


def glyph_scores(gray: np.ndarray, reading: str) -> tuple[np.ndarray, float] | None:
    """For a strip read as ``reading``: per character cell, the similarity (-1..1) to every character of
    ALPHABET in the font drawing that best fits the reading's digits, and that fit (mean similarity of
    each digit to its own drawing); None without fonts, digits or a clean cut into cells."""
    digits = [i for i, c in enumerate(reading) if c.isdigit()]
    if not digits or (cells := glyph_cells(gray, len(reading))) is None or (scores := _similarities(cells)) is None:
        return None
    fits = scores[digits, :, [ALPHABET.index(reading[i]) for i in digits]].mean(axis=0)
    variant = int(np.argmax(fits))
    return scores[:, variant, :], float(fits[variant])


_SEX_MATCH, _SEX_LEAD = 0.7, 0.1  # how well the letter must match, and its lead over the other


def m_or_f(gray: np.ndarray) -> str | None:
    """M or F for a strip holding a printed M. or F. (dark on light, enlarged): the first glyph compared with
    both letters drawn; None unless one matches well and clearly better. The two share no shape (M is wide
    and symmetric, F a stem with two arms), so this holds where tesseract reads a lone blurred letter as
    nothing."""
    # one letter's rows: F's stem holds a fifth of the ink of its arms' rows, the band is more than the arms
    if (line := _ink_line(gray, fill=0.1)) is None or not (runs := line.runs(0.05)):
        return None
    x0, x1 = runs[0]
    # the letter without its dot (kerned in under F's arm): the parts of the ink as tall as half the line
    count, labels, stats, _ = cv2.connectedComponentsWithStats(line.mask[:, x0:x1].astype(np.uint8), connectivity=8)
    tall = [k for k in range(1, count) if stats[k, cv2.CC_STAT_HEIGHT] >= 0.5 * line.height]
    if not tall or (scores := _similarities([np.isin(labels, tall).astype(np.float32)])) is None:
        return None
    best = scores[0].max(axis=0)
    m, f = float(best[ALPHABET.index("M")]), float(best[ALPHABET.index("F")])
    letter = "M" if m > f else "F"
    # and no other character fits better: a box that missed the letter holds some other ink (a 0 is M-like)
    if max(m, f) >= _SEX_MATCH and abs(m - f) >= _SEX_LEAD and ALPHABET[int(np.argmax(best))] == letter:
        return letter
    return None
