"""Filing requirements and eligibility: the rule book applied to generated submissions.

The scans carry type hints and only the core is loaded, so these tests are
about which documents a submission must hold, not about reading them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from docproc.models import DocumentResult, FiledBy, ProxyReason, Submission
from docproc.pipeline import check_folder
from docproc.plugins.manager import build_plugin_manager
from docproc.requirements import Facts, age_on, evaluate, load_rules
from docproc.settings import Settings

CORE_ONLY = Settings(disable_plugin_autoload=True)


def _codes(make_submission, **spec) -> set[str]:
    generated = make_submission(hints=True, damage=0.0, **spec)
    verdict = check_folder(generated.folder, CORE_ONLY, build_plugin_manager(CORE_ONLY))
    return {p.code for p in verdict.problems if p.code.startswith(("missing:", "eligibility:"))}


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ({}, set()),
        ({"documents": ("alien_registration", "photo")}, {"missing:passport"}),
        ({"documents": ("passport", "photo")}, {"missing:alien_registration"}),
        ({"documents": ("passport", "alien_registration")}, {"missing:photo"}),
        ({"documents": ("residence_status_certificate", "alien_registration", "photo")}, set()),
        ({"documents": ("reason_statement", "alien_registration", "photo")}, set()),
        ({"activity_permit_granted": True, "documents": ("passport", "alien_registration", "photo")},
         {"missing:activity_permit"}),
        ({"activity_permit_granted": True}, set()),
        ({"filed_by": "lawyer", "proxy_reason": "request",
          "documents": ("passport", "alien_registration", "photo", "authorization_letter")},
         {"missing:representative_id"}),
        ({"filed_by": "relative", "proxy_reason": "illness",
          "documents": ("passport", "alien_registration", "photo", "representative_id")},
         {"missing:medical_certificate"}),
        ({"filed_by": "agent", "proxy_reason": "request",
          "documents": ("passport", "alien_registration", "photo", "representative_id")},
         {"missing:authorization_letter"}),
        ({"filed_by": "relative", "proxy_reason": "illness"}, set()),
        ({"filed_by": "legal_representative", "age_years": 10}, set()),
        ({"age_years": 12, "documents": ("passport", "alien_registration")}, {"eligibility:applicant_under_16"}),
        ({"filed_by": "relative", "age_years": 9, "representative_age": 15}, {"eligibility:representative"}),
        ({"filed_by": "agent", "proxy_reason": "illness"}, {"eligibility:representative"}),
        ({"procedure": "collection"}, set()),
        ({"procedure": "collection", "documents": ("passport", "alien_registration")},
         {"missing:acceptance_receipt"}),
        ({"procedure": "collection", "filed_by": "relative", "proxy_reason": "request",
          "documents": ("acceptance_receipt", "passport", "alien_registration")}, {"missing:representative_id"}),
    ],
    ids=lambda v: "-".join(f"{k}={v}" for k, v in v.items()) if isinstance(v, dict) else None,
)
def test_generated_submission_problems(make_submission, spec: dict, expected: set[str]) -> None:
    assert _codes(make_submission, seed=3, **spec) == expected


def test_under_16_needs_no_photo_and_the_reason_is_inferred() -> None:
    submission = Submission(
        submission_id="S-1", submitted_on=dt.date(2026, 11, 20),
        applicant={"name": "Kim Minjun", "birth_date": "2015-01-01"},
        filed_by=FiledBy.relative, documents=[{"file": "x"}],
    )
    facts = Facts.of(submission, load_rules())
    assert facts.applicant_age == 11 and facts.proxy_reason == ProxyReason.under_16
    docs = [DocumentResult(file="p", type="passport"), DocumentResult(file="c", type="alien_registration"),
            DocumentResult(file="r", type="representative_id")]
    outcome = evaluate(submission, docs, failed_documents=set())
    assert outcome.problems == []
    photo = next(r for r in outcome.results if r.id == "photo")
    assert not photo.applies and photo.satisfied


def test_a_photo_that_failed_its_checks_does_not_satisfy_the_photo_requirement() -> None:
    submission = Submission(submission_id="S-1", submitted_on=dt.date(2026, 11, 20),
                            applicant={"name": "A B", "birth_date": "1980-01-01"}, documents=[{"file": "x"}])
    docs = [DocumentResult(file="photo.jpg", type="photo")]
    outcome = evaluate(submission, docs, failed_documents={"photo.jpg"})
    photo = next(r for r in outcome.results if r.id == "photo")
    assert photo.applies and not photo.satisfied and photo.satisfied_by == []
    assert "missing:photo" not in {p.code for p in outcome.problems}  # the photo problems already say why


def test_unknown_birth_date_is_a_check_that_could_not_run() -> None:
    submission = Submission(submission_id="S-1", submitted_on=dt.date(2026, 11, 20),
                            applicant={"name": "A B"}, documents=[{"file": "x"}])
    outcome = evaluate(submission, [], failed_documents=set())
    assert any(w.code == "check:not_run" and "applicant_under_16" in w.message for w in outcome.warnings)


@pytest.mark.parametrize(("birth", "day", "age"), [
    ("2010-11-20", "2026-11-20", 16), ("2010-11-21", "2026-11-20", 15), ("2008-02-29", "2026-02-28", 17),
])
def test_age_on(birth: str, day: str, age: int) -> None:
    assert age_on(dt.date.fromisoformat(birth), dt.date.fromisoformat(day)) == age


def test_rule_book_names_only_known_conditions_and_codes() -> None:
    from docproc.problems import ProblemVocabulary
    from docproc.requirements import CONDITIONS

    rules = load_rules()
    vocabulary = ProblemVocabulary()
    for rule in [r for rs in rules.procedures.values() for r in rs]:
        assert set(rule.when) | set(rule.unless) <= set(CONDITIONS), rule.id
        assert rule.missing is None or rule.missing in vocabulary
    for rule in rules.eligibility:
        assert set(rule.when) <= set(CONDITIONS) and rule.problem in vocabulary
