"""The command line: exit codes, JSON output that matches the schema, clear errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from docproc.cli import main
from docproc.models import Verdict


def _run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    environment = {**os.environ, "DOCPROC_DISABLE_PLUGIN_AUTOLOAD": "true", **(env or {})}
    return subprocess.run([sys.executable, "-m", "docproc.cli", *args], capture_output=True, text=True,
                          env=environment, timeout=120, check=False)


def test_bad_input_exits_2_with_a_message_and_no_traceback(tmp_path: Path) -> None:
    result = _run("check", str(tmp_path))
    assert result.returncode == 2
    assert "has no submission.json" in result.stderr
    assert "Traceback" not in result.stderr

    (tmp_path / "submission.json").write_text('{"submission_id": 5}', encoding="utf-8")
    result = _run("check", str(tmp_path))
    assert result.returncode == 2 and "submission.json is invalid" in result.stderr


def test_json_verdict_validates_against_the_model(make_submission) -> None:
    generated = make_submission(hints=True, damage=0.0, documents=("passport", "photo"))
    result = _run("check", "--json", str(generated.folder))
    assert result.returncode == 1, result.stderr
    verdict = Verdict.model_validate_json(result.stdout)
    assert verdict.submission_id == generated.manifest["submission_id"]
    assert "missing:alien_registration" in {p.code for p in verdict.problems}


def test_summary_is_readable(make_submission, capsys, monkeypatch) -> None:
    monkeypatch.setenv("DOCPROC_DISABLE_PLUGIN_AUTOLOAD", "true")
    generated = make_submission(hints=True, damage=0.0, documents=("alien_registration",))
    assert main(["check", str(generated.folder)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"Submission {generated.manifest['submission_id']}: INCOMPLETE")
    assert "missing:passport" in out and "Requirements:" in out


def test_schema_command_prints_the_verdict_schema(capsys) -> None:
    assert main(["schema", "verdict"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Verdict"
    assert {"status", "problems", "documents", "cross_checks", "requirements"} <= set(schema["properties"])


def test_plugins_command_lists_builtins(capsys, monkeypatch) -> None:
    monkeypatch.setenv("DOCPROC_DISABLE_PLUGIN_AUTOLOAD", "true")
    assert main(["plugins", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert listing["plugins"][0]["name"] == "docproc.builtin.core_types"
    assert "passport" in listing["document_types"]
