"""Decide a page's type from the text of its prominent lines, and pick out the holder's name.

Each line read from the page is compared with every known title
(:mod:`vocabulary`): Japanese without spaces (tesseract spaces out kanji),
English as upper-case words. A title that fills its line scores high; the
same words buried in a sentence score low, so a body that *mentions* a
document does not make the page that document.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from docproc_supporting_documents.ocr import ReadLine
from docproc_supporting_documents.vocabulary import NAME_LABELS_EN, NAME_LABELS_JA, TITLES, Title

_JA_DROP = re.compile(r"[\s()（）「」『』【】\[\]・,、。:：.．\"'`~|_-]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_MRZ = re.compile(r"[A-Z0-9<]{5,}<<")


def is_mrz(text: str) -> bool:
    """A machine-readable-zone line (passports, ID cards, residence cards' cousins): never a supporting document.

    The Japanese model reads the filler ``<`` as the kana ``く``; both count.
    """
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).upper().replace("く", "<").replace("«", "<<")
    return bool(_MRZ.search(compact)) or compact.count("<") >= 6


def japanese_key(text: str) -> str:
    return _JA_DROP.sub("", unicodedata.normalize("NFKC", text))


def english_key(text: str) -> str:
    words = re.findall(r"[A-Z]+", unicodedata.normalize("NFKC", text).upper())
    return " ".join(words)


@dataclass(frozen=True)
class TitleMatch:
    title: Title
    line: int  # index of the line in the list given to :func:`best_title`
    score: float  # 0..1


def _similarity(phrase: str, key: str, *, japanese: bool) -> float:
    if not key:
        return 0.0
    if phrase in key:
        return 1.0
    if japanese and len(phrase) <= 3:
        # A short kanji title must be read exactly, unless the line is the title alone with one slip.
        return 0.7 if len(key) <= len(phrase) + 1 and fuzz.ratio(phrase, key) >= 66 else 0.0
    # partial_ratio finds the shorter string inside the longer one: only let it look for the phrase in a longer line.
    ratio = (fuzz.partial_ratio(phrase, key) if len(key) > len(phrase) else fuzz.ratio(phrase, key)) / 100.0
    floor = 0.8 if japanese else 0.82
    return ratio * ratio if ratio >= floor else 0.0  # squared: a near miss counts clearly less than a hit


def line_score(title: Title, line: ReadLine, prominence: float) -> float:
    """How strongly ``line`` is ``title``: similarity x how much of the line it fills x how prominent the line is."""
    japanese = title.language == "ja"
    key = japanese_key(line.text) if japanese else english_key(line.text)
    phrase = title.phrase if japanese else english_key(title.phrase)
    similarity = _similarity(phrase, key, japanese=japanese)
    if not similarity:
        return 0.0
    coverage = min(1.0, len(phrase) / max(len(key), 1))
    return similarity * (0.3 + 0.7 * coverage) * prominence * (0.8 + 0.2 * line.confidence)


def best_title(lines: list[ReadLine], prominence: list[float]) -> TitleMatch | None:
    """The best title among ``lines``; a match with ``doc_type == ""`` means another plugin's page."""
    best: TitleMatch | None = None
    for i, (line, weight) in enumerate(zip(lines, prominence, strict=True)):
        if is_mrz(line.text):
            return TitleMatch(Title("", "<MRZ>", "en"), i, 1.0)
        for title in TITLES:
            score = line_score(title, line, weight)
            if score and (best is None or score > best.score):
                best = TitleMatch(title, i, min(1.0, score))
    return best


def language_of(lines: list[ReadLine]) -> str:
    text = "".join(line.text for line in lines)
    cjk = len(_CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "ja" if cjk >= max(2, latin * 0.25) else "en"


_JA_NAME = re.compile(r"(?:" + "|".join(r"\s*".join(label.replace(" ", "")) for label in NAME_LABELS_JA) + r")"
                      r"\s*(?:Name)?\s*[:：]?\s*(.+)", re.IGNORECASE)
_EN_NAME = re.compile(r"\b(?:" + "|".join(NAME_LABELS_EN) + r")\b\s*[:：.]?\s*(.+)", re.IGNORECASE)


def holder_name(lines: list[ReadLine]) -> tuple[str, str, float, int] | None:
    """(name, raw line, confidence, line index) of the first line labelled as a name."""
    for i, line in enumerate(lines):
        text = unicodedata.normalize("NFKC", line.text).strip()
        for pattern in (_JA_NAME, _EN_NAME):
            match = pattern.search(text)
            if match:
                value = re.sub(r"\s+", " ", match.group(1)).strip(" :：.")
                if len(value.replace(" ", "")) >= 2:
                    return value, line.text, line.confidence, i
    return None
