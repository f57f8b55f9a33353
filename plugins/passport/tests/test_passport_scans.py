"""The plugin on generated scans, with real tesseract: orientations, file formats, junk, other documents."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import zlib
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
from docproc_passport import plugin
from PIL import Image, ImageDraw, ImageFont

from docproc.errors import FileProblem, UnreadableDocument
from docproc.loading import iter_pages
from docproc.models import DocumentRef, Page, ReadContext, Submission
from docproc.settings import Settings
from docproc.synth.damage import ScanDamage, save_pages
from docproc.synth.passport import (
    expected_fields,
    mrz_lines,
    passport_scan,
    random_passport_data,
    specimen_photo,
)

SUBMITTED = dt.date(2026, 11, 25)
FIELDS = plugin.FIELDS


def _context(submitted_on: dt.date = SUBMITTED) -> ReadContext:
    sub = Submission(submission_id="t-1", submitted_on=submitted_on, applicant={"name": "x"},
                     documents=[{"file": "p.png"}])
    return ReadContext(submission=sub, settings=None)


def _page(image: np.ndarray, name: str = "p.png") -> Page:
    return Page(file=name, index=0, image=image)


def _assert_fields(reading, data) -> None:
    want = expected_fields(data)
    got = {k: reading.fields[k].value for k in FIELDS}
    assert got == want
    for k in FIELDS:
        assert reading.fields[k].region is not None
        assert 0.0 <= reading.fields[k].confidence <= 1.0


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_each_orientation_reads_every_field(rotation: int) -> None:
    rng = random.Random(1000 + rotation)
    data = random_passport_data(rng, submitted_on=SUBMITTED, kind="TD3",
                                expiry_date=dt.date(2030, 5, 1), given_names="Anna Lena")
    damage = ScanDamage(rotation=rotation, skew_deg=rng.uniform(-6, 6), dpi=200, noise_sigma=5, blur_sigma=0.5,
                        jpeg_quality=70)
    page = _page(passport_scan(data, damage=damage, rng=rng))
    cls = plugin.docproc_classify(page)
    assert cls is not None and cls.doc_type == "passport" and cls.score >= 0.7
    reading = plugin.docproc_read(page, "passport", _context())
    _assert_fields(reading, data)
    assert reading.fields["mrz"].value == mrz_lines(data)
    assert all(c.passed for c in reading.checks if c.id.startswith("mrz.check_digit"))
    assert not reading.problems


@pytest.mark.parametrize("fmt", ["jpg", "png", "tiff", "pdf"])
def test_each_file_format_through_the_loader(tmp_path: Path, fmt: str) -> None:
    rng = random.Random(zlib.crc32(fmt.encode()))  # not hash(): it differs from one process to the next
    data = random_passport_data(rng, submitted_on=SUBMITTED, kind="TD3", expiry_date=dt.date(2031, 1, 2))
    damage = ScanDamage(rotation=0, skew_deg=2.0, dpi=150 if fmt == "pdf" else 200, noise_sigma=3)
    image = passport_scan(data, damage=damage, rng=rng)
    save_pages([image], tmp_path / f"scan.{fmt}", dpi=damage.dpi)
    pages = list(iter_pages(tmp_path, DocumentRef(file=f"scan.{fmt}"), Settings(pdf_dpi=200)))
    assert len(pages) == 1
    reading = plugin.docproc_read(pages[0], "passport", _context())
    _assert_fields(reading, data)


def test_corrupt_file_and_junk_arrays_never_crash(tmp_path: Path) -> None:
    rng = random.Random(7)
    data = random_passport_data(rng, submitted_on=SUBMITTED)
    image = passport_scan(data, damage=ScanDamage(dpi=150), rng=rng)
    _ok, buf = cv2.imencode(".jpg", image)
    (tmp_path / "broken.jpg").write_bytes(buf.tobytes()[: len(buf) // 3])  # truncated JPEG
    try:
        pages = list(iter_pages(tmp_path, DocumentRef(file="broken.jpg"), Settings()))
    except FileProblem:
        pages = []
    for page in pages:
        plugin.docproc_classify(page)
        with contextlib.suppress(UnreadableDocument):
            plugin.docproc_read(page, "passport", _context())
    junk = [np.zeros((1, 1, 3), np.uint8), np.zeros((0, 0), np.uint8),
            np.random.default_rng(1).integers(0, 255, (600, 400, 3), dtype=np.uint8),
            np.full((300, 300), 255, np.uint16)]
    for arr in junk:
        page = _page(arr)
        assert plugin.docproc_classify(page) is None
        with pytest.raises(UnreadableDocument):
            plugin.docproc_read(page, "passport", _context())


def _text_page(lines: list[str], font_path: str, size: int) -> np.ndarray:
    img = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(font_path, size)
    for i, line in enumerate(lines):
        draw.text((90, 120 + i * int(size * 1.6)), line, fill="black", font=font)
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def test_plain_text_page_is_not_claimed_and_has_no_mrz() -> None:
    import matplotlib

    font = str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
    rng = random.Random(3)
    words = ["the", "applicant", "declares", "that", "all", "information", "given", "in", "this", "statement", "is", "true", "and", "complete"]
    lines = [" ".join(rng.choice(words) for _ in range(12)) for _ in range(30)]
    lines += ["PASSPORT NUMBER 12345678 ISSUED 2020", "ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 <<<<"]
    page = _page(_text_page(lines, font, 26))
    assert plugin.docproc_classify(page) is None
    with pytest.raises(UnreadableDocument):
        plugin.docproc_read(page, "passport", _context())


def test_japanese_card_like_page_is_not_claimed() -> None:
    font = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"
    lines = ["在留カード", "氏名 グエン ヴァン アン", "生年月日 1990年01月02日 性別 男", "国籍・地域 ベトナム",
             "住居地 東京都新宿区西新宿二丁目8番1号", "在留資格 技術・人文知識・国際業務", "在留期間 3年 (2029年01月02日)",
             "許可の種類 在留期間更新許可", "このカードは2029年01月02日まで有効です。", "法務大臣"] * 2
    page = _page(_text_page(lines, font, 34))
    assert plugin.docproc_classify(page) is None


def test_identity_card_and_visa_get_their_own_types() -> None:
    for kind, doc_type, seed in (("TD1", "identity_card", 11), ("TD2", "identity_card", 12), ("MRVA", "visa", 13)):
        rng = random.Random(seed)
        data = random_passport_data(rng, submitted_on=SUBMITTED, kind=kind, expiry_date=dt.date(2029, 3, 3),
                                    document_code={"TD1": "I<", "TD2": "ID", "MRVA": "V<"}[kind])
        page = _page(passport_scan(data, damage=ScanDamage(dpi=200, skew_deg=-3, noise_sigma=4), rng=rng))
        cls = plugin.docproc_classify(page)
        assert cls is not None and cls.doc_type == doc_type
        reading = plugin.docproc_read(page, "passport", _context())
        _assert_fields(reading, data)
        assert reading.fields["kind"].value == kind
        assert [w.code for w in reading.warnings] == ["passport:kind_mismatch"]


def test_expired_passport_and_special_codes() -> None:
    rng = random.Random(21)
    data = random_passport_data(rng, submitted_on=SUBMITTED, kind="TD3", nationality="D", issuing_state="D",
                                expiry_date=dt.date(2026, 1, 31))
    page = _page(passport_scan(data, damage=ScanDamage(dpi=200, rotation=180, noise_sigma=4), rng=rng))
    reading = plugin.docproc_read(page, "passport", _context())
    assert reading.fields["nationality"].value == "DEU"
    assert reading.fields["issuing_state"].value == "DEU"
    assert reading.fields["expiry_date"].value == "2026-01-31"
    assert [p.code for p in reading.problems] == ["document:expired"]
    for code in ("UNO", "XXA"):
        data = random_passport_data(rng, submitted_on=SUBMITTED, kind="TD3", nationality=code,
                                    expiry_date=dt.date(2028, 1, 1))
        page = _page(passport_scan(data, damage=ScanDamage(dpi=200, noise_sigma=3), rng=rng))
        reading = plugin.docproc_read(page, "passport", _context())
        assert reading.fields["nationality"].value == code
        assert not reading.problems


def test_specimen_like_low_resolution_photo() -> None:
    rng = random.Random(5)
    data = random_passport_data(rng, submitted_on=SUBMITTED, kind="TD3", expiry_date=dt.date(2030, 1, 1))
    page = _page(specimen_photo(data, rng=rng, width_px=560))
    reading = plugin.docproc_read(page, "passport", _context())
    _assert_fields(reading, data)


def test_failed_checks_give_mrz_invalid() -> None:
    rng = random.Random(9)
    data = random_passport_data(rng, submitted_on=SUBMITTED, kind="TD3", expiry_date=dt.date(2030, 1, 1))
    line1, line2 = mrz_lines(data)
    # a misprinted birth-date check digit (+5 would be "repaired" by any digit +-5: ICAO weights are odd)
    wrong = str((int(line2[19]) + 3) % 10)
    data = replace(data, mrz_override=(line1, line2[:19] + wrong + line2[20:]))
    page = _page(passport_scan(data, damage=ScanDamage(dpi=200, noise_sigma=3), rng=rng))
    reading = plugin.docproc_read(page, "passport", _context())
    assert "document:mrz_invalid" in [p.code for p in reading.problems]
    assert {c.id: c.passed for c in reading.checks}["mrz.check_digit.birth_date"] is False
