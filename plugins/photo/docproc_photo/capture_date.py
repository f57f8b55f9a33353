"""When a photo was taken, from the EXIF tags the loader kept (``page.exif``)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_TAGS = ("DateTimeOriginal", "DateTimeDigitized")
_STAMP = re.compile(r"^\s*(\d{4})[:\-/](\d{2})[:\-/](\d{2})")


def capture_date(exif: dict[str, str] | None) -> dt.date | None:
    """The capture date, or None when absent or not a real date (cameras write 0000:00:00)."""
    for tag in _TAGS:
        match = _STAMP.match((exif or {}).get(tag, ""))
        if not match:
            continue
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            continue
    return None


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (clamped to the month's length)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
