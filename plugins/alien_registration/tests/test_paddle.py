"""The second engine (PP-OCRv6 through rapidocr): real model, address lines drawn with the IPA fonts."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from docproc_alien_registration.paddle import _clean, considered, glyph_centres, read_lines, read_lines_with_frames
from PIL import Image, ImageDraw, ImageFont

from docproc.synth.card import GOTHIC, MINCHO


def _line(text: str, font_path: str, *, px: int = 40, blur: float = 0.0) -> np.ndarray:
    font = ImageFont.truetype(font_path, px)
    image = Image.new("L", (40 + round(font.getlength(text)), 2 * px), 235)
    ImageDraw.Draw(image).text((20, px // 2), text, font=font, fill=25)
    gray = np.asarray(image)
    return cv2.GaussianBlur(gray, (0, 0), blur) if blur else gray


@pytest.mark.parametrize("font_path", [GOTHIC, MINCHO])
def test_reads_an_address_line(font_path: str) -> None:
    (text, score), = read_lines([_line("東京都豊島区巣鴨2丁目4番26号 ハイツ青葉203", font_path)])
    assert text.replace(" ", "") == "東京都豊島区巣鴨2丁目4番26号ハイツ青葉203"
    assert 0.8 <= score <= 1.0


def test_reads_each_line_in_order_and_nothing_from_nothing() -> None:
    lines = [_line("コーポ山田102", GOTHIC, blur=1.0), _line("大阪府大阪市北区梅田6-6-29", GOTHIC),
             np.full((60, 300), 235, np.uint8)]
    reads = read_lines(lines)
    assert [text for text, _ in reads[:2]] == ["コーポ山田102", "大阪府大阪市北区梅田6-6-29"]
    assert reads[2][0] == ""
    assert read_lines([]) == []


@pytest.mark.parametrize(("read", "cleaned"), [
    ("コ一ポ山田１０２号", "コーポ山田102号"),  # the kanji 一 for a long-vowel mark after katakana; NFKC
    ("港区赤坂7-12-21バ<ークハイム102", "港区赤坂7-12-21バークハイム102"),  # a speck read as a symbol
    ("一番町1-34-7", "一番町1-34-7"),  # the kanji 一 kept where it is one
    ("札幌市中央区北ー条西37番地3", "札幌市中央区北一条西37番地3"),  # ... and put back between kanji
    ("ジャン・ピエール M.", "ジャン・ピエール M."),
    ("爱知县丰田市小坂本町9-15-8", "愛知県豊田市小坂本町9-15-8"),  # the Chinese forms it learnt, in Japanese ones
    ("神户市中央区北野町7-27-22メゾン樱102", "神戸市中央区北野町7-27-22メゾン桜102"),
    ("东京都豊島区南大塚5-27-13第二松本莊203", "東京都豊島区南大塚5-27-13第二松本荘203"),
    ("広島県広島市中区八丁堀9-6-4シャトー绿305", "広島県広島市中区八丁堀9-6-4シャトー緑305"),
])
def test_clean(read: str, cleaned: str) -> None:
    assert _clean(read) == cleaned


def test_each_glyph_is_placed_where_it_is_printed() -> None:
    """The frames' peaks say where each character was read: inside its glyph, for a kanji check in its box."""
    text, px = "大阪府大阪市北区梅田6-6-29 シャトー緑503", 40
    font = ImageFont.truetype(GOTHIC, px)
    strip = _line(text, GOTHIC, px=px, blur=1.0)
    reading, = read_lines_with_frames([strip])
    centres = glyph_centres(reading, strip.shape[0])
    assert reading.text == text and centres is not None and len(centres) == len(text)
    for k, centre in enumerate(centres):
        left = 20 + font.getlength(text[:k])
        assert left - 2 <= centre <= left + font.getlength(text[k]) + 2, text[k]


def test_what_the_model_weighed_holds_what_it_read_and_look_alikes_in_japanese_forms() -> None:
    """A blurred レジデンス栄: what PP-OCRv6 weighed in some frame holds every character it read, in the forms
    a card prints (栄, not 荣), and little else: a handful of look-alikes, not its whole charset."""
    reading, = read_lines_with_frames([_line("レジデンス栄101", GOTHIC, px=24, blur=1.6)])
    weighed = considered(reading)
    assert set(reading.text) <= set(weighed) and "荣" not in weighed
    assert len(weighed) < 3 * len(reading.text)
