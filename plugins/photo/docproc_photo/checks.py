"""Turn the measurements of one photo into checks, problems and warnings (the photo specification).

Each check reports what it measured and the limit. A check whose input could
not be measured is not reported as passed: it is left out and named in a
``check:not_run`` warning. Checks that only make sense for one person seen
well are skipped when that is not the case (several people, no face, a photo
too dark or too bright to judge, a head under a hat for the head size).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from docproc.models import Check, Problem
from docproc_photo import spec
from docproc_photo.analysis import Analysis
from docproc_photo.capture_date import capture_date, months_before


@dataclass
class Outcome:
    checks: list[Check] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    not_run: list[str] = field(default_factory=list)

    def add(self, check_id: str, passed: bool, measured: object, expected: object, code: str, message: str) -> None:
        self.checks.append(Check(id=check_id, passed=passed, measured=measured, expected=expected,
                                 message=None if passed else message))
        if not passed and all(p.code != code for p in self.problems):
            self.problems.append(Problem(code=code, message=message))


def _r(value: float, digits: int = 3) -> float:
    return round(float(value), digits)


def _setting(settings: object, name: str, default: int) -> int:
    value = getattr(settings, name, None) if settings is not None else None
    return int(value) if isinstance(value, int | float) else default


def evaluate(
    a: Analysis, *, exif: dict[str, str], submitted_on: dt.date | None, settings: object = None
) -> Outcome:
    """All checks of the specification for one measured photo."""
    out = Outcome()
    enough_pixels = _image_checks(a, out, settings)
    _age_check(exif, submitted_on, settings, out)

    if a.face is None and not _exposure_check(a, out):
        out.not_run += ["photo.face_count", "photo.head_size", "photo.centring", "photo.pose", "photo.background"]
        return _finish(out)
    if a.face_count == 0:
        out.add("photo.face_count", False, 0, 1, "photo:no_face", "No face was found in the photo.")
        return out
    if a.face_count > 1:
        out.add("photo.face_count", False, a.face_count, 1, "photo:multiple_faces",
                f"{a.face_count} people are in the photo; only the applicant may be.")
        out.not_run += ["photo.head_size", "photo.centring", "photo.background", "photo.headwear"]
        _pose_checks(a, out)
        return _finish(out)
    out.add("photo.face_count", True, 1, 1, "photo:no_face", "")
    if a.face is None:  # found only turned or rolled: the pose is the defect, the rest cannot be measured
        how = "turned sideways" if a.profile_found else f"tilted by about {abs(a.rolled_detection_deg or 0):.0f} degrees"
        out.add("photo.pose", False, how, "frontal", "photo:not_frontal", f"The head is {how}.")
        out.not_run += ["photo.head_size", "photo.centring", "photo.background", "photo.headwear", "photo.sharpness"]
        return _finish(out)

    exposure_ok = _exposure_check(a, out)
    if a.sharpness is not None:
        out.add("photo.sharpness", a.sharpness >= spec.SHARPNESS_MIN, _r(a.sharpness), f">= {spec.SHARPNESS_MIN}",
                "photo:blurry", "The face is not sharp.")
    if not exposure_ok:
        out.not_run += ["photo.head_size", "photo.centring", "photo.pose", "photo.background", "photo.headwear"]
        return _finish(out)

    _pose_checks(a, out)
    headwear = a.headwear_score is not None and a.headwear_score > spec.HEADWEAR_SCORE_MAX
    if a.headwear_score is None:
        out.not_run.append("photo.headwear")
    else:
        out.add("photo.headwear", not headwear, _r(a.headwear_score, 2), f"<= {spec.HEADWEAR_SCORE_MAX}",
                "photo:headwear", "Something is worn on the head.")
    if headwear:
        out.not_run.append("photo.head_size")  # the top of the head is hidden
    elif not enough_pixels:
        out.not_run.append("photo.head_size")  # a few pixels per millimetre: hair line and chin too coarse
    else:
        _size_checks(a, out)
    if a.face_center_x is not None:
        offset = a.face_center_x - 0.5
        out.add("photo.centring", abs(offset) <= spec.CENTER_OFFSET_MAX, _r(offset), f"|x| <= {spec.CENTER_OFFSET_MAX}",
                "photo:off_center", "The face is not centred horizontally.")
    if (a.background_spread is None or a.background_edge_length is None) and a.corners_plain is False:
        # the person mask swallowed the backdrop: only a busy one does that, and the corners confirm it
        out.add("photo.background", False, {"top_corners": "differ or textured"}, {"top_corners": "one plain colour"},
                "photo:background", "The background is not plain (objects, pattern or shadow).")
    elif a.background_spread is None or a.background_edge_length is None:
        out.not_run.append("photo.background")
    else:
        plain = a.background_spread <= spec.BACKGROUND_SPREAD_MAX and a.background_edge_length <= spec.BACKGROUND_EDGE_LENGTH_MAX
        out.add("photo.background", plain,
                {"spread": _r(a.background_spread, 1), "edge_length": _r(a.background_edge_length)},
                {"spread": f"<= {spec.BACKGROUND_SPREAD_MAX}", "edge_length": f"<= {spec.BACKGROUND_EDGE_LENGTH_MAX}"},
                "photo:background", "The background is not plain (objects, pattern or shadow).")
    return _finish(out)


def _finish(out: Outcome) -> Outcome:
    if out.not_run:
        out.warnings.append(Problem(code="check:not_run", message="Photo checks not run: " + ", ".join(out.not_run)))
    return out


def _image_checks(a: Analysis, out: Outcome, settings: object) -> bool:
    min_w = _setting(settings, "photo_min_width_px", spec.MIN_WIDTH_PX)
    min_h = _setting(settings, "photo_min_height_px", spec.MIN_HEIGHT_PX)
    enough = a.width >= min_w and a.height >= min_h
    out.add("photo.resolution", enough, [a.width, a.height], f">= {min_w}x{min_h}",
            "photo:resolution", "The photo has too few pixels.")
    aspect = a.width / a.height
    out.add("photo.aspect_ratio", abs(aspect - spec.ASPECT) <= spec.ASPECT_TOLERANCE, _r(aspect),
            f"{spec.ASPECT} +- {spec.ASPECT_TOLERANCE}", "photo:resolution", "The photo is not 3:4 (30 x 40 mm).")
    return enough


def _exposure_check(a: Analysis, out: Outcome) -> bool:
    """Exposure of the face, or of the whole photo when no face was found (it may be why)."""
    luma = a.face_luma if a.face_luma is not None else a.image_luma
    clipped = a.clipped if a.clipped is not None else 0.0
    lo, hi = spec.FACE_LUMA
    ok = lo <= luma <= hi and clipped <= spec.CLIPPED_MAX
    if a.face_luma is None and ok:
        return True  # the whole image is not a face: only report when it is clearly unusable
    out.add("photo.exposure", ok, {"face_luma": _r(luma, 1), "clipped": _r(clipped)},
            {"face_luma": [lo, hi], "clipped": f"<= {spec.CLIPPED_MAX}"}, "photo:exposure",
            "The face is too dark or too bright.")
    return ok


def _pose_checks(a: Analysis, out: Outcome) -> None:
    if a.roll_deg is None:
        out.not_run.append("photo.roll")
    else:
        out.add("photo.roll", abs(a.roll_deg) <= spec.ROLL_MAX_DEG, _r(a.roll_deg, 1), f"|deg| <= {spec.ROLL_MAX_DEG}",
                "photo:not_frontal", "The head is tilted (eye line not level).")
    if a.yaw is None:
        out.not_run.append("photo.yaw")
    else:
        out.add("photo.yaw", abs(a.yaw) <= spec.YAW_MAX, _r(a.yaw, 2), f"|x| <= {spec.YAW_MAX}",
                "photo:not_frontal", "The head is turned (nose not between the eyes).")


def _size_checks(a: Analysis, out: Outcome) -> None:
    if a.head_ratio is None or a.head_top is None:
        out.not_run.append("photo.head_size")
        return
    lo, hi = spec.HEAD_RATIO
    out.add("photo.head_size", lo <= a.head_ratio <= hi, _r(a.head_ratio), [lo, hi], "photo:face_size",
            "The head (hair to chin) is not 55-70 % of the photo height.")
    lo, hi = spec.TOP_MARGIN
    out.add("photo.top_margin", lo <= a.head_top <= hi, _r(a.head_top), [lo, hi], "photo:face_size",
            "The space above the head is not 2-8 mm (5-20 % of the height).")


def _age_check(exif: dict[str, str], submitted_on: dt.date | None, settings: object, out: Outcome) -> None:
    taken = capture_date(exif)
    if taken is None:
        out.warnings.append(Problem(code="photo:no_capture_date",
                                    message="The photo file carries no capture date; its age cannot be checked."))
        return
    if submitted_on is None:
        out.not_run.append("photo.age")
        return
    limit = _setting(settings, "photo_max_age_months", spec.DEFAULT_MAX_AGE_MONTHS)
    oldest = months_before(submitted_on, limit)
    out.add("photo.age", taken >= oldest, taken.isoformat(), f">= {oldest.isoformat()} ({limit} months)",
            "photo:too_old", f"The photo was taken more than {limit} months before the submission.")
