"""Issuing-state and nationality codes: ISO 3166-1 alpha-3 plus the ICAO 9303 special codes."""

from __future__ import annotations

from functools import cache

import pycountry

# ICAO 9303 part 3 codes that are not ISO 3166-1 countries, mapped to the ISO code they normalise to
# (None: keep the ICAO code itself, e.g. stateless persons or UN documents).
SPECIAL_CODES: dict[str, str | None] = {
    "D": "DEU",
    "GBD": "GBR", "GBN": "GBR", "GBO": "GBR", "GBP": "GBR", "GBS": "GBR",
    "RKS": None,  # Kosovo
    "UNO": None, "UNA": None, "UNK": None,  # United Nations organisation / agency / Kosovo mission
    "XXA": None, "XXB": None, "XXC": None, "XXX": None,  # stateless, refugee, refugee (other), unspecified
    "EUE": None,  # European Union
    "XOM": None,  # Sovereign Military Order of Malta
    "XPO": None,  # Interpol
    "XBA": None, "XIM": None, "XCC": None, "XCE": None, "XCO": None, "XDC": None, "XEC": None, "XES": None,
    "XMP": None,
    "UTO": None,  # Utopia: the ICAO 9303 specimen state, printed on published specimens
}


@cache
def known_codes() -> frozenset[str]:
    return frozenset({c.alpha_3 for c in pycountry.countries} | set(SPECIAL_CODES))


def is_known(code: str) -> bool:
    return code in known_codes()


def normalise(code: str) -> str:
    """MRZ code (fillers stripped) -> ISO alpha-3 where one exists: 'D' -> 'DEU', 'GBD' -> 'GBR'."""
    mapped = SPECIAL_CODES.get(code)
    return mapped or code
