"""The guide's worked example builds, installs and passes its own tests, as an author following docs/plugins.md would.

The shared virtualenv must not change, so the example is installed with
``pip install --target`` into a temporary directory that is put on
``PYTHONPATH``: importlib.metadata then finds its ``docproc.plugins`` entry
point exactly as after a normal install.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "docproc-example-plugin"
GUIDE = ROOT / "docs" / "plugins.md"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment variables under which the example is installed (pip install --target, no deps)."""
    target = tmp_path_factory.mktemp("site")
    build = tmp_path_factory.mktemp("build")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-compile",
                    "--target", str(target), str(EXAMPLE)], check=True, cwd=build, timeout=240,
                   env={**os.environ, "PIP_NO_INPUT": "1"})
    assert list(target.glob("docproc_health_insurance-*.dist-info")), "the wheel carries no metadata"
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), os.environ.get("PYTHONPATH", "")]),
            "OMP_THREAD_LIMIT": "1"}


def _python(code: str, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_entry_point_is_discovered_and_listed(installed: dict[str, str]) -> None:
    env = {**installed, "DOCPROC_LOAD_PLUGINS": "health_insurance"}
    out = _python("from docproc.cli import main; main(['plugins', '--json'])", env)
    listing = json.loads(out)
    row = next(p for p in listing["plugins"] if p["name"] == "health_insurance")
    assert row["package"] == "docproc-health-insurance" and row["version"] == "0.1.0"
    assert {"docproc_classify", "docproc_read", "docproc_document_types"} <= set(row["hooks"])
    assert "health_insurance_card" in listing["document_types"]


def test_denylist_keeps_it_out(installed: dict[str, str]) -> None:
    env = {**installed, "DOCPROC_DISABLE_PLUGINS": "health_insurance"}
    listing = json.loads(_python("from docproc.cli import main; main(['plugins', '--json'])", env))
    assert "health_insurance" not in {p["name"] for p in listing["plugins"]}
    assert "health_insurance_card" not in listing["document_types"]


def test_the_example_passes_its_own_tests(installed: dict[str, str]) -> None:
    """The author's tests use docproc's pytest fixtures, found through the pytest11 entry point."""
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(EXAMPLE),
                           str(EXAMPLE / "tests")], env=installed, capture_output=True, text=True, timeout=280,
                          cwd=EXAMPLE)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "3 passed" in done.stdout


def test_guide_shows_the_example_files() -> None:
    """The guide quotes the example's entry point and hooks; it must not drift from the code."""
    guide = GUIDE.read_text(encoding="utf-8")
    assert 'health_insurance = "docproc_health_insurance.plugin"' in guide
    assert "examples/docproc-example-plugin" in guide
    for line in ("def docproc_classify(page: Page) -> Classification | None:",
                 "def docproc_read(page: Page, doc_type: str, context: ReadContext) -> Reading | None:"):
        assert line in (EXAMPLE / "docproc_health_insurance" / "plugin.py").read_text(encoding="utf-8")
        assert line in guide
