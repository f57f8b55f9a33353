"""The closed vocabulary of problem and warning codes, and how each one moves the status.

Severity decides the verdict: any ``incomplete`` problem makes the submission
incomplete; otherwise any ``needs_review`` problem sends it to a clerk;
``warning`` codes are informational and never change the status. Plugins add
namespaced codes through the ``docproc_problem_codes`` hook.
"""

from __future__ import annotations

from collections.abc import Iterable

from docproc.models import Problem, ProblemCode, Status

_I, _R, _W = "incomplete", "needs_review", "warning"

CORE_CODES: tuple[ProblemCode, ...] = tuple(
    ProblemCode(code=code, severity=severity, description=description)
    for code, severity, description in (
        ("missing:photo", _I, "No ID photo, and the applicant is 16 or older on the submission date."),
        ("missing:passport", _I, "No passport, no certificate of residence status, and no reason statement."),
        ("missing:alien_registration", _I, "No alien registration certificate or current residence card."),
        ("missing:representative_id", _I, "Someone else files, but their identity documents are not included."),
        ("missing:activity_permit", _I, "A permit for other activities was granted but is not included."),
        ("missing:medical_certificate", _I, "A relative files for an ill applicant without a medical certificate."),
        ("missing:authorization_letter", _I, "A proxy files on request without a letter of authorization."),
        ("missing:acceptance_receipt", _I, "Collecting a card without the proof that the application was accepted."),
        ("eligibility:applicant_under_16", _I, "An applicant under 16 cannot file personally."),
        ("eligibility:representative", _I, "The person filing may not file for this applicant or for this reason."),
        ("photo:no_face", _I, "No face found in the photo."),
        ("photo:multiple_faces", _I, "More than one person in the photo."),
        ("photo:face_size", _I, "Head height or top margin outside the specification."),
        ("photo:off_center", _I, "The face is not centred horizontally."),
        ("photo:not_frontal", _I, "The head is tilted or turned."),
        ("photo:headwear", _I, "A hat or other headwear is worn."),
        ("photo:background", _I, "The background is not plain (objects, pattern or shadows)."),
        ("photo:blurry", _I, "The photo is not sharp."),
        ("photo:exposure", _I, "The photo is too dark or too bright."),
        ("photo:resolution", _I, "The photo has too few pixels, or not the 3:4 shape, to judge or print."),
        ("photo:too_old", _I, "The photo was taken longer ago than the configured limit."),
        ("document:unreadable", _I, "A file or page cannot be decoded or read (absent, corrupt, unsupported, too large)."),
        ("document:mrz_invalid", _I, "The machine-readable zone fails its checks even after repair."),
        ("document:expired", _I, "The document had expired on the submission date."),
        ("mismatch:name", _R, "The name differs between the form and a document, or between documents."),
        ("mismatch:birth_date", _R, "The birth date differs between sources."),
        ("mismatch:sex", _R, "The sex differs between sources."),
        ("mismatch:nationality", _R, "The nationality differs between sources."),
        ("mismatch:address", _R, "The address differs between the form and the residence card."),
        ("review:low_confidence", _R, "A value needed for a cross-check was read below the confidence threshold."),
        ("review:not_verified", _R, "A declared value could not be checked against any document."),
        ("review:form_value_invalid", _R, "A value on the application form cannot be understood."),
        ("review:plugin_failed", _R, "A plugin failed or timed out on a page; a person has to look at it."),
        ("review:undeclared_code", _R, "A plugin reported a problem code it never declared."),
        ("document:unrecognized", _W, "A page matched no known document type (warning only)."),
        ("document:not_read", _W, "No installed plugin reads pages of this type; only its presence counts."),
        ("check:not_run", _W, "A check could not run for lack of data (warning only)."),
    )
)

_RANK = {_W: 0, _R: 1, _I: 2}


class ProblemVocabulary:
    """Codes known to this run: the core's plus every plugin's declarations."""

    def __init__(self, extra: Iterable[ProblemCode] = ()) -> None:
        self._codes: dict[str, ProblemCode] = {c.code: c for c in CORE_CODES}
        for code in extra:
            self._codes.setdefault(code.code, code)

    def __contains__(self, code: str) -> bool:
        return code in self._codes

    def __iter__(self):
        return iter(self._codes.values())

    def severity(self, code: str) -> str:
        known = self._codes.get(code)
        return known.severity if known else _R

    def status(self, problems: Iterable[Problem]) -> Status:
        worst = max((_RANK[self.severity(p.code)] for p in problems), default=0)
        return {2: Status.incomplete, 1: Status.needs_review, 0: Status.complete}[worst]
