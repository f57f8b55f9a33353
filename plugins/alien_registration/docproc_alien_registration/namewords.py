"""Whether a word of a romanised name occurs in written language, to settle readings that differ by a letter.

``eng`` and ``jpn`` misread different letters of a name, each the same way at every scale (eng: MARIA as
MARTA, OKAFOR as QKAFOR, KAMINSKI as KAMINSKT; jpn: WILLIAMS as WILUAMS), so voting alone cannot always
tell the printed name. Most people's names are words of web text in some language and most misreadings
are not: wordfreq (already a dependency) ships word frequencies for 27 Latin-script languages, and the
ASCII words among them at or above one in ten million (1.1 million) are what "known" means here.

A name that is no known word (most Thai and Mongolian names) is simply not helped: the check only ever
prefers, among the readings themselves, one whose words are known over a near one whose words are not.
The words are kept as a sorted array of their hashes (9 MB; a set of the strings would take 100 MB),
built in memory on first use (about 3 s) and cached for the life of the process.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["is_known_word", "unknown_letters"]

# wordfreq's languages written in the Latin alphabet, whose words may be the romanised names printed on a card
_LATIN_SCRIPT = ("ca", "cs", "da", "de", "en", "es", "fi", "fil", "fr", "hu", "id", "is", "it", "lt", "lv", "ms",
                 "nb", "nl", "pl", "pt", "ro", "sh", "sk", "sl", "sv", "tr", "vi")
_MIN_CENTIBELS = 700  # wordfreq buckets words by -100 * log10(frequency): 700 is one in ten million


@lru_cache(maxsize=1)
def _known_hashes() -> np.ndarray:
    from wordfreq import DATA_PATH, read_cBpack

    def words(language: str) -> Iterator[str]:
        path = Path(DATA_PATH) / f"large_{language}.msgpack.gz"
        buckets = read_cBpack(str(path if path.exists() else Path(DATA_PATH) / f"small_{language}.msgpack.gz"))
        for bucket in buckets[:_MIN_CENTIBELS + 1]:
            yield from (word for word in bucket if len(word) > 1 and word.isascii() and word.isalpha())

    return np.unique(np.fromiter((hash(word) for language in _LATIN_SCRIPT for word in words(language)), np.int64))


def is_known_word(word: str) -> bool:
    """``word`` (any case) is a word of one of the languages, at least one in ten million words of text."""
    hashes = _known_hashes()
    key = hash(word.lower())
    at = int(np.searchsorted(hashes, key))
    return at < len(hashes) and int(hashes[at]) == key


def unknown_letters(name: str) -> int:
    """How many letters of ``name`` are in words that are not known words (0: every word is known). A lone
    letter is not judged (the O of O CONNOR, printed for O'CONNOR): no word list holds letters, and counting
    it unknown made a misread QO, a known word, win over four readings of O."""
    return sum(len(word) for word in name.split() if len(word) > 1 and not is_known_word(word))
