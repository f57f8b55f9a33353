"""The place PP-OCRv6's frames spell (real model, lines drawn with the IPA fonts and blurred until its greedy
reading garbles a kanji), and putting it into an address."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from docproc_alien_registration.paddle import read_lines_with_frames
from docproc_alien_registration.place_by_frames import place_respelt, place_spelt, with_place
from test_paddle import _line

from docproc.synth.card import GOTHIC, MINCHO


def _small_blurred(text: str, font_path: str, px: int, blur: float) -> np.ndarray:
    """A line drawn small and blurred, then enlarged as the reader enlarges a strip (text about 48 px)."""
    gray = _line(text, font_path, px=px, blur=blur)
    scale = 62 / gray.shape[0]
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)


@pytest.mark.parametrize(("text", "font_path", "px", "blur", "place"), [
    ("東京都豊島区巣鴨2丁目4番26号", MINCHO, 16, 2.0, "東京都豊島区巣鴨"),
    ("京都府京都市左京区田中関田町16-7", MINCHO, 16, 2.0, "京都府京都市左京区田中関田町"),
    ("群馬県太田市東本町5-31-2", MINCHO, 14, 1.6, "群馬県太田市東本町"),
    ("北海道札幌市中央区北一条西6-7-24", MINCHO, 16, 2.0, "北海道札幌市中央区北1条西"),
    ("東京都港区六本木六丁目10番1号", GOTHIC, 20, 1.0, "東京都港区六本木"),  # a kanji numeral's 丁目 after the town
])
def test_spells_the_place_the_greedy_reading_garbled(text: str, font_path: str, px: int, blur: float,
                                                     place: str) -> None:
    readings = read_lines_with_frames([_small_blurred(text, font_path, px, blur)])
    spelt = place_spelt(readings)
    assert spelt is not None and spelt.place == place
    assert spelt.margin > 5


def test_an_address_in_review_gets_the_place_spelt_and_keeps_the_rest() -> None:
    readings = read_lines_with_frames([_small_blurred("東京都豊島区巣鴨2丁目4番26号", MINCHO, 16, 2.0)])
    assert not readings[0].text.startswith("東京都豊島区巣鴨")  # the greedy reading garbled it
    assert place_respelt("東京都費島区巣楼2-4-26", readings) == "東京都豊島区巣鴨2-4-26"
    assert place_respelt("東京都豊島区巣鴨2-4-26", readings) is None  # already so


def test_nothing_spelt_from_a_blank_strip() -> None:
    readings = read_lines_with_frames([np.full((60, 600), 235, np.uint8)])
    assert place_respelt("東京都費島区巣楼2-4-26", readings) is None
    assert place_spelt([]) is None


@pytest.mark.parametrize(("address", "place", "put"), [
    ("東京都費局区南大源37-15", "東京都豊島区南大塚", "東京都豊島区南大塚37-15"),
    ("北海道札幌市中央区之一兼西6-7-24", "北海道札幌市中央区北1条西", "北海道札幌市中央区北1条西6-7-24"),
    ("東京都豊島区果精2-7-25サンライズマンション305", "東京都豊島区巣鴨", "東京都豊島区巣鴨2-7-25サンライズマンション305"),
    ("相接市川確区職前本明4T日12", "川崎市川崎区駅前本町", "川崎市川崎区駅前本町4T日12"),
    ("医住地", "旭市イ", None),  # no block number after any cut
])
def test_with_place(address: str, place: str, put: str | None) -> None:
    assert with_place(address, place) == put
