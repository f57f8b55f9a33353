"""Clean-up of an address as OCR reads it off a card: end specks, a misread prefecture.

The comparison key (NFKC, block numbers as digits, 丁目/番/号 as hyphens) is docproc.normalize's
``normalize_address``, shared with every other document.
"""

from __future__ import annotations

import re

PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県",
    "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県",
    "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県",
    "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県",
    "宮崎県", "鹿児島県", "沖縄県",
)


def strip_noise(text: str) -> str:
    """Drop OCR specks at either end of an address (a card edge or photo border read as \\ | . ・ 。)."""
    return re.sub(r"^[\W_]+|(?:[^\w\u3040-\u30ff\u3400-\u9fff)）]|・)+$", "", text.strip())


def dashes_between_digits(text: str) -> str:
    """ー, 一 and other dash look-alikes between two digits are the printed hyphen (2ー8一1 -> 2-8-1)."""
    return re.sub(r"(?<=[0-9０-９])[一ーｰ－‐―−—–](?=[0-9０-９])", "-", text)


def bars_as_ones(text: str) -> str:
    """| ] ! l I next to a block number or before 丁目/番/号 are a thin 1 (北1条西|-40-24, 40番地]ハイツ)."""
    text = re.sub(r"(?<=[0-9０-９\-－])[|\]!lI]|[|\]!lI](?=[0-9０-９\-－]|丁目|番|号)", "1", text)
    return re.sub(r"(?<=番地)[|\]!lI]", "1", text)


def footed_ones(text: str) -> str:
    """ユ opening a block number before its hyphen, or between two of its numbers, is a full-width １ drawn
    with a foot (Noto Serif CJK; 本牧町ユ-16-21, 横山町3ーユ-10); one starting a building's name is kept
    (10ユーハイム, 3-1-10-ユニ)."""
    return re.sub(r"(?<=[0-9０-９][\-－ー一])ユ(?=[\-－ー一0-9０-９]|$)|ユ(?=[\-－ー一][0-9０-９])", "1", text)


def rings_as_zeros(text: str) -> str:
    """@ between two digits, or a Latin O after one, is a blurred 0 (コーポ山田2@3 -> 203, 1-37-3O第二 ->
    1-37-30第二; not the O of a Latin name, 3ONE): no address prints either."""
    return re.sub(r"(?<=[0-9０-９])(?:@(?=[0-9０-９])|[OoＯｏ](?![A-Za-zＡ-Ｚａ-ｚ]))", "0", text)


def letters_out_of_numbers(text: str) -> str:
    """A Latin letter, a kana or a % glued between a block number and its hyphen is a speck or a blurred
    dash (8B-31, 4オ-40, 3は-18, 9%-21)."""
    return re.sub(r"(?<=[0-9０-９])(?:[A-Za-z%％](?=[\-－ー一])|[\u3041-\u3096\u30a1-\u30fa](?=[\-－ー一][0-9０-９]))"
                  r"|(?<=[\-－])[A-Za-z](?=[0-9０-９])", "", text)


def kana_as_kanji(text: str) -> str:
    """Katakana that look like kanji where only the kanji fits: ニ before 丁目, and ハ there after a town's
    kanji (ニ丁目 -> 二丁目, 北沢ハ丁目 -> 八丁目), ー before 丁目 (ー丁目 -> 一丁目: no long vowel comes before 丁目),
    ロ between two kanji (西川ロ二丁目 -> 西川口二丁目, 西川ロー丁目 -> 西川口一丁目); a building's katakana
    name is not between kanji."""
    text = re.sub(r"ニ(?=丁目)", "二", re.sub(r"(?<=[\u4e00-\u9fff])ハ(?=丁目)", "八", text))
    text = re.sub(r"(?<=[\u4e00-\u9fff])ロ(?=[\u4e00-\u9fff]|ー丁目)", "口", text)
    return re.sub(r"(?<![\u30a1-\u30fa])ー(?=丁目)", "一", text)


def chome_restored(text: str) -> str:
    """丁目 with one glyph misread between two numbers is still 丁目 (栄一耳目8, 一丁具38 -> 一丁目); not a
    town named like it (八丁堀1)."""
    return re.sub(r"(?<=[0-9０-９一二三四五六七八九十])(?:丁[具月日自且]|[\u3400-\u9fff](?<!丁)目)"
                  r"(?=[0-9０-９一二三四五六七八九])", "丁目", text)


_KANA_OR_END = r"(?=[\u30a0-\u30ff\s\u3000]|$)"


def go_restored(text: str) -> str:
    """A misread 号 where the grammar wants it: after 番 and a number, before a katakana building name
    or the end (6番17写サンライズ -> 6番17号サンライズ), and a lone ideograph ending the line after a room
    number (201宣 -> 201号, 201号宣 -> 201号室), or two after a building's room (305写補 -> 305号室), or
    one before the line's last 室 (402昌室 -> 402号室): the printed 号 or 室 read as 写, 時, 宣, 呈 ..."""
    text = re.sub(r"(番[0-9０-９]+)[^0-9０-９号\-－ー一\u30a0-\u30ff\s\u3000]" + _KANA_OR_END, r"\1号", text)
    text = re.sub(r"(?<=[0-9０-９])[\u3400-\u9fff](?<![号室棟階館])(?=室$)", "号", text)
    text = re.sub(r"([^\d\-－][0-9０-９]{3,4})[\u3400-\u9fff](?<!号)[\u3400-\u9fff](?<![室棟階館])$", r"\1号室", text)
    return re.sub(r"(?<=[0-9０-９号])[\u3400-\u9fff](?<![号室棟階館])$", lambda m: "室" if text[m.start() - 1] == "号"
                  else "号", text)


# a digit's look-alikes opening a block number: kana (jpn) and the Latin letters every OCR engine confuses
_OPENING_DIGIT = str.maketrans({"ら": "5", "ノ": "7", "/": "7", "ア": "7", "G": "6", "B": "8", "S": "5", "Z": "2",
                                "O": "0", "I": "1", "l": "1", "|": "1"})
_NUMBER_ENDS = r"(?=$|-\d|[.,·・]\d|[\u30a0-\u30ff\s第])"  # the end, the next number, or a name (カ…, 第二…)
# a sign between two of the block's first numbers where only a hyphen fits: a stray (4益20), 番 and a stray
# (10番垢12), a dot for each hyphen (4.33.9); and 番地 misread as any two signs after the first number (37拭地10)
_STRAY_SIGN = re.compile(r"^(\d+(?:-\d+)?)(番?[^\d\-\u30a0-\u30ff第])(\d+)" + _NUMBER_ENDS)
_STRAY_PAIR = re.compile(r"^(\d+)([^\d\-\u30a0-\u30ff第]{2})(\d+)" + _NUMBER_ENDS)
# a speck splitting the two digits of the third number (3-24-2.0 for 3-24-20); a room number after it,
# where the speck would be a hyphen (3-24-20.305), has three or four
_SPECK_IN_THIRD = re.compile(r"^(\d+-\d+-\d)[.,·・'`](?=\d(?!\d))")
# a sign between the block number and a building name (6-4-26)サンライズ, 8-37-10-ハイツ): no address prints one
_SIGN_BEFORE_NAME = re.compile(r"^([\d\-]*\d)[\-)）\]」|.,、。・?？!！'\"]+(?![一二三四五六七八九十〇])(?=[\u30a1-\u30fa\u3400-\u9fff])")


def block_number_repaired(rest: str) -> str:
    """The block number that follows a known place name (normalize_address form), with the slips its
    grammar exposes put right: a digit's look-alike opening it (ら-34-28 -> 5-34-28, /-5-13, ア-33-6 -> 7-...,
    G-34-18 -> 6-34-18), a stray sign between two of its numbers where only a hyphen fits (4益20, 9乱1,
    3.12-19, 4.33.9 -> 4-20, 9-1, 3-12-19, 4-33-9), also after a 番 the hyphen was not made of (10番垢12,
    8番二28 -> 10-12, 8-28), 番地 misread as two other signs (37拭地10 -> 37-10), and a sign
    between it and the building name dropped (6-4-26)サンライズ -> 6-4-26サンライズ), and a speck inside its
    third number (3-24-2.0 -> 3-24-20)."""
    if re.match(r".-\d", rest) and rest[0] != (digit := rest[0].translate(_OPENING_DIGIT)):
        rest = digit + rest[1:]
    rest = _SPECK_IN_THIRD.sub(r"\1", rest, count=1)
    rest = _STRAY_PAIR.sub(r"\1-\3", rest, count=1)
    for _ in range(2):  # 4.33.9: one sign at a time
        rest = _STRAY_SIGN.sub(r"\1-\3", rest, count=1)
    return _SIGN_BEFORE_NAME.sub(r"\1", rest, count=1)


_NUMBERS = re.compile(r"\d+(?:-\d+)*")
BLOCK_NUMBER = re.compile(r"\d+(?:-\d+)+")  # a block number: two or more numbers joined by hyphens


def hyphens_restored(address: str, readings: list[str]) -> str:
    """``address`` (normalize_address form) with its block number spelt as another reading spells the
    same digits with more hyphens, up to three numbers (3-216 and 3-2-16 -> 3-2-16). The full-width
    hyphen between full-width digits is a thin dash a blurred reading loses, most often at some scales
    only; no reading makes one up between digits printed together. Numbers after the block number (a
    room, after the building's name) are left as read: a speck there is no lost hyphen."""
    runs = list(_NUMBERS.finditer(address))
    block = next((run for run in runs if "-" in run.group()), None) or next(
        (run for run in runs if len(run.group()) >= 3), None)  # all its hyphens lost (北1条西91017)
    if block is None:
        return address
    digits = block.group().replace("-", "")
    spellings = [other for reading in readings for other in _NUMBERS.findall(reading)
                 if other.replace("-", "") == digits and block.group().count("-") < other.count("-") <= 2]
    if not spellings:
        return address
    return address[:block.start()] + max(spellings, key=lambda other: other.count("-")) + address[block.end():]


_ROOM_TENS = r"(\d{1,2})[689](\d)$"


def room_number_repaired(rest: str) -> str:
    """The room number ending an address after its block number and building name (normalize_address form),
    its tens digit read 6, 8 or 9 put back to 0 (パークハイム563 -> 503, 192 -> 102). A flat is numbered by
    its floor and its place on that floor (203, 1105): no floor has sixty flats, while ``jpn`` reads a
    blurred 0 as 6, 8 or 9 the same way at every scale."""
    return re.sub(r"(?<=[^\d\-])" + _ROOM_TENS, r"\g<1>0\2", rest) if rest[:1].isdigit() else rest


def room_tens_repaired(room: str) -> str:
    """A room number alone (492), its tens digit read 6, 8 or 9 put back to 0, as above (402)."""
    return re.sub("^" + _ROOM_TENS, r"\g<1>0\2", room)


def long_vowel_unstuttered(text: str) -> str:
    """A katakana long-vowel mark read twice, as ー and a hyphen, outside a block number (シャトー-緑)."""
    return re.sub(r"(?<=[\u30a1-\u30fa]ー)-(?![0-9])", "", text)


def fix_prefecture(text: str) -> str:
    """Put back a misread prefecture at the start of an address (東京者 -> 東京都, 税馬県 -> 群馬県).

    Only one character of the prefecture may differ, and never a municipal suffix (大阪市 stays).
    """
    text = letters_out_of_numbers(rings_as_zeros(strip_noise(text)))
    text = go_restored(chome_restored(kana_as_kanji(bars_as_ones(dashes_between_digits(footed_ones(text))))))
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
