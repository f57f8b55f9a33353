"""Voicing marks, small kana and kanji look-alikes in katakana put right by how Japanese is written:
パーク, not バーク; マンション, not マンシヨン; ハイツ, not 八イツ.

Building names in an address are an open vocabulary that no gazetteer lists, but they are mostly
made of katakana loanwords (パーク, ハイツ, コーポ, ビラ, レジデンス). Tesseract's ``jpn`` often mistakes
the small voicing marks (゛ for ゜, or a glyph read twice with each: バパーク), and the mistake is the
same at every scale, so voting cannot catch it; so are a small kana read full size (ョ as ヨ) and a
katakana read as the kanji it looks like (ハ as 八, カ as 力, ロ as 口). A word-frequency list (wordfreq's Japanese list,
shipped in the package) can: of a katakana run and its variants with one mark changed, the one
that splits into known words (or into clearly more common ones, ten times or more) is kept.
Runs that are no known words either way (a made-up name) are left as read.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

__all__ = ["glyphs_in_no_word", "spelt_alike", "voicing_repaired"]

_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}")
# kanji jpn reads for the katakana they look like (and the reverse), small kana, and a hiragana read for a
# blurred katakana (ビう for ビラ, three times on 840 generated fronts)
_LOOK_ALIKES = ("ハ八", "カ力", "エ工", "ロ口", "ニ二", "タ夕", "ト卜", "ー一", "アァ", "イィ", "ウゥ", "エェ", "オォ",
                "ツッ", "ヤャ", "ユュ", "ヨョ", "ラう")
_IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")
# a katakana run as read: with the look-alike kanji among it, and a look-alike hiragana with no hiragana beside it
# (in ハイツうめ, うめ is a hiragana word)
_HIRAGANA = "\u3041-\u3096"
_RUN = re.compile("(?:[\u30a1-\u30fa\u30fc" + "".join(glyph for _, glyph in _LOOK_ALIKES if glyph > "\u30ff") + "]"
                  + f"|(?<![{_HIRAGANA}])[" + "".join(glyph for _, glyph in _LOOK_ALIKES if glyph < "\u30a0")
                  + f"](?![{_HIRAGANA}])){{2,}}")
_LONGEST_WORD = 12
_CLEARLY_MORE_COMMON = math.log(10)


def _families() -> dict[str, tuple[str, ...]]:
    """Each glyph -> the glyphs read for one another: differing only in the voicing mark (カ, ガ), in size
    (ヨ, ョ), or a kanji of the same shape (カ, 力)."""
    groups = [(base, chr(ord(base) + 1)) for base in "カキクケコサシスセソタチツテト"]
    groups += [(base, chr(ord(base) + 1), chr(ord(base) + 2)) for base in "ハヒフヘホ"]  # ハ バ パ
    groups += [("ウ", "ヴ"), *_LOOK_ALIKES]
    families: dict[str, set[str]] = {}
    for group in groups:  # merged where they share a glyph: ツ ヅ ッ, ハ バ パ 八
        merged = set(group).union(*(families.get(glyph, set()) for glyph in group))
        families.update(dict.fromkeys(merged, merged))
    return {glyph: tuple(sorted(family)) for glyph, family in families.items()}


_FAMILIES = _families()


@lru_cache(maxsize=1)
def _words() -> dict[str, float]:
    """Japanese words of two or more glyphs -> log frequency (0.3 s once per process, 150,000 words)."""
    from wordfreq import get_frequency_dict

    return {word: math.log(freq) for word, freq in get_frequency_dict("ja", wordlist="large").items() if len(word) >= 2}


@lru_cache(maxsize=1)
def _katakana_words() -> dict[str, float]:
    """Katakana words of two or more glyphs -> log frequency (65,000 words)."""
    return {word: log_freq for word, log_freq in _words().items() if _KATAKANA_RUN.fullmatch(word)}


def _cost(run: str, words: dict[str, float]) -> tuple[int, float]:
    """(glyphs in no known word, -log frequency of the words) of the run's best split into known ``words``."""
    best: list[tuple[int, float]] = [(0, 0.0)]
    for end in range(1, len(run) + 1):
        unknown, cost = best[end - 1]
        candidate = (unknown + 1, cost)
        for start in range(max(0, end - _LONGEST_WORD), end - 1):
            if (log_freq := words.get(run[start:end])) is not None:
                candidate = min(candidate, (best[start][0], best[start][1] - log_freq))
        best.append(candidate)
    return best[-1]


def glyphs_in_no_word(text: str) -> int:
    """How many glyphs of ``text`` no known word of two glyphs or more covers: 0 for ハイツ青葉, 2 for
    ハイツ岩葉 (青 misread). A single glyph is a word of its own too often to tell anything."""
    return _cost(text, _words())[0]


def spelt_alike(text: str) -> str:
    """A regular expression for ``text`` with any glyph read as another of its family (グランドバレス for
    グランドパレス, 八イツ for ハイツ): the same name as another reading spells it."""
    return "".join(f"[{''.join(_FAMILIES[glyph])}]" if glyph in _FAMILIES else re.escape(glyph) for glyph in text)


def _variants(run: str) -> list[str]:
    """The run with one voicing mark changed, and without one of two neighbours differing only in it."""
    out = [run[:i] + other + run[i + 1:] for i, glyph in enumerate(run)
           for other in _FAMILIES.get(glyph, ()) if other != glyph]
    out += [run[:i + k] + run[i + k + 1:] for i in range(len(run) - 1)
            if run[i] != run[i + 1] and _FAMILIES.get(run[i]) == _FAMILIES.get(run[i + 1]) is not None
            for k in (0, 1)]
    return out


_MOST_SLIPS = 2  # glyphs of a run put right one after another (ピう for ビラ: a voicing mark and a hiragana)


def _repaired_run(run: str) -> str:
    """The run with a slip put right where that makes it more known words, repeated up to ``_MOST_SLIPS`` times."""
    words = _katakana_words()
    for _ in range(_MOST_SLIPS):
        read = _cost(run, words)
        best = min(_variants(run), key=lambda variant: _cost(variant, words), default=run)
        found = _cost(best, words)
        if not (found[0] < read[0] or (found[0] == read[0] == 0 and read[1] - found[1] > _CLEARLY_MORE_COMMON)):
            break
        run = best
    return run


def voicing_repaired(text: str) -> str:
    """``text`` with each katakana run's voicing marks, small kana and kanji look-alikes put right where word
    frequencies leave no doubt. A run needs two katakana, and a look-alike kanji beside another kanji is
    one (川口ハイツ, 第二コーポ: not ロハ, ニコ)."""
    def repaired(m: re.Match[str]) -> str:
        start, end = m.span()
        while start < end and _IDEOGRAPH.match(text, start) and start and _IDEOGRAPH.match(text, start - 1):
            start += 1
        while end > start and _IDEOGRAPH.match(text, end - 1) and _IDEOGRAPH.match(text, end):
            end -= 1
        run = text[start:end]
        if sum(not _IDEOGRAPH.match(glyph) for glyph in run) < 2:
            return m.group()
        return text[m.start():start] + _repaired_run(run) + text[end:m.end()]
    return _RUN.sub(repaired, text)
