"""Shared fixtures: generated submissions and settings for the core's tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@pytest.fixture
def make_submission(tmp_path: Path):
    """Build a generated submission folder from a SubmissionSpec's keyword arguments."""
    from docproc.synth.submission import SubmissionSpec, build_submission

    counter = iter(range(1000))

    def make(**kwargs):
        folder = tmp_path / f"sub{next(counter)}"
        return build_submission(folder, SubmissionSpec(**kwargs))

    return make
