"""The printed rows of a card, found from its ink, for a card too blurred for tesseract's page layout.

At 150 dpi with a soft focus, tesseract's layout analysis on the whole card can find no text at all
(a back page's small type on its tinted table, most often). The rows are plain to see in the ink's
row profile, though: each is cut out and read on its own, enlarged (``reread.read_strips``).
"""

from __future__ import annotations

import cv2
import numpy as np

from docproc_alien_registration.locate import CANON_W
from docproc_alien_registration.valuebox import Box

INK = 140  # on the flattened card, darker is ink: text is near black, the tint and guilloche near white
SEAL_COLUMN_X = int(0.83 * CANON_W)  # a back page's seal column starts here: its red circles are no text
_MIN_ROW, _MAX_ROW = 8, 80  # px: a row of the smallest type .. the card's title


def text_rows(flattened: np.ndarray) -> list[Box]:
    """(x, y, w, h) of each band of rows holding ink, top to bottom, on a card flattened to dark on white."""
    ink = (flattened[:, :SEAL_COLUMN_X] < INK).astype(np.uint8)  # the seals would join two rows
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))  # specks
    inked = ink.sum(axis=1) > 3
    rows: list[Box] = []
    y = 0
    while y < len(inked):
        if not inked[y]:
            y += 1
            continue
        top = y
        while y < len(inked) and inked[y]:
            y += 1
        if _MIN_ROW <= y - top <= _MAX_ROW:
            columns = np.flatnonzero(ink[top:y].sum(axis=0))
            rows.append((int(columns[0]), top, int(columns[-1] - columns[0]) + 1, y - top))
    return rows
