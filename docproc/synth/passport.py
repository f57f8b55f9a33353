"""Generated passports, ID cards and visas with ICAO 9303 machine-readable zones.

Used by tests, the demo submission generator and ``bench/bench_passport.py``.
Everything is derived from a :class:`PassportData` and an explicit
``random.Random`` so a seed reproduces a document exactly. Names come from many
countries (diacritics, long names that get truncated, several given names,
single-name holders) so a reader cannot overfit to one shape of MRZ.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from docproc.synth.damage import MM_PER_INCH, ScanDamage, apply_damage, place_on_a4

OCRB_FONT = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")

# kind -> (line count, line length, card size in mm (width, height))
MRZ_FORMATS: dict[str, tuple[int, int, tuple[float, float]]] = {
    "TD1": (3, 30, (85.6, 54.0)),
    "TD2": (2, 36, (105.0, 74.0)),
    "TD3": (2, 44, (125.0, 88.0)),
    "MRVA": (2, 44, (120.0, 80.0)),
    "MRVB": (2, 36, (105.0, 74.0)),
}

# ICAO 9303 part 3, section 6: recommended transliteration of Latin characters.
_ICAO_TRANSLIT = {
    "Ä": "AE", "Æ": "AE", "Å": "AA", "Ö": "OE", "Ø": "OE", "Œ": "OE", "Ü": "UE", "ß": "SS",
    "Þ": "TH", "Ð": "D", "Đ": "D", "Ł": "L", "Ħ": "H", "Ŀ": "L", "Ŧ": "T", "Ŋ": "N", "Ĳ": "IJ", "ı": "I",
}

# Names by nationality code: (surnames, given names). Spelled as in the visual zone.
_NAMES: dict[str, tuple[list[str], list[str]]] = {
    "D": (["Müller", "Schäfer", "Groß", "Weiß-Böhm", "Köhler", "Schwarzenberger-Lütkemeyer", "Öztürk"],
          ["Jürgen", "Anna Lena", "Björn", "Karl-Heinz", "Maximilian Johannes Friedrich", "Käthe"]),
    "SWE": (["Öberg", "Åkesson", "Lindström", "Sjöqvist"], ["Åsa", "Björn Erik", "Märta", "Göran"]),
    "ESP": (["Ñúñez García", "Fernández de Córdoba", "Peña", "Martínez-Ibáñez"],
            ["José María", "Begoña", "Iñaki", "María de los Ángeles"]),
    "PRT": (["Gonçalves", "Magalhães Conceição", "Araújo"], ["João", "Conceição", "Sebastião Luís"]),
    "BRA": (["da Silva Santos", "Rodrigues de Oliveira Nascimento", "Gonçalves"],
            ["Ana Clara", "João Pedro Henrique", "Luíza"]),
    "FRA": (["Lefèvre", "Dupont-Aignan", "Moreau", "Géraud"], ["Françoise", "Éloïse", "Jean-Baptiste", "Noël"]),
    "POL": (["Wąsowski", "Łukaszewicz", "Brzęczyszczykiewicz", "Kowalska"], ["Łukasz", "Małgorzata", "Zbigniew"]),
    "TUR": (["Yılmaz", "Çelik", "Şahin", "Öztürk"], ["Şükrü", "Ayşe Gül", "İbrahim", "Çağla"]),
    "VNM": (["Nguyễn", "Trần", "Phạm", "Lê"], ["Thị Minh Khai", "Văn Đức", "Hoàng Anh", "Thu Hương"]),
    "CHN": (["Zhang", "Li", "Ouyang", "Wang", "Zhao"], ["Wei", "Xiaoming", "Jiahui", "Zhiqiang"]),
    "PHL": (["Dela Cruz", "Santos", "Villanueva", "Macapagal-Arroyo"],
            ["Maria Cristina", "Jose Rizal", "Ma Teresa", "Rodrigo"]),
    "IND": (["Venkataramanan Subramaniam", "Sharma", "Chakraborty", "Reddy"],
            ["Lakshmi", "Rajesh Kumar", "Sai Venkata Satya Narayana", "Priya"]),
    "THA": (["Sirivadhanabhakdi", "Chaiyaphum", "Srisawat"], ["Somchai", "Ploypailin", "Kittisak"]),
    "EGY": (["Al-Hashimi", "Abd El-Rahman", "El Sayed"], ["Mohamed", "Abd al-Rahman", "Nour El-Din"]),
    "RUS": (["Khrushcheva", "Ivanov", "Shcherbakova"], ["Aleksandr", "Yekaterina", "Dmitriy"]),
    "ISL": (["Guðmundsdóttir", "Þórsson", "Jónsdóttir"], ["Guðrún", "Þór", "Sigríður Ósk"]),
    "DNK": (["Søndergaard", "Kjærgaard", "Ærø"], ["Søren", "Mette Marie", "Bjørn"]),
    "HUN": (["Szőke", "Nagy-Kovács", "Törő"], ["Erzsébet", "Gyögy", "Ödön"]),
    "IRL": (["O'Brien", "Mac Giolla Phádraig", "Ní Bhriain"], ["Seán", "Siobhán", "Pádraig"]),
    "USA": (["Smith-Jones", "O'Connor", "Washington"], ["Mary Ellen", "John Fitzgerald", "Ashley"]),
    "NPL": (["Shrestha", "Gurung", "Bahadur Thapa Magar"], ["Ram", "Sita Kumari", "Pemba"]),
    "KOR": (["Kim", "Park", "Nam-Gung"], ["Min-Jun", "Seo Yeon", "Ji-Hoon"]),
    "NGA": (["Okonkwo", "Adeyemi-Balogun", "Oluwaseun"], ["Chukwuemeka", "Ngozi Adaeze", "Babatunde"]),
    "GBD": (["Hollingsworth-Featherstonehaugh", "Smith"], ["Elizabeth Alexandra Mary", "Tom"]),
    "UNO": (["Haddad", "Müller"], ["Samira", "Jean-Luc"]),
    "XXA": (["Abdi", "Hassan"], ["Fadumo", "Ahmed"]),
    "XXB": (["Mansour", "Karimi"], ["Leila", "Reza"]),
    "RKS": (["Krasniqi", "Gashi"], ["Arbër", "Vjosa"]),
    "IDN": (["Sukarno", "Suharto", "Wijaya"], [""]),  # many Indonesians carry one name only
}
# Issuing state for a nationality code when it differs from the code itself.
_ISSUER_FOR = {"D": "D", "UNO": "UNO", "XXA": "DEU", "XXB": "FRA", "GBD": "GBR"}


def icao_transliterate(text: str) -> str:
    """Upper-case MRZ spelling: ICAO transliteration, then anything else becomes a filler."""
    out: list[str] = []
    for ch in text.upper():
        if ch in _ICAO_TRANSLIT:
            out.append(_ICAO_TRANSLIT[ch])
            continue
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c))
        out.append(base)
    flat = "".join(out)
    flat = flat.replace("'", "")  # O'Brien -> OBRIEN
    return "".join(c if ("A" <= c <= "Z") else "<" for c in flat)


def _name_part(text: str) -> str:
    """Name words joined by single fillers (no leading/trailing/double fillers)."""
    return "<".join(w for w in icao_transliterate(text).split("<") if w)


def mrz_name_field(surname: str, given_names: str, width: int) -> str:
    """Primary and secondary identifiers, truncated to ``width`` and padded with fillers."""
    primary = _name_part(surname)
    secondary = _name_part(given_names)
    field = primary + ("<<" + secondary if secondary else "")
    field = field[:width]
    return field + "<" * (width - len(field))


def check_digit(text: str) -> str:
    weights = (7, 3, 1)
    total = 0
    for i, c in enumerate(text):
        if c.isdigit():
            v = int(c)
        elif "A" <= c <= "Z":
            v = ord(c) - 55
        else:
            v = 0
        total += v * weights[i % 3]
    return str(total % 10)


@dataclass(frozen=True)
class PassportData:
    """Everything printed on the data page; the MRZ is derived from it."""

    surname: str
    given_names: str
    nationality: str  # ICAO code as printed in the MRZ: 'D', 'GBD', 'UNO', 'XXA', 'JPN' ...
    issuing_state: str
    birth_date: dt.date
    sex: str  # 'M' | 'F' | 'X'
    document_number: str
    expiry_date: dt.date
    personal_number: str = ""
    kind: str = "TD3"  # TD1 / TD2 / TD3 / MRVA / MRVB
    document_code: str = ""  # first two MRZ characters; '' = default for the kind
    empty_check_as_zero: bool = False  # an empty personal number's check digit printed as '0' instead of '<'
    mrz_override: tuple[str, ...] = ()  # print these lines instead (misprinted or tampered MRZ, for tests)


def _code_field(code: str) -> str:
    return (code + "<<<")[:3]


def _date6(d: dt.date) -> str:
    return d.strftime("%y%m%d")


def _sex_char(sex: str) -> str:
    return "<" if sex == "X" else sex


def _padded(text: str, width: int) -> str:
    text = text.upper()[:width]
    return text + "<" * (width - len(text))


def mrz_lines(data: PassportData) -> list[str]:
    """The machine-readable zone of ``data`` as ICAO 9303 lines, check digits included."""
    if data.mrz_override:
        return list(data.mrz_override)
    kind = data.kind
    _, width, _ = MRZ_FORMATS[kind]
    doc_code = data.document_code or {"TD1": "I<", "TD2": "I<", "TD3": "P<", "MRVA": "V<", "MRVB": "V<"}[kind]
    doc = _padded(data.document_number, 9)
    birth = _date6(data.birth_date)
    expiry = _date6(data.expiry_date)
    issuer = _code_field(data.issuing_state)
    nat = _code_field(data.nationality)
    sex = _sex_char(data.sex)
    if kind == "TD1":
        opt1 = _padded(data.personal_number, 15)
        line1 = doc_code + issuer + doc + check_digit(doc) + opt1
        opt2 = "<" * 11
        line2_head = birth + check_digit(birth) + sex + expiry + check_digit(expiry) + nat + opt2
        composite = line1[5:30] + line2_head[0:7] + line2_head[8:15] + line2_head[18:29]
        line2 = line2_head + check_digit(composite)
        line3 = mrz_name_field(data.surname, data.given_names, 30)
        return [line1, line2, line3]
    line1 = doc_code + issuer + mrz_name_field(data.surname, data.given_names, width - 5)
    core = doc + check_digit(doc) + nat + birth + check_digit(birth) + sex + expiry + check_digit(expiry)
    if kind == "TD3":
        personal = _padded(data.personal_number, 14)
        pcd = check_digit(personal)
        if not data.personal_number.strip("<") and not data.empty_check_as_zero:
            pcd = "<"
        line2 = core + personal + pcd
        composite = line2[0:10] + line2[13:20] + line2[21:43]
        line2 += check_digit(composite)
    elif kind == "TD2":
        line2 = core + _padded(data.personal_number, 7)
        composite = line2[0:10] + line2[13:20] + line2[21:35]
        line2 += check_digit(composite)
    elif kind == "MRVA":
        line2 = core + _padded(data.personal_number, 16)
    else:  # MRVB
        line2 = core + _padded(data.personal_number, 8)
    assert len(line1) == width and len(line2) == width, (line1, line2)
    return [line1, line2]


def mrz_name_values(data: PassportData) -> tuple[str, str]:
    """Surname and given names exactly as a perfect MRZ reader returns them (spaces for fillers)."""
    lines = mrz_lines(data)
    field = lines[2] if data.kind == "TD1" else lines[0][5:]
    primary, _, secondary = field.partition("<<")
    return primary.replace("<", " ").strip(), secondary.replace("<", " ").strip()


_ISO_FOR_SPECIAL = {"D": "DEU", "GBD": "GBR", "GBN": "GBR", "GBO": "GBR", "GBP": "GBR", "GBS": "GBR"}


def expected_fields(data: PassportData) -> dict[str, str]:
    """The field values a correct reader returns for ``data`` (the benchmark's ground truth)."""
    surname, given = mrz_name_values(data)
    return {
        "surname": surname,
        "given_names": given,
        "birth_date": data.birth_date.isoformat(),
        "sex": data.sex,
        "nationality": _ISO_FOR_SPECIAL.get(data.nationality, data.nationality),
        "issuing_state": _ISO_FOR_SPECIAL.get(data.issuing_state, data.issuing_state),
        "document_number": data.document_number.upper().strip("<"),
        "expiry_date": data.expiry_date.isoformat(),
        "personal_number": _padded(data.personal_number, 14 if data.kind == "TD3" else 7).strip("<")
        if data.kind in ("TD3", "TD2") else data.personal_number.upper().strip("<"),
    }


# ---------------------------------------------------------------------------
# random data
# ---------------------------------------------------------------------------

_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_EXTRA_NATIONALITIES = ["JPN", "KEN", "MEX", "CAN", "AUS", "NLD", "ITA", "GRC", "UKR", "PAK", "BGD", "PER", "COL"]


def _random_document_number(rng: random.Random) -> str:
    style = rng.random()
    if style < 0.35:
        return "".join(rng.choice("0123456789") for _ in range(9))
    if style < 0.6:
        return rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + "".join(rng.choice("0123456789") for _ in range(8))
    if style < 0.8:
        return "".join(rng.choice(_ALNUM) for _ in range(9))
    n = rng.randint(6, 8)  # short numbers padded with fillers
    return rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") + "".join(rng.choice("0123456789") for _ in range(n - 1))


def _random_personal_number(rng: random.Random, width: int) -> str:
    style = rng.random()
    if style < 0.55:
        return ""
    if style < 0.85:
        return "".join(rng.choice("0123456789") for _ in range(rng.randint(6, width)))
    return "".join(rng.choice(_ALNUM) for _ in range(rng.randint(4, width)))


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def random_passport_data(
    rng: random.Random, *, submitted_on: dt.date | None = None, **overrides: object
) -> PassportData:
    """A plausible holder and document; ``overrides`` replace any :class:`PassportData` field."""
    today = submitted_on or dt.date(2026, 11, 25)
    nationality = rng.choice([*list(_NAMES), *rng.sample(_EXTRA_NATIONALITIES, 2)])
    surnames, givens = _NAMES.get(nationality, _NAMES[rng.choice(list(_NAMES))])
    surname = rng.choice(surnames)
    given = rng.choice(givens)
    if rng.random() < 0.15 and given:
        given = given + " " + rng.choice([g for g in givens if g and g != given] or ["Maria"])
    issuer = _ISSUER_FOR.get(nationality, nationality)
    if rng.random() < 0.05:
        issuer = rng.choice(["UNO", "XXA", "D", "RKS", "JPN"])
    age_days = rng.randint(1 * 365, 85 * 365)
    birth = today - dt.timedelta(days=age_days)
    kind = rng.choices(["TD3", "TD1", "TD2", "MRVA", "MRVB"], weights=[80, 7, 5, 4, 4])[0]
    kind = str(overrides.get("kind", kind))
    issued = today - dt.timedelta(days=rng.randint(30, 9 * 365))
    expiry = _add_years(issued, rng.choice([5, 10])) - dt.timedelta(days=1)
    if rng.random() < 0.06:
        expiry = today - dt.timedelta(days=rng.randint(1, 400))  # expired
    expiry = min(expiry, _add_years(today, 10))
    width = {"TD3": 14, "TD2": 7, "TD1": 15, "MRVA": 16, "MRVB": 8}[kind]
    data = PassportData(
        surname=surname,
        given_names=given,
        nationality=nationality,
        issuing_state=issuer,
        birth_date=birth,
        sex=rng.choices(["M", "F", "X"], weights=[48, 48, 4])[0],
        document_number=_random_document_number(rng),
        expiry_date=expiry,
        personal_number=_random_personal_number(rng, width),
        kind=kind,
        document_code={"TD3": rng.choice(["P<", "P<", "P<", "PD", "PO"]), "TD1": rng.choice(["I<", "ID", "AC"]),
                       "TD2": rng.choice(["I<", "ID"]), "MRVA": "V<", "MRVB": "VB"}[kind],
        empty_check_as_zero=rng.random() < 0.3,
    )
    return replace(data, **overrides) if overrides else data


# ---------------------------------------------------------------------------
# rendering
# ---------------------------------------------------------------------------

_MPL_FONTS = Path(__import__("matplotlib").get_data_path()) / "fonts" / "ttf"
_VIZ_FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSansMono.ttf")


@cache
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def _mm(value_mm: float, dpi: int) -> int:
    return round(value_mm / MM_PER_INCH * dpi)


@cache
def _portrait_sources() -> tuple[np.ndarray, ...]:
    """Grey portraits from images shipped inside installed packages (no downloads)."""
    sources: list[np.ndarray] = []
    try:
        from matplotlib import cbook

        with cbook.get_sample_data("grace_hopper.jpg") as f:
            img = np.asarray(Image.open(f).convert("L"))
        sources.append(img[20:460, 60:450])
    except Exception:  # optional sample data
        pass
    try:
        from skimage import data as skdata

        astro = cv2.cvtColor(skdata.astronaut(), cv2.COLOR_RGB2GRAY)
        sources.append(astro[10:300, 120:330])
        sources.append(skdata.camera()[30:330, 150:380])
    except Exception:  # optional sample data
        pass
    return tuple(sources)


def _photo_block(w: int, h: int, rng: random.Random) -> np.ndarray:
    sources = _portrait_sources()
    if sources and rng.random() < 0.7:
        src = rng.choice(sources)
        if rng.random() < 0.5:
            src = src[:, ::-1]
        photo = cv2.resize(src, (w, h), interpolation=cv2.INTER_AREA)
        photo = cv2.convertScaleAbs(photo, alpha=rng.uniform(0.7, 1.0), beta=rng.uniform(20, 60))
    else:  # grey silhouette
        photo = np.full((h, w), rng.randint(200, 235), np.uint8)
        cv2.ellipse(photo, (w // 2, int(h * 0.38)), (int(w * 0.2), int(h * 0.22)), 0, 0, 360, 120, -1)
        cv2.ellipse(photo, (w // 2, h), (int(w * 0.42), int(h * 0.38)), 0, 180, 360, 120, -1)
    return cv2.cvtColor(photo, cv2.COLOR_GRAY2RGB)


def _guilloche(canvas: np.ndarray, rng: random.Random, strength: float) -> None:
    h, w = canvas.shape[:2]
    colour = np.array([rng.randint(150, 230), rng.randint(170, 235), rng.randint(180, 240)])
    xs = np.arange(w)
    overlay = canvas.copy()
    for k in range(rng.randint(8, 20)):
        amp = rng.uniform(0.02, 0.12) * h
        period = rng.uniform(0.15, 0.6) * w
        phase = rng.uniform(0, 2 * np.pi)
        base = (k + 0.5) / 20 * h
        ys = (base + amp * np.sin(2 * np.pi * xs / period + phase)).astype(np.int32)
        pts = np.stack([xs, ys], axis=1).reshape(-1, 1, 2)
        cv2.polylines(overlay, [pts], False, colour.tolist(), max(1, h // 400))
    cv2.addWeighted(overlay, strength, canvas, 1 - strength, 0, dst=canvas)


def _watermark(img: Image.Image, text: str, rng: random.Random) -> Image.Image:
    w, h = img.size
    layer = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(layer)
    font = _font(str(_MPL_FONTS / "DejaVuSans-Bold.ttf"), max(12, h // 6))
    d.text((w * rng.uniform(0.05, 0.25), h * rng.uniform(0.2, 0.5)), text, fill=255, font=font)
    layer = layer.rotate(rng.uniform(-25, 25), center=(w / 2, h / 2))
    tint = Image.new("RGB", (w, h), (rng.randint(150, 220), rng.randint(60, 140), rng.randint(60, 140)))
    alpha = layer.point(lambda v: int(v * rng.uniform(0.18, 0.3)))
    img.paste(tint, (0, 0), alpha)
    return img


def _viz_date(d: dt.date) -> str:
    months = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
    return f"{d.day:02d} {months[d.month - 1]} {d.year}"


def render_passport_page(
    data: PassportData, *, dpi: int = 300, rng: random.Random, background: bool | None = None,
    watermark: str | None = None,
) -> np.ndarray:
    """A clean BGR rendering of the data page (or card / visa) at ``dpi``: visual zone plus MRZ."""
    n_lines, width, (w_mm, h_mm) = MRZ_FORMATS[data.kind]
    w, h = _mm(w_mm, dpi), _mm(h_mm, dpi)
    tint = (rng.randint(235, 252), rng.randint(235, 252), rng.randint(228, 250))
    canvas = np.empty((h, w, 3), np.uint8)
    canvas[:] = tint
    if background if background is not None else rng.random() < 0.5:
        _guilloche(canvas, rng, rng.uniform(0.3, 0.8))
    img = Image.fromarray(canvas)
    draw = ImageDraw.Draw(img)

    # MRZ: OCR-B at the ICAO pitch of 10 characters per inch, with small printer variation.
    lines = mrz_lines(data)
    pitch = dpi / 10 * rng.uniform(0.97, 1.03)
    mrz_font = _font(str(OCRB_FONT), round(pitch / 0.7 * rng.uniform(0.86, 1.0)))
    line_gap = _mm(rng.uniform(3.6, 4.4), dpi)
    left = (w - pitch * width) / 2 + rng.uniform(-0.02, 0.02) * w
    bottom = h - _mm(rng.uniform(2.5, 5.0), dpi)
    top_mrz = bottom - line_gap * n_lines
    ink = (rng.randint(0, 40),) * 3
    for li, line in enumerate(lines):
        y = top_mrz + li * line_gap
        for ci, ch in enumerate(line):
            draw.text((left + ci * pitch, y), ch, fill=ink, font=mrz_font)

    # Visual zone: photo block, labels and values.
    viz_font_path = str(_MPL_FONTS / rng.choice(_VIZ_FONTS))
    label_font = _font(str(_MPL_FONTS / "DejaVuSans.ttf"), max(6, _mm(rng.uniform(1.4, 1.8), dpi)))
    value_font = _font(viz_font_path, max(7, _mm(rng.uniform(2.2, 2.9), dpi)))
    title_font = _font(str(_MPL_FONTS / "DejaVuSans-Bold.ttf"), max(8, _mm(3.2, dpi)))
    title = {"TD3": "PASSPORT / PASSEPORT", "MRVA": "VISA", "MRVB": "VISA"}.get(data.kind, "IDENTITY CARD")
    draw.text((_mm(rng.uniform(4, 30), dpi), _mm(rng.uniform(2, 4), dpi)), title, fill=(40, 40, 90), font=title_font)
    photo_w = _mm(w_mm * rng.uniform(0.24, 0.3), dpi)
    photo_h = min(int(photo_w * 1.3), int(top_mrz - _mm(12, dpi)))
    px, py = _mm(rng.uniform(4, 7), dpi), _mm(rng.uniform(9, 12), dpi)
    img.paste(Image.fromarray(_photo_block(photo_w, photo_h, rng)), (px, py))
    entries = [
        ("Type / Type", data.document_code.strip("<") or data.kind[0]),
        ("Code / Code", data.issuing_state),
        ("Passport No. / No. du passeport" if data.kind == "TD3" else "Document No.", data.document_number),
        ("Surname / Nom", data.surname.upper()),
        ("Given names / Prénoms", data.given_names.upper()),
        ("Nationality / Nationalité", data.nationality),
        ("Date of birth / Date de naissance", _viz_date(data.birth_date)),
        ("Sex / Sexe", data.sex),
        ("Date of expiry / Date d'expiration", _viz_date(data.expiry_date)),
    ]
    x0 = px + photo_w + _mm(rng.uniform(3, 6), dpi)
    y = py - _mm(1, dpi)
    step = (top_mrz - _mm(2, dpi) - y) / len(entries)
    for label, value in entries:
        draw.text((x0, y), label, fill=(70, 70, 110), font=label_font)
        draw.text((x0, y + step * 0.38), value, fill=(10, 10, 10), font=value_font)
        y += step
    if watermark:
        img = _watermark(img, watermark, rng)
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def passport_scan(
    data: PassportData, *, damage: ScanDamage, rng: random.Random, on_a4: bool = True, dpi_render: int = 300,
) -> np.ndarray:
    """A damaged scan of the data page as a scanning station would deliver it (BGR)."""
    page = render_passport_page(data, dpi=dpi_render, rng=rng)
    if on_a4:
        page = place_on_a4(page, dpi_render, rng)
    return apply_damage(page, damage, source_dpi=dpi_render, seed=rng.randrange(2**31))


def specimen_photo(data: PassportData, *, rng: random.Random, width_px: int | None = None) -> np.ndarray:
    """A low-resolution phone photograph of a specimen: watermark, guilloche, perspective, ~400-700 px wide."""
    page = render_passport_page(data, dpi=300, rng=rng, background=True, watermark="SPECIMEN")
    h, w = page.shape[:2]
    pad = int(0.06 * w)
    table = np.full((h + 2 * pad, w + 2 * pad, 3), (rng.randint(60, 160),) * 3, np.uint8)
    table[pad : pad + h, pad : pad + w] = page
    target = width_px or rng.randint(400, 700)
    dpi_equiv = 300 * target / table.shape[1]
    damage = ScanDamage(
        skew_deg=rng.uniform(-4, 4),
        dpi=max(1, round(dpi_equiv)),
        noise_sigma=rng.uniform(2, 6),
        blur_sigma=rng.choice((0.0, 0.4, 0.6)),
        jpeg_quality=rng.choice((70, 80, 90)),
        perspective=rng.uniform(0.0, 0.03),
        light_gradient=rng.uniform(0.1, 0.35),
    )
    out = apply_damage(table, damage, source_dpi=300, seed=rng.randrange(2**31))
    return cv2.resize(out, (target, round(out.shape[0] * target / out.shape[1])), interpolation=cv2.INTER_AREA)
