"""Nationalities from forms, MRZs and residence cards, folded to ICAO 9303 three-letter codes.

ISO 3166-1 alpha-3 for countries (pycountry, with its Japanese translations
for long official names), plus ICAO's own codes that ISO lacks: ``D`` (German
MRZs) becomes ``DEU``; the British nationality categories (GBD, GBN, GBO, GBP,
GBS), Kosovo (RKS), United Nations documents (UNO, UNA, UNK), stateless and
refugee persons (XXA, XXB, XXC), unspecified (XXX) and the EU (EUE) are kept
as they are. Names pycountry does not know (residence-card short names such as
米国 / 英国, "USA", "South Korea", demonyms like "Swedish") come from
``docproc/data/nationality_aliases.tsv``.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from functools import cache
from importlib import resources

import pycountry

__all__ = ["BRITISH_CATEGORIES", "ICAO_SPECIAL_CODES", "nationalities_match", "to_alpha3"]

# ICAO 9303 part 3 codes outside ISO 3166-1 (``D`` is normalised to ``DEU``).
ICAO_SPECIAL_CODES: dict[str, str] = {
    "D": "DEU",
    "GBD": "GBD",  # British Overseas Territories citizen
    "GBN": "GBN",  # British National (Overseas)
    "GBO": "GBO",  # British Overseas citizen
    "GBP": "GBP",  # British protected person
    "GBS": "GBS",  # British subject
    "RKS": "RKS",  # Kosovo
    "UNO": "UNO",  # United Nations organisation or official
    "UNA": "UNA",  # United Nations specialised agency
    "UNK": "UNK",  # resident of Kosovo, UN interim administration
    "XXA": "XXA",  # stateless person
    "XXB": "XXB",  # refugee (1951 Convention)
    "XXC": "XXC",  # refugee, other than XXB
    "XXX": "XXX",  # unspecified nationality
    "EUE": "EUE",  # European Union
    "XOM": "XOM",  # Sovereign Military Order of Malta
    "XPO": "XPO",  # Interpol
}
BRITISH_CATEGORIES = frozenset({"GBD", "GBN", "GBO", "GBP", "GBS"})
# Hong Kong and Macao SAR passports carry CHN as the MRZ nationality while cards
# and forms often say 香港 / Hong Kong: these regions count as CHN nationals.
_CHINESE_SARS = frozenset({"HKG", "MAC"})


def _key(text: str) -> str:
    """A lookup key blind to width, case, Latin accents, spacing and punctuation (・ , . - ' ( ))."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    chars = []
    for char in folded:
        if ord(char) < 0x3000:  # Latin etc.: drop accents; CJK keeps its dakuten
            char = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        chars.append(char)
    key = "".join(c for c in "".join(chars) if c.isalnum())
    return key.removeprefix("the") if key.startswith("the") and len(key) > 6 else key


def _name_variants(name: str) -> list[str]:
    """``"Korea, Republic of"`` is also written ``"Republic of Korea"``; ``"大韓民国 (韓国)"`` holds two names."""
    variants = [name]
    if match := re.fullmatch(r"(.+?)\s*[(（](.+?)[)）]\s*", name):
        variants += [match[1], match[2]]
    if "," in name:
        head, _, tail = name.partition(",")
        variants.append(f"{tail.strip()} {head.strip()}")
    return variants


@cache
def _name_index() -> dict[str, str]:
    """Country names (English and Japanese) and hand-listed aliases, keyed by :func:`_key`."""
    japanese = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"], fallback=True)
    index: dict[str, str] = {}
    for country in pycountry.countries:
        names = [country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)]
        names.append(japanese.gettext(country.name))
        for name in filter(None, names):
            for variant in _name_variants(name):
                index.setdefault(_key(variant), country.alpha_3)
    table = resources.files("docproc").joinpath("data", "nationality_aliases.tsv").read_text(encoding="utf-8")
    for line in table.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        alias, code = line.split("\t")
        index[_key(alias)] = code.strip()
    return index


def _from_code(text: str) -> str | None:
    """ICAO/ISO alpha-3, ISO alpha-2, ICAO specials (``D``) and ISO numeric codes."""
    code = text.upper()
    if code in ICAO_SPECIAL_CODES:
        return ICAO_SPECIAL_CODES[code]
    if code.isdigit() and len(code) <= 3:
        country = pycountry.countries.get(numeric=code.zfill(3))
    elif code.isalpha() and len(code) == 3:
        country = pycountry.countries.get(alpha_3=code)
    elif code.isalpha() and len(code) == 2:
        country = pycountry.countries.get(alpha_2=code)
    else:
        return None
    return country.alpha_3 if country else None


def to_alpha3(text: str) -> str:
    """Fold a written or encoded nationality to its ICAO three-letter code; ``ValueError`` when unknown.

    No fuzzy matching: a guessed country would make a mismatch pass silently.
    """
    if not isinstance(text, str):
        raise ValueError(f"nationality must be text, got {type(text).__name__}")
    compact = re.sub(r"[\s.<]", "", unicodedata.normalize("NFKC", text))
    if not compact:
        raise ValueError("empty nationality")
    if len(compact) <= 3 and (code := _from_code(compact)):
        return code
    if code := _name_index().get(_key(text)):
        return code
    raise ValueError(f"unknown nationality: {text!r}")


def _canonical(code_or_name: str) -> str:
    return to_alpha3(code_or_name)


def nationalities_match(a3: str, b3: str) -> bool:
    """Whether two nationality codes (or names) denote the same nationality for the cross-check.

    Rules beyond equality: ``D`` is ``DEU``; GBR ("United Kingdom", 英国) matches
    every British category (GBD, GBN, GBO, GBP, GBS: all British nationals)
    while two different categories do not match each other; HKG and MAC match
    CHN (SAR passports encode CHN). XXX (unspecified) matches only itself.
    Raises ``ValueError`` if either side is not a known nationality.
    """
    a, b = _canonical(a3), _canonical(b3)
    if a == b:
        return True
    pair = {a, b}
    if "GBR" in pair and pair & BRITISH_CATEGORIES:
        return True
    return "CHN" in pair and bool(pair & _CHINESE_SARS)
