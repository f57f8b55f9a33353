"""The printed labels of both card layouts, as patterns over OCR text with spaces removed.

Patterns tolerate the slips tesseract's ``jpn`` model makes on small, noisy label glyphs.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

# field -> pattern; the value of a field is the text after its label up to the next label on the line
FIELD_LABELS: dict[str, re.Pattern[str]] = {
    "card_number": re.compile(r"(?<![0-9０-９])(?:登録)?[番畨]号(?:No\.?)?"),  # not 6番号 (6番1号) in an address
    "name": re.compile(r"[氏民]名"),
    "birth_date": re.compile(r"生?年月日"),
    "sex": re.compile(r"[性牲]別"),
    "nationality": re.compile(r"(?<!無)国籍(?:[・･.\-]?地域)?"),  # not the value 無国籍 (stateless)
    "address": re.compile(r"[住居][居住]地"),
    "status_of_residence": re.compile(r"在留の?資格"),
    "period": re.compile(r"在留期[間限](?:[(（]?満了日[)）]?)?"),
    "validity": re.compile(r"(?:この)?カードは|この[カかヵ力]ー?ド[^\d]?"),  # このかード計 (41/34): カ, は misread
}
RESIDENCE_TITLE = re.compile(r"在.カ.?ド|.留カード|日本国政府|まで有効|このカ.?ドは")
CERTIFICATE_TITLE = re.compile(r"外国人登録|登録証明書|ALIEN|CERTIFICATE|REGISTRATION")
BACK_LABELS = re.compile(r"住居地記載欄|記載欄|届出年月日|記載者印|在留期間更新")
_BACK_TITLE = "住居地記載欄"


def back_title(text: str) -> bool:
    """The back page's title 住居地記載欄, two of its six glyphs misread at most (住居地記載柚)."""
    if BACK_LABELS.search(text):
        return True
    return bool(re.search("[記載欄]", text)) and any(
        Levenshtein.distance(_BACK_TITLE, text[i:i + n]) <= 2 for n in (5, 6, 7) for i in range(len(text) - n + 1))


# label wordings only one layout prints
RESIDENCE_ONLY = re.compile(r"住居地|国籍[・･.\-]?地域|在留資格|在留期間")
CERTIFICATE_ONLY = re.compile(r"居住地|在留の資格|在留期限|登録番号")

STATUSES = (
    "外交", "公用", "教授", "芸術", "宗教", "報道", "高度専門職1号イ", "高度専門職1号ロ", "高度専門職1号ハ",
    "高度専門職2号", "経営・管理", "法律・会計業務", "医療", "研究", "教育", "技術・人文知識・国際業務",
    "企業内転勤", "介護", "興行", "技能", "特定技能1号", "特定技能2号", "技能実習1号イ", "技能実習1号ロ",
    "技能実習2号イ", "技能実習2号ロ", "技能実習3号イ", "技能実習3号ロ", "育成就労", "文化活動", "短期滞在", "留学",
    "研修", "家族滞在", "特定活動", "永住者", "日本人の配偶者等", "永住者の配偶者等", "定住者", "特別永住者",
)


# the order labels are printed in (reading order, either layout); a fuzzy label must fit in it
LABEL_ORDER = ("card_number", "name", "birth_date", "sex", "nationality", "address", "status_of_residence",
               "period", "validity")
# the wordings a line may start with, for the fuzzy match of a label the patterns missed
_WORDINGS: dict[str, tuple[str, ...]] = {
    "name": ("氏名",), "birth_date": ("生年月日",), "sex": ("性別",), "nationality": ("国籍・地域", "国籍"),
    "address": ("住居地", "居住地"), "status_of_residence": ("在留資格", "在留の資格"),
    "period": ("在留期間(満了日)", "在留期間", "在留期限"),
}
# digits no sex's row holds (男 M.): 性床 guessed from 住居地 before an address (…24メゾン権1109) is not 性別; a name
# may hold a few (ESPOSITO6IOLIA: G read 6), so only the sex is judged so
_NOT_SEX_DIGITS = 3
_LEAD = re.compile(r"^[^\w(（]{0,2}([\u3040-\u30ff\u3400-\u9fff・･()（）]{1,12})")


def _fuzzy_label(text: str) -> tuple[str, int, int, float] | None:
    """The label a line most likely starts with, when its glyphs were misread (兵名 or just 名 for 氏名):
    the leading kana/kanji run, or its first few characters, against each wording; at least half its glyphs
    right and in place (外国 of the title is not 国籍)."""
    lead = _LEAD.match(text)
    if not lead:
        return None
    run, start = lead.group(1), lead.start(1)
    scored = []
    for field, wordings in _WORDINGS.items():
        best = max((Levenshtein.normalized_similarity(run[:n], w) * 100, n) for w in wordings
                   for n in range(min(len(run), max(2, len(w) - 1)), min(len(run), len(w) + 1) + 1))
        scored.append((best[0], field, best[1]))
    scored.sort(reverse=True)
    (score, field, n), runner_up = scored[0], scored[1][0]
    if score < 50 or score == runner_up:
        return None
    return field, start, start + n, score


def label_lines(texts: list[str]) -> list[list[tuple[str, int, int]]]:
    """:func:`find_labels` for each line of a card, top to bottom, plus a misread label at the start of
    a line that has none there, when no line found it and it fits the printed order of the labels."""
    found = [find_labels(t) for t in texts]
    rank = {f: i for i, f in enumerate(LABEL_ORDER)}
    for row, text in enumerate(texts):
        if found[row] and found[row][0][1] <= 2:
            continue
        guess = None if RESIDENCE_TITLE.search(text) or CERTIFICATE_TITLE.search(text) else _fuzzy_label(text)
        if guess is None:
            continue
        field = guess[0]
        if field == "sex" and len(re.findall(r"\d", text[guess[2]:])) >= _NOT_SEX_DIGITS:
            continue
        seen = {f for labels in found for f, _, _ in labels}
        above = [rank[f] for labels in found[:row] for f, _, _ in labels]
        below = [rank[f] for labels in found[row + 1:] for f, _, _ in labels]
        if field in seen or max(above, default=-1) >= rank[field] or min(below, default=99) <= rank[field]:
            continue
        if found[row] and found[row][0][1] < guess[2]:
            continue
        found[row] = [guess[:3], *found[row]]
    return found


def find_labels(text: str) -> list[tuple[str, int, int]]:
    """(field, start, end) of every label in ``text``, in reading order, overlaps resolved left to right."""
    found: list[tuple[str, int, int]] = []
    for field, pattern in FIELD_LABELS.items():
        for m in pattern.finditer(text):
            found.append((field, m.start(), m.end()))
    found.sort(key=lambda f: (f[1], -(f[2] - f[1])))
    kept: list[tuple[str, int, int]] = []
    for item in found:
        if kept and item[1] < kept[-1][2]:
            continue
        kept.append(item)
    return kept
