"""One submission folder in, one verdict out: classify and read every page, then decide.

The order is fixed: load the manifest; for each page of each listed file, take
the type hint or ask every plugin to classify it, then let the owning plugin
read it; let plugins merge pages that belong together; cross-check the
applicant's documents against the form; apply the requirements; derive the
status from the severities of the problems found.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

import docproc
from docproc import crosscheck, requirements
from docproc.errors import BadSubmission, FileProblem, UnreadableDocument
from docproc.loading import iter_pages
from docproc.models import (
    UNKNOWN_TYPE,
    Classification,
    DocumentResult,
    Page,
    Problem,
    ReadContext,
    Reading,
    Submission,
    Verdict,
)
from docproc.plugins.manager import PluginManager, build_plugin_manager, call_impl, hook_impls, iter_hook
from docproc.problems import ProblemVocabulary
from docproc.settings import Settings

log = logging.getLogger(__name__)

MANIFEST_NAME = "submission.json"
MAX_MANIFEST_BYTES = 1024 * 1024

Progress = Callable[[int, int, str], None]  # (files done, files total, label) -> None


def load_manifest(folder: Path) -> Submission:
    """Parse ``submission.json``; raise BadSubmission with a message a clerk can act on."""
    if not folder.is_dir():
        raise BadSubmission(f"{folder} is not a folder")
    path = folder / MANIFEST_NAME
    if not path.is_file():
        raise BadSubmission(f"{folder} has no {MANIFEST_NAME}")
    if path.stat().st_size > MAX_MANIFEST_BYTES:
        raise BadSubmission(f"{MANIFEST_NAME} is larger than {MAX_MANIFEST_BYTES} bytes")
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadSubmission(f"{MANIFEST_NAME} is not valid JSON: {exc}") from exc
    return parse_manifest(data)


def parse_manifest(data: object) -> Submission:
    try:
        return Submission.model_validate(data)
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top)'}: {err['msg']}" for err in exc.errors()[:10]
        )
        raise BadSubmission(f"{MANIFEST_NAME} is invalid: {details}") from exc


def check_folder(
    folder: Path,
    settings: Settings | None = None,
    plugin_manager: PluginManager | None = None,
    progress: Progress | None = None,
) -> Verdict:
    """The verdict for the submission in ``folder``. Raises BadSubmission only for the manifest."""
    settings = settings or (plugin_manager.settings if plugin_manager else Settings())
    pm = plugin_manager or build_plugin_manager(settings)
    submission = load_manifest(folder)
    return Run(submission, folder, pm, settings).verdict(progress)


@dataclass
class Run:
    """The state of one submission while its pages go through the plugins."""

    submission: Submission
    folder: Path
    pm: PluginManager
    settings: Settings
    documents: list[DocumentResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.vocabulary = ProblemVocabulary(self.pm.problem_codes)
        self.context = ReadContext(submission=self.submission, settings=self.settings)

    def verdict(self, progress: Progress | None = None) -> Verdict:
        refs = self.submission.documents
        for done, ref in enumerate(refs):
            if progress:
                progress(done, len(refs), ref.file)
            try:
                for page in iter_pages(self.folder, ref, self.settings):
                    self.documents.append(self._process(page))
            except FileProblem as exc:
                self.documents.append(DocumentResult(file=ref.file, type=ref.type or UNKNOWN_TYPE,
                                                     type_source="hint" if ref.type else "none", error=str(exc)))
                self.problems.append(Problem(code=exc.code, message=str(exc), document=ref.file))
        if progress:
            progress(len(refs), len(refs), "")
        self._merge()
        return self._decide()

    # ---- one page -------------------------------------------------------

    def _process(self, page: Page) -> DocumentResult:
        doc = DocumentResult(file=page.file, page=page.index + 1 if page.page_count > 1 else None)
        if page.type_hint:
            doc.type, doc.type_confidence, doc.type_source = page.type_hint, 1.0, "hint"
            if page.type_hint not in self.pm.document_types:
                self.warnings.append(Problem(code="document:unrecognized", document=doc.label,
                                             message=f"type hint {page.type_hint!r} is not a known document type"))
        else:
            self._classify(page, doc)
        if doc.type == UNKNOWN_TYPE:
            if doc.error is None:
                self.warnings.append(Problem(code="document:unrecognized", document=doc.label,
                                             message="page matches no known document type"))
            return doc
        self._read(page, doc)
        return doc

    def _classify(self, page: Page, doc: DocumentResult) -> None:
        best: Classification | None = None
        for outcome in iter_hook(self.pm, "docproc_classify", page=page):
            if outcome.error:  # the page is still typed by the other plugins, but a person should look
                self._plugin_failed(doc, outcome.plugin, "classify", outcome.error, page_error=False)
            elif isinstance(outcome.result, Classification) and (best is None or outcome.result.score > best.score):
                best = outcome.result
        if best is not None and best.score >= self.settings.classify_threshold:
            doc.type, doc.type_confidence, doc.type_source = best.doc_type, best.score, "classified"
        else:
            doc.type_confidence = best.score if best else 0.0

    def _read(self, page: Page, doc: DocumentResult) -> None:
        for outcome in iter_hook(self.pm, "docproc_read", page=page, doc_type=doc.type, context=self.context):
            if isinstance(outcome.exception, UnreadableDocument):
                doc.error = f"unreadable {doc.type.replace('_', ' ')}: {outcome.exception}"
                self.problems.append(Problem(code="document:unreadable", message=doc.error, document=doc.label))
                return
            if outcome.error:
                self._plugin_failed(doc, outcome.plugin, "read", outcome.error)
                return
            if isinstance(outcome.result, Reading):
                self._take(outcome.result, doc)
                return
            if outcome.result is not None:
                self._plugin_failed(doc, outcome.plugin, "read", f"returned {type(outcome.result).__name__}")
                return
        self.warnings.append(Problem(code="document:not_read", document=doc.label,
                                     message=f"no installed plugin reads {doc.type.replace('_', ' ')} pages"))

    def _take(self, reading: Reading, doc: DocumentResult) -> None:
        doc.fields, doc.checks, doc.role = reading.fields, reading.checks, reading.role
        for problem in reading.problems:
            problem = problem.model_copy(update={"document": problem.document or doc.label})
            if problem.code not in self.vocabulary:
                self.problems.append(Problem(code="review:undeclared_code", document=doc.label,
                                             message=f"a plugin reported undeclared code {problem.code!r}"))
            self.problems.append(problem)
        for warning in reading.warnings:
            self.warnings.append(warning.model_copy(update={"document": warning.document or doc.label}))

    def _plugin_failed(self, doc: DocumentResult, plugin: str, stage: str, error: str, *, page_error: bool = True) -> None:
        # The exception text may quote document content: it goes to the verdict, not the logs.
        log.warning("plugin %s failed to %s a page of submission %s: %s", plugin, stage,
                    self.submission.submission_id, error.split(":", 1)[0])
        message = f"plugin {plugin} failed to {stage} this page: {error}"
        if page_error:
            doc.error = message
        self.problems.append(Problem(code="review:plugin_failed", message=message, document=doc.label))

    # ---- the whole submission ----------------------------------------------

    def _merge(self) -> None:
        # A pipeline: each plugin receives the list the previous one returned.
        for impl in hook_impls(self.pm, "docproc_merge_documents"):
            outcome = call_impl(self.pm, "docproc_merge_documents", impl, documents=list(self.documents),
                                context=self.context)
            if outcome.error:
                log.warning("plugin %s failed to merge documents: %s", outcome.plugin, type(outcome.exception).__name__)
                self.warnings.append(Problem(code="check:not_run",
                                             message=f"plugin {outcome.plugin} failed to merge pages: {outcome.error}"))
            elif isinstance(outcome.result, list):
                self.documents = outcome.result

    def _decide(self) -> Verdict:
        checks, mismatch_problems = crosscheck.cross_check(
            self.submission.applicant, self.documents, self.pm.document_types,
            self.settings.field_confidence_threshold,
        )
        problems = self.problems + mismatch_problems
        failed = {p.document for p in problems if p.document and self.vocabulary.severity(p.code) == "incomplete"}
        unreadable = {p.document for p in problems if p.document and p.code == "document:unreadable"}
        outcome = requirements.evaluate(self.submission, self.documents, failed, unreadable_documents=unreadable)
        problems += outcome.problems
        warnings = self.warnings + outcome.warnings
        return Verdict(
            submission_id=self.submission.submission_id,
            status=self.vocabulary.status(problems),
            procedure=self.submission.procedure,
            decided_at=dt.datetime.now(dt.UTC),
            docproc_version=docproc.__version__,
            problems=problems,
            warnings=warnings,
            documents=self.documents,
            cross_checks=checks,
            requirements=outcome.results,
        )
