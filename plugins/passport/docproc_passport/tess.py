"""Tesseract restricted to the MRZ alphabet: the second opinion when the cell reader's text fails its checks."""

from __future__ import annotations

import os

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # parallelism comes from processes, not OpenMP threads

import numpy as np
import pytesseract

from docproc_passport.layout import MRZ_ALPHABET

TESSERACT_CONFIG = (
    f"--oem 1 --psm 6 -c tessedit_char_whitelist={MRZ_ALPHABET} -c load_system_dawg=0 -c load_freq_dawg=0"
)


def tesseract_lines(crop: np.ndarray, *, timeout: float = 10.0) -> list[str]:
    """Text lines tesseract reads in an upright MRZ crop (empty on any tesseract failure)."""
    try:
        text = pytesseract.image_to_string(crop, config=TESSERACT_CONFIG, timeout=timeout)
    except (RuntimeError, pytesseract.TesseractError, OSError):
        return []
    return [line for line in text.splitlines() if line.strip()]
