"""The card number (two letters, eight digits, two letters): parsed from each OCR reading, voted, and
its letters checked against drawn glyphs, where tesseract's readings slip together."""

from __future__ import annotations

import re

import numpy as np

from docproc_alien_registration.glyphs import ALPHABET, glyph_scores

CARD_NUMBER = re.compile(r"^[A-Z]{2}\d{8}[A-Z]{2}$")
PRINTED_CARD_NUMBER = re.compile(r"(?<![A-Z0-9])[A-Z]{2}\d{8}[A-Z]{2}(?![A-Z0-9])")  # as read, no repair
CARD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
LETTER_POSITIONS = (0, 1, 10, 11)
_TO_DIGIT = str.maketrans("OQDUIlLZSBGT", "000011125867")
_TO_LETTER = str.maketrans("0125867", "OIZSBGT")
# a letter put in for a 1 or a 7 every reading saw, and the letters that digit looks as much like
_GUESSES = {"I": "ITLJ", "T": "TZ"}
_SAME_GLYPH = {"O", "0"}  # one shape in most fonts: read as either, no guess was made

# How sure the glyph comparison must be (similarities -1..1, measured on 360 generated cards of three
# seeds, no change made to a right reading): to pick between letters the readings proposed, and, much
# surer, to put in a letter none of them proposed (a Z every reading took for I).
_FONT_FIT = 0.8  # the chosen drawing must match the line's digits this well, else the font is unknown
_DIGITS_SEEN = 7  # of the eight digit cells, those whose closest digit is the voted one
_PROPOSED = (0.8, 0.05)  # (similarity, lead over the voted letter)
_UNPROPOSED = (0.9, 0.15)
# and the font drawing must fit the digits this well to put one in: the cells of a line that fits worse may be
# cut out of step (a W cut in two matched I at 0.98 on a line fitting 0.80, where the right ones fit >= 0.93)
_UNPROPOSED_FIT = 0.9

Reading = tuple[str, frozenset[int]]


def parse_card_number(text: str) -> Reading | None:
    """Two letters, eight digits, two letters, with look-alikes put right by position, and the positions
    put right (a guess: 1 may be I, T or L; not O for 0, one glyph); None if no such run. In a run longer than twelve (2G642905862WS,
    a glyph read twice) the twelve needing the fewest repairs, the first of those."""
    found = None
    for run in re.findall(r"[A-Z0-9]{12,}", re.sub(r"[^A-Za-z0-9\s]", " ", text).upper()):
        for start in range(len(run) - 11):
            read = run[start:start + 12]
            s = read[:2].translate(_TO_LETTER) + read[2:10].translate(_TO_DIGIT) + read[10:].translate(_TO_LETTER)
            repaired = frozenset(i for i in range(12) if s[i] != read[i] and {s[i], read[i]} != _SAME_GLYPH)
            if CARD_NUMBER.match(s) and (found is None or len(repaired) < len(found[1])):
                found = s, repaired
    return found


def vote_card_number(reads: list[Reading | None], page_read: Reading | None = None) -> tuple[str, float] | None:
    """Character by character, readings that needed no repair at a position outvote those that did.

    All readings alike: 0.9 (0.55 when a letter is one every reading saw as 1 or 7); differing only where
    a reading was repaired (and never where every reading was, as 1 or 7 for a letter may be I, T, L or
    Z): 0.75; else < 0.6. ``page_read``, the page pass's reading at scan size, votes too, but where at
    least three of ``reads`` (the number's own box enlarged) agree exactly it alone cannot send the
    number to review (0.75): at scan size it reads 0 as 9 (on 720 generated fronts, 32 numbers so
    doubted were all right).
    """
    voted = _vote([*reads, page_read])
    own = [r for r in reads if r]
    if voted and voted[1] < 0.6 and len(own) >= 3 and all(r[0] == voted[0] for r in own) \
            and not _guessed_letters(voted[0], own):
        return voted[0], 0.75
    return voted


def _vote(reads: list[Reading | None]) -> tuple[str, float] | None:
    found = [r for r in reads if r]
    if len(found) < 2:
        return (found[0][0], 0.4) if found else None
    chars = []
    for i in range(12):
        pool = [v[i] for v, repaired in found if i not in repaired] or [v[i] for v, _ in found]
        chars.append(max(pool, key=pool.count))
    value = "".join(chars)
    if all(v == value for v, _ in found):
        # a letter every reading saw as 1 or 7 is a guess (I or T; L, J or Z as likely)
        return value, 0.55 if _guessed_letters(value, found) else 0.9
    unrepaired_agree = all(v[i] == value[i] for v, repaired in found for i in range(12) if i not in repaired)
    guessed = [i for i in range(12) if all(i in repaired for _, repaired in found)]
    if unrepaired_agree and all(v[i] == value[i] for v, _ in found for i in guessed):
        return value, 0.75
    return value, 0.55


def _guessed_letters(value: str, found: list[Reading]) -> dict[int, str]:
    """Letter positions every reading repaired from a 1 or a 7 (a guess: I or T, as likely L, J or Z), each
    with the letters it may be."""
    return {i: _GUESSES[value[i]] for i in LETTER_POSITIONS
            if value[i] in _GUESSES and all(i in repaired for _, repaired in found)}


def _letter_judged(similar: np.ndarray, voted: str, proposed: set[str], may_invent: bool) -> tuple[str, bool]:
    """The letter at one position after the glyph comparison, and whether the comparison settled it;
    a letter no reading proposed only if ``may_invent``."""
    score = {c: float(similar[ALPHABET.index(c)]) for c in ALPHABET[:26]}
    first, *others = sorted(proposed, key=score.get, reverse=True)
    lead = score[first] - max((score[c] for c in others), default=-1.0)
    clear = score[first] >= _PROPOSED[0] and lead >= _PROPOSED[1]  # clearly the best of those proposed
    best = max(score, key=score.get)
    if may_invent and best not in proposed and score[best] >= _UNPROPOSED[0] \
            and score[best] - score[first if clear else voted] >= _UNPROPOSED[1]:
        return best, False  # no reading saw it: taken, but not for sure
    if clear and score[first] >= score[best]:  # settled, unless one none proposed fits better (W over O, M printed)
        return first, True
    if score[first] >= _PROPOSED[0] and score[first] - score[voted] >= _PROPOSED[1]:
        return first, False  # the vote's letter fits worst (H where W and N fit): the best, not for sure
    return voted, False


def judge_letters(strip: np.ndarray, voted: tuple[str, float], reads: list[Reading | None]
                  ) -> tuple[str, float]:
    """The voted number with its letters checked against drawn glyphs (``strip``: the number's line,
    dark on light, enlarged). Where the readings disagreed on a letter, a clear glyph match settles it
    (0.75 when it settles every disagreement); a letter no reading proposed is put in only on a much
    clearer match, and then for review (0.55), as is one changed without the match settling it. Without a
    usable font match the vote stands."""
    value, confidence = voted
    judged = glyph_scores(strip, value)
    if judged is None or judged[1] < _FONT_FIT:
        return voted
    similar, fit = judged
    digits_seen = sum(ALPHABET[26 + int(np.argmax(similar[i, 26:]))] == value[i] for i in range(2, 10))
    if digits_seen < _DIGITS_SEEN:  # the cells are likely out of step with the characters
        return voted
    chars, unsettled, guessed = list(value), False, False
    found = [r for r in reads if r]
    guesses = _guessed_letters(value, found)
    for i in LETTER_POSITIONS:
        proposed = {r[0][i] for r in found} | {value[i]} | set(guesses.get(i, ""))
        chars[i], settled = _letter_judged(similar[i], value[i], proposed, fit >= _UNPROPOSED_FIT)
        guessed |= chars[i] not in proposed or (chars[i] != value[i] and not settled)
        unsettled |= len(proposed) > 1 and not settled
    if guessed:  # a letter put in, or changed without the match settling it
        return "".join(chars), min(confidence, 0.55)
    if not unsettled and confidence < 0.75 and len(found) >= 2 and all(r[0][2:10] == value[2:10] for r in found):
        confidence = 0.75
    return "".join(chars), confidence
