"""``docproc submit PATH``: what a scanning station runs — store the files, publish the claim-check message."""

from __future__ import annotations

from pathlib import Path

import aio_pika
from pydantic import ValidationError

from docproc.errors import BadSubmission
from docproc.queue.blobstore import BlobStore, make_blob_store
from docproc.queue.config import QueueSettings
from docproc.queue.messages import CONTENT_TYPE, SubmissionMessage, describe_validation_error, submission_headers
from docproc.queue.topology import connect


def build_message(folder: Path, store: BlobStore) -> SubmissionMessage:
    """Read ``folder/submission.json``, store every listed file, return the message to publish.

    Unlike ``docproc check`` (which reports a listed but absent file as ``missing:file``), a station
    cannot submit a folder with a missing file: the message needs a blob for every document."""
    from docproc.pipeline import load_manifest  # the same parsing and messages as `docproc check`

    submission = load_manifest(folder)
    documents = []
    for ref in submission.documents:
        path = folder / ref.file
        if not path.is_file():
            raise BadSubmission(f"listed file {ref.file!r} not found")
        documents.append({**ref.model_dump(exclude_none=True), "blob": store.put(path).model_dump()})
    manifest = {**submission.model_dump(mode="json", exclude_none=True), "documents": documents}
    try:
        return SubmissionMessage.model_validate({"submission_id": submission.submission_id, "manifest": manifest})
    except ValidationError as exc:  # e.g. a file name with '..' that a message may not carry
        raise BadSubmission(f"cannot be sent: {describe_validation_error(exc)}") from exc


async def publish_submissions(messages: list[SubmissionMessage], settings: QueueSettings) -> None:
    """Publish over one connection with confirms and mandatory: an unroutable submission (no topology) raises."""
    connection = await connect(settings, robust=False)
    async with connection:
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        exchange = await channel.get_exchange(settings.submissions_exchange, ensure=False)
        for message in messages:
            await exchange.publish(
                aio_pika.Message(
                    body=message.model_dump_json().encode(),
                    content_type=CONTENT_TYPE,
                    message_id=message.submission_id,
                    correlation_id=message.submission_id,
                    headers=submission_headers(),
                    delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                    app_id="docproc-submit",
                ),
                routing_key=settings.submissions_routing_key,
                mandatory=True,
                timeout=settings.publish_timeout_s,
            )


async def submit_folder(folder: Path, settings: QueueSettings, store: BlobStore | None = None) -> SubmissionMessage:
    message = build_message(folder, store or make_blob_store(settings))
    await publish_submissions([message], settings)
    return message
