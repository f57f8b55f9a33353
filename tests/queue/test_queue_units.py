"""Messages, configuration and logs of the queue service (no broker needed)."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from docproc.queue.config import load_queue_settings
from docproc.queue.logs import JsonFormatter, ids
from docproc.queue.messages import SubmissionMessage, describe_validation_error, json_schemas

SHA_A = "a" * 64
SHA_B = "b" * 64


def message_data(sha: str = SHA_A, file: str = "passport.png", sid: str = "sub-1") -> dict[str, object]:
    return {
        "submission_id": sid,
        "manifest": {
            "submission_id": sid,
            "submitted_on": "2026-11-20",
            "applicant": {"name": "Maria Gonzalez", "birth_date": "1990-01-02"},
            "documents": [{"file": file, "type": "passport", "blob": {"uri": "file:///x/y", "sha256": sha, "size": 3}}],
        },
    }


def test_content_key_depends_on_blob_hash_and_declared_values() -> None:
    first = SubmissionMessage.model_validate(message_data())
    same = SubmissionMessage.model_validate(json.loads(first.model_dump_json()))
    other_blob = SubmissionMessage.model_validate(message_data(sha=SHA_B))
    data = message_data()
    data["manifest"]["applicant"]["name"] = "Maria Gonzales"  # type: ignore[index]
    other_name = SubmissionMessage.model_validate(data)
    assert first.content_key() == same.content_key()
    assert len({first.content_key(), other_blob.content_key(), other_name.content_key()}) == 3


def test_folder_manifest_drops_blob_refs_and_is_a_valid_submission() -> None:
    from docproc.models import Submission

    manifest = SubmissionMessage.model_validate(message_data()).manifest.as_folder_manifest()
    assert "blob" not in manifest["documents"][0]
    assert Submission.model_validate(manifest).documents[0].type == "passport"


@pytest.mark.parametrize("name", ["../etc/passwd", "/abs.png", "a/../../b.png", "a\\b.png", "a//b.png"])
def test_unsafe_file_names_are_invalid(name: str) -> None:
    with pytest.raises(ValidationError):
        SubmissionMessage.model_validate(message_data(file=name))


def test_ids_must_agree_and_errors_never_echo_values() -> None:
    data = message_data()
    data["submission_id"] = "other"
    with pytest.raises(ValidationError):
        SubmissionMessage.model_validate(data)
    data = message_data()
    data["manifest"]["applicant"]["name"] = ""  # type: ignore[index]
    data["manifest"]["documents"][0]["blob"]["sha256"] = "Maria Gonzalez"  # type: ignore[index]
    with pytest.raises(ValidationError) as info:
        SubmissionMessage.model_validate(data)
    described = describe_validation_error(info.value)
    assert "sha256" in described and "Maria" not in described


def test_json_schemas_export_both_bodies() -> None:
    schemas = json_schemas()
    assert schemas["submission_message"]["properties"]["schema_version"]["const"] == "1.0"
    assert "status" in schemas["verdict_message"]["properties"]


def test_settings_env_wins_over_file(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "queue.toml"
    config.write_text('[queue]\nsubmissions_queue = "from-file"\npool_size = 3\nretry_delays_s = [1, 2]\n')
    monkeypatch.setenv("DOCPROC_QUEUE_POOL_SIZE", "5")
    monkeypatch.setenv("DOCPROC_QUEUE_URL", "amqps://user:secret@broker.example:5671/prod")
    settings = load_queue_settings(config)
    assert settings.submissions_queue == "from-file"
    assert settings.pool_size == 5 and settings.effective_prefetch == 5
    assert settings.retry_queue_names == ["from-file.retry.1", "from-file.retry.2"]
    assert "secret" not in settings.redacted_url and "broker.example:5671" in settings.redacted_url
    assert settings.ssl_context() is not None


def test_json_logs_keep_only_whitelisted_keys() -> None:
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "verdict published", None, None)
    record.ids = {"submission_id": "sub-1", "status": "complete", "name": "Maria Gonzalez"}  # type: ignore[attr-defined]
    line = json.loads(JsonFormatter().format(record))
    assert line["submission_id"] == "sub-1" and line["status"] == "complete"
    assert "Maria" not in json.dumps(line)
    assert ids(a=1) == {"ids": {"a": 1}}


def test_example_config_file_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    import docproc.queue

    for name in [n for n in os.environ if n.startswith("DOCPROC_QUEUE_")]:
        monkeypatch.delenv(name)
    example = Path(docproc.queue.__file__).parent / "queue.example.toml"
    settings = load_queue_settings(example)
    assert settings.store_root == Path("/data/blobs") and settings.retry_delays_s == [5, 30, 120]
    assert settings.decisions_url.startswith("sqlite:////")


def test_build_message_stores_files_and_refuses_what_cannot_travel(tmp_path: Path) -> None:
    from docproc.errors import BadSubmission
    from docproc.queue.blobstore import LocalBlobStore
    from docproc.queue.submit import build_message

    store = LocalBlobStore(tmp_path / "store")
    folder = tmp_path / "sub"
    folder.mkdir()
    (folder / "scan.png").write_bytes(b"\x89PNG fake")
    manifest = {"submission_id": "s-1", "submitted_on": "2026-11-20", "applicant": {"name": "A B"},
                "documents": [{"file": "scan.png", "type": "passport"}]}  # fmt: skip
    (folder / "submission.json").write_text(json.dumps(manifest))
    message = build_message(folder, store)
    (document,) = message.manifest.documents
    assert document.type == "passport" and document.blob.size == 9 and document.blob.uri.startswith("file://")
    manifest["documents"] = [{"file": "missing.png"}]
    (folder / "submission.json").write_text(json.dumps(manifest))
    with pytest.raises(BadSubmission, match="not found"):
        build_message(folder, store)
    (tmp_path / "outside.png").write_bytes(b"x")
    manifest["documents"] = [{"file": "../outside.png"}]
    (folder / "submission.json").write_text(json.dumps(manifest))
    with pytest.raises(BadSubmission, match="cannot be sent"):
        build_message(folder, store)
