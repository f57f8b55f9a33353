"""Typed A4 pages: statements, certificates, letters and forms, in Japanese or English.

These stand in for the supporting documents of a bundle (reason statement,
activity permit, medical certificate, letter of authorization, certificate of
residence status, acceptance receipt, a representative's ID copy) and for the
application form itself. Text is drawn with the IPA fonts Debian ships.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from docproc.synth.damage import blank_a4

GOTHIC = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"
MINCHO = "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf"

# Title and a body template per document type, in Japanese and in English.
TEMPLATES: dict[str, dict[str, tuple[str, list[str]]]] = {
    "reason_statement": {
        "ja": ("理由書", ["私は、旅券及び在留資格証明書を提示することができません。", "その理由は次のとおりです。",
                         "旅券を紛失したため、現在再発行を申請中です。"]),
        "en": ("STATEMENT OF REASONS", ["I am unable to present my passport or a certificate of residence status.",
                                        "Reason: my passport was lost and a new one has been applied for."]),
    },
    "activity_permit": {
        "ja": ("資格外活動許可書", ["上記の者に対し、現に有する在留資格に属する活動のほか、",
                                 "次の活動を行うことを許可する。", "1週について28時間以内の収入を伴う事業を運営する活動"]),
        "en": ("PERMISSION TO ENGAGE IN ACTIVITY OTHER THAN THAT PERMITTED",
               ["The holder is permitted to engage in activities other than those permitted",
                "under the status of residence previously granted, up to 28 hours per week."]),
    },
    "medical_certificate": {
        "ja": ("診断書", ["病名：急性肺炎", "上記の通り診断し、当分の間、外出を控え安静を要する。", "医療法人 さくら会 中央病院"]),
        "en": ("MEDICAL CERTIFICATE", ["Diagnosis: acute pneumonia.",
                                      "The patient requires rest and should not leave home for two weeks."]),
    },
    "authorization_letter": {
        "ja": ("委任状", ["私は、下記の者を代理人と定め、在留カードの交付申請に関する一切の権限を委任します。",
                         "代理人 氏名：", "委任者 署名："]),
        "en": ("LETTER OF AUTHORIZATION", ["I hereby authorize the person named below to file, on my behalf,",
                                          "the application for my residence card.", "Signature of the applicant:"]),
    },
    "residence_status_certificate": {
        "ja": ("在留資格証明書", ["上記の者は、次の在留資格をもって本邦に在留する者であることを証明する。",
                               "在留資格：技術・人文知識・国際業務", "在留期間：3年"]),
        "en": ("CERTIFICATE OF RESIDENCE STATUS", ["This is to certify that the person named herein resides",
                                                  "in Japan with the status of residence stated below."]),
    },
    "acceptance_receipt": {
        "ja": ("申請受付票", ["在留カードの交付申請を受け付けました。", "後日、本票を持参のうえ、交付を受けてください。"]),
        "en": ("APPLICATION RECEIPT", ["Your application for a residence card has been accepted.",
                                      "Bring this receipt when you collect the card."]),
    },
    "representative_id": {
        "ja": ("運転免許証（写し）", ["氏名 代理 花子", "住所 東京都港区港南5丁目5番30号", "交付 令和5年04月01日"]),
        "en": ("IDENTITY CARD (COPY)", ["Name: Representative Person", "Valid until 2030-04-01"]),
    },
    "application_form": {
        "ja": ("在留カード交付申請書", ["APPLICATION FOR RESIDENCE CARD", "1 国籍・地域", "2 生年月日", "3 氏名", "4 性別",
                                   "5 住居地"]),
        "en": ("APPLICATION FOR RESIDENCE CARD", ["1 Nationality/Region", "2 Date of birth", "3 Name", "4 Sex",
                                                 "5 Address in Japan"]),
    },
    "unrelated": {
        "ja": ("お知らせ", ["本日の窓口は十七時で終了します。", "ご来庁ありがとうございました。"]),
        "en": ("CAFETERIA MENU", ["Monday: curry rice", "Tuesday: udon", "Wednesday: fish set"]),
    },
}


@cache
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


@dataclass(frozen=True)
class TypedPage:
    doc_type: str
    language: str
    holder: str  # name printed on the page ("" for none)


def render_typed_page(page: TypedPage, *, dpi: int = 200, rng: random.Random) -> np.ndarray:
    """A white A4 page with a title, the holder's name and a few lines of body text."""
    title, body = TEMPLATES[page.doc_type][page.language]
    canvas = Image.fromarray(cv2.cvtColor(blank_a4(dpi), cv2.COLOR_BGR2RGB))
    draw = ImageDraw.Draw(canvas)
    px = dpi / 25.4  # pixels per mm
    font_path = rng.choice((GOTHIC, MINCHO))
    title_font = _font(font_path, round(rng.uniform(6.0, 8.0) * px))
    body_font = _font(font_path, round(rng.uniform(3.6, 4.6) * px))
    left = round(rng.uniform(20, 30) * px)
    y = round(rng.uniform(25, 40) * px)
    width = canvas.width - 2 * left
    tw = draw.textlength(title, font=title_font)
    draw.text((left + max(0, (width - tw) / 2), y), title, font=title_font, fill=(10, 10, 10))
    y += round(18 * px)
    lines = list(body)
    if page.holder:
        lines.insert(0, ("氏名 Name: " if page.language == "ja" else "Name: ") + page.holder)
    for line in lines:
        draw.text((left, y), line, font=body_font, fill=(20, 20, 20))
        y += round(body_font.size * rng.uniform(1.6, 2.0))
    stamp_y = min(canvas.height - round(40 * px), y + round(30 * px))
    draw.text((canvas.width - left - round(60 * px), stamp_y), "2026年11月" if page.language == "ja" else "November 2026",
              font=body_font, fill=(30, 30, 30))
    return cv2.cvtColor(np.asarray(canvas), cv2.COLOR_RGB2BGR)
