"""docproc hooks: classify supporting-document pages by their title and read title, language and holder.

Types are the core's (reason_statement, activity_permit, medical_certificate,
authorization_letter, residence_status_certificate, acceptance_receipt,
representative_id, application_form): this plugin declares none of its own.
The holder's name is reported as ``holder_name``, not ``name``, on purpose: it
is read from free text at modest confidence and would otherwise take part in
the core's name cross-check (a letter of authorization names two people).
"""

from __future__ import annotations

from docproc.models import Check, Classification, FieldValue, Page, Problem, ProblemCode, ReadContext, Reading, Region
from docproc.plugins import hookimpl
from docproc_supporting_documents.analysis import analyse, read_body
from docproc_supporting_documents.recognise import holder_name
from docproc_supporting_documents.vocabulary import TITLES

PLUGIN = "supporting_documents"
READS = frozenset(t.doc_type for t in TITLES if t.doc_type)
TITLE_MISMATCH = f"{PLUGIN}:title_mismatch"
NO_TITLE = f"{PLUGIN}:no_title"


@hookimpl
def docproc_problem_codes() -> list[ProblemCode]:
    return [
        ProblemCode(code=TITLE_MISMATCH, severity="warning",
                    description="The page's title names another document type than its type hint."),
        ProblemCode(code=NO_TITLE, severity="warning",
                    description="No known title was read on a supporting-document page (rotated, faint or unusual)."),
    ]


@hookimpl
def docproc_classify(page: Page) -> Classification | None:
    analysis = analyse(page)
    if analysis.doc_type is None or analysis.match is None:
        return None
    return Classification(doc_type=analysis.doc_type, score=round(analysis.match.score, 3))


@hookimpl
def docproc_read(page: Page, doc_type: str, context: ReadContext) -> Reading | None:
    if doc_type not in READS:
        return None
    analysis = analyse(page)
    reading = Reading()
    levelled = analysis.levelled
    match = analysis.match
    if match is not None and match.title.doc_type and levelled is not None:
        box = levelled.page_box(analysis.boxes[match.line], flipped=analysis.flipped)
        line = analysis.read[match.line]
        reading.fields["title"] = FieldValue(value=match.title.phrase, raw=line.text, confidence=round(match.score, 3),
                                             region=Region(x=box[0], y=box[1], width=box[2], height=box[3]))
    if analysis.language and analysis.read:
        reading.fields["language"] = FieldValue(value=analysis.language, confidence=0.9)
    if levelled is not None:
        quarter = round((levelled.angle + (180 if analysis.flipped else 0)) / 90) % 4 * 90
        reading.checks.append(Check(id=f"{PLUGIN}.orientation", passed=True, measured=quarter,
                                    message="quarter turns (counter-clockwise) that made the page upright"))
    found = holder_name([line for _, line in read_body(page, analysis)])
    if found is not None and levelled is not None:
        value, raw, confidence, _ = found
        reading.fields["holder_name"] = FieldValue(value=value, raw=raw, confidence=round(confidence, 3))
    recognised = match.title.doc_type if match is not None else ""
    reading.checks.append(Check(id=f"{PLUGIN}.title", passed=recognised == doc_type, measured=recognised or None,
                                expected=doc_type))
    if not recognised:
        reading.warnings.append(Problem(code=NO_TITLE, message=f"no known title read on this {doc_type} page"))
    elif recognised != doc_type:
        reading.warnings.append(Problem(code=TITLE_MISMATCH,
                                        message=f"the page's title reads as {recognised}, not {doc_type}"))
    return reading
