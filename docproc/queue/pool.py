"""The process pool that runs the CPU-bound pipeline away from the event loop.

Each child builds its plugin manager once (initializer) and then runs one submission folder
per call, returning the verdict JSON and the pipeline's own seconds. A child that dies
(OOM killer, segfault) breaks the pool: it is rebuilt and the delivery is retried.
"""

from __future__ import annotations

import asyncio
import importlib
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from docproc.queue.errors import TransientFailure

DEFAULT_RUNNER = "docproc.queue.pool:run_pipeline"

_child_state: dict[str, Any] = {}


class PipelineFailed(Exception):
    """The pipeline raised for a whole submission (not a plugin crash, which becomes a document error)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _init_child(runner: str, log_json: bool, log_level: str) -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    from docproc.queue.logs import configure_logging

    configure_logging(log_json, log_level)
    module_name, _, func_name = runner.partition(":")
    _child_state["runner"] = getattr(importlib.import_module(module_name), func_name)
    if runner == DEFAULT_RUNNER:
        from docproc.plugins.manager import build_plugin_manager
        from docproc.settings import Settings

        settings = Settings()
        _child_state["settings"] = settings
        _child_state["plugin_manager"] = build_plugin_manager(settings)


def run_pipeline(folder: Path) -> str:
    """Child side of the default runner: the real pipeline with this child's plugin manager."""
    from docproc.pipeline import check_folder

    verdict = check_folder(folder, settings=_child_state["settings"], plugin_manager=_child_state["plugin_manager"])
    return verdict.model_dump_json()


def _run_in_child(folder: str) -> tuple[str, float]:
    from docproc.errors import BadSubmission

    started = time.perf_counter()
    try:
        verdict_json = _child_state["runner"](Path(folder))
    except BadSubmission as exc:
        raise PipelineFailed("bad_submission") from exc
    except Exception as exc:  # reported by type only: messages may hold personal data
        raise PipelineFailed(f"pipeline_error:{type(exc).__name__}") from None
    return verdict_json, time.perf_counter() - started


class PipelinePool:
    """Async front of a ProcessPoolExecutor; ``runner`` is "module:function" taking a folder Path."""

    def __init__(self, size: int, runner: str = DEFAULT_RUNNER, log_json: bool = True, log_level: str = "INFO") -> None:
        self.size = size
        self.runner = runner
        self.log_options = (log_json, log_level)
        self._executor: ProcessPoolExecutor | None = None

    def _make_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.size,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_child,
            initargs=(self.runner, *self.log_options),
        )

    def start(self) -> None:
        if self._executor is None:
            self._executor = self._make_executor()

    async def warm_up(self) -> None:
        """Start every child (and build its plugin manager) before consuming."""
        self.start()
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(self._executor, os.getpid) for _ in range(self.size)))

    async def run(self, folder: Path) -> tuple[str, float]:
        """Verdict JSON and pipeline seconds; PipelineFailed or TransientFailure on failure."""
        self.start()
        assert self._executor is not None
        executor = self._executor
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(executor, _run_in_child, str(folder))
        except BrokenProcessPool as exc:
            if self._executor is executor:
                executor.shutdown(wait=False, cancel_futures=True)
                self._executor = None
            raise TransientFailure("pipeline_process_died") from exc

    def shutdown(self, kill: bool = False) -> None:
        executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = list(getattr(executor, "_processes", {}).values()) if kill else []
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)
