"""Normalisation and comparison of declared and read values for the cross-checks.

Pure functions, no OCR: the pipeline's cross-check module turns each source's
raw value into a comparable form here and asks whether two sources agree.
Parsers raise ``ValueError`` on input they cannot interpret, so a value that
cannot be normalised is reported instead of silently compared as text.
"""

from docproc.normalize.address import compare_addresses, normalize_address
from docproc.normalize.dates import mrz_date, parse_date
from docproc.normalize.names import NameComparison, compare_names, icao_transliterate, name_tokens
from docproc.normalize.nationality import nationalities_match, to_alpha3
from docproc.normalize.sex import parse_sex

__all__ = [
    "NameComparison",
    "compare_addresses",
    "compare_names",
    "icao_transliterate",
    "mrz_date",
    "name_tokens",
    "nationalities_match",
    "normalize_address",
    "parse_date",
    "parse_sex",
    "to_alpha3",
]
