"""Data objects that cross the plugin boundary and the public verdict contract.

The manifest models accept what the scanning station sends (declared values
stay as people wrote them: normalisation happens in :mod:`docproc.normalize`).
The verdict models are the versioned JSON contract other services consume;
`docproc schema verdict` prints their JSON Schema.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator

VERDICT_SCHEMA_VERSION = "1.0"

UNKNOWN_TYPE = "unknown"


class FiledBy(StrEnum):
    applicant = "applicant"
    relative = "relative"
    agent = "agent"
    lawyer = "lawyer"
    legal_representative = "legal_representative"


class ProxyReason(StrEnum):
    under_16 = "under_16"
    illness = "illness"
    request = "request"


class Procedure(StrEnum):
    application = "application"
    collection = "collection"


class Status(StrEnum):
    complete = "complete"
    incomplete = "incomplete"
    needs_review = "needs_review"


# --------------------------------------------------------------------------
# Manifest (submission.json)
# --------------------------------------------------------------------------


class _Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class DeclaredPerson(_Manifest):
    """Values as written on the application form; parsed later, leniently."""

    name: str = Field(min_length=1)
    birth_date: str | None = None
    sex: str | None = None
    nationality: str | None = None
    address: str | None = None


class Representative(_Manifest):
    """The person filing on the applicant's behalf, when it is not the applicant."""

    name: str | None = None
    birth_date: str | None = None
    relationship: str | None = None


class DocumentRef(_Manifest):
    file: str = Field(min_length=1)
    type: str | None = Field(
        default=None, description="Optional hint from the scanning station: a document type name."
    )


class Submission(_Manifest):
    submission_id: str = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:-]+$")
    submitted_on: dt.date
    applicant: DeclaredPerson
    filed_by: FiledBy = FiledBy.applicant
    proxy_reason: ProxyReason | None = None
    representative: Representative | None = None
    procedure: Procedure = Procedure.application
    activity_permit_granted: bool = False
    documents: list[DocumentRef] = Field(min_length=1, max_length=500)

    @field_validator("documents")
    @classmethod
    def _unique_files(cls, documents: list[DocumentRef]) -> list[DocumentRef]:
        seen: set[str] = set()
        for ref in documents:
            if ref.file in seen:
                raise ValueError(f"file {ref.file!r} is listed twice")
            seen.add(ref.file)
        return documents


# --------------------------------------------------------------------------
# What plugins receive and return
# --------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Page:
    """One decoded page of one submitted file, as plugins see it.

    ``image`` is an 8-bit BGR array (OpenCV's order). ``dpi`` is what the file
    declared, or ``None`` when it did not say. ``scratch`` lives as long as the
    page: a plugin may keep work there that its ``docproc_read`` can reuse
    after its ``docproc_classify`` (key it by the plugin's name).
    """

    file: str
    index: int
    image: np.ndarray
    dpi: float | None = None
    media_type: str = "application/octet-stream"
    page_count: int = 1
    type_hint: str | None = None
    exif: dict[str, str] = field(default_factory=dict)
    scratch: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def gray(self) -> np.ndarray:
        import cv2

        if self.image.ndim == 2:
            return self.image
        return cv2.cvtColor(self.image, cv2.COLOR_BGR2GRAY)

    @property
    def label(self) -> str:
        return self.file if self.page_count == 1 else f"{self.file}#page={self.index + 1}"


class Classification(BaseModel):
    """A plugin's opinion of how much a page looks like one of its document types."""

    doc_type: str
    score: float = Field(ge=0.0, le=1.0)


class Region(BaseModel):
    """Where on the page (pixel box, in the page's own orientation) a value was read."""

    x: int
    y: int
    width: int
    height: int


class FieldValue(BaseModel):
    value: Any
    raw: str | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    region: Region | None = None


class Check(BaseModel):
    id: str
    passed: bool
    measured: Any = None
    expected: Any = None
    message: str | None = None


class Problem(BaseModel):
    code: str = Field(pattern=r"^[a-z0-9_.-]+:[a-z0-9_.-]+$")
    message: str
    document: str | None = None


class Reading(BaseModel):
    """What a plugin read from a page: fields, the checks it ran, and what it found wrong."""

    fields: dict[str, FieldValue] = Field(default_factory=dict)
    checks: list[Check] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    warnings: list[Problem] = Field(default_factory=list)
    role: str | None = Field(
        default=None, description="Which part of a document this page is, e.g. 'front' or 'back'."
    )


class ProblemCode(BaseModel):
    """A problem code with its documentation; plugins register namespaced ones."""

    code: str = Field(pattern=r"^[a-z0-9_.-]+:[a-z0-9_.-]+$")
    description: str
    severity: Literal["incomplete", "needs_review", "warning"]


class DocumentType(BaseModel):
    """A document type a plugin can recognise and read."""

    name: str = Field(pattern=r"^[a-z0-9_]+$")
    description: str
    applicant_document: bool = Field(
        default=True,
        description="True when it belongs to the applicant and takes part in cross-checks.",
    )


class ReadContext(BaseModel):
    """What a plugin may need besides the page: the submission and the settings."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    submission: Submission
    settings: Any = Field(description="docproc.settings.Settings")


# --------------------------------------------------------------------------
# Verdict
# --------------------------------------------------------------------------


class DocumentResult(BaseModel):
    file: str
    page: int | None = Field(default=None, description="1-based page number inside a multi-page file.")
    type: str = UNKNOWN_TYPE
    type_confidence: float = 0.0
    type_source: Literal["hint", "classified", "none"] = "none"
    role: str | None = None
    fields: dict[str, FieldValue] = Field(default_factory=dict)
    checks: list[Check] = Field(default_factory=list)
    error: str | None = None

    @property
    def label(self) -> str:
        return self.file if self.page is None else f"{self.file}#page={self.page}"


class SourceValue(BaseModel):
    source: str = Field(description="'form' or a document label such as 'scan.pdf#page=2'.")
    document_type: str | None = None
    value: Any
    normalized: Any
    confidence: float = 1.0


class CrossCheck(BaseModel):
    field: Literal["name", "birth_date", "sex", "nationality", "address"]
    sources: list[SourceValue]
    consistent: bool | None = Field(description="None when fewer than two sources had a value.")
    score: float = Field(ge=0.0, le=1.0)
    message: str | None = None


class RequirementResult(BaseModel):
    id: str
    description: str
    applies: bool
    satisfied: bool
    satisfied_by: list[str] = Field(default_factory=list)
    problem: str | None = None


class Verdict(BaseModel):
    schema_version: Literal["1.0"] = VERDICT_SCHEMA_VERSION
    submission_id: str | None
    status: Status
    procedure: Procedure | None = None
    decided_at: dt.datetime
    docproc_version: str
    problems: list[Problem] = Field(default_factory=list)
    warnings: list[Problem] = Field(default_factory=list)
    documents: list[DocumentResult] = Field(default_factory=list)
    cross_checks: list[CrossCheck] = Field(default_factory=list)
    requirements: list[RequirementResult] = Field(default_factory=list)
