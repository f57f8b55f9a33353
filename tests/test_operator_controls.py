"""Operator controls: allow/deny lists from settings and environment, autoload off, time limits, trace mode,
and plugins that fail to import, misspell a hook, crash or hang without stalling the run."""

from __future__ import annotations

import logging
import time
from importlib.metadata import EntryPoint

import numpy as np
import pytest

from docproc.cli import main as cli_main
from docproc.models import Classification, Page, Reading
from docproc.plugins import hookimpl
from docproc.plugins import manager as manager_module
from docproc.plugins.manager import build_plugin_manager
from docproc.settings import Settings
from docproc.testing import assert_document_type, assert_no_problem, assert_problem, assert_status, document_of

MODULE = __name__


class Tagger:
    """Says every page is an ID photo and reads it: a stand-in for a well-behaved plugin."""

    @hookimpl
    def docproc_classify(self, page: Page) -> Classification:
        return Classification(doc_type="photo", score=0.9)

    @hookimpl
    def docproc_read(self, page: Page, doc_type: str, context) -> Reading | None:
        return Reading() if doc_type == "photo" else None


class Sleeper:
    @hookimpl
    def docproc_classify(self, page: Page) -> None:
        time.sleep(3)


class Crasher:
    @hookimpl
    def docproc_classify(self, page: Page) -> None:
        raise RuntimeError("boom")


class Misspelled:
    @hookimpl
    def docproc_clasify(self, page: Page) -> None:  # the typo check_pending() catches
        return None


TAGGER, TAGGER_TWO, MISSPELLED = Tagger(), Tagger(), Misspelled()


def _entry_points(monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
    """Pretend these entry points are installed in the ``docproc.plugins`` group."""
    eps = [EntryPoint(name=name, value=value, group="docproc.plugins") for name, value in values.items()]
    monkeypatch.setattr(manager_module, "entry_points", lambda group: eps if group == "docproc.plugins" else [])


@pytest.fixture
def two_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    _entry_points(monkeypatch, alpha=f"{MODULE}:TAGGER", beta=f"{MODULE}:TAGGER_TWO")


def _loaded(settings: Settings | None = None) -> set[str]:
    pm = build_plugin_manager(settings or Settings())
    return {name for name, _ in pm.list_name_plugin() if not name.startswith("docproc.builtin")}


def test_all_installed_plugins_load_by_default(two_installed) -> None:
    assert _loaded() == {"alpha", "beta"}


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DOCPROC_LOAD_PLUGINS": "beta"}, {"beta"}),
        ({"DOCPROC_LOAD_PLUGINS": "alpha, beta"}, {"alpha", "beta"}),
        ({"DOCPROC_LOAD_PLUGINS": '["alpha"]'}, {"alpha"}),
        ({"DOCPROC_LOAD_PLUGINS": ""}, set()),
        ({"DOCPROC_DISABLE_PLUGINS": "alpha"}, {"beta"}),
        ({"DOCPROC_LOAD_PLUGINS": "alpha,beta", "DOCPROC_DISABLE_PLUGINS": "beta"}, {"alpha"}),
        ({"DOCPROC_DISABLE_PLUGIN_AUTOLOAD": "1"}, set()),
    ],
)
def test_allowlist_and_denylist_from_environment(two_installed, monkeypatch, env: dict, expected: set) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert _loaded() == expected


def test_allowlist_and_denylist_from_settings(two_installed) -> None:
    assert _loaded(Settings(load_plugins=["alpha"])) == {"alpha"}
    assert _loaded(Settings(disable_plugins=["alpha", "beta"])) == set()


def test_plugin_that_fails_to_import_is_skipped_and_listed(monkeypatch, capsys) -> None:
    _entry_points(monkeypatch, broken="docproc_no_such_module_xyz.plugin", alpha=f"{MODULE}:TAGGER")
    pm = build_plugin_manager(Settings())
    assert pm.get_plugin("alpha") is not None and pm.get_plugin("broken") is None
    assert [s.name for s in pm.skipped] == ["broken"] and "ModuleNotFoundError" in pm.skipped[0].reason
    assert cli_main(["plugins"]) in (0, None)
    out = capsys.readouterr().out
    assert "SKIPPED broken: ModuleNotFoundError" in out and "alpha" in out


def test_misspelled_hook_is_skipped_by_check_pending(monkeypatch) -> None:
    _entry_points(monkeypatch, typo=f"{MODULE}:MISSPELLED", alpha=f"{MODULE}:TAGGER")
    pm = build_plugin_manager(Settings())
    assert pm.get_plugin("typo") is None and pm.get_plugin("alpha") is not None
    assert "docproc_clasify" in pm.skipped[0].reason


def _two_pages(docproc_tester):
    sub = docproc_tester.submission()
    sub.add_image(np.full((400, 300, 3), 200, np.uint8), "a.png")
    sub.add_image(np.full((400, 300, 3), 180, np.uint8), "b.png")
    return sub


def test_slow_plugin_times_out_per_page_and_the_others_still_count(docproc_tester) -> None:
    pm = docproc_tester.plugin_manager(Sleeper(), Tagger(), plugin_timeout_seconds=0.3)
    started = time.perf_counter()
    verdict = docproc_tester.run(_two_pages(docproc_tester), plugin_manager=pm)
    assert time.perf_counter() - started < 2.5  # two pages x 0.3 s limit, not 2 x 3 s
    for name in ("a.png", "b.png"):
        doc = assert_document_type(verdict, name, "photo")  # the well-behaved plugin still decided
        assert doc.error is None  # a classifier's failure does not stop the page from being read and used
        [problem] = [p for p in verdict.problems if p.code == "review:plugin_failed" and p.document == name]
        assert "plugin Sleeper failed to classify" in problem.message
        assert "no answer within 0.3 s" in problem.message
    assert_status(verdict, "incomplete")  # missing passport etc.; the run itself went through


def test_crashing_plugin_becomes_the_page_error(docproc_tester) -> None:
    verdict = docproc_tester.run(_two_pages(docproc_tester), Crasher(), Tagger())
    for name in ("a.png", "b.png"):
        doc = document_of(verdict, name)
        assert doc.type == "photo" and doc.error is None
        [problem] = [p for p in verdict.problems if p.code == "review:plugin_failed" and p.document == name]
        assert "RuntimeError: boom" in problem.message


def test_trace_mode_logs_every_hook_call_without_personal_data(docproc_tester, caplog, monkeypatch) -> None:
    monkeypatch.setenv("DOCPROC_TRACE_HOOKS", "1")
    sub = _two_pages(docproc_tester)
    with caplog.at_level(logging.INFO, logger="docproc.plugins.manager"):
        docproc_tester.run(sub, Tagger(), settings=Settings())
    calls = [r.getMessage() for r in caplog.records if r.getMessage().startswith("hook ")]
    assert sum("docproc_classify" in c for c in calls) >= 2 and sum("docproc_read" in c for c in calls) >= 2
    assert any("plugin=Tagger " in c for c in calls)
    assert all("seconds=" in c and "plugin=" in c for c in calls)
    assert not any("Eriksson" in r.getMessage() for r in caplog.records)


def test_no_trace_by_default(docproc_tester, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="docproc.plugins.manager"):
        docproc_tester.run(_two_pages(docproc_tester), Tagger())
    assert not [r for r in caplog.records if r.getMessage().startswith("hook ")]


def test_a_reader_crash_asks_for_review_and_the_page_still_counts_as_present(docproc_tester) -> None:
    class CrashingReader:
        @hookimpl
        def docproc_read(self, page, doc_type, context):
            if doc_type == "passport":
                raise RuntimeError("reader bug")
            return Reading()

    sub = docproc_tester.submission()
    sub.add_image(np.full((80, 60, 3), 200, np.uint8), "passport.png", type="passport")
    sub.add_image(np.full((80, 60, 3), 180, np.uint8), "card.png", type="alien_registration")
    sub.add_image(np.full((80, 60, 3), 160, np.uint8), "photo.png", type="photo")
    verdict = docproc_tester.run(sub, CrashingReader())
    doc = document_of(verdict, "passport.png")
    assert "RuntimeError: reader bug" in doc.error
    assert_problem(verdict, "review:plugin_failed", document="passport.png")
    assert_no_problem(verdict, "missing:passport")
    assert_status(verdict, "needs_review")
