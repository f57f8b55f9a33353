"""docproc hooks of the photo plugin: recognise the applicant's ID photo and check it against the specification."""

from __future__ import annotations

import logging
import os

import cv2
import numpy as np

from docproc.models import (
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
from docproc_photo.analysis import analyse
from docproc_photo.capture_date import capture_date
from docproc_photo.checks import evaluate
from docproc_photo.locate import Located, locate

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
log = logging.getLogger(__name__)

DOC_TYPE = "photo"
NOT_ISOLATED = "photo:not_isolated"
NO_CAPTURE_DATE = "photo:no_capture_date"
PAGE_FACE_RATIO = 0.12  # a face this small against the image height: a page with a photo on it, not a photo


@hookimpl
def docproc_document_types() -> list[DocumentType]:
    return [DocumentType(name=DOC_TYPE, description="The applicant's ID photo (40 x 30 mm), as a file or scanned.")]


@hookimpl
def docproc_problem_codes() -> list[ProblemCode]:
    return [
        ProblemCode(code=NO_CAPTURE_DATE, severity="warning",
                    description="The photo file has no EXIF capture date, so its age could not be checked."),
        ProblemCode(code=NOT_ISOLATED, severity="needs_review",
                    description="A face was found on a page but the photo's edges were not: size and centring "
                                "could not be measured."),
    ]


def _outside_edges(gray: np.ndarray, keep: tuple[int, int, int, int]) -> float:
    """Edge density of the page outside a box: text and lines around a portrait mean a document."""
    edges = cv2.Canny(gray, 60, 150) > 0
    x, y, w, h = keep
    edges[max(0, y) : y + h, max(0, x) : x + w] = False
    outside = edges.size - w * h
    return float(edges.sum()) / max(1, outside)


@hookimpl
def docproc_classify(page: Page) -> Classification | None:
    located = locate(page.image)
    if located.face_to_page == 0.0:
        return None
    h, w = page.image.shape[:2]
    s = min(1.0, 600 / max(h, w))
    small = cv2.resize(page.image, None, fx=s, fy=s, interpolation=cv2.INTER_AREA) if s < 1 else page.image
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) if small.ndim == 3 else small
    if located.box is not None:
        bx, by, bw, bh = (round(v * s) for v in located.box)
        clutter = _outside_edges(gray, (bx, by, bw, bh))
        score = 0.8 if clutter < 0.01 else 0.3  # alone on a page vs glued on a form
        return Classification(doc_type=DOC_TYPE, score=score)
    aspect = w / h
    if located.face_to_page < 0.2 or not 0.6 <= aspect <= 0.95:
        return Classification(doc_type=DOC_TYPE, score=0.1)
    # a portrait-format image filled by a face: an ID photo, unless text surrounds the face (a card)
    gh, gw = gray.shape
    face_w = located.face_to_page * gh
    keep = (round(gw / 2 - 1.3 * face_w), 0, round(2.6 * face_w), gh)
    clutter = _outside_edges(gray, keep)
    score = 0.92 if clutter < 0.03 else 0.4
    return Classification(doc_type=DOC_TYPE, score=score)


def _region(located: Located, page: Page) -> Region:
    if located.box is None:
        h, w = page.image.shape[:2]
        return Region(x=0, y=0, width=w, height=h)
    x, y, w, h = located.box
    return Region(x=x, y=y, width=w, height=h)


@hookimpl
def docproc_read(page: Page, doc_type: str, context: ReadContext) -> Reading | None:
    if doc_type != DOC_TYPE:
        return None
    located = locate(page.image)
    submitted_on = context.submission.submitted_on if context is not None else None
    settings = context.settings if context is not None else None
    page_like = located.box is None and 0.0 < located.face_to_page < PAGE_FACE_RATIO
    analysis = analyse(located.image)
    outcome = evaluate(analysis, exif=page.exif, submitted_on=submitted_on, settings=settings)
    reading = Reading(checks=outcome.checks, problems=outcome.problems, warnings=outcome.warnings)
    region = _region(located, page)
    reading.fields["photo_region"] = FieldValue(value=region.model_dump(), confidence=1.0, region=region)
    taken = capture_date(page.exif)
    if taken is not None:
        raw = page.exif.get("DateTimeOriginal") or page.exif.get("DateTimeDigitized")
        reading.fields["taken_on"] = FieldValue(value=taken.isoformat(), raw=raw, confidence=1.0)
    if page_like:
        # the face is small on a larger page and no photo edge was found: geometry is meaningless
        geometry = {"photo:face_size", "photo:off_center", "photo:resolution", "photo:background"}
        reading.problems = [p for p in reading.problems if p.code not in geometry]
        reading.checks = [c for c in reading.checks if c.id not in
                          ("photo.head_size", "photo.top_margin", "photo.centring", "photo.resolution",
                           "photo.aspect_ratio", "photo.background")]
        reading.problems.append(Problem(code=NOT_ISOLATED, message="The photo's edges were not found on the page."))
    log.debug("photo page %d: %d checks, problems %s", page.index, len(reading.checks),
              ",".join(p.code for p in reading.problems) or "-")  # codes only: no personal data in logs
    return reading
