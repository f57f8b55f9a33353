"""An address voted part by part: the large readings of one address each misread a different part
(one a hyphen too many in the block number, another 青 of the building's name as 岩), so the whole
string the most readings agree on may hold a slip that most of them do not make.

Addresses are in ``normalize_address`` form: the known place, the block number (4-37-22), then any
building's name and its room number (サンライズマンション203).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from docproc_alien_registration.gazetteer import longest_place
from docproc_alien_registration.loanwords import glyphs_in_no_word

__all__ = ["voted_by_parts"]

_AFTER_PLACE = re.compile(r"(?P<block>\d+(?:-\d+)*)(?P<building>\D*?)(?P<room>\d*)")


@dataclass(frozen=True, slots=True)
class _Parts:
    place: str
    block: str
    building: str
    room: str


def _parts(address: str) -> _Parts | None:
    """The address's parts, or None when it starts with no known place or its rest is not a block number
    followed by a name and a room (a garbled rest, 耳目2-17, is voted whole)."""
    place = longest_place(address)
    if not place or not address.startswith(place) or not (m := _AFTER_PLACE.fullmatch(address[len(place):])):
        return None
    return _Parts(place, m["block"], m["building"], m["room"])


def _most_read(chosen: str, others: list[str]) -> str:
    """The spelling more readings give than give ``chosen``, alone at the top; else ``chosen``."""
    ranked = Counter(others).most_common(2)
    if not ranked or ranked[0][1] <= others.count(chosen) or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return chosen
    return ranked[0][0]


def _better_word(chosen: str, others: list[str]) -> str:
    """A building's name of another reading, as long as ``chosen``, that more of its glyphs fall in known
    words of (ハイツ青葉 for ハイツ岩葉); else ``chosen``. A glyph misread is rarely a word."""
    same_length = [other for other in others if len(other) == len(chosen)]
    best = min(same_length, key=glyphs_in_no_word, default=chosen)
    return best if glyphs_in_no_word(best) < glyphs_in_no_word(chosen) else chosen


def voted_by_parts(chosen: str, readings: list[str]) -> str:
    """``chosen`` with its block number and room number as most ``readings`` of the same place read them,
    and its building's name as the reading whose name is most made of known words (see above)."""
    if (mine := _parts(chosen)) is None:
        return chosen
    others = [parts for reading in readings if (parts := _parts(reading)) and parts.place == mine.place]
    if not others:
        return chosen
    block = _most_read(mine.block, [p.block for p in others])
    building = _better_word(mine.building, [p.building for p in others if p.building])
    room = _most_read(mine.room, [p.room for p in others if bool(p.building) == bool(mine.building)])
    return mine.place + block + building + room
