"""Nationalities across ICAO codes, English names, demonyms and residence-card Japanese names."""

import pytest

from docproc.normalize import nationalities_match, to_alpha3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English names, official and common
        ("Sweden", "SWE"),
        ("sweden", "SWE"),
        ("Kingdom of Sweden", "SWE"),
        ("United States", "USA"),
        ("United States of America", "USA"),
        ("USA", "USA"),
        ("U.S.A.", "USA"),
        ("US", "USA"),
        ("UK", "GBR"),
        ("United Kingdom", "GBR"),
        ("Great Britain", "GBR"),
        ("South Korea", "KOR"),
        ("Korea, Republic of", "KOR"),
        ("Republic of Korea", "KOR"),
        ("North Korea", "PRK"),
        ("Vietnam", "VNM"),
        ("Viet Nam", "VNM"),
        ("Taiwan", "TWN"),
        ("Taiwan, Province of China", "TWN"),
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("Iran", "IRN"),
        ("Iran, Islamic Republic of", "IRN"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("the Netherlands", "NLD"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Czechia", "CZE"),
        ("Bolivia", "BOL"),
        ("Hong Kong", "HKG"),
        ("Kosovo", "RKS"),
        ("Stateless", "XXA"),
        # demonyms
        ("Swedish", "SWE"),
        ("German", "DEU"),
        ("Filipino", "PHL"),
        ("British", "GBR"),
        ("Chinese", "CHN"),
        # codes
        ("SWE", "SWE"),
        ("swe", "SWE"),
        ("SE", "SWE"),
        ("752", "SWE"),
        ("76", "BRA"),
        ("D", "DEU"),
        ("D<<", "DEU"),
        ("DEU", "DEU"),
        ("GBR", "GBR"),
        ("GBD", "GBD"),
        ("GBN", "GBN"),
        ("GBO", "GBO"),
        ("GBP", "GBP"),
        ("GBS", "GBS"),
        ("RKS", "RKS"),
        ("UNO", "UNO"),
        ("UNA", "UNA"),
        ("UNK", "UNK"),
        ("XXA", "XXA"),
        ("XXB", "XXB"),
        ("XXC", "XXC"),
        ("XXX", "XXX"),
        ("EUE", "EUE"),
        ("ＳＷＥ", "SWE"),
        # Japanese short names printed on residence cards
        ("米国", "USA"),
        ("英国", "GBR"),
        ("中国", "CHN"),
        ("韓国", "KOR"),
        ("朝鮮", "XXX"),  # the Korean peninsula designation, not DPRK nationality
        ("台湾", "TWN"),
        ("ベトナム", "VNM"),
        ("ﾍﾞﾄﾅﾑ", "VNM"),
        ("フィリピン", "PHL"),
        ("ブラジル", "BRA"),
        ("ネパール", "NPL"),
        ("インドネシア", "IDN"),
        ("タイ", "THA"),
        ("ミャンマー", "MMR"),
        ("インド", "IND"),
        ("スリランカ", "LKA"),
        ("バングラデシュ", "BGD"),
        ("パキスタン", "PAK"),
        ("モンゴル", "MNG"),
        ("ペルー", "PER"),
        ("香港", "HKG"),
        ("ロシア", "RUS"),
        ("フランス", "FRA"),
        ("ドイツ", "DEU"),
        ("イタリア", "ITA"),
        ("スペイン", "ESP"),
        ("カナダ", "CAN"),
        ("オーストラリア", "AUS"),
        ("ニュージーランド", "NZL"),
        ("スウェーデン", "SWE"),
        ("ノルウェー", "NOR"),
        ("無国籍", "XXA"),
        ("ボスニア・ヘルツェゴビナ", "BIH"),
        ("ボスニアヘルツェゴビナ", "BIH"),
        ("トリニダード・トバゴ", "TTO"),
        # long official Japanese names, via pycountry's translations
        ("大韓民国", "KOR"),
        ("中華人民共和国", "CHN"),
        ("朝鮮民主主義人民共和国", "PRK"),
        ("ロシア連邦", "RUS"),
        ("アイスランド", "ISL"),
        ("中央アフリカ共和国", "CAF"),
    ],
)
def test_to_alpha3(text: str, expected: str) -> None:
    assert to_alpha3(text) == expected


@pytest.mark.parametrize(
    "text", ["", "  ", "Atlantis", "Swedenn", "ZZZ", "QQ", "999", "Korea", "Congo-Atlantis", "アトランティス", "E"]
)
def test_to_alpha3_rejects_unknown(text: str) -> None:
    with pytest.raises(ValueError):
        to_alpha3(text)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("SWE", "SWE", True),
        ("D", "DEU", True),
        ("DEU", "D", True),
        ("GBR", "GBD", True),
        ("GBN", "GBR", True),
        ("GBR", "GBO", True),
        ("GBP", "GBR", True),
        ("GBS", "GBR", True),
        ("GBD", "GBN", False),  # two different British categories
        ("HKG", "CHN", True),  # HKSAR passports carry CHN
        ("CHN", "MAC", True),
        ("TWN", "CHN", False),
        ("KOR", "PRK", False),
        ("SWE", "NOR", False),
        ("XXA", "XXB", False),
        ("XXX", "SWE", False),
        ("朝鮮", "XXX", True),
        ("朝鮮", "PRK", False),
        ("英国", "GBD", True),
        ("Sweden", "SWE", True),
        ("Germany", "D", True),
        ("AUT", "DEU", False),
    ],
)
def test_nationalities_match(a: str, b: str, expected: bool) -> None:
    assert nationalities_match(a, b) is expected
    assert nationalities_match(b, a) is expected


def test_nationalities_match_rejects_unknown() -> None:
    with pytest.raises(ValueError):
        nationalities_match("SWE", "Atlantis")
