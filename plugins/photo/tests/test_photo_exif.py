"""Photo age from EXIF DateTimeOriginal: too old is a problem, no date is only a warning."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from types import SimpleNamespace

import pytest
from docproc_photo.capture_date import capture_date, months_before
from docproc_photo.plugin import docproc_problem_codes, docproc_read
from photo_test_support import page_from_bytes, photo_page, read_context

from docproc.synth.photo import compliant_photo, save_photo

SUBMITTED = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def photo():
    return compliant_photo(random.Random(21))


def _read(image, taken_on, *, settings=None):
    return docproc_read(page=photo_page(image, taken_on), doc_type="photo",
                        context=read_context(SUBMITTED, settings))


def test_saved_photo_carries_its_capture_date(tmp_path: Path, photo) -> None:
    path = tmp_path / "photo.jpg"
    save_photo(photo, path, taken_on=dt.date(2026, 9, 1))
    page = page_from_bytes(path.read_bytes())
    assert page.exif["DateTimeOriginal"].startswith("2026:09:01")
    assert capture_date(page.exif) == dt.date(2026, 9, 1)


@pytest.mark.parametrize(
    ("exif", "expected"),
    [
        ({"DateTimeOriginal": "2026:08:31 10:00:00"}, dt.date(2026, 8, 31)),
        ({"DateTimeDigitized": "2025-12-01 09:00"}, dt.date(2025, 12, 1)),
        ({"DateTimeOriginal": "0000:00:00 00:00:00"}, None),
        ({"DateTime": "2026:08:31 10:00:00"}, None),  # modification time, not when it was taken
        ({}, None),
    ],
)
def test_capture_date_parsing(exif: dict[str, str], expected: dt.date | None) -> None:
    assert capture_date(exif) == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [(dt.date(2026, 11, 20), 3, dt.date(2026, 8, 20)), (dt.date(2026, 5, 31), 3, dt.date(2026, 2, 28)),
     (dt.date(2026, 2, 10), 6, dt.date(2025, 8, 10))],
)
def test_months_before(day: dt.date, months: int, expected: dt.date) -> None:
    assert months_before(day, months) == expected


def test_recent_photo_passes_and_old_one_is_too_old(photo) -> None:
    recent = _read(photo, SUBMITTED - dt.timedelta(days=60))
    assert "photo:too_old" not in {p.code for p in recent.problems}
    assert recent.fields["taken_on"].value == (SUBMITTED - dt.timedelta(days=60)).isoformat()
    old = _read(photo, dt.date(2026, 8, 19))  # one day beyond three months
    assert "photo:too_old" in {p.code for p in old.problems}
    age = next(c for c in old.checks if c.id == "photo.age")
    assert age.measured == "2026-08-19" and not age.passed


def test_age_limit_comes_from_the_settings(photo) -> None:
    five_months = dt.date(2026, 6, 25)
    assert "photo:too_old" in {p.code for p in _read(photo, five_months).problems}
    lenient = SimpleNamespace(photo_max_age_months=6)
    assert "photo:too_old" not in {p.code for p in _read(photo, five_months, settings=lenient).problems}


def test_no_exif_is_a_declared_warning_not_a_problem(photo) -> None:
    reading = _read(photo, None)
    assert reading.problems == []
    assert "photo:no_capture_date" in {w.code for w in reading.warnings}
    declared = {c.code: c.severity for c in docproc_problem_codes()}
    assert declared["photo:no_capture_date"] == "warning"
