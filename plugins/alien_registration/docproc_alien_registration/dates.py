"""Japanese card dates to ISO: Western (1990年01月01日) and era (昭和/平成/令和, 元年) forms, any digit width."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

ERA_STARTS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}
# OCR confusions of era names seen in practice, mapped to the era
ERA_ALIASES = {"昭和": "昭和", "照和": "昭和", "昭利": "昭和", "平成": "平成", "平戌": "平成", "乎成": "平成",
               "令和": "令和", "今和": "令和", "令利": "令和", "大正": "大正", "明治": "明治"}
_ERA = "|".join(sorted(ERA_ALIASES, key=len, reverse=True))
_DIGIT_FIXES = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "|": "1", "i": "1",
                              "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "g": "9"})
_SEP = r"\s*"
WESTERN = re.compile(r"(?P<y>(?:19|20)\d\d)" + _SEP + r"[年/.\-]" + _SEP + r"(?P<m>\d{1,2})" + _SEP + r"[月/.\-]"
                     + _SEP + r"(?P<d>\d{1,2})")
ERA_DATE = re.compile(r"(?P<era>" + _ERA + r")" + _SEP + r"(?P<y>元|\d{1,2})" + _SEP + r"年" + _SEP
                      + r"(?P<m>\d{1,2})" + _SEP + r"月" + _SEP + r"(?P<d>\d{1,2})")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    # digits misread as look-alike letters only between date markers
    return re.sub(r"(?<=[\d年月和成正治])[OoDQlIi|SsBZzg](?=[\d年月日])", lambda m: m.group(0).translate(_DIGIT_FIXES), text)


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_dates(text: str) -> list[tuple[dt.date, tuple[int, int]]]:
    """Every date in ``text`` with its character span (in the NFKC text), in reading order."""
    text = _clean(text)
    found: list[tuple[dt.date, tuple[int, int]]] = []
    for m in ERA_DATE.finditer(text):
        era = ERA_ALIASES[m.group("era")]
        y = 1 if m.group("y") == "元" else int(m.group("y"))
        d = _make(ERA_STARTS[era] + y - 1, int(m.group("m")), int(m.group("d")))
        if d:
            found.append((d, m.span()))
    for m in WESTERN.finditer(text):
        if any(s <= m.start() < e for _, (s, e) in found):
            continue
        d = _make(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if d:
            found.append((d, m.span()))
    return sorted(found, key=lambda f: f[1][0])


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text``, or None."""
    dates = parse_dates(text)
    return dates[0][0] if dates else None
