"""Japanese address normalisation for comparison: NFKC, block numbers as digits, 丁目/番/号 as hyphens.

Kanji numerals are converted only where they are block numbers (before 丁目/番/号/番地 or between
hyphens), so place names such as 八王子 or 四谷 keep their kanji. The lead's docproc.normalize does the
same job for every document; this copy keeps the plugin self-contained until they are unified.
"""

from __future__ import annotations

import re
import unicodedata

_KANJI_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_NUM = "〇零一二三四五六七八九十百"
_DASHES = "-‐‑‒–—―−－ー一ｰ"


def kanji_to_int(text: str) -> int | None:
    """二十三 -> 23, 百五 -> 105, 一〇五 -> 105; None when ``text`` is not a kanji numeral."""
    if not text or any(c not in _KANJI_NUM for c in text):
        return None
    if "十" not in text and "百" not in text:
        return int("".join(str(_KANJI_DIGIT[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c in _KANJI_DIGIT:
            current = _KANJI_DIGIT[c]
        else:
            total += (current or 1) * (10 if c == "十" else 100)
            current = 0
    return total + current


def _block_numerals(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        value = kanji_to_int(m.group(1))
        return str(value) + m.group(2) if value is not None else m.group(0)

    return re.sub(rf"([{_KANJI_NUM}]+)(丁目|丁|番地|番|号(?!室)|-)", repl, text)


def normalize_address(text: str) -> str:
    """A comparison key for an address: no spaces, ASCII digits, ``2-8-1`` block numbers."""
    s = unicodedata.normalize("NFKC", text)
    s = re.sub(r"\s+", "", s)
    s = _block_numerals(s)
    # any dash-like character between digits is a hyphen (ー and 一 are frequent OCR readings of it)
    s = re.sub(rf"(?<=\d)[{_DASHES}](?=\d)", "-", s)
    s = re.sub(r"(?<=\d)の(?=\d)", "-", s)
    s = re.sub(r"(?<=\d)(丁目|丁|番地|番)(?=\d)", "-", s)
    s = re.sub(r"(?<=\d)号室?", "-", s)
    s = re.sub(r"(?<=\d)(丁目|番地|番)$", "", s)
    s = re.sub(r"-+", "-", s)
    s = re.sub(r"-(?=\D|$)", "", s)
    return s


PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県",
    "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県",
    "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県",
    "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県",
    "宮崎県", "鹿児島県", "沖縄県",
)


def strip_noise(text: str) -> str:
    """Drop OCR specks at either end of an address (a card edge or photo border read as \\ | . ・)."""
    return re.sub(r"^[\W_]+|[^\w\u3000-\u30ff\u3400-\u9fff)）]+$", "", text.strip())


def fix_prefecture(text: str) -> str:
    """Put back a misread prefecture at the start of an address (東京者 -> 東京都, 税馬県 -> 群馬県).

    Only one character of the prefecture may differ, and never a municipal suffix (大阪市 stays).
    """
    text = strip_noise(text)
    for pref in PREFECTURES:
        head = text[: len(pref)]
        if head == pref:
            return text
    best = None
    for pref in PREFECTURES:
        head = text[: len(pref)]
        diff = [a for a, b in zip(head, pref, strict=True) if a != b] if len(head) == len(pref) else []
        # 大阪市, 千葉市 ...: a city named like its prefecture, printed without the prefecture
        if len(diff) == 1 and diff[0] not in "市区町村郡":
            if best is not None:
                return text  # ambiguous
            best = pref
    return best + text[len(best):] if best else text
