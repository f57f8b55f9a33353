"""Labelled ID photos for tests, the demo and the photo benchmark.

Every photo is derived from a real portrait shipped inside an installed package
(scikit-image's ``astronaut``, matplotlib's ``grace_hopper.jpg``, scikit-image's
``camera``). People are cut out once with GrabCut (seeded by hand-placed boxes
per source) and composed on a new background with a chosen head size, top
margin and centring, so the geometry of every photo is known and its labels
(the problem codes a correct checker must report) are honest:

* the astronaut on a plain background is compliant (no hat, frontal, sharp),
  also with her hair dyed black, dark brown, auburn or grey, or after a phone
  camera's noise and JPEG;
* Grace Hopper wears a naval cap, so every photo of her is ``photo:headwear``
  (her cut-out is trimmed along a hand-drawn outline: no flag left behind);
* the cameraman is seen in profile, so his photo is ``photo:not_frontal``.

Defects are made one at a time (head size, margins, centring, blur, exposure,
roll, resolution, aspect, busy/shadowed/object backgrounds, a second person,
drawn hats, capture date), so each photo's label names exactly its defects.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

ASPECT = 0.75  # width / height of a 30 x 40 mm photo
COMPLIANT_HEAD_RATIO = (0.58, 0.67)  # inside the 55-70 % limit with a margin for measurement
COMPLIANT_TOP_MARGIN = (0.08, 0.15)  # inside 2-8 mm of 40 mm (5-20 %)
DEFAULT_SUBMITTED_ON = dt.date(2026, 11, 20)

PLAIN_BACKGROUNDS: tuple[tuple[int, int, int], ...] = (  # BGR
    (246, 246, 246),
    (228, 228, 228),
    (212, 212, 212),
    (240, 226, 205),  # pale blue
    (232, 238, 242),  # warm off-white
    (226, 232, 226),
)


@dataclass(frozen=True)
class Portrait:
    """A cut-out person with the landmarks the composition needs (source pixels)."""

    name: str
    image: np.ndarray  # BGR
    alpha: np.ndarray  # float32 0..1
    head_top: float  # top of the hair, or of the hat
    chin: float
    center_x: float  # horizontal centre of the head
    hat: bool


@dataclass(frozen=True)
class LabelledPhoto:
    name: str
    image: np.ndarray
    taken_on: dt.date | None
    expected_codes: frozenset[str]
    expected_warnings: frozenset[str] = field(default_factory=frozenset)


# --------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------


def _astronaut_bgr() -> np.ndarray:
    from skimage import data

    return cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)


def _grace_bgr() -> np.ndarray:
    from matplotlib import cbook

    path = cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
    return cv2.imread(str(path), cv2.IMREAD_COLOR)


def _camera_bgr() -> np.ndarray:
    from skimage import data

    return cv2.cvtColor(data.camera(), cv2.COLOR_GRAY2BGR)


def _grabcut(image: np.ndarray, probable_fg: list[tuple[int, int, int, int]], sure_fg: list[tuple[int, int, int, int]],
             sure_bg: list[tuple[int, int, int, int]]) -> np.ndarray:
    """Segment a person with GrabCut from rectangles (x0, y0, x1, y1); returns a soft alpha."""
    mask = np.full(image.shape[:2], cv2.GC_BGD, np.uint8)
    for label, rects in ((cv2.GC_PR_FGD, probable_fg), (cv2.GC_BGD, sure_bg), (cv2.GC_FGD, sure_fg)):
        for x0, y0, x1, y1 in rects:
            mask[y0:y1, x0:x1] = label
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.setRNGSeed(0)
    cv2.grabCut(image, mask, None, bgd, fgd, 5, cv2.GC_INIT_WITH_MASK)
    hard = np.isin(mask, (cv2.GC_FGD, cv2.GC_PR_FGD)).astype(np.uint8)
    # keep the component holding the face, fill its holes
    n, labels, stats, _ = cv2.connectedComponentsWithStats(hard, 8)
    if n > 1:
        biggest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
        hard = (labels == biggest).astype(np.uint8)
    hard = cv2.morphologyEx(hard, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7)))
    return cv2.GaussianBlur(hard.astype(np.float32), (0, 0), 1.0)


def _head_top(alpha: np.ndarray, center_x: float, half_width: float) -> float:
    band = alpha[:, int(center_x - half_width) : int(center_x + half_width)]
    rows = np.nonzero((band > 0.5).mean(axis=1) > 0.15)[0]
    return float(rows[0]) if rows.size else 0.0


@lru_cache(maxsize=1)
def astronaut() -> Portrait:
    """Eileen Collins, frontal, no hat: the source of compliant photos."""
    img = _astronaut_bgr()
    alpha = _grabcut(
        img,
        probable_fg=[(100, 0, 360, 512), (30, 250, 512, 512)],
        sure_fg=[(185, 80, 265, 160), (195, 25, 260, 60), (150, 195, 290, 260), (60, 290, 350, 512)],
        sure_bg=[(0, 0, 100, 240), (355, 0, 512, 300), (0, 0, 512, 8), (100, 0, 150, 60), (305, 0, 360, 70)],
    )
    center_x = 226.0
    return Portrait("astronaut", img, alpha, _head_top(alpha, center_x, 30), chin=178.0, center_x=center_x, hat=False)


_GRACE_OUTLINE = [
    (152, 100), (163, 80), (192, 52), (228, 30), (286, 30), (312, 46), (342, 68), (358, 84), (370, 110),
    (372, 170), (356, 250), (335, 285), (330, 320), (345, 335), (512, 380), (512, 600), (0, 600), (0, 430),
    (60, 400), (150, 352), (200, 342), (204, 330), (198, 300), (190, 275), (165, 250), (156, 170),
]


@lru_cache(maxsize=1)
def grace() -> Portrait:
    """Grace Hopper in her naval cap: every photo of her shows headwear."""
    img = _grace_bgr()
    alpha = _grabcut(
        img,
        probable_fg=[(140, 15, 400, 600), (0, 330, 512, 600)],
        sure_fg=[(195, 30, 335, 110), (170, 110, 360, 320), (60, 440, 480, 600)],
        sure_bg=[(0, 0, 145, 330), (0, 0, 512, 18), (140, 0, 198, 88), (0, 160, 152, 330), (390, 0, 512, 300), (0, 330, 60, 420)],
    )
    # GrabCut keeps bits of the flag around the cap and a tassel by the cheek: cut along her outline
    outline = np.zeros(alpha.shape, np.float32)
    cv2.fillPoly(outline, [np.array(_GRACE_OUTLINE, np.int32)], 1.0)
    alpha = alpha * cv2.GaussianBlur(outline, (0, 0), 1.0)
    center_x = 266.0
    return Portrait("grace", img, alpha, _head_top(alpha, center_x, 40), chin=327.0, center_x=center_x, hat=True)


HAIR_TINTS: dict[str, tuple[float, float, float, float]] = {  # BGR gain and an added grey level
    "black": (0.32, 0.3, 0.3, 0.0),
    "dark_brown": (0.42, 0.5, 0.62, 0.0),
    "auburn": (0.3, 0.45, 0.95, 0.0),
    "grey": (0.55, 0.55, 0.55, 95.0),
}


def with_hair_colour(portrait: Portrait, tint: str) -> Portrait:
    """The astronaut with her hair dyed: black, dark brown, auburn or grey (shading kept)."""
    img = portrait.image.astype(np.float32)
    h, w = img.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    face = ((xx - portrait.center_x) / 48.0) ** 2 + ((yy - 126.0) / 58.0) ** 2 <= 1
    hair = (portrait.alpha > 0.5) & (yy < 140) & ~face
    soft = cv2.GaussianBlur(hair.astype(np.float32), (0, 0), 1.5)[..., None]
    b, g, r, add = HAIR_TINTS[tint]
    luma = img.mean(axis=2, keepdims=True)
    dyed = np.concatenate([luma * b, luma * g, luma * r], axis=2) + add
    out = np.clip(dyed * soft + img * (1 - soft), 0, 255).astype(np.uint8)
    return replace(portrait, name=f"{portrait.name}+{tint}", image=out)


def with_drawn_hat(portrait: Portrait, rng: random.Random) -> Portrait:
    """The portrait wearing a knitted beanie or a peaked cap drawn over the hair."""
    img = portrait.image.copy()
    alpha = portrait.alpha.copy()
    head_h = portrait.chin - portrait.head_top
    cx = portrait.center_x
    half_w = 0.46 * head_h
    top = portrait.head_top - rng.uniform(0.02, 0.07) * head_h
    band_y = portrait.head_top + rng.uniform(0.22, 0.3) * head_h
    colour = rng.choice([(40, 40, 170), (120, 60, 20), (30, 110, 30), (35, 35, 35), (200, 200, 200), (20, 140, 220)])
    hat = np.zeros(img.shape[:2], np.uint8)
    dome_center = (round(cx), round(band_y))
    axes = (round(half_w), round(band_y - top))
    cv2.ellipse(hat, dome_center, axes, 0, 180, 360, 255, -1)
    kind = rng.choice(("beanie", "cap"))
    if kind == "beanie":
        cv2.rectangle(hat, (round(cx - half_w), round(band_y - 2)), (round(cx + half_w), round(band_y + 0.06 * head_h)),
                      255, -1)
    else:
        cv2.ellipse(hat, (round(cx), round(band_y)), (round(half_w * 1.05), round(0.07 * head_h)), 0, 0, 360,
                    255, -1)
    layer = np.empty_like(img)
    layer[:] = colour
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    texture = nrng.normal(0, 9, img.shape[:2]).astype(np.float32)
    if kind == "beanie":
        xx = np.mgrid[0 : img.shape[0], 0 : img.shape[1]][1]
        texture += 14 * np.sin(xx / max(2.0, 0.025 * head_h)).astype(np.float32)
    shaded = np.clip(layer.astype(np.float32) + texture[..., None], 0, 255).astype(np.uint8)
    soft = cv2.GaussianBlur(hat.astype(np.float32) / 255.0, (0, 0), 0.8)[..., None]
    img = (shaded * soft + img * (1 - soft)).astype(np.uint8)
    alpha = np.maximum(alpha, soft[..., 0])
    return replace(portrait, name=f"{portrait.name}+{kind}", image=img, alpha=alpha,
                   head_top=_head_top(alpha, cx, 30), hat=True)


# --------------------------------------------------------------------------
# Composition
# --------------------------------------------------------------------------


def plain_background(height: int, width: int, colour: tuple[int, int, int], rng: random.Random) -> np.ndarray:
    """A studio backdrop: one colour, a faint light fall-off and sensor noise."""
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(angle) * xx / width + np.sin(angle) * yy / height) * rng.uniform(0, 6)
    bg = np.empty((height, width, 3), np.float32)
    bg[:] = colour
    bg += ramp[..., None] + nrng.normal(0, 1.2, (height, width, 1)).astype(np.float32)
    return np.clip(bg, 0, 255).astype(np.uint8)


def compose(
    portrait: Portrait,
    background: np.ndarray,
    *,
    head_ratio: float,
    top_margin: float,
    center_offset: float = 0.0,
    flip: bool = False,
    roll_deg: float = 0.0,
    scale_x: float = 1.0,
) -> np.ndarray:
    """Place the portrait on ``background`` with the given geometry (fractions of the photo size)."""
    height, width = background.shape[:2]
    head_h = portrait.chin - portrait.head_top
    s = head_ratio * height / head_h
    src, alpha, cx = portrait.image, portrait.alpha, portrait.center_x
    if flip:
        src, alpha = src[:, ::-1], alpha[:, ::-1]
        cx = src.shape[1] - 1 - cx
    # source point (cx, head_top) -> target (W/2 + offset*W, top_margin*H); rotate about the head centre
    tx, ty = width / 2 + center_offset * width, top_margin * height
    m = np.array([[s * scale_x, 0, tx - s * scale_x * cx], [0, s, ty - s * portrait.head_top]], np.float64)
    if roll_deg:
        pivot = (tx, ty + head_ratio * height / 2)
        r = cv2.getRotationMatrix2D(pivot, roll_deg, 1.0)
        m = r @ np.vstack([m, [0, 0, 1]])
    interp = cv2.INTER_AREA if s < 1 else cv2.INTER_CUBIC
    fg = cv2.warpAffine(np.ascontiguousarray(src), m, (width, height), flags=interp, borderMode=cv2.BORDER_REPLICATE)
    a = cv2.warpAffine(np.ascontiguousarray(alpha), m, (width, height), flags=cv2.INTER_LINEAR, borderValue=0)
    a = np.clip(a, 0, 1)[..., None]
    return (fg.astype(np.float32) * a + background.astype(np.float32) * (1 - a)).astype(np.uint8)


def _photo_height(rng: random.Random) -> int:
    return rng.randrange(420, 660, 4)


def _background(rng: random.Random, height: int) -> np.ndarray:
    return plain_background(height, round(height * ASPECT), rng.choice(PLAIN_BACKGROUNDS), rng)


def compliant_photo(rng: random.Random | None = None, *, source: str = "astronaut") -> np.ndarray:
    """A photo meeting the specification: 3:4, head 58-67 % of the height, plain backdrop, no hat."""
    rng = rng or random.Random(0)
    if source != "astronaut":
        raise ValueError(f"no compliant photo can be made from {source!r} (hat or profile)")
    height = _photo_height(rng)
    return compose(
        astronaut(),
        _background(rng, height),
        head_ratio=rng.uniform(*COMPLIANT_HEAD_RATIO),
        top_margin=rng.uniform(*COMPLIANT_TOP_MARGIN),
        center_offset=rng.uniform(-0.02, 0.02),
        flip=rng.random() < 0.5,
        scale_x=rng.uniform(0.96, 1.04),
    )


# --------------------------------------------------------------------------
# Defects
# --------------------------------------------------------------------------


def _busy_background(rng: random.Random, height: int, width: int) -> np.ndarray:
    """A real scene behind the person: a flag, a city skyline or the astronaut's studio."""
    choice = rng.choice(("flag", "city", "studio"))
    if choice == "flag":
        src = _grace_bgr()[0:330, 0:160]
    elif choice == "city":
        src = _camera_bgr()[100:260, 300:512]
    else:
        src = _astronaut_bgr()[0:300, 300:512]
    return cv2.resize(src, (width, height), interpolation=cv2.INTER_CUBIC)


def _with_shadow(bg: np.ndarray, rng: random.Random, head_ratio: float, top_margin: float) -> np.ndarray:
    """A cast shadow beside and behind the head, as from a flash held off-axis."""
    h, w = bg.shape[:2]
    side = rng.choice((-1, 1))
    cx = w / 2 + side * rng.uniform(0.18, 0.26) * w
    cy = (top_margin + head_ratio * 0.5) * h
    shadow = np.zeros((h, w), np.float32)
    cv2.ellipse(shadow, (round(cx), round(cy)), (round(0.26 * w), round(0.36 * h)), 0, 0, 360, 1.0, -1)
    shadow = cv2.GaussianBlur(shadow, (0, 0), 0.05 * w)
    depth = rng.uniform(0.3, 0.45)
    return (bg.astype(np.float32) * (1 - depth * shadow[..., None])).astype(np.uint8)


def _with_object(bg: np.ndarray, rng: random.Random) -> np.ndarray:
    """Something behind the person: a picture frame, a lamp, a plant pot, a door edge."""
    out = bg.copy()
    h, w = out.shape[:2]
    x0 = rng.choice((rng.uniform(0.0, 0.02), rng.uniform(0.86, 0.88))) * w  # clear of the hair
    y0 = rng.uniform(0.03, 0.2) * h
    colour = tuple(int(c) for c in rng.choice([(30, 60, 120), (90, 90, 90), (20, 120, 40), (160, 110, 60)]))
    kind = rng.choice(("frame", "door", "pot"))
    if kind == "frame":
        cv2.rectangle(out, (round(x0), round(y0)), (round(x0 + 0.12 * w), round(y0 + 0.14 * h)), colour, max(3, w // 60))
    elif kind == "door":
        x = round(x0 + 0.05 * w)
        cv2.rectangle(out, (x, 0), (x + max(4, w // 40), h), colour, -1)
    else:
        cv2.ellipse(out, (round(x0 + 0.06 * w), round(y0 + 0.1 * h)), (round(0.055 * w), round(0.08 * h)), 0, 0, 360,
                    colour, -1)
    return out


def two_people(rng: random.Random) -> np.ndarray:
    """The applicant with somebody beside them."""
    height = _photo_height(rng)
    ratio = rng.uniform(0.4, 0.48)
    left = compose(astronaut(), _background(rng, height), head_ratio=ratio, top_margin=rng.uniform(0.08, 0.14),
                   center_offset=-0.25)
    return compose(astronaut(), left, head_ratio=ratio * rng.uniform(0.92, 1.05), top_margin=rng.uniform(0.08, 0.14),
                   center_offset=0.25, flip=True)


def camera_profile(rng: random.Random) -> np.ndarray:
    """The cameraman, his head in profile against the sky."""
    img = _camera_bgr()
    y0 = rng.randint(20, 40)
    height = rng.randint(230, 250)
    width = round(height * ASPECT)
    x0 = rng.randint(95, 115)
    crop = img[y0 : y0 + height, x0 : x0 + width]
    scale = rng.uniform(1.6, 2.2)
    return cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)


def _phone_camera(image: np.ndarray, rng: random.Random) -> np.ndarray:
    """What a phone or a cheap booth adds to a good photo: sensor noise, slight softness, strong JPEG."""
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    soft = cv2.GaussianBlur(image, (0, 0), rng.uniform(0.3, 0.8))
    noisy = np.clip(soft.astype(np.float32) + nrng.normal(0, rng.uniform(2.0, 4.5), image.shape), 0, 255)
    ok, buf = cv2.imencode(".jpg", noisy.astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, rng.randint(55, 80)])
    assert ok
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


def _adjust(image: np.ndarray, gain: float, offset: float) -> np.ndarray:
    return np.clip(image.astype(np.float32) * gain + offset, 0, 255).astype(np.uint8)


def photo_variants(rng: random.Random, *, submitted_on: dt.date = DEFAULT_SUBMITTED_ON) -> list[LabelledPhoto]:
    """One photo of each kind, compliant ones first, with the codes a correct checker reports."""
    out: list[LabelledPhoto] = []

    def recent() -> dt.date:
        return submitted_on - dt.timedelta(days=rng.randint(3, 80))

    def geometry(**overrides: float) -> dict[str, float]:
        params = {
            "head_ratio": rng.uniform(*COMPLIANT_HEAD_RATIO),
            "top_margin": rng.uniform(*COMPLIANT_TOP_MARGIN),
            "center_offset": rng.uniform(-0.02, 0.02),
        }
        params.update(overrides)
        return params

    def person(portrait: Portrait | None = None, bg: np.ndarray | None = None, **overrides: float) -> np.ndarray:
        height = _photo_height(rng)
        bg = _background(rng, height) if bg is None else bg
        return compose(portrait or astronaut(), bg, flip=rng.random() < 0.5, **geometry(**overrides))

    def add(name: str, image: np.ndarray, codes: set[str], *, taken_on: dt.date | str | None = "recent",
            warnings: set[str] | None = None) -> None:
        when = recent() if taken_on == "recent" else taken_on
        out.append(LabelledPhoto(name, image, when, frozenset(codes), frozenset(warnings or ())))  # type: ignore[arg-type]

    for i in range(3):
        add(f"compliant_{i}", compliant_photo(rng), set())
    add("compliant_no_exif", compliant_photo(rng), set(), taken_on=None, warnings={"photo:no_capture_date"})
    add("compliant_phone", _phone_camera(compliant_photo(rng), rng), set())
    for tint in rng.sample(sorted(HAIR_TINTS), 2):
        add(f"compliant_hair_{tint}", person(with_hair_colour(astronaut(), tint)), set())
    add("compliant_large_head", person(head_ratio=0.67, top_margin=0.08), set())
    add("compliant_small_head", person(head_ratio=0.58, top_margin=0.14), set())
    add("too_old", compliant_photo(rng), {"photo:too_old"},
        taken_on=submitted_on - dt.timedelta(days=rng.randint(120, 400)))
    add("head_too_small", person(head_ratio=rng.uniform(0.38, 0.48), top_margin=rng.uniform(0.1, 0.16)),
        {"photo:face_size"})
    add("head_too_large", person(head_ratio=rng.uniform(0.76, 0.84), top_margin=rng.uniform(0.06, 0.1)),
        {"photo:face_size"})
    add("no_top_margin", person(head_ratio=rng.uniform(0.6, 0.66), top_margin=rng.uniform(0.0, 0.015)),
        {"photo:face_size"})
    add("top_margin_too_large", person(head_ratio=rng.uniform(0.56, 0.6), top_margin=rng.uniform(0.27, 0.32)),
        {"photo:face_size"})
    add("off_center", person(center_offset=rng.choice((-1, 1)) * rng.uniform(0.15, 0.2)), {"photo:off_center"})
    add("blurred", cv2.GaussianBlur(compliant_photo(rng), (0, 0), rng.uniform(3.5, 5.0)), {"photo:blurry"})
    add("dark", _adjust(compliant_photo(rng), rng.uniform(0.22, 0.32), 0), {"photo:exposure"})
    add("over_exposed", _adjust(compliant_photo(rng), rng.uniform(1.9, 2.3), 40), {"photo:exposure"})
    add("rolled", person(roll_deg=rng.choice((-1, 1)) * rng.uniform(16, 24), head_ratio=0.6), {"photo:not_frontal"})
    small = compliant_photo(rng)
    low_h = rng.randrange(140, 200, 4)
    add("low_resolution", cv2.resize(small, (round(low_h * ASPECT), low_h), interpolation=cv2.INTER_AREA),
        {"photo:resolution"})
    height = _photo_height(rng)
    wide = plain_background(height, round(height * rng.uniform(0.92, 1.05)), rng.choice(PLAIN_BACKGROUNDS), rng)
    add("wrong_aspect", person(bg=wide), {"photo:resolution"})
    height = _photo_height(rng)
    add("busy_background", person(bg=_busy_background(rng, height, round(height * ASPECT))), {"photo:background"})
    height = _photo_height(rng)
    params = geometry()
    shadow_bg = _with_shadow(_background(rng, height), rng, params["head_ratio"], params["top_margin"])
    add("shadow", compose(astronaut(), shadow_bg, **params), {"photo:background"})
    height = _photo_height(rng)
    add("object_behind", person(bg=_with_object(_background(rng, height), rng)), {"photo:background"})
    add("two_people", two_people(rng), {"photo:multiple_faces"})
    add("grace_cap", person(grace()), {"photo:headwear"})
    add("drawn_hat", person(with_drawn_hat(astronaut(), rng)), {"photo:headwear"})
    add("camera_profile", camera_profile(rng), {"photo:not_frontal"})
    return out


# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------


def photo_jpeg(image: np.ndarray, *, taken_on: dt.date | None, quality: int = 92) -> bytes:
    """JPEG bytes, with EXIF DateTimeOriginal when ``taken_on`` is given."""
    pil = Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
    buf = io.BytesIO()
    if taken_on is None:
        pil.save(buf, "JPEG", quality=quality)
    else:
        stamp = f"{taken_on:%Y:%m:%d} 10:30:00"
        exif = Image.Exif()
        exif[0x0132] = stamp  # DateTime
        exif.get_ifd(0x8769)[0x9003] = stamp  # DateTimeOriginal
        exif.get_ifd(0x8769)[0x9004] = stamp  # DateTimeDigitized
        pil.save(buf, "JPEG", quality=quality, exif=exif)
    return buf.getvalue()


def save_photo(image: np.ndarray, path: Path, *, taken_on: dt.date | None) -> None:
    """Write a photo file as a photo booth or phone would (JPEG, capture date in EXIF)."""
    Path(path).write_bytes(photo_jpeg(image, taken_on=taken_on))
