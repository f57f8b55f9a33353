"""Structured logs: JSON lines (or plain text) carrying ids and codes only.

Callers pass data through ``extra={"ids": {...}}``; only whitelisted keys are emitted so a stray
name, birth date or document number cannot slip into a log line.
"""

from __future__ import annotations

import json
import logging
import sys
import time

SAFE_KEYS = frozenset(
    {
        "submission_id",
        "delivery_tag",
        "message_id",
        "status",
        "reason",
        "kind",
        "action",
        "attempt",
        "seconds",
        "pipeline_seconds",
        "redelivered",
        "republished",
        "worker",
        "pool_size",
        "prefetch",
        "queue",
        "in_flight",
        "port",
        "broker",
        "store",
        "exit_code",
        "count",
    }
)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        entry.update({k: v for k, v in getattr(record, "ids", {}).items() if k in SAFE_KEYS})
        if record.exc_info and record.exc_info[0] is not None:
            entry["error"] = record.exc_info[0].__name__  # type only: messages may quote input
        return json.dumps(entry, default=str)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        ids = " ".join(f"{k}={v}" for k, v in getattr(record, "ids", {}).items() if k in SAFE_KEYS)
        error = f" error={record.exc_info[0].__name__}" if record.exc_info and record.exc_info[0] else ""
        return f"{record.levelname.lower()} {record.name}: {record.getMessage()} {ids}{error}".rstrip()


def configure_logging(json_lines: bool = True, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("aio_pika", "aiormq", "botocore", "boto3", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def ids(**values: object) -> dict[str, dict[str, object]]:
    """``log.info("...", extra=ids(submission_id=..., status=...))``."""
    return {"ids": values}
