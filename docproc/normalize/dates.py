"""Dates as people write them (forms, Japanese cards) and as MRZs encode them.

Application forms arrive from many countries at a Japanese back office, so the
accepted shapes are deliberately explicit: ISO, day-first numeric dates,
Japanese calendar dates (Western and era years), and English month names.
Anything ambiguous (two-digit years, month-first numerics) is rejected rather
than guessed, because a wrong guess would silently turn a mismatch into a pass.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

__all__ = ["ERAS", "Era", "mrz_date", "parse_date"]


@dataclass(frozen=True)
class Era:
    """A Japanese era: year N of the era is Gregorian ``offset + N``; valid from ``start`` to ``end``."""

    name: str
    letter: str
    start: dt.date
    end: dt.date | None

    @property
    def offset(self) -> int:
        return self.start.year - 1


# Start dates are the Gregorian days each era began. Meiji starts on 1868-01-01
# because the proclamation of 1868-10-23 made all of 1868 Meiji 1 (Japan only
# adopted the Gregorian calendar on Meiji 6-01-01, so finer is meaningless).
# A date after an era ended (平成32年, 平成31年5月1日) or before it began
# (昭和元年12月24日) is rejected: no official document prints one.
ERAS: tuple[Era, ...] = (
    Era("明治", "M", dt.date(1868, 1, 1), dt.date(1912, 7, 29)),
    Era("大正", "T", dt.date(1912, 7, 30), dt.date(1926, 12, 24)),
    Era("昭和", "S", dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    Era("平成", "H", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    Era("令和", "R", dt.date(2019, 5, 1), None),
)
_ERA_BY_KEY: dict[str, Era] = {}
for _era in ERAS:
    _ERA_BY_KEY[_era.name] = _era
    _ERA_BY_KEY[_era.name[0]] = _era  # 昭49.8.12 style one-kanji abbreviation
    _ERA_BY_KEY[_era.letter] = _era

_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"),
    start=1,
):
    _MONTHS[_name] = _number
    _MONTHS[_name[:3]] = _number
_MONTHS["sept"] = 9

_SEP = r"\s*[./\-]\s*"
_ISO = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})")
_DAY_FIRST = re.compile(rf"(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}})")
_KANJI = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ERA_KANJI = re.compile(
    r"(明治|大正|昭和|平成|令和|[明大昭平令])\s*(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
_ERA_SHORT = re.compile(rf"([MTSHR明大昭平令])\s*(\d{{1,2}}|元){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:ST|ND|RD|TH)?\s*[ .\-/]?\s*([A-Z]{3,9})\.?(?:/[^\s\d/]+\.?)?\s*[ .\-/,]?\s*(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Z]{3,9})\.?\s+(\d{1,2})(?:ST|ND|RD|TH)?\s*,?\s*(\d{4})")
# Trailing words people add on forms and cards: 生 / 生まれ (born).
_TRAILER = re.compile(r"\s*(生まれ|生)$")


def _clean(text: str) -> str:
    """NFKC folds full-width digits and letters; upper-casing makes month names and era letters uniform."""
    cleaned = unicodedata.normalize("NFKC", text).strip().upper().rstrip(".").strip()
    cleaned = re.sub(r"[\u2010-\u2015\u2212\u30fc]", "-", cleaned)
    return _TRAILER.sub("", cleaned)


def _build(year: int, month: int, day: int, original: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"impossible date {original!r}: {exc}") from None


def _era_date(key: str, era_year_text: str, month: int, day: int, original: str) -> dt.date:
    era = _ERA_BY_KEY[key]
    era_year = 1 if era_year_text == "元" else int(era_year_text)
    if era_year < 1:
        raise ValueError(f"impossible era year in {original!r}")
    date = _build(era.offset + era_year, month, day, original)
    if date < era.start or (era.end is not None and date > era.end):
        end = era.end.isoformat() if era.end else "today"
        raise ValueError(f"{original!r} is outside the {era.name} era ({era.start.isoformat()} to {end})")
    return date


def _month(name: str, original: str) -> int:
    try:
        return _MONTHS[name.lower()]
    except KeyError:
        raise ValueError(f"unknown month name {name!r} in {original!r}") from None


def parse_date(text: str) -> dt.date:
    """Parse a date as written on a form or printed on a card; ``ValueError`` when unknown or impossible.

    Numeric dates with the year last are day first (DD/MM/YYYY); two-digit years
    and other ambiguous shapes are refused instead of guessed.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError("empty date")
    cleaned = _clean(text)
    if match := _ISO.fullmatch(cleaned):
        return _build(int(match[1]), int(match[2]), int(match[3]), text)
    if match := _DAY_FIRST.fullmatch(cleaned):
        return _build(int(match[3]), int(match[2]), int(match[1]), text)
    if match := _KANJI.fullmatch(cleaned):
        return _build(int(match[1]), int(match[2]), int(match[3]), text)
    if match := _ERA_KANJI.fullmatch(cleaned):
        return _era_date(match[1], match[2], int(match[3]), int(match[4]), text)
    if match := _ERA_SHORT.fullmatch(cleaned):
        return _era_date(match[1], match[2], int(match[3]), int(match[4]), text)
    if match := _DAY_MONTH_YEAR.fullmatch(cleaned):
        return _build(int(match[3]), _month(match[2], text), int(match[1]), text)
    if match := _MONTH_DAY_YEAR.fullmatch(cleaned):
        return _build(int(match[3]), _month(match[1], text), int(match[2]), text)
    raise ValueError(f"unrecognised date format: {text!r}")


def _add_years(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February into a non-leap year
        return date.replace(year=date.year + years, day=28)


def mrz_date(yymmdd: str, *, kind: Literal["birth", "expiry"], reference: dt.date) -> dt.date:
    """Give an MRZ ``YYMMDD`` its century from context; ``ValueError`` when not a complete valid date.

    Birth: the latest century that does not put the birth after ``reference``.
    Expiry: the century closest to ``reference`` (documents run at most ten
    years, but a long-expired one must still parse so it can be flagged).
    Unknown parts (ICAO fillers ``<``) are refused: there is nothing to compare.
    """
    digits = unicodedata.normalize("NFKC", yymmdd or "").strip()
    if not re.fullmatch(r"\d{6}", digits):
        raise ValueError(f"MRZ date must be six digits, got {yymmdd!r}")
    yy, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    if kind == "birth":
        for century in (reference.year // 100 * 100, reference.year // 100 * 100 - 100):
            try:
                candidate = dt.date(century + yy, month, day)
            except ValueError:
                continue  # 29 February in a non-leap candidate year
            if candidate <= reference:
                return candidate
        raise ValueError(f"impossible MRZ birth date {yymmdd!r}")
    if kind == "expiry":
        candidates = []
        for century in (reference.year // 100 * 100 + delta for delta in (-100, 0, 100)):
            try:
                candidates.append(dt.date(century + yy, month, day))
            except ValueError:
                continue
        if not candidates:
            raise ValueError(f"impossible MRZ expiry date {yymmdd!r}")
        return min(candidates, key=lambda candidate: abs((candidate - reference).days))
    raise ValueError(f"unknown MRZ date kind {kind!r}")
