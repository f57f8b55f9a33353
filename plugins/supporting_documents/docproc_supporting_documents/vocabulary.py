"""The titles that name each supporting document, in Japanese and English, and those that name someone else's.

A page is recognised by its title, not its body: a reason statement's body
mentions the passport and the certificate of residence status it replaces.
Wordings come from the Immigration Services Agency's forms and from what
offices, doctors and employers actually print; add variants here, not in code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Title:
    doc_type: str  # a docproc document type, or "" for a page another plugin owns
    phrase: str
    language: str  # "ja" or "en"


def _titles(doc_type: str, ja: tuple[str, ...], en: tuple[str, ...]) -> list[Title]:
    return [Title(doc_type, p, "ja") for p in ja] + [Title(doc_type, p, "en") for p in en]


TITLES: tuple[Title, ...] = tuple(
    _titles("reason_statement", ("理由書", "申述書", "事情説明書"),
            ("STATEMENT OF REASONS", "STATEMENT OF REASON", "REASON STATEMENT", "LETTER OF EXPLANATION",
             "STATEMENT OF EXPLANATION"))
    + _titles("activity_permit", ("資格外活動許可書", "資格外活動許可証明", "資格外活動許可"),
              ("PERMISSION TO ENGAGE IN ACTIVITY OTHER THAN THAT PERMITTED", "PERMIT TO ENGAGE IN ACTIVITY OTHER",
               "PERMISSION TO ENGAGE IN ACTIVITY OTHER", "ACTIVITY OTHER THAN THAT PERMITTED"))
    + _titles("medical_certificate", ("診断書", "医師診断書", "診療情報提供書"),
              ("MEDICAL CERTIFICATE", "CERTIFICATE OF DIAGNOSIS", "DOCTOR S CERTIFICATE", "MEDICAL REPORT"))
    + _titles("authorization_letter", ("委任状",),
              ("LETTER OF AUTHORIZATION", "LETTER OF AUTHORISATION", "AUTHORIZATION LETTER", "POWER OF ATTORNEY"))
    + _titles("residence_status_certificate", ("在留資格証明書",),
              ("CERTIFICATE OF RESIDENCE STATUS", "CERTIFICATE OF STATUS OF RESIDENCE", "RESIDENCE STATUS CERTIFICATE"))
    + _titles("acceptance_receipt", ("申請受付票", "受付票", "申請受理票"),
              ("APPLICATION RECEIPT", "ACCEPTANCE RECEIPT", "PROOF OF ACCEPTANCE", "RECEIPT OF APPLICATION"))
    + _titles("representative_id", ("運転免許証", "申請取次者証明書", "行政書士証票", "弁護士身分証明書", "個人番号カード",
                                    "身分証明書"),
              ("DRIVER S LICENSE", "DRIVER S LICENCE", "DRIVING LICENCE", "IDENTIFICATION CARD", "IDENTITY CARD",
               "CERTIFICATE OF APPLICATION AGENT"))
    + _titles("application_form", ("在留カード交付申請書", "交付申請書"),
              ("APPLICATION FOR RESIDENCE CARD",))
    # Pages the passport and alien-registration plugins own: never claim them.
    + _titles("", ("在留カード", "外国人登録証明書", "旅券", "特別永住者証明書"),
              ("RESIDENCE CARD", "PASSPORT", "PASSEPORT", "ALIEN REGISTRATION", "CERTIFICATE OF ALIEN REGISTRATION"))
)

# Labels in front of the holder's name.
NAME_LABELS_JA = ("氏名", "氏 名", "名前", "患者氏名", "委任者")
NAME_LABELS_EN = ("NAME OF APPLICANT", "FULL NAME", "NAME")
