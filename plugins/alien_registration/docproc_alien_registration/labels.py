"""The printed labels of both card layouts, as patterns over OCR text with spaces removed.

Patterns tolerate the slips tesseract's ``jpn`` model makes on small, noisy label glyphs.
"""

from __future__ import annotations

import re

# field -> pattern; the value of a field is the text after its label up to the next label on the line
FIELD_LABELS: dict[str, re.Pattern[str]] = {
    "card_number": re.compile(r"(?:登録)?[番畨]号(?:No\.?)?"),
    "name": re.compile(r"[氏民]名"),
    "birth_date": re.compile(r"生?年月日"),
    "sex": re.compile(r"[性牲]別"),
    "nationality": re.compile(r"(?<!無)国籍(?:[・･.\-]?地域)?"),  # not the value 無国籍 (stateless)
    "address": re.compile(r"[住居][居住]地"),
    "status_of_residence": re.compile(r"在留の?資格"),
    "period": re.compile(r"在留期[間限](?:[(（]?満了日[)）]?)?"),
    "validity": re.compile(r"(?:この)?カードは"),
}
RESIDENCE_TITLE = re.compile(r"在.カ.?ド|.留カード|日本国政府|まで有効|このカ.?ドは")
CERTIFICATE_TITLE = re.compile(r"外国人登録|登録証明書|ALIEN|CERTIFICATE|REGISTRATION")
BACK_LABELS = re.compile(r"住居地記載欄|記載欄|届出年月日|記載者印|在留期間更新")
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
