"""Generated Japanese residence cards (在留カード) and old alien registration certificates (外国人登録証明書).

Real cards are personal data, so tests, benchmarks and demos draw their own: IPA fonts, a pale
tinted background with a faint pattern, a portrait cut from a sample image shipped in matplotlib or
scikit-image (or a silhouette), and wide variation in positions, sizes, fonts, date styles, address
print styles and names of many nationalities, so a reader tuned here has to generalise.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from docproc.synth.damage import MM_PER_INCH, ScanDamage, apply_damage, place_on_a4

CARD_MM = (85.6, 54.0)
LAYOUTS = ("residence_card", "alien_registration_certificate")
GOTHIC = "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"
GOTHIC_P = "/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf"
MINCHO = "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf"
MINCHO_P = "/usr/share/fonts/opentype/ipafont-mincho/ipamp.ttf"
PENDING_ADDRESS = "未定（届出後裏面に記載）"


@dataclass(frozen=True)
class CardFonts:
    """The Japanese typefaces a card is drawn in: a gothic (headings, English labels, card number), a mincho
    and a proportional gothic; labels and values take one of them at random."""

    gothic: str
    mincho: str
    gothic_p: str

    def installed(self) -> bool:
        return all(Path(p).exists() for p in (self.gothic, self.mincho, self.gothic_p))


IPA_FONTS = CardFonts(GOTHIC, MINCHO, GOTHIC_P)  # Debian's fonts-ipafont-gothic and -mincho
# typefaces the readers were never tuned on (Debian's fonts-noto-cjk and fonts-vlgothic): a generalisation check
OTHER_FONTS = CardFonts("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
                        "/usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf")

# alpha-3 -> (Japanese short name as printed, surnames, given names, optional kanji name parts)
PEOPLE: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "USA": ("米国", ("SMITH", "JOHNSON", "WILLIAMS", "BROWN", "GARCIA", "MILLER", "DAVIS"),
            ("JAMES", "MARY", "ROBERT", "JENNIFER", "MICHAEL", "LINDA", "DAVID", "SARAH")),
    "GBR": ("英国", ("TAYLOR", "WILSON", "EVANS", "THOMAS", "ROBERTS", "WALKER", "WRIGHT"),
            ("OLIVER", "AMELIA", "GEORGE", "ISLA", "HARRY", "EMILY", "JACK", "CHARLOTTE")),
    "CHN": ("中国", ("WANG", "LI", "ZHANG", "LIU", "CHEN", "YANG", "HUANG", "ZHAO", "ZHOU"),
            ("WEI", "FANG", "XIAOMING", "JING", "LEI", "YAN", "HAO", "XIN", "JUN")),
    "KOR": ("韓国", ("KIM", "LEE", "PARK", "CHOI", "JUNG", "KANG", "CHO", "YOON"),
            ("MINJUN", "SEOYEON", "JIHO", "HAYOON", "DOHYUN", "JIWOO", "SUBIN")),
    "VNM": ("ベトナム", ("NGUYEN", "TRAN", "LE", "PHAM", "HOANG", "PHAN", "VU", "DANG"),
            ("VAN ANH", "THI HOA", "MINH", "THANH TUNG", "THI LAN", "DUC", "HUONG")),
    "TWN": ("台湾", ("CHEN", "LIN", "HUANG", "CHANG", "WU", "TSAI", "HSU"),
            ("CHIA HAO", "YI TING", "SHU FEN", "CHIEN HUNG", "MEI LING")),
    "SWE": ("スウェーデン", ("ERIKSSON", "ANDERSSON", "JOHANSSON", "KARLSSON", "NILSSON", "LARSSON"),
            ("ANNA", "ERIK", "MARIA", "LARS", "KARIN", "JOHAN", "INGRID")),
    "PHL": ("フィリピン", ("SANTOS", "REYES", "CRUZ", "BAUTISTA", "OCAMPO", "GONZALES", "MENDOZA"),
            ("MARIA CRISTINA", "JOSE", "ANGELICA", "MARK ANTHONY", "JOY", "RICARDO")),
    "BRA": ("ブラジル", ("SILVA", "SOUZA", "OLIVEIRA", "PEREIRA", "COSTA", "RODRIGUES", "ALMEIDA"),
            ("JOAO", "ANA", "PEDRO", "BEATRIZ", "LUCAS", "GABRIELA", "MATEUS")),
    "NPL": ("ネパール", ("SHRESTHA", "GURUNG", "TAMANG", "THAPA", "RAI", "MAGAR", "ADHIKARI"),
            ("RAM", "SITA", "BIKASH", "ANITA", "SURESH", "PRAKASH")),
    "IDN": ("インドネシア", ("SANTOSO", "WIJAYA", "HIDAYAT", "SAPUTRA", "KURNIAWAN", "SETIAWAN"),
            ("ADI", "DEWI", "BUDI", "SITI", "AGUS", "RINA")),
    "IND": ("インド", ("SHARMA", "PATEL", "SINGH", "KUMAR", "GUPTA", "REDDY", "IYER"),
            ("ARJUN", "PRIYA", "RAHUL", "ANANYA", "VIKRAM", "DEEPIKA")),
    "FRA": ("フランス", ("MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "PETIT", "DURAND"),
            ("LOUIS", "CAMILLE", "HUGO", "CHLOE", "JULES", "MANON")),
    "DEU": ("ドイツ", ("MUELLER", "SCHMIDT", "SCHNEIDER", "FISCHER", "WEBER", "MEYER", "WAGNER"),
            ("LUKAS", "SOPHIE", "FELIX", "HANNAH", "MAXIMILIAN", "LENA")),
    "PER": ("ペルー", ("QUISPE", "FLORES", "RAMIREZ", "TORRES", "CASTILLO", "VARGAS"),
            ("LUIS", "ROSA", "CARLOS", "CARMEN", "JORGE", "ELENA")),
    "THA": ("タイ", ("SAETANG", "WONGSAWAT", "CHAIYAPORN", "SRISUK", "BOONMA"),
            ("SOMCHAI", "SUDA", "ANAN", "MALEE", "KITTI")),
    "MNG": ("モンゴル", ("BATBAYAR", "GANBOLD", "ENKHBAYAR", "TSEND", "BOLD"),
            ("TEMUULEN", "ANUJIN", "BILGUUN", "NOMIN")),
    "LKA": ("スリランカ", ("PERERA", "FERNANDO", "SILVA", "JAYAWARDENA", "BANDARA"),
            ("KASUN", "NIMALI", "CHAMARA", "DILANI")),
    "MMR": ("ミャンマー", ("AUNG", "THEIN", "HTUN", "MYINT", "KYAW"),
            ("ZAW MIN", "SU SU", "TUN TUN", "AYE AYE")),
    "CAN": ("カナダ", ("TREMBLAY", "ROY", "GAGNON", "MACDONALD", "CAMPBELL", "STEWART"),
            ("NOAH", "EMMA", "LIAM", "OLIVIA", "ETHAN")),
    "AUS": ("オーストラリア", ("JONES", "KELLY", "MURPHY", "RYAN", "O CONNOR", "HUGHES"),
            ("JACK", "CHLOE", "COOPER", "ISLA", "MASON")),
    "RUS": ("ロシア", ("IVANOV", "SMIRNOVA", "KUZNETSOV", "POPOVA", "SOKOLOV", "VOLKOVA"),
            ("DMITRY", "ANASTASIA", "SERGEY", "OLGA", "ALEXEI")),
    "ITA": ("イタリア", ("ROSSI", "RUSSO", "FERRARI", "ESPOSITO", "BIANCHI", "ROMANO"),
            ("GIUSEPPE", "GIULIA", "MARCO", "FRANCESCA", "LUCA")),
    "ESP": ("スペイン", ("GARCIA", "FERNANDEZ", "LOPEZ", "MARTINEZ", "SANCHEZ", "PEREZ"),
            ("ALEJANDRO", "LUCIA", "PABLO", "SOFIA", "DIEGO")),
    "TUR": ("トルコ", ("YILMAZ", "KAYA", "DEMIR", "SAHIN", "CELIK", "OZTURK"),
            ("MEHMET", "AYSE", "MUSTAFA", "ELIF", "EMRE")),
    "NGA": ("ナイジェリア", ("OKAFOR", "ADEYEMI", "OKONKWO", "BELLO", "EZE"),
            ("CHINEDU", "NGOZI", "OLUWASEUN", "AMAKA")),
    "EGY": ("エジプト", ("HASSAN", "MOHAMED", "IBRAHIM", "MAHMOUD", "SAYED"),
            ("AHMED", "FATMA", "OMAR", "MONA")),
    "MEX": ("メキシコ", ("HERNANDEZ", "GONZALEZ", "RODRIGUEZ", "LOPEZ", "MORALES"),
            ("JUAN CARLOS", "GUADALUPE", "MIGUEL ANGEL", "XIMENA")),
    "POL": ("ポーランド", ("NOWAK", "KOWALSKI", "WISNIEWSKA", "WOJCIK", "KAMINSKI"),
            ("PIOTR", "AGNIESZKA", "TOMASZ", "KATARZYNA")),
    "BGD": ("バングラデシュ", ("RAHMAN", "HOSSAIN", "ISLAM", "AHMED", "CHOWDHURY"),
            ("RAFIQ", "NUSRAT", "KAMAL", "TASNIM")),
    "UZB": ("ウズベキスタン", ("KARIMOV", "YUSUPOVA", "RAHIMOV", "ALIEVA"),
            ("BOBUR", "DILNOZA", "JASUR", "MALIKA")),
    "XXA": ("無国籍", ("KHAN", "NOVAK", "ABDI", "HAMID"), ("SAMIR", "LEYLA", "YUSUF", "AMINA")),
}
KANJI_NAMES = {
    "CHN": ("王", "李", "張", "劉", "陳"), "TWN": ("陳", "林", "黄", "張"), "KOR": ("金", "李", "朴", "崔"),
}
KANJI_GIVEN = ("小明", "芳", "静", "偉", "美玲", "俊", "敏")

STATUSES = (
    "永住者", "定住者", "留学", "家族滞在", "技術・人文知識・国際業務", "日本人の配偶者等", "永住者の配偶者等",
    "特定技能1号", "技能実習2号ロ", "経営・管理", "教授", "研究", "技能", "特定活動", "高度専門職1号ロ",
    "介護", "企業内転勤", "文化活動", "教育", "興行",
)
PERIODS = ("1年", "3年", "5年", "6月", "1年3月", "2年", "4年3月")

# (prefecture, municipality, towns) — a sample of real places for variety
PLACES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("東京都", "新宿区", ("西新宿", "歌舞伎町", "高田馬場", "大久保", "四谷")),
    ("東京都", "港区", ("六本木", "赤坂", "芝浦", "白金台")),
    ("東京都", "豊島区", ("池袋", "南大塚", "目白", "巣鴨")),
    ("東京都", "江戸川区", ("西葛西", "南小岩", "船堀", "平井")),
    ("東京都", "八王子市", ("旭町", "明神町", "南大沢", "横山町")),
    ("東京都", "世田谷区", ("三軒茶屋", "太子堂", "用賀", "北沢")),
    ("神奈川県", "横浜市中区", ("山下町", "元町", "本牧町", "伊勢佐木町")),
    ("神奈川県", "川崎市川崎区", ("駅前本町", "砂子", "小川町")),
    ("大阪府", "大阪市生野区", ("桃谷", "鶴橋", "中川", "巽南")),
    ("大阪府", "大阪市北区", ("梅田", "天神橋", "中之島")),
    ("愛知県", "名古屋市中区", ("栄", "大須", "錦", "丸の内")),
    ("愛知県", "豊田市", ("保見町", "若宮町", "小坂本町")),
    ("埼玉県", "川口市", ("芝園町", "西川口", "並木", "栄町")),
    ("千葉県", "千葉市美浜区", ("幕張西", "高洲", "真砂")),
    ("福岡県", "福岡市博多区", ("博多駅前", "中洲", "祇園町")),
    ("北海道", "札幌市中央区", ("北一条西", "南三条西", "大通西")),
    ("静岡県", "浜松市中央区", ("砂山町", "鍛冶町", "田町")),
    ("群馬県", "太田市", ("東本町", "飯塚町", "浜町")),
    ("京都府", "京都市左京区", ("吉田本町", "田中関田町", "北白川別当町")),
    ("兵庫県", "神戸市中央区", ("元町通", "北野町", "三宮町")),
    ("広島県", "広島市中区", ("紙屋町", "大手町", "八丁堀")),
    ("宮城県", "仙台市青葉区", ("一番町", "国分町", "上杉")),
)
BUILDINGS = ("ハイツ青葉", "メゾン桜", "グランドパレス", "コーポ山田", "サンライズマンション", "レジデンス栄",
             "パークハイム", "ビラ若葉", "第二松本荘", "シャトー緑")
ROOMS = (101, 102, 201, 203, 305, 402, 503, 1105)


@dataclass(frozen=True)
class AddressVocabulary:
    """What generated addresses are made of: places (prefecture, city, its towns), building names, room numbers."""

    places: tuple[tuple[str, str, tuple[str, ...]], ...]
    buildings: tuple[str, ...]
    rooms: tuple[int, ...]


TUNED_VOCABULARY = AddressVocabulary(PLACES, BUILDINGS, ROOMS)  # the readers were tuned on cards of these
_BUILDING_PREFIXES = ("ハイツ", "メゾン", "コーポ", "グランド", "ロイヤル", "シャトー", "ビラ", "プラザ", "パーク",
                      "レジデンス", "アーバン", "カーサ", "リバーサイド", "エクセル", "ドミール")
_BUILDING_NAMES = ("青葉", "桜", "緑", "松本", "山田", "富士見", "若葉", "白樺", "朝日", "光", "東", "南", "中村", "栄",
                   "花園", "泉", "柏木", "大和", "双葉", "旭", "宮前", "竹内", "日の出", "ひまわり", "さくら")
_BUILDING_SUFFIXES = ("荘", "ハイツ", "マンション", "コーポ", "ビル", "レジデンス", "ハウス", "コート", "ヒルズ")


def wide_vocabulary(places: dict[tuple[str, str], Iterable[str]]) -> AddressVocabulary:
    """A vocabulary the readers were not tuned on, for a generalisation check: the given places (every
    town of Japan, say), building names made from common parts (ハイツ朝日, 富士見荘, 第二白樺コート; none of
    the tuned ones) and rooms on floors 1-15, one to twelve to a floor."""
    buildings = [prefix + name for prefix in _BUILDING_PREFIXES for name in _BUILDING_NAMES]
    buildings += [head + name + suffix for head in ("", "第二", "第3") for name in _BUILDING_NAMES
                  for suffix in _BUILDING_SUFFIXES]
    rooms = tuple(floor * 100 + unit for floor in range(1, 16) for unit in range(1, 13))
    named = {key: tuple(sorted(town for town in towns if town)) for key, towns in places.items() if key[0]}
    return AddressVocabulary(tuple((prefecture, city, towns) for (prefecture, city), towns in sorted(named.items())
                                   if towns),
                             tuple(sorted(set(buildings) - set(BUILDINGS))), rooms)


KANJI_DIGITS = "〇一二三四五六七八九"
ERAS = (("令和", dt.date(2019, 5, 1)), ("平成", dt.date(1989, 1, 8)), ("昭和", dt.date(1926, 12, 25)))


@dataclass(frozen=True)
class CardData:
    layout: str  # "residence_card" (在留カード) | "alien_registration_certificate" (外国人登録証明書)
    name: str  # roman capitals as printed, e.g. "ERIKSSON ANNA MARIA"
    birth_date: dt.date
    sex: str  # 'M' | 'F'
    nationality: str  # ISO alpha-3 (XXA stateless)
    address: str  # as printed on the front (or the first address when it is on the back)
    card_number: str  # AB12345678CD
    status_of_residence: str
    expiry_date: dt.date
    address_changes: tuple[tuple[dt.date, str], ...] = ()  # back-side 住居地記載欄 entries
    address_on_back: bool = False  # front says 未定（届出後裏面に記載）
    kanji_name: str | None = None  # printed after the roman name for some Chinese/Korean/Taiwanese holders
    period: str = "3年"  # 在留期間 as printed before the expiry date; "無期限" for permanent residents

    @property
    def current_address(self) -> str:
        """The address a reader should report: the latest back-side entry, else the front."""
        if self.address_changes:
            return max(self.address_changes, key=lambda e: e[0])[1]
        return self.address

    @property
    def nationality_ja(self) -> str:
        return PEOPLE[self.nationality][0]


def _kanji_number(n: int) -> str:
    """1..99 in kanji numerals (二十三), as addresses print block numbers."""
    if n < 10:
        return KANJI_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else KANJI_DIGITS[tens]) + "十" + (KANJI_DIGITS[ones] if ones else "")


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" or c == "-" else c for c in text).replace("－", "－")


def random_address(rng: random.Random, vocabulary: AddressVocabulary = TUNED_VOCABULARY) -> str:
    """A Japanese address in one of several print styles (kanji numerals, 丁目/番/号, hyphens, full width)."""
    pref, city, towns = rng.choice(vocabulary.places)
    town = rng.choice(towns)
    chome, ban, go = rng.randint(1, 9), rng.randint(1, 40), rng.randint(1, 30)
    style = rng.choice(("kanji_chome", "digits_chome", "hyphen", "hyphen_fw", "banchi"))
    if style == "kanji_chome":
        block = f"{_kanji_number(chome)}丁目{ban}番{go}号"
    elif style == "digits_chome":
        block = f"{chome}丁目{ban}番{go}号"
    elif style == "hyphen":
        block = f"{chome}-{ban}-{go}"
    elif style == "hyphen_fw":
        block = _full_width(f"{chome}-{ban}-{go}")
    else:
        block = f"{ban}番地{go}"
    address = f"{pref}{city}{town}{block}"
    if rng.random() < 0.45:
        room = rng.choice(vocabulary.rooms)
        sep = rng.choice(("", " ", "　"))
        tail = rng.choice((f"{room}号室", f"{room}号", f"{room}"))
        address += f"{sep}{rng.choice(vocabulary.buildings)}{tail}"
    if rng.random() < 0.15 and pref != "北海道":
        address = address[len(pref):]  # some cards omit the prefecture of a major city
    return address


def random_card_number(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return (rng.choice(letters) + rng.choice(letters) + "".join(rng.choice("0123456789") for _ in range(8))
            + rng.choice(letters) + rng.choice(letters))


def random_card_data(rng: random.Random, *, submitted_on: dt.date | None = None,
                     vocabulary: AddressVocabulary = TUNED_VOCABULARY, **overrides: Any) -> CardData:
    """A random card holder, addresses drawn from ``vocabulary``; ``overrides`` replace any :class:`CardData`
    field (e.g. ``layout=``)."""
    today = submitted_on or dt.date(2026, 11, 25)
    layout = overrides.get("layout") or rng.choice(LAYOUTS)
    nationality = overrides.get("nationality") or rng.choice(sorted(PEOPLE))
    _, surnames, given = PEOPLE[nationality]
    name = f"{rng.choice(surnames)} {rng.choice(given)}"
    if rng.random() < 0.25:
        name += f" {rng.choice(given)}"
    kanji_name = None
    if nationality in KANJI_NAMES and rng.random() < 0.5:
        kanji_name = rng.choice(KANJI_NAMES[nationality]) + rng.choice(KANJI_GIVEN)
    birth = today - dt.timedelta(days=rng.randint(16 * 365, 75 * 365))
    status = rng.choice(STATUSES)
    period = "無期限" if status == "永住者" else rng.choice(PERIODS)
    if layout == "alien_registration_certificate":
        # the old certificates stopped being issued in 2012; most have run out, some are still valid
        expiry = today + dt.timedelta(days=rng.randint(-4 * 365, 3 * 365))
    else:
        expiry = today + dt.timedelta(days=rng.randint(-200, 5 * 365))
    changes: tuple[tuple[dt.date, str], ...] = ()
    address_on_back = False
    if layout == "residence_card":
        r = rng.random()
        if r < 0.15:
            address_on_back = True
            changes = ((today - dt.timedelta(days=rng.randint(30, 900)), random_address(rng, vocabulary)),)
        elif r < 0.35:
            n = rng.randint(1, 3)
            days = sorted(rng.sample(range(30, 1500), n), reverse=True)
            changes = tuple((today - dt.timedelta(days=d), random_address(rng, vocabulary)) for d in days)
    data = CardData(
        layout=layout, name=name, birth_date=birth, sex=rng.choice("MF"), nationality=nationality,
        address=random_address(rng, vocabulary), card_number=random_card_number(rng), status_of_residence=status,
        expiry_date=expiry, address_changes=changes, address_on_back=address_on_back, kanji_name=kanji_name,
        period=period,
    )
    return replace(data, **{k: v for k, v in overrides.items() if k != "layout"})


# --------------------------------------------------------------------------
# Printing styles
# --------------------------------------------------------------------------


def era_date(d: dt.date) -> tuple[str, int]:
    for era, start in ERAS:
        if d >= start:
            return era, d.year - start.year + 1
    raise ValueError("date before 昭和")


def format_date(d: dt.date, style: str) -> str:
    """Print ``d`` as ``western`` (1990年01月01日), ``western_short`` (1990年1月1日), ``era`` or ``*_fw``."""
    base = style.removesuffix("_fw")
    if base == "western":
        text = f"{d.year}年{d.month:02d}月{d.day:02d}日"
    elif base == "western_short":
        text = f"{d.year}年{d.month}月{d.day}日"
    elif base == "era":
        era, year = era_date(d)
        text = f"{era}{'元' if year == 1 else year}年{d.month}月{d.day}日"
    elif base == "era_padded":
        era, year = era_date(d)
        text = f"{era}{'元' if year == 1 else f'{year:02d}'}年{d.month:02d}月{d.day:02d}日"
    else:
        raise ValueError(style)
    return _full_width(text) if style.endswith("_fw") else text


def _date_style(rng: random.Random, layout: str) -> str:
    if layout == "alien_registration_certificate":
        base = rng.choice(("era", "era_padded", "era", "western"))
    else:
        base = rng.choice(("western", "western", "western_short", "era"))
    return base + ("_fw" if rng.random() < 0.2 else "")


def _sex_text(sex: str, rng: random.Random) -> str:
    ja = "男" if sex == "M" else "女"
    return rng.choice((ja, f"{ja} {sex}.", f"{sex}.", ja))


@lru_cache(maxsize=64)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


@lru_cache(maxsize=1)
def _portrait_sources() -> tuple[np.ndarray, ...]:
    from matplotlib import cbook
    from skimage import data as skdata

    with cbook.get_sample_data("grace_hopper.jpg") as fh:
        hopper = np.asarray(Image.open(fh).convert("RGB"))
    astronaut = skdata.astronaut()[:300, 100:380]
    camera = cv2.cvtColor(skdata.camera()[20:330, 150:380], cv2.COLOR_GRAY2RGB)
    return hopper[:380, 80:470], astronaut, camera


def _portrait(rng: random.Random, w: int, h: int) -> Image.Image:
    """A sample portrait crop, jittered and recoloured, or a grey silhouette."""
    if rng.random() < 0.2:
        img = Image.new("RGB", (w, h), tuple(rng.randint(200, 235) for _ in range(3)))
        d = ImageDraw.Draw(img)
        tone = rng.randint(90, 150)
        d.ellipse((w * 0.28, h * 0.12, w * 0.72, h * 0.58), fill=(tone, tone, tone))
        d.ellipse((w * 0.05, h * 0.6, w * 0.95, h * 1.4), fill=(tone, tone, tone))
        return img
    src = rng.choice(_portrait_sources())
    sh, sw = src.shape[:2]
    cw = int(sw * rng.uniform(0.8, 1.0))
    ch = min(sh, int(cw * h / w))
    x0, y0 = rng.randint(0, sw - cw), rng.randint(0, max(0, sh - ch))
    crop = src[y0:y0 + ch, x0:x0 + cw]
    if rng.random() < 0.5:
        crop = crop[:, ::-1]
    img = Image.fromarray(np.ascontiguousarray(crop)).resize((w, h), Image.LANCZOS)
    arr = np.asarray(img).astype(np.float32) * rng.uniform(0.85, 1.1) + rng.uniform(-15, 15)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


class _Canvas:
    """A card-sized PIL canvas addressed in millimetres."""

    def __init__(self, dpi: int, tint: tuple[int, int, int], rng: random.Random):
        self.dpi = dpi
        self.px = dpi / MM_PER_INCH
        self.w, self.h = round(CARD_MM[0] * self.px), round(CARD_MM[1] * self.px)
        self.img = Image.new("RGB", (self.w, self.h), tint)
        self.draw = ImageDraw.Draw(self.img)
        self._pattern(tint, rng)

    def _pattern(self, tint: tuple[int, int, int], rng: random.Random) -> None:
        kind = rng.choice(("waves", "circles", "none", "waves"))
        darker = tuple(max(0, c - rng.randint(10, 22)) for c in tint)
        if kind == "waves":
            step = rng.uniform(1.5, 3.0) * self.px
            amp, freq = rng.uniform(1, 3) * self.px, rng.uniform(0.02, 0.06)
            y = -amp
            while y < self.h + amp:
                pts = [(x, y + amp * math.sin(x * freq / self.px * 10)) for x in range(0, self.w + 8, 8)]
                self.draw.line(pts, fill=darker, width=max(1, round(self.px * 0.12)))
                y += step
        elif kind == "circles":
            cx, cy = rng.uniform(0.3, 0.7) * self.w, rng.uniform(0.3, 0.7) * self.h
            r = 2 * self.px
            while r < self.w:
                self.draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=darker, width=max(1, round(self.px * 0.1)))
                r += rng.uniform(2.0, 3.5) * self.px

    def text(self, x_mm: float, y_mm: float, text: str, size_mm: float, font: str,
             colour: tuple[int, int, int] = (20, 20, 20)) -> float:
        """Draw ``text`` with its top-left at (x, y) mm; returns the right edge in mm."""
        f = _font(font, max(6, round(size_mm * self.px)))
        self.draw.text((x_mm * self.px, y_mm * self.px), text, font=f, fill=colour)
        return x_mm + self.draw.textlength(text, font=f) / self.px

    def fit_size(self, text: str, size_mm: float, font: str, max_width_mm: float) -> float:
        """The largest size up to ``size_mm`` at which ``text`` fits, measured at the pixel size drawn
        (a linear scale-down alone overran by a glyph, under the photo, as font sizes are whole pixels)."""
        for _ in range(40):
            f = _font(font, max(6, round(size_mm * self.px)))
            width = self.draw.textlength(text, font=f) / self.px
            if width <= max_width_mm or round(size_mm * self.px) <= 6:
                return size_mm
            size_mm = min(size_mm * max_width_mm / width, size_mm - 0.5 / self.px)
        return size_mm

    def photo(self, x_mm: float, y_mm: float, w_mm: float, h_mm: float, rng: random.Random) -> None:
        w, h = round(w_mm * self.px), round(h_mm * self.px)
        self.img.paste(_portrait(rng, w, h), (round(x_mm * self.px), round(y_mm * self.px)))

    def bgr(self) -> np.ndarray:
        return cv2.cvtColor(np.asarray(self.img), cv2.COLOR_RGB2BGR)


def _tint(rng: random.Random, layout: str) -> tuple[int, int, int]:
    if layout == "residence_card":
        base = rng.choice(((240, 210, 230), (210, 222, 248), (232, 214, 250), (248, 214, 222)))
    else:
        base = rng.choice(((212, 242, 206), (248, 236, 200), (204, 236, 232)))
    return tuple(min(255, max(0, c + rng.randint(-5, 5))) for c in base)  # type: ignore[return-value]


def render_card_front(data: CardData, *, dpi: int = 300, rng: random.Random, date_style: str | None = None,
                      fonts: CardFonts = IPA_FONTS) -> np.ndarray:
    """The clean front of the card as a BGR image (85.6 × 54 mm at ``dpi``).

    ``date_style`` forces how dates print (see :func:`format_date`); by default it is drawn at random.
    """
    c = _Canvas(dpi, _tint(rng, data.layout), rng)
    gothic = fonts.gothic
    label_font = rng.choice((gothic, gothic, fonts.mincho))
    value_font = rng.choice((gothic, fonts.mincho, fonts.gothic_p))
    s = rng.uniform(0.88, 1.12)  # overall type scale
    lab, eng, val = 2.0 * s, 1.25 * s, 2.35 * s
    x0, y = rng.uniform(2.5, 4.5), rng.uniform(2.0, 3.5)
    photo_w = rng.uniform(20.0, 24.0)
    photo_x = CARD_MM[0] - photo_w - rng.uniform(2.5, 4.5)
    photo_y = rng.uniform(9.5, 12.5)
    text_right = photo_x - 1.0
    row = rng.uniform(4.6, 5.6) * s
    date_style = date_style or _date_style(rng, data.layout)
    residence = data.layout == "residence_card"

    def labelled(y_mm: float, ja: str, en: str, value: str, x_mm: float = x0, right: float = text_right,
                 size: float = val) -> float:
        x = c.text(x_mm, y_mm + 0.2, ja, lab, label_font)
        x = c.text(x + 0.8, y_mm + 0.6, en, eng, gothic)
        vx = x + rng.uniform(1.2, 2.5)
        size = c.fit_size(value, size, value_font, right - vx)
        return c.text(vx, y_mm + (val - size) / 2, value, size, value_font)

    # heading
    if residence:
        x = c.text(x0, y, "日本国政府", 1.6 * s, label_font)
        c.text(x + 1.5, y - 0.4, "在留カード", 3.2 * s, gothic)
        num_label = "番号"
    else:
        c.text(x0, y - 0.3, "外国人登録証明書", 3.0 * s, label_font)
        c.text(x0, y + 3.0 * s, "CERTIFICATE OF ALIEN REGISTRATION", 1.2 * s, gothic)
        num_label = "登録番号"
    nx = CARD_MM[0] - rng.uniform(33.0, 38.0)
    nx = c.text(nx, y + 0.3, num_label, lab, label_font)
    if not residence:
        nx = c.text(nx + 0.6, y + 0.6, "No.", eng, gothic)
    c.text(nx + 1.0, y, data.card_number, val * 1.05, gothic)
    y += (7.0 if residence else 7.8) * s
    n_rows = 8 if residence else 7
    row = min(row, (CARD_MM[1] - 2.8 - val - y) / (n_rows - 1))
    name = data.name + (f" {data.kanji_name}" if data.kanji_name else "")
    labelled(y, "氏名", "NAME", name)
    y += row
    birth = format_date(data.birth_date, date_style)
    sex = _sex_text(data.sex, rng)
    if rng.random() < 0.5:
        right = labelled(y, "生年月日", "DATE OF BIRTH", birth)
        if right + 24 < text_right:  # room for 性別 SEX and a full-size value
            labelled(y, "性別", "SEX", sex, x_mm=right + rng.uniform(2.0, 3.5))
        else:
            y += row
            labelled(y, "性別", "SEX", sex)
    else:
        labelled(y, "生年月日", "DATE OF BIRTH", birth)
        y += row
        labelled(y, "性別", "SEX", sex)
    y += row
    if residence:
        labelled(y, "国籍・地域", "NATIONALITY/REGION", data.nationality_ja)
    else:
        labelled(y, "国籍", "NATIONALITY", data.nationality_ja)
    y += row
    photo_bottom = photo_y + photo_w * 1.25
    if rng.random() < 0.5 and photo_bottom + 0.3 + (n_rows - 4) * row < CARD_MM[1] - 2.8 - val:
        y = max(y, photo_bottom + 0.3)  # some layouts start the address below the photo

    def right_at(y_mm: float) -> float:
        return text_right if y_mm < photo_bottom + 0.3 else CARD_MM[0] - 2.5

    address = PENDING_ADDRESS if data.address_on_back else data.address
    labelled(y, "住居地" if residence else "居住地", "ADDRESS", address, right=right_at(y))
    y += row
    status_ja = "在留資格" if residence else "在留の資格"
    labelled(y, status_ja, "STATUS", data.status_of_residence, right=right_at(y))
    y += row
    expiry = format_date(data.expiry_date, date_style)
    if residence:
        period = f"{data.period}（{expiry}）" if data.period != "無期限" else "無期限"
        labelled(y, "在留期間(満了日)", "PERIOD OF STAY", period, right=CARD_MM[0] - 2.5, size=val * 0.95)
        y += row
        validity = data.expiry_date
        c.text(x0, min(y, CARD_MM[1] - 3.2), f"このカードは{format_date(validity, date_style)}まで有効です。",
               1.6 * s, label_font)
    else:
        labelled(y, "在留期限", "PERIOD OF STAY", expiry, right=CARD_MM[0] - 2.5, size=val * 0.95)
    c.photo(photo_x, photo_y, photo_w, photo_w * 1.25, rng)
    return c.bgr()


def render_card_back(data: CardData, *, dpi: int = 300, rng: random.Random, fonts: CardFonts = IPA_FONTS
                     ) -> np.ndarray | None:
    """The back of a residence card with its 住居地記載欄 entries; ``None`` for the old certificate."""
    if data.layout != "residence_card":
        return None
    c = _Canvas(dpi, _tint(rng, data.layout), rng)
    gothic = fonts.gothic
    font = rng.choice((gothic, fonts.mincho))
    s = rng.uniform(0.9, 1.1)
    x0, y = rng.uniform(2.5, 4.0), rng.uniform(2.0, 3.5)
    c.text(x0, y, "住居地記載欄", 2.2 * s, gothic)
    y += 3.6 * s
    col_date, col_addr, col_stamp = x0, x0 + 22.0, CARD_MM[0] - 14.0
    line = (90, 90, 90)
    lw = max(1, round(c.px * 0.15))
    c.text(col_date + 2, y, "届出年月日", 1.5 * s, font)
    c.text(col_addr + 12, y, "住居地", 1.5 * s, font)
    c.text(col_stamp + 1.5, y, "記載者印", 1.5 * s, font)
    y += 2.6 * s
    row_h = rng.uniform(5.2, 6.0)
    date_style = rng.choice(("western", "western_short"))
    entries = sorted(data.address_changes, key=lambda e: e[0])
    for i in range(4):
        top = y + i * row_h
        c.draw.line([(x0 * c.px, top * c.px), ((CARD_MM[0] - 2.5) * c.px, top * c.px)], fill=line, width=lw)
        if i < len(entries):
            when, where = entries[i]
            c.text(col_date, top + 1.5, format_date(when, date_style), 1.9 * s, font)
            size = c.fit_size(where, 2.0 * s, font, col_stamp - col_addr - 1.5)
            c.text(col_addr, top + 1.4, where, size, font)
            if rng.random() < 0.7:
                r = 2.2 * c.px
                cx, cy = (col_stamp + 6) * c.px, (top + row_h / 2) * c.px
                c.draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(200, 60, 60), width=lw)
                c.text(col_stamp + 4.6, top + 2.0, "区長", 1.2, gothic, colour=(200, 60, 60))
    bottom = y + 4 * row_h
    c.draw.line([(x0 * c.px, bottom * c.px), ((CARD_MM[0] - 2.5) * c.px, bottom * c.px)], fill=line, width=lw)
    c.draw.line([((col_addr - 1) * c.px, y * c.px), ((col_addr - 1) * c.px, bottom * c.px)], fill=line, width=lw)
    c.draw.line([((col_stamp - 1) * c.px, y * c.px), ((col_stamp - 1) * c.px, bottom * c.px)], fill=line, width=lw)
    if bottom + 6 < CARD_MM[1]:
        c.text(x0, bottom + 1.5, "在留期間更新等許可申請欄", 1.8 * s, gothic)
    return c.bgr()


def _card_edge(card: np.ndarray, dpi: int) -> np.ndarray:
    """Rounded corners and a faint edge shadow, as a physical card shows on a flatbed."""
    out = card.copy()
    h, w = out.shape[:2]
    r = round(3.0 / MM_PER_INCH * dpi)
    mask = np.zeros((h, w), np.uint8)
    cv2.rectangle(mask, (r, 0), (w - r, h), 255, -1)
    cv2.rectangle(mask, (0, r), (w, h - r), 255, -1)
    for cx, cy in ((r, r), (w - r, r), (r, h - r), (w - r, h - r)):
        cv2.circle(mask, (cx, cy), r, 255, -1)
    out[mask == 0] = (250, 250, 250)
    edge = cv2.morphologyEx(mask, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
    out[edge > 0] = (170, 170, 170)
    return out


def card_scan(image: np.ndarray, *, damage: ScanDamage, rng: random.Random, on_a4: bool = True,
              dpi_render: int = 300) -> np.ndarray:
    """A scanned card: laid on an A4 page (or alone) and damaged like a scanning station would."""
    card = _card_edge(image, dpi_render)
    page = place_on_a4(card, dpi_render, rng) if on_a4 else card
    return apply_damage(page, damage, source_dpi=dpi_render, seed=rng.randrange(2**31))


def normalize_text(text: str) -> str:
    """NFKC without spaces: how benchmark and tests compare printed and read text."""
    return unicodedata.normalize("NFKC", text).replace(" ", "")
