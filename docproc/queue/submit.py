"""``docproc submit PATH``: what a scanning station runs — store the files, publish the claim-check message."""

from __future__ import annotations

import json
from pathlib import Path

import aio_pika

from docproc.errors import BadSubmission
from docproc.models import Submission
from docproc.queue.blobstore import BlobStore, make_blob_store
from docproc.queue.config import QueueSettings
from docproc.queue.messages import CONTENT_TYPE, SubmissionMessage, submission_headers
from docproc.queue.topology import connect


def build_message(folder: Path, store: BlobStore) -> SubmissionMessage:
    """Read ``folder/submission.json``, store every listed file, return the message to publish."""
    manifest_path = folder / "submission.json"
    try:
        data = json.loads(manifest_path.read_text(encoding="utf-8"))
        submission = Submission.model_validate(data)
    except FileNotFoundError as exc:
        raise BadSubmission(f"{manifest_path} not found") from exc
    except ValueError as exc:
        raise BadSubmission(f"{manifest_path} is not a valid manifest") from exc
    documents = []
    for ref in submission.documents:
        path = folder / ref.file
        if not path.is_file():
            raise BadSubmission(f"listed file {ref.file!r} not found")
        documents.append({**ref.model_dump(exclude_none=True), "blob": store.put(path).model_dump()})
    manifest = {**submission.model_dump(mode="json", exclude_none=True), "documents": documents}
    return SubmissionMessage.model_validate({"submission_id": submission.submission_id, "manifest": manifest})


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
