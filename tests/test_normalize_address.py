"""Japanese addresses: notation variants are equal, a different block or building is not."""

import pytest

from docproc.normalize import compare_addresses, normalize_address
from docproc.normalize.address import kanji_to_int


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("百", 100), ("百五", 105),
     ("三百十二", 312), ("千二百三十四", 1234), ("二〇", 20), ("一〇五", 105), ("〇", 0)],
)
def test_kanji_to_int(numeral: str, value: int) -> None:
    assert kanji_to_int(numeral) == value


@pytest.mark.parametrize("numeral", ["", "一a", "新"])
def test_kanji_to_int_rejects(numeral: str) -> None:
    with pytest.raises(ValueError):
        kanji_to_int(numeral)


CANONICAL = "東京都新宿区西新宿2-8-1"


@pytest.mark.parametrize(
    "variant",
    [
        "東京都新宿区西新宿2-8-1",
        "東京都新宿区西新宿二丁目8番1号",
        "東京都新宿区西新宿二丁目八番一号",
        "東京都新宿区西新宿２－８－１",
        "東京都新宿区西新宿2丁目8-1",
        "東京都新宿区西新宿2丁目8番1号",
        "東京都新宿区西新宿2丁目8番地1",
        "東京都新宿区西新宿2丁目8番地の1",
        "東京都新宿区西新宿2-8-1号",
        "東京都新宿区西新宿2ー8ー1",
        "東京都新宿区西新宿2−8−1",
        "東京都新宿区西新宿2‐8‐1",
        "東京都新宿区西新宿2―8―1",
        "東京都 新宿区 西新宿 2-8-1",
        "東京都　新宿区　西新宿　２－８－１",
        "〒163-8001 東京都新宿区西新宿2-8-1",
        "〒１６３－８００１　東京都新宿区西新宿二丁目８番１号",
        "163-8001 東京都新宿区西新宿2-8-1",
        "東京都新宿区西新宿2-8-1 〒163-8001",
    ],
)
def test_same_address_variants(variant: str) -> None:
    assert normalize_address(variant) == CANONICAL
    assert compare_addresses(variant, CANONICAL) == (True, 1.0)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("東京都千代田区霞が関1-1-1", "東京都千代田区霞ヶ関一丁目1番1号"),
        ("東京都千代田区霞ケ関1-1-1", "東京都千代田区霞ヶ関1-1-1"),
        ("東京都千代田区霞ヵ関1-1-1", "東京都千代田区霞が関1-1-1"),
        ("東京都北区一ノ橋2-3", "東京都北区一の橋二丁目3番"),
        ("東京都港区六本木六丁目10番1号 六本木ヒルズ森タワー35階", "東京都港区六本木6-10-1六本木ヒルズ森タワー35F"),
        ("大阪府大阪市北区梅田3－1－3　グランフロント101号室", "大阪府大阪市北区梅田3-1-3グランフロント101号室"),
        ("東京都中央区八丁堀三丁目2番地の4", "東京都中央区八丁堀3-2-4"),
        ("東京都千代田区一番町二十三番地", "東京都千代田区1番町23"),
        ("北海道札幌市中央区北一条西二丁目1番地", "北海道札幌市中央区北1条西2-1"),
        ("新宿区西新宿2-8-1", "東京都新宿区西新宿二丁目8番1号"),  # prefecture left off the form
        ("東京都新宿区西新宿2-8-1ｻﾝﾊｲﾂ201", "東京都新宿区西新宿2-8-1サンハイツ201"),
        ("東京都新宿区西新宿2-8-1 サンハイツ201", "東京都新宿区西新宿2-8-1サンハイツ201"),
        ("東京都新宿区西新宿2-8-1サンハイツ201号室", "東京都新宿区西新宿2-8-1サンハイツ201"),
    ],
)
def test_equal_addresses(a: str, b: str) -> None:
    equal, score = compare_addresses(a, b)
    assert equal, (normalize_address(a), normalize_address(b))
    assert score == 1.0
    assert compare_addresses(b, a)[0]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("東京都新宿区西新宿2-8-1", "東京都新宿区西新宿2-8-2"),
        ("東京都新宿区西新宿2-8-1", "東京都新宿区西新宿3-8-1"),
        ("東京都新宿区西新宿2-8-1", "東京都新宿区西新宿2-8-11"),
        ("東京都新宿区西新宿2-8-1", "東京都新宿区西新宿2-8"),
        ("東京都新宿区西新宿2-8-1", "東京都新宿区新宿2-8-1"),
        ("東京都新宿区西新宿2-8-1", "神奈川県新宿区西新宿2-8-1"),  # two different prefectures
        ("東京都新宿区西新宿2-8-1サンハイツ201", "東京都新宿区西新宿2-8-1サンハイツ202"),
        ("東京都新宿区西新宿2-8-1サンハイツ201号室", "東京都新宿区西新宿2-8-1サンハイツ2010号室"),
        ("東京都港区六本木6-10-1", "東京都港区六本木6-10-1六本木ヒルズ森タワー35F"),
        ("東京都中央区八丁堀3-2-4", "東京都中央区8丁堀3-2-4"),
        ("東京都千代田区霞が関1-1-1", "東京都千代田区霞が関1-1-1-1"),
        ("東京都新宿区西新宿2-8-1", ""),
    ],
)
def test_different_addresses(a: str, b: str) -> None:
    equal, score = compare_addresses(a, b)
    assert not equal, (normalize_address(a), normalize_address(b))
    assert 0.0 <= score < 1.0
    assert not compare_addresses(b, a)[0]


def test_place_names_with_numerals_keep_their_kanji() -> None:
    assert normalize_address("東京都港区六本木1-1-1") == "東京都港区六本木1-1-1"
    assert normalize_address("東京都中央区八丁堀3-2-4") == "東京都中央区八丁堀3-2-4"
    assert normalize_address("東京都品川区五反田1-1") == "東京都品川区五反田1-1"
    assert normalize_address("東京都千代田区九段南1-2-1") == "東京都千代田区九段南1-2-1"


def test_room_and_building_numbers_survive() -> None:
    assert normalize_address("梅田3-1-3 グランフロント101号室") == "梅田3-1-3グランフロント101"
    assert normalize_address("大学3号館").endswith("3号館")


def test_kana_voicing_marks_alone_do_not_make_addresses_differ() -> None:
    equal, score = compare_addresses("東京都豊島区目白4-13-28ビラ若葉203", "東京都豊島区目白4-13-28ピラ若葉203")
    assert equal and 0.9 < score < 1.0  # the same, but not identical: the report shows the difference
    assert compare_addresses("豊島区目白4-13-28パークハイム203", "東京都豊島区目白4-13-28バークハイム203")[0]
    assert not compare_addresses("東京都豊島区目白4-13-28パークハイム203", "東京都豊島区目白4-13-28パークハイム208")[0]
