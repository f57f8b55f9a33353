"""Unit tests: nationality mapping, date parsing, address normalisation, sex and status."""

from __future__ import annotations

import datetime as dt

import pytest
from docproc_alien_registration.dates import parse_date, parse_date_loose, parse_dates
from docproc_alien_registration.nationality import nationality_code
from docproc_alien_registration.reader import (
    _ADDRESS_COLUMN_X,
    _entry_read,
    _interpret,
    _latin_sex,
    _lone_sex,
    _second_engine_better,
    _sex,
    _status,
)

from docproc.normalize import normalize_address
from docproc.normalize.address import kanji_to_int


@pytest.mark.parametrize(("printed", "code"), [
    ("米国", "USA"), ("英国", "GBR"), ("中国", "CHN"), ("韓国", "KOR"), ("ベトナム", "VNM"), ("台湾", "TWN"),
    ("スウェーデン", "SWE"), ("無国籍", "XXA"), ("朝鮮", "XXX"), ("ブラジル", "BRA"), ("ネパール", "NPL"),
    ("グアテマラ", "GTM"),  # only in pycountry's Japanese names
    ("スウエーデン", "SWE"), ("ネパ一ル", "NPL"), ("無国衝", "XXA"),  # OCR slips
])
def test_nationality_short_names(printed: str, code: str) -> None:
    found = nationality_code(printed)
    assert found is not None and found[0] == code


def test_stateless_value_is_not_a_nationality_label() -> None:
    from docproc_alien_registration.labels import find_labels

    assert [name for name, _, _ in find_labels("国籍NATIONALITY無国籍")] == ["nationality"]
    # 6番1号 read as 6番号 is still the address, not the card number's label
    assert [name for name, _, _ in find_labels("居住地千葉市美浜区真砂三丁目6番号シャトー緑")] == ["address"]


def test_the_validity_sentence_with_its_kana_misread_is_still_the_validity() -> None:
    """Seed 41's card 34 (a permanent resident: 無期限, the card's validity is the date): このカードは read
    このかード計; the sentence was no label and its date never re-read."""
    from docproc_alien_registration.labels import find_labels

    for text in ("このかード計2028衝月暫日まで有短です。", "このカードは2028年01月09日まで有効です。", "この力ード2028年"):
        (name, _, end), = find_labels(text)
        assert name == "validity" and text[end:].startswith("2028"), text


def test_nationality_does_not_confuse_two_character_names() -> None:
    assert nationality_code("米国")[0] != nationality_code("英国")[0]
    assert nationality_code("火星") is None


@pytest.mark.parametrize(("text", "iso"), [
    ("1990年01月01日", "1990-01-01"), ("１９９２年１月２９日", "1992-01-29"), ("2026年 7月 6日", "2026-07-06"),
    ("昭和42年4月27日", "1967-04-27"), ("平成元年1月8日", "1989-01-08"), ("令和元年5月1日", "2019-05-01"),
    ("令和８年４月２１日", "2026-04-21"), ("平成02年03月08日", "1990-03-08"), ("生年月日 1985年12月31日 性別", "1985-12-31"),
    ("平成09年06月2.9日", "1997-06-29"), ("昭和5.0年11月14日", "1975-11-14"),  # a speck in a day, in a year
    ("1990.01.21", "1990-01-21"),  # dots as separators
    ("令和11年1!月1日", "2029-11-01"), ("1977年07朋30日", "1977-07-30"), ("1977年07月30晶", "1977-07-30"), ("1983年09月9昌", "1983-09-09"),  # 朋 晶 昌
])
def test_dates(text: str, iso: str) -> None:
    assert parse_date(text) == dt.date.fromisoformat(iso)


def test_dates_reject_impossible_and_keep_order() -> None:
    assert parse_date("2023年02月30日") is None
    found = parse_dates("3年（2029年03月15日） 平成5年1月2日")
    assert [d.isoformat() for d, _ in found] == ["2029-03-15", "1993-01-02"]


def test_loose_date_settles_damaged_era_by_nearness() -> None:
    near = dt.date(2026, 11, 25)
    assert parse_date_loose("きす和8年04月28日", near=near)[0] == dt.date(2026, 4, 28)
    assert parse_date_loose("乎成3年2月1日")[0] == dt.date(1991, 2, 1)


@pytest.mark.parametrize(("a", "b"), [
    ("東京都新宿区西新宿二丁目8番1号", "東京都新宿区西新宿2-8-1"),
    ("東京都新宿区西新宿２－８－１", "東京都 新宿区 西新宿2丁目8番1号"),
    ("大阪市北区梅田1丁目2番3号 メゾン桜305号室", "大阪市北区梅田1-2-3メゾン桜305"),
    ("浜松市中区鍛冶町33番地12", "浜松市中区鍛冶町33-12"),
    ("川口市芝園町十二番地4", "川口市芝園町12-4"),
    ("豊田市保見町1ー2ー3", "豊田市保見町1-2-3"),
])
def test_address_normalisation_equates_print_styles(a: str, b: str) -> None:
    assert normalize_address(a) == normalize_address(b)


def test_address_normalisation_keeps_place_names_and_differences() -> None:
    assert normalize_address("東京都八王子市旭町1-2-3").startswith("東京都八王子市")
    assert normalize_address("四谷1-2-3") != normalize_address("四谷1-2-4")
    assert normalize_address("中央区八丁堀三丁目1番1号") == "中央区八丁堀3-1-1"
    assert kanji_to_int("二十三") == 23 and kanji_to_int("十") == 10 and kanji_to_int("百五") == 105


def test_sex_and_status() -> None:
    assert _sex("女 F.") == "F" and _sex("男") == "M" and _sex("M.") == "M"
    assert _sex("*ML") == "M" and _sex("FI") == "F"  # the dot blurred into a stroke
    assert _sex("MLE") is None and _sex("SEX") is None and _sex("HML") is None
    assert _sex("mM") == "M" and _sex("wwF") == "F"  # the English label's residue (seed 41 card 40)
    assert _sex("emmA") is None and _sex("wmMA") is None
    assert _lone_sex("女") == "F" and _lone_sex("東京都") is None
    # eng's readings of a lone M. or F. in its box (seeds 41, 29 and 103): the dot read as a letter, the
    # small label SEX before it as lower case; what it makes of a blurred 男 is no letter of either
    assert [_latin_sex(t) for t in ("Ma.", "Mt.", "M.", "F", "ane F.", "me mM", "M, A")] == list("MMMFFMM")
    assert [_latin_sex(t) for t in ("x", "B", "uw.", "Ls", "*", "BS", "{ ape", "Res", "MA", "Fan")] == [None] * 10
    assert _status("技術・人文知識・国際業")[0] == "技術・人文知識・国際業務"


def test_address_readings_undo_jpn_zero_read_as_nine_in_their_digits_only() -> None:
    from docproc_alien_registration.reader import _zeros_settled

    read = ["巽南3-36-19ハイツ青葉201", "巽南3-36-10ハイツ育葉201", "巽南3-36-19ハイツ至葉201"]
    assert _zeros_settled(read, only_digits=True) == ["巽南3-36-10ハイツ青葉201", "巽南3-36-10ハイツ育葉201",
                                                         "巽南3-36-10ハイツ至葉201"]
    assert _zeros_settled(read) == read  # a date's readings must agree elsewhere
    assert _zeros_settled(["巽南3-36-19", "巽南3-36-1"], only_digits=True) == ["巽南3-36-19", "巽南3-36-1"]


def test_dates_undo_jpn_zero_read_as_nine() -> None:
    assert parse_date("1979年97月14日") == dt.date(1979, 7, 14)
    assert parse_date("2023年91月29日") == dt.date(2023, 1, 29)
    assert parse_date("1973年098月19日") == dt.date(1973, 8, 19)  # one glyph read twice
    assert parse_date("1990年05月66日") == dt.date(1990, 5, 6)  # a blurred 0 read as 6
    assert parse_date("1990年05月16日") == dt.date(1990, 5, 16)  # a possible date is kept as read
    from docproc_alien_registration.dates import plausible_expiry

    assert plausible_expiry(dt.date(2039, 11, 10), dt.date(2026, 11, 25)) == dt.date(2030, 11, 10)
    assert plausible_expiry(dt.date(2029, 11, 10), dt.date(2026, 11, 25)) == dt.date(2029, 11, 10)


def test_prefecture_repair_is_limited_to_one_character_and_not_cities() -> None:
    from docproc_alien_registration.address import fix_prefecture

    assert fix_prefecture("東京者新宿区西新宿2-8-1") == "東京都新宿区西新宿2-8-1"
    assert fix_prefecture("税馬県太田市東本町1-2-3") == "群馬県太田市東本町1-2-3"
    assert fix_prefecture("大阪市北区梅田1-2-3") == "大阪市北区梅田1-2-3"
    assert fix_prefecture("京都市左京区北白川1") == "京都市左京区北白川1"
    assert fix_prefecture("火星県") == "火星県"
    assert fix_prefecture("北海道札幌市中央区北1条西|-40-24") == "北海道札幌市中央区北1条西1-40-24"  # | for 1
    assert fix_prefecture("港区赤坂40番地]ハイツ青葉203") == "港区赤坂40番地1ハイツ青葉203"
    assert fix_prefecture("東京都豊島区南大塚8B-31-21グランドパレス305") == "東京都豊島区南大塚8-31-21グランドパレス305"
    assert fix_prefecture("宮城県仙台市青葉区一番町9%ー21一29") == "宮城県仙台市青葉区一番町9-21-29"
    assert fix_prefecture("港区赤坂5-20B棟") == "港区赤坂5-20B棟"  # a letter after the number is kept
    assert fix_prefecture("港区赤坂5-20ONEタワー") == "港区赤坂5-20ONEタワー"  # an O that starts a Latin name too
    assert fix_prefecture("群馬県太田市東本町8-28-28。") == "群馬県太田市東本町8-28-28"  # seed 41 card 80
    # a full-width 1 with a foot (Noto Serif CJK) read as ユ; a building's ユ is kept
    assert fix_prefecture("神奈川県横浜市中区本牧町ユ-16-21") == "神奈川県横浜市中区本牧町1-16-21"
    assert fix_prefecture("東京都八王子市横山町3ーユ-10") == "東京都八王子市横山町3-1-10"
    assert fix_prefecture("神奈川県横浜市中区本牧町ユー16一21") == "神奈川県横浜市中区本牧町1-16-21"
    assert fix_prefecture("港区赤坂5-20ユーハイム101") == "港区赤坂5-20ユーハイム101"
    assert fix_prefecture("港区赤坂5-20-ユニハイツ101") == "港区赤坂5-20-ユニハイツ101"
    assert fix_prefecture("港区赤坂5-20ハイツ青葉ー") == "港区赤坂5-20ハイツ青葉ー"  # kana and ー are kept


def test_misread_label_at_line_start_is_matched_when_it_fits_the_printed_order() -> None:
    from docproc_alien_registration.labels import label_lines

    lines = ["外国人登録証明書 登録番号 VB81823846LM", "兵名wwROMANOGIULIA", "生年月日mm平成12年5月27日",
             "性抱MM.", "国還emmイタリア", "司仁称w東京都豊島区", "在舞の責格we家族滞在", "在拓期痕mo令和9年11月30日"]
    found = [[name for name, _, _ in labels] for labels in label_lines(lines)]
    assert found == [["card_number"], ["name"], ["birth_date"], ["sex"], ["nationality"], [],
                     ["status_of_residence"], ["period"]]
    # out of order, or a label already read right elsewhere: not a label
    assert label_lines(["性別M.", "兵名ROMANO"]) == [[("sex", 0, 2)], []]
    assert label_lines(["氏名ROMANO", "兵名ROMANO"]) == [[("name", 0, 2)], []]
    # a lone 名 left of 氏名 still starts the name's line
    assert label_lines(["名eSETIAWANRINA", "生年月日平成20年6月8日"])[0] == [("name", 0, 1)]
    # a shared glyph out of place is no label: the blurred title 外国人登録証明書 read 外国A期書 is not 国籍
    assert label_lines(["外国A期書登録和叶RT54041044UK"]) == [[]]
    # the card's title is never taken for a label (在留カード is half 在留資格)
    assert label_lines(["在留カード番号AB12345678CD"]) == [[("card_number", 5, 7)]]
    # a sex's row holds no digits: 性床 of 住居地 read before an address is not 性別 (seed 37's card 64, whose status
    # and expiry then went unread: the rows below it were taken as the sex's followers); a name's row may hold a
    # few, its letters misread (seed 7's card 92 in Noto fonts: ESPOSITO GIULIA read ESPOSITO6IOLIA)
    assert label_lines(["年月日mwwm1992年1月26日", "Me女", "性床二ee遼和昌示お本条画条)舌第24メゾン権1109呈凍"]) == \
        [[("birth_date", 0, 3)], [], []]
    assert label_lines(["年月日mwwm1992年1月26日", "性抱MM."])[1] == [("sex", 0, 2)]
    assert label_lines(["外則人人緑証明至時大9こRTS404104", "氏もweESPOSITO6IOLIA", "ま全月日mee馬和54年1月18日"]) == \
        [[], [("name", 0, 2)], [("birth_date", 0, 4)]]


def test_address_with_a_misread_prefecture_gets_it_back_from_the_city() -> None:
    from docproc_alien_registration.reader import _interpret

    today = dt.date(2026, 11, 25)
    assert _interpret("address", "引県福岡市博多区博多駅前9ー32一14", today) == "福岡県福岡市博多区博多駅前9-32-14"
    assert _interpret("address", "福岡市博多区博多駅前9-32-14", today) == "福岡市博多区博多駅前9-32-14"
    assert _interpret("address", "京都市左京区北白川別当町4-39-4", today) == "京都市左京区北白川別当町4-39-4"


def test_a_garbled_place_still_gets_its_block_number_and_building_repaired() -> None:
    """A reading whose place is garbled past repair (宿才区) still votes on the rest of the address (seed 7
    card 64 in Noto fonts: its バークハイム outvoted the other readings' パークハイム)."""
    from docproc_alien_registration.reader import _interpret

    today = dt.date(2026, 11, 25)
    assert _interpret("address", "東京都宿才区大久保7ー11一30バークハイム563号", today) == \
        "東京都宿才区大久保7-11-30パークハイム503"
    assert _interpret("address", "天外町人.38-るバークハイム5", today) == "天外町人.38-るバークハイム5"  # no block number


def test_a_town_the_list_does_not_know_still_gets_its_block_number_repaired() -> None:
    """Seed 11's card 38 (150 dpi, rotated): PP-OCRv6 read 飯塚町 as 版理町 and 番 as 爵; the city is known, the
    town is not, so the block number after it is repaired as after a known place (版理町 is respelt later)."""
    from docproc_alien_registration.reader import _interpret

    today = dt.date(2026, 11, 25)
    assert _interpret("address", "群馬県太田市版理町3丁日6爵17号シャトー緑102号", today) == \
        "群馬県太田市版理町3-6-17シャトー緑102"
    assert _interpret("address", "群馬県太田市飯塚町3丁目6爵17号シャトー緑102号", today) == \
        "群馬県太田市飯塚町3-6-17シャトー緑102"


def test_a_reading_whose_chome_lost_its_number_does_not_vote() -> None:
    """Seed 7's card 95 in Noto Sans: five of tesseract's readings lost the thin 七 of 七丁目; normalized, 丁目14番7号
    would pass for the whole block number 14-7 and outvote the two readings of 7-14-7 (a wrong address, sure)."""
    from docproc_alien_registration.reader import _interpret

    today = dt.date(2026, 11, 25)
    assert _interpret("address", "神奈川県横浜市中区伊勢佐木町丁目14番7号", today) is None
    assert _interpret("address", "神奈川県横浜市中区伊勢佐木町七丁目14番7号", today) == "神奈川県横浜市中区伊勢佐木町7-14-7"
    assert _interpret("address", "東京都中央区八丁堀3丁目1番2号", today) == "東京都中央区八丁堀3-1-2"  # 丁 of a town


def test_unlabelled_line_between_its_neighbours_takes_the_missing_field() -> None:
    from docproc_alien_registration.ocr import Word
    from docproc_alien_registration.reader import _in_slot, _Segment

    def line(y: int) -> _Segment:
        return _Segment("text", [Word("text", 200, y, 300, 30, 0.9)], 30)

    address, noise = line(400), line(700)
    rows = {"nationality": 340.0, "status_of_residence": 490.0}
    assert _in_slot([address, noise], rows, "address") is address
    assert _in_slot([address, line(430), noise], rows, "address") is None  # two lines: no telling which
    assert _in_slot([address], {"nationality": 340.0}, "address") is None  # nothing below to bound it


def test_a_line_within_half_a_row_of_a_neighbour_is_not_the_missing_field() -> None:
    """277/33: the certificate's small CERTIFICATE OF ALIEN REGISTRATION under its title (the card number's
    row) was the one line read between that row and the birth date's, and was taken for the name."""
    from docproc_alien_registration.ocr import Word
    from docproc_alien_registration.reader import _edge, _in_slot, _Segment

    def line(y: int) -> _Segment:
        return _Segment("text", [Word("text", 200, y, 300, 30, 0.9)], 30)

    rows = {"card_number": 38.0, "birth_date": 215.0, "sex": 285.0, "nationality": 354.0}
    assert _edge(rows) == pytest.approx(34.75)  # half of 69.5: the title's row is no label's
    assert _in_slot([line(48)], rows, "name") is None  # its centre at 63, the title's at 38
    name = line(130)
    assert _in_slot([line(48), name], rows, "name") is name
    assert _edge({"card_number": 38.0}) == _edge({}) == 10.0  # no pitch to go by


def test_unlabelled_lines_between_found_rows_take_the_missing_fields_in_printed_order() -> None:
    """Every label of a 150 dpi card misread (人を等日, 得騰・地載, 性細只 ...): the lines between the rows found
    by their values are the fields missing between them, in the order the layout prints them."""
    from docproc_alien_registration.ocr import Word
    from docproc_alien_registration.reader import _in_slot, _Segment

    def line(y: int) -> _Segment:
        return _Segment("text", [Word("text", 200, y, 300, 30, 0.9)], 30)

    birth, address, status, period, validity = line(200), line(410), line(480), line(550), line(620)
    rows = {"name": 130.0, "sex": 270.0, "nationality": 340.0}
    assert _in_slot([birth, address, status, period, validity], rows, "birth_date") is birth
    # below the nationality, nothing found: the card's bottom edge bounds the layout's last row (validity)
    free = [address, status, period, validity]
    assert [_in_slot(free, rows, key, "validity") for key in ("address", "status_of_residence", "period")] == \
        [address, status, period]
    assert _in_slot(free, rows, "address") is None  # the layout unknown: no bottom bound
    assert _in_slot(free, rows, "address", "period") is None  # four lines for three fields: no telling
    assert _in_slot([address, status, period], rows, "status_of_residence", "validity") is None


def test_the_label_margin_of_a_card_with_no_label_read_is_where_its_rows_start() -> None:
    from docproc_alien_registration.ocr import Line, Word
    from docproc_alien_registration.reader import _row_margin

    def row(y: int, x: int = 50) -> Line:
        return Line((Word("人を等日", x, y, 100, 26, 0.3), Word("1990年", 300, y, 100, 28, 0.8)))

    title = Line((Word("在留カード", 180, 20, 200, 40, 0.9),))
    rows = [title, row(200), row(270, 48), row(340, 120), row(410)]  # one row starting at a speck further right
    margin = _row_margin(rows, [[], [], [], [], []])
    assert margin is not None and (margin.x, margin.h) == (50, 26) and not margin.text
    assert _row_margin(rows[:3], [[], [], []]) is None  # two rows: too few to tell
    assert _row_margin(rows, [[], [("birth_date", 0, 4)], [("sex", 0, 2)], [], []]) is None  # labelled rows skipped


def test_a_word_box_running_over_the_next_is_not_taken_for_the_small_english_label() -> None:
    from docproc_alien_registration.ocr import Line, Word
    from docproc_alien_registration.reader import _unlabelled

    def words(*boxes: tuple[str, int, int, int, int]) -> Line:
        return Line(tuple(Word(text, x, y, w, h, 0.9) for text, x, y, w, h in boxes))

    # seed 37 card 3, 氏名 read 多も: HTUN's box (read ITUN) runs over TUN's, both boxes of a wrong height
    garbled = words(("多", 38, 135, 28, 29), ("も", 72, 136, 23, 29), ("we", 106, 120, 38, 58),
                    ("ITUN", 181, 131, 218, 32), ("TUN", 280, 120, 54, 58), ("TUN", 348, 120, 54, 58))
    assert _unlabelled([garbled], [[]])[0].text == "ITUNTUNTUN"
    # a small NAME label clear of the name is still cut off
    labelled = words(("多", 38, 135, 28, 29), ("NAME", 106, 140, 50, 16), ("HTUN", 181, 131, 70, 30),
                     ("TUN", 280, 131, 54, 30), ("TUN", 348, 131, 54, 30))
    assert _unlabelled([labelled], [[]])[0].text == "HTUNTUNTUN"


def test_english_label_garbage_is_mostly_lower_case_a_name_with_a_speck_is_not() -> None:
    from docproc_alien_registration.reader import _mostly_lower

    assert _mostly_lower("wws") and _mostly_lower("emmA")
    assert not _mostly_lower("eSETIAWAN") and not _mostly_lower("RINA")


def test_block_number_slips_after_a_known_place_are_put_right() -> None:
    from docproc_alien_registration.address import block_number_repaired, fix_prefecture, long_vowel_unstuttered

    assert block_number_repaired("ら-34-28レジデンス栄1105") == "5-34-28レジデンス栄1105"  # ら for 5
    assert block_number_repaired("/-5-13") == "7-5-13"
    assert block_number_repaired("6-4益20シャトー緑503") == "6-4-20シャトー緑503"  # only a hyphen fits there
    assert block_number_repaired("4-9乱1メゾン桜1105") == "4-9-1メゾン桜1105"
    assert block_number_repaired("3.12-19コーポ山田102") == "3-12-19コーポ山田102"  # a third number follows
    assert block_number_repaired("10番垢12レジデンス栄101") == "10-12レジデンス栄101"  # 番 and a stray for -
    assert block_number_repaired("8番二28レジデンス栄101") == "8-28レジデンス栄101"
    # a building name is not a block number: 第 opens one, three numbers are complete, katakana is a name
    assert block_number_repaired("8-16第2松本荘1105") == "8-16第2松本荘1105"
    assert block_number_repaired("5-6-17写402") == "5-6-17写402"
    assert block_number_repaired("6-8レジデンス栄201") == "6-8レジデンス栄201"
    assert block_number_repaired("ら") == "ら"
    assert block_number_repaired("ア-33-6") == "7-33-6"  # ア for 7
    assert block_number_repaired("6-4-26)サンライズマンション201") == "6-4-26サンライズマンション201"
    assert block_number_repaired("8-37-10-ハイツ青葉305") == "8-37-10ハイツ青葉305"
    assert block_number_repaired("1-7-2?サンライズマンション503") == "1-7-2サンライズマンション503"
    assert block_number_repaired("8-37-一ハイツ") == "8-37-一ハイツ"  # a kanji numeral may be the number
    assert block_number_repaired("4.33.9グランドパレス203") == "4-33-9グランドパレス203"  # a dot per hyphen
    assert block_number_repaired("37拭地10グランドパレス305") == "37-10グランドパレス305"  # 番地 misread
    assert block_number_repaired("15巷地8第二松本碼503") == "15-8第二松本碼503"  # before a 第… building too
    assert block_number_repaired("39箸好19") == "39-19"
    assert block_number_repaired("G-34-18") == "6-34-18"  # G for 6
    assert block_number_repaired("2-3新館4") == "2-3新館4"  # two signs only where 番地 would be
    assert block_number_repaired("8-16第2松本荘") == "8-16第2松本荘"
    assert block_number_repaired("3-24-2.0レジデンス栄305") == "3-24-20レジデンス栄305"  # no fourth number
    assert block_number_repaired("3-24.2") == "3-24-2"  # before a third number it is the hyphen
    assert block_number_repaired("3-24-20.305") == "3-24-20.305"  # maybe a hyphen before a room: left alone
    assert fix_prefecture("名古屋市中区栄一耳目8-16") == "名古屋市中区栄一丁目8-16"  # 丁目 half misread
    assert fix_prefecture("1丁目2番3号") == "1丁目2番3号"
    assert fix_prefecture("北海道札幌市中央区南三旬本一丁具38-15") == "北海道札幌市中央区南三旬本一丁目38-15"
    assert fix_prefecture("広島県広島市中区八丁堀1丁目18番27号") == "広島県広島市中区八丁堀1丁目18番27号"
    # 号 misread where nothing else fits: after 番 and a number before a name, or ending the line
    assert fix_prefecture("池袋5丁目6番17写サンライズ402号") == "池袋5丁目6番17号サンライズ402号"
    assert fix_prefecture("大手町7丁目7番12号サンライズ201宣") == "大手町7丁目7番12号サンライズ201号"
    assert fix_prefecture("赤坂5丁目6番17号 青葉ハイツ") == "赤坂5丁目6番17号 青葉ハイツ"
    assert fix_prefecture("港区赤坂5-20B棟") == "港区赤坂5-20B棟"
    assert fix_prefecture("大手町7丁目7番12号サンライズ201号宣") == "大手町7丁目7番12号サンライズ201号室"
    assert fix_prefecture("浜松市中央区田町3-7-5コーポ山田2@3") == "浜松市中央区田町3-7-5コーポ山田203"
    assert fix_prefecture("丸ノ内7-3-24サンライズマンション305写補") == "丸ノ内7-3-24サンライズマンション305号室"
    assert fix_prefecture("丸ノ内7-3-24サンライズマンション402昌室") == "丸ノ内7-3-24サンライズマンション402号室"
    assert fix_prefecture("丸ノ内7-3-24サンライズ3号棟") == "丸ノ内7-3-24サンライズ3号棟"
    assert fix_prefecture("港区赤坂5-20青葉") == "港区赤坂5-20青葉"  # a building named after the block number
    assert fix_prefecture("埼玉県川口市西川ロニ丁目9-2") == "埼玉県川口市西川口二丁目9-2"  # katakana for kanji
    assert fix_prefecture("埼玉県川口市西川ロー丁目26-30") == "埼玉県川口市西川口一丁目26-30"  # seed 103 card 104
    assert fix_prefecture("川口市西川口2-9-2シャトー丁目") == "川口市西川口2-9-2シャトー丁目"  # a long vowel after kana
    assert fix_prefecture("東京都世田谷区北沢ハ丁目37番10号") == "東京都世田谷区北沢八丁目37番10号"  # seed 11 card 99
    assert fix_prefecture("川口市西川口2-9-2コーポハ丁目") == "川口市西川口2-9-2コーポハ丁目"  # ハ after kana is kana
    assert fix_prefecture("川口市西川口2-9-2コーポロイヤル") == "川口市西川口2-9-2コーポロイヤル"
    assert fix_prefecture("新宿区歌舞伎町4オ-40-25") == "新宿区歌舞伎町4-40-25"
    assert fix_prefecture("川崎市川崎区駅前本町3は-18-27") == "川崎市川崎区駅前本町3-18-27"
    assert fix_prefecture("新宿区四谷1-37-3O第二松本荘201") == "新宿区四谷1-37-30第二松本荘201"
    assert long_vowel_unstuttered("3-6-1シャトー-緑1105") == "3-6-1シャトー緑1105"
    assert long_vowel_unstuttered("ハイツ1-2") == "ハイツ1-2"


def test_a_room_numbers_tens_digit_read_round_is_a_zero() -> None:
    from docproc_alien_registration.address import room_number_repaired

    assert room_number_repaired("4-8-15コーポ山田563") == "4-8-15コーポ山田503"
    assert room_number_repaired("7-11-30パークハイム191") == "7-11-30パークハイム101"
    assert room_number_repaired("6-29-23サンライズマンション1185") == "6-29-23サンライズマンション1105"
    # not a block number, a lot number without a building before it, nor a room without a floor
    assert room_number_repaired("5-6-19") == "5-6-19"
    assert room_number_repaired("1264") == "1264"
    assert room_number_repaired("3-4-5ハイツ12") == "3-4-5ハイツ12"
    assert room_number_repaired("3-4-5ハイツ213") == "3-4-5ハイツ213"


def test_voicing_marks_follow_word_frequencies_only_when_clear() -> None:
    from docproc_alien_registration.loanwords import voicing_repaired

    assert voicing_repaired("6-19-16バークハイム203") == "6-19-16パークハイム203"
    assert voicing_repaired("ピラ若葉") == "ビラ若葉"
    assert voicing_repaired("コーボ山田") == "コーポ山田"  # no word コーボ
    assert voicing_repaired("バパークハイム") == "パークハイム"  # one glyph read twice, with each mark
    assert voicing_repaired("グランドバレス") == "グランドパレス"
    # both spellings are common words, or neither is a word: left as read
    assert voicing_repaired("ボート") == "ボート"
    assert voicing_repaired("ポート") == "ポート"
    assert voicing_repaired("ピアチェーレ") == "ピアチェーレ"
    assert voicing_repaired("サンライズマンション") == "サンライズマンション"


def test_small_kana_and_kanji_look_alikes_in_katakana_follow_word_frequencies() -> None:
    from docproc_alien_registration.loanwords import voicing_repaired

    assert voicing_repaired("6-29-23サンライズマンシヨン1105") == "6-29-23サンライズマンション1105"  # ョ read full size
    assert voicing_repaired("2-25-7八イツ青葉102") == "2-25-7ハイツ青葉102"  # ハ read as the kanji 八
    assert voicing_repaired("コ一ポ山田") == "コーポ山田"
    assert voicing_repaired("二ューハイツ") == "ニューハイツ"
    assert voicing_repaired("ロイヤル口ード") == "ロイヤルロード"
    # a look-alike kanji beside another kanji is one: not ロハイツ (ロハ and イツ are words), not ニコーポ
    assert voicing_repaired("川口ハイツ") == "川口ハイツ"
    assert voicing_repaired("第二コーポ") == "第二コーポ"
    assert voicing_repaired("ハイツ一番館") == "ハイツ一番館"
    # a hiragana read for a blurred katakana (seeds 7, 37, unseen 283: ビう若第), not one of a hiragana word
    assert voicing_repaired("1-32-17ビう若第101") == "1-32-17ビラ若第101"
    assert voicing_repaired("6-16-18ピう若第903") == "6-16-18ビラ若第903"  # two slips in one run (seed 7's card 40)
    assert voicing_repaired("ハイツうめ") == "ハイツうめ"
    # put right before the block number's repair, which needs to see where the building's name begins
    from docproc_alien_registration.reader import _rest_repaired

    assert _rest_repaired("3-38基16八イツ青葉102") == "3-38-16ハイツ青葉102"


def test_address_reading_prefers_the_one_naming_a_real_town() -> None:
    from docproc_alien_registration.reader import _pick
    from docproc_alien_registration.reread import StripRead

    def read(text: str) -> tuple[str, StripRead, bool]:
        return text, StripRead(text, (0.9,)), True

    pool = [read("群馬県太田市車本町1-12-13"), read("群馬県太田市車本町1-12-13"), read("群馬県太田市東本町1-12-13")]
    assert _pick("address", pool, 3)[0] == "群馬県太田市東本町1-12-13"
    pool = [read("群馬県太田市東本町1-12-13"), read("群馬県太田市東本町1-12-13"), read("群馬県太田市西本町1-12-13")]
    assert _pick("address", pool, 3)[0] == "群馬県太田市東本町1-12-13"  # both real: the votes decide


def test_name_reading_drops_the_english_label_read_as_lower_case() -> None:
    from docproc_alien_registration.reader import _without_label_residue

    assert _without_label_residue(["hem", "ESPOSITO", "GIULA"]) == ["ESPOSITO", "GIULA"]
    assert _without_label_residue(["ESPOSITO", "GIULIA"]) == ["ESPOSITO", "GIULIA"]
    assert _without_label_residue(["EsPosiTO", "Guu"]) == ["EsPosiTO", "Guu"]  # blurred capitals stay
    assert _without_label_residue(["|", "mac”", "RAYA", "AYSE"]) == ["RAYA", "AYSE"]  # a sign before the label
    assert _without_label_residue(["0", "CONNOR", "CHLOE"]) == ["0", "CONNOR", "CHLOE"]  # O read as a digit
    # the reading started at the labels' margin: 氏名 read as letters, then the English label as signs
    assert _without_label_residue(["AG", "==", "PEREZ", "SOFIA"], [75, 119, 236, 333], 136) == ["PEREZ", "SOFIA"]
    assert _without_label_residue(["LI", "WEI"], [60, 130], 136) == ["LI", "WEI"]  # no label there: the name's
    assert _without_label_residue(["LI", "WEI", "|"], [60, 130, 140], 136) == ["LI", "WEI", "|"]
    assert _without_label_residue(["AG", "==", "PEREZ"], [75, 119, 236]) == ["AG", "==", "PEREZ"]  # not at the margin


def test_text_rows_are_bands_of_ink_and_the_back_title_survives_two_slips() -> None:
    import numpy as np
    from docproc_alien_registration.labels import back_title
    from docproc_alien_registration.rows import text_rows

    card = np.full((757, 1200), 255, np.uint8)
    card[40:62, 30:300] = 0  # a title row
    card[120:140, 30:900] = 0  # an entry row
    card[110:170, 1050:1110] = 0  # the seal column: not a row of text, and not joined to one
    card[300:303, 30:900] = 0  # a leftover rule: too thin for a row
    assert text_rows(card) == [(30, 40, 270, 22), (30, 120, 870, 20)]
    assert back_title("住居地記載柚") and back_title("住居地記載欄")
    assert not back_title("住居地東京都新宿区") and not back_title("(1試地記寺欄")


def test_a_birth_date_with_a_misread_era_is_never_in_the_future() -> None:
    from docproc_alien_registration.reader import _interpret, _Settled

    today = dt.date(2026, 11, 25)
    assert parse_date_loose("中和30年10月23日", latest=today) == (dt.date(1955, 10, 23), 0.7)  # not 令和30 (2048)
    assert parse_date_loose("中和30年10月23日")[0] == dt.date(2048, 10, 23)  # unconstrained: a low-confidence guess
    birth = _interpret("birth_date", "喘和30年10月23日", today)
    assert birth == "1955-10-23" and isinstance(birth, _Settled)  # read, but not for sure
    assert _interpret("birth_date", "昭和30年10月23日", today) == "1955-10-23"
    assert not isinstance(_interpret("birth_date", "昭和30年10月23日", today), _Settled)
    # 平成 ended in its 31st year: a birth in "?成33年" or "時箇33年" is no 平成 date (nor a future 令和 one)
    assert parse_date_loose("時箇33年1月30日", latest=today) == (dt.date(1958, 1, 30), 0.7)


def test_a_birth_year_no_past_date_has_is_read_with_its_nines_as_zeros() -> None:
    from docproc_alien_registration.reader import _interpret, _Settled

    today = dt.date(2026, 11, 25)
    # 平成04 read 平成94 (seed 37 card 86: it had become 2082-07-26); 2092 for 2002
    assert parse_date_loose("平成94年97月26日", latest=today) == (dt.date(1992, 7, 26), 0.7)
    assert parse_dates("2092年01月02日", latest=today)[0][0] == dt.date(2002, 1, 2)
    birth = _interpret("birth_date", "平成94年07月26日", today)
    assert birth == "1992-07-26" and isinstance(birth, _Settled)
    assert parse_dates("平成33年3月1日", latest=today) == []  # past 平成's end, no 9 to undo
    assert parse_dates("平成33年3月1日")[0][0] == dt.date(2021, 3, 1)  # an expiry printed before 令和: kept
    assert parse_dates("1999年09月09日", latest=today)[0][0] == dt.date(1999, 9, 9)  # a possible date as read
    # no card prints a year past 2099: 20 read as 26 (seed 41 card 55: 2608年 had become 令和8, 2026)
    assert parse_date_loose("2608年9月28日", latest=today) == (dt.date(2008, 9, 28), 0.7)
    assert parse_dates("2928年01月04日")[0][0] == dt.date(2028, 1, 4)
    birth = _interpret("birth_date", "2608年9月28日", today)
    assert birth == "2008-09-28" and isinstance(birth, _Settled)


def test_a_field_with_an_unreadable_label_is_the_ink_after_the_label_margin_on_its_slot_line() -> None:
    import numpy as np
    from docproc_alien_registration.ocr import Word
    from docproc_alien_registration.reader import _label_margin, _Segment, _slot_box

    gray = np.full((757, 1200), 235, np.uint8)
    gray[280:306, 50:76] = gray[280:306, 80:106] = 40  # 性別, misread past recognition
    gray[292:301, 118:150] = 60  # the small English label SEX
    gray[280:306, 175:200] = gray[298:306, 204:210] = 40  # M.
    birth = _Segment("1990年1月1日", [], 26, Word("生年月日", 50, 200, 104, 26, 0.9))
    nationality = _Segment("イタリア", [], 26, Word("国籍", 50, 360, 52, 26, 0.9))
    segs = {"birth_date": birth, "nationality": nationality}
    slot = _Segment("に:)に王", [Word("に:)に王", 50, 280, 160, 26, 0.2)], 26)
    rows = {"birth_date": 213.0, "nationality": 373.0}
    box = _slot_box("sex", [slot], _label_margin(segs), rows, gray, None)
    assert box is not None and 170 <= box[0] <= 177 and box[0] + box[2] >= 208  # M. without the label
    # the page pass read nothing of the row: its ink tells where it is
    assert _slot_box("sex", [], _label_margin(segs), rows, gray, None) == box
    gray[270:320] = 235
    assert _slot_box("sex", [], _label_margin(segs), rows, gray, None) is None  # nothing printed in the slot
    gray[262:288, 50:200] = gray[300:326, 50:200] = 40  # two rows of ink there: which one is not clear
    assert _slot_box("sex", [], _label_margin(segs), rows, gray, None) is None


def test_the_portraits_box_leaves_out_large_text_printed_up_to_it() -> None:
    """Blurred large glyphs survive photo_box's opening and its closing joined them to the portrait, whose
    box then ran over the end of the address line (which the reader paints out with the portrait)."""
    import cv2
    import numpy as np
    from docproc_alien_registration.locate import CANON_H, CANON_W, photo_box

    card = np.full((CANON_H, CANON_W, 3), (200, 225, 230), np.uint8)
    card[140:520, 850:1150] = (90, 70, 60)  # the portrait
    for k in range(4):  # 番20号 as blurred blobs, the last 20 px from the portrait
        cv2.rectangle(card, (690 + 36 * k, 452), (720 + 36 * k, 484), (40, 40, 40), -1)
    card = cv2.GaussianBlur(card, (0, 0), 3)
    x, y, w, h = photo_box(card)
    assert 840 <= x <= 856 and 130 <= y <= 150 and 1140 <= x + w <= 1160 and 510 <= y + h <= 530


def test_a_sign_between_a_misread_label_and_the_name_does_not_end_the_name() -> None:
    """Seed 11's card 13: the page pass read 氏名 NAME as 拓 吉 = ご, and the name was cut at ご after '='."""
    from docproc_alien_registration.ocr import Word
    from docproc_alien_registration.reader import _name_words, _Segment

    texts = ["拓", "吉", "=", "ご", "YUSUPOVA", "JASUR"]
    words = [Word(text, 40 + 60 * k, 130, 50, 30, 0.8) for k, text in enumerate(texts)]
    assert [w.text for w in _name_words(_Segment("".join(texts), words, 30))] == ["YUSUPOVA", "JASUR"]
    kanji_after = [Word(t, 40 + 60 * k, 130, 50, 30, 0.8) for k, t in enumerate(["WANG", "WEI", "王", "偉"])]
    assert [w.text for w in _name_words(_Segment("WANGWEI王偉", kanji_after, 30))] == ["WANG", "WEI"]


def test_a_space_between_two_names_read_as_a_hyphen_or_dot_parts_them() -> None:
    """277/50: NOVAK AMINA read NOVAK.AMINA and NOVAK-AMINA; the sign dropped made one word, NOVAKAMINA.
    (The comparison with the passport parts names at any sign too.)"""
    from docproc_alien_registration.reader import _latin_name

    assert [_latin_name(t) for t in ("NOVAK.AMINA", "NOVAK-AMINA", "NOVAK - AMINA", "O'BRIEN")] == \
        ["NOVAK AMINA", "NOVAK AMINA", "NOVAK AMINA", "OBRIEN"]


def test_a_name_the_page_pass_read_with_one_i_more_is_taken_from_it() -> None:
    from docproc_alien_registration.reader import _one_thin_i_more

    assert _one_thin_i_more("HIDAYAT DEWI BUDI", "HIDAYAT DEW BUDI")
    assert not _one_thin_i_more("KAVA AVYSE", "KAYA AYSE") and not _one_thin_i_more("DEWIT", "DEW")
    assert not _one_thin_i_more("ENKMHBAYAR", "ENKHBAYAR")


def test_a_misread_label_and_its_english_in_lower_case_are_cut_off_a_value() -> None:
    from docproc_alien_registration.reader import _value_text

    assert _value_text("住属夫*mwsr京者府六都市左京区北白川別当町6-32-23") == "京者府六都市左京区北白川別当町6-32-23"
    assert _value_text("住居地ADDRESS東京都新宿区1-2-3") == "東京都新宿区1-2-3"
    assert _value_text("港区赤坂5-20B棟") == "港区赤坂5-20B棟"


def test_the_english_address_label_misread_as_digits_is_cut_off_the_address() -> None:
    """Unseen seed 311's card 83 (plain): ADDRESS read A0063, 00NR, 0053 before the place in every reading, so no
    place was found at the start of any; an address starts with its place name."""
    from docproc_alien_registration.reader import _address_text

    assert _address_text("0063福網渠福周市博多区博務献前2-9-30") == "福網渠福周市博多区博務献前2-9-30"
    assert _address_text("00NR当。福司県揚民則彰多区") == "当。福司県揚民則彰多区"
    assert _address_text("2024年9月15日八王子市元本郷町1-2-3") == "八王子市元本郷町1-2-3"  # a filing date as before
    assert _address_text("港区赤坂5-20B棟") == "港区赤坂5-20B棟"


def test_a_kana_after_a_roman_name_is_a_misread_word_not_the_kanji_name() -> None:
    """Seed 19's card 65: WANG WEI 劉偉 read as WANG だ! 劉 人; the kanji name starts at 劉, not at だ."""
    from docproc_alien_registration.ocr import Word
    from docproc_alien_registration.reader import _roman_part, _Segment

    texts, xs = ["WANG", "だ!", "劉", "人"], [150, 260, 330, 362]
    words = [Word(t, x, 140, 30 if len(t) == 1 else 80, 30, 0.8) for t, x in zip(texts, xs, strict=True)]
    segment = _Segment("".join(texts), words, 30, value_box=(150, 140, 250, 30))
    assert _roman_part(segment) == (150, 140, 330 - 6 - 150, 30)


def test_readings_disagreeing_on_whether_the_card_has_expired_leave_it_to_a_person() -> None:
    from docproc_alien_registration.reader import _expiry_disputed

    today = dt.date(2026, 11, 27)
    assert _expiry_disputed(["2025-08-06", "2025-08-06", "2025-08-06", "2028-08-06"], today)  # 8 read 5 thrice
    assert not _expiry_disputed(["2028-08-06", "2029-08-06"], today)  # a slip, but valid either way
    assert not _expiry_disputed(["2025-08-06", "2025-03-06"], today)  # expired either way
    assert not _expiry_disputed(["2026-11-27"], today)  # the last day of the stay is still within it


def test_hyphens_a_reading_lost_between_digits_are_restored_from_another() -> None:
    """Seed 53: the full-width hyphens of ３－２－１６ lost by three readings of four (3-216)."""
    from docproc_alien_registration.address import hyphens_restored

    readings = ["東京都新宿区四谷3-216メゾン102", "東京都新宿区四谷3-2-16メゾン102"]
    assert hyphens_restored(readings[0], readings) == "東京都新宿区四谷3-2-16メゾン102"
    # the block number of a reading with a misread place still counts: only the digits must agree
    assert hyphens_restored("桃谷7-1715レジデンス203", ["桃谷7-1715", "大孤訂生野朱答7-17-15レジ"]) == "桃谷7-17-15レジデンス203"
    # other digits, or a fourth number (a speck read as a hyphen), leave it as read
    assert hyphens_restored("砂子3-362", ["砂子3-362", "砂子336-2"]) == "砂子3-362"
    assert hyphens_restored("北1条西9-10-17", ["北1条西9-10-1-7"]) == "北1条西9-10-17"
    assert hyphens_restored("3-4-5ハイツ102", ["3-4-5ハイツ1-02"]) == "3-4-5ハイツ102"
    assert hyphens_restored("北1条西91017ハイツ102", ["北1条西9-10-17ハイツ1-02"]) == "北1条西9-10-17ハイツ102"


def test_a_birth_date_whose_digits_hold_every_other_reading_is_taken() -> None:
    """Seed 29's card 30 (300 dpi, blur 0.8): 昭和51年10月11日 read as 10月1日 twice, 1月11日 once and right
    once; each slip is a thin 1 or 0 lost. The reading that holds every other one's digits wins, for review."""
    from docproc_alien_registration.reader import _fullest_date
    from docproc_alien_registration.reread import StripRead

    def pool(*readings: tuple[str, str]) -> list:
        return [(value, StripRead(text, (0.9,)), False) for value, text in readings]

    lost = pool(("1976-10-01", "昭和51年10月1日"), ("1976-10-01", "昭和51年10月1日"), ("1976-10-11", "昭和51年10月11日"),
                ("1976-01-11", "昭和51年1月11日"))
    assert _fullest_date(lost, "1976-10-01", lost[0][1])[0] == "1976-10-11"
    padded = pool(("1953-03-11", "時和28年3月11日"), ("1953-03-01", "時和紀28年03月1日"))  # a leading 0 or none
    assert _fullest_date(padded, "1953-03-01", padded[1][1])[0] == "1953-03-11"
    # a 0 read as 6 (07 as 67) is no digit lost; nor are two readings that each hold a digit the other lacks
    swapped = pool(("2025-04-21", "令和7年04月21日"), ("2085-04-21", "令和67年64月21日"))
    assert _fullest_date(swapped, "2025-04-21", swapped[0][1])[0] == "2025-04-21"
    crossed = pool(("1992-01-02", "1992年1月2日"), ("1992-01-26", "1992年1月26日"), ("1992-11-02", "1992年11月2日"))
    assert _fullest_date(crossed, "1992-01-02", crossed[0][1])[0] == "1992-01-02"
    # an expiry line's date is the one in brackets after the period of stay, which may hold 年 and 月 itself
    period = pool(("2031-03-15", "1年3月(2031年3月15日)"), ("2031-03-05", "1年3月(2031年3月5日)"))
    assert _fullest_date(period, "2031-03-05", period[1][1])[0] == "2031-03-15"
    # a reading whose day is no day (183, a speck read as 8) is not the fullest: it was taken for 03
    speck = pool(("2027-07-13", "2027年07月13日"), ("2027-07-03", "2027年07月183日"))
    assert _fullest_date(speck, "2027-07-13", speck[0][1])[0] == "2027-07-13"



def test_a_guessed_era_gives_way_to_one_read_outright_with_the_same_year_in_it() -> None:
    """Seed 41's card 109: 昭和28年1月8日 read with the era garbled three times (時科, 申粒, 早紀: the first era the
    past allows, 平成, taken) and named once: 1953, not 2016. A guess that differs otherwise stays."""
    from docproc_alien_registration.reader import _eras_read_outright, _interpret
    from docproc_alien_registration.reread import StripRead

    today = dt.date(2026, 11, 25)
    texts = ("時科28年1月8日", "申粒28年1月8日", "昭和28年1月8日", "早紀28年2月8日")
    pool = [(_interpret("birth_date", text, today), StripRead(text, (0.9,)), True) for text in texts]
    assert [str(v) for v, _, _ in pool] == ["2016-01-08", "2016-01-08", "1953-01-08", "2016-02-08"]
    assert [str(v) for v, _, _ in _eras_read_outright(pool)] == ["1953-01-08"] * 3 + ["2016-02-08"]


@pytest.mark.parametrize(("name", "voted", "readings", "better"), [
    ("HOANG VAN ANH", "BOANG VAN ANH", ["BOANG VAN ANH", "BOAMG VAN ANH", None], True),  # known words, 1 off
    ("EZE AMAKA", "EZE AMARA", ["EZE AMARA", "EZE AMAKA", "EZE AMAKA", "EE A"], True),  # more readings
    ("ISLAM NUSRAT RAFIO", "ISLAM NUSRAT RAFIQ", ["ISLAM NUSRAT RAFIO"] * 3 + ["ISLAM NUSRAT RAFIQ"], False),
    ("HOSSAN NUSRAT", "HOSSAIN NUSRAT", ["HOSSAN NUSRAT"] * 2 + ["HOSSAIN NUSRAT"] * 3, False),  # shorter
    ("PATELDEEPIKA", "PATEL DEEPKA", ["PATELDEEPIKA"] * 3, False),  # one word
    ("KURNTAMAN ADI AGUS", "KURNIABAN ADI AGUS", ["KURNIABAN ADI AGUS"] * 2, False),  # unknown, not read by tesseract
])
def test_the_second_engines_name_wins_only_where_better_supported(name: str, voted: str, readings: list,
                                                                  better: bool) -> None:
    assert _second_engine_better(name, voted, readings) is better


@pytest.mark.parametrize(("text", "when", "address"), [
    ("2026年09月23日福岡県福岡市博多区博多駅前8-16-21", "2026-09-23", "福岡県福岡市博多区博多駅前8-16-21"),
    ("265年月1日京都2区南大第7-5-9ビう名禁42号", "", "京都府区南大第7-5-9ビう名禁42号"),  # the date half lost
    ("住就地定耗模", None, None),  # the table's title
    ("2025年3月21日 印", None, None),  # a date and no address
])
def test_a_back_row_read_as_one_line_is_an_entry(text: str, when: str | None, address: str | None) -> None:
    box = (20, 300, 900, 24)
    entry = _entry_read(4, text, box)
    if when is None:
        assert entry is None
        return
    assert entry == ((4, when), address, (_ADDRESS_COLUMN_X, 300, 920 - _ADDRESS_COLUMN_X, 24))


def test_an_address_re_read_with_the_tail_of_the_filing_date_before_it_loses_the_tail() -> None:
    """Seed 41's card 105: the back entry's box began inside its filing date, and every reading opened with
    月18日 (or 用8日|, 月S$日。|) before 東京都八王子市…; no town of Japan starts so."""
    today = dt.date(2026, 11, 29)
    for read in ("月18日東京影八王子市南大識8-32-19", "用8日|東京攻八王子市南大沢8-32-19", "月S$日。|東京都八王子市南大沢8-32-19"):
        assert _interpret("address", read, today) == "東京都八王子市南大沢8-32-19"
    assert _interpret("address", "東京都中央区月島1-2-3", today) == "東京都中央区月島1-2-3"


def test_a_front_whose_labels_are_all_misread_is_told_by_its_rows() -> None:
    """Seed 7's card 92 in Noto fonts (a certificate at 150 dpi): no label read right, and the card number read
    RTS4041044UK; 氏も and ま全月日 are half its labels, and イタリア a country's name, enough to read it by rows."""
    from docproc_alien_registration.ocr import Line, Word
    from docproc_alien_registration.reader import _MISREAD_FRONT, _front_evidence

    def lines(*texts: str) -> list[Line]:
        return [Line((Word(text, 0, 40 * k, 100, 30, 0.5),)) for k, text in enumerate(texts)]

    rows = ["外則人人緑証明至時大9こRTS404104", "氏もweESPOSITO6IOLIA", "ま全月日mee馬和54年1月18日。.5", "せな拓の男中",
            "揚誠wwwwイタリア", "重体革ww本人中人区3林時4ーまOSOレジデンス全2", "-契信人終*wuw留学", "全席mewwvwrOR年9月76日"]
    assert _front_evidence(lines(*rows)) >= _MISREAD_FRONT
    assert _front_evidence(lines(*rows[:4], *rows[5:])) < _MISREAD_FRONT  # without the country: not enough
    assert _front_evidence(lines("日9好63あ906ひFPSi", "8%電衣oe多", "-日1持参でSe")) == 0  # the card upside down


def test_the_latest_back_entry_is_the_lowest_and_dates_out_of_row_order_are_doubted() -> None:
    from docproc_alien_registration.reader import _dates_out_of_order, _latest

    rising = [((2, "2024-07-13"), "東京都八王子市旭町5-30", []), ((3, "2024-11-09"), "大阪府大阪市北区天神橋6-13-21", [])]
    misread = [rising[0], ((3, "2024-01-09"), rising[1][1], [])]  # 11月 read 1月
    assert _latest(rising) == rising[1] and not _dates_out_of_order(rising)
    assert _latest(misread) == misread[1] and _dates_out_of_order(misread)
    assert not _dates_out_of_order([rising[0], ((3, ""), rising[1][1], [])])  # a date lost: no order to judge
    assert _latest([]) is None
