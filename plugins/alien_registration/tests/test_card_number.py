"""Card number: parsing with look-alike repair, the vote between readings, and the glyph judge that
settles letters the readings slip on (drawn here blurred, the way a 150 dpi scan enlarged looks)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from docproc_alien_registration.cardnumber import judge_letters, parse_card_number, vote_card_number
from docproc_alien_registration.glyphs import ALPHABET, FONT_FILES, glyph_cells, glyph_scores
from docproc_alien_registration.reread import scaled_strip
from PIL import Image, ImageDraw, ImageFont

GOTHIC, DEJAVU_BOLD = FONT_FILES[0], FONT_FILES[4]


def _scanned_line(text: str, font_path: str, *, px: int = 20, blur: float = 1.1) -> np.ndarray:
    """``text`` drawn ``px`` high (about 150 dpi on a card), blurred and noised, enlarged as the reader
    enlarges the number's line before reading it."""
    font = ImageFont.truetype(font_path, px)
    width = round(font.getlength(text)) + 2 * px
    image = Image.new("L", (width, 2 * px), 235)
    ImageDraw.Draw(image).text((px, px // 2), text, fill=30, font=font)
    gray = cv2.GaussianBlur(np.asarray(image), (0, 0), blur)
    gray = np.clip(gray + np.random.default_rng(0).normal(0, 6, gray.shape), 0, 255).astype(np.uint8)
    return scaled_strip(gray, (px, px // 2, width - 2 * px, px), 54)[0]


def test_card_number_repair_and_format() -> None:
    assert parse_card_number("AB12345678CD") == ("AB12345678CD", frozenset())
    assert parse_card_number("A8I2345678C0") == ("AB12345678CO", frozenset({1, 2}))  # 0 for O: no guess
    assert parse_card_number("AB1234567CD") is None
    # a longer run (a speck or a glyph read twice): the twelve needing the fewest repairs, not the first
    assert parse_card_number("1AB12345678CD") == ("AB12345678CD", frozenset())
    assert parse_card_number("2G642905862WS") == ("GG42905862WS", frozenset({1}))


def test_card_number_vote_trusts_unrepaired_characters() -> None:
    # eng with a whitelist reads TZ as 12 (repaired to IZ); the page pass read TZ as printed
    reads = [parse_card_number("1245763322EX"), parse_card_number("1245763322EX"), parse_card_number("TZ45763322EX")]
    assert vote_card_number(reads) == ("TZ45763322EX", 0.75)
    assert vote_card_number([parse_card_number("TZ45763322EX")] * 2) == ("TZ45763322EX", 0.9)
    assert vote_card_number([parse_card_number("TZ45763322EX"), parse_card_number("TZ45763328EX")])[1] < 0.6
    # O and 0 are one glyph: four readings of O outvote one of 9 (seed 31's cards 85 and 107), for review
    reads = [parse_card_number("BEO6196927VK")] * 4 + [parse_card_number("BE96196927VK")]
    assert vote_card_number(reads) == ("BE06196927VK", 0.55)


def test_page_pass_reading_alone_does_not_send_an_agreed_number_to_review() -> None:
    # the page pass at scan size reads 0 as 9 where the four enlarged readings agree (seed 11 card 2)
    own = [parse_card_number("GY26048790ML")] * 4
    assert vote_card_number(own, parse_card_number("GY26948799ML")) == ("GY26048790ML", 0.75)
    assert vote_card_number(own, parse_card_number("GY26048790ML")) == ("GY26048790ML", 0.9)
    # two enlarged readings are too few to outweigh it, and one disagreeing enlarged reading still counts
    assert vote_card_number(own[:2], parse_card_number("GY26948799ML"))[1] < 0.6
    split = [*own[:3], parse_card_number("GY26048790MI")]
    assert vote_card_number(split, parse_card_number("GY26948799ML"))[1] < 0.6
    # a letter every reading took from a 1 stays a guess
    ones = [parse_card_number("1Y26048790ML")] * 4
    assert vote_card_number(ones, parse_card_number("1Y26948790ML"))[1] < 0.6


@pytest.mark.parametrize("font_path", [GOTHIC, DEJAVU_BOLD])
def test_touching_glyphs_are_cut_into_their_characters(font_path: str) -> None:
    number = "MK70111983WV"
    strip = _scanned_line(number, font_path, blur=1.4)
    cells = glyph_cells(strip, len(number))
    assert cells is not None and len(cells) == 12
    scores, fit = glyph_scores(strip, number)
    assert fit > 0.8
    assert "".join(ALPHABET[int(np.argmax(row))] for row in scores) == number


def test_judge_settles_a_letter_the_readings_disagree_on() -> None:
    strip = _scanned_line("MK70111983WV", GOTHIC)
    reads = [parse_card_number(t) for t in ("WK70111983WV", "WK70111983HV", "MK70111983WV")]
    voted = vote_card_number(reads)
    assert voted == ("WK70111983WV", 0.55)
    assert judge_letters(strip, voted, reads) == ("MK70111983WV", 0.75)


def test_judge_puts_in_a_letter_no_reading_saw_only_for_review() -> None:
    reads = [parse_card_number("IF92994232FP")] * 3
    clear = _scanned_line("ZF92994232FP", GOTHIC, blur=0.6)
    assert judge_letters(clear, ("IF92994232FP", 0.9), reads) == ("ZF92994232FP", 0.55)
    blurred = _scanned_line("ZF92994232FP", GOTHIC, blur=1.1)  # Z still first, but not by enough
    assert judge_letters(blurred, ("IF92994232FP", 0.9), reads) == ("IF92994232FP", 0.9)


def test_judge_leaves_the_vote_alone_when_the_cells_do_not_fit() -> None:
    strip = _scanned_line("MK70111983WV", GOTHIC)
    reads = [parse_card_number("WK71234567WV"), parse_card_number("MK71234567WV")]
    voted = ("WK71234567WV", 0.55)  # digits that are not the printed ones: the cells cannot be trusted
    assert judge_letters(strip, voted, reads) == voted
    blank = np.full((80, 600), 230, np.uint8)
    assert judge_letters(blank, voted, reads) == voted


def test_a_voted_letter_that_fits_worst_gives_way_to_the_best_proposed_for_review() -> None:
    """Seed 7's card 40: readings CH, CH, CN, CW; the glyph fits W 0.98, N 0.95, H 0.80. W does not lead N
    by enough to settle it, but H is the worst fit of them: W, still for review."""
    from docproc_alien_registration.cardnumber import _letter_judged

    similar = np.full(len(ALPHABET), 0.5)
    for letter, score in (("W", 0.984), ("N", 0.945), ("M", 0.94), ("H", 0.80)):
        similar[ALPHABET.index(letter)] = score
    assert _letter_judged(similar, "H", {"H", "N", "W"}, True) == ("W", False)
    similar[ALPHABET.index("H")] = 0.96  # the voted letter fits about as well: it stays
    assert _letter_judged(similar, "H", {"H", "N", "W"}, True) == ("H", False)


def test_no_letter_is_put_in_from_cells_of_a_line_the_font_fits_loosely() -> None:
    """Seed 29's card 38: five readings WN, the line's digits fit the best drawing at 0.80 only, and the
    W's cell, cut in two, matched I at 0.98: a letter no reading saw needs a line that fits well."""
    from docproc_alien_registration.cardnumber import _letter_judged

    similar = np.full(len(ALPHABET), 0.2)
    similar[ALPHABET.index("I")], similar[ALPHABET.index("W")] = 0.98, 0.17
    assert _letter_judged(similar, "W", {"W"}, True) == ("I", False)
    assert _letter_judged(similar, "W", {"W"}, False) == ("W", False)


def test_a_letter_every_reading_saw_as_a_one_is_a_guess_the_glyph_settles() -> None:
    """Seed 29's card 72: all readings 1 where T is printed, repaired to I and reported sure (0.9). A 1
    is as like I as L or T: the vote alone leaves it for review; the glyph, compared with each, settles it."""
    reads = [parse_card_number("YV439989741G")] * 3
    voted = vote_card_number(reads)
    assert voted == ("YV43998974IG", 0.55)
    for printed in ("YV43998974TG", "YV43998974LG", "YV43998974IG"):
        assert judge_letters(_scanned_line(printed, GOTHIC, blur=0.6), voted, reads) == (printed, 0.75)
    reads = [parse_card_number("YV439989742G")] * 3  # a 2 is a Z: no other letter is like it
    assert vote_card_number(reads) == ("YV43998974ZG", 0.9)


def test_a_proposed_letter_is_not_settled_when_one_none_proposed_fits_better() -> None:
    """Seed 29's card 19: readings O (four) and W for a printed M; W fitted far better than O and was
    reported settled (0.75), while M, which no reading saw, fitted better still."""
    from docproc_alien_registration.cardnumber import _letter_judged

    similar = np.full(len(ALPHABET), 0.3)
    for letter, score in (("W", 0.90), ("O", 0.60), ("M", 0.93)):
        similar[ALPHABET.index(letter)] = score
    assert _letter_judged(similar, "O", {"O", "W"}, False) == ("W", False)
    similar[ALPHABET.index("M")] = 0.85
    assert _letter_judged(similar, "O", {"O", "W"}, False) == ("W", True)
