"""The known place that PP-OCRv6's frames of an address line spell best, searched over Japan Post's list.

Where the readings of an address disagree on its place (tesseract's 博多駅前 against PP-OCRv6's 博多駅南, a
150 dpi line every reading garbles), the text each engine settled on has lost what the model half saw. Scoring
every known place against the recogniser's frames (:mod:`ctc`) keeps it: first each prefecture+city and bare
city, then the towns of the best few, each followed by a block number (a digit, or a kanji numeral and 丁 as in
六本木六丁目), summed over the strip's scales. The margin to the best other place says how sure it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import Levenshtein

from docproc_alien_registration.ctc import prefix_costs
from docproc_alien_registration.gazetteer import place_parts, towns
from docproc_alien_registration.paddle import Reading, charset, chinese_forms

__all__ = ["SpeltPlace", "place_respelt", "place_spelt", "with_place"]

_HEADS_KEPT = 6
# A place the frames spell is taken only this clearly: a lead over the next place (本牧町 led 本町, its 牧
# read as a blank, by 1.5), and a cost per character of the place (on 229 generated fronts, every place so
# spelt was right, at up to 5.3 nats per character; the wrong ones, of lines garbled past reading or cut
# short, cost 15-46, or led by 0.2)
_MIN_MARGIN = 1.0
_MAX_COST_PER_CHAR = 8.0
# A prefecture printed before the city costs at most this much more than the city alone, however garbled (on
# 229 fronts: up to 40, a line cut short); one not printed must be spelt from the city's own glyphs: 160 and up
_PREFECTURE_PRINTED = 50.0
_KANJI_DIGITS = "〇一二三四五六七八九"
_VARIANTS = {"ヶ": "ケヵヶ", "ケ": "ケヶヵ"}
_DIGIT = tuple("0123456789") + tuple("０１２３４５６７８９")
_NUMERAL = tuple("一二三四五六七八九十")


@dataclass(frozen=True, slots=True)
class SpeltPlace:
    """The place spelt best (``normalize_address`` spelling), how much less likely than the greedy reading
    (nats, summed over the readings) and its lead in nats over the next place.

    Only places with a town are spelt: Japan Post's "any other address" of a city ("" town) would win
    wherever a town is garbled.
    """

    place: str
    cost: float
    margin: float


@lru_cache(maxsize=4096)
def _classes(char: str) -> tuple[int, ...]:
    """The recogniser's classes a card may print ``char`` of a normalized name as: a digit also full-width and
    as a kanji numeral, ヶ also as ケ or ヵ, a kanji also in its traditional and simplified forms."""
    forms = set(_VARIANTS.get(char, char))
    if char.isdigit():
        forms |= {chr(ord(char) + 0xFEE0), _KANJI_DIGITS[int(char)]}
    forms |= chinese_forms(char)
    known = charset()
    return tuple(sorted(known[form] for form in forms if form in known))


def _spelling(name: str) -> tuple[tuple[int, ...], ...]:
    return tuple(_classes(char) for char in name)


@lru_cache(maxsize=1)
def _heads() -> dict[str, tuple[tuple[str, str], ...]]:
    """Each prefecture+city and bare city, with the (prefecture, city) keys of the towns it may go on with."""
    heads: dict[str, list[tuple[str, str]]] = {}
    for prefecture, city in towns():
        heads.setdefault(prefecture + city, []).append((prefecture, city))
        heads.setdefault(city, []).append((prefecture, city))
    return {head: tuple(keys) for head, keys in heads.items()}


@lru_cache(maxsize=1)
def _number_starts() -> tuple[tuple[int, ...], tuple[int, ...]]:
    known = charset()
    return (tuple(sorted(known[c] for c in _DIGIT if c in known)),
            tuple(sorted(known[c] for c in _NUMERAL if c in known)))


def _summed(readings: Sequence[Reading], spellings: list[tuple[tuple[int, ...], ...]]) -> np.ndarray:
    return sum((prefix_costs(reading.log_probs, spellings) for reading in readings),
               start=np.zeros(len(spellings), dtype=np.float32))


def place_spelt(readings: Sequence[Reading]) -> SpeltPlace | None:
    """The known place whose spelling, followed by a block number, the readings' frames fit best."""
    if not readings:
        return None
    heads = _heads()
    names = list(heads)
    head_costs = _summed(readings, [_spelling(head) for head in names])
    kept = [names[i] for i in np.argsort(head_costs)[:_HEADS_KEPT]]

    places: list[tuple[str, tuple[str, str, str]]] = []  # as spelt, and which place it is
    all_towns = towns()
    for head in kept:
        for key in heads[head]:
            # "": Japan Post's "any other address"; see SpeltPlace
            places += [(head + town, (*key, town)) for town in all_towns[key] - {""}]
    if not places:
        return None
    costs = _place_costs(readings, [place for place, _ in places])
    order = np.argsort(costs)
    (best, which), cost = places[order[0]], float(costs[order[0]])
    # the lead over another place: the same place with or without its prefecture is no rival
    runner_up = next((costs[i] for i in order[1:] if places[i][1] != which), np.float32(np.inf))
    margin = float(runner_up) - cost
    prefecture, city, town = which
    if not best.startswith(prefecture):  # glyphs before the city, read as anything, are the prefecture
        with_prefecture = float(_place_costs(readings, [prefecture + city + town])[0])
        if with_prefecture <= cost + _PREFECTURE_PRINTED:
            best, cost = prefecture + city + town, with_prefecture
    return SpeltPlace(best, cost, margin)


def _place_costs(readings: Sequence[Reading], places: list[str]) -> np.ndarray:
    """Each place's cost followed by a block number: a digit (六本木6-…) or a kanji numeral and 丁
    (六本木六丁目), whichever fits better."""
    digit, numeral = _number_starts()
    spellings = [(*_spelling(place), *after) for place in places for after in ((digit,), (numeral, _classes("丁")))]
    return _summed(readings, spellings).reshape(len(places), 2).min(axis=1)


def with_place(address: str, place: str) -> str | None:
    """``address`` (normalize_address'd) with the garbled place it starts with replaced by ``place``: the cut
    is where the start is nearest to ``place`` (a digit next, as a block number follows a place); None when
    no cut within three characters of the place's length is followed by a digit."""
    cuts = [cut for cut in range(max(1, len(place) - 3), min(len(address), len(place) + 3) + 1)
            if address[cut:cut + 1].isdigit()]
    if not cuts:
        return None
    cut = min(cuts, key=lambda cut: (Levenshtein.distance(address[:cut], place), abs(cut - len(place))))
    return place + address[cut:]


def place_respelt(address: str, readings: Sequence[Reading]) -> str | None:
    """``address`` (normalize_address'd), which names no known town, with its place as the readings' frames
    spell it, when they spell one clearly; else None. A town read and known is left to the vote."""
    if place_parts(address)[2]:
        return None
    spelt = place_spelt(readings)
    if spelt is None or spelt.margin < _MIN_MARGIN or spelt.cost > _MAX_COST_PER_CHAR * len(spelt.place):
        return None
    return with_place(address, spelt.place)
