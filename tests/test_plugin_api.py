"""The public hook contract, one behaviour at a time, through docproc.testing (as a plugin author sees it).

Every hook in docproc/plugins/hookspecs.py has tests named ``test_hook_<hook>...`` here;
tests/test_hook_docs.py fails when one is missing.
"""

from __future__ import annotations

import numpy as np
import pytest
from pluggy import PluginValidationError

from docproc.errors import UnreadableDocument
from docproc.models import Classification, DocumentType, FieldValue, Page, Problem, ProblemCode, Reading
from docproc.plugins import hookimpl
from docproc.testing import (
    SubmissionBuilder,
    assert_document_type,
    assert_no_problem,
    assert_problem,
    assert_status,
    document_of,
)


def _grey(level: int = 200) -> np.ndarray:
    return np.full((300, 220, 3), level, np.uint8)


class Declares:
    @hookimpl
    def docproc_document_types(self) -> list[DocumentType]:
        return [DocumentType(name="library_card", description="A test type.")]

    @hookimpl
    def docproc_problem_codes(self) -> list[ProblemCode]:
        return [ProblemCode(code="library:overdue", description="Books overdue.", severity="warning"),
                ProblemCode(code="library:banned", description="Banned reader.", severity="incomplete")]


class Scores:
    """Classifies by the page's grey level: a knob a test can turn."""

    def __init__(self, doc_type: str, score_of_level) -> None:
        self.doc_type, self.score_of_level = doc_type, score_of_level

    @hookimpl
    def docproc_classify(self, page: Page) -> Classification | None:
        score = self.score_of_level(int(page.gray.mean()))
        return None if score is None else Classification(doc_type=self.doc_type, score=score)


class Reads:
    def __init__(self, doc_type: str, reading=None, error: Exception | None = None) -> None:
        self.doc_type, self.reading, self.error, self.calls = doc_type, reading, error, 0

    @hookimpl
    def docproc_read(self, page: Page, doc_type: str, context) -> Reading | None:
        if doc_type != self.doc_type:
            return None
        self.calls += 1
        if self.error:
            raise self.error
        return self.reading() if callable(self.reading) else self.reading


# ---- docproc_document_types -------------------------------------------------


def test_hook_docproc_document_types_adds_a_type(docproc_tester) -> None:
    pm = docproc_tester.plugin_manager(Declares())
    assert "library_card" in pm.document_types and "passport" in pm.document_types
    sub = docproc_tester.submission()
    sub.add_image(_grey(), "card.png", type="library_card")
    verdict = docproc_tester.run(sub, plugin_manager=pm)
    assert_no_problem(verdict, "document:unrecognized", warning=True)
    assert_problem(verdict, "document:not_read", document="card.png", warning=True)  # declared, read by nobody


def test_hook_docproc_document_types_raising_skips_the_plugin(docproc_tester) -> None:
    class Broken(Reads):
        @hookimpl
        def docproc_document_types(self):
            raise RuntimeError("bad declaration")

    pm = docproc_tester.plugin_manager(Broken("x"))
    assert pm.get_plugin("Broken") is None and "declarations failed" in pm.skipped[0].reason


# ---- docproc_problem_codes --------------------------------------------------


def test_hook_docproc_problem_codes_severity_decides_the_status(docproc_tester) -> None:
    def run(code: str):
        sub = docproc_tester.submission()
        sub.add_image(_grey(), "card.png", type="library_card")
        reading = Reading(problems=[Problem(code=code, message="test")])
        return docproc_tester.run(sub, Declares(), Reads("library_card", reading))

    assert_problem(run("library:banned"), "library:banned", document="card.png")
    verdict = run("library:unknown_thing")
    assert_problem(verdict, "review:undeclared_code", document="card.png")
    assert_problem(verdict, "library:unknown_thing", document="card.png")


def test_hook_docproc_problem_codes_warning_code_keeps_complete(docproc_tester) -> None:
    # Everything the requirements ask for, by type hint, read by a plugin that reports only a warning-level code.
    sub = docproc_tester.submission(applicant={"name": "A B"})
    for doc_type in ("passport", "alien_registration", "photo"):
        sub.add_image(_grey(), f"{doc_type}.png", type=doc_type)
    reading = Reading(problems=[Problem(code="library:overdue", message="late")])
    verdict = docproc_tester.run(sub, Declares(), Reads("passport", reading), Reads("alien_registration", Reading()),
                                 Reads("photo", Reading()))
    assert_problem(verdict, "library:overdue")
    assert verdict.status != "incomplete"


# ---- docproc_classify -------------------------------------------------------


def test_hook_docproc_classify_highest_score_above_threshold_wins(docproc_tester) -> None:
    sub = docproc_tester.submission()
    sub.add_image(_grey(200), "light.png")
    sub.add_image(_grey(40), "dark.png")
    verdict = docproc_tester.run(
        sub, Declares(),
        Scores("library_card", lambda level: 0.9 if level > 128 else 0.3),
        Scores("photo", lambda level: 0.6 if level > 128 else 0.45),
    )
    light = assert_document_type(verdict, "light.png", "library_card")
    assert light.type_source == "classified" and light.type_confidence == pytest.approx(0.9)
    dark = assert_document_type(verdict, "dark.png", "unknown")  # best score 0.45 < threshold 0.5
    assert dark.type_confidence == pytest.approx(0.45)
    assert_problem(verdict, "document:unrecognized", document="dark.png", warning=True)


def test_hook_docproc_classify_none_means_not_mine_and_hints_skip_it(docproc_tester) -> None:
    calls = []

    class Counts:
        @hookimpl
        def docproc_classify(self, page: Page):
            calls.append(page.file)
            return None

    sub = docproc_tester.submission()
    sub.add_image(_grey(), "hinted.png", type="photo")
    sub.add_image(_grey(), "unhinted.png")
    verdict = docproc_tester.run(sub, Counts())
    assert calls == ["unhinted.png"]
    assert document_of(verdict, "unhinted.png").type == "unknown"


def test_hook_docproc_classify_threshold_is_a_setting(docproc_tester) -> None:
    sub = docproc_tester.submission()
    sub.add_image(_grey(), "a.png")
    pm = docproc_tester.plugin_manager(Scores("photo", lambda level: 0.3), classify_threshold=0.25)
    assert_document_type(docproc_tester.run(sub, plugin_manager=pm), "a.png", "photo")


# ---- docproc_read -----------------------------------------------------------


def test_hook_docproc_read_first_result_wins_and_none_passes_on(docproc_tester) -> None:
    first = Reads("photo", lambda: Reading(fields={"who": FieldValue(value="first")}))
    second = Reads("photo", lambda: Reading(fields={"who": FieldValue(value="second")}))
    sub = docproc_tester.submission()
    sub.add_image(_grey(), "p.png", type="photo")
    # pluggy calls the most recently registered implementation first.
    verdict = docproc_tester.run(sub, Reads("passport", Reading()), second, first)
    assert document_of(verdict, "p.png").fields["who"].value == "first"
    assert first.calls == 1 and second.calls == 0


def test_hook_docproc_read_unreadable_document(docproc_tester) -> None:
    sub = docproc_tester.submission()
    sub.add_image(_grey(), "p.png", type="passport")
    verdict = docproc_tester.run(sub, Reads("passport", error=UnreadableDocument("MRZ not found")))
    assert_problem(verdict, "document:unreadable", document="p.png")
    assert "MRZ not found" in document_of(verdict, "p.png").error


def test_hook_docproc_read_wrong_return_type_is_a_plugin_failure(docproc_tester) -> None:
    sub = docproc_tester.submission()
    sub.add_image(_grey(), "p.png", type="passport")
    verdict = docproc_tester.run(sub, Reads("passport", reading={"fields": {}}))
    assert_problem(verdict, "review:plugin_failed", document="p.png")


def test_hook_docproc_read_misspelled_argument_is_refused() -> None:
    class Typo:
        @hookimpl
        def docproc_read(self, page, doctype, context):  # 'doctype' is not an argument of the spec
            return None

    from docproc.testing import isolated_plugin_manager

    with pytest.raises(PluginValidationError):
        isolated_plugin_manager(Typo())


# ---- docproc_merge_documents -------------------------------------------------


class Folds:
    """Folds every page after the first of a multi-page file into the first page."""

    @hookimpl
    def docproc_merge_documents(self, documents, context):
        out, seen = [], set()
        for doc in documents:
            if doc.file in seen:
                continue
            seen.add(doc.file)
            out.append(doc.model_copy(update={"role": "front"}))
        return out


def test_hook_docproc_merge_documents_returns_a_new_list(docproc_tester) -> None:
    sub = docproc_tester.submission()
    sub.add_pages([_grey(), _grey(180)], "card.pdf", type="photo")
    before = docproc_tester.run(sub, Reads("photo", Reading()))
    assert len([d for d in before.documents if d.file == "card.pdf"]) == 2
    after = docproc_tester.run(sub, Reads("photo", Reading()), Folds())
    merged = [d for d in after.documents if d.file == "card.pdf"]
    assert len(merged) == 1 and merged[0].role == "front"


def test_hook_docproc_merge_documents_none_and_errors_leave_the_list(docproc_tester) -> None:
    class Nothing:
        @hookimpl
        def docproc_merge_documents(self, documents, context):
            return None

    class Breaks:
        @hookimpl
        def docproc_merge_documents(self, documents, context):
            raise ValueError("cannot merge")

    sub = docproc_tester.submission()
    sub.add_pages([_grey(), _grey(180)], "card.pdf", type="photo")
    verdict = docproc_tester.run(sub, Reads("photo", Reading()), Nothing(), Breaks())
    assert len(verdict.documents) == 2
    warning = assert_problem(verdict, "check:not_run", warning=True)
    assert "Breaks" in warning.message


# ---- docproc.testing itself ---------------------------------------------------


def test_assertions_explain_the_verdict(docproc_tester) -> None:
    sub = docproc_tester.submission()
    sub.add_image(_grey(), "a.png", type="photo")
    verdict = docproc_tester.run(sub)
    with pytest.raises(AssertionError, match=r"expected problem missing:photo on a\.png; status=incomplete"):
        assert_problem(verdict, "missing:photo", document="a.png")
    with pytest.raises(AssertionError, match="missing:passport"):
        assert_status(verdict, "complete")
    with pytest.raises(AssertionError, match=r"no document b\.png"):
        document_of(verdict, "b.png")


def test_builder_writes_a_manifest_the_core_accepts(docproc_submission: SubmissionBuilder) -> None:
    docproc_submission.set(filed_by="relative", proxy_reason="illness", activity_permit_granted=True)
    docproc_submission.add_file(b"%PDF-1.4 not really", "broken.pdf")
    from docproc.pipeline import load_manifest

    submission = load_manifest(docproc_submission.write())
    assert submission.filed_by == "relative" and submission.activity_permit_granted
    assert [d.file for d in submission.documents] == ["broken.pdf"]


def test_hook_docproc_merge_documents_is_a_pipeline(docproc_tester) -> None:
    seen: list[int] = []

    class Counts:
        @hookimpl
        def docproc_merge_documents(self, documents, context):
            seen.append(len(documents))

    sub = docproc_tester.submission()
    sub.add_pages([_grey(), _grey(180), _grey(120)], "card.pdf", type="photo")
    # Folds is registered last, so pluggy calls it first; Counts must then see its one-page list.
    docproc_tester.run(sub, Reads("photo", Reading()), Counts(), Folds())
    assert seen == [1]
