"""The public contract: committed JSON Schemas match the models, and the README documents every code and setting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docproc.cli import _schemas
from docproc.problems import CORE_CODES
from docproc.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(_schemas()))
def test_committed_schema_is_current(name: str) -> None:
    committed = ROOT / "schemas" / f"{name}.schema.json"
    assert committed.is_file(), f"run: docproc schema {name} > schemas/{name}.schema.json"
    current = _schemas()[name].model_json_schema()
    assert json.loads(committed.read_text("utf-8")) == current, f"regenerate schemas/{name}.schema.json"


def test_readme_documents_every_core_problem_code() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    undocumented = [c.code for c in CORE_CODES if f"`{c.code}`" not in readme]
    assert not undocumented


def test_readme_documents_every_setting() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    undocumented = [name for name in Settings.model_fields if f"DOCPROC_{name.upper()}" not in readme]
    assert not undocumented
