"""Subcommands ``worker``, ``submit PATH`` and ``queue setup|schema`` for the ``docproc`` command line."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from pathlib import Path

from docproc.errors import DocprocError


def _add_config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="TOML file with queue settings (env DOCPROC_QUEUE_* wins)")


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from docproc.queue.config import load_queue_settings

    return load_queue_settings(args.config)


def cmd_worker(args: argparse.Namespace) -> int:
    from docproc.queue.logs import configure_logging, ids
    from docproc.queue.worker import run_worker

    settings = _settings(args)
    configure_logging(settings.log_json, settings.log_level)
    try:
        return run_worker(settings)
    except Exception as exc:  # logged by type only: a message could quote submission data
        logging.getLogger("docproc.queue.worker").critical("worker failed", extra=ids(kind=type(exc).__name__))
        print(f"docproc worker: failed ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 1


def cmd_submit(args: argparse.Namespace) -> int:
    from docproc.queue.submit import submit_folder

    settings = _settings(args)
    try:
        message = asyncio.run(submit_folder(args.path, settings))
    except DocprocError as exc:
        print(f"docproc submit: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # broker/store failures: report and fail
        print(f"docproc submit: failed ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 1
    print(json.dumps({"submission_id": message.submission_id, "content_key": message.content_key()}))
    return 0


def cmd_setup(args: argparse.Namespace) -> int:
    from docproc.queue.topology import setup

    settings = _settings(args)
    try:
        asyncio.run(setup(settings))
    except Exception as exc:  # e.g. PRECONDITION_FAILED: a queue exists with other arguments
        print(f"docproc queue setup: failed on {settings.redacted_url}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"topology declared on {settings.redacted_url}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    worker = subparsers.add_parser("worker", help="consume submissions from RabbitMQ and publish verdicts")
    _add_config(worker)
    worker.set_defaults(func=cmd_worker)

    submit = subparsers.add_parser("submit", help="store a submission folder's files and queue it")
    submit.add_argument("path", type=Path, help="folder with submission.json and the listed files")
    _add_config(submit)
    submit.set_defaults(func=cmd_submit)

    queue = subparsers.add_parser("queue", help="queue administration")
    queue_commands = queue.add_subparsers(dest="queue_command", required=True)
    setup = queue_commands.add_parser("setup", help="declare exchanges and queues (idempotent)")
    _add_config(setup)
    setup.set_defaults(func=cmd_setup)


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (``python -m docproc.queue``) with just the queue subcommands."""
    parser = argparse.ArgumentParser(prog="docproc-queue")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))
