"""The plugin changes the verdicts of generated submissions without type hints, as the requirements say.

Only this plugin is loaded (the document plugins may not be installed): passports, cards and photos then stay
``unknown``, which also shows the plugin does not claim them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docproc.pipeline import check_folder
from docproc.plugins.manager import build_plugin_manager
from docproc.settings import Settings
from docproc.synth.submission import SubmissionSpec, build_submission
from docproc.testing import assert_no_problem, assert_problem

ONLY_THIS = Settings(load_plugins=["supporting_documents"])
CORE_ONLY = Settings(disable_plugin_autoload=True)


def _verdict(folder: Path, settings: Settings):
    return check_folder(folder, settings, build_plugin_manager(settings))


def _types(verdict) -> dict[str, str]:
    return {d.label: d.type for d in verdict.documents}


@pytest.fixture(scope="module")
def reason_instead_of_passport(tmp_path_factory):
    spec = SubmissionSpec(seed=5, documents=("reason_statement", "alien_registration", "photo"), damage=0.4)
    return build_submission(tmp_path_factory.mktemp("reason"), spec).folder


def test_reason_statement_satisfies_the_passport_requirement(reason_instead_of_passport: Path) -> None:
    assert_problem(_verdict(reason_instead_of_passport, CORE_ONLY), "missing:passport")  # nothing recognises it
    verdict = _verdict(reason_instead_of_passport, ONLY_THIS)
    assert_no_problem(verdict, "missing:passport")
    assert "reason_statement" in _types(verdict).values()
    passport_rule = next(r for r in verdict.requirements if r.id == "passport")
    assert passport_rule.satisfied and passport_rule.satisfied_by


def test_granted_activity_permit_is_recognised(tmp_path: Path) -> None:
    spec = SubmissionSpec(seed=8, activity_permit_granted=True, damage=0.4,
                          documents=("passport", "alien_registration", "activity_permit"))
    verdict = _verdict(build_submission(tmp_path, spec).folder, ONLY_THIS)
    assert_no_problem(verdict, "missing:activity_permit")
    assert sorted(_types(verdict).values()).count("activity_permit") == 1
    assert "passport" not in _types(verdict).values()  # the passport page is not claimed by this plugin


def test_representative_documents_in_one_bundle(tmp_path: Path) -> None:
    spec = SubmissionSpec(seed=13, filed_by="relative", proxy_reason="illness", bundle_pdf=True, damage=0.4,
                          documents=("residence_status_certificate", "representative_id", "medical_certificate",
                                     "unrelated"))
    verdict = _verdict(build_submission(tmp_path, spec).folder, ONLY_THIS)
    found = _types(verdict)
    for code in ("missing:passport", "missing:representative_id", "missing:medical_certificate"):
        assert_no_problem(verdict, code)
    assert list(found.values()) == ["residence_status_certificate", "representative_id", "medical_certificate",
                                    "unknown"]
    assert_problem(verdict, "document:unrecognized", document="bundle.pdf#page=4", warning=True)


def test_collection_with_acceptance_receipt(tmp_path: Path) -> None:
    spec = SubmissionSpec(seed=17, procedure="collection", damage=0.4,
                          documents=("acceptance_receipt", "alien_registration", "authorization_letter"))
    verdict = _verdict(build_submission(tmp_path, spec).folder, ONLY_THIS)
    assert_no_problem(verdict, "missing:acceptance_receipt")
    assert_problem(verdict, "missing:passport")  # an authorization letter is no passport
    assert "authorization_letter" in _types(verdict).values()
