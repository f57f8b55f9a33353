"""Turn a submission message back into the folder the pipeline reads: files + submission.json."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from docproc.queue.blobstore import BlobStore
from docproc.queue.errors import InvalidMessage
from docproc.queue.messages import SubmissionMessage


def materialize(message: SubmissionMessage, store: BlobStore, parent: Path | None = None) -> Path:
    """Fetch every blob (verified) into a fresh temporary folder; the caller removes it."""
    folder = Path(tempfile.mkdtemp(prefix="docproc-sub-", dir=parent))
    try:
        for document in message.manifest.documents:
            target = (folder / document.file).resolve()
            if not target.is_relative_to(folder.resolve()) or target.name == "submission.json":
                raise InvalidMessage("bad_file_name")
            target.parent.mkdir(parents=True, exist_ok=True)
            store.fetch(document.blob, target)
        (folder / "submission.json").write_text(
            json.dumps(message.manifest.as_folder_manifest(), ensure_ascii=False), encoding="utf-8"
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder
