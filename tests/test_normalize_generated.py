"""Generated cross-check cases: many same-person variants and near-miss different persons.

The renderings below are written independently of ``docproc.normalize`` (own
transliteration, era and kanji-numeral code) so the checks are not circular.
Run directly for the evaluation table:
``.venv/bin/python tests/test_normalize_generated.py [cases-per-category] [seed]``.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from docproc.normalize import compare_addresses, compare_names, mrz_date, parse_date

# --------------------------------------------------------------------------- names


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SURNAMES = (
    *_words(
    "Eriksson Åberg Öberg Lindström Söderberg Nyström Müller Schröder Weiß Groß Köhler Bäcker García Núñez López "
    "Martínez Muñoz Ibáñez Nguyễn Trần Lê Phạm Hoàng Đặng Wang Li Zhang Liu Chen Zhou Santos Reyes Bautista "
    "Gonçalves Conceição Araújo Simões Shrestha Gurung Tamang Thapa Wijaya Santoso Hidayat Ivanova Smirnov "
    "Kuznetsov Wałęsa Łukaszewicz Żółkowski Kowalczyk Yılmaz Şahin Öztürk Çelik Lefèvre Dubois Guðmundsson "
    "Þórsdóttir Sørensen Kjærgaard Ødegaard O'Brien O'Connor Kim Park Choi Sharma Patel Reddy Papadopoulou "
    "Konstantinidou Wolfeschlegelsteinhausenbergerdorff"
    ),
    *("van der Berg", "de Vries", "Dela Cruz", "Mac Giolla", "García-Márquez", "Müller-Lüdenscheidt"),
)
GIVEN = (
    *_words(
    "Anna Åsa Björn Märta Lars Ingrid Jürgen Jörg Günther Käthe Uwe Lieselotte José María Ángel Begoña Íñigo Thị "
    "Văn Minh Hương Đức Thảo Xiaoming Wei Fang Jing Hao Yuxuan Cristina Rizal João Antônio Fernanda Luíza Bishal "
    "Sita Prakash Anjali Budi Siti Agus Dewi Olga Dmitry Sergei Łucja Małgorzata Wojciech Ayşe Çağla Gökhan "
    "İbrahim François Hélène Zoé Þór Søren Bjørn Ægir Siobhán Seán Aoife Priya Arjun Lakshmi Pieter Sanne "
    "Alexandra Hubert Blaine Charles"
    ),
    *("Jean-Pierre", "Min-jun", "Seo-yeon", "Ji-hoon", "Mary-Jane"),
)

_ICAO = {"Ä": "AE", "Ö": "OE", "Ü": "UE", "Å": "AA", "Æ": "AE", "Ø": "OE", "Œ": "OE", "ß": "SS", "Þ": "TH"}
_UNDECOMPOSABLE = {"Æ": "AE", "Ø": "O", "Œ": "OE", "ß": "SS", "Þ": "TH", "Ð": "D", "Đ": "D", "Ł": "L", "I": "I"}


def _roman(text: str, icao: bool) -> str:
    """Upper-case A-Z spelling, ICAO or diacritics-dropped; separators kept as spaces, apostrophes dropped."""
    out = []
    for char in text.replace("'", ""):
        upper = "ß" if char == "ß" else ("I" if char == "ı" else char.upper())
        if icao and upper in _ICAO:
            out.append(_ICAO[upper])
        elif upper in _UNDECOMPOSABLE:
            out.append(_UNDECOMPOSABLE[upper])
        else:
            base = "".join(c for c in unicodedata.normalize("NFD", upper) if not unicodedata.combining(c))
            out.append(base if base.isascii() and base.isalpha() else " ")
    return " ".join("".join(out).split())


def _spellings(token: str) -> set[str]:
    return {_roman(token, True), _roman(token, False)}


@dataclass(frozen=True)
class Person:
    surname: str
    given: tuple[str, ...]


def _person(rng: random.Random) -> Person:
    given = tuple(rng.sample(GIVEN, rng.choice((1, 1, 2, 2, 3))))
    return Person(rng.choice(SURNAMES), given)


def _mrz(person: Person, icao: bool, length: int = 39) -> tuple[str, bool]:
    """The MRZ name field and whether it was cut off."""
    surname = _roman(person.surname, icao).replace(" ", "<")
    given = "<".join(_roman(g, icao).replace(" ", "<") for g in person.given)
    field = f"{surname}<<{given}"
    return field[:length].ljust(length, "<"), len(field) > length


def _form(person: Person, rng: random.Random, icao_mrz: bool) -> str:
    """How an applicant writes their own name."""
    surname, given = person.surname, " ".join(person.given)
    if rng.random() < 0.3:  # typed without diacritics: only safe when the passport also drops them
        surname, given = (_roman(surname, icao_mrz).title(), " ".join(_roman(g, icao_mrz).title() for g in person.given))
    style = rng.randrange(5)
    text = (f"{given} {surname}", f"{surname} {given}", f"{surname}, {given}", f"{surname.upper()}, {given}",
            f"{given.lower()} {surname.lower()}")[style]
    if rng.random() < 0.1:
        text = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)  # full width
    return text


def _edit(token: str, rng: random.Random) -> str:
    position = rng.randrange(len(token))
    letter = rng.choice([c for c in "ABCDEFGHIJKLMNOPRSTUVWYZ" if c != token[position]])
    kind = rng.randrange(3) if len(token) > 2 else 0
    if kind == 0:
        return token[:position] + letter + token[position + 1 :]
    if kind == 1:
        return token[:position] + letter + token[position:]
    return token[:position] + token[position + 1 :]


def _name_cases(rng: random.Random, count: int) -> Iterator[tuple[str, str, int | None, bool]]:
    """(form, mrz, truncated_at, same_person) quadruples."""
    produced = 0
    while produced < count:
        person, icao = _person(rng), rng.random() < 0.7
        field, cut = _mrz(person, icao)
        handed = field if rng.random() < 0.5 else " ".join(field.replace("<", " ").split())
        yield _form(person, rng, icao), handed, 39, True
        produced += 1
        if cut or len(field.rstrip("<")) >= 38:
            continue  # a (nearly) full field may hide cut-off names: no negative is decidable
        # a different person: one letter, one given name, or one name part more or less
        change = rng.randrange(4)
        tokens = field.rstrip("<").replace("<", " ").split()
        if change == 0:
            sources = [t for part in (person.surname, *person.given) for t in re.split(r"[ \-]", part.replace("'", ""))]
            if len(sources) != len(tokens):
                continue
            index = rng.randrange(len(tokens))
            tokens[index] = _edit(tokens[index], rng)
            if tokens[index] in _spellings(sources[index]) or "XX" in tokens[index]:
                continue  # the edit happens to give the other accepted spelling of the same name
            yield _form(person, rng, icao), " ".join(tokens), 39, False
        elif change == 1:
            other = rng.choice([g for g in GIVEN if not _spellings(g) & _spellings(person.given[0])])
            yield _form(Person(person.surname, (other, *person.given[1:])), rng, icao), handed, 39, False
        elif change == 2:
            extra = rng.choice([g for g in GIVEN if g not in person.given])
            yield _form(Person(person.surname, (*person.given, extra)), rng, icao), handed, 39, False
        elif len(person.given) > 1:
            yield _form(Person(person.surname, person.given[:-1]), rng, icao), handed, 39, False
        else:
            continue
        produced += 1


# --------------------------------------------------------------------------- dates

_ERAS = ((dt.date(2019, 5, 1), "令和", "R"), (dt.date(1989, 1, 8), "平成", "H"), (dt.date(1926, 12, 25), "昭和", "S"),
         (dt.date(1912, 7, 30), "大正", "T"))
_MONTHS = _words("January February March April May June July August September October November December")


def _render_date(date: dt.date, rng: random.Random) -> str:
    d, m, y = date.day, date.month, date.year
    start, era, letter = next(e for e in _ERAS if date >= e[0])
    era_year = y - start.year + 1
    shapes = [
        f"{y:04d}-{m:02d}-{d:02d}", f"{d:02d}/{m:02d}/{y}", f"{d}.{m}.{y}", f"{d:02d}-{m:02d}-{y}", f"{y}/{m}/{d}",
        f"{y}年{m}月{d}日", f"{y}年{m:02d}月{d:02d}日", f"{era}{'元' if era_year == 1 else era_year}年{m}月{d}日",
        f"{letter}{era_year}.{m}.{d}", f"{letter}{era_year:02d}/{m:02d}/{d:02d}", f"{d} {_MONTHS[m - 1][:3].upper()} {y}",
        f"{d} {_MONTHS[m - 1][:3]} {y}", f"{_MONTHS[m - 1]} {d}, {y}",
    ]
    text = rng.choice(shapes)
    if rng.random() < 0.2:
        text = "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" else c for c in text)
    return text


def _date_cases(rng: random.Random, count: int) -> Iterator[tuple[str, dt.date, bool]]:
    for _ in range(count):
        date = dt.date(1913, 1, 1) + dt.timedelta(days=rng.randrange(40_000))
        yield _render_date(date, rng), date, True
        other = date + dt.timedelta(days=rng.choice((-1, 1, -31, 30, -365, 365, 3650)))
        if other.day <= 12 and other.month != other.day:  # also the day/month swap a US-style writer makes
            other = rng.choice((other, dt.date(other.year, other.day, other.month)))
        if other != date and other >= dt.date(1913, 1, 1):
            yield _render_date(other, rng), date, False


def _mrz_date_cases(rng: random.Random, count: int) -> Iterator[tuple[str, str, dt.date, dt.date]]:
    for _ in range(count):
        reference = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(700))
        birth = reference - dt.timedelta(days=rng.randrange(99 * 365))
        expiry = reference + dt.timedelta(days=rng.randrange(-9 * 365, 10 * 365))
        yield birth.strftime("%y%m%d"), "birth", reference, birth
        yield expiry.strftime("%y%m%d"), "expiry", reference, expiry


# --------------------------------------------------------------------------- addresses

PLACES = (("東京都", "新宿区", "西新宿"), ("東京都", "千代田区", "霞が関"), ("東京都", "新宿区", "市谷"),
          ("東京都", "目黒区", "自由が丘"), ("東京都", "港区", "六本木"), ("東京都", "中央区", "八丁堀"),
          ("大阪府", "大阪市北区", "梅田"), ("神奈川県", "横浜市青葉区", "青葉台"), ("愛知県", "名古屋市中区", "栄"),
          ("東京都", "世田谷区", "梅ヶ丘"), ("福岡県", "福岡市博多区", "博多駅前"), ("埼玉県", "さいたま市浦和区", "高砂"),
          ("東京都", "北区", "十条仲原"), ("東京都", "台東区", "上野"), ("京都府", "京都市下京区", "四条通"))
BUILDINGS = ("サンハイツ", "メゾン桜", "グランフロント", "パークタワー", "コーポ田中", "レジデンス青山", "")


def _kanji(number: int) -> str:
    digits = "〇一二三四五六七八九"
    if number < 10:
        return digits[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + ("" if ones == 0 else digits[ones])


@dataclass(frozen=True)
class Address:
    place: tuple[str, str, str]
    chome: int
    ban: int
    go: int
    building: str
    room: int


def _render_address(address: Address, rng: random.Random, drop_prefecture: bool = False) -> str:
    prefecture, city, town = address.place
    if "が" in town or "ヶ" in town:
        town = town.replace("が", rng.choice("がヶケ")).replace("ヶ", rng.choice("がヶケ"))
    chome = rng.choice((f"{address.chome}丁目", f"{_kanji(address.chome)}丁目", f"{address.chome}-"))
    ban = rng.choice((f"{address.ban}番", f"{address.ban}番地", f"{address.ban}-"))
    go = rng.choice((f"{address.go}号", str(address.go)))
    if chome.endswith("丁目") and ban.endswith("-") and rng.random() < 0.5:
        ban = f"{_kanji(address.ban)}番"
    block = chome + ban + go
    if rng.random() < 0.3:  # all hyphens, possibly full width
        block = f"{address.chome}-{address.ban}-{address.go}"
    building = ""
    if address.building:
        building = rng.choice((" ", "", "　")) + address.building + rng.choice((f"{address.room}号室", f"{address.room}"))
    text = ("" if drop_prefecture else prefecture) + city + rng.choice(("", " ")) + town + block + building
    if rng.random() < 0.3:
        text = "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" or c == "-" else c for c in text)
    if rng.random() < 0.3:
        text = f"〒{rng.randrange(100, 999)}-{rng.randrange(0, 9999):04d} " + text
    return text


def _address_cases(rng: random.Random, count: int) -> Iterator[tuple[str, str, bool]]:
    for _ in range(count):
        building = rng.choice(BUILDINGS)
        address = Address(rng.choice(PLACES), rng.randrange(1, 10), rng.randrange(1, 40), rng.randrange(1, 30),
                          building, rng.randrange(101, 1210) if building else 0)
        card = _render_address(address, rng)
        yield _render_address(address, rng, drop_prefecture=rng.random() < 0.2), card, True
        field = rng.choice(("chome", "ban", "go", "room", "place"))
        if field == "room" and not building:
            continue
        if field == "place":
            other = Address(rng.choice([p for p in PLACES if p != address.place]), *list(vars(address).values())[1:])
        else:
            delta = rng.choice((-1, 1, 10))
            value = getattr(address, field) + delta
            if value < 1:
                continue
            other = Address(**{**vars(address), field: value})
        yield _render_address(other, rng), card, False


# --------------------------------------------------------------------------- evaluation


@dataclass
class Tally:
    same: int = 0
    different: int = 0
    false_flags: list[str] | None = None
    false_passes: list[str] | None = None
    seconds: list[float] | None = None

    def record(self, same: bool, verdict: bool, case: str, seconds: float) -> None:
        self.false_flags = self.false_flags or []
        self.false_passes = self.false_passes or []
        self.seconds = self.seconds or []
        self.seconds.append(seconds)
        if same:
            self.same += 1
            if not verdict:
                self.false_flags.append(case)
        else:
            self.different += 1
            if verdict:
                self.false_passes.append(case)


def _timed(call: Callable[[], bool]) -> tuple[bool, float]:
    start = time.perf_counter()
    try:
        result = call()
    except ValueError:
        result = False
    return result, time.perf_counter() - start


def evaluate(count: int, seed: int) -> dict[str, Tally]:
    rng = random.Random(seed)
    tallies = {name: Tally() for name in ("name", "date", "mrz_date", "address")}
    for form, mrz, limit, same in _name_cases(rng, count):
        verdict, seconds = _timed(lambda f=form, m=mrz, n=limit: compare_names(f, m, b_truncated_at=n).consistent)
        tallies["name"].record(same, verdict, f"{form!r} vs {mrz!r}", seconds)
    for text, date, same in _date_cases(rng, count):
        verdict, seconds = _timed(lambda t=text, d=date: parse_date(t) == d)
        tallies["date"].record(same, verdict, f"{text!r} vs {date}", seconds)
    for yymmdd, kind, reference, expected in _mrz_date_cases(rng, count):
        verdict, seconds = _timed(lambda y=yymmdd, k=kind, r=reference, e=expected: mrz_date(y, kind=k, reference=r) == e)
        tallies["mrz_date"].record(True, verdict, f"{yymmdd} {kind} @ {reference}", seconds)
    for a, b, same in _address_cases(rng, count):
        verdict, seconds = _timed(lambda x=a, y=b: compare_addresses(x, y)[0])
        tallies["address"].record(same, verdict, f"{a!r} vs {b!r}", seconds)
    return tallies


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_cases_strict_both_ways(seed: int) -> None:
    for kind, tally in evaluate(150, seed).items():
        assert tally.same > 70 and (kind == "mrz_date" or tally.different > 50), kind
        assert not tally.false_flags, (kind, tally.false_flags[:5])
        assert not tally.false_passes, (kind, tally.false_passes[:5])


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    print(f"{'check':<10} {'same':>6} {'false flag':>10} {'different':>9} {'false pass':>10} {'median µs':>9}")
    for kind, tally in evaluate(count, seed).items():
        median = statistics.median(tally.seconds or [0.0]) * 1e6
        print(f"{kind:<10} {tally.same:>6} {len(tally.false_flags or []):>10} {tally.different:>9} "
              f"{len(tally.false_passes or []):>10} {median:>9.1f}")
        for case in (tally.false_flags or [])[:5]:
            print("   flagged:", case)
        for case in (tally.false_passes or [])[:5]:
            print("   passed: ", case)


if __name__ == "__main__":
    main()
