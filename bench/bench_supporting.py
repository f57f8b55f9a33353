"""Supporting-documents plugin benchmark: type recognition on generated pages, and seconds per page.

Pages are drawn from docproc.synth.pages (every supporting type, the application form and unrelated pages, in
Japanese and English) plus passport and residence-card scans that must stay unclaimed, all through scanner
damage with any quarter turn. Seeds start away from the tests' seeds. Prints, per true type, how many pages
were recognised, which wrong answers were given, the median / 90th percentile classify time, and the
time of classify + read for recognised pages.

    .venv/bin/python bench/bench_supporting.py [--per-type 6] [--severity 0.6] [--start 1000] [--show-failures]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import time
from collections import Counter, defaultdict

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from docproc_supporting_documents.plugin import READS, docproc_classify, docproc_read

from docproc.models import Page, ReadContext, Submission
from docproc.synth import card as card_synth
from docproc.synth import passport as passport_synth
from docproc.synth.damage import apply_damage, random_damage
from docproc.synth.pages import TEMPLATES, TypedPage, render_typed_page

HOLDERS = ("NGUYEN VAN AN", "MÜLLER JÜRGEN", "SILVA SANTOS MARIA", "KIM MINJUN", "OKAFOR CHIDI", "")
OTHERS = ("passport", "alien_registration")
EXPECTED = {"unrelated": "unknown", "passport": "unknown", "alien_registration": "unknown"}


def render(kind: str, rng: random.Random, severity: float):
    """(image, description) of one generated page of ``kind``."""
    damage = random_damage(rng, severity=severity)
    if kind == "passport":
        data = passport_synth.random_passport_data(rng, submitted_on=dt.date(2026, 11, 20))
        return passport_synth.passport_scan(data, damage=damage, rng=rng), f"rot={damage.rotation}"
    if kind == "alien_registration":
        data = card_synth.random_card_data(rng, submitted_on=dt.date(2026, 11, 20))
        front = card_synth.render_card_front(data, dpi=300, rng=rng)
        return card_synth.card_scan(front, damage=damage, rng=rng), f"{data.layout} rot={damage.rotation}"
    language = rng.choice(("ja", "en"))
    image = render_typed_page(TypedPage(kind, language, rng.choice(HOLDERS)), dpi=200, rng=rng)
    return apply_damage(image, damage, source_dpi=200, seed=rng.randrange(2**31)), \
        f"{language} rot={damage.rotation} skew={damage.skew_deg:.1f} dpi={damage.dpi}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-type", type=int, default=6)
    parser.add_argument("--severity", type=float, default=0.6)
    parser.add_argument("--start", type=int, default=1000)
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    kinds = sorted(TEMPLATES) + list(OTHERS)
    answers: dict[str, Counter] = defaultdict(Counter)
    times: list[float] = []
    read_times: list[float] = []  # classify + read, for the pages recognised as a type this plugin reads
    context = ReadContext(submission=Submission(submission_id="S-BENCH", submitted_on=dt.date(2026, 11, 20),
                                                applicant={"name": "A B"}, documents=[{"file": "x"}]), settings=None)
    for n in range(args.per_type):
        for k, kind in enumerate(kinds):
            rng = random.Random(args.start + n * 100 + k)
            image, description = render(kind, rng, args.severity)
            page = Page(file=f"{kind}-{n}", index=0, image=image)
            started = time.perf_counter()
            found = docproc_classify(page)
            times.append(time.perf_counter() - started)
            answer = found.doc_type if found is not None and found.score >= 0.5 else "unknown"
            if answer in READS:
                docproc_read(page, answer, context)
                read_times.append(time.perf_counter() - started)
            answers[kind][answer] += 1
            if args.show_failures and answer != EXPECTED.get(kind, kind):
                print(f"  FAIL {kind} ({description}) -> {answer}")
    print(f"{'true type':30} {'pages':>5} {'right':>5}  wrong answers")
    total = right = 0
    for kind in kinds:
        expected = EXPECTED.get(kind, kind)
        got = answers[kind]
        wrong = ", ".join(f"{a}x{c}" for a, c in got.items() if a != expected)
        print(f"{kind:30} {sum(got.values()):5d} {got[expected]:5d}  {wrong}")
        total += sum(got.values())
        right += got[expected]
    times.sort()
    print(f"{'all':30} {total:5d} {right:5d}  accuracy {right / total:.1%}")
    print(f"classify seconds/page: median {statistics.median(times):.2f}, p90 {times[int(0.9 * (len(times) - 1))]:.2f}, "
          f"max {times[-1]:.2f}")
    if read_times:
        print(f"classify+read seconds/page: median {statistics.median(read_times):.2f}, max {max(read_times):.2f}")


if __name__ == "__main__":
    main()
