"""Value boxes measured from the ink after a label, on rows drawn with the IPA fonts the generator uses."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from docproc_alien_registration.namewords import is_known_word, unknown_letters
from docproc_alien_registration.reader import _latin_name, _status, _vote
from docproc_alien_registration.valuebox import glyphs_before, text_band, tight_box, value_box
from PIL import Image, ImageDraw, ImageFont

from docproc.synth.card import GOTHIC


def _row(value: str, *, value_px: int = 32, english: str = "NAME", speck: bool = False) -> tuple[np.ndarray, dict]:
    """A card row: 氏名 (28 px), the small English label, a gap, the value; returns image and x positions."""
    img = Image.new("L", (900, 120), 235)
    draw = ImageDraw.Draw(img)
    label_font, small, big = (ImageFont.truetype(GOTHIC, px) for px in (28, 14, value_px))
    draw.text((20, 45), "氏名", font=label_font, fill=20)
    label_right = 20 + draw.textlength("氏名", font=label_font)
    draw.text((label_right + 8, 55), english, font=small, fill=20)
    value_x = label_right + 8 + draw.textlength(english, font=small) + 24
    draw.text((value_x, 45 + (28 - value_px) // 2), value, font=big, fill=20)
    if speck:
        draw.rectangle((40, 8, 43, 11), fill=0)  # a speck above the label, inside its OCR box
    return np.asarray(img), {"label_right": label_right, "value_x": value_x,
                             "value_right": value_x + draw.textlength(value, font=big)}


def test_tight_box_ignores_a_speck_above_the_label() -> None:
    gray, pos = _row("SMITH JOHN", speck=True)
    x, y, w, h = tight_box(gray, (15, 0, int(pos["label_right"]) + 2 - 15, 100))
    assert 40 <= y <= 52 and 22 <= h <= 32 and abs(x + w - pos["label_right"]) <= 5


def test_a_word_box_running_far_past_its_text_is_cut_to_the_text_band() -> None:
    """Seed 239's card 97 (150 dpi, rotated): tesseract boxed AUNG ZAW MIN 66 px high for 25 px letters; the
    box is cut to the rows the text fills. A box about as high as its text is kept as it is, pale text too."""
    gray, pos = _row("AUNG ZAW MIN", value_px=28)
    x, w = int(pos["value_x"]), int(pos["value_right"] - pos["value_x"])
    _, y, _, h = text_band(gray, (x, 20, w, 80))
    assert 44 <= y <= 52 and 16 <= h <= 26
    assert text_band(gray, (x, 42, w, 32)) == (x, 42, w, 32)
    pale = np.where(gray < 128, 150, 200).astype(np.uint8)  # ink a mid grey: blurred print
    assert abs(text_band(pale, (x, 20, w, 80))[1] - y) <= 2


@pytest.mark.parametrize(("value", "value_px"), [
    ("SMITH JOHN", 32), ("男", 32), ("F.", 32), ("台湾", 32),  # 台 is ム over 口: two short parts, one glyph
    ("北海道札幌市中央区南三条西39番地8 グランドパレス201号", 22),  # a long value shrunk to fit
])
def test_value_box_skips_the_english_label(value: str, value_px: int) -> None:
    gray, pos = _row(value, value_px=value_px)
    label = tight_box(gray, (15, 30, int(pos["label_right"]) + 2 - 15, 60))
    x, _, w, _ = value_box(gray, label, 890)
    assert abs(x - pos["value_x"]) <= 3
    assert abs(x + w - pos["value_right"]) <= 0.35 * value_px  # advance past the last glyph's ink


def test_a_blurred_word_whose_glyphs_touch_is_kept_but_a_rule_is_not() -> None:
    # a long name at 150 dpi, blurred: each word one connected part wider than six label heights
    gray, pos = _row("KUZNETSOVA ALEXANDRA", value_px=34)
    touching = cv2.erode(gray, np.ones((3, 7), np.uint8))
    label = tight_box(touching, (15, 30, int(pos["label_right"]) + 2 - 15, 60))
    x, _, w, _ = value_box(touching, label, 890)
    assert abs(x - pos["value_x"]) <= 4 and x + w >= pos["value_right"] - 10
    ruled, _ = _row("")
    ruled = ruled.copy()
    ruled[62:65, int(pos["value_x"]):880] = 20  # a printed rule along the row, no value
    assert value_box(ruled, label, 890) is None


def test_value_box_is_none_without_a_value_and_stops_at_the_limit() -> None:
    gray, pos = _row("")
    label = tight_box(gray, (15, 30, int(pos["label_right"]) + 2 - 15, 60))
    assert value_box(gray, label, 890) is None
    gray, pos = _row("SMITH JOHN")
    label = tight_box(gray, (15, 30, int(pos["label_right"]) + 2 - 15, 60))
    x, _, w, _ = value_box(gray, label, int(pos["value_x"]) + 60)
    assert x + w <= pos["value_x"] + 60


def test_a_first_word_before_a_box_is_taken_but_not_the_label() -> None:
    """The page pass boxed MEI LING and dropped WU: the word a space before the box is the name's; the
    label 氏名 before WU, farther off, is not (its small English label NAME is not letter-sized)."""
    gray, pos = _row("WU MEI LING")
    x, y, w, h = tight_box(gray, (round(pos["value_x"] + ImageFont.truetype(GOTHIC, 32).getlength("WU ")) - 2,
                                  30, 120, 60))
    box = x, y - 4, w, h + 8  # as OCR boxes a word: a little taller than its ink
    assert abs(glyphs_before(gray, box, words=1) - pos["value_x"]) <= 3
    assert glyphs_before(gray, box) == x  # letters only: WU is a word apart
    wu = int(pos["value_x"]) + 1
    assert abs(glyphs_before(gray, (wu, y - 4, 30, h + 8), words=1) - pos["value_x"]) <= 2


def test_votes() -> None:
    assert _vote(["A", "A"], None) == ("A", 0.9)
    assert _vote(["A", "A"], "B") == ("A", 0.75)
    assert _vote(["A", "B"], "B") == ("B", 0.55)
    assert _vote(["A", None], None) == ("A", 0.4)
    assert _vote([None, None], "A") is None
    assert _vote(["A", "B", "A"], "A") == ("A", 0.75)  # one dissent of three, the page pass agreeing
    assert _vote(["A", "B", "A"], "C") == ("A", 0.55)
    # ties: the longer reading (a thin glyph lost), then the large readings' majority
    assert _vote(["ROSS MARCO", "ROSSI MARCO", "ROSS MARCO"], "ROSSI MARCO") == ("ROSSI MARCO", 0.55)
    assert _vote(["ISLAM RAFIO", "ISLAM RAFIQ", "ISLAM RAFIQ"], "ISLAM RAFIO") == ("ISLAM RAFIQ", 0.55)


def test_votes_letters_before_spacing() -> None:
    """A lost space is its own slip: the letters all readings agree on win, spaced as most of them space."""
    assert _vote(["OCAMPOMARK", "OCAMPO MARK", "OCAMPOMARK"], "OCAMPO MARK") == ("OCAMPOMARK", 0.55)
    assert _vote(["OCAMPOMARK", "OCAMPO MARK", "OCAMPO MARK"], "OCAMPO MARK") == ("OCAMPO MARK", 0.75)
    assert _vote(["KARI MOV", "KARIMOV", "KARI MOV"], "KARIMOV") == ("KARI MOV", 0.55)  # a tie: the first


def test_votes_prefer_a_near_reading_of_known_words() -> None:
    """eng read the I of WILLIAMS as T twice, jpn and the page pass read it right: tied, and the one whose
    words are words wins, for review. A winner whose words are known, or a known reading far from it or
    shorter, is left alone."""
    eng, jpn = ["WILLTAMS JAMES", "WILLTAMS JAMES", "WILLIAMS JAMES"], ["WILLIAMS JAMES"]
    assert _vote(eng + jpn, "WILLTAMS JAMES", unknown_letters) == ("WILLIAMS JAMES", 0.55)
    assert _vote(eng + jpn, "WILLTAMS JAMES") == ("WILLTAMS JAMES", 0.55)
    assert _vote(["KIM SEOYEON", "KIM SEOYEON", "KIM SIN"], None, unknown_letters) == ("KIM SEOYEON", 0.55)
    assert _vote(["RAHUL PATELS", "RAHUL PATELS", "RAHUL PATEL"], None, unknown_letters) == ("RAHUL PATELS", 0.55)
    assert _vote(["MARIA", "MARIA", "MARTA"], None, unknown_letters) == ("MARIA", 0.55)


def test_spacing_lost_by_jpn_is_no_dissent_among_five_readings() -> None:
    """Seed 29's card 35: eng read NOWAK PIOTR three times, jpn twice without the space: the letters all agree,
    yet it went to review. Of five, all but one with the letters and three with the spacing too: fair."""
    assert _vote(["NOWAK PIOTR"] * 3 + ["NOWAKPIOTR"] * 2, "NOWAK PIOTR") == ("NOWAK PIOTR", 0.75)
    assert _vote(["LIU YAN"] * 4 + ["HU YAN"], "UUYAN") == ("LIU YAN", 0.75)  # one misread, page aside
    # two readings off in their letters, or only two with the spacing, stay for review
    assert _vote(["LIU YAN"] * 3 + ["HU YAN"] * 2, None)[1] < 0.6
    assert _vote(["NOWAK PIOTR"] * 2 + ["NOWAKPIOTR"] * 2 + ["NOWAK PLOTR"], None)[1] < 0.6


def test_a_lone_letter_is_no_unknown_word() -> None:
    """Seed 157's card 67: O CONNOR ISLA read so four times and once QO CONNOR ISLA; QO is a word of some
    language and a lone O none, so the known-word check took QO. A letter alone is not judged."""
    assert unknown_letters("O CONNOR ISLA") == 0
    reads = ["O CONNOR ISLA"] * 2 + ["QO CONNOR ISLA"] + ["O CONNOR ISLA"] * 2
    assert _vote(reads, "CONNOR ISLA", unknown_letters)[0] == "O CONNOR ISLA"


def test_a_respacing_must_make_a_long_word_known_not_a_short_one() -> None:
    """Lost spaces are put back by the words they free (seed 53: PATELRAHUL five times, PATEL RAHUL once),
    but a short word split off an unknown name is no evidence (seed 29: RAH IMOV twice, RAHIMOV three
    times; IMOV is as unknown as RAHIMOV, and RAH is one of thousands of known short words)."""
    assert _vote(["PATEL RAHUL PRIYA"] + ["PATELRAHUL PRIYA"] * 4, "PATELRAHUL PRIYA", unknown_letters)[0] == \
        "PATEL RAHUL PRIYA"
    assert _vote(["RAHIMOV MALIKA"] * 2 + ["RAH IMOV MALIKA"] * 2, "RAHIMOV MALIKA", unknown_letters)[0] == \
        "RAHIMOV MALIKA"
    assert _vote(["ENKHBAYAR ANUJIN"] * 3, "ENKHBAYAR ANUJ IN", unknown_letters)[0] == "ENKHBAYAR ANUJIN"


def test_known_name_words() -> None:
    assert is_known_word("WILLIAMS") and is_known_word("okafor") and is_known_word("Nilsson")
    assert not is_known_word("WILLTAMS") and not is_known_word("QKAFOR")
    assert unknown_letters("WILLTAMS JAMES") == 8 and unknown_letters("OKAFOR NGOZI") == 0


def test_latin_name_from_a_reading() -> None:
    assert _latin_name("(HAIYAPORN S0MCHAI") == "CHAIYAPORN SOMCHAI"  # jpn's bracket for C, a 0 for O
    assert _latin_name("ＬＩ　ＷＥＩ 李") == "LI WEI"
    # eng reads a lone O before a name as © (O CONNOR, unseen 283/41); one after it is a speck (41/95)
    assert _latin_name("© CONNOR CHLOE") == "O CONNOR CHLOE" and _latin_name("WHAYA ADI ©") == "WHAYA ADI"


def test_status_tie_between_sub_grades_asks_for_review() -> None:
    assert _status("高度専門職1号口")[0] == "高度専門職1号ロ"  # kanji 口 for katakana ロ
    assert _status("技能実習2号品")[0] == "技能実習2号ロ"  # jpn's reading of a sharp ロ (five cards of 240)
    assert _status("技能実習2号イ")[0] == "技能実習2号イ"
    assert _status("高度専門職1号")[1] < 0.6  # イ or ロ lost: a guess, for review


def test_date_readings_split_between_0_and_9_settle_on_0() -> None:
    from docproc_alien_registration.reader import _zeros_settled

    settled = _zeros_settled(["1999-05-06", "1990-05-06", "1999-05-06"])
    assert [str(v) for v in settled] == ["1990-05-06"] * 3
    assert _zeros_settled(["1990-05-06", "1991-05-06"]) == ["1990-05-06", "1991-05-06"]
    assert [str(v) for v in _zeros_settled(["2028-06-26", "2028-06-20"])] == ["2028-06-20"] * 2  # 0 read as 6


def test_digits_from_keeps_jpn_without_eng_words_and_takes_eng_digits_in_place() -> None:
    from docproc_alien_registration.reader import _digits_from
    from docproc_alien_registration.reread import StripRead

    # tesseract's first box spans the line; the next word's start ends it
    jpn = StripRead("1999年95月", (0.9,) * 4, ((0, 0, 200, 30), (60, 0, 30, 30), (95, 0, 35, 30), (130, 0, 30, 30)),
                    ("1999", "年", "95", "月"))
    assert _digits_from(StripRead("", ()), jpn) == "1999年95月"
    assert _digits_from(StripRead("", ()), StripRead("", ())) == ""
    eng = StripRead("1990 4F 05 A", (0.9,) * 4, ((0, 0, 58, 30), (62, 0, 26, 30), (98, 0, 30, 30), (132, 0, 20, 30)),
                    ("1990", "4F", "05", "A"))  # 年 read as 4F, 月 as A
    assert _digits_from(eng, jpn) == "1990年05月"
    glued = StripRead("19904F05A", (0.9,), ((0, 0, 144, 30),), ("19904F05A",))
    assert _digits_from(glued, jpn) == "1999年05月"  # a run of another length (19904) leaves the jpn digits
    # eng read 5 as S and 年 as 7: its run 27 is out of step with the printed 52, not a 0/9 slip
    shifted = StripRead("BAIS27¢1H", (0.9,), ((0, 0, 160, 30),), ("BAIS27¢1H",))
    era = StripRead("昭和52年", (0.9,) * 3, ((0, 0, 60, 30), (62, 0, 36, 30), (100, 0, 30, 30)), ("昭和", "52", "年"))
    assert _digits_from(shifted, era) == "昭和52年"


@pytest.mark.parametrize("tilt", [-1.5, 0.0, 1.0])
def test_a_tilted_card_is_levelled(tilt: float) -> None:
    """A card whose corners were found a little off comes out with its text rows level."""
    import random

    import cv2
    from docproc_alien_registration.locate import CANON_H, CANON_W, residual_angle

    from docproc.synth.card import random_card_data, render_card_front

    card = render_card_front(random_card_data(random.Random(3)), rng=random.Random(3))
    card = cv2.resize(card, (CANON_W, CANON_H), interpolation=cv2.INTER_AREA)
    turned = cv2.warpAffine(card, cv2.getRotationMatrix2D((CANON_W / 2, CANON_H / 2), tilt, 1.0), (CANON_W, CANON_H),
                            borderMode=cv2.BORDER_REPLICATE)
    assert abs(residual_angle(turned) + tilt) <= 0.25


def test_a_label_box_that_ran_over_the_value_is_cut_where_the_label_ends() -> None:
    """Seed 19's card 57: tesseract's box of 名 spanned 氏名 NAME AHMED, and AHMED was lost with the label."""
    from docproc_alien_registration.valuebox import label_cut

    gray = np.full((60, 400), 230, np.uint8)
    for x0, x1, y0, y1 in ((20, 48, 15, 45), (52, 80, 15, 45), (96, 130, 30, 42), (150, 240, 17, 43)):
        gray[y0:y1, x0:x1] = 40  # 氏, 名, NAME in small type, AHMED
    assert label_cut(gray, (20, 15, 220, 30), 2) == (20, 15, 60, 30)
    assert label_cut(gray, (20, 15, 60, 30), 2) == (20, 15, 60, 30)  # about the label's width: kept
