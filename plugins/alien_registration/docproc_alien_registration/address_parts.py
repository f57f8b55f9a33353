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

from rapidfuzz.distance import Levenshtein

from docproc_alien_registration.address import BLOCK_NUMBER, room_tens_repaired
from docproc_alien_registration.gazetteer import place_parts
from docproc_alien_registration.loanwords import glyphs_in_no_word, spelt_alike, voicing_repaired

__all__ = ["voted_by_parts"]

_AFTER_PLACE = re.compile(r"(?P<block>\d+(?:-\d+)*)(?P<building>\D*?)(?P<room>\d*)")


@dataclass(frozen=True, slots=True)
class _Parts:
    block: str
    building: str
    room: str


_ROOM_AT_END = re.compile(r"\D(\d+)$")
_NAME_AT_END = re.compile(r"\d([^\d]+)\d*$")  # a building's name after the last number, before the room
# a building's name after the block number, up to the next digit: the room, with any litter after it (コーポ山田多3F補)
_NAME_AFTER_BLOCK = re.compile(r"\d+(?:-\d+)*(\D+?)(?:\d|$)")
_NO_WORD_START = "ーッャュョァィゥェォヮン"  # glyphs that never begin a Japanese word
_NO_WORD_STARTS = re.compile(f"[{_NO_WORD_START}]")
# the block number's last hyphen and 号 garbled before a name (2-27ーォをグランドパレス): no word starts so
_LITTER_BEFORE_NAME = re.compile(f"^[{_NO_WORD_START}を]+")
_KATAKANA = "[\u30a1-\u30fa]"
_KANJI = re.compile("[\u4e00-\u9fff]")
_GRAMMAR = re.compile(r"[丁番号]")  # the block number's words: in a "name" after it, the number read on garbled


def _parts(rest: str | None) -> _Parts | None:
    """What follows the place (4-37-22サンライズマンション203), or None when it is no block number followed
    by a name and a room (丁目10-16コーポ山田201: a misread 二丁目)."""
    m = _AFTER_PLACE.fullmatch(rest) if rest is not None else None
    return _Parts(m["block"], m["building"], m["room"]) if m else None


def _name_in(found: re.Match[str] | None) -> str | None:
    """The building's name a pattern found, unless it holds the block number's words (a number garbled)."""
    return found[1] if found and not _GRAMMAR.search(found[1]) else None


def _after_block(reading: str, block: str) -> str | None:
    """``reading`` from ``block`` on, when it holds that block number (one with a hyphen) whole."""
    at = reading.find(block) if "-" in block else -1
    return reading[at:] if at > 0 and not reading[at - 1].isdigit() else None


def _most_read(chosen: str, others: list[str]) -> str:
    """The spelling more readings give than give ``chosen``, alone at the top; else ``chosen``."""
    ranked = Counter(others).most_common(2)
    if not ranked or ranked[0][1] <= others.count(chosen) or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return chosen
    return ranked[0][0]


_NEAR = 2  # glyphs a longer name of another reading may have more than the one chosen: lost in blur


def _better_word(chosen: str, others: list[str], farther: list[str]) -> str:
    """The building's name as the readings tell it best. First, of ``chosen``, the names of ``others`` as long
    as it, and ``chosen`` with one glyph as another name reads it there (aligned: コー水山田 beside コーポ山田多),
    the one more of whose glyphs fall in known words (ハイツ青葉 for ハイツ岩葉; 第二松本荘 for 第二松本在), else
    whose glyphs more names read at their places (メゾン桜 read by four, メゾン楼 by one: a lone kanji is no word
    either way), else the nearest ``chosen``: a misread glyph is seldom a word, nor read alike by most. Then a
    name up to ``_NEAR`` glyphs longer, no less made of known words, read whole by two or more of all the names,
    ``farther`` ones too (whose block number is garbled as well), and by more than read the first pick
    (グランドパレス by three, グンドバレス by one): blur runs glyphs together and loses them, but seldom makes
    one up alike in several readings. A shorter name is never taken: a glyph dropped makes the rest more like
    words."""

    def support(name: str) -> float:  # names of its length agreeing with it, glyph by glyph
        return sum(other[k] == glyph for other in others if len(other) == len(name)
                   for k, glyph in enumerate(name)) / max(1, len(name))

    same_length = [other for other in others if len(other) == len(chosen)]
    # a glyph taken may leave a voicing mark or small kana beside it wrong (ンヤトー -> シヤトー): put right as words
    # tell, unless the name still starts with a glyph no word starts with (ャ卜一緑: its first glyph lost, given
    # back after, not ャ made ヤ)
    taken = [chosen[:op.src_pos] + other[op.dest_pos] + chosen[op.src_pos + 1:]
             for other in others for op in Levenshtein.editops(chosen, other) if op.tag == "replace"]
    candidates = same_length + [name if _NO_WORD_STARTS.match(name) else voicing_repaired(name) for name in taken]
    best = min([chosen, *candidates], key=lambda name: (glyphs_in_no_word(name), -support(name),
                                                        Levenshtein.distance(name, chosen)))
    everyone = others + farther
    best = _read_at_the_end(best, len(chosen), everyone)
    longer = [name for name in everyone if len(chosen) < len(name) <= len(chosen) + _NEAR
              and Levenshtein.distance(name, chosen) <= _NEAR and glyphs_in_no_word(name) <= glyphs_in_no_word(best)]
    rival = max(longer, key=everyone.count, default=None)
    return rival if rival is not None and everyone.count(rival) > max(1, everyone.count(best)) else best


def _read_at_the_end(best: str, length: int, names: list[str]) -> str:
    """The name of ``length`` glyphs that two or more ``names`` end in, whole (after litter, or a glyph that is
    no katakana: 等サンライズマンション, 号 read 等), and more than end in ``best``, where it is more made of known
    words than ``best`` (サンライスマンンaン read by the one reading with the place right); else ``best``."""
    ends = Counter(name[-length:] for name in names
                   if len(name) >= length and not re.match(_KATAKANA, name[-length - 1:-length]))
    ranked = [(n, end) for end, n in ends.most_common() if glyphs_in_no_word(end) < glyphs_in_no_word(best)]
    if not ranked or ranked[0][0] < 2 or ranked[0][0] <= ends[best] or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return best
    return ranked[0][1]


def _kanji_after(name: str, names: list[str]) -> str:
    """``name`` with the kanji after it that two or more ``names`` read, and more than read ``name`` bare, the most
    read (メゾン beside メゾン結 twice, メゾン欄, メゾン租: a kanji blurred past reading, each reading guessing
    its own, not one absent; the glyph judges it after); else ``name``. Not after a kanji: a name ends in one."""
    if not name or _KANJI.fullmatch(name[-1]):
        return name
    with_kanji = re.compile(spelt_alike(name) + f"({_KANJI.pattern})")
    kanji = [found[1] for other in names if (found := with_kanji.fullmatch(other))]
    if len(kanji) < 2 or len(kanji) <= names.count(name):
        return name
    return name + Counter(kanji).most_common(1)[0][0]


def _first_glyph_restored(name: str, readings: list[str]) -> str:
    """A building's ``name`` that begins with a glyph no word begins with (ークハイム: the パ of パークハイム lost in
    blur) with the katakana two or more ``readings`` read just before its first three glyphs, spelt as they
    spell them (ャ卜一緑 beside シャトー線: シャトー緑), voicing marks then put right by the words they make; else
    ``name``. Three glyphs must be left: a lone ー may be a hyphen read so."""
    if len(name) < 3 or not _NO_WORD_STARTS.match(name):
        return name
    head = re.compile(f"{_KATAKANA}{spelt_alike(name[:3])}")
    read = Counter(found[0] for reading in readings for found in head.finditer(reading)).most_common(2)
    if not read or read[0][1] < 2 or (len(read) > 1 and read[1][1] == read[0][1]):
        return name
    return voicing_repaired(read[0][0] + name[3:])  # as those readings spell it: シャトー緑


def _rooms_after_name(mine: _Parts, garbled: list[str]) -> list[str]:
    """The rooms ``garbled`` readings (whose place is garbled) read that give back a digit the chosen room
    (``mine``) lost: after the building's name spelt alike, a longer room; however garbled the name, the chosen
    room of one or two digits and one digit more (…マンション10 beside …マシション101 three times, 281/18: a flat is
    numbered by its floor and its place on it, 101, 1105; not after a room of three, as 305号 reads 3053 as often)."""
    name_then_room = re.compile(spelt_alike(mine.building) + r"(\d+)$")
    rooms = []
    for reading in garbled:
        if found := name_then_room.search(reading):
            if len(found[1]) > len(mine.room):
                rooms.append(room_tens_repaired(found[1]))
        elif 0 < len(mine.room) <= 2 and (found := _ROOM_AT_END.search(reading)) \
                and len(found[1]) == len(mine.room) + 1 and found[1].startswith(mine.room):
            rooms.append(found[1])
    return rooms


def voted_by_parts(chosen: str, readings: list[str]) -> str:
    """``chosen`` with its block number and room number as most ``readings`` of the same place read them
    (the room also as those read it that garble the place but spell the building's name alike), and its
    building's name as the reading whose name is most made of known words (see above). When the chosen
    reading's rest is no block number (丁目10-16), the rest most other readings give after the
    same place, or after its town's name in a reading whose prefecture or city is garbled: a block number
    as read by a garbled reading beats none, but not a clean reading's."""
    prefecture, city, town = place_parts(chosen)
    place = prefecture + city + town
    # a place garbled past knowing (寛城原仙台市青量区1番町): the readings still vote on what follows the same
    # block number (PP-OCRv6's コー水山田 beside tesseract's コーポ山田, their places garbled worse)
    if not place and (block := BLOCK_NUMBER.search(chosen)):
        place = chosen[:block.start()]
    if not place:
        return chosen
    anchor = town if len(town) >= 2 else None

    def rest_of(reading: str) -> str | None:
        if reading.startswith(place):
            return reading[len(place):]
        at = reading.find(anchor) if anchor else -1
        return reading[at + len(anchor):] if anchor and at >= 0 else None

    if (mine := _parts(chosen[len(place):])) is None:
        rests = [p.block + p.building + p.room for reading in readings if (p := _parts(rest_of(reading)))]
        return place + Counter(rests).most_common(1)[0][0] if rests else chosen
    own_place = [reading[len(place):] for reading in readings if reading.startswith(place)]
    # a reading that garbles the place still spells the building after the same block number (博多慌前28-20ビラ
    # 若葉201 beside a reading of the place right and of 若葉 as 若莱); it cannot vote on the block found by it
    same_block = [rest for reading in readings if not reading.startswith(place)
                  and (rest := _after_block(reading, mine.block))]
    others = [parts for rest in own_place if (parts := _parts(rest))]
    if not others and not any(_parts(rest) for rest in same_block):
        return chosen
    voters = [p for p in others if not _GRAMMAR.search(p.building)]  # 6-19艇日号: 番11号 garbled, not a name
    block = _most_read(mine.block, [p.block for p in voters])
    # their names, also read on past a room number with litter after it (コーポ山田多3F補); and those of readings
    # that garble the block number too, after their last number before the room (3-0-26グランドパレス305 beside
    # 3-30-26グンドバレス305): these only as a longer name read alike by more readings (glyph by glyph they are
    # too loose a match: 第二竹本在 of one would pre-empt the glyphs' own 第二松本荘 for 第二検本在)
    names = [name for rest in own_place + same_block if (name := _name_in(_NAME_AFTER_BLOCK.match(rest)))]
    farther = [_LITTER_BEFORE_NAME.sub("", name) for reading in readings
               if not reading.startswith(place) and not _after_block(reading, mine.block)
               and (name := _name_in(_NAME_AT_END.search(reading)))]
    building = _better_word(mine.building, names, farther) if mine.building else mine.building
    building = _first_glyph_restored(building, readings) if building else building
    building = _kanji_after(building, names + farther)
    # and readings that garble the place and the block number too still read the room after the same name,
    # only to give back a digit it lost (…調新帝2地5サンライズマンション492 beside the chosen …西新宿2-5サンライズ
    # マンション42: its 0 lost in blur); they drop digits as often (…サンライズマンション5 for 503)
    garbled = [reading for reading in readings if not reading.startswith(place)] if mine.building else []
    room = _most_read(mine.room, [p.room for p in voters if bool(p.building) == bool(mine.building)]
                      + _rooms_after_name(mine, garbled))
    return place + block + building + room
