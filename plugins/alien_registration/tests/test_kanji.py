"""Building-name kanji put right by their glyphs, on address lines drawn blurred with the IPA fonts."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from docproc_alien_registration.kanji import building_kanji_checked
from docproc_alien_registration.reread import StripRead
from PIL import Image, ImageDraw, ImageFont

from docproc.synth.card import GOTHIC, MINCHO


def _line(words: list[str], font_path: str, *, px: int = 24, blur: float = 0.9) -> tuple[np.ndarray, list]:
    """``words`` drawn one after another as a scan at about 150-200 dpi shows them, and each word's box."""
    font = ImageFont.truetype(font_path, px)
    image = Image.new("L", (40 + sum(round(font.getlength(w)) for w in words), 3 * px), 235)
    draw = ImageDraw.Draw(image)
    x, boxes = 20, []
    for word in words:
        draw.text((x, px), word, font=font, fill=25)
        width = round(font.getlength(word))
        boxes.append((x, px, width, px + px // 8))  # tesseract's boxes run a little tall
        x += width
    gray = cv2.GaussianBlur(np.asarray(image), (0, 0), blur)
    gray = np.clip(gray + np.random.default_rng(1).normal(0, 4, gray.shape), 0, 255).astype(np.uint8)
    return gray, boxes


def _read(words: list[str], boxes: list) -> StripRead:
    return StripRead("".join(words), tuple(0.9 for _ in words), tuple(boxes), tuple(words))


@pytest.mark.parametrize("font_path", [GOTHIC, MINCHO])
@pytest.mark.parametrize(("printed", "read_as"), [
    (["5-7-3", "ハイツ", "青葉", "1105"], ["5-7-3", "ハイツ", "育葉", "1105"]),  # a run that is no word
    (["3-6-1", "メゾン", "桜", "1105"], ["3-6-1", "メゾン", "租", "1105"]),  # one kanji (seed 31 card 67)
])
def test_a_look_alike_kanji_of_a_building_is_put_right(font_path: str, printed: list[str], read_as: list[str]) -> None:
    gray, boxes = _line(printed, font_path)
    value, changed = building_kanji_checked(gray, "".join(read_as), _read(read_as, boxes))
    assert (value, changed) == ("".join(printed), True)


@pytest.mark.parametrize("font_path", [GOTHIC, MINCHO])
@pytest.mark.parametrize(("printed", "read_as"), [
    # 第 with no numeral after it is a look-alike, no ordinal (seed 29's card 75: ビラ若第)
    (["5-7-3", "ビラ", "若葉", "1105"], ["5-7-3", "ビラ", "若第", "1105"]),
    # the reading judged in spells the name's katakana as a look-alike kanji (seed 41's card 16: 八イツ青量)
    (["5-7-3", "ハイツ", "青葉", "1105"], ["5-7-3", "八イツ", "青量", "1105"]),
])
def test_a_look_alike_kanji_is_put_right_however_the_rest_of_the_name_was_read(font_path: str, printed: list[str],
                                                                                 read_as: list[str]) -> None:
    gray, boxes = _line(printed, font_path)
    value = "".join(read_as).replace("八イツ", "ハイツ")  # the value as voted: katakana put right
    assert building_kanji_checked(gray, value, _read(read_as, boxes)) == ("".join(printed), True)


def test_a_kanji_voted_that_the_reading_judged_in_spells_otherwise_is_judged_by_its_glyph_alone() -> None:
    """Seed 41's card 96: メゾン極 voted, judged in PP-OCRv6's boxes of メゾン楼; 桜 printed. The kanji voted fits
    the cell well enough to be kept were it read there; it was not, so the glyph's clear lead decides."""
    printed, read_as = ["3-6-1", "メゾン", "桜", "1105"], ["3-6-1", "メゾン", "楼", "1105"]
    gray, boxes = _line(printed, GOTHIC)
    assert building_kanji_checked(gray, "3-6-1メゾン極1105", _read(read_as, boxes)) == ("3-6-1メゾン桜1105", True)


def test_kanji_that_make_a_word_with_their_neighbour_are_compared_with_the_cell() -> None:
    """The first look at every kanji (one face, one blur) shortlisted 章 掌 撃 for seed 29's 葉, not 葉 itself,
    the best match of all: the kanji that make a word with the next one checked are compared too."""
    from docproc_alien_registration.kanji import _word_partners

    assert "葉" in _word_partners("ビラ若第", 3, [2, 3])
    assert _word_partners("ビラ若第", 3, [3]) == frozenset()  # 若 read right (kept): no word to make with it
    assert "落" not in _word_partners("ビラ若第", 2, [2, 3])  # a 第 checked is a misread: not 落第 for 若第


def test_of_words_fitting_the_glyphs_alike_the_one_as_the_reading_judged_in_spells_it_wins() -> None:
    """Seed 7's card 59 (wide vocabulary, rotated 150 dpi): 第二天葉ヒルズ voted, judged in PP-OCRv6's boxes of
    第二若葉ヒルズ; 紅 and 若 fit the blurred cell alike (0.61), both make a word with 葉: 若 as read, not 紅葉."""
    from docproc_alien_registration.kanji import _word_fixed

    ranked = [[("紅", 0.6134), ("若", 0.6121), ("言", 0.53)], [("葉", 0.86), ("堂", 0.86)]]
    assert _word_fixed("天葉", ranked, as_read="若葉") == "若葉"
    assert _word_fixed("天葉", ranked) == "紅葉"  # no reading to side with: the better fit
    assert _word_fixed("天葉", [[("紅", 0.8), ("若", 0.7)], [("葉", 0.86)]], as_read="若葉") == "紅葉"  # clearly better


def test_of_kanji_fitting_a_glyph_alike_the_one_making_the_name_words_is_put_in() -> None:
    """Seed 7's card 22 (150 dpi, skewed): 第二松本荘 read 第二松本程 (0.68); 荘 fits the cell at 0.83, 柱 at 0.81:
    a tie the commoner 柱 had won; 荘 makes 本荘 of the name, 柱 nothing."""
    from docproc_alien_registration.kanji import _glyphs_fixed

    ranked = {4: [("荘", 0.827), ("柱", 0.814), ("暮", 0.801), ("程", 0.676)]}
    assert _glyphs_fixed("第二松本程", ranked) == list("第二松本荘")
    assert _glyphs_fixed("第二松本程", {4: [("柱", 0.827), ("荘", 0.75), ("程", 0.676)]}) == list("第二松本柱")  # no tie


def test_the_best_fitting_kanji_is_compared_whatever_the_first_look_ranked_it() -> None:
    """Seed 29's card 97 (rotated, 300 dpi, small print): 栄 of レジデンス栄 (read 崇) fits its cell at 0.81, best of
    all the common kanji, and came 22nd in the one-face first look: all of the first look's best few dozen are
    compared in every face, blur and weight where no neighbour is judged with it."""
    gray, boxes = _line(["5-18-16", "レジデンス", "栄", "101"], MINCHO, px=18, blur=1.2)  # 棄 had been put in
    read = _read(["5-18-16", "レジデンス", "崇", "101"], boxes)
    assert building_kanji_checked(gray, "5-18-16レジデンス崇101", read) == ("5-18-16レジデンス栄101", True)


def test_a_kanji_read_that_fits_well_gives_way_to_one_the_readings_spelt_that_fits_clearly_better() -> None:
    """Seed 41's card 51 (rotated): レジデンス栄 read レジデンス梁 by PP-OCRv6, whose frames weighed 栄 too; 梁 fits
    its cell at 0.74, 栄 at 0.82. Kept for fitting well while any kanji might take its place; not against one
    the readings spelt."""
    gray, boxes = _line(["1-12-21", "レジデンス", "栄", "101"], MINCHO, px=20, blur=1.2)
    read = _read(["1-12-21", "レジデンス", "梁", "101"], boxes)
    assert building_kanji_checked(gray, "1-12-21レジデンス梁101", read, spelt="栄梁") == ("1-12-21レジデンス栄101", True)
    assert building_kanji_checked(gray, "1-12-21レジデンス梁101", read) == ("1-12-21レジデンス梁101", False)


def test_a_run_is_made_of_more_glyphs_in_words_where_no_whole_word_fits() -> None:
    """Seed 41's card 60 (150 dpi, rotated): 第二松本荘 read 第二検本在 by PP-OCRv6, its glyphs matching 松 (0.79),
    本 and 荘 best: no common word is the run, but 松本荘 holds 松本 and 本荘, the read run none."""
    from docproc_alien_registration.kanji import _word_fixed

    ranked = [[("松", 0.79), ("転", 0.71), ("検", 0.55)], [("本", 0.94), ("木", 0.85)], [("荘", 0.83), ("任", 0.75)]]
    assert _word_fixed("検本在", ranked) == "松本荘"
    # glyphs no closer than the read ones to more of a word: nothing to make of it
    assert _word_fixed("検本在", [[("検", 0.8)], [("本", 0.9)], [("在", 0.8), ("荘", 0.6)]]) is None


@pytest.mark.parametrize("words", [
    ["5-7-3", "ハイツ", "青葉", "1105"], ["3-6-1", "シャトー", "緑", "1105"], ["1-8-16", "第二", "松本荘", "1105"],
])
def test_kanji_read_right_are_kept(words: list[str]) -> None:
    gray, boxes = _line(words, GOTHIC)
    assert building_kanji_checked(gray, "".join(words), _read(words, boxes)) == ("".join(words), False)


def test_kanji_inside_a_word_as_read_are_known() -> None:
    from docproc_alien_registration.kanji import _in_words

    assert _in_words("第二松本荘") == {2, 3, 4}  # 松本 and 本荘 are words, 第二 is none in wordfreq
    assert _in_words("ハイツ育葉") == set()


def test_place_names_and_a_building_read_as_a_word_are_not_touched() -> None:
    # 田 drawn where 山田 was read: a common word read is kept; kanji before the block number are the place's
    words = ["大手町", "6-30-10", "コーポ", "山田", "102"]
    gray, boxes = _line(["大手町", "6-30-10", "コーポ", "山川", "102"], GOTHIC)
    assert building_kanji_checked(gray, "".join(words), _read(words, boxes)) == ("".join(words), False)


def test_without_a_kanji_font_nothing_is_changed(monkeypatch) -> None:
    from docproc_alien_registration import kanji

    monkeypatch.setattr(kanji, "_FONTS", ())
    words = ["5-7-3", "ハイツ", "育葉", "1105"]
    gray, boxes = _line(["5-7-3", "ハイツ", "青葉", "1105"], GOTHIC)
    assert building_kanji_checked(gray, "".join(words), _read(words, boxes)) == ("".join(words), False)


@pytest.mark.parametrize("font_path", [GOTHIC, MINCHO])
@pytest.mark.parametrize("printed", ["男", "女"])
def test_one_of_a_closed_set_is_told_by_its_glyph(font_path: str, printed: str) -> None:
    """男 or 女 blurred past tesseract (read as 業, or as nothing) is still told by its glyph."""
    from docproc_alien_registration.kanji import one_of

    gray, boxes = _line([printed, " M."], font_path, blur=1.3)
    x, y, w, h = boxes[0]
    assert one_of(gray, (x, y, w + boxes[1][2], h), "男女") == printed


def test_place_ties_are_broken_by_the_glyph_printed() -> None:
    """芝園町 or 北園町, both in 川口市, one edit each from 科園町 as read: the glyph printed tells."""
    from docproc_alien_registration.kanji import place_tie_broken

    words = ["埼玉県川口市", "芝", "園町1-32-23"]
    gray, boxes = _line(words, GOTHIC)
    read_as = ["埼玉県川口市", "科", "園町1-32-23"]
    places = ["埼玉県川口市北園町1-32-23", "埼玉県川口市芝園町1-32-23"]
    assert place_tie_broken(gray, _read(read_as, boxes), "埼玉県川口市科園町1-32-23", places) == places[1]
    blank = np.full_like(gray, 235)
    assert place_tie_broken(blank, _read(read_as, boxes), "埼玉県川口市科園町1-32-23", places) is None


@pytest.mark.parametrize("font_path", [GOTHIC, MINCHO])
@pytest.mark.parametrize(("printed", "read_as", "code"), [("米国", "来国", "USA"), ("英国", "半国", "GBR")])
def test_an_x_koku_country_every_reading_misread_is_told_by_its_first_glyph(font_path: str, printed: str,
                                                                           read_as: str, code: str) -> None:
    """米国 read as 来国 by every reading (seed 7 card 52): one glyph off each of 米国 英国 中国 韓国, so the
    fuzzy match ties; the glyph decides. One reading of X国 alone is not enough to ask."""
    from docproc_alien_registration.reader import _country_by_glyph

    gray, boxes = _line([printed], font_path, blur=1.3)
    assert _country_by_glyph(gray, boxes[0], [read_as, read_as, "来較"]) == code
    assert _country_by_glyph(gray, boxes[0], [read_as, "生還", "3い"]) is None
