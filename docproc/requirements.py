"""Apply the filing requirements and eligibility rules kept as data in ``requirements.toml``.

The rules name conditions; this module derives those conditions from the
submission (ages on the submission date, who files and why) and checks which
documents satisfy each requirement. Nothing here branches on a procedure.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from pydantic import BaseModel, Field

from docproc.models import DocumentResult, FiledBy, Problem, ProxyReason, RequirementResult, Submission
from docproc.normalize import parse_date


class RequirementRule(BaseModel):
    id: str
    description: str
    any_of: list[str] = Field(default_factory=list)
    when: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    min_count: int = 1
    must_pass: bool = False
    manifest: bool = False
    missing: str | None = None


class EligibilityRule(BaseModel):
    id: str
    description: str
    when: list[str]
    problem: str


class RuleBook(BaseModel):
    procedures: dict[str, list[RequirementRule]]
    eligibility: list[EligibilityRule]
    proxy_reasons: dict[str, list[str]]


@cache
def load_rules(text: str | None = None) -> RuleBook:
    """The rule book shipped with docproc, or one given as TOML text (for tests and operators)."""
    data: dict[str, Any] = tomllib.loads(text or files("docproc").joinpath("requirements.toml").read_text("utf-8"))
    eligibility = data.pop("eligibility", [])
    proxy_reasons = data.pop("proxy_reasons", {})
    return RuleBook(
        procedures={name: [RequirementRule(**r) for r in rules] for name, rules in data.items()},
        eligibility=[EligibilityRule(**r) for r in eligibility],
        proxy_reasons=proxy_reasons,
    )


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _declared_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Facts:
    """What the rules may ask about a submission. ``None`` means it cannot be known."""

    applicant_age: int | None
    representative_age: int | None
    filed_by: FiledBy
    proxy_reason: ProxyReason | None
    proxy_reason_allowed: bool
    activity_permit_granted: bool

    @classmethod
    def of(cls, submission: Submission, rules: RuleBook) -> Facts:
        day = submission.submitted_on
        birth = _declared_date(submission.applicant.birth_date)
        applicant_age = age_on(birth, day) if birth else None
        rep = submission.representative
        rep_birth = _declared_date(rep.birth_date) if rep else None
        reason = submission.proxy_reason
        if reason is None and submission.filed_by != FiledBy.applicant and applicant_age is not None:
            reason = ProxyReason.under_16 if applicant_age < 16 else None
        allowed = rules.proxy_reasons.get(submission.filed_by.value)
        return cls(
            applicant_age=applicant_age,
            representative_age=age_on(rep_birth, day) if rep_birth else None,
            filed_by=submission.filed_by,
            proxy_reason=reason,
            proxy_reason_allowed=allowed is None or reason is None or reason.value in allowed,
            activity_permit_granted=submission.activity_permit_granted,
        )


CONDITIONS: dict[str, Callable[[Facts], bool | None]] = {
    "applicant_under_16": lambda f: None if f.applicant_age is None else f.applicant_age < 16,
    "representative_under_16": lambda f: None if f.representative_age is None else f.representative_age < 16,
    "filed_by_applicant": lambda f: f.filed_by == FiledBy.applicant,
    "filed_by_representative": lambda f: f.filed_by != FiledBy.applicant,
    "filed_by_relative": lambda f: f.filed_by == FiledBy.relative,
    "proxy_reason_illness": lambda f: f.proxy_reason == ProxyReason.illness,
    "proxy_reason_request": lambda f: f.proxy_reason == ProxyReason.request,
    "proxy_reason_not_allowed": lambda f: not f.proxy_reason_allowed,
    "activity_permit_granted": lambda f: f.activity_permit_granted,
}


def _holds(names: Iterable[str], facts: Facts) -> tuple[bool, list[str]]:
    """Whether all named conditions hold; unknown ones count as not holding and are returned."""
    unknown = []
    result = True
    for name in names:
        value = CONDITIONS[name](facts)
        if value is None:
            unknown.append(name)
            result = False
        elif not value:
            result = False
    return result, unknown


@dataclass
class RequirementOutcome:
    results: list[RequirementResult]
    problems: list[Problem]
    warnings: list[Problem]


def evaluate(
    submission: Submission,
    documents: list[DocumentResult],
    failed_documents: set[str],
    rules: RuleBook | None = None,
    unreadable_documents: set[str] | None = None,
) -> RequirementOutcome:
    """Requirements and eligibility for ``submission`` given the typed documents.

    ``unreadable_documents`` (labels) satisfy nothing. ``failed_documents`` are
    labels of documents with an incomplete-severity problem; they do not
    satisfy a ``must_pass`` requirement. A page whose plugin crashed still
    counts as present: a person reviews it, the applicant is not sent back.
    """
    unreadable = unreadable_documents or set()
    rules = rules or load_rules()
    facts = Facts.of(submission, rules)
    out = RequirementOutcome([], [], [])
    for rule in rules.procedures.get(submission.procedure.value, []):
        applies, unknown_when = _holds(rule.when, facts)
        excused, unknown_unless = _holds(rule.unless, facts) if rule.unless else (False, [])
        for name in unknown_when + unknown_unless:
            out.warnings.append(
                Problem(code="check:not_run", message=f"requirement {rule.id}: cannot tell whether {name}")
            )
        applies = applies and not excused
        if rule.manifest:
            out.results.append(RequirementResult(id=rule.id, description=rule.description, applies=True,
                                                 satisfied=True, satisfied_by=["submission.json"]))
            continue
        usable = [d for d in documents if d.type in rule.any_of and d.label not in unreadable]
        passing = [d for d in usable if not (rule.must_pass and d.label in failed_documents)]
        satisfied = len(passing) >= rule.min_count
        problem = None
        if applies and not satisfied and not usable and rule.missing:
            problem = rule.missing
            wanted = " or ".join(t.replace("_", " ") for t in rule.any_of)
            out.problems.append(Problem(code=rule.missing, message=f"{rule.description} Not found: no {wanted}."))
        out.results.append(
            RequirementResult(
                id=rule.id,
                description=rule.description,
                applies=applies,
                satisfied=satisfied or not applies,
                satisfied_by=[d.label for d in passing],
                problem=problem,
            )
        )
    for rule in rules.eligibility:
        fails, unknown = _holds(rule.when, facts)
        if fails:
            out.problems.append(Problem(code=rule.problem, message=rule.description))
        elif unknown and all(CONDITIONS[n](facts) is not False for n in rule.when):
            out.warnings.append(
                Problem(code="check:not_run", message=f"eligibility {rule.id}: cannot tell whether {unknown[0]}")
            )
    return out
