"""Dates as written on forms and cards, era boundaries, and MRZ centuries."""

import datetime as dt

import pytest

from docproc.normalize import mrz_date, parse_date

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", D(2026, 11, 20)),
        ("1974-8-12", D(1974, 8, 12)),
        ("1974/08/12", D(1974, 8, 12)),
        ("1974.08.12", D(1974, 8, 12)),
        ("12/08/1974", D(1974, 8, 12)),  # day first
        ("01/02/2003", D(2003, 2, 1)),
        ("12.08.1974", D(1974, 8, 12)),
        ("12-08-1974", D(1974, 8, 12)),
        ("  12 / 08 / 1974 ", D(1974, 8, 12)),
        ("1974年8月12日", D(1974, 8, 12)),
        ("1974年08月12日", D(1974, 8, 12)),
        ("１９７４年８月１２日", D(1974, 8, 12)),
        ("１９７４－０８－１２", D(1974, 8, 12)),
        ("１２／０８／１９７４", D(1974, 8, 12)),
        ("昭和49年8月12日", D(1974, 8, 12)),
        ("昭和４９年８月１２日", D(1974, 8, 12)),
        ("昭和 49 年 8 月 12 日", D(1974, 8, 12)),
        ("昭和49年8月12日生", D(1974, 8, 12)),
        ("平成元年1月8日", D(1989, 1, 8)),
        ("平成1年1月8日", D(1989, 1, 8)),
        ("昭和64年1月7日", D(1989, 1, 7)),
        ("平成31年4月30日", D(2019, 4, 30)),
        ("令和元年5月1日", D(2019, 5, 1)),
        ("令和2年3月4日", D(2020, 3, 4)),
        ("大正15年12月24日", D(1926, 12, 24)),
        ("昭和元年12月25日", D(1926, 12, 25)),
        ("大正元年7月30日", D(1912, 7, 30)),
        ("明治45年7月29日", D(1912, 7, 29)),
        ("S49.8.12", D(1974, 8, 12)),
        ("s49.8.12", D(1974, 8, 12)),
        ("S49/08/12", D(1974, 8, 12)),
        ("H1.1.8", D(1989, 1, 8)),
        ("H01.01.08", D(1989, 1, 8)),
        ("R2/3/4", D(2020, 3, 4)),
        ("R2-3-4", D(2020, 3, 4)),
        ("Ｈ１．１．８", D(1989, 1, 8)),
        ("昭49.8.12", D(1974, 8, 12)),
        ("12 AUG 1974", D(1974, 8, 12)),
        ("12 Aug 1974", D(1974, 8, 12)),
        ("12 August 1974", D(1974, 8, 12)),
        ("12-Aug-1974", D(1974, 8, 12)),
        ("12AUG1974", D(1974, 8, 12)),
        ("12 AUG/AOÛT 1974", D(1974, 8, 12)),
        ("August 12, 1974", D(1974, 8, 12)),
        ("12th August 1974", D(1974, 8, 12)),
        ("1st Sep 2001", D(2001, 9, 1)),
        ("Aug 12 1974", D(1974, 8, 12)),
        ("September 1st, 2001", D(2001, 9, 1)),
        ("Sept 1, 2001", D(2001, 9, 1)),
        ("29/02/2000", D(2000, 2, 29)),
        ("12.08.1974.", D(1974, 8, 12)),
    ],
)
def test_parse_date_accepts_written_forms(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "yesterday",
        "12/08/74",  # two-digit year: century unknowable
        "74-08-12",
        "1974-13-01",
        "31/04/2020",
        "29/02/2001",
        "1974年2月30日",
        "昭和64年1月8日",  # Showa ended 1989-01-07
        "平成元年1月7日",  # before Heisei began
        "平成31年5月1日",  # that day is Reiwa 1
        "平成32年1月1日",
        "令和元年4月30日",
        "大正15年12月25日",
        "昭和0年1月1日",
        "Q49.8.12",
        "12 Foo 1974",
        "August 32, 1974",
        "2026-11-20T10:00",
    ],
)
def test_parse_date_rejects_unknown_or_impossible(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


REF = D(2026, 11, 20)


@pytest.mark.parametrize(
    ("yymmdd", "kind", "reference", "expected"),
    [
        ("740812", "birth", REF, D(1974, 8, 12)),
        ("000101", "birth", REF, D(2000, 1, 1)),
        ("261120", "birth", REF, D(2026, 11, 20)),  # born on the reference day
        ("261121", "birth", REF, D(1926, 11, 21)),  # tomorrow cannot be a birth date
        ("251231", "birth", REF, D(2025, 12, 31)),
        ("991231", "birth", REF, D(1999, 12, 31)),
        ("000229", "birth", REF, D(2000, 2, 29)),
        ("311120", "expiry", REF, D(2031, 11, 20)),
        ("361119", "expiry", REF, D(2036, 11, 19)),
        ("250101", "expiry", REF, D(2025, 1, 1)),  # expired: still parsed so it can be flagged
        ("990101", "expiry", REF, D(1999, 1, 1)),
        ("050101", "expiry", D(1998, 6, 1), D(2005, 1, 1)),  # across the century boundary
        ("950101", "expiry", D(2001, 6, 1), D(1995, 1, 1)),
        ("０００１０１", "birth", REF, D(2000, 1, 1)),
    ],
)
def test_mrz_date_century_from_context(yymmdd: str, kind: str, reference: dt.date, expected: dt.date) -> None:
    assert mrz_date(yymmdd, kind=kind, reference=reference) == expected


@pytest.mark.parametrize(
    ("yymmdd", "kind"),
    [
        ("741312", "birth"),
        ("740832", "expiry"),
        ("7408<<", "birth"),
        ("<<<<<<", "expiry"),
        ("74081", "birth"),
        ("7408123", "birth"),
        ("O40812", "birth"),
        ("010229", "birth"),  # 1901 and 2001 are not leap years
        ("740812", "issue"),
    ],
)
def test_mrz_date_rejects_invalid(yymmdd: str, kind: str) -> None:
    with pytest.raises(ValueError):
        mrz_date(yymmdd, kind=kind, reference=REF)  # type: ignore[arg-type]
