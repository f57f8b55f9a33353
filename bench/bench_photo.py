"""Photo plugin benchmark on the labelled photo set (docproc.synth.photo).

Every photo goes through a JPEG file (with or without EXIF) and the loader's
EXIF reading, then the plugin's ``docproc_read``. Prints, per problem code, how
many compliant photos were wrongly rejected, how many photos with that defect
were let through, and how many defective photos got the code without having
that defect (extra); then the median time per photo.

    .venv/bin/python bench/bench_photo.py [--seeds 4] [--start 0] [--show-failures]
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time
from collections import Counter

import cv2
import numpy as np
from docproc_photo.plugin import docproc_read
from PIL import ExifTags, Image

from docproc.models import DocumentRef, Page, ReadContext, Submission
from docproc.synth.photo import DEFAULT_SUBMITTED_ON, LabelledPhoto, photo_jpeg, photo_variants


def page_from_jpeg(data: bytes, name: str) -> Page:
    """Decode a photo file the way the loader does: BGR pixels and the kept EXIF tags."""
    img = Image.open(io.BytesIO(data))
    exif = img.getexif()
    tags = dict(exif.items())
    tags.update(exif.get_ifd(ExifTags.IFD.Exif).items())
    named = {ExifTags.TAGS.get(k, str(k)): str(v) for k, v in tags.items()}
    kept = {k: v for k, v in named.items() if k in ("DateTimeOriginal", "DateTimeDigitized", "DateTime")}
    bgr = cv2.cvtColor(np.asarray(img.convert("RGB")), cv2.COLOR_RGB2BGR)
    return Page(file=name, index=0, image=bgr, media_type="image/jpeg", exif=kept)


def context() -> ReadContext:
    submission = Submission(
        submission_id="bench-photo", submitted_on=DEFAULT_SUBMITTED_ON,
        applicant={"name": "BENCH"}, documents=[DocumentRef(file="photo.jpg")],
    )
    return ReadContext(submission=submission, settings=None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=4, help="how many generator seeds (25 photos each)")
    parser.add_argument("--start", type=int, default=0, help="first seed (the thresholds were set on 0..5)")
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    ctx = context()
    rejected: Counter[str] = Counter()
    let_through: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    defective: Counter[str] = Counter()
    warnings_missed = 0
    compliant = 0
    seconds: list[float] = []
    failures: list[str] = []
    for seed in range(args.start, args.start + args.seeds):
        photos: list[LabelledPhoto] = photo_variants(random.Random(seed))
        for photo in photos:
            page = page_from_jpeg(photo_jpeg(photo.image, taken_on=photo.taken_on), f"{photo.name}.jpg")
            start = time.perf_counter()
            reading = docproc_read(page=page, doc_type="photo", context=ctx)
            seconds.append(time.perf_counter() - start)
            got = {p.code for p in reading.problems}
            warned = {w.code for w in reading.warnings}
            if not photo.expected_codes:
                compliant += 1
            for code in photo.expected_codes:
                defective[code] += 1
                if code not in got:
                    let_through[code] += 1
            for code in got - photo.expected_codes:
                (rejected if not photo.expected_codes else extra)[code] += 1
            warnings_missed += len(photo.expected_warnings - warned)
            if got != photo.expected_codes or photo.expected_warnings - warned:
                failures.append(f"seed {seed} {photo.name}: expected {sorted(photo.expected_codes)} got {sorted(got)}"
                                f" warnings {sorted(warned)}")
    codes = sorted(set(defective) | set(rejected) | set(extra))
    print(f"photos: {len(seconds)} ({compliant} compliant), seeds {args.start}..{args.start + args.seeds - 1}")
    print(f"{'check (code)':24s} {'defective':>9s} {'let through':>11s} {'compliant rejected':>18s} {'extra':>6s}")
    for code in codes:
        print(f"{code:24s} {defective[code]:9d} {let_through[code]:11d} {rejected[code]:18d} {extra[code]:6d}")
    print(f"{'TOTAL':24s} {sum(defective.values()):9d} {sum(let_through.values()):11d} "
          f"{sum(rejected.values()):18d} {sum(extra.values()):6d}")
    print(f"expected warnings missed: {warnings_missed}")
    print(f"median seconds per photo: {statistics.median(seconds):.3f} (p90 {np.percentile(seconds, 90):.3f})")
    if args.show_failures:
        print("\n".join(failures) or "no failures")


if __name__ == "__main__":
    main()
