"""Measure one ID photo: faces, person mask, head geometry, pose, background, sharpness, exposure.

Everything is measured on a copy scaled to a fixed working height so limits do
not depend on the file's resolution; results are fractions of the photo size,
degrees, or normalised scores, never pixels of the working copy.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass

import cv2
import numpy as np

from docproc_photo import faces as fd

WORK_HEIGHT = 400
MASK_HEIGHT = 160
EYE_TO_CHIN = 1.65  # chin below the eye line, in inter-ocular distances (anthropometric, checked on the sources)
BOX_TO_CHIN = 1.1  # chin below the face box top, in box heights, when the eyes are not found


@dataclass
class Analysis:
    width: int
    height: int
    face_count: int = 0
    face: fd.Face | None = None  # the applicant's face, working coordinates
    ignored_detections: int = 0
    rolled_detection_deg: float | None = None  # face only found after rotating the image by this much
    profile_found: bool = False
    head_top: float | None = None  # fraction of the height
    chin: float | None = None
    face_center_x: float | None = None  # fraction of the width
    roll_deg: float | None = None
    yaw: float | None = None
    sharpness: float | None = None
    face_luma: float | None = None
    clipped: float | None = None
    image_luma: float = 0.0
    background_spread: float | None = None
    background_edge_length: float | None = None
    headwear_score: float | None = None
    corners_plain: bool | None = None  # the two top corners show one plain backdrop

    @property
    def head_ratio(self) -> float | None:
        if self.head_top is None or self.chin is None:
            return None
        return self.chin - self.head_top


def _work_copy(image: np.ndarray) -> tuple[np.ndarray, float]:
    h = image.shape[0]
    if h <= WORK_HEIGHT:
        return image, 1.0
    s = WORK_HEIGHT / h
    return cv2.resize(image, None, fx=s, fy=s, interpolation=cv2.INTER_AREA), s


def _find_faces(gray: np.ndarray, result: Analysis) -> list[tuple[fd.Box, float]]:
    """Frontal faces, retried on an equalised copy (bad exposure) and on rotated copies (strong roll)."""
    found = fd.detect_frontal(gray)
    if not found:
        found = fd.detect_frontal(cv2.equalizeHist(gray))
    if not found:
        _find_rotated_or_profile(gray, result)
    return found


def _find_rotated_or_profile(gray: np.ndarray, result: Analysis) -> None:
    """No upright frontal face: is there a strongly tilted one, or one seen from the side?"""
    for angle in (20.0, -20.0, 32.0, -32.0):
        rotated, _ = fd.rotate(gray, angle)
        if fd.detect_frontal(rotated):
            result.rolled_detection_deg = angle
            return
    result.profile_found = bool(fd.detect_profile(gray))


def _people(gray: np.ndarray, found: list[tuple[fd.Box, float]], result: Analysis) -> list[fd.Box]:
    """Detections that are people: near the main face's size and seen by a second detector too."""
    main = found[0][0]
    people = [main]
    for box, _ in found[1:]:
        if box[2] >= 0.5 * main[2] and fd.confirmed_by_second_detector(gray, box):
            people.append(box)
        else:
            result.ignored_detections += 1
    return people


def _small(bgr: np.ndarray) -> np.ndarray:
    h, w = bgr.shape[:2]
    s = MASK_HEIGHT / h
    return cv2.resize(bgr, (max(8, round(w * s)), MASK_HEIGHT), interpolation=cv2.INTER_AREA)


def _plain_corners(lab: np.ndarray) -> tuple[np.ndarray, float, int] | None:
    """The backdrop colour, its noise and the patch size, when the two top corners show one plain backdrop."""
    w = lab.shape[1]
    c = max(3, int(0.06 * w))
    left, right = lab[:c, :c].reshape(-1, 3), lab[:c, -c:].reshape(-1, 3)
    ml, mr = np.median(left, axis=0), np.median(right, axis=0)
    if np.linalg.norm(ml - mr) > 14:
        return None
    ref = (ml + mr) / 2
    spread = float(np.percentile(np.linalg.norm(np.vstack([left, right]) - ref, axis=1), 90))
    return None if spread > 8 else (ref, spread, c)


def plain_head_top(small: np.ndarray, box: fd.Box, scale: float, center_x: float) -> float | None:
    """Top of the head (fraction of the height) where hair or hat departs from a plain backdrop.

    The backdrop colour is taken from the two top corners; None when they
    disagree or are textured (not a plain backdrop: GrabCut has to decide).
    """
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2LAB).astype(np.float32)
    h = lab.shape[0]
    plain = _plain_corners(lab)
    if plain is None:
        return None
    ref, spread, c = plain
    threshold = max(10.0, 2.5 * spread)
    # texture counts as much as colour: a grey knitted hat on a grey backdrop differs only by it
    lum = lab[..., 0]
    texture = np.sqrt(np.maximum(cv2.blur(lum * lum, (5, 5)) - cv2.blur(lum, (5, 5)) ** 2, 0))
    plain_texture = float(np.median(np.concatenate([texture[:c, :c].ravel(), texture[:c, -c:].ravel()])))
    _, y, bw, _ = (v * scale for v in box)
    half = 0.22 * bw
    rows, cols = slice(0, max(1, int(y + 2))), slice(max(0, int(center_x - half)), int(center_x + half) + 1)
    colour = np.linalg.norm(lab[rows, cols] - ref, axis=2)
    distance = np.hypot(colour, 2.0 * np.maximum(texture[rows, cols] - plain_texture, 0))
    away = (distance > threshold).mean(axis=1)
    level = np.median(distance, axis=1)
    for r in range(away.size - 1):
        if away[r] <= 0.3 or away[r + 1] <= 0.3:
            continue
        # hair or a hat ends in a sharp edge; a shadow darkens the backdrop gradually
        if r < 3 or level[r + 1] - level[r - 3] >= max(threshold, 0.5 * level[r + 1]):
            return float(r) / h
    return None


def person_mask(small: np.ndarray, box: fd.Box, scale: float, head_top: float | None) -> np.ndarray:
    """GrabCut person/background segmentation at low resolution, seeded by the face box; uint8 0/1."""
    sh, sw = small.shape[:2]
    x, y, bw, bh = (v * scale for v in box)
    mask = np.full((sh, sw), cv2.GC_PR_BGD, np.uint8)

    def put(x0: float, y0: float, x1: float, y1: float, label: int) -> None:
        mask[max(0, int(y0)) : max(0, int(y1)), max(0, int(x0)) : max(0, int(x1))] = label

    put(x - 0.3 * bw, y - 0.8 * bh, x + 1.3 * bw, y + 1.2 * bh, cv2.GC_PR_FGD)  # head with hair or hat
    put(x - 0.6 * bw, y + 0.4 * bh, x + 1.6 * bw, y + 1.2 * bh, cv2.GC_PR_FGD)  # hair falling to the shoulders
    put(x - 0.8 * bw, y + 1.3 * bh, x + 1.8 * bw, sh, cv2.GC_PR_FGD)  # shoulders
    put(x + 0.5 * bw - 1, y - 0.15 * bh, x + 0.5 * bw + 1, y + 0.2 * bh, cv2.GC_FGD)  # forehead / hairline
    put(x + 0.2 * bw, y + 0.2 * bh, x + 0.8 * bw, y + 0.95 * bh, cv2.GC_FGD)  # face
    put(x + 0.3 * bw, y + 1.25 * bh, x + 0.7 * bw, y + 1.45 * bh, cv2.GC_FGD)  # neck
    put(0, 0, sw, y - 1.1 * bh, cv2.GC_BGD)  # far above the face
    put(0, 0, x - 0.35 * bw, y + 0.4 * bh, cv2.GC_BGD)  # beside the head, beyond any hair
    put(x + 1.35 * bw, 0, sw, y + 0.4 * bh, cv2.GC_BGD)
    corner = max(2, int(0.06 * sw))
    put(0, 0, corner, corner, cv2.GC_BGD)  # the top corners are background in any usable photo
    put(sw - corner, 0, sw, corner, cv2.GC_BGD)
    if head_top is not None:
        put(0, 0, sw, head_top * sh - 2, cv2.GC_BGD)
        # the hair line was seen: what lies between it and the face is the person, whatever its colour
        put(x + 0.35 * bw, head_top * sh + 2, x + 0.65 * bw, y + 0.2 * bh, cv2.GC_FGD)
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.setRNGSeed(0)
    with contextlib.suppress(cv2.error):  # degenerate seeds (no background at all): keep the seeded guess
        cv2.grabCut(small, mask, None, bgd, fgd, 2, cv2.GC_INIT_WITH_MASK)
    return np.isin(mask, (cv2.GC_FGD, cv2.GC_PR_FGD)).astype(np.uint8)


def _head_top(mask: np.ndarray, center_x: float, half_width: float) -> float:
    """First row (fraction of the height) where the person mask covers the middle of the head."""
    x0, x1 = max(0, int(center_x - half_width)), int(center_x + half_width) + 1
    band = mask[:, x0:x1]
    rows = np.nonzero(band.mean(axis=1) > 0.3)[0]
    return float(rows[0]) / mask.shape[0] if rows.size else 0.0


def _yaw(gray: np.ndarray, eyes: tuple[tuple[float, float], tuple[float, float]]) -> float | None:
    """Where the nose sits between the eyes: 0 centred, +-1 under an eye.

    The nose is the axis of left-right mirror symmetry of the horizontal-gradient
    image in the band from the eyes to the mouth (the nose's sides and nostrils
    are symmetric about it); gradients keep one-sided lighting from pulling it.
    """
    (lx, ly), (rx, ry) = eyes
    iod = rx - lx
    eye_y = (ly + ry) / 2
    y0, y1 = int(eye_y + 0.2 * iod), int(eye_y + 0.9 * iod)
    if iod < 10 or y1 >= gray.shape[0]:
        return None
    gx = np.abs(cv2.Sobel(gray[y0:y1].astype(np.float32), cv2.CV_32F, 1, 0, ksize=3))
    half = max(3, int(0.45 * iod))
    best, best_x = -math.inf, None
    for c in range(int(lx + 0.2 * iod), int(rx - 0.2 * iod) + 1):
        if c - half < 0 or c + half >= gx.shape[1]:
            continue
        left = gx[:, c - half : c][:, ::-1]
        right = gx[:, c + 1 : c + half + 1]
        score = float((left * right).sum() / (math.sqrt(float((left * left).sum() * (right * right).sum())) + 1e-6))
        if score > best:
            best, best_x = score, c
    if best_x is None:
        return None
    return (best_x - (lx + rx) / 2) / (iod / 2)


def _face_core(box: fd.Box) -> tuple[slice, slice]:
    x, y, w, h = box
    return slice(y + int(0.2 * h), y + int(0.9 * h)), slice(x + int(0.2 * w), x + int(0.8 * w))


def _sharpness(gray: np.ndarray, box: fd.Box) -> float:
    """Laplacian energy of the contrast-normalised face at a fixed size (never upscaled)."""
    ys, xs = _face_core(box)
    face = gray[ys, xs].astype(np.float32)
    target = 64
    if face.shape[1] > target:
        f = target / face.shape[1]
        face = cv2.resize(face, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    face = (face - face.mean()) / max(float(face.std()), 4.0)
    return float(cv2.Laplacian(face, cv2.CV_32F).var())


def _background(
    gray: np.ndarray, mask: np.ndarray, bottom: float, head_zone: tuple[float, float, float, float]
) -> tuple[float, float] | None:
    """How far the backdrop is from plain: (spread, objects).

    spread: grey levels between the 1st and 99th percentile of the backdrop
    after removing a linear light fall-off (shadows, patterns, scenery);
    objects: the length of the edges in the backdrop (pieces of 4 pixels or
    more), in photo heights: a frame, a door, a pattern -- thin or sparse
    things the percentiles miss.
    Only the part above ``bottom`` (fraction of the height) is judged: lower
    down clothes fill the frame and the person/backdrop split is unreliable.
    ``head_zone`` (x0, y0, x1, y1 as fractions) is where hair or a hat may be
    whatever the mask says: a hat the colour of the backdrop is not an object.
    """
    h, w = mask.shape
    small = cv2.resize(gray, (w, h), interpolation=cv2.INTER_AREA)
    person = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9)))
    bg = person == 0
    bg[max(2, int(bottom * h)) :, :] = False
    x0, y0, x1, y1 = head_zone
    bg[max(0, int(y0 * h)) : int(y1 * h), max(0, int(x0 * w)) : int(x1 * w)] = False
    edge = max(2, round(0.02 * h))  # the photo's own border (print edge, scan crop) is not backdrop
    bg[:edge, :] = False
    bg[:, :edge] = bg[:, -edge:] = False
    if bg.sum() < 0.03 * h * w:
        return None
    yy, xx = np.nonzero(bg)
    values = small[yy, xx].astype(np.float32)
    design = np.column_stack([np.ones_like(xx), xx / w, yy / h]).astype(np.float32)
    coef, *_ = np.linalg.lstsq(design, values, rcond=None)
    residual = values - design @ coef
    lo, hi = np.percentile(residual, (1, 99))
    edges = (cv2.Canny(small, 30, 90) > 0) & bg
    length = 0
    count, _, stats, _ = cv2.connectedComponentsWithStats(edges.astype(np.uint8), connectivity=8)
    if count > 1:
        sizes = stats[1:, cv2.CC_STAT_AREA]
        length = int(sizes[sizes >= 4].sum())  # specks of noise or a stray hair are not objects
    return float(hi - lo), length / h


def _headwear(bgr: np.ndarray, mask: np.ndarray, face: fd.Face, head_top: float, chin: float) -> float | None:
    """How unlike hair the crown of the head is; above 1 means headwear.

    Three cues, each scaled so 1 is the limit: the crown's colour (a, b in Lab)
    differs from the hair beside the temples; the crown has a colour hair does
    not (vivid, or blue/green); the crown is split into large near-black and
    near-white parts (a cap's band and crown, a badge).
    """
    h, w = mask.shape
    s = h / bgr.shape[0]
    small = cv2.resize(bgr, (w, h), interpolation=cv2.INTER_AREA)
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2LAB).astype(np.float32)
    x, y, bw, bh = (v * s for v in face.box)
    top, chin_px = head_top * h, chin * h
    head_h = chin_px - top
    crown = np.zeros_like(mask)
    crown[int(top + 0.04 * head_h) : int(top + 0.22 * head_h) + 1, int(x + 0.15 * bw) : int(x + 0.85 * bw)] = 1
    crown &= cv2.erode(mask, np.ones((5, 5), np.uint8))  # keep the backdrop's edge pixels out
    temples = np.zeros_like(mask)
    temples[int(y) : int(y + 0.35 * bh), max(0, int(x - 0.1 * bw)) : int(x + 0.08 * bw)] = 1
    temples[int(y) : int(y + 0.35 * bh), int(x + 0.92 * bw) : int(x + 1.1 * bw)] = 1
    temples &= mask
    if crown.sum() < 10:
        return None
    crown_px = lab[crown > 0]
    med = np.median(crown_px, axis=0)
    a, b = med[1] - 128, med[2] - 128
    chroma = float(np.hypot(a, b))
    cues = [chroma / 60.0]  # vivid colours alone: hair, even red hair, stays below
    if (b < -4 or a < -6) and chroma > 12:
        cues.append(1.5)  # blue or green: not a natural hair colour
    skin = np.median(lab[int(y + 0.45 * bh) : int(y + 0.75 * bh), int(x + 0.3 * bw) : int(x + 0.7 * bw)].reshape(-1, 3),
                     axis=0)
    beside = lab[temples > 0]
    hair = beside[np.linalg.norm(beside - skin, axis=1) > 15]  # the temple band without cheek or ear
    if len(hair) >= 6:
        ta, tb = (float(v) - 128 for v in np.median(hair, axis=0)[1:])
        temple_chroma = float(np.hypot(ta, tb))
        # shading changes how saturated hair looks but hardly its hue: compare hue when both are coloured,
        # and saturation only as grey against coloured
        if min(chroma, temple_chroma) < 7 and max(chroma, temple_chroma) > 15:
            cues.append(1.5)  # grey, black or white on top of coloured hair, or coloured on top of grey
        if chroma > 10 and temple_chroma > 10:
            hue = abs(np.degrees(np.arctan2(b, a) - np.arctan2(tb, ta)))
            cues.append(min(hue, 360 - hue) / 30.0)
    lum = crown_px[:, 0]
    cues.append(min(float((lum < 50).mean()), float((lum > 215).mean())) / 0.12)
    return max(cues)


def analyse(image: np.ndarray) -> Analysis:
    """Measure everything the checks need; missing values mean "could not be measured"."""
    height, width = image.shape[:2]
    result = Analysis(width=width, height=height)
    bgr = image if image.ndim == 3 else cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    work, _ = _work_copy(bgr)
    gray = cv2.cvtColor(work, cv2.COLOR_BGR2GRAY)
    wh, ww = gray.shape
    result.image_luma = float(gray.mean())
    result.clipped = float(((gray <= 3) | (gray >= 252)).mean())  # replaced by the face's own once found
    found = _find_faces(gray, result)
    if not found:
        result.face_count = 1 if (result.rolled_detection_deg is not None or result.profile_found) else 0
        return result
    eyes_of = {b: fd.find_eyes(gray, b) for b, _ in found[:3]}
    found = [(b, wt) for b, wt in found[:3] if eyes_of[b] is not None or fd.confirmed_by_second_detector(gray, b)]
    if not found:
        _find_rotated_or_profile(gray, result)
        result.face_count = 1 if (result.rolled_detection_deg is not None or result.profile_found) else 0
        return result
    people = _people(gray, found, result)
    result.face_count = len(people)
    box = people[0]
    eyes = eyes_of[box]
    face = fd.Face(box=box, eyes=eyes, weight=found[0][1])
    result.face = face
    x, y, bw, bh = box
    if eyes is not None:
        (lx, ly), (rx, ry) = eyes
        iod = face.eye_distance or 1.0
        chin_px = (ly + ry) / 2 + EYE_TO_CHIN * iod
        result.face_center_x = ((lx + rx) / 2 + x + bw / 2) / 2 / ww  # eyes and face box: glasses mislead either
        result.roll_deg = face.roll_deg
        result.yaw = _yaw(gray, eyes)
    else:
        chin_px = y + BOX_TO_CHIN * bh
        result.face_center_x = (x + bw / 2) / ww
    result.chin = chin_px / wh
    ys, xs = _face_core(box)
    core = gray[ys, xs]
    result.face_luma = float(core.mean())
    result.clipped = float(((core <= 3) | (core >= 252)).mean())
    result.sharpness = _sharpness(gray, box)
    if result.face_count > 1:
        return result
    small = _small(work)
    ms = small.shape[0] / wh
    result.corners_plain = _plain_corners(cv2.cvtColor(small, cv2.COLOR_BGR2LAB).astype(np.float32)) is not None
    plain_top = plain_head_top(small, box, ms, result.face_center_x * small.shape[1])
    mask = person_mask(small, box, ms, plain_top)
    if plain_top is not None:
        result.head_top = plain_top
    else:  # busy backdrop: trust GrabCut's hair line unless the mask runs off the top (then unknown)
        top = _head_top(mask, result.face_center_x * mask.shape[1], 0.22 * bw * ms)
        result.head_top = top if top > 0.01 else None
    zone = ((x - 0.35 * bw) / ww, (result.head_top or 0.0) - 0.01, (x + 1.35 * bw) / ww, (y + 0.4 * bh) / wh)
    bg = _background(gray, mask, result.chin - 0.2 * (result.chin - (result.head_top or 0.0)), zone)
    if bg is not None:
        result.background_spread, result.background_edge_length = bg
    if result.head_top is not None:
        result.headwear_score = _headwear(work, mask, face, result.head_top, result.chin)
    return result
