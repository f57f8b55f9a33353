"""Meta-test (as datasette does it): every hook is documented in its docstring and in the guide, and tested.

Adding a hook to docproc/plugins/hookspecs.py without saying when it is called,
whether it is firstresult, what it returns and what it may raise, without a
section in docs/plugins.md, or without a ``test_hook_<name>...`` test function
in tests/, fails here.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from docproc.plugins import hookspecs

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "plugins.md"

HOOKS = sorted(
    name for name, func in inspect.getmembers(hookspecs, inspect.isfunction)
    if getattr(func, f"{hookspecs.PROJECT_NAME}_spec", None) is not None
)


def _firstresult(name: str) -> bool:
    return bool(getattr(getattr(hookspecs, name), f"{hookspecs.PROJECT_NAME}_spec").get("firstresult"))


def _guide_section(name: str) -> str:
    guide = GUIDE.read_text(encoding="utf-8")
    match = re.search(rf"^### `?{name}`?[^\n]*\n(.*?)(?=^#{{1,3}} |\Z)", guide, re.M | re.S)
    assert match, f"docs/plugins.md has no '### {name}' section"
    return match.group(1)


def _hook_tests() -> set[str]:
    names = set()
    for path in ROOT.glob("tests/**/test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_hook_"):
                names.add(node.name)
    return names


def test_the_spec_module_has_hooks() -> None:
    assert {"docproc_classify", "docproc_read", "docproc_merge_documents"} <= set(HOOKS)


@pytest.mark.parametrize("name", HOOKS)
def test_docstring_says_when_firstresult_returns_raises(name: str) -> None:
    doc = inspect.getdoc(getattr(hookspecs, name)) or ""
    assert re.search(r"\bCalled\b", doc), f"{name}: say when it is called"
    assert "None" in doc, f"{name}: say what returning None means"
    assert re.search(r"\b[Rr]eturn", doc), f"{name}: say what to return"
    assert re.search(r"[Rr]ais|exception", doc), f"{name}: say what it may raise and what happens then"
    if _firstresult(name):
        assert re.search(r"(?<!not )firstresult", doc), f"{name} is firstresult: say so"
    else:
        assert re.search(r"[Nn]ot firstresult", doc), f"{name}: say it is not firstresult"


@pytest.mark.parametrize("name", HOOKS)
def test_guide_documents_the_hook(name: str) -> None:
    section = _guide_section(name)
    expected = "yes" if _firstresult(name) else "no"
    assert re.search(rf"\*\*firstresult:\*\* {expected}\b", section), f"guide: '**firstresult:** {expected}' for {name}"
    for part in ("**Called:**", "**Returns:**", "**None means:**", "**May raise:**"):
        assert part in section, f"guide section {name} lacks {part}"
    assert f"def {name}(" in section, f"guide section {name} should show the signature"


@pytest.mark.parametrize("name", HOOKS)
def test_hook_has_a_test(name: str) -> None:
    assert any(t.startswith(f"test_hook_{name}") for t in _hook_tests()), f"no test_hook_{name}... in tests/"


def test_guide_has_no_hook_that_does_not_exist() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert set(re.findall(r"^### `?(docproc_\w+)", guide, re.M)) == set(HOOKS)
