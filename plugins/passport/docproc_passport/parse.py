"""From OCR'd MRZ text to validated fields: fit line lengths, repair by structure, check, parse.

Repairs, in order, each recorded by field name (never by value):

1. charset: a digit-only field cannot hold letters and vice versa (O->0, 8->B ...);
2. fillers: a '<' read as K/X/C after the end of the names or of an optional field;
   K counts 20 in a check digit (== 0 mod 10), so only structure can catch it;
3. check digits: a single-character, visually plausible change that makes the field's
   check digit *and* the composite check pass, accepted only when it is the only one.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

import numpy as np

from docproc_passport import codes
from docproc_passport.layout import (
    MRZ_ALPHABET,
    Layout,
    check_digit,
    check_passes,
    composite_text,
    layout_for,
)

TO_DIGIT = {"O": "0", "Q": "0", "D": "0", "U": "0", "I": "1", "L": "1", "J": "1", "T": "7", "Z": "2", "S": "5",
            "B": "8", "G": "6", "A": "4", "E": "8", "Y": "4", "C": "0"}
TO_LETTER = {"0": "O", "1": "I", "2": "Z", "5": "S", "8": "B", "6": "G", "4": "A", "7": "T", "3": "B", "9": "B"}
FILLER_LOOKALIKES = frozenset("KXCLE")
SEX_MAP = {"M": "M", "F": "F", "<": "<", "H": "M", "N": "M", "P": "F", "E": "F", "K": "<", "X": "<"}

# Visually confusable characters (OCR-B through tesseract), for check-digit-driven repair.
_CONFUSION_GROUPS = ("0ODQUC8", "1IL7T", "2Z7", "5S6", "8B360", "6G5", "4A", "9803", "<KXCLE")


def _confusions() -> dict[str, str]:
    table: dict[str, set[str]] = {}
    for group in _CONFUSION_GROUPS:
        for c in group:
            table.setdefault(c, set()).update(x for x in group if x != c)
    return {c: "".join(sorted(v)) for c, v in table.items()}


CONFUSIONS = _confusions()
DIGITS = "0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ALLOWED = {
    "num": DIGITS, "check": DIGITS + "<", "alpha": LETTERS + "<", "code": LETTERS + "<", "name": LETTERS + "<",
    "sex": "MF<", "alnum": LETTERS + DIGITS + "<",
}


@dataclass
class MrzResult:
    """A parsed MRZ: repaired lines, per-check outcome, field values and what was repaired."""

    layout: Layout
    raw_lines: list[str]
    lines: list[str]
    checks: dict[str, bool]
    values: dict[str, str | None]
    repairs: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # ids of failed validations (no personal data)

    @property
    def valid(self) -> bool:
        return all(self.checks.values()) and not self.problems

    @property
    def score(self) -> float:
        """Orders alternative readings: passed checks first, fewer problems and repairs next."""
        return sum(self.checks.values()) * 10 - len(self.problems) * 3 - len(self.repairs) * 0.1


# ---------------------------------------------------------------------------
# line fitting
# ---------------------------------------------------------------------------

def _clean(text: str) -> str:
    text = text.upper().replace(" ", "").replace("«", "<<").replace("‹", "<")
    return re.sub(r"[^A-Z0-9<]", "", text)


def _fit_length(line: str, width: int, *, names: bool) -> str:
    """Grow or shrink a line to ``width`` by editing its longest filler run (or its tail for names)."""
    diff = len(line) - width
    if diff == 0:
        return line
    if names:
        if diff > 0:
            stripped = line.rstrip("<")
            return line[:width] if len(stripped) > width else stripped + "<" * (width - len(stripped))
        return line + "<" * (-diff)
    runs = [(m.start(), m.end()) for m in re.finditer(r"<+", line)]
    if runs:
        a, b = max(runs, key=lambda r: r[1] - r[0])
        if diff > 0 and b - a > diff:
            return line[:a] + line[a + diff : ]
        if diff < 0:
            return line[:a] + "<" * (-diff) + line[a:]
    return (line + "<" * width)[:width]


def candidate_line_sets(texts: list[str]) -> list[tuple[Layout, list[str]]]:
    """Plausible MRZ line groups in OCR output, each fitted to its layout's width."""
    lines = [c for c in (_clean(t) for t in texts) if len(c) >= 20]
    out: list[tuple[Layout, list[str]]] = []
    for n in (2, 3):
        for i in range(len(lines) - n + 1):
            group = lines[i : i + n]
            mean = sum(len(g) for g in group) / n
            width = min((30, 36, 44), key=lambda w: abs(w - mean))
            if (n == 3 and width != 30) or (n == 2 and width == 30):
                continue
            if max(abs(len(g) - width) for g in group) > 4:
                continue
            layout = layout_for(n, width, group[0][0])
            if layout is None:
                continue
            name_line = 2 if layout.kind == "TD1" else 0
            fitted = [_fit_length(g, width, names=(li == name_line)) for li, g in enumerate(group)]
            out.append((layout, fitted))
    return out


# ---------------------------------------------------------------------------
# repair
# ---------------------------------------------------------------------------

def _set(lines: list[str], li: int, start: int, text: str) -> None:
    line = lines[li]
    lines[li] = line[:start] + text + line[start + len(text) :]


def _charsets(layout: Layout) -> dict[tuple[int, int], str]:
    """Charset of every MRZ position; check digits are 'check'."""
    out: dict[tuple[int, int], str] = {}
    for spec in layout.fields:
        for col in range(spec.start, spec.end):
            out[(spec.line, col)] = spec.charset
        if spec.check is not None:
            out[(spec.line, spec.check)] = "check"
    if layout.composite_at:
        out[layout.composite_at] = "check"
    return out


def _best_allowed(lines: list[str], evidence: Evidence, layout: Layout) -> list[str]:
    """Per cell, the highest-scoring character the field allows (digits in dates, letters in names ...).

    Near ties go to the likelier character: O over Q in names and codes, 0 over O in numbers."""
    charsets = _charsets(layout)
    out = []
    for li, line in enumerate(lines):
        chars = list(line)
        for col in range(len(line)):
            charset = charsets.get((li, col), "alnum")
            allowed = ALLOWED.get(charset, MRZ_ALPHABET_ALL)
            row = evidence[li][col]
            order = [MRZ_ALPHABET[k] for k in np.argsort(-row)]
            best = next((c for c in order if c in allowed), chars[col])
            for rare, usual, tie in TIE_PREFERENCES.get(charset, ()):
                if best == rare and row[MRZ_ALPHABET.index(rare)] - row[MRZ_ALPHABET.index(usual)] <= tie:
                    best = usual
            chars[col] = best
        out.append("".join(chars))
    return out


# (rare, usual, score margin): document and personal numbers are mostly digits; names rarely hold Q
TIE_PREFERENCES = {"name": (("Q", "O", 0.03),), "code": (("Q", "O", 0.03),), "alnum": (("O", "0", 0.06),)}


MRZ_ALPHABET_ALL = MRZ_ALPHABET


def _coerce(text: str, charset: str) -> str:
    if charset == "num":
        return "".join(TO_DIGIT.get(c, c) for c in text)
    if charset in ("alpha", "code", "name"):
        return "".join(TO_LETTER.get(c, c) for c in text)
    if charset == "sex":
        return SEX_MAP.get(text, text)
    return text


def _repair_names(text: str) -> str:
    """Turn filler look-alikes after the end of the names into fillers."""
    sep = text.find("<<")
    if sep < 0:
        return text
    chars = list(text)
    region_start = sep + 2
    tokens = [(m.start() + region_start, m.end() + region_start) for m in re.finditer(r"[A-Z]+", text[region_start:])]
    ended = False
    prev_end = region_start
    for idx, (a, b) in enumerate(tokens):
        gap = a - prev_end
        legit_gap = 0 if prev_end == region_start else 1
        token = text[a:b]
        lookalike = sum(c in FILLER_LOOKALIKES for c in token) >= 0.6 * len(token)
        if gap > legit_gap:
            ended = True
        is_last = idx == len(tokens) - 1
        followed_by_fill = b < len(text) and text[b:].strip("<") == "" and len(text) - b >= 2
        if lookalike and (ended or (len(token) == 1 and is_last and followed_by_fill)):
            chars[a:b] = "<" * (b - a)
        prev_end = b
    return "".join(chars)


def _repair_optional(text: str) -> str:
    """In an optional field, look-alikes standing between fillers (or at the end) are fillers."""
    chars = list(text)
    for i, c in enumerate(text):
        if c in FILLER_LOOKALIKES:
            left = i > 0 and text[i - 1] == "<"
            right = i == len(text) - 1 or text[i + 1] == "<"
            if left and right:
                chars[i] = "<"
    return "".join(chars)


def _field_checks(layout: Layout, lines: list[str]) -> dict[str, bool]:
    results: dict[str, bool] = {}
    for spec in layout.fields:
        if spec.check is None:
            continue
        digit = lines[spec.line][spec.check]
        results[spec.name] = check_passes(
            spec.text(lines), digit, empty_may_be_filler=(spec.name == "personal_number")
        )
    if layout.composite_at:
        li, col = layout.composite_at
        results["composite"] = lines[li][col] == check_digit(composite_text(layout, lines))
    return results


def _date_ok(text: str) -> bool:
    if not text.isdigit():
        return text == "<<<<<<"  # unknown date
    try:
        dt.date(2000 + int(text[:2]), int(text[2:4]), int(text[4:6]))
    except ValueError:
        return False
    return True


Evidence = list[np.ndarray]  # per line: [cells, len(MRZ_ALPHABET)] match scores from the cell reader


def _ranked(evidence: Evidence) -> list[list[str]]:
    return [["".join(MRZ_ALPHABET[k] for k in row) for row in np.argsort(-sc, axis=1)] for sc in evidence]


def _alternatives(evidence: Evidence | None, li: int, col: int, current: str, charset: str) -> list[tuple[str, float]]:
    """Runner-up characters for a cell with the evidence each costs: next best scores, else visual confusions."""
    if evidence is None:
        return [(c, 1.0) for c in CONFUSIONS.get(current, "")]
    allowed = ALLOWED.get(charset, MRZ_ALPHABET_ALL)
    row = evidence[li][col]
    here = float(row[MRZ_ALPHABET.index(current)])
    order = [MRZ_ALPHABET[k] for k in np.argsort(-row)]
    subs = [c for c in order if c != current and c in allowed][:RUNNERS_UP]
    return [(c, max(0.0, here - float(row[MRZ_ALPHABET.index(c)]))) for c in subs]


RUNNERS_UP = 3


def _shape_ok(text: str) -> bool:
    """Optional data and document numbers are left-aligned: content, then fillers."""
    return re.fullmatch(r"[A-Z0-9]*<*", text) is not None


def _single_edits(lines: list[str], positions: list[tuple[int, int, str]],
                  evidence: Evidence | None = None) -> list[tuple[list[str], float]]:
    """Every variant of ``lines`` with one plausible substitution at one of ``positions``, with its cost."""
    variants = []
    for li, col, charset in positions:
        original = lines[li][col]
        for sub, cost in _alternatives(evidence, li, col, original, charset):
            if charset in ("num", "check") and sub not in DIGITS and not (charset == "check" and sub == "<"):
                continue
            new = list(lines)
            _set(new, li, col, sub)
            variants.append((new, cost))
    return variants


def _field_positions(layout: Layout, name: str) -> list[tuple[int, int, str]]:
    spec = layout.field(name)
    pos = [(spec.line, c, spec.charset) for c in range(spec.start, spec.end)]
    if spec.check is not None:
        pos.append((spec.line, spec.check, "check"))
    return pos


def _field_plausible(layout: Layout, name: str, lines: list[str], original: list[str]) -> bool:
    spec = layout.field(name)
    text = spec.text(lines)
    if spec.charset == "num":
        return _date_ok(text)
    if spec.charset == "alnum" and _shape_ok(spec.text(original)):
        return _shape_ok(text)
    return True


def _pick(candidates: list[tuple[list[str], float]], graded: bool) -> list[str] | None:
    """The smallest change if it is the only one (or, with match scores, clearly the cheapest)."""
    if not candidates:
        return None
    candidates = sorted(candidates, key=lambda c: c[1])
    if len(candidates) == 1:
        return candidates[0][0]
    if graded and candidates[0][1] > MAX_REPAIR_COST:
        return None  # the scores clearly saw something else: a misprint or damage, not a misread
    best, runner_up = candidates[0][1], candidates[1][1]
    if graded and (runner_up - best >= CLEAR_MARGIN or (best <= 0.3 * runner_up and runner_up - best >= 0.03)):
        return candidates[0][0]
    return None


CLEAR_MARGIN = 0.06
CHEAP_EDIT = 0.08
MAX_REPAIR_COST = 0.12


def _repair_by_checks(layout: Layout, lines: list[str],
                      evidence: Evidence | None = None) -> tuple[list[str], list[str]]:
    """Apply the smallest check-digit-driven repair when it is unambiguous; returns (lines, repaired fields)."""
    checks = _field_checks(layout, lines)
    failing = [n for n, ok in checks.items() if not ok and n != "composite"]
    if not failing and checks.get("composite", True):
        return lines, []
    graded = evidence is not None
    if not failing:
        # Every field checks but the composite does not: the composite digit itself or an unguarded
        # optional field was misread. Single edits that keep every field check.
        charsets = _charsets(layout)
        positions = [(li, col, charsets.get((li, col), "alnum")) for li, a, b in layout.composite for col in range(a, b)]
        positions.append((*layout.composite_at, "check"))
        winners = [(v, c) for v, c in _single_edits(lines, positions, evidence)
                   if all(_field_checks(layout, v).values())
                   and all(_field_plausible(layout, f.name, v, lines) for f in layout.fields)]
        chosen = _pick(winners, graded)
        return (chosen, ["composite"]) if chosen else (lines, [])
    # With match scores, "smallest" is the least evidence overruled: two near-tie edits (O/0 twice)
    # can be smaller than one clear one. Without scores only single edits are tried.
    chosen = _combine(layout, lines, failing, evidence, graded, graded)
    return (chosen, failing) if chosen is not None else (lines, [])


def _edits_for(layout: Layout, lines: list[str], name: str, evidence: Evidence | None,
               allow_pairs: bool) -> list[tuple[list[str], float]]:
    edits = _single_edits(lines, _field_positions(layout, name), evidence)
    if not allow_pairs:
        return edits
    singles = list(edits)
    cheap = [(v, c) for v, c in edits if c <= CHEAP_EDIT]
    pairs = []
    for (v1, c1), (v2, c2) in itertools.combinations(cheap, 2):
        diff = [(li, col) for li in range(len(lines)) for col in range(len(lines[li])) if v2[li][col] != lines[li][col]]
        if any(v1[li][col] != lines[li][col] for li, col in diff):
            continue  # the same cell twice
        merged = list(v1)
        for li, col in diff:
            _set(merged, li, col, v2[li][col])
        pairs.append((merged, c1 + c2))
    return singles + pairs


def _combine(layout: Layout, lines: list[str], failing: list[str], evidence: Evidence | None,
             allow_pairs: bool, graded: bool) -> list[str] | None:
    options: list[list[tuple[str, list[str], float]]] = []
    for name in failing:
        found = [(name, v, c) for v, c in _edits_for(layout, lines, name, evidence, allow_pairs)
                 if _field_checks(layout, v)[name] and _field_plausible(layout, name, v, lines)]
        if not found:
            return None
        options.append(found)
    combos: list[tuple[list[str], float]] = []
    for choice in itertools.islice(itertools.product(*options), 5000):
        merged = list(lines)
        for name, variant, _cost in choice:
            for li, col, _ in _field_positions(layout, name):
                _set(merged, li, col, variant[li][col])
        if all(_field_checks(layout, merged).values()):
            combos.append((merged, sum(c for _n, _v, c in choice)))
    return _pick(combos, graded)


# ---------------------------------------------------------------------------
# parsing and validation
# ---------------------------------------------------------------------------

def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def _parse_date(text: str, *, birth: bool, reference: dt.date) -> dt.date | None:
    if not text.isdigit() or len(text) != 6:
        return None
    yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:6])
    for century in (2000, 1900):
        try:
            d = dt.date(century + yy, mm, dd)
        except ValueError:
            return None
        if birth and d > reference:
            continue
        if not birth and d > _add_years(reference, 20):
            continue
        return d
    return None


def _names(text: str) -> tuple[str, str]:
    primary, _, secondary = text.partition("<<")
    return primary.replace("<", " ").strip(), secondary.replace("<", " ").strip()


def parse_mrz(layout: Layout, raw_lines: list[str], *, reference: dt.date | None = None,
              evidence: Evidence | None = None) -> MrzResult:
    """Repair, check and parse ``raw_lines`` (fitted to ``layout``'s width).

    ``evidence`` (the cell reader's per-cell match scores) lets field charsets pick the best
    allowed character and check-digit repair weigh the runners-up.
    """
    reference = reference or dt.date.today()
    lines = _best_allowed(list(raw_lines), evidence, layout) if evidence else list(raw_lines)
    repairs: list[str] = []
    for spec in layout.fields:
        text = spec.text(lines)
        fixed = _coerce(text, spec.charset)
        if spec.charset == "name":
            fixed = _repair_names(fixed)
        elif spec.name in ("personal_number", "optional_2"):
            fixed = _repair_optional(fixed)
        elif spec.charset == "code":
            fixed = _repair_code(fixed)
        if fixed != text:
            _set(lines, spec.line, spec.start, fixed)
            repairs.append(spec.name)
        if spec.check is not None:
            digit = lines[spec.line][spec.check]
            fixed_digit = TO_DIGIT.get(digit, digit)
            if fixed_digit in FILLER_LOOKALIKES:
                fixed_digit = "<"
            if fixed_digit != digit:
                _set(lines, spec.line, spec.check, fixed_digit)
    if layout.composite_at:
        li, col = layout.composite_at
        d = lines[li][col]
        _set(lines, li, col, TO_DIGIT.get(d, d))
    lines, check_repairs = _repair_by_checks(layout, lines, evidence)
    repairs.extend(f"check:{n}" for n in check_repairs)

    checks = _field_checks(layout, lines)
    values: dict[str, str | None] = {}
    problems: list[str] = []
    surname, given = _names(layout.field("names").text(lines))
    values["surname"], values["given_names"] = surname, given
    if not surname:
        problems.append("names_empty")
    values["document_code"] = layout.field("document_code").text(lines).replace("<", "")
    for name in ("issuing_state", "nationality"):
        code = layout.field(name).text(lines).replace("<", "")
        values[name] = codes.normalise(code) if codes.is_known(code) else None
        if values[name] is None:
            problems.append(f"{name}_unknown")
    values["document_number"] = layout.field("document_number").text(lines).strip("<")
    birth = _parse_date(layout.field("birth_date").text(lines), birth=True, reference=reference)
    expiry = _parse_date(layout.field("expiry_date").text(lines), birth=False, reference=reference)
    values["birth_date"] = birth.isoformat() if birth else None
    values["expiry_date"] = expiry.isoformat() if expiry else None
    if birth is None:
        problems.append("birth_date_invalid")
    if expiry is None:
        problems.append("expiry_date_invalid")
    elif expiry > _add_years(reference, 10) + dt.timedelta(days=31):
        problems.append("expiry_date_too_far")
    sex = layout.field("sex").text(lines)
    values["sex"] = {"M": "M", "F": "F", "<": "X"}.get(sex)
    if values["sex"] is None:
        problems.append("sex_invalid")
    values["personal_number"] = layout.field("personal_number").text(lines).strip("<")
    return MrzResult(layout, list(raw_lines), lines, checks, values, repairs, problems)


def _repair_code(text: str) -> str:
    """A code that is not a known state: accept the unique confusable substitution that makes one."""
    if codes.is_known(text.replace("<", "")) and "<" not in text.rstrip("<"):
        return text
    hits = set()
    for i, c in enumerate(text):
        for sub in CONFUSIONS.get(c, "") + ("<" if c in FILLER_LOOKALIKES else ""):
            if sub.isdigit():
                continue
            cand = text[:i] + sub + text[i + 1 :]
            if "<" in cand.rstrip("<"):
                continue
            if codes.is_known(cand.replace("<", "")):
                hits.add(cand)
    return hits.pop() if len(hits) == 1 else text


def best_reading(texts: list[str], *, reference: dt.date | None = None) -> MrzResult | None:
    """The best-scoring MRZ among the line groups found in OCR output."""
    results = [parse_mrz(layout, lines, reference=reference) for layout, lines in candidate_line_sets(texts)]
    return max(results, key=lambda r: r.score, default=None)
