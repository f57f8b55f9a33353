"""Shared helpers for the photo plugin tests: photo files as the loader would decode them."""

from __future__ import annotations

import datetime as dt
import io

import cv2
import numpy as np
from PIL import ExifTags, Image

from docproc.models import DocumentRef, Page, ReadContext, Submission
from docproc.synth.photo import DEFAULT_SUBMITTED_ON, photo_jpeg

KEPT_TAGS = ("DateTimeOriginal", "DateTimeDigitized", "DateTime")


def page_from_bytes(data: bytes, name: str = "photo.jpg") -> Page:
    """Decode a file like docproc's loader: BGR pixels and the EXIF tags it keeps."""
    img = Image.open(io.BytesIO(data))
    exif = img.getexif()
    tags = dict(exif.items())
    tags.update(exif.get_ifd(ExifTags.IFD.Exif).items())
    named = {ExifTags.TAGS.get(k, str(k)): str(v) for k, v in tags.items()}
    bgr = cv2.cvtColor(np.asarray(img.convert("RGB")), cv2.COLOR_RGB2BGR)
    return Page(file=name, index=0, image=bgr, media_type="image/jpeg",
                exif={k: v for k, v in named.items() if k in KEPT_TAGS})


def photo_page(image: np.ndarray, taken_on: dt.date | None, name: str = "photo.jpg") -> Page:
    return page_from_bytes(photo_jpeg(image, taken_on=taken_on), name)


def read_context(submitted_on: dt.date = DEFAULT_SUBMITTED_ON, settings: object = None) -> ReadContext:
    submission = Submission(submission_id="t-photo", submitted_on=submitted_on, applicant={"name": "TEST"},
                            documents=[DocumentRef(file="photo.jpg")])
    return ReadContext(submission=submission, settings=settings)
