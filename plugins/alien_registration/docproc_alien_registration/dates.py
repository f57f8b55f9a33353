"""Japanese card dates to ISO: Western (1990年01月01日) and era (昭和/平成/令和, 元年) forms, any digit width."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

ERA_STARTS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}
ERA_YEARS = {"明治": 45, "大正": 15, "昭和": 64, "平成": 31}  # the last year of each ended era
# OCR confusions of era names seen in practice, mapped to the era
ERA_ALIASES = {"昭和": "昭和", "照和": "昭和", "昭利": "昭和", "平成": "平成", "平戌": "平成", "乎成": "平成",
               "令和": "令和", "今和": "令和", "令利": "令和", "大正": "大正", "明治": "明治"}
_ERA = "|".join(sorted(ERA_ALIASES, key=len, reverse=True))
_DIGIT_FIXES = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "|": "1", "i": "1",
                              "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "g": "9", "!": "1"})
_SEP = r"\s*"
WESTERN = re.compile(r"(?P<y>(?:19|2[0689])\d\d)" + _SEP + r"[年/.\-]" + _SEP + r"(?P<m>\d{1,3})" + _SEP + r"[月/.\-]"
                     + _SEP + r"(?P<d>\d{1,3})")
ERA_DATE = re.compile(r"(?P<era>" + _ERA + r")" + _SEP + r"(?P<y>元|\d{1,2})" + _SEP + r"年" + _SEP
                      + r"(?P<m>\d{1,3})" + _SEP + r"月" + _SEP + r"(?P<d>\d{1,3})")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(?<=\d)[.,·・'`](?=\d[年月日])", "", text)  # a speck inside a number (2.9日, 昭和5.0年)
    # 月 and 日 read as the kanji built of them, where only they fit (07朋30日, 月30晶)
    text = re.sub(r"(?<=\d)朋(?=\d)", "月", text)
    text = re.sub(r"(?<=月\d)(\d?)[晶昌曰]", r"\1日", text)
    # digits misread as look-alike letters only between date markers
    return re.sub(r"(?<=[\d年月和成正治])[OoDQlIi|SsBZzg!](?=[\d年月日])", lambda m: m.group(0).translate(_DIGIT_FIXES), text)


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _nine_as_zero(text: str, round_digits: str = "9") -> list[int]:
    """The number and its readings with a 9 (or another of ``round_digits``) taken back to 0: tesseract's
    jpn model reads a printed 0 as 9, and in a blurred day or month as 6 or 8 too."""
    options = [text]
    for i, c in enumerate(text):
        if c in round_digits:
            options += [o[:i] + "0" + o[i + 1:] for o in options]
    return [int(o) for o in dict.fromkeys(options)]


def _two_digits(text: str) -> list[str]:
    """A month or day as read; three digits are one glyph read twice (098 for 08): each way to drop one."""
    if len(text) < 3:
        return [text]
    return list(dict.fromkeys(text[:i] + text[i + 1:] for i in range(len(text))))


def _make_lenient(year: int, month: str, day: str) -> dt.date | None:
    """A valid date from month/day digits, undoing 0->9 (6, 8) misreads when the date as read is impossible."""
    for m in (n for read in _two_digits(month) for n in _nine_as_zero(read, "968")):
        for d in (n for read in _two_digits(day) for n in _nine_as_zero(read, "968")):
            if (found := _make(year, m, d)) is not None:
                return found
    return None


def _dated(m: re.Match[str], years: list[int], offset: int, last_year: int | None,
           latest: dt.date | None) -> tuple[dt.date, bool] | None:
    """The date ``m`` reads with its year as read, first of ``years`` (``offset`` added: an era's start
    less one, 0 for a Western year); for a past date (``latest``) a year that does not fit (past its era's
    last year, or after ``latest``) is tried with its 9s taken back to 0, the other ``years``.
    (date, whether the year was changed), or None."""
    for n, year in enumerate(years if latest else years[:1]):
        if latest and last_year and year > last_year:
            continue
        found = _make_lenient(offset + year, m.group("m"), m.group("d"))
        if found and (latest is None or found <= latest):
            return found, n > 0
    return None


def _read_dates(text: str, latest: dt.date | None = None) -> list[tuple[dt.date, tuple[int, int], bool]]:
    """Every date in ``text``: (date, character span in the NFKC text, whether its year was changed)."""
    text = _clean(text)
    found: list[tuple[dt.date, tuple[int, int], bool]] = []
    for m in ERA_DATE.finditer(text):
        era = ERA_ALIASES[m.group("era")]
        years = [1] if m.group("y") == "元" else _nine_as_zero(m.group("y"))
        if dated := _dated(m, years, ERA_STARTS[era] - 1, ERA_YEARS.get(era), latest):
            found.append((dated[0], m.span(), dated[1]))
    for m in WESTERN.finditer(text):
        if any(s <= m.start() < e for _, (s, e), _ in found):
            continue
        year = m.group("y")  # no card prints a year past 2099: 20 misread, its 6, 8 or 9 back to 0 (2608 -> 2008)
        misread = year >= "21"
        if dated := _dated(m, _nine_as_zero(year, "968")[1:] if misread else _nine_as_zero(year), 0, None, latest):
            found.append((dated[0], m.span(), dated[1] or misread))
    return sorted(found, key=lambda f: f[1][0])


def parse_dates(text: str, *, latest: dt.date | None = None) -> list[tuple[dt.date, tuple[int, int]]]:
    """Every date in ``text`` with its character span (in the NFKC text), in reading order. ``latest``:
    the dates lie in the past (a birth), so a year that cannot be (平成94, 2092) is read with its 9s as 0
    (``jpn`` reads a printed 0 as 9): 平成04, 2002; a date that still does not fit is left out."""
    return [(found, span) for found, span, _ in _read_dates(text, latest)]


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text``, or None."""
    dates = parse_dates(text)
    return dates[0][0] if dates else None


# characters OCR leaves of a damaged era name, and the era they point to
_ERA_HINTS = {"令": "令和", "今": "令和", "合": "令和", "会": "令和", "平": "平成", "成": "平成", "乎": "平成",
              "戌": "平成", "昭": "昭和", "照": "昭和", "召": "昭和", "明": "明治", "正": "大正"}
_BARE_ERA_DATE = re.compile(r"(?P<pre>[^\d]{0,3}?)(?<!\d)(?P<y>元|\d{1,2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})")


def parse_date_loose(text: str, *, near: dt.date | None = None,
                     latest: dt.date | None = None) -> tuple[dt.date, float] | None:
    """A date even when the era name was misread: (date, confidence).

    The era is taken from what is left of its characters; a bare ``和`` (令和 or 昭和) is decided by
    ``near`` (an expiry date lies near the submission date) or by ``latest`` (a birth date is not in the
    future: 和30年 is 昭和30年, not 令和30年), else the date is given low confidence. ``latest`` also rules
    out a year no past date has: 平成94年 is read as 平成04年, for 0.7.
    """
    dates = _read_dates(text, latest)
    if dates:
        return dates[0][0], 0.7 if dates[0][2] else 1.0
    m = _BARE_ERA_DATE.search(_clean(text))
    if not m:
        return None
    year = 1 if m.group("y") == "元" else int(m.group("y"))
    month, day = m.group("m"), m.group("d")
    eras = [era for c, era in _ERA_HINTS.items() if c in m.group("pre")]
    if not eras and "和" in m.group("pre"):
        eras = ["令和", "昭和"]
    if not eras:
        eras = ["令和", "平成", "昭和"]
    # a date in the past lies within its era (平成33年 is printed only as a future date, for 令和3年)
    candidates = [d for era in dict.fromkeys(eras) if (d := _make_lenient(ERA_STARTS[era] + year - 1, month, day))
                  and (latest is None or (d <= latest and year <= ERA_YEARS.get(era, year)))]
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0], 0.7
    if near is not None:
        return min(candidates, key=lambda d: abs((d - near).days)), 0.5
    return candidates[0], 0.3


def plausible_expiry(found: dt.date, today: dt.date) -> dt.date:
    """An expiry more than ten years ahead is a misread year digit (9 for 0) when undoing it fits."""
    if (found - today).days <= 3660:
        return found
    for year in _nine_as_zero(str(found.year)):
        if (d := _make(year, found.month, found.day)) and (d - today).days <= 3660 and year > 1990:
            return d
    return found
