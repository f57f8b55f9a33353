"""Kanji of a building name checked against the kanji drawn from the installed fonts.

``jpn`` reads a blurred kanji of a building name as a look-alike the same way at every scale (栄 as 楽,
青葉 as 育葉, 緑 as 縁): its LSTM's alternatives do not hold the printed glyph, and a building's name is
no word a dictionary could settle. The glyph itself still tells: cut out and compared with every common
kanji drawn in the card fonts (IPA Gothic and Mincho, as :mod:`glyphs` draws Latin letters), the printed
one matches clearly better. The kanji drawn are those of wordfreq's common Japanese words, drawn at
first use from Debian's fonts-ipafont; nothing is downloaded, and without those fonts the check is off.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import ImageFont
from wordfreq import top_n_list

from docproc.normalize import normalize_address
from docproc_alien_registration.glyphs import FONT_FILES, drawn_glyph, ink_box, unit
from docproc_alien_registration.loanwords import glyphs_in_no_word, spelt_alike
from docproc_alien_registration.reread import StripRead
from docproc_alien_registration.valuebox import Box, tight_box

_FONTS = tuple(p for p in (FONT_FILES[0], FONT_FILES[2]) if Path(p).exists())  # IPA Gothic, Mincho: kanji
_DRAW_PX = 64
_SIDE = 40  # a kanji's ink box is scaled to this square: kanji fill their em box, so the shape is kept
_BLURS = (0.0, 1.5, 3.0)  # Gaussian sigma on the drawing: a scan's blur is unknown, so try a few
_STROKES = (0, 2)  # extra stroke width at _DRAW_PX
_COMMON_WORDS = 60_000  # wordfreq's most common Japanese words whose kanji are candidates (about 3,400)
_SHORTLIST = 12  # candidates compared in every font, blur and weight after a first look in one ...
_SHORTLIST_ALONE = 60  # ... and for a kanji with no neighbour judged, where no word weeds out look-alikes
_MIN_MATCH, _MIN_LEAD = 0.75, 0.05  # similarity of the kanji put in, and its lead over the one read
_ALIGNED = 0.6  # the kanji read must match its cell this well, else the cell is cut out of step ...
_IN_STEP = 0.8  # ... unless some kanji matches it this well: a cell cut across two glyphs matches none so
_TIE = 0.02  # similarities this close are a tie
_READ_FITS = 0.7  # a kanji read that matches its cell this well is kept: a look-alike's small lead is blur
_EVERYDAY = 2000  # the commonest kanji, about as many as the jōyō list: what a lone kanji may become
_WORD_WINDOW = 0.1  # a kanji this close to the best match may make a run a word


def _square(ink: np.ndarray) -> np.ndarray | None:
    """Ink (0..1) cut to its box, scaled to the square, zero mean and unit norm, flattened."""
    if (box := ink_box(ink)) is None or box.size < 4:
        return None
    squared = unit(cv2.resize(box, (_SIDE, _SIDE), interpolation=cv2.INTER_AREA))
    return squared.ravel() if squared is not None else None


@cache
def _font(path: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, _DRAW_PX)


def _drawn(char: str, path: str, blur: float, stroke: int) -> np.ndarray | None:
    ink = drawn_glyph(char, _font(path), stroke)
    return _square(cv2.GaussianBlur(ink, (0, 0), blur * _DRAW_PX / _SIDE) if blur else ink)


@cache
def _inventory() -> tuple[str, np.ndarray]:
    """The common kanji, commonest first (by the first common word using each), each drawn once (IPA
    Gothic, a little blurred): [kanji, pixels]."""
    chars = "".join(dict.fromkeys(c for word in top_n_list("ja", _COMMON_WORDS) for c in word if "\u4e00" <= c <= "\u9fff"))
    drawn = [_drawn(c, _FONTS[0], _BLURS[1], 0) for c in chars]
    keep = [i for i, d in enumerate(drawn) if d is not None]
    return "".join(chars[i] for i in keep), np.stack([drawn[i] for i in keep])


@cache
def _common_words() -> frozenset[str]:
    return frozenset(top_n_list("ja", _COMMON_WORDS))


@cache
def _variants(char: str) -> np.ndarray:
    """``char`` in every kanji font, blur and stroke weight: [variant, pixels]."""
    drawn = [_drawn(char, path, blur, stroke) for path in _FONTS for blur in _BLURS for stroke in _STROKES]
    return np.stack([d for d in drawn if d is not None])


def kanji_cell(gray: np.ndarray, box: Box) -> np.ndarray | None:
    """One kanji's ink, grey (a blurred glyph thresholded is a blob), scaled as the drawings are."""
    x, y, w, h = box
    patch = gray[max(0, y - 2):y + h + 2, max(0, x - 2):x + w + 2].astype(np.float32)
    if patch.size == 0 or min(patch.shape) < 4:
        return None
    lo, hi = np.percentile(patch, 2), np.percentile(patch, 98)
    return _square(np.clip((hi - patch) / max(1.0, hi - lo), 0, 1))


def closest_kanji(cell: np.ndarray, read_as: str, also: frozenset[str] = frozenset(),
                  shortlist: int = _SHORTLIST) -> list[tuple[str, float]]:
    """The common kanji most like ``cell`` (the ``shortlist`` best at a first look in one face and blur, and
    ``read_as`` and ``also``, always), best first, each with its best similarity over the fonts, blurs and weights."""
    chars, drawn = _inventory()
    candidates = {chars[i] for i in np.argsort(-(drawn @ cell))[:shortlist]} | {read_as} | also
    scored = [(c, float((_variants(c) @ cell).max())) for c in candidates]
    return sorted(scored, key=lambda cs: -cs[1])


_NUMERALS = set("一二三四五六七八九十")
_NOT_NAME = set("丁目番地号室階棟第") | _NUMERALS  # address grammar and numerals, not a name's kanji
_BLOCK_THEN_BUILDING = re.compile(r"\d+(?:-\d+)+([^\d\-]+)\d*$")


def _name_kanji(building: str, k: int) -> bool:
    """Whether ``building[k]`` is a kanji of the name to check, not address grammar or a numeral; a 第 with no
    numeral after it is no ordinal (第二松本荘) but a look-alike misread (ハイツ青第 for 青葉, レジデンス第 for 栄)."""
    char = building[k]
    if not "\u4e00" <= char <= "\u9fff":
        return False
    return char not in _NOT_NAME or (char == "第" and building[k + 1:k + 2] not in _NUMERALS)


def _char_boxes(read: StripRead) -> list[tuple[str, Box]]:
    """Each character of a reading with its box: its word's box shared out by width (a kanji or kana is
    full width, a Latin glyph or digit about half)."""
    out = []
    for word, (x, y, w, h) in zip(read.words, read.boxes, strict=True):
        widths = [0.5 if ord(c) < 0x2000 else 1.0 for c in word]
        left = float(x)
        for c, share in zip(word, widths, strict=True):
            cw = w * share / sum(widths)
            out.append((c, (round(left), y, max(1, round(cw)), h)))
            left += cw
    return out


def _word_fixed(run: str, ranked: list[list[tuple[str, float]]], as_read: str = "") -> str | None:
    """A run of two or more kanji that is no common word (育葉, 寿華) made one by glyphs close to the best
    match at each place (青葉), the best-matching such word, of words fitting alike (within ``_TIE``) the one
    with more glyphs as the reading judged in spells the run, ``as_read`` (若葉 read, 天葉 voted: not 紅葉); else
    made of more glyphs in common words than as read (検本在 -> 松本荘: 松本 a word, 荘 the best match alone), the
    best-matching such run; None if there is none."""
    words = _common_words()
    choices = [[c for c, score in scores if score >= scores[0][1] - _WORD_WINDOW] for scores in ranked]
    fits = {"".join(combo): sum(dict(scores)[c] for c, scores in zip(combo, ranked, strict=True))
            for combo in itertools.product(*choices)}
    known = [w for w in fits if w in words]
    if known:
        best = max(fits[w] for w in known)
        return max((w for w in known if fits[w] >= best - _TIE),
                   key=lambda w: (sum(map(str.__eq__, w, as_read)), fits[w]))
    in_words = {combo: len(_in_words(combo)) for combo in fits}
    most = max(in_words.values(), default=0)
    if most <= len(_in_words(run)):
        return None
    return max((combo for combo in fits if in_words[combo] == most), key=fits.get)


def _kanji_fixed(char: str, ranked: list[tuple[str, float]], read_fits: float = _READ_FITS,
                 in_no_word: Callable[[str], int] = lambda _: 0) -> str:
    """One kanji put right where its glyph matches another of the everyday kanji clearly better (a building
    is named in those: not 宋 for a blurred 栄); of kanji fitting alike (``_TIE``), the one leaving the fewest
    glyphs of the name in no word (``in_no_word``: 荘 of 松本荘 at 0.83, not 柱 at 0.81), then the commoner; only
    if the kanji read matches its cell too, or the one put in matches it very well (else the cell is out of
    step); never one read that matches its cell well itself, ``read_fits`` (青 at 0.77 is not 胃 at 0.83, nor 緑
    at 0.73 株 at 0.78)."""
    read_score = dict(ranked)[char]
    if read_score >= read_fits:
        return char
    commonness = _inventory()[0][:_EVERYDAY]
    everyday = [cs for cs in ranked if cs[0] in commonness]
    if not everyday:
        return char
    best, best_score = min((cs for cs in everyday if cs[1] >= everyday[0][1] - _TIE),
                           key=lambda cs: (in_no_word(cs[0]), commonness.find(cs[0])))
    aligned = read_score >= _ALIGNED or best_score >= _IN_STEP  # 楽 read for a blurred 栄 (0.39 to 0.81)
    if aligned and best_score >= _MIN_MATCH and best_score - read_score >= _MIN_LEAD:
        return best
    return char


def building_kanji_checked(gray: np.ndarray, value: str, read: StripRead,
                           spelt: str | None = None) -> tuple[str, bool]:
    """``value`` (an address as read in ``read``) with the kanji of its building name, the name after the
    block number, put right by their glyphs: a run that is no word into the word its glyphs fit, else
    each kanji into one its glyph matches clearly better; and whether any was. With ``spelt``, only into
    kanji it holds (what some reading of the line spelt): the glyphs are drawn in the IPA fonts, and in
    another face a kanji read right may match a look-alike better (Noto's 栄 nearer IPA's 末); such a kanji is
    put in even over a kanji read that fits well, as the readings weighed it (41/51: 梁 read fitting at 0.74,
    栄 at 0.82, weighed by PP-OCRv6). Kanji that make more of the name known words are put in whether spelt or
    not, and even over a kanji read that fits well."""
    building = _building_name(value)
    chars = _char_boxes(read)
    checked = _checked_places(building)
    if (start := _building_at(building, chars, checked)) < 0:
        return value, False
    ranked: dict[int, list[tuple[str, float]]] = {}
    partners = {k: _word_partners(building, k, checked) for k in checked}
    for k in checked:
        alone = k - 1 not in checked and k + 1 not in checked
        if scores := _best_aligned(gray, chars[start + k][1], building[k], partners[k],
                                   _SHORTLIST_ALONE if alone else _SHORTLIST):
            ranked[k] = scores
    as_read = "".join(c for c, _ in chars[start:start + len(building)])  # メゾン楼 where メゾン極 was voted
    fixed = _glyphs_fixed(building, {k: [(c, score) for c, score in scores if spelt is None or c == building[k]
                                         or c in spelt or c in partners[k]] for k, scores in ranked.items()},
                          read_fits=1.0 if spelt is not None else _READ_FITS, as_read=as_read)
    # a kanji whose glyph leads clearly that makes more of the name known words (第二松本在 -> 第二松本荘: 在 fits
    # its cell at 0.78, 荘 at 0.87) is put in even where the kanji read fits well or no reading spelt it: a
    # look-alike seldom makes a word, and the word is no matter of the typeface
    freely = _glyphs_fixed(building, ranked, read_fits=1.0, as_read=as_read)
    if glyphs_in_no_word("".join(freely)) < glyphs_in_no_word("".join(fixed)):
        fixed = freely
    if fixed == list(building):
        return value, False
    return _with_building(value, building, fixed), True


def _checked_places(building: str) -> list[int]:
    """The places of ``building`` whose kanji are judged by their glyphs: a name's kanji in no common word."""
    kept = _in_words(building)
    return [k for k in range(len(building)) if _name_kanji(building, k) and k not in kept]


def _building_at(building: str, chars: list[tuple[str, Box]], checked: list[int]) -> int:
    """Where ``building`` (as put right or voted in the value: メゾン, ハイツ) is in a reading's ``chars``, which may
    spell it メソン, 八イツ, and read any kanji at the ``checked`` places (メゾン楼 for メゾン極 voted); -1 if nowhere."""
    if not building:
        return -1
    pattern = "".join("[\u4e00-\u9fff]" if k in checked else spelt_alike(c) for k, c in enumerate(building))
    found = [m.start() for m in re.finditer(pattern, "".join(c for c, _ in chars))]
    return found[-1] if found else -1


def names_building(value: str, read: StripRead, any_kanji: bool = True) -> bool:
    """Whether ``read`` has glyph boxes and reads the building name of ``value`` (an address) in them, its kanji
    to be judged read as any kanji (``any_kanji``) or as spelt in ``value``."""
    building = _building_name(value)
    checked = _checked_places(building) if any_kanji else []
    return bool(read.boxes) and _building_at(building, _char_boxes(read), checked) >= 0


def _glyphs_fixed(building: str, ranked: dict[int, list[tuple[str, float]]], read_fits: float = _READ_FITS,
                  as_read: str = "") -> list[str]:
    """``building`` with the kanji at the places of ``ranked`` (their closest drawn kanji) put right: a run that
    is no word into the word its glyphs fit (:func:`_word_fixed`), else each kanji by itself (:func:`_kanji_fixed`).
    ``as_read``: the name as the reading judged in spells it; where it spells another kanji than the value, the
    kanji chosen has no reading of this box behind it, and its fit alone does not keep it."""
    fixed = list(building)
    for run in _runs(sorted(ranked)):
        span = slice(run[0], run[-1] + 1)
        word = _word_fixed(building[span], [ranked[k] for k in run], as_read[span]) if len(run) > 1 else None
        for k in run:
            disputed = as_read[k:k + 1] not in ("", building[k])
            fixed[k] = word[k - run[0]] if word else _kanji_fixed(
                building[k], ranked[k], 1.0 if disputed else read_fits,
                lambda c, k=k: glyphs_in_no_word(building[:k] + c + building[k + 1:]))
    return fixed


def _building_name(value: str) -> str:
    """The building's name after the block number of ``value`` (an address), as spelt in it; "" when it has
    none, or no kanji font is installed (nothing to compare glyphs with)."""
    found = _BLOCK_THEN_BUILDING.search(normalize_address(value))
    building = found.group(1) if found and _FONTS else ""
    return building if building and value.rfind(building) >= 0 else ""


def _with_building(value: str, building: str, fixed: list[str]) -> str:
    """``value`` with its building's name ``building`` spelt as ``fixed``."""
    at = value.rfind(building)
    return value[:at] + "".join(fixed) + value[at + len(building):]


def building_kanji_voted(gray: np.ndarray, value: str, reads: list[StripRead]) -> tuple[str, bool]:
    """``value`` (an address) with each kanji of its building name that other readings of the line spell
    otherwise (メゾン核 chosen; メゾン桜, 村, 枯 in tesseract's) as the one of them the glyph printed there fits
    well and clearly best, judged in its box in each of ``reads`` that has glyph boxes (found after the same
    two characters): two boxes or more must pick it and none another. For a value whose own reading has no
    boxes to judge (the page pass's): the readings say which kanji may be printed there, the glyph decides.
    And whether a kanji stays disputed: kept for fitting its box well, while another two or more readings read
    there fits it as well or better (unseen 283/99: 青菜 four times, 青葉 by PP-OCRv6 and the page pass, 0.75
    and 0.77 in the one box cut in step): the glyph cannot settle what the readings disagree on."""
    if not (building := _building_name(value)):
        return value, False
    boxed = [(chars, "".join(c for c, _ in chars)) for chars in (_char_boxes(read) for read in reads if read.boxes)]
    fixed, disputed = list(building), False
    for k, char in enumerate(building):
        if k < 2 or not _name_kanji(building, k):
            continue
        after = re.compile(re.escape(building[k - 2:k]) + r"([\u4e00-\u9fff])")
        options, boxes = {char}, []
        for chars, raw in boxed:
            for at in (m.start(1) for m in after.finditer(raw)):
                options.add(raw[at])
                boxes.append(chars[at][1])
        fits = [fit for box in boxes if (fit := _fits(gray, box, options))] if len(options) > 1 else []
        if well := [fit for fit in fits if fit[char] >= _READ_FITS]:  # the kanji chosen fits well: kept (_READ_FITS)
            read_there = Counter(m[1] for read in reads for m in after.finditer(read.text))
            disputed |= any(fit[rival] >= fit[char] - _TIE for fit in well for rival, n in read_there.items()
                            if rival != char and n >= 2 and rival in fit)
            continue
        picked = [best for fit in fits if (best := _clear_best(fit))]
        if len(picked) >= 2 and len(set(picked)) == 1:  # boxes cut out of step with the glyph pick none clearly
            fixed[k] = picked[0]
    return _with_building(value, building, fixed), disputed


def _cells(gray: np.ndarray, box: Box) -> list[np.ndarray]:
    """Square cells slid along an OCR box of one kanji (which may run into the next glyph or fall short of
    its own), first shrunk to its ink: an OCR box of one kanji often runs a line too tall."""
    x, y, w, h = tight_box(gray, box) or box
    shifts = {0, (w - h) // 2, w - h, -h // 8, h // 8}
    return [cell for dx in sorted(shifts) if (cell := kanji_cell(gray, (x + dx, y, h, h))) is not None]


def _best_aligned(gray: np.ndarray, box: Box, char: str, also: frozenset[str] = frozenset(), shortlist: int = _SHORTLIST
                  ) -> list[tuple[str, float]] | None:
    """:func:`closest_kanji` for the cell along the OCR box that some kanji matches best."""
    return max((closest_kanji(cell, char, also, shortlist) for cell in _cells(gray, box)), key=lambda r: r[0][1],
               default=None)


@cache
def _two_kanji_words() -> dict[tuple[str, int], frozenset[str]]:
    """{(kanji, side): the kanji that make a common two-kanji word with it on that side (-1 before, +1 after)}."""
    pairs: dict[tuple[str, int], set[str]] = {}
    for word in _common_words():
        if len(word) == 2 and all("\u4e00" <= c <= "\u9fff" for c in word):
            pairs.setdefault((word[0], 1), set()).add(word[1])
            pairs.setdefault((word[1], -1), set()).add(word[0])
    return {key: frozenset(kanji) for key, kanji in pairs.items()}


def _word_partners(building: str, k: int, checked: list[int]) -> frozenset[str]:
    """Kanji that would make ``building[k]`` a common word with a neighbour also being checked (若第: 葉 of
    若葉), compared with its cell whether or not the first look at every kanji shortlisted them: that look
    is in one face and blur, and missed 葉 that matched the cell best of all. A 第 checked is itself a misread
    (no ordinal): no word is made with it (落第 for 若第)."""
    pairs = _two_kanji_words()
    return frozenset().union(*(pairs.get((building[k + side], -side), frozenset())
                               for side in (-1, 1) if k + side in checked and building[k + side] not in _NOT_NAME))


def _glyph_box(chars: list[tuple[str, Box]], reading: str, at: int) -> Box | None:
    """The box of ``reading[at]`` among a reading's ``chars`` (:func:`_char_boxes`): found by itself, or
    with the characters before it, where the reading's text (normalize_address'd, so not always the raw
    text) holds it once."""
    raw = "".join(c for c, _ in chars)
    for before in (0, 1, 3):
        context = reading[max(0, at - before):at + 1]
        if raw.count(context) == 1:
            return chars[raw.find(context) + len(context) - 1][1]
    return None


def _fits(gray: np.ndarray, box: Box, options: set[str]) -> dict[str, float] | None:
    """How well each kanji of ``options`` matches the glyph in ``box``, in the cell along it where one of
    them sits best (the OCR box may run into the next glyph or fall short of its own)."""
    scores = [{c: float((_variants(c) @ cell).max()) for c in options} for cell in _cells(gray, box)]
    return max(scores, key=lambda by_char: max(by_char.values()), default=None)


def _clear_best(fit: dict[str, float]) -> str | None:
    """The best-fitting choice if it fits well (>= 0.75) and leads the next by 0.05, else None."""
    ranked = [*sorted(fit.items(), key=lambda kv: -kv[1]), ("", 0.0)]
    return ranked[0][0] if ranked[0][1] >= _MIN_MATCH and ranked[0][1] - ranked[1][1] >= _MIN_LEAD else None


def one_of(gray: np.ndarray, box: Box, options: str) -> str | None:
    """The one of ``options`` (kanji: 男女) printed first in ``box``, if its glyph matches it well
    (>= 0.75) and clearly better (0.05) than the others; None otherwise, or without the kanji fonts."""
    if not _FONTS or not (fit := _fits(gray, box, set(options))):
        return None
    return _clear_best(fit)


def place_tie_broken(gray: np.ndarray, read: StripRead, reading: str, places: list[str]) -> str | None:
    """The one of ``places`` (repairs of ``reading`` equally near it in Japan Post's list, all
    normalize_address'd: 北1条西 and 北1条東 for 北1条病, 芝園町 and 北園町 for 科園町) whose kanji, where
    they differ, match the glyphs printed there well and clearly best; None if a glyph cannot be found in
    ``read`` or nothing is clear. Only places spelt with as many characters as the reading are judged:
    one that drops a character read (本町 for 車本町) wins only by the others losing."""
    same = [place for place in places if len(place) == len(reading)]
    if not _FONTS or not same:
        return None
    differ = [k for k in range(len(reading))
              if len({place[k] for place in same} | ({reading[k]} if len(same) == 1 else set())) > 1]
    if not differ or any(not "\u4e00" <= place[k] <= "\u9fff" for place in same for k in differ):
        return None
    fit, chars = dict.fromkeys(same, 0.0), _char_boxes(read)
    for k in differ:
        if (box := _glyph_box(chars, reading, k)) is None or not (best := _fits(gray, box, {p[k] for p in same})):
            return None
        for place in same:
            fit[place] += best[place[k]] / len(differ)
    return _clear_best(fit)


def _in_words(text: str) -> set[int]:
    """Places of ``text`` inside a common word of two or more kanji as read (山田; 松本 of 松本荘): read right,
    as a misread glyph seldom makes a word, while 川 may match a blurred 田 better, and a cell cut out of step
    over 松本荘 matched 室 for 本."""
    kanji = [k for k, c in enumerate(text) if "\u4e00" <= c <= "\u9fff"]
    return {k for run in _runs(kanji) for a in run for b in run if b > a and text[a:b + 1] in _common_words()
            for k in range(a, b + 1)}


def _runs(places: list[int]) -> list[list[int]]:
    """Consecutive places grouped: [1, 2, 4] -> [[1, 2], [4]]."""
    runs: list[list[int]] = []
    for k in places:
        if runs and runs[-1][-1] == k - 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs
