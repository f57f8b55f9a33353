"""Japanese addresses as written on forms and printed on residence cards, reduced to one comparable form.

The same address appears as 西新宿二丁目8番1号, 西新宿2-8-1 or 西新宿２－８－１;
霞ヶ関 as 霞ケ関 or 霞が関; with or without 〒 postal code or spaces. Numbers
written in kanji are converted only where they stand for block numbers (before
丁目/番/号/条/…), so place names such as 六本木 or 八丁堀 stay as they are.
Building names and room numbers are kept (101号室 -> 101): a different flat is a
different address.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

__all__ = ["compare_addresses", "kanji_to_int", "normalize_address"]

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL = "〇零一二三四五六七八九十百千"
_UNITS_AFTER_NUMBER = r"丁目|番地|番|号|条|線|地割|階|-|$"

_PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
    "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
    "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府",
    "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
    "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県",
    "鹿児島県", "沖縄県",
)
_PREFECTURE = re.compile("^(" + "|".join(_PREFECTURES) + ")")


def kanji_to_int(numeral: str) -> int:
    """Value of a kanji numeral: positional (二〇 = 20) or with 十/百/千 (二十三 = 23, 百五 = 105)."""
    if not numeral or any(c not in _KANJI_DIGITS and c not in _KANJI_UNITS for c in numeral):
        raise ValueError(f"not a kanji numeral: {numeral!r}")
    if not any(c in _KANJI_UNITS for c in numeral):
        return int("".join(str(_KANJI_DIGITS[c]) for c in numeral))
    total, digit = 0, None
    for char in numeral:
        if char in _KANJI_DIGITS:
            digit = _KANJI_DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _KANJI_UNITS[char]
            digit = None
    return total + (digit or 0)


def _is_kanji(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or char in "々〆"


def _unify_place_kana(text: str) -> str:
    """霞ヶ関 / 霞ケ関 / 霞が関 -> 霞ヶ関, 一ノ橋 / 一の橋 -> 一ノ橋: small kana between two kanji."""
    chars = list(text)
    for index in range(1, len(chars) - 1):
        if _is_kanji(chars[index - 1]) and _is_kanji(chars[index + 1]):
            if chars[index] in "ヶケヵが":
                chars[index] = "ヶ"
            elif chars[index] in "のノ":
                chars[index] = "ノ"
    return "".join(chars)


def normalize_address(text: str) -> str:
    """One canonical spelling: no spaces or postal code, arabic block numbers in ``2-8-1`` form."""
    if not isinstance(text, str):
        raise ValueError(f"address must be text, got {type(text).__name__}")
    value = unicodedata.normalize("NFKC", text)
    value = re.sub(r"[\u2010-\u2015\u2212\uff0d\ufe63\u30fc\uff70](?=[0-9" + _NUMERAL + "])", "-", value)
    value = re.sub(r"\s+", "", value)
    value = re.sub(r"〒\d{3}-?\d{4}(?!\d)", "", value)  # postal code marked by 〒, anywhere
    value = re.sub(r"^\d{3}-?\d{4}(?=\D)", "", value)  # unmarked postal code in front
    value = value.replace("〒", "").replace("()", "")
    value = re.sub(
        f"[{_NUMERAL}]+(?=(?:{_UNITS_AFTER_NUMBER})|[のノ][0-9{_NUMERAL}])",
        lambda match: str(kanji_to_int(match[0])),
        value,
    )
    value = re.sub(f"(?<=-)[{_NUMERAL}]+", lambda match: str(kanji_to_int(match[0])), value)
    value = _unify_place_kana(value)
    value = re.sub(r"(\d+)階", r"\1F", value)
    value = re.sub(r"(\d+)(?:丁目|番地|番)(?:の)?(?=\d)", r"\1-", value)
    value = re.sub(r"(\d+)(?:丁目|番地|番)(?=-|$)", r"\1", value)
    value = re.sub(r"(\d+)[のノ](?=\d)", r"\1-", value)
    value = re.sub(r"(\d+(?:-\d+)*)号(?![館棟])室?", r"\1", value)  # 8-1号 -> 8-1, 101号室 -> 101
    value = re.sub(r"-{2,}", "-", value)
    return value.strip("-")


def _unvoiced(text: str) -> str:
    """Kana without their voicing marks (パ, バ -> ハ)."""
    return unicodedata.normalize("NFC", re.sub("[\u3099\u309a]", "", unicodedata.normalize("NFD", text)))


def _without_prefecture(normalized: str) -> tuple[str, bool]:
    stripped = _PREFECTURE.sub("", normalized, count=1)
    return stripped, stripped != normalized


def compare_addresses(a: str, b: str) -> tuple[bool, float]:
    """Whether two addresses are the same after normalisation, and a 0..1 similarity for the report.

    A prefecture written on one side only (東京都 is often left off forms) does
    not make them differ; two different prefectures do. Nor do kana voicing marks
    alone (パークハイム, バークハイム): on a scanned card ゛ and ゜ are a few pixels
    apart, and no two buildings at one block number differ only by them.
    """
    norm_a, norm_b = normalize_address(a), normalize_address(b)
    score = fuzz.ratio(norm_a, norm_b) / 100.0
    if not norm_a or not norm_b:
        return False, score
    if norm_a == norm_b:
        return True, 1.0
    norm_a, norm_b = _unvoiced(norm_a), _unvoiced(norm_b)
    if norm_a == norm_b:
        return True, score
    (rest_a, pref_a), (rest_b, pref_b) = _without_prefecture(norm_a), _without_prefecture(norm_b)
    same = rest_a == rest_b and pref_a != pref_b
    return same, max(score, fuzz.ratio(rest_a, rest_b) / 100.0) if same else score
