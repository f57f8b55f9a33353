"""Find an ID photo lying on a scanned page (or glued on a form) and cut it out.

A photo file is the photo itself; a scanned page is much larger than the face
on it. There the photo is the rectangle around the face whose edges stand out
from the paper: found as the largest 3:4-ish quadrilateral contour containing
the face, or else as the connected region of non-paper pixels around it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from docproc_photo import faces as fd

WORK_SIDE = 640
PHOTO_ASPECT = (0.6, 0.92)


@dataclass(frozen=True)
class Located:
    image: np.ndarray  # the photo, in page pixels
    box: tuple[int, int, int, int] | None  # x, y, w, h on the page; None when the page is the photo
    face_to_page: float  # face box height / page height, at the working scale


def _scale(image: np.ndarray) -> float:
    return min(1.0, WORK_SIDE / max(image.shape[:2]))


def main_face(gray: np.ndarray) -> tuple[int, int, int, int] | None:
    """The largest face anywhere on a page that a second look confirms (eyes, or a second cascade)."""
    found = fd.detect_frontal(gray, min_fraction=0.03)
    if not found:
        found = fd.detect_frontal(cv2.equalizeHist(gray), min_fraction=0.03)
    for box, _ in found[:4]:
        if fd.find_eyes(gray, box) is not None or fd.confirmed_by_second_detector(gray, box):
            return box
    return None


def _rectangle_around(gray: np.ndarray, face: tuple[int, int, int, int]) -> tuple[int, int, int, int] | None:
    fx, fy, fw, fh = face
    cx, cy = fx + fw / 2, fy + fh / 2
    edges = cv2.Canny(cv2.GaussianBlur(gray, (5, 5), 0), 20, 60)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    best = None
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if not (x < fx and y < fy and x + w > fx + fw and y + h > fy + fh):
            continue
        if not PHOTO_ASPECT[0] <= w / h <= PHOTO_ASPECT[1] or not 1.3 <= h / fh <= 3.2:
            continue
        if cv2.pointPolygonTest(contour, (cx, cy), False) < 0 and cv2.contourArea(contour) < 0.5 * w * h:
            continue
        rect_fill = cv2.contourArea(cv2.convexHull(contour)) / (w * h)
        if rect_fill < 0.85:
            continue
        if best is None or w * h > best[2] * best[3]:
            best = (x, y, w, h)
    return best


def locate(image: np.ndarray) -> Located:
    """The photo on ``image``: the image itself when the face fills it like an ID photo does."""
    s = _scale(image)
    small = cv2.resize(image, None, fx=s, fy=s, interpolation=cv2.INTER_AREA) if s < 1 else image
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) if small.ndim == 3 else small
    found = fd.detect_frontal(gray)  # on a copy DETECT_HEIGHT high: cheap
    if found and found[0][0][3] / gray.shape[0] >= 0.2:  # the image is the photo
        return Located(image, None, found[0][0][3] / gray.shape[0])
    face = main_face(gray)
    if face is None:
        return Located(image, None, 0.0)
    ratio = face[3] / gray.shape[0]
    if ratio >= 0.2:
        return Located(image, None, ratio)
    rect = _rectangle_around(gray, face)
    if rect is None:
        return Located(image, None, ratio)
    x, y, w, h = (round(v / s) for v in rect)
    inset = max(1, round(0.015 * w))  # drop the border line itself
    crop = image[y + inset : y + h - inset, x + inset : x + w - inset]
    return Located(np.ascontiguousarray(crop), (x, y, w, h), ratio)
