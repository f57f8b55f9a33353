"""Nationality/region as printed on Japanese cards (Japanese short names) to ISO 3166-1 alpha-3.

The immigration bureau prints short names (米国, 英国, 韓国 ...), not the official long forms; the
table below holds those, special entries (無国籍 stateless, 朝鮮 which designates the former Korean
peninsula rather than a state) and common OCR slips. pycountry's Japanese country names back it up.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

STATELESS = "XXA"
UNSPECIFIED = "XXX"  # ICAO code for an unspecified nationality (used for 朝鮮)

SHORT_NAMES: dict[str, str] = {
    "米国": "USA", "アメリカ": "USA", "アメリカ合衆国": "USA", "英国": "GBR", "イギリス": "GBR", "中国": "CHN",
    "韓国": "KOR", "大韓民国": "KOR", "朝鮮": UNSPECIFIED, "北朝鮮": "PRK", "台湾": "TWN", "香港": "HKG",
    "マカオ": "MAC", "ベトナム": "VNM", "フィリピン": "PHL", "ブラジル": "BRA", "ネパール": "NPL",
    "インドネシア": "IDN", "インド": "IND", "タイ": "THA", "ペルー": "PER", "ミャンマー": "MMR",
    "スリランカ": "LKA", "バングラデシュ": "BGD", "パキスタン": "PAK", "モンゴル": "MNG", "カンボジア": "KHM",
    "ラオス": "LAO", "マレーシア": "MYS", "シンガポール": "SGP", "ウズベキスタン": "UZB", "カザフスタン": "KAZ",
    "キルギス": "KGZ", "アフガニスタン": "AFG", "イラン": "IRN", "イラク": "IRQ", "トルコ": "TUR",
    "シリア": "SYR", "イスラエル": "ISR", "サウジアラビア": "SAU", "アラブ首長国連邦": "ARE", "エジプト": "EGY",
    "ナイジェリア": "NGA", "ガーナ": "GHA", "ケニア": "KEN", "エチオピア": "ETH", "ウガンダ": "UGA",
    "カメルーン": "CMR", "セネガル": "SEN", "南アフリカ": "ZAF", "南アフリカ共和国": "ZAF", "フランス": "FRA",
    "ドイツ": "DEU", "イタリア": "ITA", "スペイン": "ESP", "ポルトガル": "PRT", "オランダ": "NLD",
    "ベルギー": "BEL", "スイス": "CHE", "オーストリア": "AUT", "スウェーデン": "SWE", "ノルウェー": "NOR",
    "デンマーク": "DNK", "フィンランド": "FIN", "アイルランド": "IRL", "アイスランド": "ISL", "ポーランド": "POL",
    "チェコ": "CZE", "スロバキア": "SVK", "ハンガリー": "HUN", "ルーマニア": "ROU", "ブルガリア": "BGR",
    "ギリシャ": "GRC", "ロシア": "RUS", "ウクライナ": "UKR", "ベラルーシ": "BLR", "カナダ": "CAN",
    "メキシコ": "MEX", "コロンビア": "COL", "アルゼンチン": "ARG", "ボリビア": "BOL", "チリ": "CHL",
    "パラグアイ": "PRY", "ベネズエラ": "VEN", "キューバ": "CUB", "ジャマイカ": "JAM", "オーストラリア": "AUS",
    "ニュージーランド": "NZL", "フィジー": "FJI", "パプアニューギニア": "PNG", "ブータン": "BTN",
    "モルディブ": "MDV", "東ティモール": "TLS", "ブルネイ": "BRN", "ジョージア": "GEO", "アルメニア": "ARM",
    "アゼルバイジャン": "AZE", "タジキスタン": "TJK", "トルクメニスタン": "TKM", "モロッコ": "MAR",
    "チュニジア": "TUN", "アルジェリア": "DZA", "スーダン": "SDN", "タンザニア": "TZA", "ジンバブエ": "ZWE",
    "無国籍": STATELESS,
}


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Short names plus pycountry's Japanese names (long forms and their parenthesised short forms)."""
    import pycountry

    table: dict[str, str] = {}
    try:
        ja = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"])
    except OSError:
        ja = None
    if ja is not None:
        for country in pycountry.countries:
            name = ja.gettext(country.name)
            if name == country.name:
                continue
            for part in re.split(r"[()（）]", name):
                part = part.strip()
                if part:
                    table.setdefault(_key(part), country.alpha_3)
    table.update({_key(k): v for k, v in SHORT_NAMES.items()})
    return table


def _key(text: str) -> str:
    return re.sub(r"[\s・･.。、,]", "", unicodedata.normalize("NFKC", text))


def nationality_code(text: str, *, min_score: float = 72.0) -> tuple[str, float] | None:
    """(alpha-3, confidence 0..1) for a printed nationality, fuzzy against OCR slips; None if unknown."""
    key = _key(text)
    if not key:
        return None
    table = _table()
    if key in table:
        return table[key], 1.0
    # a label remnant or English-label noise in front of the name: the name is the text after it
    tail = next((part for part in reversed(re.split(r"[A-Za-z0-9\W_]+", key)) if part), key)
    if tail in table:
        return table[tail], 0.95
    inside = [name for name in table if len(name) >= 3 and name in key]
    if inside:
        return table[max(inside, key=len)], 0.9
    # OCR swaps a glyph (ペ/ベ, 籍/衝) far more often than it drops or adds one: substitutions cost 1,
    # insertions and deletions 2, so ベルー is ペルー, not ベルギー
    scored = sorted((Levenshtein.distance(tail, name, weights=(2, 2, 1)), name) for name in table)
    (distance, name), runner_up = scored[0], scored[1][0]
    allowed = max(1, len(name) * (100 - min_score) // 100)
    if distance > allowed or distance == runner_up:
        return None
    return table[name], max(0.5, 1 - 0.15 * distance)
