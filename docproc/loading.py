"""Turn a submitted file into pages, refusing what is unsafe or broken with a precise reason.

Formats are recognised from their first bytes, not their names. Pages are
yielded one at a time so a long PDF never sits in memory whole. Every refusal
is a :class:`~docproc.errors.FileProblem`; the pipeline records it for that
file and carries on with the others.
"""

from __future__ import annotations

import os
import re
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from docproc.errors import FileProblem
from docproc.models import DocumentRef, Page
from docproc.settings import Settings

_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"%PDF-", "application/pdf"),
)
SUPPORTED = "JPEG, PNG, TIFF or PDF"
_EXIF_TAGS_KEPT = ("DateTimeOriginal", "DateTimeDigitized", "DateTime", "Make", "Model")


def sniff_media_type(head: bytes) -> str | None:
    """The media type named by a file's first bytes, or None when it is not one we read."""
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    return None


def resolve_in_folder(folder: Path, name: str) -> Path:
    """The path of a listed file, refusing anything that escapes the submission folder."""
    if not name or "\x00" in name or os.path.isabs(name):
        raise FileProblem(f"file name {name!r} is not a relative path inside the submission folder")
    root = folder.resolve()
    path = (root / name).resolve()
    if path != root and root not in path.parents:
        raise FileProblem(f"file {name!r} points outside the submission folder")
    return path


def iter_pages(folder: Path, ref: DocumentRef, settings: Settings) -> Iterator[Page]:
    """Yield the pages of one listed file; raise FileProblem for the first thing wrong."""
    path = resolve_in_folder(folder, ref.file)
    if not path.is_file():
        raise FileProblem(f"file {ref.file!r} is listed in submission.json but does not exist")
    size = path.stat().st_size
    if size == 0:
        raise FileProblem(f"file {ref.file!r} is empty")
    if size > settings.max_file_bytes:
        raise FileProblem(f"file {ref.file!r} is {size} bytes; the limit is {settings.max_file_bytes}")
    with path.open("rb") as fh:
        media_type = sniff_media_type(fh.read(8))
    if media_type is None:
        raise FileProblem(f"file {ref.file!r} is not a {SUPPORTED} file")
    if media_type == "application/pdf":
        yield from _pdf_pages(path, ref, settings)
    else:
        yield from _image_pages(path, ref, media_type, settings)


def _to_bgr(img: Image.Image) -> np.ndarray:
    if img.mode not in ("RGB", "L"):
        if img.mode in ("I;16", "I;16B", "I;16L", "I"):
            arr = np.asarray(img, dtype=np.float64)
            top = float(arr.max()) or 1.0
            img = Image.fromarray((arr * (255.0 / top)).astype(np.uint8))
        else:
            img = img.convert("RGBA").convert("RGB") if "A" in img.getbands() or img.mode == "P" else img.convert("RGB")
    arr = np.asarray(img)
    if arr.ndim == 2:
        return cv2.cvtColor(arr, cv2.COLOR_GRAY2BGR)
    return cv2.cvtColor(arr, cv2.COLOR_RGB2BGR)


def _exif(img: Image.Image) -> dict[str, str]:
    try:
        exif = img.getexif()
        merged = dict(exif.items())
        merged.update(exif.get_ifd(ExifTags.IFD.Exif).items())
    except Exception:  # broken EXIF must not make a good image unreadable
        return {}
    named = {ExifTags.TAGS.get(k, str(k)): v for k, v in merged.items()}
    return {k: str(named[k]).strip("\x00 ") for k in _EXIF_TAGS_KEPT if k in named}


def _dpi(img: Image.Image) -> float | None:
    dpi = img.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else None
    except (TypeError, ValueError, IndexError):
        return None
    return value if value and 30 <= value <= 2400 else None


def _image_pages(path: Path, ref: DocumentRef, media_type: str, settings: Settings) -> Iterator[Page]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path)
            frames = getattr(img, "n_frames", 1)
            if frames > settings.max_pages_per_file:
                raise FileProblem(
                    f"file {ref.file!r} has {frames} pages; the limit is {settings.max_pages_per_file}"
                )
            for index in range(frames):
                img.seek(index)
                width, height = img.size
                if width * height > settings.max_image_pixels:
                    raise FileProblem(
                        f"page {index + 1} of {ref.file!r} is {width}x{height} pixels; "
                        f"the limit is {settings.max_image_pixels} (possible decompression bomb)"
                    )
                img.load()
                exif = _exif(img)
                frame = ImageOps.exif_transpose(img) if index == 0 else img
                yield Page(
                    file=ref.file,
                    index=index,
                    image=_to_bgr(frame),
                    dpi=_dpi(img),
                    media_type=media_type,
                    page_count=frames,
                    type_hint=ref.type,
                    exif=exif,
                )
    except FileProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise FileProblem(f"file {ref.file!r} is refused as a possible decompression bomb ({exc})") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise FileProblem(f"file {ref.file!r} is corrupt or truncated: {exc}") from exc


def _pdfinfo(path: Path, ref: DocumentRef, *extra: str) -> str:
    try:
        out = subprocess.run(["pdfinfo", *extra, str(path)], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise FileProblem(f"file {ref.file!r}: cannot inspect PDF ({exc})") from exc
    if out.returncode != 0:
        reason = out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "pdfinfo failed"
        raise FileProblem(f"file {ref.file!r} is a corrupt or unreadable PDF: {reason}")
    return out.stdout


def _pdf_page_sizes(path: Path, ref: DocumentRef, settings: Settings) -> list[tuple[float, float]]:
    """Page sizes in points, read before rendering so an absurd page is refused, not rasterised."""
    info = _pdfinfo(path, ref)
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    count = int(match.group(1)) if match else 0
    if count == 0:
        raise FileProblem(f"file {ref.file!r} is a PDF without pages")
    if count > settings.max_pages_per_file:
        raise FileProblem(f"file {ref.file!r} has {count} pages; the limit is {settings.max_pages_per_file}")
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", _pdfinfo(path, ref, "-f", "1", "-l", str(count)),
                       re.MULTILINE)
    if len(sizes) != count:
        raise FileProblem(f"file {ref.file!r}: PDF page sizes cannot be read")
    return [(float(w), float(h)) for w, h in sizes]


def _pdf_pages(path: Path, ref: DocumentRef, settings: Settings) -> Iterator[Page]:
    from pdf2image import convert_from_path
    from pdf2image.exceptions import PDFPageCountError, PDFPopplerTimeoutError, PDFSyntaxError

    sizes = _pdf_page_sizes(path, ref, settings)
    for number, (w_pt, h_pt) in enumerate(sizes, start=1):
        pixels = (w_pt / 72 * settings.pdf_dpi) * (h_pt / 72 * settings.pdf_dpi)
        if pixels > settings.max_image_pixels:
            raise FileProblem(
                f"page {number} of {ref.file!r} is {w_pt:.0f}x{h_pt:.0f} pt, {pixels / 1e6:.0f} Mpx at "
                f"{settings.pdf_dpi} dpi; the limit is {settings.max_image_pixels / 1e6:.0f} Mpx"
            )
        try:
            images = convert_from_path(path, dpi=settings.pdf_dpi, first_page=number, last_page=number, timeout=120)
        except (PDFPageCountError, PDFSyntaxError, PDFPopplerTimeoutError, OSError, ValueError) as exc:
            raise FileProblem(f"page {number} of {ref.file!r} cannot be rendered: {exc}") from exc
        if not images:
            raise FileProblem(f"page {number} of {ref.file!r} rendered to nothing")
        yield Page(
            file=ref.file,
            index=number - 1,
            image=_to_bgr(images[0]),
            dpi=float(settings.pdf_dpi),
            media_type="application/pdf",
            page_count=len(sizes),
            type_hint=ref.type,
        )
