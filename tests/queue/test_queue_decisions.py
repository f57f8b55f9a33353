"""The record of decided submissions: first verdict wins, SQLite across processes, PostgreSQL option."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
import uuid
from pathlib import Path

import pytest

from docproc.queue.decisions import DecisionsUnavailable, PostgresDecisionStore, make_decision_store

POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def _record_in_child(path: str, verdict: str, out: multiprocessing.Queue) -> None:
    store = make_decision_store(f"sqlite:///{path}")
    out.put(store.record("sub-1", "k1", "complete", verdict))


def test_sqlite_first_decision_wins_across_processes(tmp_path: Path) -> None:
    db = tmp_path / "decisions.sqlite3"
    ctx = multiprocessing.get_context("spawn")
    results: multiprocessing.Queue = ctx.Queue()
    children = [ctx.Process(target=_record_in_child, args=(str(db), f'{{"n": {i}}}', results)) for i in range(4)]
    for child in children:
        child.start()
    stored = {results.get(timeout=60) for _ in children}
    for child in children:
        child.join(timeout=30)
    assert len(stored) == 1
    store = make_decision_store(f"sqlite:///{db}")
    assert store.get("sub-1", "k1") == stored.pop()
    assert store.get("sub-1", "other-content") is None


def test_sqlite_waits_for_another_writer_while_switching_to_wal(tmp_path: Path) -> None:
    """Switching to WAL is not covered by SQLite's busy timeout: a worker that opens the file
    while another holds its write lock must wait, not fail (CI saw four workers race on it)."""
    db = tmp_path / "decisions.sqlite3"
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE unrelated (x)")
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, other.execute, args=("COMMIT",))
    release.start()
    try:
        store = make_decision_store(f"sqlite:///{db}")
        assert store.record("sub-1", "k1", "complete", '{"n": 1}') == '{"n": 1}'
    finally:
        release.join()
        other.close()


def test_sqlite_unavailable_is_transient(tmp_path: Path) -> None:
    (tmp_path / "dir.sqlite3").mkdir()
    store = make_decision_store(f"sqlite:///{tmp_path}/dir.sqlite3")
    with pytest.raises(DecisionsUnavailable):
        store.get("sub-1", "k")


def test_postgres_store() -> None:
    psycopg = pytest.importorskip("psycopg")
    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=3).close()
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL at 127.0.0.1:5432")
    store = make_decision_store(POSTGRES_URL)
    assert isinstance(store, PostgresDecisionStore)
    sid = f"sub-{uuid.uuid4().hex}"
    assert store.get(sid, "k") is None
    assert store.record(sid, "k", "complete", '{"a": 1}') == '{"a": 1}'
    assert store.record(sid, "k", "incomplete", '{"a": 2}') == '{"a": 1}'
    assert store.get(sid, "k") == '{"a": 1}'
    store.close()
    broken = make_decision_store("postgresql://postgres@127.0.0.1:9/test")
    with pytest.raises(DecisionsUnavailable):
        broken.get(sid, "k")
