"""The ``docproc`` command: check a folder, print schemas, list plugins, generate a demo.

Exit codes of ``docproc check``: 0 complete, 1 incomplete or needs review,
2 bad input (a message on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from pydantic import BaseModel

from docproc.errors import DocprocError
from docproc.models import Status, Submission, Verdict
from docproc.settings import Settings

EXIT_COMPLETE, EXIT_NOT_COMPLETE, EXIT_BAD_INPUT = 0, 1, 2


def _schemas() -> dict[str, type[BaseModel]]:
    schemas: dict[str, type[BaseModel]] = {"verdict": Verdict, "submission": Submission}
    try:
        from docproc.queue.messages import SCHEMAS as queue_schemas
    except ImportError:
        queue_schemas = {}
    schemas.update(queue_schemas)
    return schemas


def _progress_printer() -> object:
    def show(done: int, total: int, label: str) -> None:
        if total < 2:
            return
        end = "\n" if done == total else ""
        sys.stderr.write(f"\r\033[K[{done}/{total}] {label}" + end)
        sys.stderr.flush()

    return show


def format_summary(verdict: Verdict) -> str:
    """A clerk-readable summary of a verdict."""
    lines = [f"Submission {verdict.submission_id}: {verdict.status.value.upper().replace('_', ' ')}"]
    if verdict.problems:
        lines.append("Problems:")
        lines += [f"  - {p.code}: {p.message}" + (f" [{p.document}]" if p.document else "") for p in verdict.problems]
    if verdict.warnings:
        lines.append("Warnings:")
        lines += [f"  - {w.code}: {w.message}" + (f" [{w.document}]" if w.document else "") for w in verdict.warnings]
    lines.append("Documents:")
    for d in verdict.documents:
        what = d.type if d.type_source != "classified" else f"{d.type} (classified, {d.type_confidence:.2f})"
        state = f"error: {d.error}" if d.error else f"{len(d.fields)} fields, {sum(not c.passed for c in d.checks)} " \
                                                     f"failed checks"
        lines.append(f"  - {d.label}: {what}; {state}")
    lines.append("Cross-checks:")
    for c in verdict.cross_checks:
        verdict_word = {True: "consistent", False: "MISMATCH", None: "not compared"}[c.consistent]
        lines.append(f"  - {c.field}: {verdict_word} ({len(c.sources)} sources, score {c.score:.2f})")
    lines.append("Requirements:")
    for r in verdict.requirements:
        if not r.applies:
            continue
        mark = "ok " if r.satisfied else "NO "
        by = f" <- {', '.join(r.satisfied_by)}" if r.satisfied_by else ""
        lines.append(f"  [{mark}] {r.id}{by}")
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace) -> int:
    from docproc.pipeline import check_folder

    settings = Settings()
    progress = _progress_printer() if sys.stderr.isatty() and not args.quiet else None
    verdict = check_folder(Path(args.path), settings, progress=progress)  # type: ignore[arg-type]
    if args.json:
        print(verdict.model_dump_json(indent=2))
    else:
        print(format_summary(verdict))
    return EXIT_COMPLETE if verdict.status == Status.complete else EXIT_NOT_COMPLETE


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(_schemas()[args.name].model_json_schema(), indent=2, ensure_ascii=False))
    return 0


def cmd_plugins(args: argparse.Namespace) -> int:
    from docproc.plugins.manager import build_plugin_manager

    pm = build_plugin_manager(Settings())
    if args.json:
        print(json.dumps({"plugins": pm.plugin_info(), "skipped": [vars(s) for s in pm.skipped],
                          "document_types": sorted(pm.document_types)}, indent=2))
        return 0
    for row in pm.plugin_info():
        print(f"{row['name']} ({row['package']} {row['version']}): {', '.join(row['hooks'])}")
    for skipped in pm.skipped:
        print(f"SKIPPED {skipped.name}: {skipped.reason}")
    print(f"document types: {', '.join(sorted(pm.document_types))}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from docproc.synth.submission import write_demo_submission

    folder = write_demo_submission(Path(args.out), seed=args.seed)
    print(f"example submission written to {folder}", file=sys.stderr)
    if args.no_check:
        return 0
    args.path, args.quiet = str(folder), False
    return cmd_check(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="docproc", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress (never personal data)")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="check a submission folder and print the verdict")
    check.add_argument("path", help="folder holding submission.json and the scans")
    check.add_argument("--json", action="store_true", help="print the verdict as JSON")
    check.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    check.set_defaults(func=cmd_check)

    schema = sub.add_parser("schema", help="print a JSON Schema of the public contract")
    schema.add_argument("name", choices=sorted(_schemas()))
    schema.set_defaults(func=cmd_schema)

    plugins = sub.add_parser("plugins", help="list loaded plugins, their versions and hooks")
    plugins.add_argument("--json", action="store_true")
    plugins.set_defaults(func=cmd_plugins)

    demo = sub.add_parser("demo", help="generate an example submission and check it")
    demo.add_argument("--out", default="demo-submission", help="folder to write it to (default: %(default)s)")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--json", action="store_true")
    demo.add_argument("--no-check", action="store_true", help="only write the submission")
    demo.set_defaults(func=cmd_demo)

    try:
        from docproc.queue.cli import register as register_queue
    except ImportError:
        pass
    else:
        register_queue(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args))
    except DocprocError as exc:
        print(f"docproc: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
