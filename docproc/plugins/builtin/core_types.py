"""Built-in plugin: the document types and problem codes of the core vocabulary.

It is an ordinary plugin so that core declarations travel the same path as a
third-party plugin's.
"""

from __future__ import annotations

from docproc.models import DocumentType, ProblemCode
from docproc.plugins import hookimpl
from docproc.problems import CORE_CODES

_TYPES = {
    "application_form": ("The residence-card application form.", True),
    "passport": ("A passport (or a TD1/TD2 travel document with an MRZ).", True),
    "residence_status_certificate": ("A certificate of residence status, in place of a passport.", True),
    "alien_registration": ("The residence card or the old certificate of alien registration.", True),
    "photo": ("The applicant's ID photo, 40 x 30 mm.", True),
    "reason_statement": ("A statement of why neither passport nor certificate can be shown.", True),
    "activity_permit": ("A permit to engage in an activity other than that permitted.", True),
    "representative_id": ("An identity document of the person filing for the applicant.", False),
    "medical_certificate": ("A medical certificate, when a relative files for an ill applicant.", True),
    "authorization_letter": ("A letter of authorization, when a proxy files on request.", True),
    "acceptance_receipt": ("The proof that the application was accepted (collecting a card later).", True),
}


@hookimpl
def docproc_document_types() -> list[DocumentType]:
    return [
        DocumentType(name=name, description=description, applicant_document=applicant)
        for name, (description, applicant) in _TYPES.items()
    ]


@hookimpl
def docproc_problem_codes() -> list[ProblemCode]:
    return list(CORE_CODES)
