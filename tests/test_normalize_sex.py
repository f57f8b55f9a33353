"""Sex markers from forms, MRZs and cards."""

import pytest

from docproc.normalize import parse_sex


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M", "M"),
        ("m", "M"),
        ("M.", "M"),
        ("Male", "M"),
        ("MALE", "M"),
        ("男", "M"),
        ("男性", "M"),
        ("Ｍ", "M"),
        ("M/M", "M"),
        ("F", "F"),
        ("f.", "F"),
        ("Female", "F"),
        (" female ", "F"),
        ("女", "F"),
        ("女性", "F"),
        ("F/F", "F"),
        ("X", "X"),
        ("<", "X"),
        ("unspecified", "X"),
        ("Féminin", "F"),
        ("M/Masculino", "M"),
        ("F/Féminin", "F"),
    ],
)
def test_parse_sex_accepts(text: str, expected: str) -> None:
    assert parse_sex(text) == expected


@pytest.mark.parametrize("text", ["", " ", "H", "W", "?", "M/F", "male female", "男女", "1", "MF"])
def test_parse_sex_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_sex(text)
