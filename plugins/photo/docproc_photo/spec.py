"""The limits of the photo specification (immigration agency, photos for residence procedures).

40 x 30 mm; head from the top of the hair to the chin 22-28 mm (55-70 % of the
height) with 2-8 mm (5-20 %) above it; face centred, frontal, no hat, plain
background, sharp. The numeric tolerances for pose, centring, sharpness and
exposure are not in the agency's text: they follow ISO/IEC 19794-5 / ICAO
practice (roll within 8 degrees, face centre within the middle tenth-ish of the
width) and were set on the labelled set, with a margin both ways.
"""

from __future__ import annotations

ASPECT = 0.75  # width / height
ASPECT_TOLERANCE = 0.035
HEAD_RATIO = (0.55, 0.70)
TOP_MARGIN = (0.05, 0.20)
CENTER_OFFSET_MAX = 0.07  # |face centre - photo centre| / width
ROLL_MAX_DEG = 8.0
YAW_MAX = 0.75  # nose offset from the eyes' midpoint / half the inter-ocular distance (coarse: see analysis)
MIN_WIDTH_PX = 240
MIN_HEIGHT_PX = 320
SHARPNESS_MIN = 0.09  # normalised Laplacian energy of the face at a fixed scale
FACE_LUMA = (65.0, 215.0)  # mean grey level of the face
CLIPPED_MAX = 0.25  # fraction of face pixels at 0 or 255
BACKGROUND_SPREAD_MAX = 20.0  # grey levels between the 1st and 99th percentile of the de-trended background
BACKGROUND_EDGE_LENGTH_MAX = 0.06  # edge length in the background / photo height (objects, patterns)
HEADWEAR_SCORE_MAX = 1.0
DEFAULT_MAX_AGE_MONTHS = 3
