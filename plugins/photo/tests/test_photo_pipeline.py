"""The installed plugin through docproc's plugin manager and pipeline (entry point ``photo``)."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from docproc.synth.photo import compliant_photo, photo_variants, save_photo

pipeline = pytest.importorskip("docproc.pipeline")
manager = pytest.importorskip("docproc.plugins.manager")


def _folder(tmp_path: Path, image, taken_on: dt.date | None, *, hint: str | None = None) -> Path:
    save_photo(image, tmp_path / "photo.jpg", taken_on=taken_on)
    doc = {"file": "photo.jpg"} | ({"type": hint} if hint else {})
    manifest = {"submission_id": "photo-e2e", "submitted_on": "2026-11-20",
                "applicant": {"name": "TEST APPLICANT"}, "documents": [doc]}
    (tmp_path / "submission.json").write_text(json.dumps(manifest))
    return tmp_path


def test_entry_point_is_loaded_with_its_codes() -> None:
    pm = manager.build_plugin_manager()
    assert "photo" in {row["name"] for row in pm.plugin_info()}
    assert "photo" in pm.document_types
    assert {"photo:no_capture_date", "photo:not_isolated"} <= {c.code for c in pm.problem_codes}


def test_compliant_photo_file_is_classified_and_passes(tmp_path: Path) -> None:
    folder = _folder(tmp_path, compliant_photo(random.Random(31)), dt.date(2026, 10, 1))
    verdict = pipeline.check_folder(folder)
    doc = next(d for d in verdict.documents if d.file == "photo.jpg")
    assert doc.type == "photo"
    assert doc.checks and all(c.passed for c in doc.checks)
    assert not [p for p in verdict.problems if p.code.startswith("photo:")]


def test_defective_photo_problem_reaches_the_verdict(tmp_path: Path) -> None:
    hat = next(v for v in photo_variants(random.Random(32)) if v.name == "grace_cap")
    verdict = pipeline.check_folder(_folder(tmp_path, hat.image, None, hint="photo"))
    assert "photo:headwear" in {p.code for p in verdict.problems}
    assert "photo:no_capture_date" in {w.code for w in verdict.warnings}
