"""Every check on real-photo variants from the generator: compliant ones pass, each defect is reported."""

from __future__ import annotations

import random

import numpy as np
import pytest
from docproc_photo.analysis import analyse
from docproc_photo.plugin import docproc_read
from photo_test_support import photo_page, read_context

from docproc.synth.photo import (
    DEFAULT_SUBMITTED_ON,
    HAIR_TINTS,
    PLAIN_BACKGROUNDS,
    LabelledPhoto,
    astronaut,
    compose,
    photo_variants,
    plain_background,
    with_drawn_hat,
    with_hair_colour,
)

SEED = 7  # the benchmark tunes on seeds 0..5; the tests see photos it never saw


@pytest.fixture(scope="module")
def variants() -> dict[str, LabelledPhoto]:
    return {v.name: v for v in photo_variants(random.Random(SEED))}


def _codes(photo: LabelledPhoto) -> tuple[set[str], set[str], dict[str, bool]]:
    reading = docproc_read(page=photo_page(photo.image, photo.taken_on), doc_type="photo", context=read_context())
    return ({p.code for p in reading.problems}, {w.code for w in reading.warnings},
            {c.id: c.passed for c in reading.checks})


NAMES = [
    "compliant_0", "compliant_1", "compliant_phone", "compliant_large_head", "compliant_small_head", "compliant_no_exif", "too_old",
    "head_too_small", "head_too_large", "no_top_margin", "top_margin_too_large", "off_center", "blurred", "dark",
    "over_exposed", "rolled", "low_resolution", "wrong_aspect", "busy_background", "shadow", "object_behind",
    "two_people", "grace_cap", "drawn_hat", "camera_profile",
]


@pytest.mark.parametrize("name", NAMES)
def test_variant_gets_exactly_its_labelled_problems(variants: dict[str, LabelledPhoto], name: str) -> None:
    photo = variants[name]
    problems, warnings, _ = _codes(photo)
    assert problems == set(photo.expected_codes)
    assert photo.expected_warnings <= warnings


def test_compliant_photo_runs_every_check_and_passes_them(variants: dict[str, LabelledPhoto]) -> None:
    _, warnings, checks = _codes(variants["compliant_1"])
    expected = {"photo.resolution", "photo.aspect_ratio", "photo.age", "photo.face_count", "photo.exposure",
                "photo.sharpness", "photo.roll", "photo.yaw", "photo.headwear", "photo.head_size",
                "photo.top_margin", "photo.centring", "photo.background"}
    assert expected <= set(checks)
    assert all(checks.values())
    assert "check:not_run" not in warnings


def test_failed_check_reports_measurement_and_limit(variants: dict[str, LabelledPhoto]) -> None:
    photo = variants["head_too_small"]
    reading = docproc_read(page=photo_page(photo.image, photo.taken_on), doc_type="photo", context=read_context())
    size = next(c for c in reading.checks if c.id == "photo.head_size")
    assert not size.passed
    assert size.measured < 0.55
    assert size.expected == [0.55, 0.7]


@pytest.mark.parametrize(("ratio", "top", "offset"), [(0.6, 0.1, 0.0), (0.66, 0.07, 0.03), (0.45, 0.18, -0.12)])
def test_geometry_is_measured_from_the_hair_line_and_chin(ratio: float, top: float, offset: float) -> None:
    rng = random.Random(3)
    background = plain_background(520, 390, PLAIN_BACKGROUNDS[1], rng)
    image = compose(astronaut(), background, head_ratio=ratio, top_margin=top, center_offset=offset)
    a = analyse(image)
    assert a.head_top == pytest.approx(top, abs=0.025)
    assert a.head_ratio == pytest.approx(ratio, abs=0.04)
    assert a.face_center_x - 0.5 == pytest.approx(offset, abs=0.03)


def _rolled(roll: float) -> np.ndarray:
    rng = random.Random(5)
    return compose(astronaut(), plain_background(520, 390, PLAIN_BACKGROUNDS[0], rng), head_ratio=0.6,
                   top_margin=0.12, roll_deg=roll)


@pytest.mark.parametrize("roll", [-12.0, -7.0, 7.0, 12.0])
def test_roll_is_read_from_the_eye_line(roll: float) -> None:
    upright = analyse(_rolled(0.0)).roll_deg  # she holds her head a few degrees off level herself
    a = analyse(_rolled(roll))
    assert upright is not None and a.roll_deg is not None
    # compose() turns counter-clockwise for positive angles, which the eye line measures as negative
    assert a.roll_deg == pytest.approx(upright - roll, abs=3.0)


@pytest.mark.parametrize("roll", [-26.0, 26.0])
def test_a_strongly_tilted_head_is_found_and_reported_not_frontal(roll: float) -> None:
    page = photo_page(_rolled(roll), DEFAULT_SUBMITTED_ON)
    reading = docproc_read(page=page, doc_type="photo", context=read_context())
    assert "photo:not_frontal" in {p.code for p in reading.problems}
    assert "photo:no_face" not in {p.code for p in reading.problems}


@pytest.mark.parametrize("tint", sorted(HAIR_TINTS))
def test_hair_of_any_colour_is_not_headwear(tint: str) -> None:
    rng = random.Random(8)
    image = compose(with_hair_colour(astronaut(), tint), plain_background(500, 375, PLAIN_BACKGROUNDS[2], rng),
                    head_ratio=0.62, top_margin=0.1)
    a = analyse(image)
    assert a.headwear_score is not None and a.headwear_score < 1.0


def test_drawn_hats_are_headwear() -> None:
    rng = random.Random(12)
    for _ in range(4):
        image = compose(with_drawn_hat(astronaut(), rng), plain_background(500, 375, PLAIN_BACKGROUNDS[0], rng),
                        head_ratio=0.6, top_margin=0.1)
        a = analyse(image)
        assert a.headwear_score is not None and a.headwear_score > 1.0


def test_a_tiny_face_in_a_pattern_is_not_a_second_person(variants: dict[str, LabelledPhoto]) -> None:
    a = analyse(variants["busy_background"].image)
    assert a.face_count == 1
