"""Recognition of generated supporting-document pages with real tesseract: types, orientation, refusals."""

from __future__ import annotations

import datetime as dt
import os
import random
import zlib

import pytest

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from docproc_supporting_documents import plugin

from docproc.models import Page, ReadContext, Submission
from docproc.synth import card as card_synth
from docproc.synth import passport as passport_synth
from docproc.synth.damage import ScanDamage, apply_damage, random_damage
from docproc.synth.pages import TypedPage, render_typed_page

TYPES = ("reason_statement", "activity_permit", "medical_certificate", "authorization_letter",
         "residence_status_certificate", "acceptance_receipt", "representative_id")
HOLDERS = ("NGUYEN VAN AN", "MÜLLER JÜRGEN", "SILVA SANTOS MARIA", "KIM MINJUN", "OKAFOR CHIDI")


def _page(image, name: str = "scan.pdf") -> Page:
    return Page(file=name, index=0, image=image)


def _typed(doc_type: str, language: str, seed: int, *, rotation: int = 0, severity: float = 0.5,
           holder: str = "") -> Page:
    rng = random.Random(seed)
    image = render_typed_page(TypedPage(doc_type, language, holder), dpi=200, rng=rng)
    damage = random_damage(rng, severity=severity, allow_rotation=False)
    damage = ScanDamage(**{**damage.describe(), "rotation": rotation})
    return _page(apply_damage(image, damage, source_dpi=200, seed=seed))


def _type_of(page: Page) -> str:
    found = plugin.docproc_classify(page)
    return found.doc_type if found and found.score >= 0.5 else "unknown"


# Every type in both languages, with a quarter turn cycling through 0/90/180/270.
CASES = [(t, lang, (i * 2 + j) % 4 * 90) for i, t in enumerate(TYPES) for j, lang in enumerate(("ja", "en"))]


@pytest.mark.parametrize(("doc_type", "language", "rotation"), CASES,
                         ids=[f"{t}-{lang}-{r}" for t, lang, r in CASES])
def test_supporting_page_is_recognised_in_any_orientation(doc_type: str, language: str, rotation: int) -> None:
    seed = zlib.crc32(f"{doc_type}/{language}".encode()) % 10_000  # stable across runs, unlike hash()
    assert _type_of(_typed(doc_type, language, seed, rotation=rotation, holder=HOLDERS[seed % 5])) == doc_type


@pytest.mark.parametrize("seed", range(4))
def test_unrelated_page_scores_low(seed: int) -> None:
    page = _typed("unrelated", ("ja", "en")[seed % 2], 500 + seed, rotation=(0, 180, 90, 0)[seed])
    found = plugin.docproc_classify(page)
    assert found is None or found.score < 0.5


def test_passport_is_not_claimed() -> None:
    rng = random.Random(11)
    data = passport_synth.random_passport_data(rng, submitted_on=dt.date(2026, 11, 20), kind="TD3", document_code="P<")
    page = _page(passport_synth.passport_scan(data, damage=random_damage(rng, severity=0.3), rng=rng))
    assert _type_of(page) == "unknown"


@pytest.mark.parametrize("layout", card_synth.LAYOUTS)
def test_residence_card_is_not_claimed(layout: str) -> None:
    rng = random.Random(12)
    data = card_synth.random_card_data(rng, submitted_on=dt.date(2026, 11, 20), layout=layout)
    front = card_synth.render_card_front(data, dpi=300, rng=rng)
    page = _page(card_synth.card_scan(front, damage=random_damage(rng, severity=0.3), rng=rng))
    assert _type_of(page) == "unknown"


def _context() -> ReadContext:
    submission = Submission(submission_id="S-1", submitted_on=dt.date(2026, 11, 20), applicant={"name": "A B"},
                            documents=[{"file": "scan.pdf"}])
    return ReadContext(submission=submission, settings=None)


def test_read_returns_title_language_holder_and_orientation() -> None:
    page = _typed("medical_certificate", "en", 21, rotation=180, severity=0.3, holder="OKAFOR CHIDI")
    reading = plugin.docproc_read(page, "medical_certificate", _context())
    assert reading is not None
    assert reading.fields["language"].value == "en"
    assert reading.fields["title"].confidence >= 0.5 and reading.fields["title"].region is not None
    assert "OKAFOR" in reading.fields["holder_name"].value.upper()
    orientation = next(c for c in reading.checks if c.id == "supporting_documents.orientation")
    assert orientation.measured == 180
    assert not reading.warnings and not reading.problems


def test_hinted_page_with_another_title_gets_a_warning() -> None:
    page = _typed("authorization_letter", "ja", 31, severity=0.3)
    reading = plugin.docproc_read(page, "reason_statement", _context())
    assert [w.code for w in reading.warnings] == ["supporting_documents:title_mismatch"]
    assert plugin.docproc_read(page, "passport", _context()) is None  # not a type this plugin reads


def test_classify_and_read_share_one_analysis() -> None:
    page = _typed("reason_statement", "ja", 41, severity=0.2)
    plugin.docproc_classify(page)
    analysis = page.scratch["supporting_documents"]
    plugin.docproc_read(page, "reason_statement", _context())
    assert page.scratch["supporting_documents"] is analysis
