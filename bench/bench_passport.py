"""Passport MRZ benchmark: docproc's passport plugin and PassportEye on the same generated files.

    .venv/bin/python bench/bench_passport.py --n 200 --specimens 20 --jobs 2 [--seed 1] [--skip-peer]

Files come from docproc.synth.passport: full A4 scans in all four orientations, skew up to
8 degrees, 150/200/300 dpi, noise, blur, JPEG quality 50-90, every fifth one a PDF; plus a
"specimen" slice of low-resolution (400-700 px wide) photographs with guilloche, watermark
and perspective. Both readers run in the same worker processes with OMP_THREAD_LIMIT=1 and
are timed from the file on disk to the parsed fields. Prints a table; exits 0.
"""

from __future__ import annotations

import os

os.environ["OMP_THREAD_LIMIT"] = "1"  # before tesseract is ever started, for both readers

import argparse
import datetime as dt
import random
import resource
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

FIELDS = ("surname", "given_names", "birth_date", "sex", "nationality", "issuing_state", "document_number",
          "expiry_date", "personal_number")
SUBMITTED = dt.date(2026, 11, 25)


def _make_case(args: tuple[int, int, str, str]) -> tuple[str, str, dict[str, str]]:
    from docproc.synth.damage import ScanDamage, random_damage, save_pages
    from docproc.synth.passport import expected_fields, passport_scan, random_passport_data, specimen_photo

    seed, i, slice_name, folder = args
    rng = random.Random(seed * 1_000_003 + i * 7919 + (0 if slice_name == "scans" else 1))
    data = random_passport_data(rng, submitted_on=SUBMITTED)
    if slice_name == "specimen":
        image = specimen_photo(data, rng=rng)
        name = f"spec_{i:04d}.jpg"
        save_pages([image], Path(folder) / name, dpi=96, quality=85)
        return name, slice_name, expected_fields(data)
    base = random_damage(rng)
    damage = ScanDamage(
        rotation=(0, 90, 180, 270)[i % 4],
        skew_deg=rng.uniform(-8.0, 8.0),
        dpi=(150, 200, 300)[i % 3],
        noise_sigma=base.noise_sigma,
        blur_sigma=base.blur_sigma,
        jpeg_quality=rng.choice((50, 60, 70, 80, 90)),
        perspective=base.perspective,
        light_gradient=base.light_gradient,
        salt_pepper=base.salt_pepper,
    )
    image = passport_scan(data, damage=damage, rng=rng)
    fmt = "pdf" if i % 5 == 4 else rng.choice(("jpg", "jpg", "png", "tiff"))
    name = f"scan_{i:04d}.{fmt}"
    save_pages([image], Path(folder) / name, dpi=damage.dpi, quality=rng.choice((60, 75, 90)))
    return name, slice_name, expected_fields(data)


def _ours(path: Path) -> tuple[dict[str, str | None], float]:
    from docproc_passport import plugin

    from docproc.errors import UnreadableDocument
    from docproc.loading import iter_pages
    from docproc.models import DocumentRef, ReadContext, Submission
    from docproc.settings import Settings

    settings = Settings(pdf_dpi=200)
    sub = Submission(submission_id="bench", submitted_on=SUBMITTED, applicant={"name": "x"},
                     documents=[{"file": path.name}])
    page = next(iter_pages(path.parent, DocumentRef(file=path.name), settings))
    t = time.perf_counter()
    try:
        reading = plugin.docproc_read(page, "passport", ReadContext(submission=sub, settings=settings))
    except UnreadableDocument:
        return {}, time.perf_counter() - t
    return {k: reading.fields[k].value for k in FIELDS}, time.perf_counter() - t


def _century(yymmdd: str, birth: bool) -> str | None:
    try:
        yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:6])
        for century in (2000, 1900):
            d = dt.date(century + yy, mm, dd)
            if (birth and d > SUBMITTED) or (not birth and d > SUBMITTED.replace(year=SUBMITTED.year + 20)):
                continue
            return d.isoformat()
    except ValueError:
        return None
    return None


def _peer_input(path: Path) -> Path:
    """PassportEye reads images only: rasterise a PDF the way docproc does (200 dpi)."""
    if path.suffix != ".pdf":
        return path
    from pdf2image import convert_from_path

    png = path.with_suffix(".peer.png")
    if not png.exists():
        convert_from_path(path, dpi=200)[0].save(png)
    return png


def _peer(path: Path) -> dict[str, str | None]:
    from docproc_passport.codes import normalise
    from passporteye import read_mrz

    try:
        mrz = read_mrz(str(path))
    except Exception:
        return {}
    if mrz is None:
        return {}
    d = mrz.to_dict()

    def code(value: str) -> str:
        return normalise(value.replace("<", "").strip())

    return {
        "surname": d.get("surname", "").replace("<", " ").strip(),
        "given_names": d.get("names", "").replace("<", " ").strip(),
        "birth_date": _century(d.get("date_of_birth", ""), birth=True),
        "sex": {"M": "M", "F": "F", "<": "X", "X": "X"}.get(d.get("sex", "")),
        "nationality": code(d.get("nationality", "")),
        "issuing_state": code(d.get("country", "")),
        "document_number": d.get("number", "").strip("<"),
        "expiry_date": _century(d.get("expiration_date", ""), birth=False),
        "personal_number": d.get("personal_number", "").replace("<", "").strip(),
    }


def _run(args: tuple[str, str]) -> tuple[str, str, dict[str, str | None], float, float, float]:
    """(file, engine, fields, seconds file->fields, seconds of reading alone, peak RSS MB of this worker)."""
    import warnings

    warnings.filterwarnings("ignore")
    path_s, engine = args
    path = Path(path_s)
    t = time.perf_counter()
    if engine == "docproc":
        fields, read_s = _ours(path)
    else:
        peer_path = _peer_input(path)
        t = time.perf_counter()
        fields = _peer(peer_path)
        read_s = time.perf_counter() - t
    total = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return path.name, engine, fields, total, read_s, peak_mb


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="full-page scans")
    ap.add_argument("--specimens", type=int, default=20, help="low-resolution specimen-like photographs")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-peer", action="store_true", help="do not run PassportEye")
    ap.add_argument("--show-failures", action="store_true", help="list files whose fields differ (ours)")
    opts = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench_passport_") as tmp:
        cases = [(opts.seed, i, "scans", tmp) for i in range(opts.n)]
        cases += [(opts.seed, i, "specimen", tmp) for i in range(opts.specimens)]
        with ProcessPoolExecutor(opts.jobs) as pool:
            made = list(pool.map(_make_case, cases, chunksize=4))
        truth = {name: (slice_name, fields) for name, slice_name, fields in made}
        engines = ["docproc"] + ([] if opts.skip_peer else ["passporteye"])
        outcomes = []
        wall: dict[str, float] = {}
        for engine in engines:  # one fresh pool per reader, so peak memory is each reader's own
            t = time.perf_counter()
            with ProcessPoolExecutor(opts.jobs) as pool:
                outcomes += list(pool.map(_run, [(str(Path(tmp) / name), engine) for name, _s, _f in made]))
            wall[engine] = time.perf_counter() - t

    print(f"passport MRZ benchmark: seed={opts.seed} scans={opts.n} specimens={opts.specimens} jobs={opts.jobs} "
          f"OMP_THREAD_LIMIT=1; wall " + ", ".join(f"{e} {w:.0f}s" for e, w in wall.items()))
    short = {"surname": "surn", "given_names": "given", "birth_date": "birth", "sex": "sex", "nationality": "nat",
             "issuing_state": "issuer", "document_number": "docno", "expiry_date": "expiry",
             "personal_number": "persno"}
    header = f"{'slice':9s} {'reader':12s} {'n':>4s} {'all-exact':>9s} " + " ".join(
        f"{short[f]:>6s}" for f in FIELDS) + f" {'med s':>6s} {'p95 s':>6s} {'read s':>6s} {'none':>5s} {'MB':>5s}"
    print(header)
    print("-" * len(header))
    failures: list[str] = []
    for slice_name in ("scans", "specimen"):
        for engine in engines:
            rows = [o for o in outcomes if o[1] == engine and truth[o[0]][0] == slice_name]
            if not rows:
                continue
            exact, nothing = 0, 0
            per_field = dict.fromkeys(FIELDS, 0)
            for name, _e, got, _total, _read, _peak in rows:
                want = truth[name][1]
                nothing += not got
                ok = [got.get(f) == want[f] for f in FIELDS]
                for f, good in zip(FIELDS, ok, strict=True):
                    per_field[f] += good
                exact += all(ok)
                if engine == "docproc" and not all(ok):
                    failures.append(f"{name}: " + ", ".join(
                        f"{f} got {got.get(f)!r} want {want[f]!r}" for f, good in zip(FIELDS, ok, strict=True)
                        if not good))
            n = len(rows)
            totals = sorted(r[3] for r in rows)
            p95 = totals[min(n - 1, int(0.95 * n))]
            peak = max(r[5] for r in rows)
            print(f"{slice_name:9s} {engine:12s} {n:4d} {100 * exact / n:8.1f}% " + " ".join(
                f"{100 * per_field[f] / n:5.1f}%" for f in FIELDS) +
                f" {statistics.median(totals):6.3f} {p95:6.3f} {statistics.median(r[4] for r in rows):6.3f}"
                f" {nothing:5d} {peak:5.0f}")
    print("med/p95 s: file on disk -> fields (decode included); read s: median of reading the decoded page alone;"
          " none: no MRZ returned; MB: peak RSS of a worker")
    if opts.show_failures and failures:
        print("\ndocproc misses:")
        for line in failures:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
