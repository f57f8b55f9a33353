"""Helpers for the broker tests and the queue benchmark: vhosts, worker processes, submissions, draining."""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aio_pika
from PIL import Image, ImageDraw

BROKER_HOST, BROKER_PORT = "127.0.0.1", 5672
REPO = Path(__file__).resolve().parents[2]


def broker_reachable(timeout: float = 3.0) -> bool:
    try:
        with socket.create_connection((BROKER_HOST, BROKER_PORT), timeout=timeout):
            return True
    except OSError:
        return False


def rabbitmqctl(*args: str, timeout: float = 60) -> str:
    result = subprocess.run(["rabbitmqctl", *args], capture_output=True, text=True, timeout=timeout, check=True)
    return result.stdout


def create_vhost(prefix: str = "docproc-test") -> str:
    name = f"{prefix}-{uuid.uuid4().hex[:10]}"
    rabbitmqctl("add_vhost", name)
    rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*")
    return name


def delete_vhost(name: str) -> None:
    subprocess.run(["rabbitmqctl", "delete_vhost", name], capture_output=True, timeout=60, check=False)


def broker_url(vhost: str) -> str:
    return f"amqp://guest:guest@{BROKER_HOST}:{BROKER_PORT}/{vhost}"


def queue_env(vhost: str, workdir: Path, **overrides: Any) -> dict[str, str]:
    """Environment for a worker / submit process confined to ``vhost`` and ``workdir``."""
    env = dict(os.environ)
    env.update(
        {
            "DOCPROC_QUEUE_URL": broker_url(vhost),
            "DOCPROC_QUEUE_STORE_ROOT": str(workdir / "blobs"),
            "DOCPROC_QUEUE_DECISIONS_URL": f"sqlite:///{workdir / 'decisions.sqlite3'}",
            "DOCPROC_QUEUE_RETRY_DELAYS_S": "[0.5, 1.0]",
            "DOCPROC_QUEUE_HEALTH_PORT": "0",
            "DOCPROC_QUEUE_POOL_SIZE": "1",
            "DOCPROC_QUEUE_SHUTDOWN_TIMEOUT_S": "20",
            "DOCPROC_QUEUE_RECONNECT_INTERVAL_S": "0.5",
            "DOCPROC_QUEUE_LOG_JSON": "true",
            "OMP_THREAD_LIMIT": "1",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).parent), env.get("PYTHONPATH", "")])),
        }
    )
    env.update({f"DOCPROC_QUEUE_{k.upper()}": str(v) for k, v in overrides.items()})
    return env


def settings_for(env: dict[str, str]):  # type: ignore[no-untyped-def]
    """The settings a process started with ``env`` would load."""
    from unittest import mock

    from docproc.queue.config import load_queue_settings

    with mock.patch.dict(os.environ, env, clear=True):
        return load_queue_settings()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class WorkerProcess:
    """``python -m docproc.queue worker`` in its own session (so a SIGKILL can take its pool too)."""

    env: dict[str, str]
    log_path: Path
    proc: subprocess.Popen[bytes] = field(init=False)

    def __post_init__(self) -> None:
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "docproc.queue", "worker"],
            env=self.env,
            cwd=self.log_path.parent,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def events(self) -> list[dict[str, Any]]:
        lines = self.log_path.read_text(errors="replace").splitlines()
        out = []
        for line in lines:
            try:
                out.append(json.loads(line))
            except ValueError:
                out.append({"event": "<non-json>", "text": line})
        return out

    def wait_for(self, event: str, timeout: float = 60, count: int = 1) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [e for e in self.events() if e.get("event") == event]
            if len(found) >= count:
                return found
            if self.proc.poll() is not None:
                raise AssertionError(f"worker exited ({self.proc.returncode}) before {event!r}:\n{self.tail()}")
            time.sleep(0.05)
        raise AssertionError(f"no {event!r} within {timeout}s:\n{self.tail()}")

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def kill_group(self, sig: int = signal.SIGKILL) -> None:
        os.killpg(self.proc.pid, sig)
        self.proc.wait(timeout=30)

    def stop(self, timeout: float = 60) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=30)
        self._log.close()
        return int(self.proc.returncode)


def make_cheap_submission(folder: Path, submission_id: str, rng: random.Random) -> Path:
    """A small PNG page hinted "unknown" (the pipeline loads it, no plugin classifies or reads it: no OCR)."""
    folder.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", (rng.randint(120, 260), rng.randint(160, 340)), "white")
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(2, 8)):
        x, y = rng.randint(0, image.width - 20), rng.randint(0, image.height - 10)
        draw.rectangle((x, y, x + rng.randint(5, 20), y + rng.randint(2, 10)), fill=(rng.randint(0, 120),) * 3)
    image.save(folder / "statement.png")
    manifest = {
        "submission_id": submission_id,
        "submitted_on": "2026-11-20",
        "applicant": {"name": rng.choice(["Maria Gonzalez", "Nguyen Van An", "Olga Petrova", "Li Wei"])},
        "documents": [{"file": "statement.png", "type": "unknown"}],
    }
    (folder / "submission.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def make_heavy_submission(folder: Path, submission_id: str, pages: int = 4) -> Path:
    """A multi-page PDF the pipeline needs seconds to rasterise (for kill / shutdown / drop tests).

    The "unknown" type hint means no plugin classifies or reads it: the time goes to loading pages, not to OCR
    whose speed depends on which plugins are installed."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(submission_id)
    images = []
    for page in range(pages):
        image = Image.new("RGB", (1240, 1754), "white")
        draw = ImageDraw.Draw(image)
        for line in range(30):
            draw.text((100, 100 + line * 50), f"page {page + 1} line {line} {rng.random():.6f}", fill="black")
        images.append(image)
    images[0].save(folder / "bundle.pdf", save_all=True, append_images=images[1:], resolution=150)
    manifest = {
        "submission_id": submission_id,
        "submitted_on": "2026-11-20",
        "applicant": {"name": "Olga Petrova"},
        "documents": [{"file": "bundle.pdf", "type": "unknown"}],
    }
    (folder / "submission.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


@dataclass
class Received:
    body: dict[str, Any]
    raw: bytes
    headers: dict[str, Any]
    routing_key: str | None
    correlation_id: str | None
    content_type: str | None
    message_id: str | None


async def _drain(url: str, queue_name: str, count: int, timeout: float, settle: float) -> list[Received]:
    received: list[Received] = []
    connection = await aio_pika.connect(url)
    async with connection:
        channel = await connection.channel()
        queue = await channel.get_queue(queue_name, ensure=True)
        deadline = time.monotonic() + timeout
        settle_until: float | None = None
        while True:
            now = time.monotonic()
            if len(received) >= count and settle_until is None:
                settle_until = now + settle
            if now > deadline or (settle_until is not None and now > settle_until):
                break
            message = await queue.get(no_ack=True, fail=False)
            if message is None:
                await asyncio.sleep(0.05)
                continue
            try:
                body = json.loads(message.body)
            except ValueError:
                body = {}
            received.append(
                Received(body, message.body, dict(message.headers or {}), message.routing_key,
                         message.correlation_id, message.content_type, message.message_id)
            )  # fmt: skip
    return received


def drain(url: str, queue_name: str, count: int, timeout: float = 60, settle: float = 1.0) -> list[Received]:
    """Take messages off ``queue_name`` until ``count`` arrived (+``settle`` s to catch extras) or timeout."""
    return asyncio.run(_drain(url, queue_name, count, timeout, settle))


async def _publish_raw(url: str, routing_key: str, exchange: str, bodies: list[tuple[bytes, dict[str, Any]]]) -> None:
    connection = await aio_pika.connect(url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        target = await channel.get_exchange(exchange, ensure=False) if exchange else channel.default_exchange
        for body, properties in bodies:
            await target.publish(aio_pika.Message(body=body, **properties), routing_key=routing_key, mandatory=True)


def publish_raw(url: str, routing_key: str, bodies: list[tuple[bytes, dict[str, Any]]], exchange: str = "") -> None:
    asyncio.run(_publish_raw(url, routing_key, exchange, bodies))


async def _ready_count(url: str, queue_name: str) -> int:
    connection = await aio_pika.connect(url)
    async with connection:
        channel = await connection.channel()
        queue = await channel.declare_queue(queue_name, passive=True)
        return int(queue.declaration_result.message_count or 0)


def ready_count(url: str, queue_name: str) -> int:
    """Messages ready in ``queue_name`` right now (passive declare; management stats lag)."""
    return asyncio.run(_ready_count(url, queue_name))
