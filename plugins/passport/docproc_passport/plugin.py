"""docproc hooks: passports (TD3), identity cards (TD1/TD2) and visas (MRV-A/B) by their MRZ.

ID cards and visas get their own types: they carry the same fields, but an ID card
or a visa must not satisfy a filing rule that asks for the passport.
"""

from __future__ import annotations

import datetime as dt
import logging

import numpy as np

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
    Region,
)
from docproc.plugins import hookimpl
from docproc_passport.cells import read_cells
from docproc_passport.locate import find_mrz_bands
from docproc_passport.reader import CROP_CHAR_HEIGHT, MrzRead, read_mrz

log = logging.getLogger(__name__)

PASSPORT, IDENTITY_CARD, VISA = "passport", "identity_card", "visa"
OUR_TYPES = (PASSPORT, IDENTITY_CARD, VISA)
KIND_TYPE = {"TD3": PASSPORT, "TD1": IDENTITY_CARD, "TD2": IDENTITY_CARD, "MRVA": VISA, "MRVB": VISA}
FIELDS = ("surname", "given_names", "birth_date", "sex", "nationality", "issuing_state", "document_number",
          "expiry_date", "personal_number")
# Which MRZ field (layout name) holds each output field; names share one MRZ field.
_SOURCE = {"surname": "names", "given_names": "names"}
MIN_PROBE_SCORE = 0.72


@hookimpl
def docproc_document_types() -> list[DocumentType]:
    return [
        DocumentType(name=PASSPORT, description="Passport data page with an ICAO 9303 TD3 machine-readable zone."),
        DocumentType(name=IDENTITY_CARD, description="Identity card with an ICAO 9303 TD1 or TD2 machine-readable zone."),
        DocumentType(name=VISA, description="Machine-readable visa (ICAO 9303 MRV-A or MRV-B)."),
    ]


@hookimpl
def docproc_problem_codes() -> list[ProblemCode]:
    return [
        ProblemCode(code="passport:kind_mismatch", severity="warning",
                    description="The MRZ belongs to another kind of document than the type the page was given "
                                "(e.g. an identity card scanned as the passport)."),
    ]


def _gray(page: Page) -> np.ndarray | None:
    image = getattr(page, "image", None)
    if not isinstance(image, np.ndarray) or image.size == 0 or image.ndim not in (2, 3):
        return None
    try:
        gray = page.gray
    except Exception:  # an undecodable array is simply not ours
        return None
    if gray.dtype != np.uint8:
        gray = np.clip(gray, 0, 255).astype(np.uint8)
    return gray if min(gray.shape[:2]) >= 32 else None


@hookimpl
def docproc_classify(page: Page) -> Classification | None:
    """Geometry finds MRZ-like bands (~30 ms); scoring a dozen OCR-B cells confirms one and names the kind."""
    gray = _gray(page)
    if gray is None:
        return None
    for band in find_mrz_bands(gray)[:2]:
        if band.score < 0.5:
            continue
        for flip in (False, True):
            crop, _m = band.crop(gray, flip=flip, target_char_height=CROP_CHAR_HEIGHT)
            probe = read_cells(crop, band.n_lines, CROP_CHAR_HEIGHT, max_cols=10, size_search=False)
            if probe is None or probe.mean_score < MIN_PROBE_SCORE:
                continue
            first = probe.lines[0][0]
            if band.n_lines == 3:
                doc_type = IDENTITY_CARD
            elif first == "V":
                doc_type = VISA
            elif first == "P":
                doc_type = PASSPORT
            elif first in "IAC":
                doc_type = IDENTITY_CARD
            else:
                continue
            score = min(0.97, 0.6 + 0.4 * band.score * min(1.0, (probe.mean_score - 0.6) / 0.25))
            return Classification(doc_type=doc_type, score=round(score, 3))
    return None


def _confidence(read: MrzRead, mrz_field: str, guarded_ok: bool | None) -> float:
    layout = read.result.layout
    spec = layout.field(mrz_field)
    if read.cells is not None and read.engine == "cells":
        scores = read.cells.best_scores[spec.line][spec.start : spec.end]
        base = float(np.clip((float(np.mean(scores)) - 0.55) / 0.35, 0.0, 1.0)) if len(scores) else 0.5
    else:
        base = 0.75
    if guarded_ok is False:
        base *= 0.5
    elif guarded_ok is None:
        base *= 0.95  # no check digit covers it
    if mrz_field in read.result.repairs or f"check:{mrz_field}" in read.result.repairs:
        base *= 0.9
    return round(max(0.0, min(1.0, base)), 3)


def _region(read: MrzRead, mrz_field: str, page_shape: tuple[int, ...]) -> Region:
    spec = read.result.layout.field(mrz_field)
    x, y, w, h = read.field_box(spec.line, spec.start, spec.end)
    x, y = max(0, x), max(0, y)
    w, h = max(1, min(w, page_shape[1] - x)), max(1, min(h, page_shape[0] - y))
    return Region(x=x, y=y, width=w, height=h)


def _fields(read: MrzRead, page_shape: tuple[int, ...]) -> dict[str, FieldValue]:
    result = read.result
    out: dict[str, FieldValue] = {}
    for name in FIELDS:
        mrz_field = _SOURCE.get(name, name)
        spec = result.layout.field(mrz_field)
        guarded = result.checks.get(mrz_field) if spec.check is not None else None
        out[name] = FieldValue(
            value=result.values.get(name),
            raw=spec.text(result.raw_lines),
            confidence=_confidence(read, mrz_field, guarded),
            region=_region(read, mrz_field, page_shape),
        )
    x, y, w, h = read.field_box(0, 0, result.layout.width)
    x2, y2, w2, h2 = read.field_box(result.layout.n_lines - 1, 0, result.layout.width)
    left, top = max(0, min(x, x2)), max(0, min(y, y2))
    mrz_region = Region(x=left, y=top, width=max(x + w, x2 + w2) - left, height=max(y + h, y2 + h2) - top)
    out["mrz"] = FieldValue(value=list(result.lines), raw="\n".join(result.raw_lines),
                            confidence=1.0 if result.valid else 0.5, region=mrz_region)
    out["kind"] = FieldValue(value=result.layout.kind, confidence=1.0, region=mrz_region)
    out["document_code"] = FieldValue(value=result.values.get("document_code"), confidence=1.0)
    return out


def _checks(read: MrzRead) -> list[Check]:
    result = read.result
    checks = [Check(id=f"mrz.check_digit.{name}", passed=ok) for name, ok in result.checks.items()]
    checks.append(Check(id="mrz.values", passed=not result.problems,
                        message=", ".join(result.problems) or None))
    checks.append(Check(id="mrz.repaired", passed=True, measured=list(result.repairs),
                        message="structure-driven corrections applied" if result.repairs else None))
    return checks


@hookimpl
def docproc_read(page: Page, doc_type: str, context: ReadContext) -> Reading | None:
    if doc_type not in OUR_TYPES:
        return None
    gray = _gray(page)
    if gray is None:
        raise UnreadableDocument("page image cannot be decoded")
    submitted_on: dt.date = context.submission.submitted_on
    use_tesseract = bool(getattr(context.settings, "passport_use_tesseract", True))
    read = read_mrz(gray, reference=submitted_on, use_tesseract=use_tesseract)
    if read is None:
        log.info("no MRZ found on %s", page.label)
        raise UnreadableDocument("no machine-readable zone found")
    result = read.result
    log.info("MRZ on %s: kind=%s engine=%s valid=%s repairs=%s", page.label, result.layout.kind, read.engine,
             result.valid, ",".join(result.repairs) or "-")
    problems: list[Problem] = []
    warnings: list[Problem] = []
    failed = [name for name, ok in result.checks.items() if not ok] + result.problems
    if failed:
        problems.append(Problem(code="document:mrz_invalid", document=page.label,
                                message=f"MRZ checks failed after repair: {', '.join(failed)}"))
    expiry = result.values.get("expiry_date")
    if expiry and dt.date.fromisoformat(expiry) < submitted_on:
        problems.append(Problem(code="document:expired", document=page.label,
                                message="the document expired before the submission date"))
    kind_type = KIND_TYPE[result.layout.kind]
    if kind_type != doc_type:
        warnings.append(Problem(code="passport:kind_mismatch", document=page.label,
                                message=f"page typed {doc_type} carries a {result.layout.kind} MRZ ({kind_type})"))
    return Reading(fields=_fields(read, gray.shape), checks=_checks(read), problems=problems, warnings=warnings)
