"""The submission message (claim-check: files are blob references) and the verdict message headers.

Both bodies are pydantic models: :class:`SubmissionMessage` here and :class:`docproc.models.Verdict`;
:func:`json_schemas` exports their JSON Schemas (``docproc queue schema``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from docproc.models import VERDICT_SCHEMA_VERSION, DocumentRef, Submission, Verdict

SUBMISSION_SCHEMA_VERSION = "1.0"
SCHEMA_VERSION_HEADER = "x-schema-version"
CONTENT_TYPE = "application/json"


class BlobRef(BaseModel):
    """Where one file lives in the blob store, and how to know it arrived intact."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    uri: str = Field(min_length=1, max_length=2048, description="file:// or s3:// URI inside the configured store.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0)
    media_type: str = Field(default="application/octet-stream", max_length=255)


class DocumentBlob(DocumentRef):
    """A manifest document entry that also carries its blob reference."""

    blob: BlobRef

    @field_validator("file")
    @classmethod
    def _safe_relative_name(cls, name: str) -> str:
        path = PurePosixPath(name)
        if path.is_absolute() or "\\" in name or any(part in ("..", "") for part in name.split("/")):
            raise ValueError("file must be a relative path without '..'")
        return name


class SubmissionManifest(Submission):
    """``submission.json`` content, with every document pointing at a blob."""

    documents: list[DocumentBlob] = Field(min_length=1, max_length=500)  # type: ignore[assignment]

    def as_folder_manifest(self) -> dict[str, Any]:
        """The plain ``submission.json`` the pipeline reads (blob refs removed)."""
        data = self.model_dump(mode="json", exclude_none=True)
        data["documents"] = [{k: v for k, v in doc.items() if k != "blob"} for doc in data["documents"]]
        return data


class SubmissionMessage(BaseModel):
    """What ``docproc submit`` publishes and the worker consumes."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal["1.0"] = SUBMISSION_SCHEMA_VERSION
    submission_id: str = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:-]+$")
    manifest: SubmissionManifest

    @model_validator(mode="after")
    def _ids_agree(self) -> SubmissionMessage:
        if self.manifest.submission_id != self.submission_id:
            raise ValueError("submission_id differs from manifest.submission_id")
        return self

    def content_key(self) -> str:
        """Hash of the manifest including every blob's sha256: same id + same content = same key."""
        canonical = json.dumps(self.manifest.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


def describe_validation_error(error: ValidationError, limit: int = 5) -> str:
    """Where and why a message failed validation, without echoing any input value."""
    items = [f"{'.'.join(str(p) for p in e['loc']) or '<root>'}:{e['type']}" for e in error.errors()[:limit]]
    more = error.error_count() - len(items)
    return "; ".join(items) + (f"; +{more} more" if more > 0 else "")


# Message bodies for ``docproc schema <name>``; the verdict message body is ``docproc.models.Verdict``.
SCHEMAS: dict[str, type[BaseModel]] = {"submission_message": SubmissionMessage, "verdict_message": Verdict}


def json_schemas() -> dict[str, dict[str, Any]]:
    return {name: model.model_json_schema() for name, model in SCHEMAS.items()}


def verdict_headers() -> dict[str, str]:
    return {SCHEMA_VERSION_HEADER: VERDICT_SCHEMA_VERSION}


def submission_headers() -> dict[str, str]:
    return {SCHEMA_VERSION_HEADER: SUBMISSION_SCHEMA_VERSION}
