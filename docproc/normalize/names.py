"""Personal names across the MRZ, the residence card and the application form.

The MRZ writes names in ICAO 9303 transliteration (Ü→UE, ß→SS, fillers for
spaces and hyphens, apostrophes dropped, truncation at the field length); the
residence card prints roman capitals; the form has any order, case, commas and
diacritics. The comparison is strict both ways: every name part must be
accounted for, so a different person (ERIKSSON vs ERIKSEN) or an extra middle
name fails, while transliteration, order, case and MRZ truncation do not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from unidecode import unidecode

__all__ = ["ICAO_TRANSLITERATION", "NameComparison", "compare_names", "icao_transliterate", "name_tokens"]

# ICAO Doc 9303 part 3, "Transliteration of multinational Latin-based
# characters": the recommended forms where they differ from just dropping the
# diacritic (which unidecode already does for every other letter).
ICAO_TRANSLITERATION: dict[str, str] = {
    "Ä": "AE",
    "Å": "AA",
    "Æ": "AE",
    "Ö": "OE",
    "Ø": "OE",
    "Œ": "OE",
    "Ü": "UE",
    "ß": "SS",
    "ẞ": "SS",
    "Þ": "TH",
    "Ĳ": "IJ",
    "Ð": "D",
    "Đ": "D",
    "Ł": "L",
    "Ħ": "H",
    "Ŧ": "T",
    "Ŋ": "N",
    "Ñ": "N",  # ICAO also allows NXX; see _variants
}
_APOSTROPHES = re.compile(r"['’‘`´ʼ]")


def _spell(text: str, table: dict[str, str]) -> str:
    """Upper-case ASCII letters and single spaces: table first, unidecode for the rest."""
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", text))
    text = _APOSTROPHES.sub("", text)  # ICAO: O'BRIEN -> OBRIEN
    out = []
    for char in text:
        upper = char.upper() if char != "ß" else char
        out.append(table.get(upper) or table.get(char) or unidecode(char))
    letters = re.sub(r"[^A-Z]+", " ", "".join(out).upper().replace("'", ""))
    return " ".join(letters.split())


def icao_transliterate(text: str) -> str:
    """Spell a name the way an MRZ does (ICAO 9303 part 3): ``"Müller-Lüdenscheidt"`` -> ``"MUELLER LUEDENSCHEIDT"``."""
    return _spell(text, ICAO_TRANSLITERATION)


def _plain_ascii(text: str) -> str:
    """Diacritics simply dropped (``MULLER``): what many states and people type instead of ICAO's form."""
    return _spell(text, {})


def name_tokens(text: str) -> list[str]:
    """Name parts in ICAO spelling, in written order (``"Müller, Jürgen"`` -> ``["MUELLER", "JUERGEN"]``).

    Commas and MRZ fillers separate parts like spaces and hyphens do; apostrophes vanish.
    """
    return icao_transliterate(text).split()


def _variants(icao: str, plain: str) -> frozenset[str]:
    """Every accepted spelling of one name part: ICAO, plain ASCII, and ICAO's NXX/UXX option undone."""
    spellings = {icao, plain}
    spellings |= {re.sub(r"(?<=[NU])XX", "", spelling) for spelling in spellings}
    return frozenset(s for s in spellings if s)


def _parts(text: str) -> list[frozenset[str]]:
    icao, plain = icao_transliterate(text).split(), _plain_ascii(text).split()
    if len(icao) != len(plain):  # never expected: both fall back to unidecode alike
        plain = icao
    return [_variants(i, p) for i, p in zip(icao, plain, strict=True)]


@dataclass(frozen=True)
class NameComparison:
    """Outcome of :func:`compare_names`; ``reason`` says why not consistent, without quoting the names."""

    consistent: bool
    score: float
    normalized_a: str
    normalized_b: str
    reason: str | None


def _match(a_parts: list[frozenset[str]], b_parts: list[frozenset[str]]) -> dict[int, int]:
    """Maximum bipartite matching of parts that share a spelling (b index -> a index)."""
    owner: dict[int, int] = {}

    def place(b_index: int, seen: set[int]) -> bool:
        for a_index, a_part in enumerate(a_parts):
            if a_index in seen or not (a_part & b_parts[b_index]):
                continue
            seen.add(a_index)
            if a_index not in owner or place(owner[a_index], seen):
                owner[a_index] = b_index
                return True
        return False

    for b_index in range(len(b_parts)):
        place(b_index, set())
    return {b_index: a_index for a_index, b_index in owner.items()}


def _joined(parts: list[frozenset[str]]) -> set[str]:
    """Spellings of consecutive parts written as one (``ANNA MARIA`` vs ``ANNAMARIA``, ``XIAO MING``)."""
    spellings = {""}
    for part in parts:
        spellings = {head + tail for head in spellings for tail in part}
    return spellings


def _absorb_joins(
    left: list[int], left_parts: list[frozenset[str]], right: list[int], right_parts: list[frozenset[str]]
) -> None:
    """Remove from both leftovers every right part equal to a run of consecutive left leftovers, in place."""
    for r_index in list(right):
        for start in range(len(left)):
            for stop in range(start + 2, len(left) + 1):
                run = left[start:stop]
                if run != list(range(run[0], run[0] + len(run))):
                    break  # not consecutive in the written name
                if _joined([left_parts[i] for i in run]) & right_parts[r_index]:
                    right.remove(r_index)
                    del left[start:stop]
                    break
            else:
                continue
            break


def _mrz_field_full(b: str, b_parts: int, limit: int) -> bool:
    """Whether ``b`` fills an MRZ name field of ``limit`` characters, so its end may be cut off.

    With raw fillers the length is exact; from separated parts it is estimated
    (parts joined by ``<`` plus the ``<<`` between surname and given names),
    with one character of slack for where the surname ends.
    """
    stripped = b.strip()
    if "<" in stripped:
        return len(stripped.rstrip("<")) >= limit
    tokens = icao_transliterate(stripped).split()
    estimate = sum(len(token) for token in tokens) + max(b_parts - 1, 0) + (1 if b_parts > 1 else 0)
    return estimate >= limit - 1


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def compare_names(a: str, b: str, *, b_truncated_at: int | None = None) -> NameComparison:
    """Whether two written names denote the same person, order- and spelling-insensitive but strict on parts.

    ``b_truncated_at``: ``b`` was read from an MRZ name field of that length; if
    ``b`` fills it, its last part may be a prefix and parts of ``a`` may be missing.
    """
    a_parts, b_parts = _parts(a or ""), _parts(b or "")
    normalized_a, normalized_b = " ".join(name_tokens(a or "")), " ".join(name_tokens(b or ""))
    score = _score(a or "", b or "")
    if not a_parts or not b_parts:
        return NameComparison(False, score, normalized_a, normalized_b, "empty name")

    pairs = _match(a_parts, b_parts)
    left_a = [i for i in range(len(a_parts)) if i not in pairs.values()]
    left_b = [i for i in range(len(b_parts)) if i not in pairs]
    _absorb_joins(left_a, a_parts, left_b, b_parts)
    _absorb_joins(left_b, b_parts, left_a, a_parts)

    truncated = b_truncated_at is not None and _mrz_field_full(b, len(b_parts), b_truncated_at)
    if truncated:
        last = len(b_parts) - 1
        if left_b == [last]:
            for a_index in left_a:
                if any(x.startswith(y) for x in a_parts[a_index] for y in b_parts[last]):
                    left_a.remove(a_index)
                    left_b = []
                    break
        if not left_b:
            left_a = []  # the remaining parts of a did not fit into the field

    if not left_a and not left_b:
        return NameComparison(True, score, normalized_a, normalized_b, None)
    if left_a and left_b:
        count = max(len(left_a), len(left_b))
        reason = f"{_plural(count, 'name part')} {'differs' if count == 1 else 'differ'}"
    elif left_a:
        reason = f"first name has {_plural(len(left_a), 'extra part')}"
    else:
        reason = f"second name has {_plural(len(left_b), 'extra part')}"
    return NameComparison(False, score, normalized_a, normalized_b, reason)


def _score(a: str, b: str) -> float:
    """Similarity 0..1 for the report: the best order-insensitive ratio over both spellings."""
    candidates: Iterable[tuple[str, str]] = (
        (icao_transliterate(a), icao_transliterate(b)),
        (_plain_ascii(a), _plain_ascii(b)),
    )
    return max(fuzz.token_sort_ratio(x, y) for x, y in candidates) / 100.0
