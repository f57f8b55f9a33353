"""Addresses voted part by part: each large reading misreads a different part of one address."""

from __future__ import annotations

from docproc_alien_registration.address_parts import voted_by_parts
from docproc_alien_registration.loanwords import glyphs_in_no_word


def test_glyphs_in_no_word_counts_what_known_words_leave_uncovered() -> None:
    assert glyphs_in_no_word("ハイツ青葉") == 0
    assert glyphs_in_no_word("ハイツ岩葉") == 2  # 青 misread: 岩葉 is no word
    assert glyphs_in_no_word("ビラ若葉") < glyphs_in_no_word("ビラ若華")
    assert glyphs_in_no_word("") == 0


def test_the_block_number_most_readings_give_wins_over_the_chosen_readings_slip() -> None:
    chosen = "福岡市博多区祇園町4-3-7-22サンライズマンション203"  # 4一3は7ー22: a kana read as a hyphen
    others = [chosen, "福岡市博多区祇園町4-37-22サンライズマンション2603", "福岡市博多区祇園町4-37-22サンライズマンション203"]
    assert voted_by_parts(chosen, others) == "福岡市博多区祇園町4-37-22サンライズマンション203"


def test_readings_with_a_garbled_place_vote_from_the_towns_name_on() -> None:
    chosen = "東京都八王子市明神町丁目10-16コーポ山田201"  # 二丁目 lost its 二
    others = [chosen, "束示部八王チ市明神町2-10-16コーポ山田201"]  # the prefecture and city garbled
    assert voted_by_parts(chosen, others) == "東京都八王子市明神町2-10-16コーポ山田201"


def test_a_building_name_of_known_words_wins_over_a_misread_glyph() -> None:
    chosen = "東京都港区芝浦9-20-8ハイツ岩葉203"
    others = [chosen, chosen, "東京都港区芝浦9-20-8ハイツ青葉203", "東京都港区芝浦9-20-8ハイツ青葉203"]
    assert voted_by_parts(chosen, others) == "東京都港区芝浦9-20-8ハイツ青葉203"
    # a name of another length is another misreading (a glyph lost or read twice), not a better spelling
    assert voted_by_parts("東京都港区芝浦9-20-8メゾン桜203", ["東京都港区芝浦9-20-8メゾン203"]) == \
        "東京都港区芝浦9-20-8メゾン桜203"


def test_readings_with_a_garbled_place_vote_on_the_building_after_the_same_block_number() -> None:
    chosen = "福岡県福岡市博多区博多駅前28-20ビラ若莱201"  # the one reading of the place right, 葉 as 莱
    others = [chosen, "科剛県福岡市震多区博多慌前28-20ビラ若葉201", "窒國県福岡市居多区博多慌前28-20ビラ若葉207"]
    assert voted_by_parts(chosen, others) == "福岡県福岡市博多区博多駅前28-20ビラ若葉201"  # not their room
    # nor their block number, which they were found by; nor a number that only ends like it
    assert voted_by_parts(chosen, ["科剛県福岡市震多区博多慌前128-20ビラ若葉201"]) == chosen


def test_readings_vote_after_the_same_block_number_where_no_reading_names_the_place() -> None:
    """Seed 41's card 42: PP-OCRv6 read コー水山田 (ポ as 水) and garbled the prefecture; tesseract's readings
    garbled the place worse but read コーポ山田 after the same block number."""
    chosen = "寛城原仙台市青量区1番町8-17-25コー水山田305"
    others = [chosen, "棄二価有市斉類人一午導8-17-25コーポ山田305", "誠堪東仁お市座区一矯町8-17-25コーポ山田305",
              "誠二棚価埋市斉類括1番親8-17-25コーポ山由305"]
    assert voted_by_parts(chosen, others) == "寛城原仙台市青量区1番町8-17-25コーポ山田305"
    assert voted_by_parts(chosen, [chosen, "棄二価有市斉類人一午導8-17-26コーポ山田305"]) == chosen  # another block


def test_ties_other_places_and_garbled_rests_leave_the_chosen_reading() -> None:
    chosen = "大阪府大阪市生野区鶴橋1-20-28グランドパレス4602"
    tie = [chosen, "大阪府大阪市生野区鶴橋1-20-28グランドパレス402"]
    assert voted_by_parts(chosen, tie) == chosen  # one reading each: no telling
    assert voted_by_parts(chosen, [chosen, "東京都港区芝浦1-20-28グランドパレス402"] * 2) == chosen  # another place
    garbled = "神奈川県横浜市中区山下町耳目2-17"  # 二丁目 misread: no block number after the place
    assert voted_by_parts(garbled, [garbled, garbled, "神奈川県横浜市中区山下町2-2-17"]) == "神奈川県横浜市中区山下町2-2-17"
    assert voted_by_parts(garbled, [garbled]) == garbled
    assert voted_by_parts("人地上穫較電作業", ["人地上穫較電作業"]) == "人地上穫較電作業"



def test_a_building_name_takes_one_glyph_of_another_reading_that_makes_it_words() -> None:
    chosen = "千葉県千葉市美浜区高洲1-9-15第二松本在305"  # 荘 blurred to 在
    others = [chosen, chosen, "千功上千葉市諸手区座洲1-9-15第二愉本荘305"]  # a garbled place, the same block
    assert voted_by_parts(chosen, others) == "千葉県千葉市美浜区高洲1-9-15第二松本荘305"
    # a name of known words already is kept (山荘 is a word too, but no better a spelling than 山田)
    yamada = "千葉県千葉市美浜区高洲1-9-15コーポ山田305"
    assert voted_by_parts(yamada, [yamada, "千葉県千葉市美浜区高洲1-9-15コーポ山荘305"]) == yamada


def test_of_names_alike_in_known_words_the_one_more_readings_read_wins() -> None:
    """Seed 37's card 79: メゾン楼 chosen (its place read right), メゾン桜 read by four readings whose place
    was garbled; a lone kanji is no word either way, so the readings decide."""
    chosen = "北海道札幌市中央区北1条西1-22-17メゾン楼402"
    others = [chosen, *["北海道札幌市中央区北一打西1-22-17メゾン桜402"] * 4, "北海道札幌市中央区北一打西1-22-17メゾン接402"]
    assert voted_by_parts(chosen, others) == "北海道札幌市中央区北1条西1-22-17メゾン桜402"
    # alike on both counts (聞 and 第 each read once), the glyphs of the chosen reading stay
    chosen = "広島市中区紙屋町2-8-11第二松本在503"
    assert voted_by_parts(chosen, [chosen, "広則刻中区紙尼本2-8-11聞二松本荘503"]) == "広島市中区紙屋町2-8-11第二松本荘503"


def test_a_longer_name_more_readings_read_wins_even_after_a_garbled_block_number() -> None:
    """Seed 31's card 53: グンドバレス chosen (ラ lost); four readings garbled the place and the block number
    (3-0-26 for 3-30-26) but read グランドパレス: a name lost a glyph, not four made one up."""
    chosen = "東京都新宿区高田馬場3-30-26グンドバレス305"
    others = [chosen, "東京都新宿区導困肝場3-0-26グランドパレス305", "東京都新宿区疾団肝培3-0-26グランドパレス305",
              "東京都新宿区吉還肝坦30-2るグランドパレス308", "東京都新簡殴国鳥坦)-30-36グランドパレス306"]
    assert voted_by_parts(chosen, others) == "東京都新宿区高田馬場3-30-26グランドパレス305"
    # read by one reading only, as the chosen name is: kept; so is a name more than two glyphs longer
    assert voted_by_parts(chosen, others[:2]) == chosen
    assert voted_by_parts(chosen, [chosen, *["東京都新宿区導困肝場3-0-26グランドパレスビル305"] * 3]) == chosen


def test_a_name_holding_the_block_numbers_words_is_a_garbled_number_not_a_name() -> None:
    """Seed 31's card 85: 6-19艇日号 (番11号 read as glyphs) twice beside PP-OCRv6's 6-19-11: the two do not
    vote the block number down to 6-19."""
    chosen = "京都府京都市左京区田中関田町6-19-11"
    others = [chosen, "京都府京都市左京区田中関田町6-19艇日号", "京都府京都市左京区田中関田町6-19徐日号"]
    assert voted_by_parts(chosen, others) == chosen


def test_a_glyph_is_taken_from_a_name_read_on_past_its_room_number() -> None:
    """Seed 37's card 40: コー水山田 chosen (ポ read as 水); a reading of the same block number read コーポ山田多3F補,
    litter after its room: its name, aligned glyph by glyph with the chosen one, still gives the ポ."""
    chosen = "兵庫県神戸市中央区元町通9-20-17コー水山田503"
    others = [chosen, "大庫県棒戸市串央区元久記9-20-17コーポ山田多3F補", "兵庫県裕戸市訓央忌抑征通9-20-1明コーポ山田3ニ琶"]
    assert voted_by_parts(chosen, others) == "兵庫県神戸市中央区元町通9-20-17コーポ山田503"


def test_readings_with_a_garbled_place_and_block_number_vote_on_the_room_after_the_same_name() -> None:
    """Seed 41's card 55 (200 dpi, small print): PP-OCRv6 alone read the place, and its room 402 as 42."""
    chosen = "東京都新宿区西新宿2-5サンライズマンション42"
    others = [chosen, "東京都調新帝2地5サンライズマンション492", "東放交音新2天好5サンライズマンション492",
              "東京都新宿区本新大2秋地5サンライズマンション462"]  # jpn reads a blurred 0 as 9 or 6
    assert voted_by_parts(chosen, others) == "東京都新宿区西新宿2-5サンライズマンション402"
    # a name read otherwise is no anchor for the room; one reading against one is no telling
    assert voted_by_parts(chosen, [chosen, "東京都調新帝2地5サツンライズマンション402"]) == chosen
    assert voted_by_parts(chosen, [chosen, "東京都調新帝2地5サンライズマンション402"]) == chosen
    # nor do they take a digit away (seed 31's card 61: five of them read 503 as 5)
    right = "神奈川県川崎市川崎区小川町35-7サンライズマンション503"
    assert voted_by_parts(right, [right, *["棒奈省式呈市測内搬川町35天地7サンライズマンション5"] * 3]) == right


def test_the_room_is_voted_by_readings_of_the_building_with_a_voicing_mark_slipped() -> None:
    """Seed 37's card 106, its back (200 dpi): the one reading of the block number lost the room's 0 (102 as 12);
    of the garbled readings one read グランドパレス102, another グランドバレス102: the same name as read."""
    chosen = "東京都8区辦報3-6-7グランドパレス12"
    others = [chosen, "研計基消気あ笠3う6-7グランドパレス102", "束攻清貧3きこ@-7グランドバレス102",
              "研族消気あ策36-7グランドパレス1023"]
    assert voted_by_parts(chosen, others) == "東京都8区辦報3-6-7グランドパレス102"
    assert voted_by_parts(chosen, others[:2] + others[3:]) == chosen  # 102 against 1023: no telling


def test_a_building_name_that_lost_its_first_glyph_gets_back_the_one_other_readings_read() -> None:
    """Seed 29's card 15: PP-OCRv6 and the one tesseract reading with the place right read ークハイム503, the
    パ lost; five readings garbling the place read バークハイム (one パ). No word begins with ー."""
    chosen = "神奈川県川崎市川崎区小川町3-21-17ークハイム503"
    readings = [chosen, "神奈川県川崎市川崎区小川町3-21-17ークハイム503", "枯肖電用赤才張所小叶町三了二21矯17全バークハイム501",
                "欄本用旭用剛志川崎括小川町3-21天17合パークハイム501", "梓全用尋用締才川靖笑小川町三丁是21基17生バークハイム501",
                "旨介用礎拓地用縛邊則親放丁合21生17等バークハイム503"]
    assert voted_by_parts(chosen, readings) == "神奈川県川崎市川崎区小川町3-21-17パークハイム503"
    # read so by one other reading alone, or two glyphs as often: not put in
    assert voted_by_parts(chosen, [chosen, readings[2]]) == chosen
    assert voted_by_parts(chosen, [chosen, readings[2], readings[4], "小川町3-21天17合ゴークハイム501",
                                   "小川町21天17合ゴークハイム501"]) == chosen
    from docproc_alien_registration.address_parts import _first_glyph_restored

    assert _first_glyph_restored("ーム", ["12コーム1105", "12コーム1105"]) == "ーム"  # too little left to tell
    # 41/84: the first three glyphs as the readings spell them, katakana look-alikes (卜, 一) and all
    assert _first_glyph_restored("ャ卜一緑", ["22シャトー線402", "22呈シャトー線402", "22郷ヤ卜一緑402"]) == "シャトー緑"


def test_litter_before_a_farther_readings_name_is_no_part_of_it() -> None:
    """Seed 37's card 27: the chosen reading lost ドパ (グランレス); three readings with the block number garbled
    read 2-27ーォをグランドパレス903, the hyphen and 4 read ーォを. No word starts with ー, ォ or を: trimmed, their
    グランドパレス is a longer name read whole by three."""
    chosen = "名古屋市中区大須2-27-4グランレス203"
    readings = [chosen, "名古屋市中区大質2-27ーォをグランドパレス903", "名古屋市中区大固タ-27ーキをグランドパレス903",
                "名古屋市中区大需2-27ーォをグランドパレス03", "名古屋市中区大頃タータ7-4グランドバレメス203"]
    assert voted_by_parts(chosen, readings) == "名古屋市中区大須2-27-4グランドパレス203"


def test_a_room_that_lost_its_last_digit_gets_it_from_readings_ending_in_it_and_one_more() -> None:
    """Unseen seed 281's card 18: the one reading with the place right read サンライズマンション10, the 1 lost; three
    readings garbling the place and the name (マシション, マンョ>) end in 101. Only one digit more, after the chosen
    room of one or two digits: a reading ending in another room says nothing, nor does a lone digit where none was
    chosen."""
    chosen = "東京都江戸川区南小岩7-3-28サンライズマンション10"
    garbled = ["東京都江戸川区直ホ吾?ーヨ-3まサーワイメッマシション101", "電齋者江戸川区原吾イーースまサーワライメマンョ>101",
               "東京都江戸川区原証娠イーコースまサンサイエマ4ョ>101", "和MEマーミースラサンタクイメマンション100"]
    assert voted_by_parts(chosen, [chosen, *garbled]) == chosen + "1"
    assert voted_by_parts(chosen, [chosen, garbled[0]]) == chosen  # one reading alone: no more than the chosen's
    three = "東京都世田谷区三軒茶屋9-24-22サンライズマンション305"  # a room of three: 305号 is read 3053 as often
    assert voted_by_parts(three, [three, "東京都世田谷区三軒茶層9-24-22サーワイメッマシション3053",
                                  "東京都世田谷区三共茶屋9-2-22サーワライメマンョ>3053"]) == three
    no_room = "東京都江戸川区南小岩7-3-28"
    assert voted_by_parts(no_room, [no_room, "東京都江戸川区原吾イース3-2", "東京都江戸川区原吾イース3-2"]) == no_room


def test_a_kanji_most_readings_read_after_a_bare_name_each_their_own_way_is_put_after_it() -> None:
    """Seed 31's card 67: メゾン桜 read メゾン欄, メゾン租, メゾン結 twice, メゾン once (the kanji read as 3 of its room,
    3503) and メソ板 by PP-OCRv6; the bare メゾン, all words, won. The kanji is there, blurred past reading: the
    most read goes in, for its glyph to be judged."""
    place = "京都府京都市左京区田中関田町1-34-21"
    chosen = place + "メソ板503"
    readings = [place + "メゾン欄503", place + "メゾン租503", place + "メゾン結503", "京都府京般市だ京区田中喘田末1-34-21メゾン結503",
                place + "メゾン3503妊号室", chosen]
    assert voted_by_parts(chosen, readings) == place + "メゾン結503"
    # read bare as often as with a kanji, or a kanji by one reading alone: nothing put in
    from docproc_alien_registration.address_parts import _kanji_after

    assert _kanji_after("メゾン", ["メゾン", "メゾン", "メゾン結", "メゾン欄"]) == "メゾン"
    assert _kanji_after("メゾン", ["メゾン結"]) == "メゾン"
    assert _kanji_after("コーポ山田", ["コーポ山田多", "コーポ山田多"]) == "コーポ山田"  # a name ends in one kanji


def test_a_garbled_name_takes_the_one_readings_garbling_the_place_end_in_after_litter() -> None:
    """Seed 11's card 101 (150 dpi): the one reading with the place right garbled the name (サンライスマンンaン);
    the six garbling the place and the block number all end in サンライズマンション, most after 号 read as 等."""
    chosen = "東京都世田谷区三軒茶屋9-24-22サンライスマンンaン305"
    readings = [chosen, "人DESS康点都淵田夫所三思基舞ル丁百24-2-2等サンライズマンション305",
                "評点都潤田人証三思共能本月24生22等サンライズマンション305", "評点都拉還付征三時茶全ん丁表24-2サンライズマンション305",
                "東京都世田谷区三本氷居九耳百24鼻2等サンライズマンション3053", "東京都世田谷区三還未因九本百24鼻2_サンライズマンション3053"]
    assert voted_by_parts(chosen, readings) == "東京都世田谷区三軒茶屋9-24-22サンライズマンション305"
    assert voted_by_parts(chosen, readings[:2]) == chosen  # one such reading is no telling
    from docproc_alien_registration.address_parts import _read_at_the_end

    # nor is the end of a longer name that runs on in katakana (マンション of サンライズマンション for マンンaン)
    assert _read_at_the_end("マンンaン", 5, ["サンライズマンション"] * 3) == "マンンaン"
    assert _read_at_the_end("マンンaン", 5, ["3等マンション"] * 3) == "マンション"


def test_a_glyph_taken_from_another_reading_has_the_small_kana_beside_it_put_right() -> None:
    """Unseen seed 307's card 3: PP-OCRv6 read ンャトー緑 (シ read ン; the value ンヤトー緑), readings garbling the
    place シャトー with other kanji: the シ taken from them left ヤ full size (シヤトー緑); as words tell, シャトー."""
    chosen = "広島県広島市中区紙屋町6-26-23ンヤトー緑402"
    readings = [chosen, "区催電広島中区直訂時6-26-23シャトー財402", "丈催電広島軸中民寺料野6-26-23シャトー団4942",
                "不仙幸広島中区組娠時6-26-23シャト-402時登富"]
    assert voted_by_parts(chosen, readings) == "広島県広島市中区紙屋町6-26-23シャトー緑402"
    # a name still starting with a glyph no word starts with lost its first glyph: ャ is not made ヤ (41/84)
    chosen = "福岡県福岡市博多区博多駅前5-12-22ャ卜一緑402"
    readings = [chosen, "手局県握軸市博多区朝多駅前五丁中12秋22呈ジャトー線402", "手司県握軸市者多区憶多駅前五目12秋22呈シャトー線402",
                "竹同県握軸市者多区朝多駅前五丁呈12各22呈シャトー線402", "福網県福網市博多区博多職前5-12-22郷ヤ卜一緑402"]
    assert voted_by_parts(chosen, readings) == "福岡県福岡市博多区博多駅前5-12-22シャトー緑402"
