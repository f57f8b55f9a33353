"""The docproc hooks of the health-insurance-card plugin (registered through the entry point)."""

from __future__ import annotations

from docproc.errors import UnreadableDocument
from docproc.models import (
    Check,
    Classification,
    DocumentType,
    FieldValue,
    Page,
    Problem,
    ProblemCode,
    ReadContext,
    Reading,
)
from docproc.plugins import hookimpl
from docproc_health_insurance.card import labelled, parse_date, read_text, title_score

DOC_TYPE = "health_insurance_card"
NO_HOLDER = "health_insurance:no_holder"


@hookimpl
def docproc_document_types() -> list[DocumentType]:
    return [DocumentType(name=DOC_TYPE, description="National health insurance card (国民健康保険被保険者証).")]


@hookimpl
def docproc_problem_codes() -> list[ProblemCode]:
    return [ProblemCode(code=NO_HOLDER, severity="needs_review",
                        description="The card's holder name (氏名) could not be read.")]


def _text(page: Page):
    # classify and read see the same Page object: keep the OCR in page.scratch, keyed by this plugin's name.
    if "health_insurance" not in page.scratch:
        page.scratch["health_insurance"] = read_text(page.gray)
    return page.scratch["health_insurance"]


@hookimpl
def docproc_classify(page: Page) -> Classification | None:
    score = title_score(_text(page))
    return Classification(doc_type=DOC_TYPE, score=score) if score else None


@hookimpl
def docproc_read(page: Page, doc_type: str, context: ReadContext) -> Reading | None:
    if doc_type != DOC_TYPE:
        return None  # not ours: let the plugin that owns the type answer
    text = _text(page)
    if not text.lines:
        raise UnreadableDocument("no text found on the card")
    reading = Reading()
    confidence = round(text.confidence, 3)
    holder = labelled(text, "氏名")
    if holder:
        reading.fields["holder_name"] = FieldValue(value=holder, raw=holder, confidence=confidence)
    else:
        reading.problems.append(Problem(code=NO_HOLDER, message="the holder's name could not be read"))
    birth = parse_date(labelled(text, "生年月日"))
    if birth:
        reading.fields["birth_date"] = FieldValue(value=birth.isoformat(), raw=labelled(text, "生年月日"),
                                                  confidence=confidence)
    expiry = parse_date(labelled(text, "有効期限"))
    if expiry:
        reading.fields["expiry_date"] = FieldValue(value=expiry.isoformat(), confidence=confidence)
        valid = expiry >= context.submission.submitted_on
        reading.checks.append(Check(id="health_insurance.valid", passed=valid, measured=expiry.isoformat(),
                                    expected=f">= {context.submission.submitted_on.isoformat()}"))
        if not valid:
            reading.problems.append(Problem(code="document:expired", message="the health insurance card has expired"))
    return reading
