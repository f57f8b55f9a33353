"""``docproc worker``: consume submissions, run the pipeline in a process pool, publish verdicts.

At-least-once with idempotence: a delivery is acked only after the broker confirmed its verdict
(mandatory publish, so an unroutable verdict is a failure). The verdict is recorded before it is
published; a redelivered submission already decided is answered from the record. Invalid messages
are dead-lettered at once with a reason header, transient failures go through the delay queues.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import signal
import socket
import time
from typing import Any

import aio_pika
import aiormq
from aio_pika.abc import AbstractIncomingMessage, AbstractRobustConnection
from pydantic import ValidationError

from docproc.queue.blobstore import BlobStore, make_blob_store
from docproc.queue.config import QueueSettings
from docproc.queue.decisions import DecisionStore, make_decision_store
from docproc.queue.errors import InvalidMessage, TransientFailure
from docproc.queue.health import HealthServer
from docproc.queue.logs import ids
from docproc.queue.materialize import materialize
from docproc.queue.messages import CONTENT_TYPE, SubmissionMessage, describe_validation_error, verdict_headers
from docproc.queue.metrics import WorkerMetrics
from docproc.queue.pool import PipelineFailed, PipelinePool
from docproc.queue.topology import Topology, connect, declare_topology

log = logging.getLogger("docproc.queue.worker")

ATTEMPT_HEADER = "x-docproc-attempt"
LAST_FAILURE_HEADER = "x-docproc-last-failure"
DEAD_REASON_HEADER = "x-docproc-dead-reason"
DEAD_DETAIL_HEADER = "x-docproc-dead-detail"
_BROKER_HEADERS = (
    "x-death",
    "x-delivery-count",
    "x-first-death-exchange",
    "x-first-death-queue",
    "x-first-death-reason",
    "x-last-death-exchange",
    "x-last-death-queue",
    "x-last-death-reason",
)
_CHANNEL_ERRORS = (aiormq.exceptions.AMQPError, aiormq.exceptions.ChannelInvalidStateError, ConnectionError)


class _ChannelGone(Exception):
    """The delivery's channel died: it cannot be settled; the broker will redeliver it."""


class Worker:
    def __init__(
        self,
        settings: QueueSettings,
        *,
        runner: str | None = None,
        store: BlobStore | None = None,
        decisions: DecisionStore | None = None,
        metrics: WorkerMetrics | None = None,
    ) -> None:
        self.settings = settings
        self.store = store or make_blob_store(settings)
        self.decisions = decisions or make_decision_store(settings.decisions_url)
        self.metrics = metrics or WorkerMetrics()
        self.pool = PipelinePool(
            settings.effective_pool_size, runner or settings.runner, settings.log_json, settings.log_level
        )
        self.name = f"{socket.gethostname()}:{os.getpid()}"
        self.stop_event = asyncio.Event()
        self._connection: AbstractRobustConnection | None = None
        self._topology: Topology | None = None
        self._channel: aio_pika.abc.AbstractChannel | None = None
        self._consumer_tag: str | None = None
        self._stopping = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._running: dict[tuple[str, str], asyncio.Future[str]] = {}
        self.health: HealthServer | None = None

    # ------------------------------------------------------------------ lifecycle

    def state(self) -> dict[str, Any]:
        connected = bool(self._connection is not None and self._connection.connected.is_set())
        consuming = self._consumer_tag is not None and not self._stopping
        return {
            "healthy": connected and consuming,
            "connected": connected,
            "consuming": consuming,
            "in_flight": len(self._tasks),
            "worker": self.name,
        }

    async def run(self) -> int:
        """Run until SIGTERM/SIGINT (or ``stop_event``); returns the exit code."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, self.stop_event.set)
        if self.settings.health_port:
            self.health = HealthServer(self.settings.health_host, self.settings.health_port, self.metrics, self.state)
            port = await self.health.start()
            log.info("health endpoint listening", extra=ids(port=port))
        try:
            await self.pool.warm_up()
            log.info("pipeline pool ready", extra=ids(pool_size=self.pool.size))
            if not await self._connect_and_consume():
                return 0
            await self.stop_event.wait()
            log.info("stopping", extra=ids(in_flight=len(self._tasks)))
            await self._shutdown()
            return 0
        finally:
            self.pool.shutdown(kill=True)
            if self.health is not None:
                await self.health.stop()
            self.decisions.close()

    async def _connect_and_consume(self) -> bool:
        delay = 1.0
        while not self.stop_event.is_set():
            try:
                self._connection = await connect(self.settings, robust=True)
                break
            except (ConnectionError, OSError, aiormq.exceptions.AMQPError) as exc:
                log.warning("broker not reachable, retrying", extra=ids(kind=type(exc).__name__, seconds=delay))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.stop_event.wait(), timeout=delay)
                delay = min(delay * 2, 30.0)
        if self._connection is None:
            return False
        connection = self._connection
        connection.close_callbacks.add(lambda *_: self._on_connection_lost())
        connection.reconnect_callbacks.add(lambda *_: self._on_reconnected())
        channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        await channel.set_qos(prefetch_count=self.settings.effective_prefetch)
        self._channel = channel
        self._topology = await declare_topology(channel, self.settings)
        self._consumer_tag = await self._topology.work_queue.consume(self._on_message)
        self.metrics.connected.set(1)
        log.info(
            "consuming",
            extra=ids(
                queue=self.settings.submissions_queue,
                prefetch=self.settings.effective_prefetch,
                broker=self.settings.redacted_url,
                worker=self.name,
            ),
        )
        return True

    def _on_connection_lost(self) -> None:
        self.metrics.connected.set(0)
        if not self._stopping:
            log.warning("broker connection lost; reconnecting", extra=ids(in_flight=len(self._tasks)))

    def _on_reconnected(self) -> None:
        self.metrics.connected.set(1)
        log.info("broker connection restored; consumer recovered", extra=ids(worker=self.name))

    async def _shutdown(self) -> None:
        """Stop consuming, let in-flight work finish within the timeout, requeue the rest."""
        self._stopping = True
        if self._topology is not None and self._consumer_tag is not None:
            with contextlib.suppress(*_CHANNEL_ERRORS, asyncio.TimeoutError):
                await self._topology.work_queue.cancel(self._consumer_tag, timeout=5)
        tasks = set(self._tasks)
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=self.settings.shutdown_timeout_s)
            for task in pending:
                task.cancel()
            if pending:
                log.warning("requeueing unfinished deliveries", extra=ids(count=len(pending)))
                await asyncio.gather(*pending, return_exceptions=True)
        self.pool.shutdown(kill=True)
        if self._connection is not None:
            with contextlib.suppress(*_CHANNEL_ERRORS, asyncio.TimeoutError):
                await asyncio.wait_for(self._connection.close(), timeout=10)
        self.metrics.connected.set(0)
        log.info("stopped", extra=ids(exit_code=0))

    # ------------------------------------------------------------------ deliveries

    async def _on_message(self, message: AbstractIncomingMessage) -> None:
        if self._stopping:
            with contextlib.suppress(*_CHANNEL_ERRORS):
                await message.nack(requeue=True)
            return
        task = asyncio.create_task(self._handle(message))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(self, message: AbstractIncomingMessage) -> None:
        self.metrics.in_flight.inc()
        started = time.perf_counter()
        headers = dict(message.headers or {})
        attempt = _int(headers.get(ATTEMPT_HEADER))
        context: dict[str, object] = {
            "delivery_tag": message.delivery_tag,
            "attempt": attempt,
            "redelivered": bool(message.redelivered),
        }
        try:
            submission = self._parse(message)
            context["submission_id"] = submission.submission_id
            await self._decide_and_publish(message, submission, context)
            await self._settle(message.ack())
            self.metrics.processing_seconds.observe(time.perf_counter() - started)
            log.info("verdict published", extra=ids(**context, seconds=round(time.perf_counter() - started, 3)))
        except InvalidMessage as exc:
            await self._dead_letter(message, exc.reason, exc.detail, attempt, context)
        except PipelineFailed as exc:
            await self._dead_letter(message, exc.reason, "", attempt, context)
        except TransientFailure as exc:
            await self._retry(message, exc.reason, attempt, context)
        except _ChannelGone:
            self._gone(context)
        except asyncio.CancelledError:
            with contextlib.suppress(*_CHANNEL_ERRORS, _ChannelGone, asyncio.TimeoutError):
                await asyncio.wait_for(self._settle(message.nack(requeue=True)), timeout=5)
            self.metrics.failures.labels(kind="shutdown", action="requeue").inc()
            raise
        except Exception as exc:  # a bug must not kill the consumer; bounded by retries
            log.exception("unexpected failure", extra=ids(**context))
            await self._retry(message, f"internal_error:{type(exc).__name__}", attempt, context)
        finally:
            self.metrics.in_flight.dec()

    def _gone(self, context: dict[str, object]) -> None:
        self.metrics.failures.labels(kind="channel_closed", action="redeliver").inc()
        log.warning("delivery channel closed; broker will redeliver", extra=ids(**context))

    def _parse(self, message: AbstractIncomingMessage) -> SubmissionMessage:
        if len(message.body) > self.settings.max_message_bytes:
            raise InvalidMessage("message_too_large")
        if message.content_type not in (None, "", CONTENT_TYPE):
            raise InvalidMessage("unsupported_content_type")
        try:
            return SubmissionMessage.model_validate_json(message.body)
        except ValidationError as exc:
            raise InvalidMessage("invalid_message", describe_validation_error(exc)) from None

    async def _decide_and_publish(
        self, message: AbstractIncomingMessage, submission: SubmissionMessage, context: dict[str, object]
    ) -> None:
        submission_id = submission.submission_id
        key = submission.content_key()
        stored = await self._verdict_once(submission, key, context)
        if not _channel_alive(message):
            # Acking is impossible now; publishing would only add a duplicate. The redelivery republishes.
            raise _ChannelGone
        status = json.loads(stored)["status"]
        context["status"] = status
        await self._publish_verdict(submission_id, key, status, stored)
        self.metrics.submissions.labels(status=status, republished=str(context["republished"]).lower()).inc()

    async def _verdict_once(self, submission: SubmissionMessage, key: str, context: dict[str, object]) -> str:
        """The verdict, computed at most once per content in this process.

        A redelivery that arrives while the first delivery (from a channel lost in a reconnect) is
        still in the pool waits for that run instead of starting a second one.
        """
        running_key = (submission.submission_id, key)
        running = self._running.get(running_key)
        if running is not None:
            context["republished"] = True
            return await asyncio.shield(running)
        future: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self._running[running_key] = future
        try:
            stored = await self._decide(submission, key, context)
        except BaseException as exc:
            future.set_exception(TransientFailure("concurrent_attempt_failed", type(exc).__name__))
            future.exception()  # retrieved: nobody may be waiting
            raise
        else:
            future.set_result(stored)
            return stored
        finally:
            self._running.pop(running_key, None)

    async def _decide(self, submission: SubmissionMessage, key: str, context: dict[str, object]) -> str:
        """The recorded verdict, or run the pipeline and record (first record wins)."""
        submission_id = submission.submission_id
        stored = await asyncio.to_thread(self.decisions.get, submission_id, key)
        context["republished"] = stored is not None
        if stored is not None:
            return stored
        folder = await asyncio.to_thread(materialize, submission, self.store)
        log.info("pipeline started", extra=ids(**context))
        try:
            verdict_json, pipeline_seconds = await self.pool.run(folder)
        finally:
            await asyncio.to_thread(shutil.rmtree, folder, True)
        self.metrics.pipeline_seconds.observe(pipeline_seconds)
        context["pipeline_seconds"] = round(pipeline_seconds, 3)
        status = json.loads(verdict_json)["status"]
        return await asyncio.to_thread(self.decisions.record, submission_id, key, status, verdict_json)

    async def _publish_verdict(self, submission_id: str, key: str, status: str, verdict_json: str) -> None:
        assert self._topology is not None
        verdict = aio_pika.Message(
            body=verdict_json.encode(),
            content_type=CONTENT_TYPE,
            correlation_id=submission_id,
            message_id=f"{submission_id}:{key[:16]}",
            headers=verdict_headers(),
            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            timestamp=dt.datetime.now(dt.UTC),
            app_id="docproc",
        )
        try:
            await self._topology.verdicts.publish(
                verdict, routing_key=f"verdict.{status}", mandatory=True, timeout=self.settings.publish_timeout_s
            )
        except aio_pika.exceptions.PublishError as exc:
            raise TransientFailure("verdict_unroutable") from exc
        except aio_pika.exceptions.DeliveryError as exc:
            raise TransientFailure("verdict_nacked") from exc
        except TimeoutError as exc:
            raise TransientFailure("verdict_confirm_timeout") from exc
        except _CHANNEL_ERRORS as exc:
            raise _ChannelGone from exc

    async def _settle(self, operation: Any) -> None:
        """Ack/nack; a delivery from a dead channel cannot be settled, which is not fatal."""
        try:
            await operation
        except _CHANNEL_ERRORS as exc:
            raise _ChannelGone from exc

    def _copy(self, message: AbstractIncomingMessage, extra_headers: dict[str, Any]) -> aio_pika.Message:
        headers = {k: v for k, v in (message.headers or {}).items() if k not in _BROKER_HEADERS}
        headers.update(extra_headers)
        return aio_pika.Message(
            body=message.body,
            headers=headers,
            content_type=message.content_type,
            content_encoding=message.content_encoding,
            message_id=message.message_id,
            correlation_id=message.correlation_id,
            timestamp=message.timestamp,
            app_id=message.app_id,
            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        )

    async def _retry(
        self, message: AbstractIncomingMessage, reason: str, attempt: int, context: dict[str, object]
    ) -> None:
        if not _channel_alive(message):
            self._gone(context)
            return
        queues = self.settings.retry_queue_names
        if attempt >= len(queues):
            await self._dead_letter(message, reason, "retries exhausted", attempt, context)
            return
        assert self._channel is not None
        copy = self._copy(message, {ATTEMPT_HEADER: attempt + 1, LAST_FAILURE_HEADER: reason})
        try:
            await self._channel.default_exchange.publish(
                copy, routing_key=queues[attempt], mandatory=True, timeout=self.settings.publish_timeout_s
            )
            await self._settle(message.ack())
        except (_ChannelGone, *_CHANNEL_ERRORS, aio_pika.exceptions.DeliveryError, TimeoutError):
            with contextlib.suppress(_ChannelGone, *_CHANNEL_ERRORS):
                await self._settle(message.nack(requeue=True))
            self.metrics.failures.labels(kind=reason, action="requeue").inc()
            log.warning("retry publish failed; requeued", extra=ids(**context, reason=reason))
            return
        self.metrics.failures.labels(kind=reason, action="retry").inc()
        log.warning("transient failure; delayed retry", extra=ids(**context, reason=reason))

    async def _dead_letter(
        self, message: AbstractIncomingMessage, reason: str, detail: str, attempt: int, context: dict[str, object]
    ) -> None:
        assert self._topology is not None
        if not _channel_alive(message):
            self._gone(context)
            return
        headers = {DEAD_REASON_HEADER: reason, ATTEMPT_HEADER: attempt, "x-docproc-worker": self.name}
        if detail:
            headers[DEAD_DETAIL_HEADER] = detail[:500]
        try:
            await self._topology.dead_letters.publish(
                self._copy(message, headers), routing_key="", mandatory=True, timeout=self.settings.publish_timeout_s
            )
            await self._settle(message.ack())
        except (_ChannelGone, *_CHANNEL_ERRORS, aio_pika.exceptions.DeliveryError, TimeoutError):
            # The quorum queue's delivery limit dead-letters it if this keeps failing.
            with contextlib.suppress(_ChannelGone, *_CHANNEL_ERRORS):
                await self._settle(message.nack(requeue=True))
            log.warning("dead-letter publish failed; requeued", extra=ids(**context, reason=reason))
            return
        self.metrics.failures.labels(kind=reason, action="dead_letter").inc()
        log.warning("dead-lettered", extra=ids(**context, reason=reason))


def _channel_alive(message: AbstractIncomingMessage) -> bool:
    """Whether the delivery can still be settled (its channel survived; a reconnect makes a new one)."""
    try:
        return not message.channel.is_closed
    except aiormq.exceptions.ChannelInvalidStateError:
        return False


def _int(value: object) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def run_worker(settings: QueueSettings) -> int:
    async def main() -> int:
        return await Worker(settings).run()

    return asyncio.run(main())


__all__ = ["Worker", "run_worker"]
