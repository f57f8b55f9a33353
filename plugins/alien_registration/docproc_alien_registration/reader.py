"""Read a card page: find and straighten the card, OCR it once with ``jpn``, find each field from its
printed label, and re-read the Latin fields (name, card number) with ``eng`` and a whitelist.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache, partial
from itertools import pairwise
from typing import TypeVar

import cv2
import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from docproc.normalize import normalize_address
from docproc_alien_registration.address import (
    BLOCK_NUMBER,
    PREFECTURES,
    block_number_repaired,
    fix_prefecture,
    hyphens_restored,
    long_vowel_unstuttered,
    room_number_repaired,
)
from docproc_alien_registration.address_parts import voted_by_parts
from docproc_alien_registration.cardnumber import (
    CARD_CHARS,
    PRINTED_CARD_NUMBER,
    judge_letters,
    parse_card_number,
    vote_card_number,
)
from docproc_alien_registration.dates import ERA_STARTS, parse_date_loose, parse_dates, plausible_expiry
from docproc_alien_registration.engine import has_model
from docproc_alien_registration.gazetteer import (
    TieBreak,
    longest_place,
    names_town,
    nearest_place_overall,
    place_parts,
    prefecture_of,
    snap_jointly,
    snap_place,
    town_read_elsewhere,
)
from docproc_alien_registration.glyphs import m_or_f
from docproc_alien_registration.kanji import (
    building_kanji_checked,
    building_kanji_voted,
    names_building,
    one_of,
    place_tie_broken,
)
from docproc_alien_registration.labels import (
    BACK_LABELS,
    CERTIFICATE_ONLY,
    CERTIFICATE_TITLE,
    LABEL_ORDER,
    RESIDENCE_ONLY,
    RESIDENCE_TITLE,
    STATUSES,
    back_title,
    find_labels,
    label_lines,
)
from docproc_alien_registration.loanwords import voicing_repaired
from docproc_alien_registration.locate import CANON_H, CANON_W, CardCrop, crop_card, photo_box, photo_on_left
from docproc_alien_registration.namewords import unknown_letters
from docproc_alien_registration.nationality import SHORT_NAMES, nationality_code
from docproc_alien_registration.ocr import Line, Word, ocr_lines, ocr_text
from docproc_alien_registration.paddle import Reading, considered, glyph_centres, read_lines, read_lines_with_frames
from docproc_alien_registration.place_by_frames import place_respelt
from docproc_alien_registration.reread import StripRead, plain_strip, read_strips, scaled_strip
from docproc_alien_registration.rows import INK, SEAL_COLUMN_X, text_rows
from docproc_alien_registration.valuebox import Box, glyphs_before, label_cut, text_band, tight_box, value_box

LAYOUT_RESIDENCE = "residence_card"
LAYOUT_CERTIFICATE = "alien_registration_certificate"
_NAME_SCALES = (40, 52, 64)  # text heights of the eng readings: a blurred M, W or L is misread at some only
_NAME_JPN_PX = 52  # and of jpn's second reading (its first is the kanji probe's, at 40)
_NUMBER_SCALES = (40, 54, 66)
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
_IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")  # a kanji name's glyphs; a kana after a roman name is a misread Latin word


@dataclass
class Value:
    """One field as read: value, raw text, confidence and box in crop pixels."""

    value: object
    raw: str
    confidence: float
    box: tuple[int, int, int, int] | None
    words: list[Word] = field(default_factory=list)  # the page-pass words it came from
    strip: Box | None = None  # where to re-read it: the measured value box, else the words' row

    def reread_box(self) -> Box | None:
        return self.strip or (_line_box(self.words) if self.words else None)


@dataclass
class CardReading:
    side: str  # "front" | "back" | "none"
    layout: str | None
    labels_found: int
    values: dict[str, Value] = field(default_factory=dict)
    crop: CardCrop | None = None
    address_pending: bool = False


def _union(words: list[Word]) -> tuple[int, int, int, int] | None:
    if not words:
        return None
    x0, y0 = min(w.x for w in words), min(w.y for w in words)
    x1, y1 = max(w.right for w in words), max(w.y + w.h for w in words)
    return x0, y0, x1 - x0, y1 - y0


def _mean_conf(words: list[Word]) -> float:
    return sum(w.conf for w in words) / len(words) if words else 0.0


def _row_cy(words: list[Word]) -> float:
    return sorted(w.cy for w in words)[len(words) // 2]


def _line_box(words: list[Word]) -> tuple[int, int, int, int]:
    """The words' row: their x extent, and a height from the median word (single kanji boxes run tall)."""
    x0, x1 = min(w.x for w in words), max(w.right for w in words)
    hs = sorted(w.h for w in words)
    h = hs[len(hs) // 2]
    cy = _row_cy(words)
    return x0, round(cy - h / 2), x1 - x0, h


_SPLIT_GAIN = 4  # unknown letters a respacing must make known: more than a short word's


def _vote(large: list[str | None], page: str | None,
          unknown: Callable[[str], int] | None = None) -> tuple[str, float] | None:
    """The name most readings agree on and how far to trust it.

    ``large`` are the readings of the name's box at larger scales, ``page`` the page pass's reading.
    The letters are voted first, then the spacing among the readings with those letters (a lost space,
    OCAMPOMARK, and a lost letter are separate slips). A tie goes to the longer reading (a thin glyph
    lost, ROSS for ROSSI, is likelier than one made up), then to the one more large readings agree on
    (RAFIQ twice, RAFIO once and by the page), then the first. All large readings alike: trusted (0.9),
    or fair (0.75) when only the page pass dissents, as it often loses a glyph, or only one of three or
    more large readings while the page pass agrees, or when of five or more large readings all but one
    have its letters and three its spacing too (on 720 generated fronts, 28 names so read had gone to
    review, all right); other dissent asks for review.

    ``unknown`` (letters in words that are no known word): a winner with unknown words gives way to a
    reading within two letters of it, no shorter, with fewer unknown letters (WILLTAMS twice, WILLIAMS
    twice -> WILLIAMS), for review: the readings disagreed. A reading with the same letters spaced otherwise
    must make a word of four letters or more known (OCAMPO MARK for OCAMPOMARK), not just a short one
    out of an unknown word (RAH IMOV for RAHIMOV, ANUJ IN for ANUJIN): short words are known by the thousand.
    """
    found = [v for v in large if v]
    if not found:
        return None
    votes = [*found, page] if page else found
    letters = [v.replace(" ", "") for v in votes]
    large_letters = letters[:len(found)]
    best = max(dict.fromkeys(large_letters),
               key=lambda s: (letters.count(s), len(s), large_letters.count(s)))
    spelt = [v for v in votes if v.replace(" ", "") == best]
    value = max(dict.fromkeys(spelt), key=spelt.count)
    if unknown is not None and (worst := unknown(value)):
        near = [v for v in dict.fromkeys(votes) if len(v.replace(" ", "")) >= len(best)
                and Levenshtein.distance(v.replace(" ", ""), best) <= 2
                and unknown(v) < worst - (_SPLIT_GAIN if v.replace(" ", "") == best else 0)]
        if near:
            return min(near, key=lambda v: (unknown(v), -votes.count(v))), 0.55
    if len(found) == len(large) and found.count(value) == len(found):
        return value, 0.9 if page in (None, value) else 0.75
    if len(found) == len(large) >= 3 and found.count(value) == len(found) - 1 and page == value:
        return value, 0.75
    if len(found) == len(large) >= 5 and large_letters.count(best) >= len(found) - 1 and found.count(value) >= 3:
        return value, 0.75  # jpn loses spaces (NOWAKPIOTR) where eng keeps them: spacing is no letter's dissent
    return value, 0.55 if votes.count(value) >= 2 else 0.4


@dataclass
class _Segment:
    text: str
    words: list[Word]
    label_h: int
    label: Word | None = None  # the word that ends the printed label
    value_box: Box | None = None  # the printed value, measured from the ink after the label


def _value_right(line: Line, owners: list[int], labels: list[tuple[str, int, int]], k: int,
                 photo: Box | None) -> int:
    """Where a value may end: the next label on its row, else the portrait beside it, else the card edge."""
    if k + 1 < len(labels):
        return line.words[owners[labels[k + 1][1]]].x - 4
    cy = line.words[owners[labels[k][1]]].cy
    if photo is not None and photo[1] - 10 <= cy <= photo[1] + photo[3] + 10:
        return photo[0] - 8
    return CANON_W - 12


def _segments(lines: list[Line], labelled: list[list[tuple[str, int, int]]], gray: np.ndarray,
              photo: Box | None) -> dict[str, _Segment]:
    """Text after each label up to the next label on its line, without the small English label."""
    out: dict[str, _Segment] = {}
    for line, labels in zip(lines, labelled, strict=True):
        text = line.text
        owners = line.char_words()
        for k, (name, start, end) in enumerate(labels):
            if name in out:
                continue
            stop = labels[k + 1][1] if k + 1 < len(labels) else len(text)
            label_h = line.words[owners[start]].h
            chars: list[str] = []
            words: list[Word] = []
            for i in range(end, stop):
                word = line.words[owners[i]]
                ascii_only = not _CJK.search(word.text) and not any(c.isdigit() for c in word.text)
                if owners[i] == owners[start] and ascii_only is False and not _CJK.match(text[i]):
                    continue  # English-label residue glued to the Japanese label word
                if ascii_only and word.h < 0.68 * label_h:
                    continue  # the small English label (NAME, DATE OF BIRTH ...)
                chars.append(text[i])
                if not words or words[-1] is not word:
                    words.append(word)
            first, last = line.words[owners[start]], line.words[owners[end - 1]]
            # OCR boxes of single kanji can be much too tall: keep the label's first word height and row
            label = Word(text=last.text, x=last.x, y=first.y, w=last.w, h=first.h, conf=last.conf)
            label_words = list(line.words[owners[start]:owners[end - 1] + 1])
            if end < len(text) and owners[end] == owners[end - 1]:
                # the label's last word runs on into the value (名wm坦): keep its label part, by glyph count
                tail, tail_start = label_words[-1], owners.index(owners[end - 1])
                label_words[-1] = Word(tail.text, tail.x, tail.y, round(tail.w * (end - tail_start) / len(tail.text)),
                                       tail.h, tail.conf)
            ink = tight_box(gray, _union(label_words))
            if ink and max(ink[2], ink[3]) < 0.5 * first.h:  # a speck: the grey label blurred below the ink level
                ink = _union(label_words)
            ink = label_cut(gray, ink, max(2, end - start)) if ink else None  # 名 alone read of 氏名: two kanji
            value = value_box(gray, ink, _value_right(line, owners, labels, k, photo)) if ink else None
            out[name] = _Segment("".join(chars), words, label_h, label, value)
    return out


def _gray(crop: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY) if crop.ndim == 3 else crop


def _count_fields(lines: list[Line]) -> int:
    text = "".join(ln.text for ln in lines)
    # labels read right: a page pass that only guessed them may do better on a flattened card
    labels = len({name for ln in lines for name, _, _ in find_labels(ln.text)})
    title = 2 if RESIDENCE_TITLE.search(text) or CERTIFICATE_TITLE.search(text) else 0
    return labels + title


def _name_words(segment: _Segment) -> list[Word]:
    """The roman-capital words of the name (a kanji name printed after it is left out)."""
    words: list[Word] = []
    for word in segment.words:
        if _CJK.search(word.text):
            if sum(len(w.text) for w in words) > 2:
                break
            words = []  # a letter or two before kanji are the label misread (K名守 WUAYA ADI for 氏名 NAME)
            continue
        # not a sign left of a misread label (拓吉 = ご YUSUPOVA); an O read 0 is a name's (O CONNOR)
        if words or re.search(r"[A-Za-z]", word.text) or word.text == "0":
            words.append(word)
    if segment.label is not None:  # the small English label NAME sits right after 氏名, the name further on
        lab = segment.label
        words = [w for w in words if w.right > lab.right + 3.2 * lab.h] or words
    return words


def _area_after(label: Word, photo: Box | None, shape: tuple[int, ...]) -> Box | None:
    """Where a short value after ``label`` would be, when its ink could not be measured."""
    x0, x1 = label.right, min(shape[1], label.right + CANON_W // 4)
    if photo is not None and photo[0] > x0:
        x1 = min(x1, photo[0] - 4)
    y0, y1 = max(0, label.y - label.h // 2), min(shape[0], label.y + label.h * 3 // 2)
    return (x0, y0, x1 - x0, y1 - y0) if x1 - x0 >= 20 and y1 - y0 >= 10 else None


def _to_height(patch: np.ndarray, px: int) -> np.ndarray:
    f = px / patch.shape[0]
    return cv2.resize(patch, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC if f > 1 else cv2.INTER_AREA)


def _reread_sex(gray: np.ndarray, box: Box) -> tuple[str, float] | None:
    """男/女 (or M./F.) in ``box`` when the other readings found nothing: tesseract drops a lone glyph
    in a page or a stacked strip, so it is read on its own, with only those characters allowed."""
    x, y, w, h = box
    patch = gray[max(0, y - h // 4):y + h + h // 4, max(0, x - h // 4):x + w + h // 4]
    if patch.size == 0:
        return None
    text, conf = ocr_text(_to_height(patch, 60), lang="jpn", psm=7, whitelist="男女MF.")
    if sex := _sex(text):
        return sex, 0.75 if conf >= 0.7 else 0.5
    # a printed M. or F. that jpn makes nothing of: eng reads it, without a whitelist (with one, any glyph
    # becomes a letter); at two sizes, as one alone often reads nothing, and for review
    latin = {sex for px in (40, 60) if (sex := _latin_sex(ocr_text(_to_height(patch, px), lang="eng", psm=7)[0]))}
    if len(latin) == 1:
        return latin.pop(), 0.5
    # read as nothing, or as a look-alike (業 for 男): its glyph compared with 男 and 女 drawn, for review
    glyph = one_of(gray, box, "男女")
    if glyph:
        return "M" if glyph == "男" else "F", 0.5
    # a blurred M. or F. that no reading makes anything of: its first glyph compared with M and F drawn
    letter = m_or_f(scaled_strip(gray, box, 54)[0])
    return (letter, 0.5) if letter else None


def _latin_sex(text: str) -> str | None:
    """M or F in an ``eng`` reading of the sex box: alone, after the small label read as lower case (sex
    as ane F., mM), or with its dot read as a letter (Ma., Mt.)."""
    if m := re.fullmatch(r"([MF])[a-z]?[.,]?", text):
        return m[1]
    return _sex(text)


def _status(text: str) -> tuple[str, float]:
    key = unicodedata.normalize("NFKC", text).replace(" ", "")
    key = re.sub(r"^[A-Za-z/\s]+", "", key)
    key = re.sub(r"号[口品回日□0OoD]$", "号ロ", key)  # a square read as kanji 口, 品 (jpn, sharp print) or 0
    matches = process.extract(key, STATUSES, scorer=fuzz.ratio, score_cutoff=75, limit=2)
    if not matches:
        return key, 0.3
    if len(matches) == 2 and matches[0][1] == matches[1][1]:
        return matches[0][0], 0.5  # 1号イ or 1号ロ with the last sign lost: a tie is a guess
    return matches[0][0], matches[0][1] / 100


def _sex(text: str) -> str | None:
    s = unicodedata.normalize("NFKC", text)
    if "男" in s:
        return "M"
    if "女" in s:
        return "F"
    # a small f. is a blurred F.; the dot of M. blurred into a stroke reads as L, 1, I or | (性別*ML);
    # the small English label SEX read as lower case may touch the letter (性別mM)
    m = re.search(r"\b([MF])\b|([MFmf])\.|(?<![A-Za-z])([MF])[L1I|](?![A-Za-z0-9])"
                  r"|(?<![A-Za-z])[a-z]{1,4}([MF])(?![A-Za-z0-9])", s)
    if m:
        return next(g for g in m.groups() if g).upper()
    return None


def _mostly_lower(text: str) -> bool:
    """The English label read as lower-case garbage (wws, emm); not a name with a speck glued on (eSETIAWAN)."""
    return sum(c.islower() for c in text) > sum(c.isupper() for c in text)


def _label_residue(word: str) -> bool:
    """The small English label as read before a name: lower case (hem, wm), or signs only (==, |); not a
    letter read as a digit or a sign (the O of O CONNOR read 0, or ©)."""
    return _mostly_lower(word) or not re.search("[A-Za-z0-9©]", word)


def _without_label_residue(words: list[str], rights: list[int] | None = None,
                           label_end: float | None = None) -> list[str]:
    """A name's words without the small English label read before them (hem, wm ESPOSITO), and, when
    the reading started where the labels are printed, without the label 氏名 read as letters before that
    (AG == PEREZ): words ending before ``label_end`` (where a two-kanji label would end, ``rights`` their
    right edges) and followed by the English label's residue; else they are the name's own (LI WEI)."""
    def name_from(start: int) -> list[str]:
        while start < len(words) and _label_residue(words[start]):
            start += 1
        return words[start:]

    residue = next((i for i, word in enumerate(words) if _label_residue(word)), None)
    if label_end is not None and rights is not None and residue and max(rights[:residue]) <= label_end:
        return name_from(residue) or name_from(0)  # nothing after the signs: LI WEI | is a name and a speck
    return name_from(0)


def _runs_over_next(words: list[Word], i: int) -> bool:
    """Whether the box of ``words[i]`` reaches past the middle of the next word's."""
    return i + 1 < len(words) and words[i].right > words[i + 1].x + words[i + 1].w / 2


def _unlabelled(lines: list[Line], labelled: list[list[tuple[str, int, int]]]) -> list[_Segment]:
    """Lines with no recognised label (a misread one): the words after the small English label."""
    out = []
    for line, labels in zip(lines, labelled, strict=True):
        if labels:
            continue
        heights = sorted(w.h for w in line.words)
        tall = heights[len(heights) // 2]  # not the tallest: OCR boxes of single kanji can run two rows tall
        middle = (line.words[0].x + line.words[-1].right) / 2
        # the English label comes out small, or as lower-case garbage (values are capitals, digits or kana)
        # (a box running over the next word's is garbled, its height no measure: ITUN for HTUN over TUN)
        small = [i for i, w in enumerate(line.words) if w.x < middle
                 and not _CJK.search(w.text) and not any(c.isdigit() for c in w.text)
                 and ((w.h < 0.62 * tall and not _runs_over_next(line.words, i)) or _mostly_lower(w.text))]
        cut = small[-1] + 1 if small and small[-1] < len(line.words) - 1 else 0
        words = list(line.words[cut:])
        out.append(_Segment("".join(w.text for w in words), words, tall))
    return out


# このカードは…まで有効です, its date garbled past parsing: 0生14朋5村 holds a 村 and digits, as an address would
_VALIDITY_SENTENCE = re.compile(r"まで|です|この.ード")
_Row = tuple[int, float]  # a field's place in the printed order, and its row's centre


def _neighbours(rows: dict[str, float], key: str, last: str | None = None) -> tuple[_Row, _Row] | None:
    """The nearest fields found (``rows``: field -> y) printed before and after ``key``; ``last``: the
    layout's last row, when the card's bottom edge may stand for the row after it."""
    rank = LABEL_ORDER.index(key)
    above = max(((LABEL_ORDER.index(k), y) for k, y in rows.items() if LABEL_ORDER.index(k) < rank), default=None)
    below = min(((LABEL_ORDER.index(k), y) for k, y in rows.items() if LABEL_ORDER.index(k) > rank), default=None)
    if below is None and last is not None and rank <= LABEL_ORDER.index(last):
        below = (LABEL_ORDER.index(last) + 1, float(CANON_H))
    return (above, below) if above is not None and below is not None and below[1] - above[1] > 20 else None


def _edge(rows: dict[str, float]) -> float:
    """How far a missing field's row keeps from its neighbours' rows: half the labels' row pitch (median
    over the fields found, the card number's title row left out), at least 10 px. A line nearer a
    neighbour is that row's own (the certificate's small CERTIFICATE OF ALIEN REGISTRATION under its
    title, taken for the name on 277/33)."""
    found = sorted((LABEL_ORDER.index(k), y) for k, y in rows.items() if k != "card_number")
    pitches = [(y2 - y1) / (r2 - r1) for (r1, y1), (r2, y2) in pairwise(found)]
    return max(10.0, 0.5 * statistics.median(pitches)) if pitches else 10.0


def _in_slot(free: list[_Segment], rows: dict[str, float], key: str, last: str | None = None) -> _Segment | None:
    """The unlabelled line printed where ``key``'s label is missing (misread beyond recognition): between the
    rows of its :func:`_neighbours`, the lines there taken in the printed order of the fields missing between
    them, when there are as many lines as fields (a speck read as a line, or a value beside another on its
    row, leaves no telling)."""
    if (around := _neighbours(rows, key, last)) is None:
        return None
    (above, top), (below, bottom) = around
    missing = LABEL_ORDER[above + 1:below]
    edge = _edge(rows)
    inside = sorted((f for f in free if f.words and top + edge < f.words[0].cy < bottom - edge),
                    key=lambda f: f.words[0].cy)
    return inside[missing.index(key)] if len(inside) == len(missing) else None


def _ink_row_in_slot(gray: np.ndarray, rows: dict[str, float], key: str, label: Word) -> float | None:
    """The centre of the one printed row where ``key``'s row must be, when the page pass read nothing
    there at all (a lone M. on a row of its own): its ink runs from the labels' left margin (or a speck
    before it) past where a label ends, and is about as tall as a label."""
    if (around := _neighbours(rows, key)) is None:
        return None
    edge = _edge(rows)
    top, bottom = round(around[0][1] + edge), round(around[1][1] - edge)
    found = [top + y + h / 2 for x, y, w, h in text_rows(_flattened(gray[top:bottom]))
             if x < label.x + label.h and x + w > label.x + 3 * label.h and 0.5 * label.h < h < 2 * label.h]
    return found[0] if len(found) == 1 else None


def _labelled_box(segs: dict[str, _Segment], key: str) -> Box | None:
    seg = segs.get(key)
    return seg.value_box if seg is not None else None


def _printed_kanji_start(seg: _Segment) -> int | None:
    """Where a kanji name printed after the roman one starts, by the page pass's words of the name."""
    if seg.value_box is None:
        return None
    x, _, _, h = seg.value_box
    # a kanji name has two kanji or more; one is a Latin word misread (WEI as 凡), as is a kana (WEI as だ!)
    return _kanji_name_start([(wd.text, wd.x) for wd in seg.words], x + 2 * h, min_kanji=2)


def _roman_part(seg: _Segment) -> Box | None:
    """The name's value box without a kanji name printed after the roman one."""
    if seg.value_box is None:
        return None
    x, y, _, h = seg.value_box
    start = _printed_kanji_start(seg)
    return seg.value_box if start is None else (x, y, start - 6 - x, h)


def _kanji_name_start(words: list[tuple[str, int]], after: float, min_kanji: int = 1) -> int | None:
    """Where a kanji name printed after the roman one starts among a reading's ``words`` (text, left x): the
    first of the words with kanji that end the line, past ``after`` (a roman word misread as kanji, WEI as 幅,
    is followed by one read as Latin, JUN); None without ``min_kanji`` kanji there."""
    last_latin = max((k for k, (text, _) in enumerate(words) if re.search(r"[A-Za-z]", text)), default=-1)
    kanji = [(text, x) for text, x in words[last_latin + 1:] if _IDEOGRAPH.search(text) and x > after]
    if sum(len(_IDEOGRAPH.findall(text)) for text, _ in kanji) < min_kanji:
        return None
    return min(x for _, x in kanji)


def _one_thin_i_more(longer: str, shorter: str) -> bool:
    """``longer`` is ``shorter`` with one I more (DEWI, DEW): the one glyph the enlarged, sharpened
    readings drop where the page pass at the card's own scale keeps it."""
    ops = Levenshtein.editops(shorter, longer)
    return len(ops) == 1 and ops[0].tag == "insert" and longer[ops[0].dest_pos] == "I"


def _name_reading(read: StripRead, cut: int | None, label_end: float | None,
                  starts_at: int | None = None) -> tuple[str | None, int | None]:
    """One reading of the name's box as the name, and where its first word starts: the words before
    ``cut`` (where a kanji name starts) and not ending before ``starts_at`` (where the eng readings
    start: jpn reads the small English label NAME as capitals, ME), without the labels' residue; None
    when fewer than two letters are left."""
    kept = [(text, box) for word, box in zip(read.words, read.boxes, strict=True)
            if (cut is None or box[0] < cut - 4) and (starts_at is None or box[0] + box[2] > starts_at + 2)
            and (text := _before_kanji(word, box, cut))]
    words = _without_label_residue([word for word, _ in kept], [box[0] + box[2] for _, box in kept], label_end)
    name = _latin_name(" ".join(words))
    return (name, kept[len(kept) - len(words)][1][0]) if len(name) >= 2 else (None, None)


def _before_kanji(word: str, box: Box, cut: int | None) -> str:
    """A word running on past ``cut`` up to its first kanji: jpn glues the kanji name's first glyphs to the
    roman name's last word (ZHANGJUN劉j)."""
    if cut is not None and box[0] + box[2] > cut and (kanji := _IDEOGRAPH.search(word)):
        return word[:kanji.start()]
    return word


def _latin_name(text: str) -> str:
    fixed = re.sub(r"(?<!\S)©(?=\s+[A-Za-z])", "O", text)  # eng reads a lone O before a name as ©: not a speck after
    fixed = unicodedata.normalize("NFKC", fixed).upper().translate(str.maketrans("0158", "OISB"))
    fixed = re.sub(r"(?<=[A-Z])[-.](?=[A-Z])", " ", fixed)  # the space between two names read as - or .
    fixed = re.sub(r"\((?=[A-Z])", "C", fixed)  # jpn reads a C opening a word as a bracket: (HAIYAPORN
    fixed = re.sub(r"(?<=[A-Z])[]}!|](?![^\s])", "I", fixed)  # and eng a thin I ending one as ] } ! |: AD} ADI
    return " ".join(re.sub(r"[^A-Z ]", "", fixed).split())


def _without_photo(lines: list[Line], box: tuple[int, int, int, int] | None) -> list[Line]:
    """Lines without the specks OCR finds on the portrait's edge (read as ト, |, 1 ...)."""
    if box is None:
        return lines
    x, y, w, h = box
    out = []
    for line in lines:
        # the box may have swallowed the end of a text row that runs up to the photo: trust its right part
        words = tuple(wd for wd in line.words
                      if not (x + 0.15 * w <= wd.x + wd.w / 2 <= x + w + 6 and y - 6 <= wd.cy <= y + h + 6))
        if words:
            out.append(Line(words))
    return out


def _read_front(crop: CardCrop, lines: list[Line], layout: str | None, today: dt.date) -> CardReading:
    photo = photo_box(crop.image)
    gray = _mask_photo(_gray(crop.image), photo)
    lines = _without_photo(lines, photo)
    labelled = label_lines([ln.text for ln in lines])
    segs = _segments(lines, labelled, gray, photo)
    free = _unlabelled(lines, labelled)
    labels_at = _label_margin(segs)
    margin = labels_at or _row_margin(lines, labelled)  # the labels' left edge, for a value found by its row
    by_ink = labels_at is not None  # a row of ink alone is no slot when the margin is only where rows start
    last = {LAYOUT_RESIDENCE: "validity", LAYOUT_CERTIFICATE: "period"}.get(layout or "")  # its last row
    values: dict[str, Value] = {}
    reading = CardReading("front", layout, len(segs), values, crop)

    def take(key: str, value: object, seg: _Segment, confidence: float = 1.0) -> None:
        values[key] = Value(value, seg.text, confidence * _mean_conf(seg.words), seg.value_box or _union(seg.words),
                            seg.words, seg.value_box)

    # card number and name: their value boxes (else the page pass's words), re-read larger with ``eng``
    number_words: list[Word] = []
    number_candidates = [segs["card_number"]] if "card_number" in segs else []
    number_candidates += [f for f in free if f.words and f.words[0].y < CANON_H * 0.25]
    for seg in number_candidates:
        # not the name's line: a number has digits even when blurred (RTS40410ん4)
        words = [w for w in seg.words if re.search(r"[A-Za-z0-9|]{8,}", w.text) and sum(map(str.isdigit, w.text)) >= 4]
        if words:
            number_words = words[:1]
            break
    number_box = _labelled_box(segs, "card_number") or (text_band(gray, _line_box(number_words)) if number_words
                                                         else None)
    number_box = number_box or _number_by_ink(gray)
    name_words: list[Word] = []
    name_candidates = [segs["name"]] if "name" in segs else []
    name_candidates += [f for f in free if f.words and CANON_H * 0.12 < f.words[0].y < CANON_H * 0.5]
    for seg in name_candidates:
        words = [w for w in _name_words(seg) if re.search(r"[A-Z]{2}", w.text) or len(w.text) > 2 or w.text == "0"]
        # not a line of dates or numbers; a digit or two are letters misread (TOMAS2 on 277/68)
        if words and sum(map(str.isdigit, "".join(w.text for w in words))) < 3:
            name_words = words
            break
    name_box = _roman_part(segs["name"]) if "name" in segs else None
    name_box = name_box or (_words_run_on(gray, _line_box(name_words), photo) if name_words else None)
    if name_box is None and number_box is not None:  # the line between the number's and the birth date's rows
        name_box = _slot_box("name", free, margin, _rows({}, segs, {"card_number": number_box}), gray, photo,
                             by_ink=by_ink)
    # the name at three scales and the number once more without the whitelist (it reads T as 1) in one call
    name_jobs = [(px, name_box) for px in _NAME_SCALES if name_box]
    latin = read_strips(gray, [b for _, b in name_jobs] + ([number_box] if number_box else []), lang="eng", sep=" ",
                        text_px=[px for px, _ in name_jobs] + ([44] if number_box else []))
    name_reads = latin[:len(name_jobs)]
    if number_box:
        big = _number_reads(gray, number_box)
        reads = [parse_card_number(r.text) for r in [*big, latin[-1]]]
        page_read = parse_card_number(number_words[0].text) if number_words else None
        if not any(reads) and not page_read:  # the page pass's box may have lost the first or last glyph (F21941685ZN)
            x, y, w, h = number_box
            number_box = max(0, x - w // 8), y, w + w // 4, h
            big = _number_reads(gray, number_box)
            reads = [parse_card_number(r.text) for r in big]
        if voted := vote_card_number(reads, page_read):
            voted = judge_letters(scaled_strip(gray, number_box, _NUMBER_SCALES[1])[0], voted, [*reads, page_read])
        if voted := _number_by_second_engine(gray, number_box, voted):
            values["card_number"] = Value(voted[0], big[0].text, voted[1], number_box)
    read_from = {"card_number": number_box, "name": name_box}
    # dates: birth date on its label, else the first unlabelled line with a date
    date_free = [f for f in free if parse_date_loose(f.text)]
    birth = segs.get("birth_date") or next((f for f in date_free if f.words[0].y < CANON_H * 0.55), None)
    expiry_candidates = [segs[k] for k in ("period", "validity") if k in segs]
    expiry_candidates += sorted((f for f in date_free if f.words[0].y > CANON_H * 0.6 and f is not birth),
                                key=lambda f: f.words[0].y)
    if birth and (found := parse_date_loose(birth.text, latest=today)):
        take("birth_date", found[0].isoformat(), birth, found[1])
    # sex: on its label, else after the birth date on its row, else a lone 男/女 or M./F. unlabelled
    sex_candidates = [segs["sex"]] if "sex" in segs else []
    if birth and "sex" not in segs:  # after the date (its last 日 when a misread month, 0月, parses no date)
        dates = parse_dates(birth.text)
        if (end := dates[0][1][1] if dates else birth.text.rfind("日") + 1) > 0:
            sex_candidates.append(_Segment(birth.text[end:], birth.words[-2:], birth.label_h))
    for seg in sex_candidates:
        if sex := _sex(seg.text):
            # 男 and M. (or 女 and F.) printed together and read alike leave little doubt
            if re.search(r"男\s*M|女\s*F", unicodedata.normalize("NFKC", seg.text)):
                values["sex"] = Value(sex, seg.text, max(0.9, _mean_conf(seg.words)), _union(seg.words))
            else:
                take("sex", sex, seg)
            break
    if "sex" not in values:
        for seg in free:
            if sex := _lone_sex(seg.text):
                take("sex", sex, seg)
                break
    if "sex" not in values:  # short unlabelled rows (a misread 性別) holding 男/女
        for seg in free:
            if len(seg.text) <= 6 and (sex := _sex(seg.text)):
                take("sex", sex, seg, 0.8)
                break
    if "sex" not in values and (box := _labelled_box(segs, "sex")):  # the page pass dropped the lone 男/女
        values["sex"] = Value(None, "", 0.0, box, [], box)  # the second opinion reads it
    if "sex" not in values:  # no value box either: read the space after the label
        label_seg = segs.get("sex") or next(
            (_Segment("", [], ln.words[0].h, ln.words[min(1, len(ln.words) - 1)]) for ln in lines
             if ln.words[0].text[:1] in "性牲" and len(ln.text) <= 8), None)
        area = _area_after(label_seg.label, photo, gray.shape) if label_seg and label_seg.label else None
        if area and (found := _reread_sex(gray, area)):
            values["sex"] = Value(found[0], found[0], min(0.6, found[1]), area)
    # nationality: the printed short name, fuzzy
    nat_candidates = ([segs["nationality"]] if "nationality" in segs else []) + free
    for seg in nat_candidates:
        code = nationality_code(re.sub(r"^[A-Za-z/\s]+", "", seg.text), min_score=72 if seg in free else 60)
        if code:
            # a known name matched in full is strong evidence even when tesseract doubted its glyphs
            values["nationality"] = Value(code[0], seg.text, code[1] * (0.5 + 0.5 * _mean_conf(seg.words)),
                                          seg.value_box or _union(seg.words), seg.words, seg.value_box)
            break
    # status of residence: the legal vocabulary, fuzzy
    status_candidates = ([segs["status_of_residence"]] if "status_of_residence" in segs else []) + free
    for seg in status_candidates:
        status, score = _status(seg.text)
        if score >= 0.75 or seg is segs.get("status_of_residence"):
            values["status_of_residence"] = Value(status, seg.text, score * (0.5 + 0.5 * _mean_conf(seg.words)),
                                                  seg.value_box or _union(seg.words), seg.words, seg.value_box)
            break
    # address: after 住居地/居住地, else the longest unlabelled line that looks like an address
    address_seg = segs.get("address")
    if address_seg is None:
        looks = [f for f in free if re.search(r"[都道府県市区町村]", f.text) and re.search(r"\d", f.text)
                 and len(f.text) >= 8 and not parse_dates(f.text) and not _VALIDITY_SENTENCE.search(f.text)
                 and f.words[0].cy > CANON_H * 0.2]  # not the title's row (日本国政府在留カード 番号 AE…)
        # else the line between the fields around it (a field's row: its label's, else its value's)
        in_slot = _in_slot(free, _rows(values, segs, read_from), "address", last)
        address_seg = max(looks, key=lambda f: len(f.text), default=None) or in_slot
        if address_seg and margin and abs(address_seg.words[0].x - margin.x) < margin.h:  # its label misread
            _, top, _, height = _union(address_seg.words)  # (the words' row centre is off: 地 boxed two rows tall)
            address_seg = replace(address_seg, value_box=_value_on_row(gray, top, height, margin, photo, address_seg,
                                                                       3.4))  # past 住居地, not the free line's box
    if address_seg and address_seg.text:
        if re.search(r"未定|裏面|届出後", address_seg.text):
            reading.address_pending = True
        else:
            take("address", re.sub(r"^[A-Za-z/\s]+", "", address_seg.text), address_seg)
    # expiry: the period line, else the validity sentence, else the last unlabelled date below the status
    for seg in expiry_candidates:
        dates = parse_dates(seg.text)
        found = (dates[-1][0], 1.0) if dates else parse_date_loose(seg.text, near=today)
        if found:
            take("expiry_date", plausible_expiry(found[0], today).isoformat(), seg, found[1])
            break
    # a labelled value the page pass could not make out is left to the larger readings, and so is the
    # value of a label misread past recognition (生地域 for 国籍・地域), found between its neighbours' rows
    slotted: list[str] = []
    for key, label in (("birth_date", "birth_date"), ("nationality", "nationality"), ("expiry_date", "period"),
                       ("status_of_residence", "status_of_residence"), ("address", "address")):
        if key in values or (key == "address" and reading.address_pending):
            continue
        labelled = _labelled_box(segs, label)
        if box := labelled or _slot_box(label, free, margin, _rows(values, segs, read_from), gray, photo, last,
                                        by_ink=by_ink):
            values[key] = Value(None, "", 0.0, box, [], box)
            if not labelled:
                slotted.append(key)
    validity, expiry = _labelled_box(segs, "validity"), values.get("expiry_date")
    extra = {"expiry_date": [validity]} if validity and expiry and expiry.strip not in (None, validity) else {}
    date_boxes = {key: box for key in _DATES if key in values and (box := values[key].reread_box())}
    kanji_probe = _second_opinion(gray, values, today, extra, probes=[name_box] if name_box else [])
    _dates_by_second_engine(gray, values, date_boxes, today, slotted)
    for key in (k for k in slotted if k in values):  # a row found by position, not by its label: not for sure
        values[key] = replace(values[key], confidence=min(0.75, values[key].confidence))
    if name_box:
        # a kanji name printed after the roman one: eng reads it as stray letters; jpn tells where it starts
        cut = _kanji_name_start([(word, box[0]) for word, box in zip(kanji_probe[0].words, kanji_probe[0].boxes,
                                                                     strict=True)], name_box[0] + 2 * name_box[3])
        cut = cut or (_printed_kanji_start(segs["name"]) if "name" in segs else None)
        # a name box starting at the labels' margin holds the label 氏名 (read as letters, AG, IL) first
        label_end = margin.x + 2.6 * margin.h if margin and name_box[0] < margin.x + margin.h else None
        # eng and jpn misread different letters (MARTA / WILUAMS for MARIA / WILLIAMS): both vote
        eng = [_name_reading(r, cut, label_end) for r in name_reads]
        starts = sorted(x for _, x in eng if x is not None)
        starts_at = starts[len(starts) // 2] if starts else None
        # jpn at 40 px rode along with the other fields; at 52 px it is read on its own, as a strip added to
        # that call changes how tesseract reads the others (addresses, dates) there
        jpn = [*kanji_probe, *read_strips(gray, [name_box], lang="jpn", text_px=_NAME_JPN_PX)]
        romans = [name for name, _ in eng] + [_name_reading(r, cut, label_end, starts_at)[0] for r in jpn]
        page_name = _latin_name(" ".join(w.text for w in name_words)) or None
        read_twice = cache(partial(_name_read_twice, gray, name_box))  # PP-OCRv6's reading, made once at most
        if voted := _name_by_second_engine(gray, name_box, _vote(romans, page_name, unknown_letters), romans,
                                            page_name, read_twice):
            if page_name and (len(page_name.replace(" ", "")) > len(voted[0].replace(" ", ""))
                              or page_name.count(" ") > voted[0].count(" ")):
                # the page pass saw more: the box may have cut the name (a word: O of O CONNOR), or the enlarged
                # readings lost a thin I (unless PP-OCRv6 reads the vote too: CIHEN for CHEN on 277/76)
                thin_i = _one_thin_i_more(page_name, voted[0]) and read_twice() != voted[0]
                voted = page_name if thin_i else voted[0], min(voted[1], 0.55)
            if " " not in voted[0]:  # one word: most often two run together (VUTHILAN) or one lost (DIEGO of PEREZ
                voted = voted[0], min(voted[1], 0.55)  # DIEGO), read so at every scale; one name alone is rare
            values["name"] = Value(voted[0], name_reads[0].text, voted[1], name_box)
    if "sex" not in values and (box := _labelled_box(segs, "sex")) and (found := _reread_sex(gray, box)):
        values["sex"] = Value(found[0], found[0], found[1], box)
    rows = _rows(values, segs, read_from)
    if "sex" not in values and (box := _slot_box("sex", free, margin, rows, gray, photo, last, by_ink=by_ink)) and (
            found := _reread_sex(gray, box)):  # its label misread past recognition (に:)に王昌昌 for 性別 M.)
        values["sex"] = Value(found[0], found[0], min(0.6, found[1]), box)
    return reading


def _rows(values: dict[str, Value], segs: dict[str, _Segment], boxes: dict[str, Box | None] | None = None
          ) -> dict[str, float]:
    """Where each field is printed (its row's centre): its label's row, else the row its value was read from
    (its words, else its box in ``boxes``: the card number's and the name's are read from boxes only)."""
    rows = {k: box[1] + box[3] / 2 for k, box in (boxes or {}).items() if box is not None}
    rows.update({"period" if k == "expiry_date" else k: _row_cy(v.words)
                 for k, v in values.items() if v.words and k != "address"})
    rows.update({k: s.label.cy for k, s in segs.items() if s.label is not None})
    return rows


def _number_reads(gray: np.ndarray, box: Box) -> list[StripRead]:
    """The number's box read with ``eng`` and the A-Z0-9 whitelist at each of its scales, in one call."""
    return read_strips(gray, [box] * len(_NUMBER_SCALES), lang="eng", whitelist=CARD_CHARS,
                       text_px=list(_NUMBER_SCALES))


def _number_by_second_engine(gray: np.ndarray, box: Box, voted: tuple[str, float] | None
                             ) -> tuple[str, float] | None:
    """The card number as PP-OCRv6 reads it at two scales, when both readings give the same number:
    sure (0.9) when tesseract's judged vote (``voted``) has it too, else taken for review (0.55; tesseract
    found none, or another). Else ``voted`` stands. On seed 29's 120 generated fronts (150 dpi, blurred)
    its readings were right on 119, tesseract's vote on 110: it tells M from W and 3 from 9 in blur."""
    found = {parse_card_number(text) for text, _ in
             read_lines([plain_strip(gray, box, px)[0] for px in _PADDLE_TWICE_PX])}
    if len(found) != 1 or (read := found.pop()) is None:
        return voted
    if voted and voted[0] == read[0]:
        return read[0], max(voted[1], 0.9)
    return read[0], 0.55


_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z .]*")  # a roman name read by PP-OCRv6, up to a kanji name after it


def _name_by_second_engine(gray: np.ndarray, box: Box, voted: tuple[str, float] | None, romans: list[str | None],
                           page: str | None, read_twice: Callable[[], str | None]) -> tuple[str, float] | None:
    """The vote (``voted``) for review made fair (0.75) when PP-OCRv6 reads its name at two scales too
    (``read_twice``: :func:`_name_read_twice` of the box, read once however often asked), as
    do three or more of tesseract's five large readings (``romans``), and it is two words or more, all known:
    two engines whose slips differ agree (two readings were too few: a blurred K both read M, MAYA ELIF for
    KAYA ELIF on unseen seed 199). With no vote (every tesseract reading empty: a clear FERRARI LUCA read
    as nothing at three scales), PP-OCRv6's name of two words or more is taken for review (0.55). A vote for
    review gives way, still for review, to PP-OCRv6's name where that is the better supported
    (:func:`_second_engine_better`). Else the vote stands.

    PP-OCRv6 only confirms: alone it is no better than tesseract, dropping a letter alike at every scale
    (HOSSAN, FATIA for FATMA) and running words together (PATELDEEPIKA), and the two engines share some
    slips (Q read O, I read T, the space of KARIMOV JASUR lost) and read the same box (WRIGHT AMELIA boxed as
    AMELIA; SAETANG KITTI as ETANG KITTI, whose cut letters lie just before the box: not confirmed). On six
    seeds' 720 generated fronts, taking its name wherever tesseract's readings were split put one right and
    two wrong, and three names both engines agreed on were wrong, each one word or with an unknown one (RAFIO).
    """
    if voted is None:
        name = read_twice()
        return (name, 0.55) if name and len(name.split()) >= 2 else None
    if voted[1] >= 0.75:
        return voted
    name = read_twice()
    if name and name != voted[0] and _second_engine_better(name, voted[0], [*romans, page]):
        return name, 0.55
    if romans.count(voted[0]) < 3 or len(voted[0].split()) < 2 or unknown_letters(voted[0]):
        return voted
    if glyphs_before(gray, box) < box[0] - 2:  # letters just before the box: both engines read a cut name alike
        return voted  # (ETANG KITTI for SAETANG KITTI: two known words)
    return (voted[0], 0.75) if name == voted[0] else voted


def _second_engine_better(name: str, voted: str, readings: list[str | None]) -> bool:
    """Whether PP-OCRv6's ``name`` (alike at two scales) beats tesseract's doubted vote: two words or more, no
    shorter (a lost thin glyph, HOSSAN for HOSSAIN, is its commonest slip), and either one of tesseract's
    ``readings`` too, with more of them and its own two than the vote has (MACDONALD OLIVIA twice and by
    PP-OCRv6 against OUVIA three times; EZE AMAKA, where the known word AMARA, read once, had won), or all
    known words where the vote has an unknown one, two letters off or less (HOANG VAN ANH for BOANG VAN ANH,
    HERNANDEZ for RERNANTEZ, tesseract's only reading), but not by the slips both engines make (RAFIO for RAFIQ,
    read so three times by tesseract and twice by PP-OCRv6). On six seeds' 720 generated fronts it put six names
    right and none wrong."""
    letters, voted_letters = name.replace(" ", ""), voted.replace(" ", "")
    if len(name.split()) < 2 or len(letters) < len(voted_letters):
        return False
    if name in readings and readings.count(name) + 2 > readings.count(voted) \
            and not _by_shared_slips(voted_letters, letters):
        return True
    return not unknown_letters(name) and unknown_letters(voted) > 0 \
        and Levenshtein.distance(letters, voted_letters) <= 2


_SHARED_SLIPS = {("Q", "O"), ("I", "T")}  # (printed, read): letters tesseract and PP-OCRv6 both misread so


def _by_shared_slips(printed: str, read: str) -> bool:
    """Whether ``read`` differs from ``printed`` only by letters both engines misread alike (``_SHARED_SLIPS``)."""
    ops = Levenshtein.editops(printed, read)
    return bool(ops) and all(op.tag == "replace" and (printed[op.src_pos], read[op.dest_pos]) in _SHARED_SLIPS
                             for op in ops)


def _name_read_twice(gray: np.ndarray, box: Box) -> str | None:
    """The roman name PP-OCRv6 reads alike at both of ``_PADDLE_TWICE_PX``, else None."""
    reads = read_lines([plain_strip(gray, box, px)[0] for px in _PADDLE_TWICE_PX])
    found = {_latin_name(run[0]) if (run := _LATIN_RUN.search(text)) else "" for text, _ in reads}
    return found.pop() or None if len(found) == 1 else None


# PP-OCRv6 reads the era 令 (printed in Japan only since 2019) as 合, 分, 命 or 书: no other era ends in 和
# but 昭和, which it reads right
_PADDLE_ERA = re.compile(r"[合分命书]和(?=\s*\d)")


def _dates_by_second_engine(gray: np.ndarray, values: dict[str, Value], boxes: dict[str, Box], today: dt.date,
                            slotted: list[str]) -> None:
    """The birth and expiry dates as PP-OCRv6 reads their own box (``boxes``, as the second opinion read them)
    at two scales, when both readings give the same date outright (no era or digit guessed): sure (0.9)
    when tesseract's vote has it too, else taken for review (0.55; tesseract read another, or none). Else
    tesseract's vote stands. On seeds 7 and 29's 240 generated fronts such readings were never wrong (463
    of 476 dates): they put right all 7 of tesseract's wrong dates they read, and confirmed 40 right ones
    tesseract had sent to review. A date whose row was found by position (``slotted``), not by its label, is
    not made surer: on unseen seed 199 a blurred 8月 both engines read 5月 was such a row."""
    jobs = list(boxes.items())
    reads = read_lines([plain_strip(gray, box, px)[0] for _, box in jobs for px in _PADDLE_TWICE_PX])
    for n, (key, box) in enumerate(jobs):
        texts = [text for text, _ in reads[2 * n:2 * n + 2]]
        if any(_DAY_CUT_SHORT.search(text) for text in texts):  # the box ends inside the day: as for tesseract's
            continue
        found = {_interpret(key, _PADDLE_ERA.sub("令和", text), today) for text in texts}
        if len(found) != 1 or (date := found.pop()) is None or isinstance(date, _Settled):
            continue
        if (old := values.get(key)) is None:
            values[key] = Value(date, reads[2 * n][0], 0.55, box, [], box)
        else:
            sure = old.confidence if key in slotted else max(old.confidence, 0.9)
            values[key] = replace(old, value=date, confidence=sure if old.value == date else 0.55)


def _number_by_ink(gray: np.ndarray) -> Box | None:
    """The card number's box when the page pass found no word of its line (a wavy guilloche can hide the
    whole top row from tesseract's layout analysis): the last word of ink on a row in the card's top
    right long enough for twelve characters."""
    left, bottom = CANON_W // 2, CANON_H // 5
    corner = _flattened(gray[:bottom, left:])
    for x, y, w, h in text_rows(corner):
        columns = np.flatnonzero((corner[y:y + h, x:x + w] < INK).sum(axis=0))
        if len(columns) == 0:
            continue
        words = np.split(columns, np.flatnonzero(np.diff(columns) > 0.8 * h) + 1)
        if long := [wd for wd in words if wd[-1] + 1 - wd[0] >= 5 * h]:  # not specks after it
            start, end = int(long[-1][0]), int(long[-1][-1]) + 1
            return left + x + start, y, end - start, h
    return None


def _words_run_on(gray: np.ndarray, box: Box, photo: Box | None) -> Box:
    """The page pass's words of a value, widened to the ink that runs on after them on their row: the
    page pass drops a blurred word it reads as kana or lower case (BATBAYAR [TEMUULEN]), or the first
    letters of a word, or a short first word before them (WU of WU MEI LING; the label is farther off)."""
    x, y, w, h = box = text_band(gray, box)
    first = glyphs_before(gray, box, words=1)  # and the first letters it lost (ELLY for KELLY)
    x, w = first, w + x - first
    start = (x - 3, y, 1, h)  # a zero-width "label" just before the first word
    measured = value_box(gray, start, photo[0] - 8 if photo and photo[0] > x + w else CANON_W - 12)
    if measured is None or abs(measured[0] - x) > h or measured[0] + measured[2] <= x + w:
        return x, y, w, h
    return x, y, measured[0] + measured[2] - x, h


def _label_margin(segs: dict[str, _Segment]) -> Word | None:
    """The leftmost label found: where the labels are printed (not the card number's, top right on some
    layouts)."""
    return min((seg.label for seg in segs.values() if seg.label is not None), key=lambda label: label.x, default=None)


def _row_margin(lines: list[Line], labelled: list[list[tuple[str, int, int]]]) -> Word | None:
    """Where the labels are printed when none was recognised (all misread, 人を等日 for 生年月日): the
    median left edge and height of the first words of three or more unlabelled rows below the title."""
    firsts = [line.words[0] for line, labels in zip(lines, labelled, strict=True)
              if not labels and line.words and line.words[0].y > CANON_H * 0.12]
    if len(firsts) < 3:
        return None
    x, h = sorted(w.x for w in firsts)[len(firsts) // 2], sorted(w.h for w in firsts)[len(firsts) // 2]
    return Word("", x, 0, h, h, 0.0)


def _slot_box(key: str, free: list[_Segment], margin: Word | None, rows: dict[str, float], gray: np.ndarray,
              photo: Box | None, last: str | None = None, *, by_ink: bool = True) -> Box | None:
    """The value box of ``key`` when its label was misread past recognition: on its unlabelled line between
    its neighbours' rows (:func:`_in_slot`, else the one row of ink there), the ink after where the label is
    printed (the ink of two glyphs or so from the labels' left ``margin``), past the small English label.
    ``by_ink``: whether the one row of ink there will do when no unlabelled line is."""
    if margin is None:
        return None
    slot = _in_slot(free, rows, key, last)
    cy = _row_cy(slot.words) if slot else _ink_row_in_slot(gray, rows, key, margin) if by_ink else None
    if cy is None:
        return None
    return _value_on_row(gray, round(cy - margin.h / 2), margin.h, margin, photo, slot)


def _value_on_row(gray: np.ndarray, top: int, height: int, margin: Word, photo: Box | None,
                  slot: _Segment | None, label_w: float = 2.4) -> Box | None:
    """The value box on the row within ``top`` and ``height`` whose label (misread) is printed at the labels'
    ``margin``: the ink after ``label_w`` label heights (two glyphs or so) from the margin, past the small
    English label."""
    right = photo[0] - 8 if photo else CANON_W - 12
    label = tight_box(gray, (margin.x, top, round(label_w * margin.h), height))
    if found := value_box(gray, label, right) if label else None:
        return found
    # no ink where the label is printed: after the words the page pass read there (its label cut off)
    return value_box(gray, (slot.words[0].x - 3, top, 1, margin.h), right) if slot else None


_LABEL_HEAD = re.compile(r"^.{0,3}?(?:[住居][居住]地|国籍(?:[・･.]?地域)?)")
_MISREAD_LABEL = re.compile(r"^[^a-z\d]{0,4}?[*a-z]{3,}")  # 住属夫*mwsr: the labels misread, English in lower case


def _value_text(text: str) -> str:
    """A re-read value line without a label (or English label) caught at its left end, also when both
    were misread (no Japanese value holds a lower-case run)."""
    text = _LABEL_HEAD.sub("", unicodedata.normalize("NFKC", text).replace(" ", ""))
    return re.sub(r"^[A-Za-z/.,:;()\-_]+", "", _MISREAD_LABEL.sub("", text))


_ROUND_DIGITS = set("0689")  # the digits jpn confuses and eng tells apart; any other change is misaligned


def _digits_from(latin: StripRead, read: StripRead) -> str:
    """The ``jpn`` reading's text with its digit-only words re-read by ``eng`` (which tells 0 from 9, 8
    and 6 where ``jpn`` often does not): each takes the one ``eng`` digit run of the same length found
    where it lies on the card, if it differs only in those digits (else the run is out of step with the
    print: BAIS27 for 昭和52年); any doubt keeps the ``jpn`` digits."""
    runs = [(m.group(), x + w * m.start() / len(word), x + w * m.end() / len(word))
            for word, (x, _, w, _) in zip(latin.words, latin.boxes, strict=True)
            for m in re.finditer(r"\d+", unicodedata.normalize("NFKC", word))]
    # tesseract's box of a line's first word often spans the line: a word ends where the next begins
    starts = [x for x, _, _, _ in read.boxes]
    ends = [min(x + w, after) for (x, _, w, _), after in zip(read.boxes, [*starts[1:], 10**9], strict=False)]
    out = []
    for word, x, end in zip(read.words, starts, ends, strict=True):
        digits = unicodedata.normalize("NFKC", word)
        if digits.isdigit():
            under = [run for run, left, right in runs if min(right, end) - max(left, x) > 0.5 * (right - left)]
            if len(under) == 1 and len(under[0]) == len(digits) and all(
                    a == b or {a, b} <= _ROUND_DIGITS for a, b in zip(digits, under[0], strict=True)):
                word = under[0]
        out.append(word)
    return "".join(out)


_SCALES = (40, 50, 60)  # text heights of the large readings: one scale alone has unlucky glyphs (8 read 9)


# tesseract's model of the Japanese script (Debian's tesseract-ocr-script-jpan), trained apart from jpn: its
# slips fall elsewhere (a room's 1105 that jpn reads 1号室, a town's kanji), so its readings vote beside jpn's
_SCRIPT_MODEL = "Japanese"
_REREAD = ("birth_date", "expiry_date", "nationality", "address", "sex", "status_of_residence")
_DATES = ("birth_date", "expiry_date")
# a date reading that ends in its day's digits, no 日 after them; or in a speck or two after them (10月1: where
# 10月13日 ran on under the portrait, its 3 half hidden)
_DAY_CUT_SHORT = re.compile(r"月\s*\d{1,2}\s*[^\d\s日]{0,2}$")
_DIGITS = (*_DATES, "address")
# Fields PP-OCRv6 also reads (:mod:`paddle`), from their box enlarged so its text is this high: its one vote is
# what two of the three read alike, else the first's (at 48 px alone it read 6-4-20 as 6-4820, right at 40 and 56);
# a status of residence blurred past tesseract (留学, 家族滞在 at 150 dpi, rotated) it often still reads
_PADDLE = ("address", "status_of_residence")
_PADDLE_PX = (48, 40, 56)
_PADDLE_TWICE_PX = (32, 44)  # the card number and the dates: read at both, sure only when alike
# Fields whose garbled readings find nothing far more often than another value (a lone 男 or M. read as
# nothing; a country or status no name of the list; a date no date): this many readings found alike, and
# none another value, are fair evidence; for a date, also this many of its own box's readings, as the page
# pass and the validity sentence's small print slip (on 720 generated fronts, the 98 sexes, 59 nationalities,
# 45 statuses and 72 expiry dates so read and sent to review were all right, and 85 expiry dates six readings
# of their box agreed on; dates read alike three or four times were wrong 2 in 23: a thin 1 of 11月 lost by all)
_FOUND_ALIKE = {"sex": 3, "nationality": 3, "status_of_residence": 3, "birth_date": 5, "expiry_date": 5}
# An address four of its box's six readings read alike is fair: the others garble a glyph or a hyphen each
# their own way (on 720 generated fronts, 68 so read and sent to review were right and one wrong, 中川セ丁目
# for 中川7丁目, which the check for a number after the town now sends to review)
_OWN_ALIKE = 4


def _second_opinion(gray: np.ndarray, values: dict[str, Value], today: dt.date,
                    extra: dict[str, list[Box]] | None = None, probes: list[Box] | tuple = (),
                    also: dict[str, list[str]] | None = None) -> list[StripRead]:
    """Re-read the Japanese fields larger, at three scales in one ``jpn`` call and one call of the Japanese
    script model, digits checked by one ``eng`` call; the large readings (of the value's box and of any
    ``extra`` box printing the same value, such as the card's validity sentence for the expiry date) and the
    page pass vote.

    All large readings alike: trusted (0.9), or fair (0.75) when only the page pass dissents or one
    of five or more large readings does, or, for the fields of ``_FOUND_ALIKE``, when enough readings found
    the value and none another. Other dissent asks for review (< 0.6), keeping the most
    voted value (ties: the smaller scale, the value's own box). ``probes`` ride along in the ``jpn``
    call (at the smallest scale); their readings are returned. ``also``: a field's readings from
    another pass over the card, which vote as the page pass does. The address and the status are also read by
    PP-OCRv6 (:mod:`paddle`) at three scales: one more large reading of their own box (places equally near an
    address told apart by the town tesseract's readings spell), and three more texts for the search of a place
    every reading garbled.
    """
    jobs = [(k, box) for k in _REREAD if k in values and (box := values[k].reread_box())]
    jobs += [(k, box) for k, boxes in (extra or {}).items() if k in values for box in boxes]
    if not jobs and not probes:
        return []
    boxes, sizes = [b for _, b in jobs] * len(_SCALES), [px for px in _SCALES for _ in jobs]
    reads = read_strips(gray, boxes + list(probes), lang="jpn", text_px=sizes + [_SCALES[0]] * len(probes))
    probed, reads = reads[len(reads) - len(probes):], reads[:len(reads) - len(probes)]
    models = [reads]
    if has_model(_SCRIPT_MODEL):
        models.append(read_strips(gray, boxes, lang=_SCRIPT_MODEL, text_px=sizes))
    digit_jobs = [n for n, (k, _) in enumerate(jobs) if k in _DIGITS]
    latin = dict(zip(digit_jobs, read_strips(gray, [jobs[n][1] for n in digit_jobs], lang="eng", text_px=44),
                     strict=True))
    paddle_jobs = [n for n, (k, _) in enumerate(jobs) if k in _PADDLE]
    paddle_strips = [(jobs[n][1], plain_strip(gray, jobs[n][1], px)) for n in paddle_jobs for px in _PADDLE_PX]
    paddle_reads = read_lines_with_frames([strip for _, (strip, _) in paddle_strips])

    def by_job(items: list) -> dict[int, list]:  # each job's readings at its ``_PADDLE_PX`` scales
        return {n: items[k * len(_PADDLE_PX):(k + 1) * len(_PADDLE_PX)] for k, n in enumerate(paddle_jobs)}

    paddle = by_job(paddle_reads)
    paddle_boxed = by_job([_glyphs_boxed(line, box, *strip)
                           for line, (box, strip) in zip(paddle_reads, paddle_strips, strict=True)])
    for key in dict.fromkeys(k for k, _ in jobs):
        old = values[key]
        big, total, texts = [], 0, []
        own_job = next(n for n, (k, _) in enumerate(jobs) if k == key)  # the value's own box; then extra ones
        for n in (n for n, (k, _) in enumerate(jobs) if k == key):
            for read in (model[n + s * len(jobs)] for model in models for s in range(len(_SCALES))):
                total += 1
                text = _digits_from(latin[n], read) if n in latin else read.text
                text = text if key == "sex" else _value_text(text)
                texts.append(text)
                tie_break = partial(place_tie_broken, gray, read) if key == "address" else None
                if (value := _interpret(key, text, today, tie_break)) is not None:
                    big.append((value, read, n == own_job))
            if n in paddle:  # one vote: the value most of its scales read, else its first scale's
                total += 1
                tie_break = town_read_elsewhere(texts)
                found = [(value, read) for read in paddle_boxed[n]
                         if (value := _interpret(key, _value_text(read.text), today, tie_break)) is not None]
                counts = Counter(_norm(key, value) for value, _ in found)
                if found:
                    value, read = max(found, key=lambda f: counts[_norm(key, f[0])] > 1)
                    big.append((value, read, n == own_job))
                texts += [_value_text(line.text) for line in paddle[n]]
        if not big:
            if key == "nationality" and (code := _country_by_glyph(gray, old.reread_box(), texts)):
                values[key] = Value(code, old.raw, 0.55, old.box, old.words, old.strip)  # one glyph judged: review
            elif old.value is None:
                del values[key]
            else:
                values[key] = Value(old.value, old.raw, min(0.5, old.confidence), old.box, old.words, old.strip)
            continue

        if key == "birth_date":
            big = _eras_read_outright(big)
        if key in _DIGITS:  # voted apart: the small validity sentence beside an expiry date reads 9 as 0
            parts = ([c for c in big if c[2]], [c for c in big if not c[2]])
            big = [(v, r, m) for part in parts for v, (_, r, m) in
                   zip(_zeros_settled([c[0] for c in part], only_digits=key == "address"), part, strict=True)]
        settled = any(isinstance(v, _Settled) for v, _, _ in big)
        # the page pass votes too (its text at the card's own scale sometimes beats every enlargement)
        page_value = _interpret(key, str(old.value), today) if key == "address" and old.value else old.value
        elsewhere = [v for text in (also or {}).get(key, []) if (v := _interpret(key, text, today)) is not None]
        pool = big + ([(page_value, StripRead(old.raw, (old.confidence,)), False)] if page_value else [])
        pool += [(v, StripRead(str(v), (0.0,)), False) for v in elsewhere]
        if key == "address" and not any(names_town(str(v)) for v, _, _ in pool):  # every reading garbled
            candidates = [*texts, str(old.value or ""), *(also or {}).get(key, [])]
            cleaned = [text for text in map(_address_text, candidates) if text]
            joint = snap_jointly(cleaned) or nearest_place_overall(cleaned)
            if joint and (value := _interpret(key, joint, today)):
                pool.append((value, StripRead(joint, (0.5,)), False))  # the nearest known place: for review
        value, read = _pick(key, pool, len(big))
        if key in _DATES:
            value, read = _fullest_date(pool, value, read)
        if key == "address" and value:  # voted part by part; a thin hyphen one reading lost, another kept
            as_read, readings = str(_norm(key, value)), [str(_norm(key, v)) for v, _, _ in pool]
            if (repaired := hyphens_restored(voted_by_parts(as_read, readings), readings)) != as_read:
                value = repaired
        votes = [_norm(key, v) for v, _, _ in big]
        agree, page, chosen = votes.count(_norm(key, value)), _norm(key, page_value), _norm(key, value)
        if agree == total and page in (None, chosen) and not settled \
                and all(_norm(key, v) == chosen for v in elsewhere):
            conf = max(0.9, read.mean_conf)
        elif agree == total or (agree == total - 1 and total >= 5 and page == chosen) \
                or (_found_alike(key, pool, chosen) and not settled) \
                or (key == "address" and sum(_norm(key, v) == chosen for v, _, own in pool if own) >= _OWN_ALIKE):
            conf = 0.75
        else:
            conf = min(0.55, read.mean_conf)
        disputed = key == "expiry_date" and _expiry_disputed([v for v, _, _ in pool], today)
        if disputed and not _box_alike(key, pool, chosen):  # not by the small print or the page pass alone
            conf = min(conf, 0.55)
        if key in _DATES and _DAY_CUT_SHORT.search(unicodedata.normalize("NFKC", read.text)):
            conf = min(conf, 0.55)  # the box ended inside the day (2026年08月2 for 08月21日): a digit may be lost
        value = str(value) if isinstance(value, _Settled) else value
        if key == "address" and value:
            # judged in the glyph boxes of the chosen reading where it reads the value's building name (its kanji
            # as it read them: メゾン極 voted, メゾン楼 read), else of one of the same value, else of any other that
            # spells the name as the value does (the name voted may be no one reading's, メゾン結 voted and メソ板
            # chosen; the page pass has no boxes); in none, nothing is judged. Where those are PP-OCRv6's, whose
            # kanji hold across typefaces, only into a kanji tesseract spelt too, or PP-OCRv6 itself weighed (its
            # frames: 荣 for a blurred 栄 it read 宋, which no tesseract reading spelt)
            same = [r for v, r, _ in pool if r.boxes and _norm(key, v) == chosen]
            judged_in = read if names_building(str(value), read) else next(
                (r for r in [*same, *(r for _, r, _ in pool)] if names_building(str(value), r, any_kanji=False)), read)
            by_frames, spelt = paddle_boxed.get(own_job, []), None
            if judged_in in by_frames:
                spelt = "".join(r.text for _, r, _ in pool if r not in by_frames) + "".join(map(considered, paddle[own_job]))
            value, changed = building_kanji_checked(gray, str(value), judged_in, spelt)
            if not changed:
                voted, disputed = building_kanji_voted(gray, value, [r for _, r, _ in pool])
                value, changed = voted, voted != value
                conf = min(conf, 0.55) if disputed else conf
            conf = min(conf, 0.75) if changed else conf  # every reading had the look-alike
            normalized = normalize_address(value)
            # every reading alike, yet a person reads it: 9-1524 for 9-15-24, 荘10 for 荘101, a town Japan
            # Post does not list for the city (卵子西 for 卯子酉, two glyphs off: too far to be put right), or
            # no number after the town (中川セ丁目 for 7丁目, 飯塚町ユ-1-12 for 1-1-12), or a hyphen ending the
            # reading (天神橋4-13- for 4-13-1: the last number lost; normalizing drops the hyphen)
            place = place_parts(normalized)
            if _HYPHEN_LOST.search(normalized) or _SHORT_ROOM.search(normalized) or not place[2] \
                    or not normalized[len("".join(place)):][:1].isdigit() \
                    or _ENDS_IN_HYPHEN.search(unicodedata.normalize("NFKC", read.text)):
                conf = min(conf, 0.55)
            # in review, a place the readings garbled: as PP-OCRv6's frames spell it, if they clearly do
            if conf < 0.6 and own_job in paddle and (respelt := place_respelt(normalized, paddle[own_job])):
                value = respelt
        values[key] = Value(value, read.text, conf, old.box, old.words, old.strip)
    return probed


def _glyphs_boxed(line: Reading, box: Box, strip: np.ndarray, origin: tuple[int, int, float]) -> StripRead:
    """PP-OCRv6's reading of ``box`` (scaled into ``strip`` from ``origin``) with a box for each character
    where its frames place it (:func:`glyph_centres`), so that a building's kanji it read can be checked by
    their glyphs as tesseract's are; no boxes when the frames cannot be laid over the text."""
    x0, _, scale = origin
    centres = glyph_centres(line, strip.shape[0])
    if not centres:
        return StripRead(line.text, (line.score,))
    _, y, _, h = box
    boxes = tuple((round(x0 + centre / scale - h / 2), y, h, h) for centre in centres)  # a kanji is as wide as high
    return StripRead(line.text, (line.score,) * len(centres), boxes, tuple(line.text))


def _found_alike(key: str, pool: list[tuple[object, StripRead, bool]], chosen: object) -> bool:
    """Whether enough readings (``_FOUND_ALIKE``) found ``chosen`` and none found another value: of all the
    readings, or, for a date, of its own box's."""
    need = _FOUND_ALIKE.get(key, len(pool) + 1)
    everyone = [_norm(key, v) for v, _, _ in pool]
    return (len(everyone) >= need and all(v == chosen for v in everyone)) or _box_alike(key, pool, chosen)


def _box_alike(key: str, pool: list[tuple[object, StripRead, bool]], chosen: object) -> bool:
    """Whether enough readings of a date's own box (``_FOUND_ALIKE``) found ``chosen`` and none another."""
    own = [_norm(key, v) for v, _, mine in pool if mine]
    return key in _DATES and len(own) >= _FOUND_ALIKE[key] and all(v == chosen for v in own)


_ONE_KANJI_COUNTRIES = "".join(name[0] for name in SHORT_NAMES if len(name) == 2 and name.endswith("国"))  # 米英中韓


def _country_by_glyph(gray: np.ndarray, box: Box | None, texts: list[str]) -> str | None:
    """The country of an X国 short name whose X every reading misread (米国 as 来国, 英国 as 半国: one glyph
    off each X国 name, so the fuzzy match ties), told by that glyph against the X国 names' own (米 英 中 韓),
    when two readings or more are some X国."""
    if box is None or sum(bool(re.fullmatch(r".国", text)) for text in texts) < 2:
        return None
    first = one_of(gray, box, _ONE_KANJI_COUNTRIES)
    return SHORT_NAMES[first + "国"] if first else None


def _expiry_disputed(readings: list[object], today: dt.date) -> bool:
    """Whether readings of the expiry date (ISO) disagree on whether the card has expired by ``today``.
    Then a person decides: three enlarged readings of 2028 as 2025 outvote the page pass's right one, and
    a card wrongly found expired sends the applicant back, one wrongly found valid lets it through. Not asked
    when five or more readings of the date's own box agree (``_box_alike``): then the dissent is the validity sentence's
    small print or the page pass (2029 read 2023; on 720 generated fronts, about a dozen such, all right)."""
    return len({str(v) < today.isoformat() for v in readings}) > 1


_DATE_GROUPS = re.compile(r"(\d+)年(\d+)月(\d+)")


def _date_groups(text: str) -> tuple[str, ...] | None:
    """The digits of a date's year, month and day as read (昭和51年03月1日 -> 51, 03, 1); of an expiry line,
    those in brackets after the period of stay (1年3月(2031年3月5日) -> 2031, 3, 5)."""
    text = unicodedata.normalize("NFKC", text)
    found = _DATE_GROUPS.search(re.sub(r"[^\d年月日]", "", text[text.rfind("(") + 1:]))
    return found.groups() if found else None


def _holds(fuller: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether each group of ``other`` is ``fuller``'s, or it with one digit left out (a leading zero is
    printed or not: 03 and 3 are alike; 07 and 67 are not, a 0 read as 6)."""
    def within(short: str, long: str) -> bool:
        if short.lstrip("0") == long.lstrip("0"):
            return True
        rest = iter(long)
        return len(long) == len(short) + 1 and all(digit in rest for digit in short)
    return all(within(short, long) for short, long in zip(other, fuller, strict=True))


def _fullest_date(pool: list[tuple[object, StripRead, bool]], value: object, read: StripRead
                  ) -> tuple[object, StripRead]:
    """The reading of a date whose digits hold every other reading's, where they differ by digits left
    out (10月11日 where others read 10月1日 or 1月11日): a thin 1 is lost far more often than one is made
    up. Else ``value`` as voted; the readings disagreed either way, so the date is for review. Only a reading
    whose month and day are the date it was taken for counts (07月183日 holds 13, but is no date)."""
    readings = [(v, r, groups) for v, r, _ in pool if (groups := _date_groups(r.text))
                and [int(g) for g in groups[1:]] == [int(part) for part in str(v).split("-")[1:]]]
    mine = next((groups for v, _, groups in readings if str(v) == str(value)), None)
    if mine is None:
        return value, read
    for v, r, groups in readings:
        if _digit_count(groups) > _digit_count(mine) and all(_holds(groups, other) for _, _, other in readings):
            return v, r
    return value, read


def _digit_count(groups: tuple[str, ...]) -> int:
    return sum(len(group.lstrip("0")) for group in groups)


def _norm(key: str, value: object) -> object:
    return normalize_address(str(value)) if key == "address" and value is not None else value


def _pick(key: str, pool: list[tuple[object, StripRead, bool]], large: int) -> tuple[object, StripRead]:
    """The (value, reading) most of ``pool`` agree on. For an address, first the one naming the longest
    known place (a town misread alike at every scale, 車本町, loses to the one reading that names a real
    one, 東本町). Ties: one of the ``large`` readings first in the pool (the rest: the page pass), of the
    value's own box (the third item), the surer."""
    votes = [_norm(key, v) for v, _, _ in pool]

    def rank(i: int) -> tuple[int, int, bool, bool, float]:
        value, read, own = pool[i]
        known = len(longest_place(str(value)) or "") if key == "address" else 0
        return known, votes.count(votes[i]), i < large, own, read.mean_conf

    value, read, _ = pool[max(range(len(pool)), key=rank)]
    return value, read


class _Settled(str):
    """A reading changed by :func:`_zeros_settled`: right more often than not, but not sure."""


_ERA_GAPS = {b - a for a in ERA_STARTS.values() for b in ERA_STARTS.values() if b > a}  # 昭和28 and 平成28: 63


def _eras_read_outright(pool: list[tuple[object, StripRead, bool]]) -> list[tuple[object, StripRead, bool]]:
    """Dates whose era was guessed (its name misread: 時科28年, 申粒28年; the first era the past allows is
    taken, 平成) given the date of a reading that named its era (昭和28年) with the same year in the era, month
    and day: one era read outright tells more than any number of guesses. Still unsure: they disagreed."""
    outright = [str(v) for v, _, _ in pool if not isinstance(v, _Settled)]

    def told(value: object) -> object:
        for sure in outright:
            if str(value)[4:] == sure[4:] and abs(int(str(value)[:4]) - int(sure[:4])) in _ERA_GAPS:
                return _Settled(sure)
        return value
    return [(told(v) if isinstance(v, _Settled) else v, r, own) for v, r, own in pool]


_ROUND_ZERO = {("9", "0"), ("6", "0")}  # (read here, read elsewhere): a 0 misread


def _zeros_settled(values: list[object], *, only_digits: bool = False) -> list[object]:
    """Readings of one date that differ only where some read 9 or 6 and others 0 are taken as 0.

    ``jpn`` reads a printed 0 as 9 or 6 (1990 as 1999, 05 as 95, 20 as 26; in the benchmark's address
    readings 0 became 9 five times and 6 three times, never the reverse), and a birth or expiry date is
    cross-checked against the passport and the form anyway. ``only_digits``: the readings may differ in
    other characters too (an address's kanji); each keeps its own, and a 9 or 6 where another reading of
    the same length saw 0 becomes 0 (36-19 and 36-10 -> 36-10).
    """
    texts = [str(v) for v in values]
    out: list[object] = []
    for value, text in zip(values, texts, strict=True):
        for other in (other for other in texts if len(other) == len(text)):
            pairs = list(zip(text, other, strict=True))
            zeros = [(a, b) in _ROUND_ZERO for a, b in pairs]
            if any(zeros) and all(
                    a == b or zero or (only_digits and not a.isdigit() and not b.isdigit())
                    for (a, b), zero in zip(pairs, zeros, strict=True)):
                value = _Settled("".join("0" if zero else a for (a, _), zero in zip(pairs, zeros, strict=True)))
                break
        out.append(value)
    if any(isinstance(v, _Settled) for v in out):
        out = [_Settled(v) for v in out]
    return out


def _interpret(key: str, text: str, today: dt.date, tie_break: TieBreak | None = None) -> object | None:
    """A re-read line as the field's value, or None when it does not parse. ``tie_break`` picks among
    known places equally near an address as read (from the glyphs of the reading it came from)."""
    if key in _DATES:
        if key == "birth_date":  # a misread era (中和30年) or year (平成94年): the past decides, not for sure
            read = parse_date_loose(text, latest=today)
        else:
            read = (plausible_expiry(dates[-1][0], today), 1.0) if (dates := parse_dates(text)) else None
        if read is None:
            return None
        found, sure = read[0], read[1] == 1.0
        # no one holding a card was born in the future; no period of stay runs past ten years
        if key == "birth_date" and not dt.date(today.year - 120, 1, 1) < found <= today:
            return None
        if key == "expiry_date" and (found - today).days > 3660:
            return None
        return found.isoformat() if sure else _Settled(found.isoformat())
    if key == "nationality":
        code = nationality_code(text)
        return code[0] if code else None
    if key == "sex":
        return _sex(re.sub(r"SEX|sex", "", unicodedata.normalize("NFKC", text)))
    if key == "status_of_residence":
        status, score = _status(text)
        return status if score >= 0.75 else None
    if (text := _address_text(text)) is None or _CHOME_UNNUMBERED.search(text):
        return None
    # a misread kanji in a real place name, put right by Japan Post's list
    snapped = snap_place(text, tie_break=tie_break)
    if not snapped:  # a place garbled past repair: its block number and building are still put right
        return _from_block_repaired(text := normalize_address(text)) or text
    place = snapped[0]
    # a prefecture misread beyond repair (引県福岡市…) was dropped as litter: the city tells which it was
    head = normalize_address(text).split(place[:3])[0] if not place.startswith(PREFECTURES) else ""
    if 2 <= len(head) <= 4 and head[-1] in "都道府県" and (prefecture := prefecture_of(place)):
        place = prefecture + place
    known = longest_place(place) or ""
    if not place.startswith(known):
        return place
    rest = place[len(known):]
    # after a town the list does not know (版理町 for 飯塚町, respelt later from PP-OCRv6's frames): from its block number
    repaired = None if rest[:1].isdigit() else _from_block_repaired(rest)
    return known + (repaired or _rest_repaired(rest))


def _from_block_repaired(text: str) -> str | None:
    """``text`` with what follows a place put right from its first block number on; None when it has none."""
    block = BLOCK_NUMBER.search(text)
    return text[:block.start()] + _rest_repaired(text[block.start():]) if block else None


# 丁目 with no number before it (伊勢佐木町丁目14番7号: a thin 七 lost in Noto Sans): normalized, the reading would
# pass for a whole block number (伊勢佐木町14-7), so it does not vote
_CHOME_UNNUMBERED = re.compile(r"(?<![0-9０-９一二三四五六七八九十〇])丁目")
# a block number of two parts, the second of four digits (9-1524, 1-4014): a 番 and 号 run together where a
# thin full-width hyphen was lost (a room after a block number, 1-2-3-1105, has a hyphen before the short part)
_HYPHEN_LOST = re.compile(r"(?<![\d-])\d{1,2}-\d{4}(?![\d-])")
# a room number of one or two digits after a building's name (第二松本荘10): a flat is numbered by its floor
# and its place on that floor (101, 1105), so a digit was likely lost
_SHORT_ROOM = re.compile(r"\d-\d+[^\d\-]+(?<![号棟階館])\d{1,2}$")
# a reading that ends in a hyphen after a number (天神橋4-13-): its last number was lost
_ENDS_IN_HYPHEN = re.compile(r"\d\s*[-ー‐−]\s*$")  # (NFKC'd: a full-width hyphen is -)


def _rest_repaired(rest: str) -> str:
    """What follows the place name (block number, building, room), with the slips its grammar exposes put right
    (the building's katakana first: a block number ends before it, 3-38基16ハイツ, not before 八イツ)."""
    return long_vowel_unstuttered(room_number_repaired(block_number_repaired(voicing_repaired(rest))))


def _address_text(text: str) -> str | None:
    """A re-read address line cleaned up for the gazetteer (:func:`fix_prefecture`), or None when too short."""
    text = re.sub(r"^.{0,4}?\d{1,4}年\d{1,2}月\d{1,2}日", "", text)  # a back entry's filing date glued on
    text = re.sub(r"^.{0,3}?(?:月.{0,3}?日|\d{1,2}日[|。])[|。.、]*", "", text)  # or its tail (月18日, 用8日|)
    # an address starts with a place name: letters, digits and signs before it are the English label misread
    text = re.sub(r"^[\x21-\x7e。、]+(?=[\u3040-\u30ff\u4e00-\u9fff])", "", text)  # A0063福岡県 for ADDRESS
    return fix_prefecture(text) if len(text) >= 6 else None


def _lone_sex(text: str) -> str | None:
    s = unicodedata.normalize("NFKC", text).strip()
    if re.fullmatch(r"[^\w]*男(\s*M\.?)?[^\w]*", s):
        return "M"
    if re.fullmatch(r"[^\w]*女(\s*F\.?)?[^\w]*", s):
        return "F"
    m = re.fullmatch(r"[^\w]*([MF])\.[^\w]*", s)
    return m.group(1) if m else None


_ENTRY_DATE = re.compile(r"^\W{0,2}(\d{4}|令和|平成|昭和)[^日]{1,9}?日")  # its year may be misread (2923)


_ADDRESS_LIKE = re.compile(r"[都道府県市区町村].*\d|\d.*[丁番号]")


_ADDRESS_COLUMN_X = int(0.26 * CANON_W)  # a back's filing dates end here and its addresses start


def _in_address(char: str) -> bool:
    """A character an entry's address may hold: kanji, kana, letters, digits, hyphens (not specks' signs)."""
    return bool(_CJK.search(char)) or char.isalnum() or char in "-－ー"


def _entry_address(address: str, row: str) -> bool:
    """Whether ``address`` (read from the entry ``row``) is one: long enough, and its row looks like an address
    or it starts with a place (東京筆新宿拭…)."""
    return len(address) >= 6 and bool(_ADDRESS_LIKE.search(row) or snap_place(address))


_Entry = tuple[tuple[int, str], str, list[Word]]  # ((row, filing date as ISO or ""), address, its words)
_Dated = TypeVar("_Dated", bound=tuple)  # an entry as _Entry, or with its box for its words


def _entries(lines: list[Line]) -> list[_Entry]:
    """The 住居地記載欄 rows among ``lines``: each with the date it was filed, then the new address.

    The date is found from its shape; when OCR lost it, the row is split where the address column
    starts (about a quarter of the card width).
    """
    entries: list[_Entry] = []
    for row, line in enumerate(lines):
        text = line.text
        if BACK_LABELS.search(text) or not re.search(r"\d", text):
            continue
        owners = line.char_words()
        m = _ENTRY_DATE.match(text)
        if m:
            start, date_text = m.end(), text[:m.end()]
        else:
            start = next((i for i in range(len(text)) if line.words[owners[i]].x >= _ADDRESS_COLUMN_X), len(text))
            date_text = text[:start]
        keep = [i for i in range(start, len(text)) if line.words[owners[i]].x < SEAL_COLUMN_X and _in_address(text[i])]
        address = fix_prefecture("".join(text[i] for i in keep))
        if not _entry_address(address, text):
            continue
        date = parse_dates(date_text)
        entries.append(((row, date[0][0].isoformat() if date else ""), address,
                        [line.words[j] for j in sorted({owners[i] for i in keep})]))
    return entries


def _latest(entries: list[_Dated]) -> _Dated | None:
    """The entry written last: the lowest, as entries are written from the top down (a filing date may be
    misread: 2024年1月9日 for 11月9日 below 7月13日)."""
    return entries[-1] if entries else None


def _dates_out_of_order(entries: list[_Dated]) -> bool:
    """Whether every entry's filing date parsed and they do not rise from the top down: one is misread, and
    which row is latest rests on the rows' order alone."""
    dates = [entry[0][1] for entry in entries]
    return all(dates) and dates != sorted(dates)


_ROW_ORDER_ONLY = 0.55  # the confidence of a back's entry found latest by its row alone, its dates out of order


def _read_back(crop: CardCrop, lines: list[Line], row_lines: list[Line]) -> CardReading:
    """The latest 住居地記載欄 entry, from the page pass (``lines``), else from the card's ink rows each
    read enlarged (``row_lines``) when they found more entries: the page's layout analysis may skip a
    row of the table's small type (the latest one: the address before it was taken). The other's
    reading of the latest entry votes in the re-read."""
    by_rows, by_page = _entries(row_lines), _entries(lines)
    entries, others = (by_page, by_rows) if len(by_page) >= len(by_rows) else (by_rows, by_page)
    latest = _latest(entries)
    values: dict[str, Value] = {}
    if latest:
        (_, when), address, words = latest
        values["address"] = Value(address, address, _mean_conf(words), _union(words), words)
        # the other pass's latest votes only where it is the same entry: one that lost the last row has an
        # earlier address as its latest (307/27: 京都府… filed 02/02 outvoted, as a longer place, 広島県… of 06/15)
        other = _latest(others)
        same = other and (other[0][1] == when if other[0][1] and when else len(others) == len(entries))
        _second_opinion(_ruled_lines_removed(_clean_for_ocr(crop.image)), values, dt.date.today(),
                        also={"address": [other[1]]} if same else None)
        if when:
            values["address_changed_on"] = Value(when, when, _mean_conf(words), _union(words))
        if _dates_out_of_order(entries):
            values = {key: replace(value, confidence=min(value.confidence, _ROW_ORDER_ONLY))
                      for key, value in values.items()}
    return CardReading("back", LAYOUT_RESIDENCE, len(entries), values, crop)


_BLURRED_BACK = 0.55  # no tesseract pass found the table: which row is latest rests on PP-OCRv6 alone
_BLURRED_DATE = re.compile(r"^[^日]{4,12}日")  # a filing date with its year or month lost (265年月1日)


def _blurred_back(crop: CardCrop) -> CardReading:
    """A back whose table tesseract read neither as a page nor row by row (150 dpi, soft focus): its ink
    rows read by PP-OCRv6, which reads such type far better, in whichever way up gives entries; the latest
    entry's address then re-read and voted as any other, for review."""
    for candidate in (crop, crop.rotated()):
        gray = _ruled_lines_removed(_clean_for_ocr(candidate.image))
        rows = text_rows(_ruled_lines_removed(_flattened(_ocr_gray(candidate))))
        reads = read_lines([plain_strip(gray, box, _PADDLE_PX[0])[0] for box in rows])
        entries = [entry for n, ((text, _), box) in enumerate(zip(reads, rows, strict=True))
                   if (entry := _entry_read(n, text, box))]
        if latest := _latest(entries):
            (_, when), address, box = latest
            values = {"address": Value(address, address, _BLURRED_BACK, box, strip=box)}
            _second_opinion(gray, values, dt.date.today())
            values = {key: replace(value, confidence=min(value.confidence, _BLURRED_BACK))
                      for key, value in values.items()}
            if when:
                values["address_changed_on"] = Value(when, when, _BLURRED_BACK, box)
            return CardReading("back", LAYOUT_RESIDENCE, len(entries), values, candidate)
    return CardReading("back", LAYOUT_RESIDENCE, 0, crop=crop)


def _entry_read(row: int, text: str, box: Box) -> tuple[tuple[int, str], str, Box] | None:
    """A 住居地記載欄 row as one line of text (its filing date, then the address) and its ink box: the
    entry with the address's part of the box, or None for a row with no date and address."""
    if not (m := _ENTRY_DATE.match(text) or _BLURRED_DATE.match(text)):
        return None
    address = fix_prefecture("".join(filter(_in_address, text[m.end():])))
    if not _entry_address(address, address):
        return None
    x, y, w, h = box
    left = max(x, _ADDRESS_COLUMN_X)
    dates = parse_dates(m.group())
    return (row, dates[0][0].isoformat() if dates else ""), address, (left, y, max(1, x + w - left), h)


def _layout(text: str) -> str | None:
    if CERTIFICATE_TITLE.search(text) or len(CERTIFICATE_ONLY.findall(text)) >= 2:
        return LAYOUT_CERTIFICATE
    if RESIDENCE_TITLE.search(text) or len(RESIDENCE_ONLY.findall(text)) >= 2:
        return LAYOUT_RESIDENCE
    residence, certificate = len(RESIDENCE_ONLY.findall(text)), len(CERTIFICATE_ONLY.findall(text))
    if residence != certificate:
        return LAYOUT_RESIDENCE if residence > certificate else LAYOUT_CERTIFICATE
    return None


def _clean_for_ocr(image: np.ndarray) -> np.ndarray:
    """Grey image without red stamps and long ruled lines (the back's table)."""
    b, g, r = (image[..., i].astype(np.int16) for i in range(3))
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    red = (r - np.maximum(g, b)) > 45
    gray[red] = 235
    return cv2.medianBlur(gray, 3)  # dust and JPEG speckle cost more than the slight softening


_BACK_TABLE_RULES = 3  # a back's table has 4-5 rules across the card (36 backs, two seeds); no front has one


def _table_rules(image: np.ndarray) -> int:
    """How many ruled lines run across at least half the card: the back's table of address entries
    (住居地記載欄) shows them even where its small type is blurred past reading."""
    dark = (_flattened(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)) < INK).astype(np.uint8)
    rules = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (CANON_W // 2, 1)))
    rows = np.flatnonzero(rules.any(axis=1))
    return 0 if rows.size == 0 else 1 + int((np.diff(rows) > 3).sum())


def _ruled_lines_removed(gray: np.ndarray) -> np.ndarray:
    dark = (gray < 150).astype(np.uint8) * 255
    horiz = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (CANON_W // 6, 1)))
    vert = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, CANON_H // 6)))
    mask = cv2.dilate(horiz | vert, np.ones((3, 3), np.uint8))
    out = gray.copy()
    out[mask > 0] = int(np.median(gray))
    return out


def _mask_photo(gray: np.ndarray, box: tuple[int, int, int, int] | None) -> np.ndarray:
    """The portrait painted over with the card's grey: it confuses tesseract's layout analysis and its
    edge is read as junk characters at the end of the rows beside it."""
    if box is None:
        return gray
    x, y, w, h = box
    out = gray.copy()
    out[max(0, y - 6):y + h + 6, max(0, x - 6):x + w + 6] = int(np.median(gray))
    return out


def _flattened(gray: np.ndarray) -> np.ndarray:
    """The card's tint, guilloche pattern and uneven light divided out, leaving dark text on white.

    Some patterns (fine concentric circles) make tesseract's layout analysis call the whole card a
    picture and return no text at all; this is the second try for such cards.
    """
    background = cv2.GaussianBlur(cv2.morphologyEx(gray, cv2.MORPH_CLOSE, np.ones((21, 21), np.uint8)), (0, 0), 8)
    ratio = np.clip(gray.astype(np.float32) / np.maximum(background, 1) * 255, 0, 255)
    low = np.percentile(ratio, 1)
    return np.clip((ratio - low) * 255 / max(1.0, 235 - low), 0, 255).astype(np.uint8)


def _ocr_gray(crop: CardCrop) -> np.ndarray:
    """The card as the page passes read it: grey, no red stamps, the portrait painted over."""
    return _mask_photo(_clean_for_ocr(crop.image), photo_box(crop.image))


def _analyse_crop(crop: CardCrop, *, flatten: bool = False) -> tuple[list[Line], int, bool]:
    gray = _ocr_gray(crop)
    if flatten:  # the second try: also without ruled lines, which hide a back page's table from tesseract
        gray = _ruled_lines_removed(_flattened(gray))
    lines = ocr_lines(gray)
    count = _count_fields(lines)
    back = any(back_title(ln.text) for ln in lines)  # 住居地記載杜: the title with a glyph misread
    if back and not flatten:  # the rules can hide the table's rows from tesseract, or (half erased) confuse it more
        unruled = ocr_lines(_ruled_lines_removed(gray))
        if _entry_rows(unruled) >= _entry_rows(lines):
            lines = unruled
    return lines, count + (3 if back else 0), back


def _row_pass(crop: CardCrop) -> tuple[list[Line], int, bool]:
    """:func:`_analyse_crop`'s findings from the card's ink rows, each read enlarged, in one ``jpn`` call."""
    gray = _ocr_gray(crop)
    reads = read_strips(gray, text_rows(_ruled_lines_removed(_flattened(gray))), lang="jpn", text_px=_SCALES[0])
    lines = [Line(tuple(Word(word, *box, conf) for word, box, conf in zip(r.words, r.boxes, r.confs, strict=True)))
             for r in reads if r.words]
    count = _count_fields(lines)
    back = any(back_title(ln.text) for ln in lines)
    return lines, count + (3 if back else 0), back


_MISREAD_FRONT = 3  # fields a front whose every label is misread must still show (氏名 as 抽名, a date)
_COUNTRY_READ = 0.95  # a country's name read whole, alone or after a label's remnant


def _front_evidence(lines: list[Line]) -> int:
    """How plainly rows read one by one are a card's front when no label was read right: the labels
    that fit the printed order at least half right (抽名 for 氏名, 和信月日 for 生年月日), a date, and a
    country's name as a row ends in it (揚誠wwwwイタリア: 国籍 misread in Noto Serif)."""
    texts = [ln.text for ln in lines]
    labels = {field for found in label_lines(texts) for field, _, _ in found}
    country = any((code := nationality_code(text)) and code[1] >= _COUNTRY_READ for text in texts)
    return len(labels) + any(parse_dates(text) for text in texts) + country


def _dated_entry(lines: list[Line]) -> bool:
    """Whether a row reads as a 住居地記載欄 entry opening with its filing date (2024年9月15日 八王子市…): a back's,
    even where its title and table rules were lost to blur; no row of a front holds a date, then an address."""
    return any(_ENTRY_DATE.match(line.text) and _entries([line]) for line in lines)


def _entry_rows(lines: list[Line]) -> int:
    return sum(bool(_ADDRESS_LIKE.search(ln.text)) for ln in lines)


def read_card(image: np.ndarray, *, today: dt.date | None = None) -> CardReading:
    """Find, orient and read a card page; side "none" when no card could be found or read."""
    crop = crop_card(image)
    if crop is None:
        return CardReading("none", None, 0)
    box = photo_box(crop.image)
    if (box[0] + box[2] / 2 < CANON_W / 2) if box is not None else photo_on_left(crop.image):
        crop = crop.rotated()
    lines, score, back = _analyse_crop(crop)
    if score < 3:
        flipped = crop.rotated()
        lines2, score2, back2 = _analyse_crop(flipped)
        if score2 > score:
            crop, lines, score, back = flipped, lines2, score2, back2
    for candidate in (crop, crop.rotated()) if score < 5 else ():  # few labels: try without the background
        lines2, score2, back2 = _analyse_crop(candidate, flatten=True)
        if score2 > score:
            crop, lines, score, back = candidate, lines2, score2, back2
        if score >= 3:
            break
    rowed, row_passes, by_rows = False, [], False
    if score < 2:  # nothing the page layout found: read the card row by row, each row enlarged
        for candidate in (crop, crop.rotated()):
            lines2, score2, back2 = _row_pass(candidate)
            row_passes.append((candidate, lines2))
            if score2 > score:
                crop, lines, score, back, rowed = candidate, lines2, score2, back2, True
    if score < 2 and not PRINTED_CARD_NUMBER.search("".join(ln.text for ln in lines)):
        if _table_rules(crop.image) >= _BACK_TABLE_RULES:  # a back too blurred for tesseract's layout
            return _blurred_back(crop)
        misread = max(row_passes, key=lambda passed: _front_evidence(passed[1]), default=None)
        if misread is None or _front_evidence(misread[1]) < _MISREAD_FRONT:
            if any(_dated_entry(passed) for _, passed in row_passes):  # a back: its title and rules lost
                return _blurred_back(crop)
            return CardReading("none", None, score, crop=crop)  # too blurred for its labels, and no card number
        crop, lines, by_rows = *misread, True  # every label misread: the rows and their order still tell the fields
    if back:
        reading = _read_back(crop, [] if rowed else lines, lines if rowed else _row_pass(crop)[0])
        return reading if reading.values else _blurred_back(crop)  # its title read, no entry: PP-OCRv6's rows
    text = "".join(ln.text for ln in lines)
    reading = _read_front(crop, lines, _layout(text), today or dt.date.today())
    if by_rows:  # which row holds which field is the rows' order, a guess: all for review
        reading.values = {key: replace(value, confidence=min(value.confidence, 0.55))
                          for key, value in reading.values.items()}
    return reading
