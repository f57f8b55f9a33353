"""The record of decided submissions that makes redelivery harmless.

Keyed by submission id + content key (hash of the manifest and every blob's sha256). The first
verdict recorded for a key wins: ``record`` returns the stored verdict, which is what gets
published, so two workers racing on a redelivered message publish the same verdict.
SQLite (default, WAL, safe across processes on one host) or PostgreSQL (many hosts).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import threading
import time
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from docproc.queue.errors import TransientFailure

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docproc_decisions (
    submission_id TEXT NOT NULL,
    content_key TEXT NOT NULL,
    status TEXT NOT NULL,
    verdict TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (submission_id, content_key)
)
"""


class DecisionStore(Protocol):
    def get(self, submission_id: str, content_key: str) -> str | None:
        """The stored verdict JSON, or None when this content was never decided."""

    def record(self, submission_id: str, content_key: str, status: str, verdict_json: str) -> str:
        """Store a verdict unless one exists; return the stored (winning) verdict JSON."""

    def close(self) -> None: ...


class DecisionsUnavailable(TransientFailure):
    def __init__(self, detail: str = "") -> None:
        super().__init__("decisions_unavailable", detail)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


_OPEN_TIMEOUT = 30.0


def _opened_sqlite(path: str) -> sqlite3.Connection:
    """Connect and set WAL mode and the table, retrying while another process does the same.

    Switching a new file to WAL takes an exclusive lock that SQLite's busy timeout does not wait
    for: workers starting together on a fresh file would otherwise fail with "database is locked".
    """
    conn = sqlite3.connect(path, timeout=_OPEN_TIMEOUT, check_same_thread=False, isolation_level=None)
    deadline = time.monotonic() + _OPEN_TIMEOUT
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(_SCHEMA)
            return conn
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                conn.close()
                raise
            time.sleep(0.02)


class SQLiteDecisionStore:
    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._conn = _opened_sqlite(self.path)
        return self._conn

    def get(self, submission_id: str, content_key: str) -> str | None:
        try:
            with self._lock:
                row = (
                    self._connection()
                    .execute(
                        "SELECT verdict FROM docproc_decisions WHERE submission_id = ? AND content_key = ?",
                        (submission_id, content_key),
                    )
                    .fetchone()
                )
        except sqlite3.Error as exc:
            self._reset()
            raise DecisionsUnavailable(type(exc).__name__) from exc
        return row[0] if row else None

    def record(self, submission_id: str, content_key: str, status: str, verdict_json: str) -> str:
        try:
            with self._lock:
                conn = self._connection()
                conn.execute(
                    "INSERT OR IGNORE INTO docproc_decisions VALUES (?, ?, ?, ?, ?)",
                    (submission_id, content_key, status, verdict_json, _now()),
                )
                row = conn.execute(
                    "SELECT verdict FROM docproc_decisions WHERE submission_id = ? AND content_key = ?",
                    (submission_id, content_key),
                ).fetchone()
        except sqlite3.Error as exc:
            self._reset()
            raise DecisionsUnavailable(type(exc).__name__) from exc
        return row[0]

    def _reset(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                finally:
                    self._conn = None

    def close(self) -> None:
        self._reset()


class PostgresDecisionStore:
    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.Lock()
        self._conn = None

    def _connection(self):  # type: ignore[no-untyped-def]
        import psycopg

        if self._conn is None or self._conn.closed:
            self._conn = psycopg.connect(self.url, autocommit=True, connect_timeout=5)
            self._conn.execute(_SCHEMA)
        return self._conn

    def _run(self, sql: str, params: tuple[object, ...], fetch: bool) -> tuple[object, ...] | None:
        import psycopg

        try:
            with self._lock:
                cursor = self._connection().execute(sql, params)
                return cursor.fetchone() if fetch else None
        except psycopg.Error as exc:
            self.close()
            raise DecisionsUnavailable(type(exc).__name__) from exc

    def get(self, submission_id: str, content_key: str) -> str | None:
        row = self._run(
            "SELECT verdict FROM docproc_decisions WHERE submission_id = %s AND content_key = %s",
            (submission_id, content_key),
            fetch=True,
        )
        return str(row[0]) if row else None

    def record(self, submission_id: str, content_key: str, status: str, verdict_json: str) -> str:
        self._run(
            "INSERT INTO docproc_decisions VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
            (submission_id, content_key, status, verdict_json, _now()),
            fetch=False,
        )
        stored = self.get(submission_id, content_key)
        if stored is None:
            raise DecisionsUnavailable("record vanished")
        return stored

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):  # closing a broken connection must not raise
                conn.close()


def make_decision_store(url: str) -> DecisionStore:
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path)
        if path.startswith("/./"):  # sqlite:///./relative.db
            path = path[1:]
        elif path.startswith("//"):  # sqlite:////absolute.db
            path = "/" + path.lstrip("/")
        return SQLiteDecisionStore(path or ":memory:")
    if parts.scheme in ("postgresql", "postgres"):
        return PostgresDecisionStore(url)
    raise ValueError(f"unsupported decisions URL scheme {parts.scheme!r} (sqlite:/// or postgresql://)")
