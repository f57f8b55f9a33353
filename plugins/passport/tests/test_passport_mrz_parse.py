"""MRZ parsing, validation and repair on text (no images): ICAO 9303 specimen lines and edits of them."""

from __future__ import annotations

import datetime as dt

import pytest
from docproc_passport.layout import TD1, TD3, check_digit
from docproc_passport.parse import best_reading, candidate_line_sets, parse_mrz

REF = dt.date(2010, 1, 1)
SPECIMEN = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
TD1_SPECIMEN = ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]


def test_check_digits_of_the_icao_specimen() -> None:
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("120415") == "9"
    assert check_digit("<<<<<<") == "0"


def test_specimen_parses_valid_with_every_field() -> None:
    r = parse_mrz(TD3, SPECIMEN, reference=REF)
    assert r.valid, (r.checks, r.problems)
    assert r.values == {
        "surname": "ERIKSSON", "given_names": "ANNA MARIA", "document_code": "P", "issuing_state": "UTO",
        "nationality": "UTO", "document_number": "L898902C3", "birth_date": "1974-08-12",
        "expiry_date": "2012-04-15", "sex": "F", "personal_number": "ZE184226B",
    }
    assert r.repairs == []


def test_td1_specimen() -> None:
    r = parse_mrz(TD1, TD1_SPECIMEN, reference=REF)
    assert r.valid, (r.checks, r.problems)
    assert r.values["document_number"] == "D23145890"
    assert r.values["given_names"] == "ANNA MARIA"


@pytest.mark.parametrize("names", [
    "ERIKSSON<<ANNA<MARIA<<<K<<KK<<<<<<<<<<<<",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<KXKCK",
    "ERIKSSON<<ANNA<MARIA<K<<<<<<<<<<<<<<<<<<",
])
def test_filler_read_as_k_in_names_is_repaired_although_no_check_digit_sees_it(names: str) -> None:
    line1 = ("P<UTO" + names)[:44]
    r = parse_mrz(TD3, [line1, SPECIMEN[1]], reference=REF)
    assert r.valid
    assert r.values["given_names"] == "ANNA MARIA"
    assert "names" in r.repairs


def test_filler_read_as_k_in_empty_personal_number() -> None:
    clean = "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<<8"
    assert check_digit(clean[0:10] + clean[13:20] + clean[21:43]) == "8"
    line2 = clean[:32] + "K" + clean[33:]  # K counts 20: no check digit notices
    r = parse_mrz(TD3, [SPECIMEN[0], line2], reference=REF)
    assert r.valid and r.values["personal_number"] == ""


def test_empty_personal_number_check_may_be_zero_or_filler() -> None:
    for pcd in ("<", "0"):
        body = "L898902C36UTO7408122F1204159<<<<<<<<<<<<<<" + pcd
        line2 = body + check_digit(body[0:10] + body[13:20] + body[21:43])
        assert parse_mrz(TD3, [SPECIMEN[0], line2], reference=REF).valid


def test_letters_in_digit_fields_and_digits_in_codes_are_fixed_by_field_type() -> None:
    line1 = "P<UT0ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
    line2 = "L898902C36UTO74O8I22F12O4159ZE184226B<<<<<1O"
    r = parse_mrz(TD3, [line1, line2], reference=REF)
    assert r.valid
    assert r.values["birth_date"] == "1974-08-12" and r.values["issuing_state"] == "UTO"


def test_unique_check_digit_repair_is_accepted() -> None:
    bad = SPECIMEN[1][:15] + "8" + SPECIMEN[1][16:]  # birth 740812 read as 748812 (0 -> 8)
    r = parse_mrz(TD3, [SPECIMEN[0], bad], reference=REF)
    assert r.valid
    assert r.values["birth_date"] == "1974-08-12"
    assert "check:birth_date" in r.repairs


def test_ambiguous_check_digit_repair_is_refused() -> None:
    bad = SPECIMEN[1][:14] + "0" + SPECIMEN[1][15:]  # 740812 read as 700812: several fixes would pass
    r = parse_mrz(TD3, [SPECIMEN[0], bad], reference=REF)
    assert not r.valid
    assert r.checks["birth_date"] is False
    assert r.lines[1] == bad


def test_document_number_without_evidence_is_not_guessed() -> None:
    # The composite repeats the document number's weights, so it cannot single out one edit.
    bad = "L8989O2C3" + SPECIMEN[1][9:]
    r = parse_mrz(TD3, [SPECIMEN[0], bad], reference=REF)
    assert not r.valid and r.checks["document_number"] is False


@pytest.mark.parametrize(("code", "expected"), [
    ("D<<", "DEU"), ("UNO", "UNO"), ("XXA", "XXA"), ("GBD", "GBR"), ("RKS", "RKS"), ("JPN", "JPN"),
])
def test_special_nationality_codes(code: str, expected: str) -> None:
    line2 = SPECIMEN[1][:10] + code + SPECIMEN[1][13:]
    r = parse_mrz(TD3, [SPECIMEN[0], line2], reference=REF)
    assert r.values["nationality"] == expected
    assert r.valid


def test_unknown_code_is_a_problem() -> None:
    line2 = SPECIMEN[1][:10] + "QQQ" + SPECIMEN[1][13:]
    r = parse_mrz(TD3, [SPECIMEN[0], line2], reference=REF)
    assert "nationality_unknown" in r.problems and not r.valid


def _td3_line2(birth: str, expiry: str) -> str:
    body = "L898902C36UTO" + birth + check_digit(birth) + "F" + expiry + check_digit(expiry) + "ZE184226B<<<<<"
    body += check_digit(body[28:42])
    return body + check_digit(body[0:10] + body[13:20] + body[21:43])


def test_birth_century_from_the_reference_date() -> None:
    line2 = _td3_line2("150301", "250415")
    assert parse_mrz(TD3, [SPECIMEN[0], line2], reference=dt.date(2020, 1, 1)).values["birth_date"] == "2015-03-01"
    assert parse_mrz(TD3, [SPECIMEN[0], line2], reference=dt.date(2014, 1, 1)).values["birth_date"] == "1915-03-01"


def test_expiry_more_than_ten_years_ahead_is_flagged() -> None:
    r = parse_mrz(TD3, SPECIMEN, reference=dt.date(2001, 6, 1))
    assert "expiry_date_too_far" in r.problems


def test_line_fitting_tolerates_extra_and_missing_fillers() -> None:
    texts = ["noise", SPECIMEN[0] + "<<", SPECIMEN[1][:37] + SPECIMEN[1][38:]]
    sets = candidate_line_sets(texts)
    assert sets and sets[0][0].kind == "TD3"
    r = best_reading(texts, reference=REF)
    assert r is not None and r.valid
