"""Typed A4 pages: statements, certificates, letters and forms, in Japanese or English.

These stand in for the supporting documents of a bundle (reason statement,
activity permit, medical certificate, letter of authorization, certificate of
residence status, acceptance receipt, a representative's ID copy) and for the
application form itself. Text is drawn with the IPA and DejaVu fonts Debian
ships. Pages vary widely so that a recogniser trained by looking at them has to
generalise: the title's wording (:data:`TITLE_VARIANTS`), size, placement and
letter spacing; a bilingual subtitle; a reference number, a date line and an
addressee; seals and frames; an ID copy drawn as a card on the page.
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
GOTHIC_P = "/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf"
MINCHO_P = "/usr/share/fonts/opentype/ipafont-mincho/ipamp.ttf"
_DEJAVU = "/usr/share/fonts/truetype/dejavu/"
LATIN_FONTS = tuple(_DEJAVU + f for f in ("DejaVuSans.ttf", "DejaVuSerif.ttf", "DejaVuSansCondensed.ttf",
                                          "DejaVuSans-Bold.ttf", "DejaVuSerif-Bold.ttf"))
JAPANESE_FONTS = (GOTHIC, MINCHO, GOTHIC_P, MINCHO_P)

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


# Other wordings of the title seen on real pages; render_typed_page picks among these and TEMPLATES' title.
TITLE_VARIANTS: dict[str, dict[str, list[str]]] = {
    "reason_statement": {"ja": ["理由書", "理 由 書", "申述書（理由書）"],
                         "en": ["Statement of Reasons", "REASON STATEMENT", "Letter of Explanation"]},
    "activity_permit": {"ja": ["資格外活動許可書", "資格外活動許可証明"],
                        "en": ["Permission to Engage in Activity Other than that Permitted",
                               "PERMIT TO ENGAGE IN ACTIVITY OTHER THAN THAT PERMITTED"]},
    "medical_certificate": {"ja": ["診断書", "診 断 書", "医師診断書"],
                            "en": ["Medical Certificate", "CERTIFICATE OF DIAGNOSIS", "Doctor's Certificate"]},
    "authorization_letter": {"ja": ["委任状", "委 任 状"],
                             "en": ["Letter of Authorization", "POWER OF ATTORNEY", "Letter of Authorisation"]},
    "residence_status_certificate": {"ja": ["在留資格証明書"],
                                     "en": ["Certificate of Status of Residence", "RESIDENCE STATUS CERTIFICATE"]},
    "acceptance_receipt": {"ja": ["申請受付票", "申 請 受 付 票", "受付票"],
                           "en": ["Acceptance Receipt", "PROOF OF ACCEPTANCE", "Receipt of Application"]},
    "representative_id": {"ja": ["運転免許証", "申請取次者証明書", "行政書士証票", "個人番号カード（写し）"],
                          "en": ["DRIVER'S LICENSE (COPY)", "Identification Card", "Certificate of Application Agent"]},
    "application_form": {"ja": ["在留カード交付申請書"], "en": ["Application for Residence Card"]},
    "unrelated": {"ja": ["お知らせ", "請求書", "会議議事録", "領収書"],
                  "en": ["CAFETERIA MENU", "Invoice", "Minutes of the Meeting", "Parking Notice", "Bank Statement"]},
}
_SUBTITLE = {"ja": "en", "en": "ja"}
_ADDRESSEE = {"ja": ("出入国在留管理局長 殿", "東京出入国在留管理局長 殿", "法務大臣 殿"),
              "en": ("To the Director, Regional Immigration Services Bureau", "To whom it may concern",
                     "Immigration Services Agency of Japan")}
_EXTRA_BODY = {"ja": ("以上、相違ありません。", "よろしくお願いいたします。", "記", "本書の内容は事実に相違ないことを誓約します。"),
               "en": ("I declare that the above is true and correct.", "Yours faithfully,",
                      "Please do not hesitate to contact us.", "Issued for official use only.")}


@cache
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


@dataclass(frozen=True)
class TypedPage:
    doc_type: str
    language: str
    holder: str  # name printed on the page ("" for none)


def _title(page: TypedPage, rng: random.Random) -> str:
    title, _ = TEMPLATES[page.doc_type][page.language]
    variants = TITLE_VARIANTS.get(page.doc_type, {}).get(page.language, [])
    return rng.choice([title, *variants])


def _font_path(language: str, rng: random.Random) -> str:
    # Japanese text needs a Japanese font; English pages use either kind.
    return rng.choice(JAPANESE_FONTS if language == "ja" else (*LATIN_FONTS, GOTHIC, MINCHO))


def _seal(draw: ImageDraw.ImageDraw, centre: tuple[int, int], radius: int, rng: random.Random) -> None:
    """A red round seal (印) such as offices and doctors stamp."""
    x, y = centre
    red = (rng.randint(170, 220), rng.randint(20, 60), rng.randint(20, 60))
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=red, width=max(2, radius // 10))
    font = _font(MINCHO, max(8, radius))
    draw.text((x, y), "印", font=font, fill=red, anchor="mm")


def _fit(draw: ImageDraw.ImageDraw, text: str, font_path: str, size: int, width: int) -> ImageFont.FreeTypeFont:
    """The font at ``size`` or smaller so that ``text`` fits in ``width`` pixels."""
    font = _font(font_path, size)
    while size > 8 and draw.textlength(text, font=font) > width:
        size = int(size * 0.9)
        font = _font(font_path, size)
    return font


def render_typed_page(page: TypedPage, *, dpi: int = 200, rng: random.Random) -> np.ndarray:
    """A white A4 page with a title, the holder's name and a few lines of body text.

    Representative IDs are drawn half of the time as a photocopied card on the
    page (small title inside a frame, a photo box), as scanning stations copy them.
    """
    if page.doc_type == "representative_id" and rng.random() < 0.5:
        return _render_card_copy(page, dpi=dpi, rng=rng)
    _, body = TEMPLATES[page.doc_type][page.language]
    title = _title(page, rng)
    canvas = Image.fromarray(cv2.cvtColor(blank_a4(dpi), cv2.COLOR_BGR2RGB))
    draw = ImageDraw.Draw(canvas)
    px = dpi / 25.4  # pixels per mm
    font_path = _font_path(page.language, rng)
    left = round(rng.uniform(18, 32) * px)
    width = canvas.width - 2 * left
    title_font = _fit(draw, title, font_path, round(rng.uniform(5.5, 9.0) * px), width)
    body_font = _font(font_path, round(rng.uniform(3.3, 4.8) * px))
    small_font = _font(font_path, round(rng.uniform(2.8, 3.4) * px))
    y = round(rng.uniform(14, 24) * px)
    if rng.random() < 0.6:  # reference number / date at the top right
        header = rng.choice((f"No. {rng.randint(1000, 99999)}", "令和8年11月" if page.language == "ja" else "20 Nov 2026",
                             f"第{rng.randint(10, 9999)}号"))
        draw.text((canvas.width - left - draw.textlength(header, font=small_font), y), header, font=small_font,
                  fill=(40, 40, 40))
    y += round(rng.uniform(8, 20) * px)
    tw = draw.textlength(title, font=title_font)
    tx = left + max(0, (width - tw) / 2) if rng.random() < 0.8 else left
    draw.text((tx, y), title, font=title_font, fill=(10, 10, 10))
    y += title_font.size + round(rng.uniform(3, 6) * px)
    if page.doc_type != "unrelated" and rng.random() < 0.35:  # the other language's title as a subtitle
        other = TEMPLATES[page.doc_type][_SUBTITLE[page.language]][0]
        sub_path = rng.choice(JAPANESE_FONTS) if page.language == "en" else rng.choice((*LATIN_FONTS, font_path))
        sub_font = _fit(draw, other, sub_path, round(body_font.size * 0.9), width)
        sw = draw.textlength(other, font=sub_font)
        draw.text((left + max(0, (width - sw) / 2), y), other, font=sub_font, fill=(50, 50, 50))
        y += round(sub_font.size * 1.8)
    y += round(rng.uniform(4, 12) * px)
    lines = list(body)
    if rng.random() < 0.5:
        lines.insert(0, rng.choice(_ADDRESSEE[page.language]))
    if page.holder:
        label = rng.choice(("氏名 Name: ", "氏名：", "氏 名 ")) if page.language == "ja" else \
            rng.choice(("Name: ", "Name of applicant: ", "NAME: "))
        lines.insert(rng.randint(0, 1) if len(lines) > 1 else 0, label + page.holder)
    lines += rng.sample(_EXTRA_BODY[page.language], rng.randint(0, 2))
    for line in lines:
        font = _fit(draw, line, font_path, body_font.size, width)
        draw.text((left, y), line, font=font, fill=(20, 20, 20))
        y += round(body_font.size * rng.uniform(1.5, 2.1))
    stamp_y = min(canvas.height - round(40 * px), y + round(rng.uniform(15, 40) * px))
    stamp_x = canvas.width - left - round(60 * px)
    draw.text((stamp_x, stamp_y), "2026年11月" if page.language == "ja" else "November 2026",
              font=body_font, fill=(30, 30, 30))
    if rng.random() < 0.5:
        _seal(draw, (stamp_x + round(45 * px), stamp_y + round(12 * px)), round(rng.uniform(6, 9) * px), rng)
    if rng.random() < 0.25:  # a printed frame around the page
        m = round(rng.uniform(8, 14) * px)
        draw.rectangle((m, m, canvas.width - m, canvas.height - m), outline=(60, 60, 60), width=max(1, dpi // 100))
    return cv2.cvtColor(np.asarray(canvas), cv2.COLOR_RGB2BGR)


def _render_card_copy(page: TypedPage, *, dpi: int, rng: random.Random) -> np.ndarray:
    """An ID card photocopied onto A4: a framed card with its title, a photo box and a few fields."""
    canvas = Image.fromarray(cv2.cvtColor(blank_a4(dpi), cv2.COLOR_BGR2RGB))
    draw = ImageDraw.Draw(canvas)
    px = dpi / 25.4
    scale = rng.uniform(1.0, 1.6)  # copies are often enlarged
    cw, ch = round(85.6 * px * scale), round(54 * px * scale)
    x0 = round(rng.uniform(15, max(16, 210 - 15 - 85.6 * scale)) * px)
    y0 = round(rng.uniform(20, 120) * px)
    draw.rounded_rectangle((x0, y0, x0 + cw, y0 + ch), radius=round(3 * px), outline=(40, 40, 40), width=3)
    font_path = _font_path(page.language, rng)
    title = _title(page, rng)
    title_font = _fit(draw, title, font_path, round(rng.uniform(3.6, 5.0) * px * scale), cw - round(8 * px))
    draw.text((x0 + round(4 * px), y0 + round(3 * px * scale)), title, font=title_font, fill=(15, 15, 15))
    photo_w = round(22 * px * scale)
    draw.rectangle((x0 + cw - photo_w - round(4 * px), y0 + ch - round(30 * px * scale) - round(4 * px),
                    x0 + cw - round(4 * px), y0 + ch - round(4 * px)), fill=(150, 150, 150))
    _, body = TEMPLATES["representative_id"][page.language]
    field_font = _font(font_path, round(2.6 * px * scale))
    fy = y0 + round(14 * px * scale)
    fields = list(body)
    if page.holder:
        fields.insert(0, ("氏名 " if page.language == "ja" else "Name ") + page.holder)
    for line in fields:
        font = _fit(draw, line, font_path, field_font.size, cw - photo_w - round(12 * px))
        draw.text((x0 + round(4 * px), fy), line, font=font, fill=(25, 25, 25))
        fy += round(field_font.size * 1.6)
    note_font = _font(GOTHIC, round(3.5 * px))
    draw.text((x0, y0 + ch + round(6 * px)), rng.choice(("原本と相違ありません。", "COPY", "写し")), font=note_font,
              fill=(30, 30, 30))
    return cv2.cvtColor(np.asarray(canvas), cv2.COLOR_RGB2BGR)
