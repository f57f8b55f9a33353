"""Benchmark the alien-registration reader on generated cards of both layouts and all damage kinds.

Prints per-field exact rates and the median seconds per card (front and, when the holder has
address changes, back). No reader of Japanese residence cards is published to compare with, so the
baseline is what a plain OCR call gives: one ``tesseract jpn+eng`` pass over the same front page, timed
in the same run (its CPU cost makes the timing comparable across machines) and scored on whether the
card number and the name appear in its text at all.
``--fonts other`` draws the cards in typefaces the reader was never tuned on (Noto Sans/Serif CJK JP and
VL Gothic, Debian's fonts-noto-cjk and fonts-vlgothic) instead of the IPA fonts: a check of how it generalises.
Usage: .venv/bin/python bench/bench_cards.py [-n 120] [--seed 7] [--jobs 1] [--skip-baseline] [--fonts other]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import numpy as np
import pytesseract
from docproc_alien_registration.gazetteer import towns
from docproc_alien_registration.reader import CardReading, read_card

from docproc.normalize import compare_addresses, normalize_address
from docproc.synth.card import (
    IPA_FONTS,
    OTHER_FONTS,
    TUNED_VOCABULARY,
    AddressVocabulary,
    CardData,
    CardFonts,
    card_scan,
    random_card_data,
    render_card_back,
    render_card_front,
    wide_vocabulary,
)
from docproc.synth.damage import random_damage

REVIEW_THRESHOLD = 0.6  # the core's Settings.field_confidence_threshold: below it a value asks for review
CROSS_CHECKED = "address, cross-check"
# the card's values the core compares with the form and the passport: one below the threshold asks for review
CROSS_CHECKED_FIELDS = ("name", "birth_date", "sex", "nationality", CROSS_CHECKED)
FIELDS = ("name", "birth_date", "sex", "nationality", "card_number", "address", "status_of_residence",
          "expiry_date", "layout")


def _expected(data: CardData) -> dict[str, str]:
    return {
        "name": data.name, "birth_date": data.birth_date.isoformat(), "sex": data.sex,
        "nationality": data.nationality, "card_number": data.card_number,
        "address": normalize_address(data.current_address), "status_of_residence": data.status_of_residence,
        "expiry_date": data.expiry_date.isoformat(), "layout": data.layout,
    }


def _cpu() -> float:
    """CPU seconds of this process and its finished children (tesseract): a load-independent cost."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _timed(image: np.ndarray) -> tuple[CardReading, tuple[float, float]]:
    wall, cpu = time.perf_counter(), _cpu()
    reading = read_card(image)
    return reading, (time.perf_counter() - wall, _cpu() - cpu)


def _baseline(image: np.ndarray, data: CardData) -> tuple[float, bool, bool]:
    """CPU seconds of one plain tesseract pass over the page, and whether its text holds the number and name."""
    cpu = _cpu()
    text = pytesseract.image_to_string(image, lang="jpn+eng")
    flat = "".join(text.split()).upper()
    return _cpu() - cpu, data.card_number in flat, "".join(data.name.split()) in flat


@lru_cache(maxsize=1)
def _vocabulary(name: str) -> AddressVocabulary:
    """The tuned addresses, or every town of Japan with made-up buildings and rooms (built once per worker)."""
    return wide_vocabulary(towns()) if name == "wide" else TUNED_VOCABULARY


def _one(i: int, seed: int, baseline: bool, fonts: CardFonts, vocabulary: str
         ) -> tuple[dict[str, bool], list[tuple[float, float]], str, dict[str, tuple[str, ...]], dict[str, bool],
                    dict[str, bool], tuple[float, bool, bool] | None]:
    rng = random.Random(seed * 100_003 + i)
    data = random_card_data(rng, vocabulary=_vocabulary(vocabulary))
    damage = random_damage(rng)
    kind = "rot" if damage.rotation else ("lowdpi" if damage.dpi < 200 else "plain")
    front = card_scan(render_card_front(data, rng=rng, fonts=fonts), damage=damage, rng=rng, on_a4=rng.random() < 0.7)
    reading, cost = _timed(front)
    times = [cost]
    base = _baseline(front, data) if baseline else None
    got = {k: str(v.value) for k, v in reading.values.items()}
    sure = {k: v.confidence >= REVIEW_THRESHOLD for k, v in reading.values.items()}
    got["layout"] = str(reading.layout)
    sure["layout"] = reading.layout is not None  # no layout told is a miss, not a confident one
    back_image = render_card_back(data, rng=rng, fonts=fonts)
    if data.address_changes and back_image is not None:
        back_damage = random_damage(rng)
        back = card_scan(back_image, damage=back_damage, rng=rng, on_a4=rng.random() < 0.7)
        back_reading, cost = _timed(back)
        times.append(cost)
        if "address" in back_reading.values:
            got["address"] = str(back_reading.values["address"].value)
            sure["address"] = back_reading.values["address"].confidence >= REVIEW_THRESHOLD
        else:
            got.pop("address", None)
    if "address" in got:
        got["address"] = normalize_address(got["address"])
    want = _expected(data)
    ok = {f: got.get(f) == want[f] for f in FIELDS}
    confidently_wrong = {f: not ok[f] and f in got and sure.get(f, True) for f in FIELDS}
    right_for_review = {f: ok[f] and not sure.get(f, True) for f in FIELDS}
    misses = {f: (want[f], got.get(f, "-")) + (("SURE",) if confidently_wrong[f] else ()) for f in FIELDS if not ok[f]}
    # what the cross-check makes of it (a prefecture left off, kana voicing marks): its own row
    ok[CROSS_CHECKED] = "address" in got and compare_addresses(got["address"], want["address"])[0]
    confidently_wrong[CROSS_CHECKED] = "address" in got and not ok[CROSS_CHECKED] and sure.get("address", True)
    right_for_review[CROSS_CHECKED] = ok[CROSS_CHECKED] and not sure.get("address", True)
    return ok, times, kind, misses, confidently_wrong, right_for_review, base


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=120)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--skip-baseline", action="store_true", help="do not time a plain tesseract pass")
    ap.add_argument("--fonts", choices=("ipa", "other"), default="ipa",
                    help="draw the cards in the IPA fonts or in others the reader was not tuned on")
    ap.add_argument("--vocab", choices=("tuned", "wide"), default="tuned",
                    help="addresses from the places, buildings and rooms the reader was tuned on, or from every "
                         "town of Japan (Japan Post's list) with made-up buildings and rooms")
    args = ap.parse_args()
    fonts = OTHER_FONTS if args.fonts == "other" else IPA_FONTS
    if not fonts.installed():
        ap.error(f"the {args.fonts} fonts are not installed (apt-get install fonts-noto-cjk fonts-vlgothic)")
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(_one, range(args.n), [args.seed] * args.n, [not args.skip_baseline] * args.n,
                                 [fonts] * args.n, [args.vocab] * args.n))
    totals: dict[str, int] = defaultdict(int)
    false_sure: dict[str, int] = defaultdict(int)
    true_unsure: dict[str, int] = defaultdict(int)
    by_kind: dict[str, list[bool]] = defaultdict(list)
    times: list[tuple[float, float]] = []
    unlooked, unlooked_wrong = 0, 0  # fronts whose cross-checked values all pass the review threshold
    for i, (ok, t, kind, misses, wrong_sure, right_unsure, _) in enumerate(results):
        sure = [(ok[f] and not right_unsure[f]) or wrong_sure[f] for f in CROSS_CHECKED_FIELDS]
        unlooked += all(sure)
        unlooked_wrong += all(sure) and any(wrong_sure[f] for f in CROSS_CHECKED_FIELDS)
        for f, good in ok.items():
            totals[f] += good
            false_sure[f] += wrong_sure[f]
            true_unsure[f] += right_unsure[f]
        by_kind[kind].append(all(ok[f] for f in FIELDS[:6]))
        times.extend(t)
        if args.show_misses and misses:
            print(f"card {i} ({kind}): {misses}", file=sys.stderr)
    print(f"cards: {args.n}   pages read: {len(times)}   seed: {args.seed}   fonts: {args.fonts}   vocab: {args.vocab}")
    print(f"{'field':<22}{'exact':>8}{'wrong, conf>=0.6':>18}{'right, conf<0.6':>17}")
    for f in (*FIELDS, CROSS_CHECKED):
        print(f"{f:<22}{100 * totals[f] / args.n:>7.1f}%{100 * false_sure[f] / args.n:>17.1f}%"
              f"{100 * true_unsure[f] / args.n:>16.1f}%")
    walls, cpus = sorted(t[0] for t in times), sorted(t[1] for t in times)
    print(f"{'median s/page (wall)':<22}{statistics.median(walls):>8.2f}")
    print(f"{'p90 s/page (wall)':<22}{walls[int(0.9 * len(walls))]:>8.2f}")
    print(f"{'median CPU s/page':<22}{statistics.median(cpus):>8.2f}")
    print(f"load average at end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for kind, oks in sorted(by_kind.items()):
        print(f"all 6 key fields, {kind:<8}{100 * sum(oks) / len(oks):>7.1f}%  (n={len(oks)})")
    # what a clerk sees: a card whose cross-checked values all read sure needs no look on the card's account
    print(f"cross-checked fields all sure (no review):  {100 * unlooked / args.n:.1f}% of cards, "
          f"{100 * unlooked_wrong / args.n:.1f}% with a wrong one among them")
    bases = [r[6] for r in results if r[6] is not None]
    if bases:
        front_cpu = statistics.median(r[1][0][1] for r in results)
        base_cpu = statistics.median(b[0] for b in bases)
        print("\nbaseline, one tesseract jpn+eng pass over the front page (same run, same pages):")
        print(f"{'':<22}{'docproc':>10}{'baseline':>10}")
        print(f"{'card number':<22}{100 * totals['card_number'] / args.n:>9.1f}%"
              f"{100 * sum(b[1] for b in bases) / len(bases):>9.1f}%   (baseline: anywhere in its text)")
        print(f"{'name':<22}{100 * totals['name'] / args.n:>9.1f}%{100 * sum(b[2] for b in bases) / len(bases):>9.1f}%")
        print(f"{'median CPU s/front':<22}{front_cpu:>10.2f}{base_cpu:>10.2f}   ratio {front_cpu / base_cpu:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
