"""The in-process tesseract engine: real models, the program's word table, safe from two threads at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import cv2
import numpy as np
from docproc_alien_registration import engine


def _line(text: str) -> np.ndarray:
    image = np.full((80, 40 + 30 * len(text)), 255, np.uint8)
    cv2.putText(image, text, (20, 55), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3, cv2.LINE_AA)
    return image


def _words(data: dict[str, list]) -> list[str]:
    return [text for text in data["text"] if text.strip()]


def test_reads_words_with_boxes_and_confidences_like_the_program() -> None:
    data = engine.image_to_data(_line("AB12345678CD"), lang="eng", psm=7)
    assert set(data) >= {"text", "conf", "left", "top", "width", "height", "block_num", "par_num", "line_num"}
    assert _words(data) == ["AB12345678CD"]
    word = data["text"].index("AB12345678CD")
    assert 0 < data["conf"][word] <= 100 and data["left"][word] < 40 and data["width"][word] > 200


def test_a_whitelist_applies_to_one_call_only() -> None:
    image = _line("AB12")
    assert _words(engine.image_to_data(image, lang="eng", psm=7, variables={"tessedit_char_whitelist": "0123"}))
    assert _words(engine.image_to_data(image, lang="eng", psm=7)) == ["AB12"]


def test_engines_are_not_shared_between_threads() -> None:
    texts = ["AB12345678CD", "XY87654321ZW", "PQ13572468RS"] * 3

    def read(text: str) -> list[str]:
        return _words(engine.image_to_data(_line(text), lang="eng", psm=7))

    alone = [read(t) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(read, texts))
    assert together == alone and alone[0] == ["AB12345678CD"]
