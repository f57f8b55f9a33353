"""The plugin against real tesseract on generated cards of both layouts: upright, rotated, PDF, back page."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import numpy as np
import pytest
from docproc_alien_registration import plugin, reader
from docproc_alien_registration.gazetteer import towns
from rapidfuzz import fuzz

from docproc.errors import UnreadableDocument
from docproc.loading import iter_pages
from docproc.models import DeclaredPerson, DocumentRef, DocumentResult, FieldValue, Page, ReadContext, Submission
from docproc.normalize import normalize_address
from docproc.settings import Settings
from docproc.synth.card import (
    OTHER_FONTS,
    TUNED_VOCABULARY,
    AddressVocabulary,
    CardFonts,
    card_scan,
    random_card_data,
    render_card_back,
    render_card_front,
    wide_vocabulary,
)
from docproc.synth.damage import ScanDamage, random_damage, save_pages

SUBMITTED = dt.date(2026, 11, 25)
MILD = ScanDamage(skew_deg=2.5, dpi=300, noise_sigma=3.0, jpeg_quality=85, light_gradient=0.1)


def _context() -> ReadContext:
    sub = Submission(submission_id="t-1", submitted_on=SUBMITTED, applicant=DeclaredPerson(name="X"),
                     documents=[DocumentRef(file="card.png")])
    return ReadContext(submission=sub, settings=None)


def _read(image, name: str = "card.png"):
    page = Page(file=name, index=0, image=image)
    classification = plugin.docproc_classify(page)
    assert classification is not None and classification.doc_type == "alien_registration"
    assert classification.score >= 0.5
    return plugin.docproc_read(page, "alien_registration", _context())


def _check_front(reading, data, *, allowed_misses: int = 1) -> None:
    """Every field read and well formed; at most ``allowed_misses`` OCR slips among the exact values
    (the benchmark measures the rates; a fixed card here must not hinge on one digit)."""
    f = reading.fields
    assert reading.role == "front"
    assert f["layout"].value == data.layout
    expected = {
        "name": data.name, "birth_date": data.birth_date.isoformat(), "sex": data.sex,
        "nationality": data.nationality, "card_number": data.card_number,
        "expiry_date": data.expiry_date.isoformat(), "status_of_residence": data.status_of_residence,
    }
    assert expected.keys() <= f.keys()
    wrong = {k: (f[k].value, v) for k, v in expected.items() if f[k].value != v}
    assert len(wrong) <= allowed_misses, wrong
    for key in ("name", "card_number", "birth_date"):
        assert f[key].region is not None and f[key].region.width > 0 and 0 < f[key].confidence <= 1
    assert re.fullmatch(r"[A-Z]{2}\d{8}[A-Z]{2}", f["card_number"].value)
    expired = [p for p in reading.problems if p.code == "document:expired"]
    ended = dt.date.fromisoformat(f["expiry_date"].value) < SUBMITTED
    assert bool(expired) == (ended and f["expiry_date"].confidence >= 0.6)


@pytest.mark.parametrize(("layout", "seed", "rotation", "on_a4"), [
    ("residence_card", 11, 0, True),
    ("alien_registration_certificate", 12, 0, False),
    ("residence_card", 13, 90, True),
    ("alien_registration_certificate", 14, 180, True),
])
def test_reads_front_of_both_layouts(layout: str, seed: int, rotation: int, on_a4: bool) -> None:
    rng = random.Random(seed)
    data = random_card_data(rng, submitted_on=SUBMITTED, layout=layout, address_on_back=False, address_changes=())
    image = card_scan(render_card_front(data, rng=rng), damage=ScanDamage(**{**MILD.describe(), "rotation": rotation}),
                      rng=rng, on_a4=on_a4)
    reading = _read(image)
    _check_front(reading, data)
    # exact address rates are the benchmark's business; here the address must be the printed one, nearly
    assert fuzz.ratio(normalize_address(reading.fields["address"].value), normalize_address(data.address)) >= 90


def test_era_dates_on_old_certificate() -> None:
    rng = random.Random(21)
    data = random_card_data(rng, submitted_on=SUBMITTED, layout="alien_registration_certificate",
                            birth_date=dt.date(1989, 1, 8), expiry_date=dt.date(2019, 5, 1))
    front = render_card_front(data, rng=rng, date_style="era")
    reading = _read(card_scan(front, damage=MILD, rng=rng))
    assert reading.fields["birth_date"].value == "1989-01-08"
    assert reading.fields["expiry_date"].value == "2019-05-01"
    assert "元" in reading.fields["birth_date"].raw  # printed as 平成元年
    assert [p.code for p in reading.problems] == ["document:expired"]


def test_pdf_scan(tmp_path: Path) -> None:
    rng = random.Random(31)
    data = random_card_data(rng, submitted_on=SUBMITTED, layout="residence_card", address_on_back=False,
                            address_changes=())
    image = card_scan(render_card_front(data, rng=rng), damage=MILD, rng=rng, on_a4=True)
    save_pages([image], tmp_path / "card.pdf", dpi=300)
    pages = list(iter_pages(tmp_path, DocumentRef(file="card.pdf"), Settings()))
    assert len(pages) == 1
    reading = _read(pages[0].image, "card.pdf")
    _check_front(reading, data)


VL_GOTHIC = "/usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf"


@pytest.mark.skipif(not Path(VL_GOTHIC).exists(), reason="fonts-vlgothic is not installed (scripts/install.sh does)")
@pytest.mark.parametrize("layout", ["residence_card", "alien_registration_certificate"])
def test_a_card_drawn_in_a_typeface_the_reader_was_not_tuned_on_is_read(layout: str) -> None:
    """Every card the reader was built on is drawn in the IPA fonts, as are its glyph templates; VL Gothic's
    kanji, kana and digits differ in shape and spacing. ``bench_cards.py --fonts other`` measures the rest."""
    vl = CardFonts(VL_GOTHIC, VL_GOTHIC, VL_GOTHIC)
    rng = random.Random(5)
    data = random_card_data(rng, submitted_on=SUBMITTED, layout=layout, address_changes=())
    image = card_scan(render_card_front(data, rng=rng, fonts=vl), damage=MILD, rng=rng, on_a4=True)
    _check_front(_read(image), data)
    ipa_drawn = render_card_front(data, rng=random.Random(9))
    assert not np.array_equal(ipa_drawn, render_card_front(data, rng=random.Random(9), fonts=vl))


def test_an_address_from_places_and_buildings_the_reader_was_not_tuned_on_is_read() -> None:
    """The benchmark's cards take their towns, buildings and rooms from short lists; ``--vocab wide`` draws
    from every town of Japan with made-up buildings. A town of Nagano with ドミール旭 room 1405 reads exactly."""
    vocabulary = wide_vocabulary(towns())
    assert len(vocabulary.places) > 1800 and not set(vocabulary.buildings) & set(TUNED_VOCABULARY.buildings)
    rng = random.Random(4)
    data = random_card_data(rng, submitted_on=SUBMITTED, layout="residence_card", address_changes=(),
                            address_on_back=False, vocabulary=vocabulary)
    assert data.address.startswith("長野県飯田市浜井町") and "ドミール旭1405" in data.address
    front = _read(card_scan(render_card_front(data, rng=rng), damage=MILD, rng=rng, on_a4=True))
    assert normalize_address(front.fields["address"].value) == normalize_address(data.address)


def test_back_address_change_is_merged_into_front() -> None:
    rng = random.Random(41)
    changes = ((dt.date(2023, 4, 1), "東京都豊島区池袋二丁目3番4号"), (dt.date(2025, 6, 10), "埼玉県川口市芝園町5-6-7"))
    data = random_card_data(rng, submitted_on=SUBMITTED, layout="residence_card", address_changes=changes,
                            address_on_back=False)
    front = _read(card_scan(render_card_front(data, rng=rng), damage=MILD, rng=rng), "front.png")
    back = _read(card_scan(render_card_back(data, rng=rng), damage=ScanDamage(rotation=180, skew_deg=-2, dpi=300),
                           rng=rng), "back.png")
    assert back.role == "back"
    # the later of the two entries, read nearly exactly (exact rates are the benchmark's business)
    assert fuzz.ratio(normalize_address(back.fields["address"].value), "埼玉県川口市芝園町5-6-7") >= 85
    docs = [DocumentResult(file="front.png", type="alien_registration", role="front", fields=front.fields),
            DocumentResult(file="back.png", type="alien_registration", role="back", fields=back.fields)]
    merged = plugin.docproc_merge_documents(docs, _context())
    assert merged is not None and merged is not docs
    assert merged[0].fields["address"] == back.fields["address"]
    assert docs[0].fields["address"].value == front.fields["address"].value  # input not mutated


def test_a_back_blurred_past_tesseract_is_read_by_the_second_engine_for_review() -> None:
    """Seed 41's card 118: its back (three entries) scanned at 150 dpi with blur, quarter-turned on A4; tesseract
    finds no text on it, even row by row. The table's ruled lines still tell a back, and PP-OCRv6 reads its rows:
    the latest entry's address (its place spelt from the frames), for review. Before, the back had no address
    and the front's (the first, since changed twice) was all the verdict had."""
    data, front_image, back_image = _bench_card(41, 118)
    back = _read(back_image, "back.png")
    assert back.role == "back"
    assert normalize_address(back.fields["address"].value) == normalize_address(data.current_address)
    assert back.fields["address"].confidence < 0.6
    front = _read(front_image, "front.png")
    docs = [DocumentResult(file="front.png", type="alien_registration", role="front", fields=front.fields),
            DocumentResult(file="back.png", type="alien_registration", role="back", fields=back.fields)]
    merged = plugin.docproc_merge_documents(docs, _context())
    assert merged is not None
    assert merged[0].fields["address"] == back.fields["address"]
    assert merged[0].fields["address_normalized"].confidence < 0.6


def test_a_back_with_no_address_read_sends_the_fronts_address_to_review() -> None:
    """A back page whose entries could not be read at all (its role told by the table's rules): the front's
    address may be one since changed, so it is not reported sure."""
    front = {"address": FieldValue(value="東京都新宿区西新宿2-8-1", confidence=0.94)}
    docs = [DocumentResult(file="front.png", type="alien_registration", role="front", fields=front),
            DocumentResult(file="back.png", type="alien_registration", role="back", fields={})]
    merged = plugin.docproc_merge_documents(docs, _context())
    assert merged is not None
    assert merged[0].fields["address"].value == "東京都新宿区西新宿2-8-1"
    assert merged[0].fields["address"].confidence < 0.6


def test_a_date_whose_box_ends_inside_the_day_goes_to_review() -> None:
    """Unseen seed 227's card 26 (rotated, 200 dpi): the expiry date's box ends inside the day, so every
    reading of both engines gives 2026年08月2 for 08月21日; the date read is 2026-08-02 and was sure (0.9)."""
    data, front_image, _ = _bench_card(227, 26)
    front = _read(front_image)
    expiry = front.fields["expiry_date"]
    assert expiry.value == data.expiry_date.isoformat() or expiry.confidence < 0.6


def test_pending_front_address_comes_from_back() -> None:
    rng = random.Random(51)
    data = random_card_data(rng, submitted_on=SUBMITTED, layout="residence_card", address_on_back=True,
                            address_changes=((dt.date(2025, 1, 20), "大阪府大阪市北区梅田1丁目2番3号"),))
    front = _read(card_scan(render_card_front(data, rng=rng), damage=MILD, rng=rng))
    assert "address" not in front.fields and front.fields["address_on_back"].value is True
    back = _read(card_scan(render_card_back(data, rng=rng), damage=MILD, rng=rng))
    docs = [DocumentResult(file="a.png", type="alien_registration", role="front", fields=front.fields),
            DocumentResult(file="b.png", type="alien_registration", role="back", fields=back.fields)]
    merged = plugin.docproc_merge_documents(docs, _context())
    assert normalize_address(merged[0].fields["address"].value) == "大阪府大阪市北区梅田1-2-3"
    assert "address_on_back" not in merged[0].fields


def test_other_pages_are_not_cards() -> None:
    blank = card_scan(render_card_front(random_card_data(random.Random(1)), rng=random.Random(1)),
                      damage=ScanDamage(), rng=random.Random(1))
    blank[:] = 250
    page = Page(file="blank.png", index=0, image=blank)
    assert plugin.docproc_classify(page) is None
    with pytest.raises(UnreadableDocument):
        plugin.docproc_read(page, "alien_registration", _context())
    assert plugin.docproc_read(page, "passport", _context()) is None


def test_blurred_low_dpi_back_is_read_row_by_row() -> None:
    """Tesseract's page layout finds no text on this back at all; its ink rows, enlarged, still read."""
    rng = random.Random(61)
    data = random_card_data(rng, submitted_on=SUBMITTED, layout="residence_card",
                            address_changes=((dt.date(2025, 3, 20), "東京都新宿区大久保５－６－１０"),))
    blurred = ScanDamage(skew_deg=-0.2, dpi=150, blur_sigma=1.1, noise_sigma=0.8, jpeg_quality=70, light_gradient=0.07)
    image = card_scan(render_card_back(data, rng=rng), damage=blurred, rng=rng, on_a4=False)
    crop = reader.crop_card(image)
    assert crop is not None and reader._analyse_crop(crop)[1] < 2  # the page pass gives up
    back = _read(image)
    assert back.role == "back"
    address = back.fields["address"]  # read, if not every glyph of it (the benchmark measures how well)
    assert normalize_address(address.value).endswith("大久保5-6-10") and address.region is not None


def test_a_front_whose_every_label_is_misread_is_still_read_by_its_rows() -> None:
    """Seed 103's card 5: 150 dpi, blur 1.1, heavy noise, quarter-turned on A4. Its values are plain to a
    person, but no pass reads one label right (抽名 for 氏名, 和信月日 for 生年月日) nor the card number
    whole: the page matched no document type. Labels half right in the printed order and a date tell a
    front; the rows then give the name and the status, and a birth date, all for review (the date's blurred
    8 is read 5 by the Japanese script model at every scale, 8 by jpn once and the rows: 3 votes to 2)."""
    data, image = _bench_front(103, 5)
    crop = reader.crop_card(image)
    assert crop is not None and all(reader._analyse_crop(c)[1] < 2 for c in (crop, crop.rotated()))
    assert plugin.docproc_classify(Page(file="card.png", index=0, image=image)) is not None
    front = _read(image)
    assert front.role == "front"
    assert front.fields["name"].value == data.name and front.fields["status_of_residence"].value == data.status_of_residence
    assert front.fields["birth_date"].value[:4] == str(data.birth_date.year)
    assert all(value.confidence < 0.6 for value in front.fields.values())


def test_a_back_row_the_page_layout_skips_is_read_from_the_ink_rows() -> None:
    """Seed 29's card 46: a sharp back, turned on the A4 page; tesseract's page layout reads the title,
    the filing date and the footer, but not the address beside the date (nor anything once the table's
    rules are erased). The ink rows, read one by one, have it."""
    data, _, image = _bench_card(29, 46)
    crop = reader.crop_card(image)
    assert crop is not None and not reader._entries(reader._analyse_crop(crop.rotated())[0])  # what was missed
    back = _read(image)
    assert back.role == "back"
    assert normalize_address(back.fields["address"].value) == normalize_address(data.current_address)


@pytest.mark.parametrize(("confidence", "code"), [(0.9, "document:expired"), (0.4, "review:low_confidence")])
def test_an_ended_period_of_stay_read_unsure_asks_for_review_not_a_new_card(monkeypatch, confidence: float,
                                                                            code: str) -> None:
    values = {"card_number": reader.Value("AB12345678CD", "AB12345678CD", 0.9, (10, 10, 100, 20)),
              "expiry_date": reader.Value("2017-10-25", "平成29年10月25日", confidence, (10, 40, 100, 20))}
    card = reader.CardReading("front", "residence_card", 6, values)
    monkeypatch.setattr(plugin, "_analyse", lambda page, today=None: card)
    page = Page(file="card.png", index=0, image=np.zeros((10, 10, 3), np.uint8))
    reading = plugin.docproc_read(page, "alien_registration", _context())
    assert [p.code for p in reading.problems] == [code]


def _bench_front(seed: int, card: int):
    """Card ``card`` of the benchmark's ``seed``, drawn as bench/bench_cards.py draws it: data and front page."""
    data, front, _ = _bench_card(seed, card)
    return data, front


def _bench_card(seed: int, card: int, vocabulary: AddressVocabulary = TUNED_VOCABULARY):
    """Card ``card`` of the benchmark's ``seed`` as bench/bench_cards.py draws it: data, front and back page
    (None when the back has no address entry)."""
    rng = random.Random(seed * 100_003 + card)
    data = random_card_data(rng, vocabulary=vocabulary)
    damage = random_damage(rng)
    front = card_scan(render_card_front(data, rng=rng), damage=damage, rng=rng, on_a4=rng.random() < 0.7)
    back_page = render_card_back(data, rng=rng)
    if not data.address_changes or back_page is None:
        return data, front, None
    back_damage = random_damage(rng)
    return data, front, card_scan(back_page, damage=back_damage, rng=rng, on_a4=rng.random() < 0.7)


def test_a_back_whose_title_is_misread_is_still_a_back() -> None:
    """Seed 11's card 9: the title 住居地記載欄 read as 住居地記載杜 was the front's address label, and the page
    a front whose address was 記載杜; a title two glyphs off is still the back's."""
    data, _, image = _bench_card(11, 9)
    back = _read(image)
    assert back.role == "back"
    assert normalize_address(back.fields["address"].value) == normalize_address(data.current_address)


def test_a_name_boxed_without_its_first_letters_is_not_confirmed() -> None:
    """Card 44 of ``bench_cards.py --vocab wide --seed 7``: the name's box began at SAETANG's E, and both
    engines read ETANG KITTI, two known words; the letters just before the box keep it for review."""
    data, image, _ = _bench_card(7, 44, wide_vocabulary(towns()))
    name = _read(image).fields["name"]
    assert data.name == "SAETANG KITTI" and name.confidence < 0.6


@pytest.mark.parametrize(("card", "key"), [(87, "name"), (98, "expiry_date")])
def test_what_both_engines_misread_alike_on_thin_evidence_stays_for_review(card: int, key: str) -> None:
    """Unseen seed 199 (rotated, blurred): card 87's KAYA ELIF read MAYA ELIF by two of tesseract's five
    readings and by PP-OCRv6 at both scales; card 98's expiry 2031年8月30日, its row found by position, read
    5月 by every reading of both engines. Neither is enough to be sure of: each is read right or for review
    (card 87's name boxed to its ink rows, not tesseract's too tall word boxes, now reads right)."""
    data, image = _bench_front(199, card)
    found = _read(image).fields[key]
    assert found.value == (data.name if key == "name" else data.expiry_date.isoformat()) or found.confidence < 0.6


def test_a_name_tesseract_reads_as_nothing_is_read_by_the_second_engine() -> None:
    """Seed 31's card 85 (rotated): every tesseract reading of the clear FERRARI LUCA's box was empty, and
    the page pass's FERRARIUCL no name; PP-OCRv6 read it alike at two scales: taken, for review."""
    data, image = _bench_front(31, 85)
    found = _read(image).fields["name"]
    assert found.value == data.name and found.confidence < 0.6


@pytest.mark.parametrize(("seed", "card"), [(7, 70), (29, 19)])
def test_a_name_the_second_engine_reads_better_is_taken_for_review(seed: int, card: int) -> None:
    """Seed 7's card 70 (150 dpi, rotated): tesseract read HOANG VAN ANH as BOANG three times, PP-OCRv6 read
    it right at both scales, all known words; seed 29's card 19: MACDONALD OLIVIA, read OUVIA three times
    and OLIVIA twice by tesseract, and twice by PP-OCRv6. Each taken, for review where the readings still
    disagree (card 19's name, boxed to its ink rows since, is read OLIVIA by enough of them to be fair)."""
    data, image = _bench_front(seed, card)
    found = _read(image).fields["name"]
    assert found.value == data.name and (found.confidence < 0.6 or (seed, card) == (29, 19))


def test_a_name_label_too_faint_for_its_ink_box_still_bounds_the_name() -> None:
    """Seed 41's card 116 (150 dpi, read with its background flattened): the grey label 氏名 fell below the
    ink level but for a speck, and the value measured from that speck was the small English label NAME, the
    name's box 60 px wide. A speck is no label: its OCR box stands in, and OZTURK ELIF is read whole."""
    data, image = _bench_front(41, 116)
    assert _read(image).fields["name"].value == data.name


def test_a_tall_ocr_box_of_the_name_label_does_not_move_the_name_to_the_title_row() -> None:
    """Unseen seed 223's card 112 (an old certificate): the label's ink box was right but under half its OCR
    box's height, an OCR box of one kanji running a row too tall; taken for a speck, the OCR box put the
    value on the title's row, ALIEN REGISTRATION, read alike five times and sure. A speck is small both ways."""
    data, image = _bench_front(223, 112)
    assert _read(image).fields["name"].value == data.name


def test_a_letter_read_for_the_name_label_does_not_end_the_name() -> None:
    """Seed 41's card 95 (150 dpi): 氏名 read as K名守, so the K was taken for the name and 名 ended it: no name
    at all. A letter or two before kanji are the label misread; the name after them is read (for review)."""
    _, image = _bench_front(41, 95)
    name = _read(image).fields["name"]
    assert name.value.endswith("ADI") and name.confidence < 0.6


def test_a_name_of_one_word_is_for_review() -> None:
    """A name read as one word is more often two run together (VUTHILAN for VU THI LAN, unseen seed 191) or
    one lost than a person's only name: read right, it still goes to review."""
    rng = random.Random(11)
    data = random_card_data(rng, submitted_on=SUBMITTED, layout="residence_card", name="SUKARNO", kanji_name=None)
    name = _read(card_scan(render_card_front(data, rng=rng), damage=MILD, rng=rng, on_a4=True)).fields["name"]
    assert name.value == "SUKARNO" and name.confidence < 0.6


def test_a_first_word_the_page_pass_dropped_is_read() -> None:
    """Seed 37's card 37 (150 dpi, its name label misread): the page pass read WRIGHT as junk, and the name's
    box began at AMELIA; the ink of a word a word space before it belongs to the name."""
    data, image = _bench_front(37, 37)
    assert _read(image).fields["name"].value == data.name == "WRIGHT AMELIA"


@pytest.mark.parametrize(("card", "name"), [(32, "JOHANSSON ERIK"), (95, "BATBAYAR TEMUULEN")])
def test_a_blurred_long_name_is_read_whole(card: int, name: str) -> None:
    """Cards of the benchmark's seed 13 (150 dpi, blurred): each word's glyphs touch, so a word is one part
    of ink wider than a printed rule's limit, and the page pass drops the second word; the name was read
    as ERIK and BATBAYAR TE."""
    data, image = _bench_front(13, card)
    assert data.name == name
    assert _read(image).fields["name"].value == name


@pytest.mark.parametrize("card", [14, 111, 57])
def test_a_card_number_the_page_pass_misses_is_found_by_its_ink(card: int) -> None:
    """Seed 13's cards 14 and 111: the page pass found no word of the top row (title, number); card 57:
    its word box lost the first letter, so no reading had twelve characters. All three had no number."""
    data, image = _bench_front(13, card)
    assert _read(image).fields["card_number"].value == data.card_number


def test_a_card_number_letter_changed_by_an_unsettled_glyph_match_is_for_review() -> None:
    """Seed 29's card 19 (150 dpi, blurred): four enlarged readings took the M of MK for O, the page pass for W;
    the glyph match changed O to the W (M fits best, proposed by none). Agreed on by the enlarged readings,
    the number had been trusted (0.75); a letter changed without the match settling it is for review."""
    data, image = _bench_front(29, 19)
    found = _read(image).fields["card_number"]
    assert found.value == data.card_number or found.confidence < 0.6


@pytest.mark.parametrize(("seed", "card", "want_sure"), [(29, 19, False), (29, 11, False), (29, 0, True)])
def test_a_card_number_is_read_by_the_second_engine_too(seed: int, card: int, want_sure: bool) -> None:
    """Seed 29 (150 dpi, blurred): card 19's MK every tesseract reading and the glyph match took for WK, card
    11's number no tesseract reading parsed; PP-OCRv6 read both right at two scales: taken, for review, as
    tesseract disagreed. Card 0: both engines agree, sure."""
    data, image = _bench_front(seed, card)
    found = _read(image).fields["card_number"]
    assert found.value == data.card_number and (found.confidence >= 0.9) == want_sure


def test_a_card_number_the_engines_read_apart_is_for_review() -> None:
    """Seed 29's card 22: tesseract's vote read 703CW as 709CW, PP-OCRv6 as 703CM: whichever is taken, for review."""
    assert _read(_bench_front(29, 22)[1]).fields["card_number"].confidence < 0.6


@pytest.mark.parametrize(("card", "key"), [(22, "birth_date"), (58, "birth_date"), (11, "birth_date"),
                                         (21, "expiry_date")])
def test_a_date_tesseract_misreads_is_read_by_the_second_engine(card: int, key: str) -> None:
    """Seed 29 (150 dpi, blurred): tesseract's vote read card 22's birth date 平成15年6月29日 as 5月, card 21's
    expiry 令和05年08月21日 as 03月, and none of its readings of card 58's and card 11's birth dates parsed;
    PP-OCRv6 read each alike at two scales (the era 令 as 合): taken, for review, as tesseract disagreed."""
    data, image = _bench_front(29, card)
    found = _read(image).fields[key]
    assert found.value == getattr(data, key).isoformat() and found.confidence < 0.6


def test_a_date_both_engines_read_alike_is_sure() -> None:
    """Seed 7's card 40 (rotated, 150 dpi): the expiry date 令和6年9月28日, which tesseract's readings voted for
    with dissent, went to review; PP-OCRv6 reads it alike at two scales (令 as 分): sure."""
    data, image = _bench_front(7, 40)
    found = _read(image).fields["expiry_date"]
    assert found.value == data.expiry_date.isoformat() and found.confidence >= 0.9


@pytest.mark.parametrize(("card", "want_sure"), [(28, True), (42, False)])
def test_a_name_both_engines_read_alike_is_fair(card: int, want_sure: bool) -> None:
    """Seed 7 (150 dpi, blurred): card 28's MYINT ZAW MIN, read so by three of five tesseract readings (one
    MVINT, the page pass JUN), went to review; PP-OCRv6 reads it alike at two scales: fair. Card 42's HOSSAIN
    NUSRAT, which PP-OCRv6 reads HOSSAN at every scale, is not confirmed by it: read right, it is sure only
    where tesseract's readings agree on their own (they do since its name box was cut to its ink rows)."""
    data, image = _bench_front(7, card)
    found = _read(image).fields["name"]
    assert found.value == data.name and (found.confidence >= 0.6 or not want_sure)


@pytest.mark.parametrize(("seed", "card", "name"), [(41, 103, "YANG WEI JUN"), (29, 22, "KURNIA")])
def test_a_roman_word_misread_as_kanji_does_not_start_the_kanji_name(seed: int, card: int, name: str) -> None:
    """Seed 41's card 103 (YANG WEI JUN 李静): the page pass read WEI as 幅 and the name was cut there (YANG
    WE); seed 29's card 22 (KURNIAWAN ADI AGUS): jpn's reading of the name box read ADI as 如, and the name
    was cut to its first word. A kanji name ends the line: it starts after the last word read as Latin."""
    data, image = _bench_front(seed, card)
    value = _read(image).fields["name"].value
    assert value.split()[1:] == data.name.split()[1:] and value.startswith(name)


def test_a_name_word_box_that_lost_its_first_letters_is_widened_to_them() -> None:
    """Seed 41's card 110 (150 dpi): the page pass's word box started at KELLY's first L (LLI MANSON CO), and
    every reading of the box was ELLY MASON COOPER; the box now takes in the glyphs printed as close before it
    as letters of a word."""
    data, image = _bench_front(41, 110)
    assert _read(image).fields["name"].value == data.name == "KELLY MASON COOPER"


def test_a_kanji_name_glued_to_the_roman_one_is_left_out() -> None:
    """Seed 157's card 8 (ZHANG JUN 劉静, 300 dpi): the strips read past the roman part's box took 劉 for LI,
    #1 or 2, and jpn glued it to the name (ZHANGJUN劉j), its kanji start unseen: ZHANG JUN LI, for review.
    The page pass's words place the kanji name; no reading keeps a word past it, nor a word's kanji tail."""
    data, image = _bench_front(157, 8)
    found = _read(image).fields["name"]
    assert found.value == data.name == "ZHANG JUN" and found.confidence >= 0.6


def test_a_thin_i_ending_a_name_read_as_a_bracket_is_an_i() -> None:
    """Seed 29's card 82 (150 dpi): eng read SETIAWAN ADI as SETIAWAN AD} and AD!, and the name was AD: ] } ! |
    glued to a word's last letter are a thin I (jpn read it so too)."""
    data, image = _bench_front(29, 82)
    assert _read(image).fields["name"].value == data.name == "SETIAWAN ADI"


def test_an_expiry_date_whose_digits_hold_every_other_reading_is_taken() -> None:
    """Seed 29's card 51 (150 dpi): 令和5年11月3日 read as 1月3日 by four readings of seven, 11月 by three; the
    thin 1 lost is the likelier slip, as for a birth date, and the card was found expired ten months early.
    (Taken for review; PP-OCRv6 now reads 11月 at two scales too, which makes it sure.)"""
    data, image = _bench_front(29, 51)
    expiry = _read(image).fields["expiry_date"]
    assert expiry.value == data.expiry_date.isoformat() == "2023-11-03"


def test_a_birth_date_whose_era_most_readings_garbled_takes_the_era_one_named() -> None:
    """Seed 41's card 109 (150 dpi): three readings garbled 昭和 past recognition and the era was guessed
    平成 (2016, a child); one named 昭和 with the same 28年1月8日: 1953 (for review, until PP-OCRv6, given the
    strip only enlarged, read 昭和28年1月8日 outright at both scales too: sure)."""
    data, image = _bench_front(41, 109)
    assert _read(image).fields["birth_date"].value == data.birth_date.isoformat() == "1953-01-08"

def test_a_blurred_m_no_reading_makes_out_is_told_by_its_glyph() -> None:
    """Seed 41's card 55 (200 dpi, plain): 性別 SEX M. read as 仁多mw上 by the page pass and as nothing (or x,
    uM.) in its value box: the sex was missing. Its glyph matches M drawn 0.97, F 0.75: M, for review."""
    data, image = _bench_front(41, 55)
    sex = _read(image).fields["sex"]
    assert sex.value == data.sex == "M" and sex.confidence < 0.6

def test_a_name_whose_thin_i_eng_reads_as_a_bang_keeps_it() -> None:
    """Seed 13's card 69: every enlarged reading lost the I of DEWI (eng read DEW!), and the page pass's
    longer name was taken for review. The ! is now read as the thin I it is; with every reading's letters
    alike (jpn ran two words together) the name is fair. (`_one_thin_i_more` keeps its unit test.)"""
    data, image = _bench_front(13, 69)
    name = _read(image).fields["name"]
    assert name.value == data.name and name.confidence >= 0.6


@pytest.mark.parametrize("card", [80, 67])
def test_a_name_eng_misreads_alike_at_every_scale_is_read_by_jpn_too(card: int) -> None:
    """Seed 53's card 80 (300 dpi): eng read OKAFOR as QKAFOR at all three scales; card 67 (150 dpi):
    WILLIAMS as WILLTAMS twice. jpn reads both right, and its readings vote too."""
    data, image = _bench_front(53, card)
    assert _read(image).fields["name"].value == data.name


def test_a_value_whose_label_is_misread_past_recognition_is_read_in_its_row() -> None:
    """Seed 61's card 119: 国籍・地域 read as 生地域 and 無国籍 as 舞国, so no line was the nationality's.
    The one unlabelled row between the sex and address rows is re-read larger: stateless (XXA), not for sure."""
    data, image = _bench_front(61, 119)
    nationality = _read(image).fields["nationality"]
    assert data.nationality == nationality.value == "XXA"
    assert nationality.confidence <= 0.75


def test_an_address_whose_label_is_misread_is_reread_without_the_label() -> None:
    """Seed 29's card 34 (old certificate, 200 dpi, no blur): 居住地 ADDRESS read as 」EsAQDRESS, and the line
    found by its row was re-read from the labels' margin, the label's height taken for the text's: the small
    address type, enlarged too little, came out as 6信和AmeEss区2. Its value box is now measured from the ink
    after the label, as a recognised label's is."""
    data, image = _bench_front(29, 34)
    assert normalize_address(_read(image).fields["address"].value) == normalize_address(data.address)


@pytest.mark.parametrize(("seed", "card", "field"), [
    (7, 0, "sex"), (11, 71, "sex"), (7, 11, "nationality"), (7, 60, "status_of_residence"), (7, 22, "expiry_date"),
    (7, 2, "expiry_date"), (7, 25, "expiry_date"), (7, 28, "expiry_date"),
])
def test_a_value_read_alike_by_every_reading_that_found_it_is_trusted(seed: int, card: int, field: str) -> None:
    """Seed 7's card 0 (男 at 300 dpi), seed 11's card 71 (M. at 150 dpi): four and five readings found the sex,
    all alike, but others of the lone glyph found nothing, and it went to review; so did a nationality, a
    status and an expiry date (7 readings alike, the validity sentence's read as no date). A reading of
    nothing is no dissent where garbled readings find nothing rather than another value; for a date, nor is
    the validity sentence's small print or the page pass (seed 7's card 2: six readings of the box alike,
    the sentence once read 2027-06-07 for 06-17), though five readings of all, four of the box and the page
    pass's, are enough alike too (card 25); and the sentence's 2023 for 2029 raises no doubt on whether the
    card has expired where the box's readings agree (card 28)."""
    data, image = _bench_front(seed, card)
    found, printed = _read(image).fields[field], getattr(data, field)
    assert found.value == str(printed) and found.confidence >= 0.6


def test_sex_after_a_birth_date_whose_month_is_misread() -> None:
    """Seed 61's card 118 (old certificate, sex printed on the birth date's row): the month read as 0月
    parsed no date, so nothing after it was looked at and the sex was missing."""
    data, image = _bench_front(61, 118)
    assert _read(image).fields["sex"].value == data.sex == "F"


def test_a_tall_word_box_does_not_drop_the_first_name_word() -> None:
    """Seed 61's card 89: LEI's word box runs tall (the kanji name printed after it). Dropping leading
    words smaller than the rest, as a first way to leave out the English label NAME that jpn reads as ME,
    dropped HUANG; the label is now told by where the eng readings start, and the name is HUANG LEI."""
    data, image = _bench_front(61, 89)
    assert _read(image).fields["name"].value == data.name == "HUANG LEI"


def test_values_under_labels_misread_past_recognition_are_found_by_row_order() -> None:
    """Seed 79's card 9 (old certificate): 在留の資格 and 在留期限 misread beyond any label; the two
    unlabelled lines under the address are the status and the period, in the order the layout prints them
    (the card's bottom edge bounding the last), and are re-read there, not for sure."""
    data, image = _bench_front(79, 9)
    fields = _read(image).fields
    assert fields["status_of_residence"].value == data.status_of_residence == "興行"
    assert fields["expiry_date"].value == data.expiry_date.isoformat()
    assert fields["status_of_residence"].confidence <= 0.75 and fields["expiry_date"].confidence <= 0.75


def test_an_address_every_reading_garbles_is_snapped_jointly() -> None:
    """Seed 73's card 73 (150 dpi): every reading misreads two or more glyphs of the place (科剛県福岡市
    震多区博多慌前, 窒國県福岡市居多区博多慌前), too many for any one to snap; together they are nearest to
    福岡県福岡市博多区博多駅前, for review."""
    data, image = _bench_front(73, 73)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.address)
    assert address.confidence < 0.6


def test_a_building_name_misread_by_half_the_readings_is_voted_by_known_words() -> None:
    """Seed 79's card 15: ハイツ青葉 read as ハイツ岩葉 by two readings and right by two; 岩葉 is no word."""
    data, image = _bench_front(79, 15)
    assert normalize_address(_read(image).fields["address"].value) == normalize_address(data.address)


def test_a_building_kanji_of_the_second_engines_reading_is_judged_in_tesseracts_boxes() -> None:
    """Seed 41's card 86 (rotated): PP-OCRv6's reading, the only one naming the place right, took メゾン桜 for
    メゾン核, and has no glyph boxes; three of tesseract's readings spell 桜 (others 村, 枯, 楼), and in their
    boxes the glyph clearly fits 桜."""
    data, image = _bench_front(41, 86)
    assert normalize_address(_read(image).fields["address"].value) == normalize_address(data.address)


@pytest.mark.parametrize(("seed", "card"), [(31, 56), (97, 80)])
def test_building_kanji_read_right_are_not_changed_by_a_look_alike(seed: int, card: int) -> None:
    """Seed 31's card 56: 第二松本荘 read right, but 本's cell cut out of step matched 室 (0.89), and 松本荘 is
    no word; 松本 is. Seed 97's card 80: 緑 read right and matching its cell well (0.73) lost to 株 (0.78)."""
    data, image = _bench_front(seed, card)
    assert normalize_address(_read(image).fields["address"].value) == normalize_address(data.address)


@pytest.mark.parametrize(("seed", "card"), [(181, 10), (181, 5)])
def test_an_address_kanji_tesseract_misreads_is_read_by_the_second_engine(seed: int, card: int) -> None:
    """Seed 181's card 10 (150 dpi): tesseract read シャトー緑 as 線, 株, 幼 and 如 (two of six 緑), card 5
    (rotated) 旭町 as 得町; PP-OCRv6 read both right, and its vote settles them."""
    data, image = _bench_front(seed, card)
    assert normalize_address(_read(image).fields["address"].value) == normalize_address(data.address)


@pytest.mark.parametrize("card", [59, 42])
def test_a_blurred_address_is_read_by_the_second_engine_at_three_scales(card: int) -> None:
    """Seed 7 at 150 dpi. Card 59: PP-OCRv6 read 6-4-20 as 6-4820 at 48 px, right at 40 and 56, while
    tesseract's readings each garbled another part. Card 42: every reading too garbled to name a town, and
    PP-OCRv6's three (愛如梁量田市小版本町) near only 愛知県豊田市小坂本町 together. Each for review."""
    data, image = _bench_front(7, card)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.address) and address.confidence < 0.6


@pytest.mark.parametrize(("seed", "card"), [(29, 67), (31, 37)])
def test_small_print_is_read_by_the_second_engine_from_the_plain_scan(seed: int, card: int) -> None:
    """Long addresses printed small to fit, about 10 px high at 150 dpi. From the contrast-stretched,
    sharpened strip tesseract needs, PP-OCRv6 read 北野町4-38-12シャトー緑 as 4-36-12シトー号 (seed 29's card 67)
    and 北白川別当町2-32-15 as 27日32615 (seed 31's card 37); from the strip only enlarged, right."""
    data, image = _bench_front(seed, card)
    assert normalize_address(_read(image).fields["address"].value) == normalize_address(data.address)


@pytest.mark.parametrize(("seed", "card", "key"), [(7, 42, "card_number"), (11, 79, "expiry_date")])
def test_a_field_the_second_engine_misread_from_a_sharpened_strip_is_read_from_the_plain_one(seed: int, card: int,
                                                                                              key: str) -> None:
    """150 dpi fronts. From strips sharpened for tesseract PP-OCRv6 read ZH40273266JW as OT44027326GJ (seed 7's
    card 42) and 2031-02-28 as 2021-02-05 (seed 11's card 79), and those readings won; from the strips only
    enlarged it reads both right."""
    data, image = _bench_front(seed, card)
    want = {"card_number": data.card_number, "expiry_date": data.expiry_date.isoformat()}[key]
    assert _read(image).fields[key].value == want


def test_an_address_most_readings_of_its_box_agree_on_is_trusted() -> None:
    """Seed 7's card 24 (300 dpi): five of the six readings of the address's box alike, one with パ read thrice,
    and the page pass without its hyphens (3-1719): it went to review. Four of six alike are fair."""
    data, image = _bench_front(7, 24)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.address) and address.confidence >= 0.6


def test_an_address_with_no_number_after_its_town_goes_to_review() -> None:
    """Seed 41's card 95 (150 dpi): four readings of the six read 中川７丁目 as 中川セ丁目 (in Noto Serif, seed 7's
    card 93: 飯塚町ユ-1-12, a footed １ read ユ): after the town Japan Post lists, a block number must begin."""
    data, image = _bench_front(41, 95)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.address) or address.confidence < 0.6


def test_an_address_read_ending_in_a_hyphen_goes_to_review() -> None:
    """Seed 173's card 33 (back, 150 dpi): four readings of six lost the last number of 天神橋4-13-1, one
    keeping its hyphen (4-13-); normalized, 4-13 is a whole address, and four of six alike made it sure."""
    data, _, back = _bench_card(173, 33)
    address = _read(back, "back.png").fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address) or address.confidence < 0.6


def test_a_block_number_that_lost_a_hyphen_everywhere_goes_to_review() -> None:
    """Seed 31's card 19 (200 dpi): every reading lost the thin full-width hyphen of ９－１５－２４, and
    9-1524 was reported at 0.75; a two-part block number ending in four digits is a 番 and 号 run together."""
    data, image = _bench_front(31, 19)
    address = _read(image).fields["address"]
    assert normalize_address(data.address).endswith("9-15-24")
    assert address.confidence < 0.6


def test_a_room_number_that_lost_a_digit_everywhere_goes_to_review() -> None:
    """Seed 103's card 24 (150 dpi): every reading lost the last 1 of 第二松本荘101, reported sure; a flat is
    numbered by its floor and its place on it, so a room of one or two digits is for a person to read."""
    data, image = _bench_front(103, 24)
    address = _read(image).fields["address"]
    assert normalize_address(data.address).endswith("松本荘101")
    assert address.confidence < 0.6


def test_a_town_japan_post_does_not_list_for_its_city_goes_to_review() -> None:
    """``--vocab wide`` seed 11's card 86: 普代村卯子酉 read as 卵子西 by every reading, reported sure; two glyphs
    of a three-glyph town are too many for one reading's repair, and no town of that name is in the village:
    for review. Against every place Japan Post lists, the readings together are nearest the right one."""
    data, image, _ = _bench_card(11, 86, wide_vocabulary(towns()))
    address = _read(image).fields["address"]
    assert "卯子酉" in data.address and normalize_address(address.value) == normalize_address(data.address)
    assert address.confidence < 0.6


def test_the_latest_back_entry_the_page_pass_skipped_comes_from_the_ink_rows() -> None:
    """Seed 79's card 63: three entries on the back; the page pass found two and took the second as the
    latest, the ink rows read one by one found all three."""
    data, _, image = _bench_card(79, 63)
    back = _read(image)
    assert normalize_address(back.fields["address"].value) == normalize_address(data.current_address)


def test_an_x_koku_nationality_misread_by_every_reading_is_told_by_its_glyph() -> None:
    """Seed 7's card 52 (150 dpi): 米国 read as 来国 at every scale, one glyph off 米国, 英国, 中国 and 韓国
    alike; the glyph is compared with those four, and the nationality is given for review."""
    data, image = _bench_front(7, 52)
    nationality = _read(image).fields["nationality"]
    assert nationality.value == data.nationality == "USA" and nationality.confidence < 0.6


@pytest.mark.parametrize(("card", "page", "field"), [(31, "front", "address"), (22, "back", "address"),
                                                     (15, "front", "birth_date")])
def test_the_japanese_script_model_votes_beside_jpn(card: int, page: str, field: str) -> None:
    """Seed 127's cards: every ``jpn`` reading slipped (福岡 6丁目】番9; a back's room 203 as 2603; a birth
    month 09 as 03) where the readings of tesseract's Japanese script model, trained apart, did not."""
    data, front, back = _bench_card(127, card)
    value = _read(front if page == "front" else back).fields[field].value
    if field == "address":
        assert normalize_address(value) == normalize_address(data.current_address)
    else:
        assert value == data.birth_date.isoformat()


def test_without_the_script_model_the_card_is_read_by_jpn_alone(monkeypatch, caplog) -> None:
    """A machine without tesseract-ocr-script-jpan reads cards (less well), and says once why."""
    from docproc_alien_registration import engine

    monkeypatch.setattr(reader, "has_model", lambda lang: False)
    data, image = _bench_front(11, 0)
    _check_front(_read(image), data)
    engine.has_model.cache_clear()
    with caplog.at_level("WARNING"):
        assert not engine.has_model("Klingon") and not engine.has_model("Klingon")
    assert len([r for r in caplog.records if "'Klingon' is not installed" in r.getMessage()]) == 1
    assert engine.has_model("jpn")


def test_an_address_garbled_in_every_reading_takes_the_place_they_are_nearest_to() -> None:
    """Seed 127's card 63 (150 dpi, blur 1.1): 広島県 read as 寺島模 by every reading, too far for a repair of
    one reading or of them together; against every place Japan Post lists, they are nearest 広島県広島市中区大手町."""
    data, image = _bench_front(127, 63)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.address) and address.confidence < 0.6


def test_a_name_boxed_far_taller_than_its_letters_is_read_whole() -> None:
    """Unseen seed 239's card 97 (150 dpi, rotated): tesseract boxed the name's words 66 px high for 25 px
    letters and put AUNG on the label; the box, cut to its text band, reaches back to AUNG, and the name is
    read whole (it was ZAW MIN TUN TUN, fair: wrong but confident)."""
    data, image = _bench_front(239, 97)
    assert _read(image).fields["name"].value == data.name == "AUNG ZAW MIN TUN TUN"


def test_the_label_before_a_name_is_dropped_where_the_rows_say_the_labels_start() -> None:
    """Unseen seed 239's card 32 (150 dpi, rotated): no label recognised, the name's box began where the rows
    start, and 氏名 NAME was read IL wa before HERNANDEZ XIMENA; the rows' left edge tells where the labels
    are printed as a recognised label does."""
    data, image = _bench_front(239, 32)
    assert _read(image).fields["name"].value == data.name == "HERNANDEZ XIMENA"


@pytest.mark.parametrize(("seed", "card"), [(37, 90), (37, 54), (41, 81)])
def test_a_building_kanji_read_by_the_second_engine_is_checked_by_its_glyph(seed: int, card: int) -> None:
    """The address chosen was PP-OCRv6's reading, which had no glyph boxes to check its building's kanji in
    (card 90: 第二松本在 for 第二松本荘; card 54: ハイツ青菜 for 青葉); its frames place each glyph, and the glyph
    printed there, among the kanji tesseract's readings spell, puts the name right, for review. Seed 41's
    card 81: レジデンス宋 for 栄, which no tesseract reading spelt, but PP-OCRv6 weighed (荣) in its frames."""
    data, image = _bench_front(seed, card)
    found = _read(image).fields["address"]
    assert normalize_address(found.value) == normalize_address(data.address) and found.confidence < 0.6


@pytest.mark.skipif(not OTHER_FONTS.installed(), reason="fonts-noto-cjk and fonts-vlgothic are not installed")
def test_a_kanji_the_second_engine_read_right_in_another_typeface_is_kept() -> None:
    """Card 56 of ``bench_cards.py --fonts other --seed 7``: PP-OCRv6 read レジデンス栄 right in Noto Sans, whose
    栄 matches the IPA-drawn 末 better than 栄 (0.77 to 0.65); no tesseract reading spelt 末, so it is kept (it
    had been put in, fair: wrong but confident)."""
    rng = random.Random(7 * 100_003 + 56)
    data = random_card_data(rng, vocabulary=TUNED_VOCABULARY)
    damage = random_damage(rng)
    image = card_scan(render_card_front(data, rng=rng, fonts=OTHER_FONTS), damage=damage, rng=rng,
                      on_a4=rng.random() < 0.7)
    assert normalize_address(_read(image).fields["address"].value) == normalize_address(data.address)


@pytest.mark.parametrize("card", [8, 76])
def test_a_back_whose_title_and_rules_were_lost_is_told_by_its_dated_entries(card: int) -> None:
    """Seed 31's cards 8 and 76 (backs at 150 dpi, skewed or blurred): no pass read the title 住居地記載欄, and
    fewer than three table rules survive, but the row-by-row pass read entries, a filing date each followed
    by an address (2934ぎ9月1日|八王子市博神向9丁眼22番22号): a back, read by PP-OCRv6 row by row, for review.
    Before, the page was no card, and the front's old address (or none) stood."""
    data, _, image = _bench_card(31, card)
    back = _read(image, "back.png")
    assert back.role == "back"
    assert normalize_address(back.fields["address"].value) == normalize_address(data.current_address)
    assert back.fields["address"].confidence < 0.6


@pytest.mark.parametrize(("seed", "card"), [(37, 37), (41, 60)])
def test_a_building_kanji_that_makes_the_name_words_is_put_in_over_a_well_fitting_look_alike(seed: int,
                                                                                          card: int) -> None:
    """Seed 37's card 37: 第二松本荘 read 第二松本在; 在 fits its cell at 0.78 (kept, as a kanji read that fits
    this well is), but 荘 fits at 0.87 and makes 本荘 a word. Seed 41's card 60: 第二検本在, 松 and 荘 no tesseract
    reading spelt, but 松本荘 is made of words where 検本在 is not."""
    data, image = _bench_front(seed, card)
    assert normalize_address(_read(image).fields["address"].value) == normalize_address(data.address)


def test_a_date_whose_day_ran_on_under_the_portrait_is_not_sure() -> None:
    """Unseen seed 251's card 110 (200 dpi, blurred): the period line (2029年10月13日) runs on under the
    portrait, whose box ends the value's; every reading ended 10月1: or 10月1!, the 3 half hidden read as a
    speck, and all agreeing made 2029-10-01 sure. A day followed by a speck and no 日 may have lost a digit."""
    data, image = _bench_front(251, 110)
    found = _read(image).fields["expiry_date"]
    assert found.value == data.expiry_date.isoformat() or found.confidence < 0.6


@pytest.mark.parametrize(("seed", "card", "side"), [(11, 38, "front"), (41, 42, "front"), (37, 106, "back")])
def test_readings_that_garble_the_place_still_vote_on_what_follows_it(seed: int, card: int, side: str) -> None:
    """Seed 11's card 38 (150 dpi): PP-OCRv6 read 飯塚町 as 版理町, a town Japan Post does not list, and 番 as 爵:
    3-6爵17 stayed. Seed 41's card 42: PP-OCRv6 read コーポ山田 as コー水山田, and no reading named the place, so
    none voted. Seed 37's card 106, its back: the one reading of the block number read room 102 as 12, two of the
    others read 102 after グランドパレス, one spelt グランドバレス. Each in review: the place was put right late."""
    data, front, back = _bench_card(seed, card)
    address = _read(front if side == "front" else back).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address)


def test_an_address_label_misread_as_the_sexs_does_not_push_the_rows_below_off_the_card() -> None:
    """Seed 37's card 64 (150 dpi): 住居地 read 性床, half of 性別, was taken for the sex's label on the row after
    the nationality's, and the status and the expiry date below it went unread."""
    data, image = _bench_front(37, 64)
    fields = _read(image).fields
    assert fields["status_of_residence"].value == data.status_of_residence
    assert fields["expiry_date"].value == data.expiry_date.isoformat()
    assert fields["sex"].value == data.sex and "address" in fields


@pytest.mark.parametrize(("seed", "card"), [(7, 52), (29, 116)])
def test_a_status_blurred_past_tesseract_is_read_by_the_second_engine(seed: int, card: int) -> None:
    """Seed 7's card 52 (rotated): no tesseract reading of 留学 was a status of the list; seed 29's card 116
    (rotated): 技能実習2号ロ read 2号イ. PP-OCRv6 reads both statuses; its vote decides."""
    data, image = _bench_front(seed, card)
    assert _read(image).fields["status_of_residence"].value == data.status_of_residence


def test_a_back_entry_whose_filing_date_is_misread_is_still_the_latest_by_its_row() -> None:
    """Seed 271's card 85, its back (300 dpi, upside down): the lower entry's 2024年11月9日 read 2024年1月9日 by
    both passes, earlier than the 7月13日 above it; the latest by date was the older address, reported sure.
    Entries are written from the top down: the lowest is latest, and dates out of that order send it to review."""
    data, _, back = _bench_card(271, 85)
    address = _read(back).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address)
    assert address.confidence < 0.6


def test_the_certificates_subtitle_is_not_taken_for_its_unread_name_row() -> None:
    """Unseen seed 277's card 33 (certificate, rotated): the page pass read neither 氏名 nor the name, but read
    the small CERTIFICATE OF ALIEN REGISTRATION under the title as 間昌和, the one line between the title's
    row and the birth date's: the name's box was put there and read SE AB. A line within half a row of a
    neighbour is that row's; the name's row is then found by its ink."""
    data, image = _bench_front(277, 33)
    assert _read(image).fields["name"].value == data.name


@pytest.mark.parametrize("card", [50, 68])
def test_a_name_read_with_a_sign_or_a_digit_for_a_letter_is_read_whole(card: int) -> None:
    """Unseen seed 277 at 150 dpi: card 50's NOVAK AMINA read NOVAK.AMINA and NOVAK-AMINA (one word once the
    sign was dropped); card 68's page pass read KAMINSKI TOMAS2, a line rejected for its digit, and the box
    found by the row instead began after the K (AMINSKE TOMASZ)."""
    data, image = _bench_front(277, card)
    assert _read(image).fields["name"].value == data.name


def test_a_page_pass_i_more_gives_way_to_a_vote_both_engines_read() -> None:
    """Unseen seed 277's card 76 (rotated): tesseract's enlarged readings and PP-OCRv6 read CHEN SHU FEN, the
    page pass CIHEN SHU FEN; its thin I more had been taken. Still for review: the page pass saw more."""
    data, image = _bench_front(277, 76)
    name = _read(image).fields["name"]
    assert name.value == data.name and name.confidence < 0.6


def test_a_reading_that_lost_a_block_number_does_not_outvote_the_rest_with_a_longer_town() -> None:
    """Unseen seed 277's card 50 (150 dpi): seven readings of 並木8番地22, one of 並木番地22 snapped to the
    longer known town 並木元町, which won as the longest place named."""
    data, image = _bench_front(277, 50)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address)


def test_a_clear_lone_f_tesseract_reads_as_letters_is_told_by_its_glyph() -> None:
    """Seed 29's card 101 (plain, 200 dpi): the page pass lost the F. after 性別 SEX, and its box re-read gave
    BS, { ape and nothing; the glyph judge took only F's arms for the line. For review, as any glyph-told sex."""
    data, image = _bench_front(29, 101)
    sex = _read(image).fields["sex"]
    assert sex.value == data.sex and sex.confidence < 0.6


@pytest.mark.parametrize(("seed", "card"), [(29, 15), (31, 68), (41, 84)])
def test_a_building_name_whose_first_glyph_was_lost_gets_it_from_the_other_readings(seed: int, card: int) -> None:
    """Seed 29's card 15 (rotated) and seed 31's card 68 (150 dpi): the readings with the place right read
    ークハイム, the パ of パークハイム lost; the readings garbling the place read バークハイム. Seed 41's card 84:
    ャ卜一緑 for シャトー緑, beside シャトー線 (six readings). No word starts with ー or ャ."""
    data, image = _bench_front(seed, card)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address)


def test_a_building_name_read_whole_after_garbled_litter_outvotes_one_that_lost_two_glyphs() -> None:
    """Seed 37's card 27 (rotated): the one reading with the place right read グランレス, ドパ lost; three readings
    garbling the place and the block read ーォをグランドパレス after it."""
    data, image = _bench_front(37, 27)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address)


def test_the_validity_sentence_is_no_address_when_the_address_label_is_misread() -> None:
    """Unseen seed 281's card 12 (rotated, 150 dpi): 住居地 read 佳層間, so the address was the longest unlabelled
    line with a place glyph and digits, and that was the validity sentence, its date garbled past parsing
    (このネードは0生14朋5村まで有侍です: 村 and digits); the address reported was that sentence."""
    data, image = _bench_front(281, 12)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address)


def test_a_room_that_lost_its_last_digit_gets_it_back_from_readings_that_garble_the_rest() -> None:
    """Unseen seed 281's card 18 (150 dpi): サンライズマンション10 for 101 in the one reading with the place right,
    while three readings garbling the place and the building's name end in 101. For review: the readings disagree."""
    data, image = _bench_front(281, 18)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address) and address.confidence < 0.6


@pytest.mark.parametrize("card", [16, 96])
def test_a_building_kanji_misread_by_the_reading_judged_in_is_put_right_by_its_glyph(card: int) -> None:
    """Seed 41 (150 dpi, rotated): card 16's ハイツ青量 judged in a reading that spelt it 八イツ青量 (the name was not
    found in it, so nothing was judged), 葉 making the word 青葉; card 96's メゾン極 voted, judged in PP-OCRv6's
    boxes of メゾン楼, where 桜 fits clearly best."""
    data, image = _bench_front(41, card)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address)


def test_a_lone_o_before_a_name_is_the_names() -> None:
    """Unseen seed 283's card 41 (150 dpi, rotated): O CONNOR CHLOE, the O read 0 by the page pass (a lone digit,
    left out of the name) and © by eng at every scale (a sign, taken for the label's residue): CONNOR CHLOE was
    sure. For review all the same: the page pass saw a word more than the box readings did at first."""
    data, image = _bench_front(283, 41)
    name = _read(image).fields["name"]
    assert name.value == data.name and name.confidence < 0.6


def test_a_building_kanji_two_readings_dispute_that_its_glyph_cannot_settle_is_not_sure() -> None:
    """Unseen seed 283's card 99 (150 dpi, rotated): ハイツ青菜 four times of the box's seven readings (fair, as four
    alike are), 青葉 by PP-OCRv6 and the page pass; in the one box cut in step 菜 fits at 0.75 (kept, as fitting
    well), 葉 at 0.77. A wrong address had been sure."""
    data, image = _bench_front(283, 99)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address) or address.confidence < 0.6


def test_a_hiragana_read_for_a_katakana_and_a_look_alike_first_glyph_of_a_word_are_put_right() -> None:
    """Seed 37's card 6 (rotated): ビラ若葉 read ビう若第 (and ビラ大業 by readings garbling the place): う between
    katakana is a blurred ラ, and 葉, best fitting its glyph, makes 若葉 a word; 第 with no numeral after it is no
    ordinal. For review: the readings disagreed."""
    data, image = _bench_front(37, 6)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address)


def test_a_building_kanji_each_reading_guessed_its_own_way_is_judged_in_one_that_read_it() -> None:
    """Seed 31's card 67 (skewed 7°, 200 dpi): メゾン桜 read メゾン欄, 租, 結 twice and メゾン bare, PP-OCRv6 メソ板
    (chosen, for its place): the bare name had won. Now the most read kanji goes after it and is judged in the
    boxes of a reading that has the name (PP-OCRv6's lacks the ン): 桜 fits its glyph clearly best."""
    data, image = _bench_front(31, 67)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address)


def test_a_kanji_read_right_is_not_judged_in_a_reading_that_spells_it_otherwise() -> None:
    """Unseen seed 293's card 60 (200 dpi, blurred): レジデンス栄 chosen from a reading without glyph boxes; the
    first reading with the name (any kanji there) was a garbled one's レジデンス委, whose box put 警 clearly
    first. Other readings are judged in only where they spell the name as the value does (PP-OCRv6's 栄)."""
    _, image = _bench_front(293, 60)
    address = _read(image).fields["address"]
    assert "レジデンス栄" in address.value


def test_a_kanji_voted_is_put_right_as_the_reading_judged_in_spells_it_where_look_alikes_fit_alike() -> None:
    """Seed 7's card 59 in the wide vocabulary (rotated, 150 dpi): 第二若葉ヒルズ voted 第二天葉ヒルズ, judged in
    PP-OCRv6's 若葉; 紅 fits the cell as well as 若 and 紅葉 is a word too: it had been put in."""
    data, image, _ = _bench_card(7, 59, vocabulary=wide_vocabulary(towns()))
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address)


@pytest.mark.parametrize(("seed", "card"), [(7, 22), (29, 97)])
def test_a_lone_building_kanji_is_put_right_by_the_best_fitting_glyph_the_first_look_ranked_low(seed: int,
                                                                                               card: int) -> None:
    """Seed 7's card 22 (150 dpi, skewed): 第二松本荘 read 第二松本程; 荘 fits the cell best (0.83) and came 56th in
    the one-face first look, then tied with 柱 (0.81): 荘 makes 本荘 of the name. Seed 29's card 97 (small print):
    レジデンス栄 read 崇; 栄 fits best of all (0.81), 22nd at the first look. Both for review."""
    data, image = _bench_front(seed, card)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address)


def test_a_building_name_every_reading_garbling_the_place_ends_in_outvotes_the_chosen_garble() -> None:
    """Seed 11's card 101 (150 dpi): the one reading with the place right read サンライスマンンaン; the six that
    garble the place and the block number all end in サンライズマンション."""
    data, image = _bench_front(11, 101)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address)


def test_a_building_kanji_read_fitting_well_gives_way_to_one_the_second_engine_weighed_fitting_better() -> None:
    """Seed 41's card 51 (rotated): レジデンス栄 read レジデンス梁 by PP-OCRv6 (judged in its boxes), 栄 weighed in
    its frames; 梁 fits the cell at 0.74, 栄 at 0.82: 梁 had been kept for fitting well."""
    data, image = _bench_front(41, 51)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address)


def test_the_other_passs_latest_entry_votes_on_the_backs_address_only_where_it_is_the_same_entry() -> None:
    """Unseen seed 307's card 27, a clean back with two entries: the row-by-row pass found only the first
    (京都府京都市左京区吉田本町4-20-9, filed 02/02) and its latest voted beside eight readings of the latest
    entry (広島県広島市中区大手町4-9-23グランドパレス503, 06/15), winning as the longer known place."""
    data, _, image = _bench_card(307, 27)
    back = _read(image)
    address = back.fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address) and address.confidence >= 0.6


def test_an_address_whose_english_label_every_reading_misread_as_digits_still_finds_its_place() -> None:
    """Unseen seed 311's card 83 (plain, JPEG): every reading began A0063, 00NR, 0053 (ADDRESS) before a garbled
    福岡県福岡市: cut off, the readings are near one known place together. For review: they garbled it."""
    data, image = _bench_front(311, 83)
    address = _read(image).fields["address"]
    assert normalize_address(address.value) == normalize_address(data.current_address)
