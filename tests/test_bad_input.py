"""Bad input: each case yields a precise problem for that file while the others are still processed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from docproc.errors import BadSubmission
from docproc.models import Status
from docproc.pipeline import check_folder, load_manifest
from docproc.plugins.manager import build_plugin_manager
from docproc.settings import Settings

# No third-party plugins: these tests are about the core's handling of files.
CORE_ONLY = Settings(disable_plugin_autoload=True)


def _manifest(folder: Path, documents: list[dict], **extra) -> None:
    data = {
        "submission_id": "S-TEST-1",
        "submitted_on": "2026-11-20",
        "applicant": {"name": "Eriksson Anna Maria", "birth_date": "1974-08-12", "sex": "F"},
        "documents": documents,
        **extra,
    }
    (folder / "submission.json").write_text(json.dumps(data), encoding="utf-8")


def _png(path: Path, size=(60, 80)) -> None:
    Image.fromarray(np.full((size[1], size[0], 3), 200, np.uint8)).save(path)


def _check(folder: Path, settings: Settings = CORE_ONLY):
    return check_folder(folder, settings, build_plugin_manager(settings))


def _problem_for(verdict, file: str):
    return [p for p in verdict.problems if p.document == file]


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(BadSubmission, match=r"no submission\.json"):
        load_manifest(tmp_path)


def test_manifest_not_json(tmp_path: Path) -> None:
    (tmp_path / "submission.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(BadSubmission, match="not valid JSON"):
        load_manifest(tmp_path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"submitted_on": "yesterday"}, "submitted_on"),
        ({"filed_by": "neighbour"}, "filed_by"),
        ({"documents": []}, "documents"),
        ({"applicant": {"birth_date": "1974-08-12"}}, "applicant.name"),
        ({"surprise": 1}, "surprise"),
        ({"documents": [{"file": "a.png"}, {"file": "a.png"}]}, "listed twice"),
    ],
)
def test_invalid_manifest_names_the_field(tmp_path: Path, change: dict, message: str) -> None:
    data = {"submission_id": "S-1", "submitted_on": "2026-11-20", "applicant": {"name": "A B"},
            "documents": [{"file": "a.png"}], **change}
    (tmp_path / "submission.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BadSubmission, match=message):
        load_manifest(tmp_path)


def test_each_bad_file_gets_its_own_problem_and_the_rest_is_processed(tmp_path: Path) -> None:
    _png(tmp_path / "good.png")
    (tmp_path / "empty.jpg").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    full = tmp_path / "full.jpg"
    Image.fromarray(np.random.default_rng(1).integers(0, 255, (400, 300, 3), np.uint8)).save(full, quality=90)
    (tmp_path / "truncated.jpg").write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")
    _manifest(tmp_path, [
        {"file": "good.png", "type": "photo"},
        {"file": "absent.png"},
        {"file": "../outside.png"},
        {"file": "/etc/passwd"},
        {"file": "empty.jpg"},
        {"file": "notes.txt"},
        {"file": "truncated.jpg"},
        {"file": "broken.pdf"},
    ])
    verdict = _check(tmp_path)
    assert verdict.status == Status.incomplete
    expected = {
        "absent.png": "does not exist",
        "../outside.png": "outside the submission folder",
        "/etc/passwd": "not a relative path",
        "empty.jpg": "is empty",
        "notes.txt": "not a JPEG, PNG, TIFF or PDF",
        "truncated.jpg": "corrupt or truncated",
        "broken.pdf": "PDF",
    }
    for file, words in expected.items():
        problems = _problem_for(verdict, file)
        assert [p.code for p in problems] == ["document:unreadable"], file
        assert words in problems[0].message, (file, problems[0].message)
    good = [d for d in verdict.documents if d.file == "good.png"]
    assert good and good[0].error is None and good[0].type == "photo"


def test_decompression_bomb_is_refused(tmp_path: Path) -> None:
    Image.new("1", (12_000, 12_000)).save(tmp_path / "bomb.png")  # 144 Mpx in a few kB
    _manifest(tmp_path, [{"file": "bomb.png"}])
    verdict = _check(tmp_path)
    [problem] = _problem_for(verdict, "bomb.png")
    assert problem.code == "document:unreadable"
    assert "decompression bomb" in problem.message


def test_pdf_with_too_many_pages_is_refused(tmp_path: Path) -> None:
    pages = [Image.new("L", (50, 70), 255) for _ in range(300)]
    pages[0].save(tmp_path / "long.pdf", save_all=True, append_images=pages[1:])
    _manifest(tmp_path, [{"file": "long.pdf"}])
    [problem] = _problem_for(_check(tmp_path), "long.pdf")
    assert "300 pages; the limit is 50" in problem.message


def test_pdf_with_a_giant_page_is_refused_before_rendering(tmp_path: Path) -> None:
    Image.new("L", (20, 20), 255).save(tmp_path / "huge.pdf", resolution=0.05)  # 400 x 400 inches
    _manifest(tmp_path, [{"file": "huge.pdf"}])
    [problem] = _problem_for(_check(tmp_path), "huge.pdf")
    assert "Mpx" in problem.message


def test_multipage_tiff_and_pdf_give_one_document_per_page(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (80, 100), (i * 60, 100, 100)) for i in range(3)]
    frames[0].save(tmp_path / "bundle.tif", save_all=True, append_images=frames[1:])
    frames[0].save(tmp_path / "bundle.pdf", save_all=True, append_images=frames[1:2])
    _manifest(tmp_path, [{"file": "bundle.tif", "type": "reason_statement"}, {"file": "bundle.pdf"}])
    verdict = _check(tmp_path)
    labels = [d.label for d in verdict.documents]
    assert labels == ["bundle.tif#page=1", "bundle.tif#page=2", "bundle.tif#page=3",
                      "bundle.pdf#page=1", "bundle.pdf#page=2"]
    assert all(d.error is None for d in verdict.documents)


def test_file_type_comes_from_content_not_name(tmp_path: Path) -> None:
    _png(tmp_path / "really_png.jpg")
    _manifest(tmp_path, [{"file": "really_png.jpg", "type": "photo"}])
    verdict = _check(tmp_path)
    assert verdict.documents[0].error is None
