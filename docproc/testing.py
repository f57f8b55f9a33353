"""Helpers and pytest fixtures for testing docproc plugins, in the spirit of pytest's ``pytester``.

Installed as a pytest plugin (entry point ``pytest11: docproc``), so a plugin
package's tests get the fixtures without any ``conftest.py``::

    def test_my_card(docproc_tester):
        sub = docproc_tester.submission(applicant={"name": "Eriksson Anna Maria"})
        sub.add_image(render_my_card(), "card.png")            # no type hint: classification decides
        verdict = docproc_tester.run(sub, my_plugin_module)     # built-ins + my plugin, nothing else
        assert_document_type(verdict, "card.png", "health_insurance_card")
        assert_problem(verdict, "missing:passport")

Nothing here touches the installed third-party plugins: :func:`isolated_plugin_manager`
turns entry-point autoloading off and registers only what the test names.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from docproc.models import DocumentResult, Problem, Status, Verdict
from docproc.pipeline import check_folder
from docproc.plugins.manager import PluginManager, build_plugin_manager
from docproc.settings import Settings
from docproc.synth.damage import save_pages

DEFAULT_APPLICANT = {"name": "Eriksson Anna Maria", "birth_date": "1974-08-12", "sex": "F", "nationality": "SWE"}

__all__ = [
    "DocprocTester",
    "SubmissionBuilder",
    "assert_document_type",
    "assert_no_problem",
    "assert_problem",
    "assert_status",
    "document_of",
    "isolated_plugin_manager",
    "verdict_of",
]


# --------------------------------------------------------------------------
# Plugin managers
# --------------------------------------------------------------------------


def isolated_plugin_manager(*plugins: object, settings: Settings | None = None, **overrides: Any) -> PluginManager:
    """A manager with the built-in plugins and exactly ``plugins`` (modules or objects with ``@hookimpl``s).

    Entry-point autoloading is off whatever ``settings`` say, so the result does
    not depend on what else is installed. ``overrides`` change settings fields,
    e.g. ``plugin_timeout_seconds=1``. Raises pluggy's ``PluginValidationError``
    for a misspelled hook or argument, which is what an author wants to see.
    """
    base = settings or Settings()
    settings = base.model_copy(update={**overrides, "disable_plugin_autoload": True})
    return build_plugin_manager(settings, extra_plugins=tuple(plugins))


# --------------------------------------------------------------------------
# Submission folders
# --------------------------------------------------------------------------


@dataclass
class SubmissionBuilder:
    """A submission folder being put together: files in, ``submission.json`` written by :meth:`write`.

    Manifest values are plain keyword data exactly as ``submission.json`` holds
    them (``filed_by="relative"``, ``proxy_reason="illness"``, ...).
    """

    folder: Path
    manifest: dict[str, Any] = field(default_factory=dict)
    documents: list[dict[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.manifest.setdefault("submission_id", f"S-TEST-{self.folder.name}".replace("_", "-")[:100])
        self.manifest.setdefault("submitted_on", dt.date(2026, 11, 20).isoformat())
        self.manifest.setdefault("applicant", dict(DEFAULT_APPLICANT))

    def set(self, **values: Any) -> SubmissionBuilder:
        """Change manifest values (``activity_permit_granted=True``, ``applicant={...}``)."""
        self.manifest.update(values)
        return self

    def _listed(self, name: str, doc_type: str | None) -> str:
        self.documents.append({"file": name, "type": doc_type} if doc_type else {"file": name})
        return name

    def add_image(self, image: Any, name: str, *, type: str | None = None, dpi: int = 300) -> str:
        """Save a BGR array (OpenCV order) or a PIL image as ``name`` (format from the suffix) and list it."""
        if not isinstance(image, np.ndarray):  # a PIL image
            import cv2

            image = cv2.cvtColor(np.asarray(image.convert("RGB")), cv2.COLOR_RGB2BGR)
        save_pages([image], self.folder / name, dpi=dpi)
        return self._listed(name, type)

    def add_pages(self, images: Iterable[np.ndarray], name: str = "bundle.pdf", *, type: str | None = None,
                  dpi: int = 200) -> str:
        """Save several BGR pages as one multi-page PDF or TIFF, as a scanning station bundles them."""
        save_pages(list(images), self.folder / name, dpi=dpi)
        return self._listed(name, type)

    def add_file(self, source: Path | bytes, name: str | None = None, *, type: str | None = None) -> str:
        """Copy an existing file (or write raw bytes) into the folder and list it."""
        if isinstance(source, bytes):
            if name is None:
                raise ValueError("raw bytes need a file name")
            (self.folder / name).write_bytes(source)
        else:
            name = name or Path(source).name
            shutil.copyfile(source, self.folder / name)
        return self._listed(name, type)

    def write(self) -> Path:
        """Write ``submission.json`` and return the folder."""
        data = {**self.manifest, "documents": self.documents or self.manifest.get("documents", [])}
        (self.folder / "submission.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        return self.folder


# --------------------------------------------------------------------------
# Running and asserting
# --------------------------------------------------------------------------


def verdict_of(submission: SubmissionBuilder | Path, *plugins: object, settings: Settings | None = None,
               plugin_manager: PluginManager | None = None) -> Verdict:
    """Run the pipeline on a builder (written first) or a folder, with built-ins + ``plugins`` only.

    Pass ``plugin_manager`` to reuse one (e.g. built from entry points on purpose).
    """
    folder = submission.write() if isinstance(submission, SubmissionBuilder) else Path(submission)
    pm = plugin_manager or isolated_plugin_manager(*plugins, settings=settings)
    return check_folder(folder, pm.settings, pm)


def _describe(verdict: Verdict) -> str:
    problems = ", ".join(f"{p.code}@{p.document or '-'}" for p in verdict.problems) or "none"
    warnings = ", ".join(f"{p.code}@{p.document or '-'}" for p in verdict.warnings) or "none"
    docs = ", ".join(f"{d.label}={d.type}" + (f"(error: {d.error})" if d.error else "") for d in verdict.documents)
    return f"status={verdict.status.value}; problems: {problems}; warnings: {warnings}; documents: {docs}"


def _matching(items: list[Problem], code: str, document: str | None) -> list[Problem]:
    return [p for p in items if p.code == code and (document is None or p.document == document)]


def assert_status(verdict: Verdict, status: Status | str) -> None:
    """Fail with the verdict's problems listed when its status is not ``status``."""
    assert verdict.status == Status(status), f"expected {Status(status).value}, got {_describe(verdict)}"


def assert_problem(verdict: Verdict, code: str, document: str | None = None, *, warning: bool = False) -> Problem:
    """The problem (or, with ``warning=True``, the warning) ``code``, on ``document`` when given; fail if absent."""
    found = _matching(verdict.warnings if warning else verdict.problems, code, document)
    where = f" on {document}" if document else ""
    assert found, f"expected {'warning' if warning else 'problem'} {code}{where}; {_describe(verdict)}"
    return found[0]


def assert_no_problem(verdict: Verdict, code: str, document: str | None = None, *, warning: bool = False) -> None:
    """Fail when the problem (or warning) ``code`` is present (on ``document`` when given)."""
    found = _matching(verdict.warnings if warning else verdict.problems, code, document)
    assert not found, f"unexpected {code}: {found[0].message}; {_describe(verdict)}"


def document_of(verdict: Verdict, file: str, page: int | None = None) -> DocumentResult:
    """The verdict's entry for ``file`` (and 1-based ``page`` of a multi-page file)."""
    for doc in verdict.documents:
        if doc.file == file and (page is None or doc.page == page):
            return doc
    raise AssertionError(f"no document {file}{f' page {page}' if page else ''} in the verdict; {_describe(verdict)}")


def assert_document_type(verdict: Verdict, file: str, doc_type: str, page: int | None = None) -> DocumentResult:
    """Fail unless ``file`` (page) was given type ``doc_type``; returns its entry for further checks."""
    doc = document_of(verdict, file, page)
    assert doc.type == doc_type, (f"{doc.label} is {doc.type} ({doc.type_source}, {doc.type_confidence:.2f}), "
                                  f"expected {doc_type}; error: {doc.error}")
    return doc


# --------------------------------------------------------------------------
# The pytest fixture
# --------------------------------------------------------------------------


class DocprocTester:
    """What the ``docproc_tester`` fixture gives a test: fresh submission folders and isolated runs."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self._count = 0

    def submission(self, **manifest: Any) -> SubmissionBuilder:
        """A new, empty submission folder under the test's temporary directory."""
        self._count += 1
        return SubmissionBuilder(self.base / f"submission{self._count}", manifest=dict(manifest))

    def plugin_manager(self, *plugins: object, settings: Settings | None = None, **overrides: Any) -> PluginManager:
        return isolated_plugin_manager(*plugins, settings=settings, **overrides)

    def run(self, submission: SubmissionBuilder | Path, *plugins: object, settings: Settings | None = None,
            plugin_manager: PluginManager | None = None) -> Verdict:
        return verdict_of(submission, *plugins, settings=settings, plugin_manager=plugin_manager)


@pytest.fixture
def docproc_tester(tmp_path: Path) -> DocprocTester:
    """Build submission folders and run them through built-ins + the plugins a test names."""
    return DocprocTester(tmp_path)


@pytest.fixture
def docproc_submission(docproc_tester: DocprocTester) -> SubmissionBuilder:
    """One empty submission folder with a default applicant, ready for ``add_image``/``add_file``."""
    return docproc_tester.submission()
