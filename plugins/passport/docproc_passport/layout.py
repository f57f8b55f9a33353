"""ICAO 9303 MRZ layouts: where each field sits, what characters it may hold, which check digit guards it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Charset = Literal["alpha", "num", "alnum", "name", "code", "sex", "check"]

MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


@dataclass(frozen=True)
class FieldSpec:
    """One MRZ field: ``line``, ``start``..``end`` (exclusive), charset, and its check digit position if any."""

    name: str
    line: int
    start: int
    end: int
    charset: Charset
    check: int | None = None  # column of the check digit on the same line

    def text(self, lines: list[str]) -> str:
        return lines[self.line][self.start : self.end]


@dataclass(frozen=True)
class Layout:
    kind: str
    n_lines: int
    width: int
    fields: tuple[FieldSpec, ...]
    composite: tuple[tuple[int, int, int], ...] = ()  # (line, start, end) slices
    composite_at: tuple[int, int] | None = None  # (line, column)

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)


def _two_line(kind: str, width: int, optional_end: int, composite: bool, optional_check: bool) -> Layout:
    personal_end = optional_end - (1 if optional_check else 0)
    fields = [
        FieldSpec("document_code", 0, 0, 2, "alpha"),
        FieldSpec("issuing_state", 0, 2, 5, "code"),
        FieldSpec("names", 0, 5, width, "name"),
        FieldSpec("document_number", 1, 0, 9, "alnum", check=9),
        FieldSpec("nationality", 1, 10, 13, "code"),
        FieldSpec("birth_date", 1, 13, 19, "num", check=19),
        FieldSpec("sex", 1, 20, 21, "sex"),
        FieldSpec("expiry_date", 1, 21, 27, "num", check=27),
        FieldSpec("personal_number", 1, 28, personal_end, "alnum", check=personal_end if optional_check else None),
    ]
    if not composite:
        return Layout(kind, 2, width, tuple(fields))
    return Layout(
        kind, 2, width, tuple(fields),
        composite=((1, 0, 10), (1, 13, 20), (1, 21, width - 1)),
        composite_at=(1, width - 1),
    )


TD3 = _two_line("TD3", 44, 43, composite=True, optional_check=True)
TD2 = _two_line("TD2", 36, 35, composite=True, optional_check=False)
MRVA = _two_line("MRVA", 44, 44, composite=False, optional_check=False)
MRVB = _two_line("MRVB", 36, 36, composite=False, optional_check=False)
TD1 = Layout(
    "TD1", 3, 30,
    (
        FieldSpec("document_code", 0, 0, 2, "alpha"),
        FieldSpec("issuing_state", 0, 2, 5, "code"),
        FieldSpec("document_number", 0, 5, 14, "alnum", check=14),
        FieldSpec("personal_number", 0, 15, 30, "alnum"),
        FieldSpec("birth_date", 1, 0, 6, "num", check=6),
        FieldSpec("sex", 1, 7, 8, "sex"),
        FieldSpec("expiry_date", 1, 8, 14, "num", check=14),
        FieldSpec("nationality", 1, 15, 18, "code"),
        FieldSpec("optional_2", 1, 18, 29, "alnum"),
        FieldSpec("names", 2, 0, 30, "name"),
    ),
    composite=((0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)),
    composite_at=(1, 29),
)

LAYOUTS = {layout.kind: layout for layout in (TD1, TD2, TD3, MRVA, MRVB)}


def layout_for(n_lines: int, width: int, first_char: str) -> Layout | None:
    """The layout matching an MRZ's shape; visas start with 'V'."""
    if n_lines == 3 and width == 30:
        return TD1
    if n_lines == 2 and width == 44:
        return MRVA if first_char == "V" else TD3
    if n_lines == 2 and width == 36:
        return MRVB if first_char == "V" else TD2
    return None


def char_value(c: str) -> int:
    if c.isdigit():
        return int(c)
    if "A" <= c <= "Z":
        return ord(c) - 55
    return 0


def check_digit(text: str) -> str:
    """ICAO 9303 check digit (weights 7, 3, 1; '<' counts 0)."""
    weights = (7, 3, 1)
    return str(sum(char_value(c) * weights[i % 3] for i, c in enumerate(text)) % 10)


def check_passes(field_text: str, digit: str, *, empty_may_be_filler: bool = False) -> bool:
    """Whether ``digit`` checks ``field_text``; an empty optional field may carry '<' or '0'."""
    if empty_may_be_filler and set(field_text) <= {"<"}:
        return digit in ("<", "0")
    return digit == check_digit(field_text)


def composite_text(layout: Layout, lines: list[str]) -> str:
    return "".join(lines[li][a:b] for li, a, b in layout.composite)
