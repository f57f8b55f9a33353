"""Scanner-like damage for generated documents: orientation, skew, perspective,
resolution, noise, blur, uneven light, JPEG artefacts, and saving as a scan file.

Generators render clean pages at a high resolution; this module turns them
into what a scanning station sends. Everything is driven by an explicit
:class:`ScanDamage` so test cases and benchmarks can name what they vary.
"""

from __future__ import annotations

import io
import random
from dataclasses import asdict, dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

A4_MM = (210.0, 297.0)
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class ScanDamage:
    rotation: int = 0  # quarter turns clockwise, in degrees: 0, 90, 180, 270
    skew_deg: float = 0.0  # small rotation on top of the quarter turn
    dpi: int = 300  # resolution of the delivered scan
    noise_sigma: float = 0.0  # gaussian sensor noise, grey levels
    blur_sigma: float = 0.0  # gaussian blur, pixels at the delivered dpi
    jpeg_quality: int | None = None  # recompress through JPEG at this quality
    perspective: float = 0.0  # corner displacement as a fraction of the size (phone photo)
    light_gradient: float = 0.0  # 0..1 strength of uneven illumination
    salt_pepper: float = 0.0  # fraction of pixels flipped to black/white (dust)

    def describe(self) -> dict[str, object]:
        return asdict(self)


def random_damage(rng: random.Random, *, severity: float = 1.0, allow_rotation: bool = True) -> ScanDamage:
    """A plausible scan: mostly mild, sometimes rough. ``severity`` scales the ranges."""
    s = max(0.0, severity)
    return ScanDamage(
        rotation=rng.choice((0, 0, 0, 90, 180, 270)) if allow_rotation else 0,
        skew_deg=rng.uniform(-8.0, 8.0) * min(s, 1.25),
        dpi=rng.choice((150, 200, 300)),
        noise_sigma=rng.uniform(0.0, 10.0) * s,
        blur_sigma=rng.choice((0.0, 0.0, 0.5, 0.8, 1.1)) * min(s, 1.5),
        jpeg_quality=rng.choice((None, 50, 60, 70, 80, 90)),
        perspective=rng.choice((0.0, 0.0, 0.0, 0.02)) * s,
        light_gradient=rng.uniform(0.0, 0.25) * s,
        salt_pepper=rng.choice((0.0, 0.0, 0.0005)) * s,
    )


def resample(image: np.ndarray, source_dpi: float, target_dpi: float) -> np.ndarray:
    """Scale an image rendered at ``source_dpi`` to ``target_dpi``."""
    if abs(source_dpi - target_dpi) < 1e-6:
        return image
    f = target_dpi / source_dpi
    interp = cv2.INTER_AREA if f < 1 else cv2.INTER_CUBIC
    return cv2.resize(image, None, fx=f, fy=f, interpolation=interp)


def _rotate_free(image: np.ndarray, degrees: float, fill: tuple[int, int, int]) -> np.ndarray:
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return cv2.warpAffine(image, m, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=fill)


def _perspective(image: np.ndarray, amount: float, rng: random.Random, fill: tuple[int, int, int]) -> np.ndarray:
    h, w = image.shape[:2]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    jitter = [(rng.uniform(-amount, amount) * w, rng.uniform(-amount, amount) * h) for _ in range(4)]
    dst = np.float32([[x + dx, y + dy] for (x, y), (dx, dy) in zip(src, jitter, strict=True)])
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(image, m, (w, h), borderValue=fill)


def apply_damage(
    image: np.ndarray, damage: ScanDamage, *, source_dpi: float, seed: int = 0
) -> np.ndarray:
    """Turn a clean BGR rendering (at ``source_dpi``) into a damaged scan at ``damage.dpi``."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    fill = (255, 255, 255)
    out = image
    if damage.perspective:
        out = _perspective(out, damage.perspective, rng, fill)
    if damage.skew_deg:
        out = _rotate_free(out, -damage.skew_deg, fill)
    out = resample(out, source_dpi, damage.dpi)
    if damage.rotation:
        turns = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
        out = cv2.rotate(out, turns[damage.rotation % 360])
    if damage.blur_sigma > 0:
        out = cv2.GaussianBlur(out, (0, 0), damage.blur_sigma)
    f = out.astype(np.float32)
    if damage.light_gradient > 0:
        h, w = f.shape[:2]
        angle = rng.uniform(0, 2 * np.pi)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        ramp = (np.cos(angle) * xx / w + np.sin(angle) * yy / h)
        ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
        shade = 1.0 - damage.light_gradient * 0.5 * ramp
        f *= shade[..., None] if f.ndim == 3 else shade
    if damage.noise_sigma > 0:
        f += nrng.normal(0.0, damage.noise_sigma, f.shape).astype(np.float32)
    out = np.clip(f, 0, 255).astype(np.uint8)
    if damage.salt_pepper > 0:
        mask = nrng.random(out.shape[:2])
        out[mask < damage.salt_pepper / 2] = 0
        out[mask > 1 - damage.salt_pepper / 2] = 255
    if damage.jpeg_quality:
        ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(damage.jpeg_quality)])
        assert ok
        out = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return out


def blank_a4(dpi: float, colour: tuple[int, int, int] = (255, 255, 255)) -> np.ndarray:
    w = round(A4_MM[0] / MM_PER_INCH * dpi)
    h = round(A4_MM[1] / MM_PER_INCH * dpi)
    page = np.empty((h, w, 3), np.uint8)
    page[:] = colour
    return page


def place_on_a4(item: np.ndarray, dpi: float, rng: random.Random, *, margin_mm: float = 15.0) -> np.ndarray:
    """Lay a card or booklet page (rendered at ``dpi``) somewhere on a white A4 page."""
    page = blank_a4(dpi, (250, 250, 250))
    ph, pw = page.shape[:2]
    ih, iw = item.shape[:2]
    if ih > ph or iw > pw:
        raise ValueError("item larger than an A4 page")
    m = round(margin_mm / MM_PER_INCH * dpi)
    x = rng.randint(min(m, pw - iw), max(min(m, pw - iw), pw - iw - m))
    y = rng.randint(min(m, ph - ih), max(min(m, ph - ih), ph - ih - m))
    page[y : y + ih, x : x + iw] = item
    return page


def encode(image: np.ndarray, fmt: str, *, dpi: int = 300, quality: int = 90) -> bytes:
    """Encode a BGR image as a scan file: ``jpg``, ``png``, ``tiff`` or ``pdf``."""
    pil = Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
    buf = io.BytesIO()
    fmt = fmt.lower()
    if fmt in ("jpg", "jpeg"):
        pil.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
    elif fmt == "png":
        pil.save(buf, "PNG", dpi=(dpi, dpi))
    elif fmt in ("tif", "tiff"):
        pil.save(buf, "TIFF", compression="tiff_deflate", dpi=(dpi, dpi))
    elif fmt == "pdf":
        pil.save(buf, "PDF", resolution=float(dpi), quality=quality)
    else:
        raise ValueError(f"unsupported scan format {fmt!r}")
    return buf.getvalue()


def save_pages(pages: list[np.ndarray], path: Path, *, dpi: int = 300, quality: int = 90) -> None:
    """Save one or more BGR pages as a single file; PDF and TIFF keep every page."""
    fmt = path.suffix.lower().lstrip(".")
    if len(pages) == 1:
        path.write_bytes(encode(pages[0], fmt, dpi=dpi, quality=quality))
        return
    if fmt not in ("pdf", "tif", "tiff"):
        raise ValueError(f"{fmt} cannot hold {len(pages)} pages")
    pils = [Image.fromarray(cv2.cvtColor(p, cv2.COLOR_BGR2RGB)) for p in pages]
    if fmt == "pdf":
        pils[0].save(path, "PDF", resolution=float(dpi), save_all=True, append_images=pils[1:], quality=quality)
    else:
        pils[0].save(path, "TIFF", compression="tiff_deflate", dpi=(dpi, dpi), save_all=True, append_images=pils[1:])
