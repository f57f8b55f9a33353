"""Tesseract in this process (tesserocr), its models loaded once: not a new ``tesseract`` process per call.

A card takes five tesseract calls; through pytesseract each started the program, loaded its model and
passed the image and words through files: more than half of a card's 2.2-2.8 s (1.0 s this way). The
engines are kept in a pool per language: a hook that timed out may still be running in its thread, so
an engine is never shared between two calls at once. Calls return the program's TSV columns, as
``pytesseract.image_to_data`` does; the tesserocr wheel's libtesseract (5.5) may read a blurred glyph
differently from Debian's ``tesseract`` program (5.3) on the same image.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import glob
import logging
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache

import numpy as np
import tesserocr
from PIL import Image

__all__ = ["has_model", "image_to_data"]

LOG = logging.getLogger(__name__)

_TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num", "left", "top", "width",
                "height", "conf", "text")
_NO_DPI = 70  # what the tesseract program assumes for an image without a resolution, as ours are


@lru_cache(maxsize=1)
def _tessdata() -> str:
    """The installed models' folder: $TESSDATA_PREFIX, else Debian's (tesseract-ocr-jpn installs there)."""
    if prefix := os.environ.get("TESSDATA_PREFIX"):
        return prefix
    found = sorted(glob.glob("/usr/share/tesseract-ocr/*/tessdata")) + glob.glob("/usr/share/tessdata")
    if not found:
        raise RuntimeError("no tesseract models found: install tesseract-ocr-jpn or set TESSDATA_PREFIX")
    return found[-1]


@cache
def has_model(lang: str) -> bool:
    """Whether ``lang``'s model is installed. A missing optional one is logged once; the reader goes on
    without its readings (less accurate, not broken)."""
    found = os.path.exists(os.path.join(_tessdata(), f"{lang}.traineddata"))
    if not found:
        LOG.warning("tesseract model %r is not installed in %s: card fields are read without it", lang,
                    _tessdata())
    return found


_idle: dict[str, list[tesserocr.PyTessBaseAPI]] = defaultdict(list)
_idle_lock = threading.Lock()


@contextmanager
def _engine(lang: str) -> Iterator[tesserocr.PyTessBaseAPI]:
    with _idle_lock:
        api = _idle[lang].pop() if _idle[lang] else None
    if api is None:
        api = tesserocr.PyTessBaseAPI(path=_tessdata(), lang=lang)
    try:
        yield api
    finally:
        api.Clear()
        with _idle_lock:
            _idle[lang].append(api)


def image_to_data(image: np.ndarray, *, lang: str, psm: int, variables: dict[str, str] | None = None
                  ) -> dict[str, list]:
    """Words of a grey image as ``pytesseract.image_to_data(..., output_type=DICT)`` gives them."""
    settings = {"tessedit_char_whitelist": "", "preserve_interword_spaces": "0", **(variables or {})}
    with _engine(lang) as api:
        api.SetPageSegMode(psm)
        for name, value in settings.items():
            api.SetVariable(name, value)
        api.SetImage(Image.fromarray(image))
        api.SetSourceResolution(_NO_DPI)
        api.Recognize()
        tsv = api.GetTSVText(0)
    data: dict[str, list] = {column: [] for column in _TSV_COLUMNS}
    for row in tsv.splitlines():
        cells = row.split("\t", len(_TSV_COLUMNS) - 1)
        if len(cells) < len(_TSV_COLUMNS):
            continue
        for column, cell in zip(_TSV_COLUMNS, cells, strict=True):
            data[column].append(cell if column == "text" else float(cell) if column == "conf" else int(cell))
    return data
