"""Sex markers from forms (English or Japanese words), MRZs and cards, folded to ICAO's M / F / X."""

from __future__ import annotations

import unicodedata
from typing import Literal

__all__ = ["parse_sex"]

Sex = Literal["M", "F", "X"]

_WORDS: dict[str, Sex] = {
    "M": "M",
    "MALE": "M",
    "MAN": "M",
    "男": "M",
    "男性": "M",
    "F": "F",
    "FEMALE": "F",
    "WOMAN": "F",
    "女": "F",
    "女性": "F",
    "X": "X",
    "<": "X",  # ICAO: filler in the sex position means unspecified
    "UNSPECIFIED": "X",
    # second language on bilingual passports and forms (accents already stripped)
    "MASCULIN": "M",
    "MASCULINO": "M",
    "FEMININ": "F",
    "FEMININO": "F",
    "FEMENINO": "F",
}


def parse_sex(text: str) -> Sex:
    """Map a written sex marker to ``M``/``F``/``X``; ``ValueError`` for anything unknown.

    Bilingual passport labels such as ``F/F`` or ``M/M`` are accepted when both
    halves agree. Single letters other than M/F/X are refused (e.g. Spanish
    ``H``/``M`` would be ambiguous with English ``M``).
    """
    if not isinstance(text, str):
        raise ValueError(f"sex must be text, got {type(text).__name__}")
    folded = unicodedata.normalize("NFKD", text)
    cleaned = "".join(c for c in folded if not unicodedata.combining(c)).strip().upper().rstrip(".").strip()
    if not cleaned:
        raise ValueError("empty sex marker")
    parts = {part.strip().rstrip(".") for part in cleaned.split("/")} if "/" in cleaned else {cleaned}
    values = {_WORDS.get(part) for part in parts}
    if None in values or len(values) != 1:
        raise ValueError(f"unrecognised sex marker: {text!r}")
    return values.pop()
