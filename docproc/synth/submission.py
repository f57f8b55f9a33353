"""Whole generated submissions: one applicant, their documents as scans, and submission.json.

A :class:`SubmissionSpec` names what a test or benchmark varies (who files,
which documents are present, hints, one bundled PDF, damage, ages, declared
values that disagree); :func:`build_submission` renders it deterministically.
The applicant's form values are written as people write them (any name order,
commas, Western or era dates, 男/女, Japanese country names, other address
notation) so cross-checks are exercised, not bypassed.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from docproc.synth import card as card_synth
from docproc.synth import passport as passport_synth
from docproc.synth import photo as photo_synth
from docproc.synth.damage import ScanDamage, apply_damage, random_damage, save_pages
from docproc.synth.pages import TypedPage, render_typed_page

DEFAULT_DATE = dt.date(2026, 11, 20)
ICAO_TO_ALPHA3 = {"D": "DEU", "GBD": "GBR"}
# What an applicant hands in, by procedure, before representative documents.
BASE_DOCUMENTS = {
    "application": ("passport", "alien_registration", "photo"),
    "collection": ("acceptance_receipt", "passport", "alien_registration"),
}


@dataclass(frozen=True)
class SubmissionSpec:
    seed: int = 0
    submission_id: str | None = None
    submitted_on: dt.date = DEFAULT_DATE
    procedure: str = "application"
    filed_by: str = "applicant"
    proxy_reason: str | None = None
    activity_permit_granted: bool = False
    documents: tuple[str, ...] | None = None  # None: the procedure's base documents plus what filing requires
    hints: bool = False  # give every file its type hint
    bundle_pdf: bool = False  # scan every page except the photo into one multi-page PDF
    age_years: int | None = None  # applicant's age on the submission date
    representative_age: int | None = None
    form_overrides: dict[str, str] = field(default_factory=dict)  # declared values that differ from the documents
    damage: float = 0.4  # severity of scanner damage
    card_layout: str | None = None
    photo_age_days: int = 20
    expired_passport: bool = False


@dataclass
class GeneratedSubmission:
    folder: Path
    manifest: dict[str, Any]
    passport: passport_synth.PassportData
    card: card_synth.CardData


def required_documents(spec: SubmissionSpec) -> tuple[str, ...]:
    """The documents a correct submission for ``spec`` contains."""
    docs = list(BASE_DOCUMENTS[spec.procedure])
    if spec.procedure == "application":
        if spec.age_years is not None and spec.age_years < 16:
            docs.remove("photo")
        if spec.activity_permit_granted:
            docs.append("activity_permit")
    if spec.filed_by != "applicant":
        docs.append("representative_id")
        if spec.procedure == "application" and spec.proxy_reason == "illness" and spec.filed_by == "relative":
            docs.append("medical_certificate")
        if spec.procedure == "application" and spec.proxy_reason == "request":
            docs.append("authorization_letter")
    return tuple(docs)


def _identity(rng: random.Random, spec: SubmissionSpec) -> tuple[passport_synth.PassportData, card_synth.CardData]:
    """A passport and a residence card that describe the same person."""
    while True:
        pp = passport_synth.random_passport_data(rng, submitted_on=spec.submitted_on, kind="TD3", document_code="P<")
        alpha3 = ICAO_TO_ALPHA3.get(pp.nationality, pp.nationality)
        if alpha3 in card_synth.PEOPLE and pp.sex in ("M", "F"):
            break
    age = spec.age_years if spec.age_years is not None else rng.randint(18, 80)
    birth = spec.submitted_on.replace(year=spec.submitted_on.year - age) - dt.timedelta(days=rng.randint(1, 300))
    overrides: dict[str, Any] = {"birth_date": birth}
    expiry = pp.expiry_date
    if spec.expired_passport:
        expiry = spec.submitted_on - dt.timedelta(days=rng.randint(10, 300))
    elif expiry <= spec.submitted_on:
        expiry = spec.submitted_on + dt.timedelta(days=rng.randint(200, 3000))
    pp = replace(pp, expiry_date=expiry, **overrides)
    surname, given = passport_synth.mrz_name_values(pp)
    layout = spec.card_layout or rng.choice(card_synth.LAYOUTS)
    card = card_synth.random_card_data(rng, submitted_on=spec.submitted_on, layout=layout, nationality=alpha3)
    card = replace(card, name=f"{surname} {given}".strip(), birth_date=pp.birth_date, sex=pp.sex,
                   expiry_date=spec.submitted_on + dt.timedelta(days=rng.randint(100, 1500)))
    return pp, card


def _declared_name(pp: passport_synth.PassportData, rng: random.Random) -> str:
    surname, given = pp.surname, pp.given_names
    style = rng.choice(("surname given", "given surname", "surname, given", "upper", "lower"))
    if not given:
        return surname
    return {
        "surname given": f"{surname} {given}",
        "given surname": f"{given} {surname}",
        "surname, given": f"{surname}, {given}",
        "upper": f"{surname} {given}".upper(),
        "lower": f"{given} {surname}".lower(),
    }[style]


def _declared_date(d: dt.date, rng: random.Random) -> str:
    style = rng.choice(("iso", "dmy", "kanji", "era"))
    if style == "iso":
        return d.isoformat()
    if style == "dmy":
        return d.strftime("%d/%m/%Y")
    if style == "kanji":
        return f"{d.year}年{d.month}月{d.day}日"
    return card_synth.format_date(d, "era")


def _declared_nationality(alpha3: str, rng: random.Random) -> str:
    import pycountry

    style = rng.choice(("name", "code", "ja"))
    if style == "ja" and alpha3 in card_synth.PEOPLE:
        return card_synth.PEOPLE[alpha3][0]
    country = pycountry.countries.get(alpha_3=alpha3)
    if style == "name" and country is not None:
        return country.name
    return alpha3


def _declared_address(address: str, rng: random.Random) -> str:
    from docproc.normalize import normalize_address

    return address if rng.random() < 0.5 else normalize_address(address)


def _scan(image: np.ndarray, rng: random.Random, severity: float, *, source_dpi: int, rotate: bool = True) -> np.ndarray:
    damage = random_damage(rng, severity=severity, allow_rotation=rotate)
    return apply_damage(image, damage, source_dpi=source_dpi, seed=rng.randrange(2**31))


def build_submission(folder: Path, spec: SubmissionSpec) -> GeneratedSubmission:
    """Render ``spec`` into ``folder`` (created) and write its submission.json."""
    rng = random.Random(spec.seed)
    folder.mkdir(parents=True, exist_ok=True)
    pp, card = _identity(rng, spec)
    wanted = spec.documents if spec.documents is not None else required_documents(spec)
    pages: list[tuple[str, list[np.ndarray], str]] = []  # (type, images, extension)
    photo: np.ndarray | None = None
    for doc_type in wanted:
        if doc_type == "passport":
            img = passport_synth.passport_scan(pp, damage=random_damage(rng, severity=spec.damage), rng=rng)
            pages.append(("passport", [img], "jpg"))
        elif doc_type == "alien_registration":
            front = card_synth.render_card_front(card, dpi=300, rng=rng)
            images = [card_synth.card_scan(front, damage=random_damage(rng, severity=spec.damage), rng=rng)]
            back = card_synth.render_card_back(card, dpi=300, rng=rng)
            if back is not None and (card.address_changes or card.address_on_back):
                images.append(card_synth.card_scan(back, damage=random_damage(rng, severity=spec.damage), rng=rng))
            pages.append(("alien_registration", images, "png" if len(images) == 1 else "pdf"))
        elif doc_type == "photo":
            photo = photo_synth.compliant_photo(rng)
        else:
            holder = "" if doc_type in ("unrelated", "application_form") else card.name
            typed = render_typed_page(TypedPage(doc_type, rng.choice(("ja", "en")), holder), dpi=200, rng=rng)
            pages.append((doc_type, [_scan(typed, rng, spec.damage * 0.5, source_dpi=200, rotate=False)], "pdf"))
    documents: list[dict[str, str]] = []
    if spec.bundle_pdf and pages:
        images = [img for _, imgs, _ in pages for img in imgs]
        save_pages(images, folder / "bundle.pdf", dpi=200)
        documents.append({"file": "bundle.pdf"})
    else:
        for number, (doc_type, images, ext) in enumerate(pages, start=1):
            name = f"scan_{number:03d}.{ext}"
            save_pages(images, folder / name, dpi=200 if ext == "pdf" else 300)
            documents.append({"file": name, "type": doc_type} if spec.hints else {"file": name})
    if photo is not None:
        photo_synth.save_photo(photo, folder / "photo.jpg",
                               taken_on=spec.submitted_on - dt.timedelta(days=spec.photo_age_days))
        documents.append({"file": "photo.jpg", "type": "photo"} if spec.hints else {"file": "photo.jpg"})
    applicant = {
        "name": _declared_name(pp, rng),
        "birth_date": _declared_date(pp.birth_date, rng),
        "sex": rng.choice({"M": ("M", "Male", "男"), "F": ("F", "Female", "女")}[pp.sex]),
        "nationality": _declared_nationality(ICAO_TO_ALPHA3.get(pp.nationality, pp.nationality), rng),
        "address": _declared_address(card.current_address, rng),
    }
    applicant.update(spec.form_overrides)
    manifest: dict[str, Any] = {
        "submission_id": spec.submission_id or f"S-{spec.submitted_on.year}-{spec.seed:06d}",
        "submitted_on": spec.submitted_on.isoformat(),
        "applicant": applicant,
        "filed_by": spec.filed_by,
        "procedure": spec.procedure,
        "activity_permit_granted": spec.activity_permit_granted,
        "documents": documents,
    }
    if spec.proxy_reason:
        manifest["proxy_reason"] = spec.proxy_reason
    if spec.filed_by != "applicant":
        rep_age = spec.representative_age or 40
        rep_birth = spec.submitted_on.replace(year=spec.submitted_on.year - rep_age) - dt.timedelta(days=30)
        manifest["representative"] = {"name": "Representative Person", "birth_date": rep_birth.isoformat(),
                                      "relationship": spec.filed_by}
    (folder / "submission.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return GeneratedSubmission(folder=folder, manifest=manifest, passport=pp, card=card)


def write_demo_submission(out: Path, *, seed: int = 7) -> Path:
    """The README's example: a complete application with mild scanning damage and no type hints."""
    spec = SubmissionSpec(seed=seed, submission_id="S-2026-DEMO", damage=0.3, card_layout="residence_card")
    return build_submission(out, spec).folder


__all__ = ["GeneratedSubmission", "ScanDamage", "SubmissionSpec", "build_submission", "write_demo_submission"]
