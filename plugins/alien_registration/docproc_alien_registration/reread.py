"""Second reading of chosen value lines at a larger, normalised scale, all in one tesseract call.

The page pass sees values about 23 px high, small for tesseract's LSTM and at 150-200 dpi already
blurred by the warp. Each value line is cut out, contrast-stretched, scaled so its text is
``TEXT_PX`` high and stacked under the others with white gaps; one call reads every strip.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from docproc_alien_registration.engine import image_to_data

TEXT_PX = 44  # height of a value line's glyph boxes after scaling (capitals about 32 px)
GAP_PX = 40
PAD = 30

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class StripRead:
    text: str  # words joined by ``sep``
    confs: tuple[float, ...]  # per word, 0..1
    boxes: tuple[Box, ...] = ()  # per word, in the source image's pixels
    words: tuple[str, ...] = ()

    @property
    def mean_conf(self) -> float:
        return sum(self.confs) / len(self.confs) if self.confs else 0.0

    @property
    def min_conf(self) -> float:
        return min(self.confs) if self.confs else 0.0


def _with_margins(gray: np.ndarray, box: Box) -> tuple[np.ndarray, tuple[int, int]]:
    """The box's patch with margins round it (wide on the right: the page pass may have lost the last glyphs)."""
    x, y, w, h = box
    mx, my = max(8, h // 2), max(6, h // 3)
    x0, y0 = max(0, x - mx), max(0, y - my)
    x1, y1 = min(gray.shape[1], x + w + 3 * mx), min(gray.shape[0], y + h + my)
    return gray[y0:y1, x0:x1], (x0, y0)


def _enlarged(patch: np.ndarray, f: float) -> np.ndarray:
    return cv2.resize(patch, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC if f > 1 else cv2.INTER_AREA)


def scaled_strip(gray: np.ndarray, box: Box, text_px: int) -> tuple[np.ndarray, tuple[int, int, float]]:
    """The box's patch, stretched and scaled for tesseract, and how to map it back: (left, top, scale)."""
    patch, (x0, y0) = _with_margins(gray, box)
    patch = patch.astype(np.float32)
    lo, hi = np.percentile(patch, 1), np.percentile(patch, 95)  # ink to card tint: full black to white
    patch = np.clip((patch - lo) * 255.0 / max(1.0, hi - lo), 0, 255).astype(np.uint8)
    f = text_px / max(1, box[3])
    patch = _enlarged(patch, f)
    # unsharp mask: a blurred low-dpi scan, enlarged, is too soft for tesseract to find any text in
    soft = cv2.GaussianBlur(patch, (0, 0), text_px / 10)
    return cv2.addWeighted(patch, 2.0, soft, -1.0, 0), (x0, y0, f)


def plain_strip(gray: np.ndarray, box: Box, text_px: int) -> tuple[np.ndarray, tuple[int, int, float]]:
    """The box's patch only scaled, as scanned, for PP-OCRv6, and how to map it back: (left, top, scale).
    Its recogniser learnt from photographed text: tesseract's contrast stretch and unsharp mask cost it
    glyphs in small print (on the 90 generated fronts whose address is under 12 px high, it read the
    whole address right on 31 so prepared, on 44 plain; its card numbers and dates at 150 dpi gain too)."""
    patch, (x0, y0) = _with_margins(gray, box)
    f = text_px / max(1, box[3])
    return _enlarged(patch, f), (x0, y0, f)


def read_strips(gray: np.ndarray, boxes: list[Box], *, lang: str, whitelist: str | None = None,
                sep: str = "", text_px: int | list[int] = TEXT_PX) -> list[StripRead]:
    """One reading per box (crop pixels), in the order given; ``text_px`` for all strips or for each."""
    if not boxes:
        return []
    sizes = text_px if isinstance(text_px, list) else [text_px] * len(boxes)
    strips, origins = zip(*(scaled_strip(gray, b, px) for b, px in zip(boxes, sizes, strict=True)), strict=True)
    width = max(s.shape[1] for s in strips) + 2 * PAD
    rows, spans, top = [], [], PAD
    canvas_h = PAD * 2 + sum(s.shape[0] for s in strips) + GAP_PX * (len(strips) - 1)
    canvas = np.full((canvas_h, width), 255, np.uint8)
    for s in strips:
        canvas[top:top + s.shape[0], PAD:PAD + s.shape[1]] = s
        spans.append((top, top + s.shape[0]))
        top += s.shape[0] + GAP_PX
    data = image_to_data(canvas, lang=lang, psm=6,
                         variables={"preserve_interword_spaces": "1", "tessedit_char_whitelist": whitelist or ""})
    words: list[list[tuple[int, str, float, Box]]] = [[] for _ in strips]
    for i, text in enumerate(data["text"]):
        text = text.strip()
        if not text:
            continue
        cy = data["top"][i] + data["height"][i] / 2
        for k, (a, b) in enumerate(spans):
            if a - GAP_PX / 2 <= cy < b + GAP_PX / 2:
                x0, y0, f = origins[k]
                box = (round(x0 + (data["left"][i] - PAD) / f), round(y0 + (data["top"][i] - a) / f),
                       round(data["width"][i] / f), round(data["height"][i] / f))
                words[k].append((data["left"][i], text, max(0.0, float(data["conf"][i])) / 100.0, box))
                break
    for row in words:
        row.sort()
        rows.append(StripRead(sep.join(w[1] for w in row), tuple(w[2] for w in row), tuple(w[3] for w in row),
                              tuple(w[1] for w in row)))
    return rows
