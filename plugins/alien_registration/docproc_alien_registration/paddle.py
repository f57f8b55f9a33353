"""A second OCR engine for the lines tesseract reads worst: PaddleOCR's PP-OCRv6 text recogniser.

Tesseract's ``jpn`` model misreads small, blurred kanji of an address (青葉 as 青菜, 緑 as 縁, 旭町 as 得町)
that PP-OCRv6, trained on far more Japanese and Chinese print, reads right more often; it also tells a
blurred card number's M from W, and reads blurred dates. Its address and status readings vote beside tesseract's; a
card number or date it reads alike at two scales is sure only where tesseract's vote agrees, else it goes to
review; a name it confirms. Kanji it reads in their Chinese forms (樱, 荣) are put in the Japanese ones (OpenCC).
The model ships inside the ``rapidocr`` wheel and runs on onnxruntime, one thread per process like tesseract
(the service parallelises with processes); nothing is downloaded or written. It is imported on first use:
loading it costs about a second.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import Any

import numpy as np

__all__ = ["Reading", "charset", "chinese_forms", "considered", "glyph_centres", "read_lines", "read_lines_with_frames"]

# PP-OCRv6 reads a katakana long-vowel mark as the kanji 一 (コ一ポ山田, シャト一緑): after katakana it is ー
_KANJI_ONE_AS_BAR = re.compile(r"(?<=[\u30a1-\u30fa])一")
# ... and the kanji 一 between kanji as the mark (北ー条西): no long vowel stands between two kanji
_BAR_AS_KANJI_ONE = re.compile(r"(?<=[\u3400-\u9fff])ー(?=[\u3400-\u9fff])")
_HAN = re.compile(r"[\u3400-\u9fff]")


class _Recorded:
    """The recogniser's ONNX session, keeping its last output: each frame's character probabilities, which
    the engine's greedy decoding throws away and :mod:`ctc` scores names against."""

    def __init__(self, session: Any) -> None:
        self.session, self.last = session, None

    def __call__(self, batch: np.ndarray) -> np.ndarray:
        self.last = self.session(batch)
        return self.last

    def __getattr__(self, name: str) -> Any:
        return getattr(self.session, name)


@lru_cache(maxsize=1)
def _engine() -> Any:
    """The engine, built once per process; only its recogniser is used, its session wrapped in ``_Recorded``
    (the model loads on the first reading, here)."""
    from rapidocr import RapidOCR

    engine = RapidOCR(params={"Global.log_level": "error", "EngineConfig.onnxruntime.intra_op_num_threads": 1,
                              "EngineConfig.onnxruntime.inter_op_num_threads": 1})
    engine(np.full((48, 96, 3), 255, dtype=np.uint8), use_det=False, use_cls=False, use_rec=True)
    engine.text_rec.session = _Recorded(engine.text_rec.session)
    return engine


def _characters() -> list[str]:
    """The recogniser's classes in order: class 0 is the CTC blank."""
    return _engine().text_rec.postprocess_op.character


@lru_cache(maxsize=1)
def charset() -> dict[str, int]:
    """Each character the recogniser can output, with its class index in a frame's probabilities (0 is the
    CTC blank)."""
    return {char: index for index, char in enumerate(_characters()) if index}


_KEPT_MARKS = set(".・")  # punctuation a card prints (M., ジャン・ピエール); hyphens are kept too


def _kept(char: str) -> bool:
    """Not a symbol or punctuation mark PP-OCRv6 reads into specks and blur (バ<ークハイム, 17-26~), which no
    card value holds; hyphens and ``_KEPT_MARKS`` are kept."""
    category = unicodedata.category(char)
    return char in _KEPT_MARKS or category == "Pd" or category[0] not in "SP"


@cache
def _converter(config: str) -> Any:
    """One of OpenCC's converters (s2t, t2jp, jp2t, t2s), built once."""
    import opencc

    return opencc.OpenCC(config)


def _as_japanese(text: str) -> str:
    """Kanji in the Chinese forms PP-OCRv6 learnt (樱, 荣, 绿, 户, 爱知县) in the Japanese ones a card prints (桜,
    栄, 緑, 戸, 愛知県): simplified to traditional, then traditional to shinjitai; kanji Japan shares with either
    are left alone."""
    if not _HAN.search(text):
        return text
    return _converter("t2jp").convert(_converter("s2t").convert(text))


def chinese_forms(char: str) -> set[str]:
    """The forms PP-OCRv6 may read a Japanese kanji in besides its own: traditional (櫻) and simplified (樱);
    ``_as_japanese`` the other way round."""
    traditional = _converter("jp2t").convert(char)
    return {traditional, _converter("t2s").convert(traditional)}


def _clean(text: str) -> str:
    """NFKC, Japanese kanji forms, the long-vowel mark and the kanji 一 put back, the specks' symbols dropped."""
    text = _KANJI_ONE_AS_BAR.sub("ー", _as_japanese(unicodedata.normalize("NFKC", text)))
    text = _BAR_AS_KANJI_ONE.sub("一", text)
    return "".join(filter(_kept, text))


@dataclass(frozen=True)
class Reading:
    """One strip as PP-OCRv6 read it: the cleaned text, its score (0..1), and each frame's probability of
    each class (frames, classes), for scoring other texts against what the model saw."""

    text: str
    score: float
    probs: np.ndarray

    @cached_property
    def log_probs(self) -> np.ndarray:
        """The probabilities' logarithms, taken on first use (2-3 ms a strip: most readings never need them)."""
        return np.log(np.maximum(self.probs, 1e-30))


_FRAME_PX = 8  # the recogniser's frames are this many pixels apart at its input height
_INPUT_H = 48


def glyph_centres(reading: Reading, strip_h: int) -> list[float] | None:
    """Where each character of ``reading.text`` was read along its strip (``strip_h`` pixels high), in the
    strip's pixels: the middle of the frames its greedy path spends on it. None when the cleaned text cannot
    be laid over the path character by character (a mark dropped or a kanji form changed into two)."""
    characters = _characters()
    best, spans, previous = reading.probs.argmax(axis=1), [], 0
    for frame, index in enumerate(best):
        if index and index == previous:
            spans[-1][2] = frame
        elif index:
            spans.append([_clean(characters[index]), frame, frame])
        previous = index
    kept = [(first, last) for char, first, last in spans if char]  # a speck's symbol is dropped from the text
    if len(kept) != len(reading.text) or any(len(char) > 1 for char, _, _ in spans):
        return None
    return [(first + last + 1) / 2 * _FRAME_PX * strip_h / _INPUT_H for first, last in kept]


_CONSIDERED = -3.0  # a class this likely (log-probability) in some frame was among the model's candidates


def considered(reading: Reading) -> str:
    """Every character the model found at least ``_CONSIDERED`` likely in some frame of ``reading``, in Japanese
    forms: what it weighed besides what it read (荣 beside a blurred 栄 it read as 宋)."""
    likely = np.flatnonzero(reading.probs.max(axis=0) >= np.exp(_CONSIDERED))
    characters = _characters()
    return "".join(dict.fromkeys(_as_japanese(characters[index]) for index in likely if index))


def read_lines_with_frames(strips: list[np.ndarray]) -> list[Reading]:
    """Each strip (one text line, grey or colour) as PP-OCRv6 reads it, with its frames' probabilities."""
    engine = _engine()
    readings = []
    for strip in strips:
        read = engine(strip, use_det=False, use_cls=False, use_rec=True)
        text, score = (_clean(read.txts[0]), float(read.scores[0])) if read.txts else ("", 0.0)
        readings.append(Reading(text, score, engine.text_rec.session.last[0]))
    return readings


def read_lines(strips: list[np.ndarray]) -> list[tuple[str, float]]:
    """Each strip (one text line, grey or colour) as PP-OCRv6 reads it, with its score (0..1)."""
    return [(reading.text, reading.score) for reading in read_lines_with_frames(strips)]
