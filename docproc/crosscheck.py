"""Cross-check name, birth date, sex, nationality and address between the form and the documents.

Only the applicant's own documents take part (a representative's ID is another
person). Every pair of sources is compared with the domain's rules (MRZ
truncation and transliteration, era dates, ICAO codes, Japanese address
notation); a disagreement between confident sources is a mismatch, one that
involves a low-confidence reading asks for review instead.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docproc import normalize as nz
from docproc.models import CrossCheck, DeclaredPerson, DocumentResult, DocumentType, FieldValue, Problem, SourceValue

FIELDS = ("name", "birth_date", "sex", "nationality", "address")
# Fields every applicant must have confirmed by at least one document; the address only
# when a document that prints one (the residence card) is in the submission.
MUST_VERIFY = ("name", "birth_date", "sex", "nationality")
ADDRESS_DOCUMENTS = ("alien_registration",)
MRZ_NAME_LENGTH = {"TD1": 30, "TD2": 31, "TD3": 39, "MRVA": 39, "MRVB": 31}


class _Source(SourceValue):
    truncated_at: int | None = None


@dataclass(frozen=True)
class Comparer:
    normalize: Callable[[str], Any]
    match: Callable[[_Source, _Source], tuple[bool, float]]


def _equal(a: _Source, b: _Source) -> tuple[bool, float]:
    same = a.normalized == b.normalized
    return same, 1.0 if same else 0.0


def _names(a: _Source, b: _Source) -> tuple[bool, float]:
    # compare_names takes the MRZ (possibly truncated) side second.
    if a.truncated_at and not b.truncated_at:
        a, b = b, a
    result = nz.compare_names(str(a.value), str(b.value), b_truncated_at=b.truncated_at)
    return result.consistent, result.score


def _nationalities(a: _Source, b: _Source) -> tuple[bool, float]:
    same = nz.nationalities_match(a.normalized, b.normalized)
    return same, 1.0 if same else 0.0


def _addresses(a: _Source, b: _Source) -> tuple[bool, float]:
    return nz.compare_addresses(str(a.value), str(b.value))


COMPARERS: dict[str, Comparer] = {
    "name": Comparer(lambda v: " ".join(sorted(nz.name_tokens(v))), _names),
    "birth_date": Comparer(lambda v: nz.parse_date(v).isoformat(), _equal),
    "sex": Comparer(nz.parse_sex, _equal),
    "nationality": Comparer(nz.to_alpha3, _nationalities),
    "address": Comparer(nz.normalize_address, _addresses),
}


def _document_value(doc: DocumentResult, field: str) -> tuple[FieldValue, int | None] | None:
    """A document's value for a cross-checked field; passports give their name in two parts."""
    if field == "name" and "name" not in doc.fields and "surname" in doc.fields:
        surname = doc.fields["surname"]
        given = doc.fields.get("given_names")
        value = f"{surname.value} {given.value}" if given and given.value else str(surname.value)
        confidence = min(surname.confidence, given.confidence if given else 1.0)
        kind = str(doc.fields["kind"].value) if "kind" in doc.fields else "TD3"
        return FieldValue(value=value, raw=surname.raw, confidence=confidence), MRZ_NAME_LENGTH.get(kind, 39)
    value = doc.fields.get(field)
    if value is None or value.value in (None, ""):
        return None
    return value, None


def cross_check(
    applicant: DeclaredPerson,
    documents: list[DocumentResult],
    document_types: dict[str, DocumentType],
    confidence_threshold: float,
) -> tuple[list[CrossCheck], list[Problem]]:
    checks: list[CrossCheck] = []
    problems: list[Problem] = []
    own = [
        d for d in documents
        if d.error is None and (t := document_types.get(d.type)) is not None and t.applicant_document
    ]
    for field in FIELDS:
        comparer = COMPARERS[field]
        sources: list[_Source] = []
        declared = getattr(applicant, field)
        if declared:
            try:
                sources.append(_Source(source="form", value=declared, normalized=comparer.normalize(declared)))
            except ValueError as exc:
                problems.append(Problem(code="review:form_value_invalid",
                                        message=f"form {field.replace('_', ' ')} cannot be understood: {exc}"))
        for doc in own:
            found = _document_value(doc, field)
            if found is None:
                continue
            value, truncated_at = found
            try:
                normalized = comparer.normalize(str(value.value))
                confidence = value.confidence
            except ValueError:
                normalized, confidence = None, 0.0
            sources.append(_Source(source=doc.label, document_type=doc.type, value=value.value,
                                   normalized=normalized, confidence=confidence, truncated_at=truncated_at))
        must_verify = field in MUST_VERIFY or any(d.type in ADDRESS_DOCUMENTS for d in own)
        checks.append(_check_field(field, sources, comparer, confidence_threshold, problems, must_verify))
    return checks, problems


def _check_field(
    field: str, sources: list[_Source], comparer: Comparer, threshold: float, problems: list[Problem],
    must_verify: bool,
) -> CrossCheck:
    label = field.replace("_", " ")
    from_documents = [s for s in sources if s.source != "form"]
    low = [s for s in from_documents if s.confidence < threshold or s.normalized is None]
    usable = [s for s in sources if s not in low]
    scores: list[float] = []
    disagreeing: list[tuple[_Source, _Source]] = []
    for a, b in itertools.combinations(usable, 2):
        same, score = comparer.match(a, b)
        scores.append(score)
        if not same:
            disagreeing.append((a, b))
    message = None
    if disagreeing:
        a, b = disagreeing[0]
        message = f"{label} differs between {a.source} and {b.source}"
        problems.append(Problem(code=f"mismatch:{field}", message=message, document=b.source))
    if low:
        message = message or f"{label} read with low confidence"
        for s in low:
            problems.append(Problem(code="review:low_confidence", document=s.source,
                                    message=f"{label} read with confidence {s.confidence:.2f} (< {threshold:.2f})"))
    elif not from_documents and must_verify and sources:
        message = f"{label} not found on any of the applicant's documents"
        problems.append(Problem(code="review:not_verified", message=message))
    return CrossCheck(
        field=field,  # type: ignore[arg-type]
        sources=[SourceValue(**s.model_dump(exclude={"truncated_at"})) for s in sources],
        consistent=None if len(usable) < 2 else not disagreeing,
        score=min(scores, default=1.0 if len(usable) >= 2 else 0.0),
        message=message,
    )
