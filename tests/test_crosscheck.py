"""Cross-checks between the form and the documents: strict for a different person, lenient for spelling."""

from __future__ import annotations

import pytest

from docproc.crosscheck import cross_check
from docproc.models import DeclaredPerson, DocumentResult, FieldValue
from docproc.plugins.builtin.core_types import docproc_document_types

TYPES = {t.name: t for t in docproc_document_types()}


def _fields(**values) -> dict[str, FieldValue]:
    confidence = values.pop("confidence", 0.95)
    return {k: FieldValue(value=v, raw=str(v), confidence=confidence) for k, v in values.items()}


def passport(**values) -> DocumentResult:
    base = {"surname": "MUELLER", "given_names": "JUERGEN", "birth_date": "1974-08-12", "sex": "M",
            "nationality": "DEU"}
    return DocumentResult(file="passport.jpg", type="passport", fields=_fields(**{**base, **values}))


def card(**values) -> DocumentResult:
    base = {"name": "MUELLER JUERGEN", "birth_date": "1974-08-12", "sex": "M", "nationality": "DEU",
            "address": "東京都新宿区西新宿二丁目8番1号"}
    return DocumentResult(file="card.png", type="alien_registration", fields=_fields(**{**base, **values}))


FORM = {"name": "Müller, Jürgen", "birth_date": "昭和49年8月12日", "sex": "男", "nationality": "ドイツ",
        "address": "東京都新宿区西新宿2-8-1"}


def run(form: dict | None = None, docs: list[DocumentResult] | None = None, threshold: float = 0.6):
    applicant = DeclaredPerson(**{**FORM, **(form or {})})
    checks, problems = cross_check(applicant, docs if docs is not None else [passport(), card()], TYPES, threshold)
    return {c.field: c for c in checks}, [p.code for p in problems]


def test_same_person_written_differently_is_consistent() -> None:
    checks, problems = run()
    assert problems == []
    assert all(c.consistent for c in checks.values())
    assert [s.source for s in checks["name"].sources] == ["form", "passport.jpg", "card.png"]


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ({"name": "Müller, Jörg"}, "mismatch:name"),
        ({"name": "Jürgen Müller-Lüdenscheidt"}, "mismatch:name"),
        ({"birth_date": "1974-08-21"}, "mismatch:birth_date"),
        ({"birth_date": "12/09/1974"}, "mismatch:birth_date"),
        ({"sex": "F"}, "mismatch:sex"),
        ({"nationality": "Austria"}, "mismatch:nationality"),
        ({"address": "東京都新宿区西新宿2-8-2"}, "mismatch:address"),
    ],
)
def test_a_different_value_is_a_mismatch(form: dict, code: str) -> None:
    _, problems = run(form)
    assert code in problems


def test_documents_disagreeing_with_each_other_is_a_mismatch() -> None:
    _, problems = run(docs=[passport(), card(birth_date="1974-08-13")])
    assert "mismatch:birth_date" in problems


def test_low_confidence_asks_for_review_not_a_mismatch() -> None:
    checks, problems = run(docs=[passport(birth_date="1974-08-13", confidence=0.3), card()])
    assert "review:low_confidence" in problems and "mismatch:birth_date" not in problems
    assert checks["birth_date"].consistent is True  # the confident sources agree


def test_representative_documents_are_not_the_applicant() -> None:
    rep = DocumentResult(file="rep.pdf", type="representative_id", fields=_fields(name="SATO HANAKO"))
    _, problems = run(docs=[passport(), card(), rep])
    assert problems == []


def test_nothing_to_compare_against_needs_review() -> None:
    checks, problems = run(docs=[])
    assert problems.count("review:not_verified") == 4  # name, birth date, sex, nationality; address optional
    assert checks["name"].consistent is None


def test_unreadable_form_value_is_reported() -> None:
    _, problems = run({"birth_date": "sometime in 1974"})
    assert "review:form_value_invalid" in problems


def test_truncated_mrz_name_matches_the_full_name() -> None:
    full = "Hollingsworth-Featherstonehaugh, Elizabeth Alexandra Mary"
    mrz_surname, mrz_given = "HOLLINGSWORTH FEATHERSTONEHAUGH", "ELIZABETH"  # 39-character field cut
    checks, problems = run(
        {"name": full, "nationality": "GBR"},
        [passport(surname=mrz_surname, given_names=mrz_given, nationality="GBD")],
    )
    assert "mismatch:name" not in problems, checks["name"]
    assert "mismatch:nationality" not in problems


def test_card_without_a_readable_address_leaves_the_address_unverified() -> None:
    unread = card()
    del unread.fields["address"]
    _, problems = run(docs=[passport(), unread])
    assert problems == ["review:not_verified"]
    _, problems = run(docs=[passport()])  # no card: nothing prints an address; the card's absence is reported elsewhere
    assert problems == []
