"""docproc hooks: classify, read and merge residence cards (在留カード) and alien registration certificates."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import OrderedDict

from docproc.errors import UnreadableDocument
from docproc.models import (
    Classification,
    DocumentResult,
    DocumentType,
    FieldValue,
    Page,
    Problem,
    ProblemCode,
    ReadContext,
    Reading,
    Region,
)
from docproc.normalize import normalize_address
from docproc.plugins import hookimpl
from docproc.settings import Settings
from docproc_alien_registration.reader import CardReading, read_card

DOC_TYPE = "alien_registration"
LOG = logging.getLogger(__name__)
_REVIEW_BELOW = Settings.model_fields["field_confidence_threshold"].default  # when the context has no settings
_MEMO_SIZE = 4
_UNREAD_BACK = 0.5  # a front's address when its back's entries could not be read: below review, never sure
# classify and read see the same page one after the other: remember the last few analyses by content
# (the date only settles a misread era of the expiry date, 令和 vs 昭和: any recent day does)
_memo: OrderedDict[str, CardReading] = OrderedDict()


def _analyse(page: Page, today: dt.date | None = None) -> CardReading:
    digest = hashlib.blake2b(page.image.tobytes(), digest_size=16).hexdigest()
    key = digest
    if key in _memo:
        _memo.move_to_end(key)
        return _memo[key]
    reading = read_card(page.image, today=today)
    _memo[key] = reading
    while len(_memo) > _MEMO_SIZE:
        _memo.popitem(last=False)
    return reading


@hookimpl
def docproc_document_types() -> list[DocumentType]:
    return [DocumentType(name=DOC_TYPE, description="Residence card (在留カード) or old certificate of alien "
                         "registration (外国人登録証明書), front or back; field `layout` tells which.")]


@hookimpl
def docproc_problem_codes() -> list[ProblemCode]:
    return []  # only core codes: document:expired, document:unreadable


@hookimpl
def docproc_classify(page: Page) -> Classification | None:
    reading = _analyse(page)
    if reading.side == "none":
        return None
    if reading.side == "back":
        score = 0.9 if reading.labels_found else 0.7
    else:
        score = min(0.97, 0.55 + 0.08 * reading.labels_found + (0.15 if reading.layout else 0.0))
    return Classification(doc_type=DOC_TYPE, score=score)


def _field(reading: CardReading, key: str) -> FieldValue | None:
    value = reading.values.get(key)
    if value is None:
        return None
    region = None
    if value.box is not None and reading.crop is not None:
        x, y, w, h = reading.crop.page_box(*value.box)
        region = Region(x=x, y=y, width=w, height=h)
    return FieldValue(value=value.value, raw=value.raw, confidence=round(min(1.0, max(0.0, value.confidence)), 3),
                      region=region)


@hookimpl
def docproc_read(page: Page, doc_type: str, context: ReadContext) -> Reading | None:
    if doc_type != DOC_TYPE:
        return None
    submitted_on = context.submission.submitted_on
    reading = _analyse(page, submitted_on)
    if reading.side == "none":
        raise UnreadableDocument("no residence card or alien registration certificate could be read on the page")
    fields: dict[str, FieldValue] = {}
    for key in reading.values:
        if (fv := _field(reading, key)) is not None:
            fields[key] = fv
    if "address" in fields:
        fields["address_normalized"] = FieldValue(
            value=normalize_address(str(fields["address"].value)), raw=fields["address"].raw,
            confidence=fields["address"].confidence, region=fields["address"].region)
    if reading.side == "back":
        LOG.info("alien_registration back page %s: %d address entries", page.label, reading.labels_found)
        return Reading(role="back", fields=fields)
    if reading.layout:
        fields["layout"] = FieldValue(value=reading.layout, confidence=0.9)
    if reading.address_pending:
        fields["address_on_back"] = FieldValue(value=True, raw="未定（届出後裏面に記載）")
    problems = []
    expiry = fields.get("expiry_date")
    if expiry is not None and dt.date.fromisoformat(expiry.value) < submitted_on:
        threshold = getattr(context.settings, "field_confidence_threshold", _REVIEW_BELOW)
        if expiry.confidence >= threshold:
            problems.append(Problem(code="document:expired", message="The period of stay on the card has ended "
                                    "before the submission date.", document=page.label))
        else:  # a misread year must not send the applicant away: a person looks at the card
            problems.append(Problem(code="review:low_confidence", message="The period of stay on the card may "
                                    "have ended: its end date was read with low confidence.", document=page.label))
    if not {"name", "birth_date", "card_number"} & fields.keys():
        raise UnreadableDocument("the card was found but none of name, birth date or card number could be read")
    LOG.info("alien_registration front page %s: fields %s", page.label, sorted(fields))
    return Reading(role="front", fields=fields, problems=problems)


def _pair(back: DocumentResult, fronts: list[int], documents: list[DocumentResult]) -> int | None:
    """The front a back page belongs to: same file first, else the nearest front before it."""
    same_file = [i for i in fronts if documents[i].file == back.file]
    if same_file:
        return same_file[-1]
    return fronts[-1] if fronts else None


@hookimpl
def docproc_merge_documents(documents: list[DocumentResult], context: ReadContext) -> list[DocumentResult] | None:
    """Fold the latest back-page address (住居地記載欄) into its card front's ``address``; a front whose back
    was scanned but could not be read keeps its own address only for review (it may have changed since)."""
    cards = [i for i, d in enumerate(documents) if d.type == DOC_TYPE]
    backs = [i for i in cards if documents[i].role == "back"]
    if not backs:
        return None
    out = list(documents)
    latest: dict[int, tuple[str, DocumentResult]] = {}
    unread: set[int] = set()
    for b in backs:
        fronts = [i for i in cards if documents[i].role != "back" and i < b] or \
                 [i for i in cards if documents[i].role != "back"]
        f = _pair(documents[b], fronts, documents)
        if f is None:
            continue
        if "address" not in documents[b].fields:
            unread.add(f)
            continue
        when = str(documents[b].fields.get("address_changed_on", FieldValue(value="")).value)
        if f not in latest or when >= latest[f][0]:
            latest[f] = (when, documents[b])
    if not latest and not unread:
        return None
    for f, (_, back) in latest.items():
        fields = dict(out[f].fields)
        fields["address"] = back.fields["address"]
        if "address_normalized" in back.fields:
            fields["address_normalized"] = back.fields["address_normalized"]
        fields.pop("address_on_back", None)
        out[f] = out[f].model_copy(update={"fields": fields})
    for f in unread - latest.keys():
        fields = dict(out[f].fields)
        for key in ("address", "address_normalized"):
            if key in fields:
                fields[key] = fields[key].model_copy(update={"confidence": min(fields[key].confidence, _UNREAD_BACK)})
        out[f] = out[f].model_copy(update={"fields": fields})
    return out
