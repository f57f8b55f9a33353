"""Find a card on a scan (alone or anywhere on an A4 page), straighten it and turn it upright.

A card is told from the page by its coloured tint (paper and uneven light stay grey) and by its
credit-card aspect ratio; the quadrilateral is warped to a fixed size so label and value heights
are the same whatever the scan dpi.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

CARD_RATIO = 85.6 / 54.0
CANON_W = 1200
CANON_H = round(CANON_W / CARD_RATIO)
DETECT_SIDE = 700
MAX_RESIDUAL_DEG = 3.0  # corners found on a 700 px image leave the warped card tilted by up to a degree or two


@dataclass(frozen=True)
class CardCrop:
    image: np.ndarray  # BGR, CANON_W × CANON_H, upright when ``flipped`` was chosen right
    to_page: np.ndarray  # 3×3 homography: crop pixels -> page pixels
    ratio: float  # long side / short side of the found quadrilateral

    def page_box(self, x: int, y: int, w: int, h: int) -> tuple[int, int, int, int]:
        """A box in crop pixels as an axis-aligned box in page pixels."""
        pts = np.float32([[x, y], [x + w, y], [x + w, y + h], [x, y + h]]).reshape(-1, 1, 2)
        mapped = cv2.perspectiveTransform(pts, self.to_page).reshape(-1, 2)
        x0, y0 = mapped.min(axis=0)
        x1, y1 = mapped.max(axis=0)
        return round(x0), round(y0), round(x1 - x0), round(y1 - y0)

    def rotated(self) -> CardCrop:
        """The same crop turned by 180 degrees."""
        flip = np.array([[-1, 0, CANON_W - 1], [0, -1, CANON_H - 1], [0, 0, 1]], np.float64)
        return CardCrop(cv2.rotate(self.image, cv2.ROTATE_180), self.to_page @ flip, self.ratio)


def _order(pts: np.ndarray) -> np.ndarray:
    """Corners ordered top-left, top-right, bottom-right, bottom-left."""
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.float32([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]])


def card_mask(small: np.ndarray) -> np.ndarray:
    """Pixels that belong to a tinted card (or its dark content) on a grey/white page."""
    blurred = cv2.GaussianBlur(small, (0, 0), 2.0)
    hsv = cv2.cvtColor(blurred, cv2.COLOR_BGR2HSV)
    tinted = (hsv[..., 1] > 16).astype(np.uint8) * 255
    k = max(3, round(min(small.shape[:2]) * 0.02)) | 1
    tinted = cv2.morphologyEx(tinted, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    return cv2.morphologyEx(tinted, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))


def find_quad(image: np.ndarray) -> tuple[np.ndarray, float] | None:
    """The card's four corners in page pixels and its aspect ratio, or None when no card-like region."""
    h, w = image.shape[:2]
    scale = DETECT_SIDE / max(h, w)
    small = cv2.resize(image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    if small.ndim == 2:
        small = cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
    mask = card_mask(small)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    best = None
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
        area = cv2.contourArea(contour)
        if area < 0.02 * small.shape[0] * small.shape[1]:
            break
        hull = cv2.convexHull(contour)
        (_, _), (rw, rh), _ = cv2.minAreaRect(hull)
        ratio = max(rw, rh) / max(1.0, min(rw, rh))
        if not 1.46 < ratio < 1.74 or area < 0.8 * rw * rh:  # ID-1 card 1.586; a passport page is 1.42
            continue
        approx = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
        pts = approx.reshape(-1, 2) if len(approx) == 4 else cv2.boxPoints(cv2.minAreaRect(hull))
        best = (_order(np.float32(pts) / scale), ratio)
        break
    return best


def crop_card(image: np.ndarray) -> CardCrop | None:
    """The card warped to CANON_W × CANON_H landscape (upright or upside down), or None."""
    found = find_quad(image)
    if found is None:
        return None
    quad, ratio = found
    top = np.linalg.norm(quad[1] - quad[0])
    side = np.linalg.norm(quad[3] - quad[0])
    if side > top:  # portrait: start the landscape crop at the bottom-left corner (a quarter turn)
        quad = np.float32([quad[3], quad[0], quad[1], quad[2]])
    canon = np.float32([[0, 0], [CANON_W - 1, 0], [CANON_W - 1, CANON_H - 1], [0, CANON_H - 1]])
    to_crop = cv2.getPerspectiveTransform(quad, canon)
    crop = _warp(image, to_crop)
    angle = residual_angle(crop)
    if angle:  # turn the text rows level, warping the page once more rather than the crop (one resampling)
        turn = np.vstack([cv2.getRotationMatrix2D((CANON_W / 2, CANON_H / 2), angle, 1.0), [0, 0, 1]])
        to_crop = turn @ to_crop
        crop = _warp(image, to_crop)
    return CardCrop(crop, np.linalg.inv(to_crop), ratio)


def _warp(image: np.ndarray, to_crop: np.ndarray) -> np.ndarray:
    return cv2.warpPerspective(image, to_crop, (CANON_W, CANON_H), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)


def residual_angle(crop: np.ndarray, step: float = 0.25) -> float:
    """Degrees to turn ``crop`` (counter-clockwise) so its text rows lie level: the turn that makes the
    ink's row profile sharpest (rows of text and gaps between them), searched within ±MAX_RESIDUAL_DEG."""
    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY) if crop.ndim == 3 else crop
    small = cv2.resize(gray, (CANON_W // 2, CANON_H // 2), interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(small, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    h, w = ink.shape
    best, best_angle = -1.0, 0.0
    for angle in np.arange(-MAX_RESIDUAL_DEG, MAX_RESIDUAL_DEG + step / 2, step):
        turned = cv2.warpAffine(ink, cv2.getRotationMatrix2D((w / 2, h / 2), float(angle), 1.0), (w, h),
                                flags=cv2.INTER_NEAREST)
        sharpness = float(np.var(np.diff(turned.sum(axis=1, dtype=np.float64))))
        if sharpness > best:
            best, best_angle = sharpness, float(angle)
    return best_angle


def photo_on_left(crop: np.ndarray) -> bool:
    """True when the dense portrait block sits on the left: the card is probably upside down."""
    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    band = gray[CANON_H // 5: CANON_H * 4 // 5]
    dark = band < 165
    third = CANON_W * 3 // 10
    return float(dark[:, :third].mean()) > float(dark[:, -third:].mean()) + 0.05


def photo_box(crop: np.ndarray) -> tuple[int, int, int, int] | None:
    """The portrait's box on a straightened card: the one big solid region that is not the card tint.

    Text strokes are thin and vanish under a morphological opening; a photo (or a silhouette) stays.
    """
    small = cv2.resize(crop, (CANON_W // 4, CANON_H // 4), interpolation=cv2.INTER_AREA)
    tint = np.median(small.reshape(-1, 3), axis=0)
    away = (np.abs(small.astype(np.int16) - tint.astype(np.int16)).max(axis=2) > 28).astype(np.uint8) * 255
    solid = cv2.morphologyEx(away, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    solid = cv2.morphologyEx(solid, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(solid, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    best = None
    for contour in contours:
        x, y, w, h = (4 * v for v in _filled_part(solid, *cv2.boundingRect(contour)))
        photo_like = h > 0.3 * CANON_H and 0.1 * CANON_W < w < 0.4 * CANON_W and 0.45 < w / h < 1.2
        if photo_like and (best is None or w * h > best[2] * best[3]):
            best = (x, y, w, h)
    return best


_FILLED = 0.12  # a column or row of the photo is solid over more than this share of it; a line of text is not


def _filled_part(solid: np.ndarray, x: int, y: int, w: int, h: int) -> tuple[int, int, int, int]:
    """A solid region's box without the columns and rows it fills only in part: large, blurred glyphs
    printed up to the portrait survive the opening, and the closing joins them to it (番20号 beside the
    photo widened its box over the end of the address, which was then painted out)."""
    region = solid[y:y + h, x:x + w] > 0
    columns, rows = np.flatnonzero(region.mean(axis=0) > _FILLED), np.flatnonzero(region.mean(axis=1) > _FILLED)
    if len(columns) == 0 or len(rows) == 0:
        return x, y, w, h
    return x + int(columns[0]), y + int(rows[0]), int(columns[-1] - columns[0]) + 1, int(rows[-1] - rows[0]) + 1
