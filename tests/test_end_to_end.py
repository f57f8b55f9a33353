"""Whole generated submissions through every installed plugin, with real tesseract, and no type hints."""

from __future__ import annotations

import pytest

from docproc.models import Status, Verdict
from docproc.pipeline import check_folder
from docproc.plugins.manager import build_plugin_manager
from docproc.settings import Settings

PLUGINS = ("passport", "alien_registration", "photo")


@pytest.fixture(scope="module")
def manager():
    pm = build_plugin_manager(Settings())
    loaded = {name for name, _ in pm.list_name_plugin()}
    missing = [p for p in PLUGINS if p not in loaded]
    assert not missing, f"plugins not installed: {missing} (run scripts/install.sh); skipped: {pm.skipped}"
    return pm


def _types(verdict: Verdict) -> dict[str, str]:
    return {d.label: d.type for d in verdict.documents}


def _codes(verdict: Verdict) -> set[str]:
    return {p.code for p in verdict.problems}


def test_demo_submission_is_complete(manager, tmp_path) -> None:
    from docproc.synth.submission import write_demo_submission

    verdict = check_folder(write_demo_submission(tmp_path / "demo"), plugin_manager=manager)
    assert verdict.status == Status.complete, verdict.problems
    assert set(_types(verdict).values()) == {"alien_registration", "passport", "photo"}
    checks = {c.field: c for c in verdict.cross_checks}
    assert all(checks[f].consistent for f in ("name", "birth_date", "sex", "nationality", "address"))
    assert {s.document_type for s in checks["birth_date"].sources} == {None, "passport", "alien_registration"}


@pytest.mark.parametrize("seed", [11, 12])
def test_a_whole_bundle_scanned_as_one_pdf(manager, make_submission, seed: int) -> None:
    generated = make_submission(seed=seed, bundle_pdf=True, damage=0.3, card_layout="residence_card")
    verdict = check_folder(generated.folder, plugin_manager=manager)
    kinds = [d.type for d in verdict.documents if d.file == "bundle.pdf"]
    assert kinds[0] == "passport" and "alien_registration" in kinds
    assert verdict.status == Status.complete, verdict.problems


def test_different_birth_date_on_the_form_needs_review(manager, make_submission) -> None:
    generated = make_submission(seed=21, damage=0.2, form_overrides={"birth_date": "1901-01-01"})
    verdict = check_folder(generated.folder, plugin_manager=manager)
    assert verdict.status == Status.needs_review
    assert "mismatch:birth_date" in _codes(verdict)


def test_someone_elses_name_on_the_form_needs_review(manager, make_submission) -> None:
    generated = make_submission(seed=22, damage=0.2, form_overrides={"name": "Tanaka, Hiroshi"})
    verdict = check_folder(generated.folder, plugin_manager=manager)
    assert "mismatch:name" in _codes(verdict)


def test_expired_passport_makes_the_submission_incomplete(manager, make_submission) -> None:
    generated = make_submission(seed=23, damage=0.2, expired_passport=True)
    verdict = check_folder(generated.folder, plugin_manager=manager)
    assert verdict.status == Status.incomplete
    assert any(p.code == "document:expired" and p.document == "scan_001.jpg" for p in verdict.problems)


def test_missing_card_is_reported_with_the_passport_still_read(manager, make_submission) -> None:
    generated = make_submission(seed=24, damage=0.2, documents=("passport", "photo"))
    verdict = check_folder(generated.folder, plugin_manager=manager)
    assert _codes(verdict) == {"missing:alien_registration"}
    passport = next(d for d in verdict.documents if d.type == "passport")
    assert passport.fields["document_number"].value == generated.passport.document_number
