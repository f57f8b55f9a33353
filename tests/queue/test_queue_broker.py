"""The queue service against the real RabbitMQ broker and the real pipeline (each test on its own vhost)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import random
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from queue_testkit import (
    WorkerProcess,
    drain,
    free_port,
    make_cheap_submission,
    make_heavy_submission,
    publish_raw,
    queue_env,
    rabbitmqctl,
    ready_count,
    settings_for,
)

from docproc.queue.blobstore import LocalBlobStore
from docproc.queue.messages import SubmissionMessage
from docproc.queue.submit import build_message, publish_submissions
from docproc.queue.topology import setup

pytestmark = pytest.mark.broker

VERDICTS = "docproc.verdicts"
DEAD = "docproc.submissions.dead"
WORK = "docproc.submissions"


def run_cli(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docproc.queue", *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def comparable(verdict: dict) -> dict:
    return {k: v for k, v in verdict.items() if k != "decided_at"}


def assert_same_verdict(got: dict, expected: dict, tmp_path: Path) -> None:
    if got != expected:
        (tmp_path / "got.json").write_text(json.dumps(got, indent=1, ensure_ascii=False))
        (tmp_path / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False))
        differing = sorted(k for k in set(got) | set(expected) if got.get(k) != expected.get(k))
        raise AssertionError(f"verdict differs from docproc check in {differing}; see {tmp_path}")


@pytest.fixture
def env(vhost: str, tmp_path: Path) -> dict[str, str]:
    env = queue_env(vhost, tmp_path)
    result = run_cli(env, "queue", "setup")
    assert result.returncode == 0, result.stderr
    return env


def submit_cheap(env: dict[str, str], tmp_path: Path, ids: list[str], seed: int = 1) -> list[SubmissionMessage]:
    rng = random.Random(seed)
    settings = settings_for(env)
    store = LocalBlobStore(settings.store_root)
    messages = [build_message(make_cheap_submission(tmp_path / "in" / sid, sid, rng), store) for sid in ids]
    asyncio.run(publish_submissions(messages, settings))
    return messages


def test_end_to_end_verdict_equals_docproc_check(env: dict[str, str], vhost: str, tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    docproc = str(Path(sys.executable).parent / "docproc")
    made = subprocess.run([docproc, "demo", "--out", str(demo), "--no-check"], env=env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert made.returncode == 0, made.stderr
    port = free_port()
    worker = WorkerProcess(queue_env(vhost, tmp_path, health_port=port), tmp_path / "worker.log")
    try:
        worker.wait_for("consuming")
        # `docproc check` runs beside the worker (same code, same moment) on the same folder.
        checking = subprocess.Popen([docproc, "check", str(demo), "--json", "-q"],
                                    env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)  # fmt: skip
        submitted = run_cli(env, "submit", str(demo))
        assert submitted.returncode == 0, submitted.stderr
        expected = json.loads(checking.communicate(timeout=300)[0])
        assert json.loads(submitted.stdout)["submission_id"] == expected["submission_id"]
        (verdict,) = drain(env["DOCPROC_QUEUE_URL"], VERDICTS, 1, timeout=240)
        assert_same_verdict(comparable(verdict.body), comparable(expected), tmp_path)
        assert verdict.routing_key == f"verdict.{expected['status']}"
        assert verdict.correlation_id == expected["submission_id"]
        assert verdict.content_type == "application/json"
        assert verdict.headers["x-schema-version"] == "1.0"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            assert json.loads(response.read())["healthy"] is True
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            metrics = response.read().decode()
        assert f'docproc_submissions_total{{republished="false",status="{expected["status"]}"}} 1.0' in metrics
        assert "docproc_processing_seconds_count 1.0" in metrics
    finally:
        assert worker.stop() == 0
    applicant = json.loads((demo / "submission.json").read_text())["applicant"]
    log_text = worker.log_path.read_text()
    assert expected["submission_id"] in log_text
    for value in (applicant["name"], applicant.get("birth_date"), applicant.get("address")):
        assert not value or value not in log_text, "personal data in the worker log"


def test_sigkill_mid_processing_redelivers_and_one_verdict(env: dict[str, str], vhost: str, tmp_path: Path) -> None:
    settings = settings_for(env)
    heavy = make_heavy_submission(tmp_path / "heavy", "heavy-1", pages=6)
    message = build_message(heavy, LocalBlobStore(settings.store_root))
    first = WorkerProcess(env, tmp_path / "worker1.log")
    first.wait_for("consuming")
    asyncio.run(publish_submissions([message], settings))
    first.wait_for("pipeline started")
    time.sleep(0.2)
    first.kill_group()
    assert not [e for e in first.events() if e.get("event") == "verdict published"], "finished before the kill"

    second = WorkerProcess(env, tmp_path / "worker2.log")
    try:
        verdicts = drain(env["DOCPROC_QUEUE_URL"], VERDICTS, 1, timeout=240, settle=3.0)
        assert [v.correlation_id for v in verdicts] == ["heavy-1"]
        (published,) = second.wait_for("verdict published")
        assert published["redelivered"] is True and published["republished"] is False
    finally:
        assert second.stop() == 0


def test_connection_drop_recovers(env: dict[str, str], vhost: str, tmp_path: Path) -> None:
    settings = settings_for(env)
    heavy = build_message(make_heavy_submission(tmp_path / "heavy", "drop-heavy"), LocalBlobStore(settings.store_root))
    worker = WorkerProcess(env, tmp_path / "worker.log")
    try:
        worker.wait_for("consuming")
        submit_cheap(env, tmp_path, [f"a-{i}" for i in range(5)])
        first = drain(env["DOCPROC_QUEUE_URL"], VERDICTS, 5, timeout=120, settle=0.2)
        assert sorted(v.correlation_id for v in first) == [f"a-{i}" for i in range(5)]

        asyncio.run(publish_submissions([heavy], settings))
        submit_cheap(env, tmp_path, [f"b-{i}" for i in range(10)], seed=2)
        worker.wait_for("pipeline started", count=6)  # the heavy one is in the pool now
        rabbitmqctl("close_all_connections", "-p", vhost, "docproc test: connection drop")
        worker.wait_for("broker connection restored; consumer recovered", timeout=60)
        submit_cheap(env, tmp_path, [f"c-{i}" for i in range(5)], seed=3)
        rest = drain(env["DOCPROC_QUEUE_URL"], VERDICTS, 16, timeout=180, settle=2.0)
        by_id: dict[str, list[bytes]] = {}
        for verdict in rest:
            by_id.setdefault(verdict.correlation_id or "", []).append(verdict.raw)
        assert sorted(by_id) == sorted(["drop-heavy"] + [f"b-{i}" for i in range(10)] + [f"c-{i}" for i in range(5)])
        assert len(by_id["drop-heavy"]) == 1
        # at-least-once: a verdict confirmed just before the drop may come again, but always the same one
        assert all(len(set(copies)) == 1 for copies in by_id.values())
        events = [e["event"] for e in worker.events()]
        assert "delivery channel closed; broker will redeliver" in events, "the dead-channel ack path was exercised"
        heavy_runs = [e for e in worker.events() if e.get("event") == "pipeline started" and
                      e.get("submission_id") == "drop-heavy"]  # fmt: skip
        assert len(heavy_runs) == 1, "the redelivery joined the run already in the pool"
    finally:
        assert worker.stop() == 0


def test_poison_and_malformed_messages_are_dead_lettered(env: dict[str, str], vhost: str, tmp_path: Path) -> None:
    settings = settings_for(env)
    store = LocalBlobStore(settings.store_root)
    good = build_message(make_cheap_submission(tmp_path / "good", "good-1", random.Random(5)), store)
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"not in the store")
    outside_sha = hashlib.sha256(outside.read_bytes()).hexdigest()

    def variant(sid: str, **blob: object) -> bytes:
        data = json.loads(good.model_dump_json())
        data["submission_id"] = data["manifest"]["submission_id"] = sid
        data["manifest"]["documents"][0]["blob"].update(blob)
        return json.dumps(data).encode()

    ctype = {"content_type": "application/json"}
    poison = [
        (b"\x00\xffnot json", {"message_id": "p-1"}),
        (b'{"submission_id": "p-2", "manifest": {}}', {**ctype, "message_id": "p-2"}),
        (variant("p-3", uri=outside.as_uri(), sha256=outside_sha, size=outside.stat().st_size), ctype),
        (variant("p-4", sha256="0" * 64), ctype),
        (b"<xml/>", {"content_type": "application/xml", "message_id": "p-5"}),
        (good.model_dump_json().encode(), ctype),
    ]
    worker = WorkerProcess(env, tmp_path / "worker.log")
    try:
        worker.wait_for("consuming")
        publish_raw(env["DOCPROC_QUEUE_URL"], settings.submissions_routing_key, poison, settings.submissions_exchange)
        dead = drain(env["DOCPROC_QUEUE_URL"], DEAD, 5, timeout=60, settle=0.5)
        reasons = sorted(d.headers["x-docproc-dead-reason"] for d in dead)
        assert reasons == sorted(["invalid_message", "invalid_message", "blob_refused", "blob_checksum_mismatch",
                                  "unsupported_content_type"])  # fmt: skip
        assert all(d.headers["x-docproc-attempt"] == 0 for d in dead), "invalid messages are never retried"
        assert {d.raw for d in dead} == {body for body, _ in poison[:5]}
        (verdict,) = drain(env["DOCPROC_QUEUE_URL"], VERDICTS, 1, timeout=60)
        assert verdict.correlation_id == "good-1"
        assert "Olga" not in worker.log_path.read_text() and "Maria" not in worker.log_path.read_text()
    finally:
        assert worker.stop() == 0


def test_transient_failures_retry_through_delay_queues_then_dead_letter(
    env: dict[str, str], vhost: str, tmp_path: Path
) -> None:
    settings = settings_for(env)
    store = LocalBlobStore(settings.store_root)
    rng = random.Random(9)
    late = build_message(make_cheap_submission(tmp_path / "late", "late-1", rng), store)
    never = build_message(make_cheap_submission(tmp_path / "never", "never-1", rng), store)
    late_blob = Path(late.manifest.documents[0].blob.uri.removeprefix("file://"))
    never_blob = Path(never.manifest.documents[0].blob.uri.removeprefix("file://"))
    held = late_blob.read_bytes()
    late_blob.unlink()
    never_blob.unlink()
    worker = WorkerProcess(env, tmp_path / "worker.log")
    try:
        worker.wait_for("consuming")
        asyncio.run(publish_submissions([late, never], settings))
        worker.wait_for("transient failure; delayed retry", count=2)
        late_blob.write_bytes(held)  # the store "comes back" for one of them
        (verdict,) = drain(env["DOCPROC_QUEUE_URL"], VERDICTS, 1, timeout=60)
        assert verdict.correlation_id == "late-1"
        (dead,) = drain(env["DOCPROC_QUEUE_URL"], DEAD, 1, timeout=60)
        assert dead.message_id == "never-1"
        assert dead.headers["x-docproc-dead-reason"] == "blob_store_unavailable"
        assert dead.headers["x-docproc-attempt"] == len(settings.retry_delays_s)
    finally:
        assert worker.stop() == 0


def test_unroutable_verdict_is_a_failure_not_a_drop(vhost: str, tmp_path: Path) -> None:
    env = queue_env(vhost, tmp_path, verdicts_queue="", retry_delays_s="[0.2]")
    settings = settings_for(env)
    asyncio.run(setup(settings))
    worker = WorkerProcess(env, tmp_path / "worker.log")
    try:
        worker.wait_for("consuming")
        submit_cheap(env, tmp_path, ["lost-1"])
        (dead,) = drain(env["DOCPROC_QUEUE_URL"], DEAD, 1, timeout=60)
        assert dead.headers["x-docproc-dead-reason"] == "verdict_unroutable"
        republished = [e for e in worker.events() if e.get("event") == "pipeline started"]
        assert len(republished) == 1, "the retry answered from the decision record, not by processing again"
    finally:
        assert worker.stop() == 0


def test_sigterm_requeues_unfinished_work_and_exits_zero(vhost: str, tmp_path: Path) -> None:
    env = queue_env(vhost, tmp_path, shutdown_timeout_s="0.5")
    settings = settings_for(env)
    asyncio.run(setup(settings))
    message = build_message(make_heavy_submission(tmp_path / "heavy", "heavy-2"), LocalBlobStore(settings.store_root))
    worker = WorkerProcess(env, tmp_path / "worker.log")
    worker.wait_for("consuming")
    asyncio.run(publish_submissions([message], settings))
    worker.wait_for("pipeline started")
    started = time.monotonic()
    assert worker.stop(timeout=30) == 0
    assert time.monotonic() - started < 15
    assert worker.wait_for("requeueing unfinished deliveries")
    assert ready_count(env["DOCPROC_QUEUE_URL"], WORK) == 1
    assert ready_count(env["DOCPROC_QUEUE_URL"], VERDICTS) == 0
    arguments = rabbitmqctl("list_queues", "-p", vhost, "name", "arguments", "--quiet", "--no-table-headers")
    assert "x-delivery-limit" in arguments and "quorum" in arguments


def test_200_submissions_two_workers_none_lost_none_duplicated(env: dict[str, str], vhost: str, tmp_path: Path) -> None:
    ids = [f"bulk-{i:03d}" for i in range(200)]
    workers = [WorkerProcess(env, tmp_path / f"worker{i}.log") for i in range(2)]
    try:
        for worker in workers:
            worker.wait_for("consuming")
        submit_cheap(env, tmp_path, ids, seed=200)
        verdicts = drain(env["DOCPROC_QUEUE_URL"], VERDICTS, 200, timeout=240, settle=2.0)
        got = [v.correlation_id for v in verdicts]
        assert len(got) == 200 and sorted(got) == ids
        per_worker = [len(w.wait_for("verdict published", timeout=5)) for w in workers]
        assert sum(per_worker) == 200 and min(per_worker) > 0, per_worker
    finally:
        assert [w.stop() for w in workers] == [0, 0]


def test_quorum_delivery_limit_dead_letters_a_message_that_keeps_coming_back(vhost: str, tmp_path: Path) -> None:
    """The last guard: a message requeued more than delivery_limit times lands in the dead-letter queue."""
    import aio_pika

    env = queue_env(vhost, tmp_path, delivery_limit="2")
    settings = settings_for(env)
    asyncio.run(setup(settings))
    publish_raw(settings.url, WORK, [(b'{"poison": true}', {"message_id": "loop-1"})])

    async def requeue_until_gone() -> int:
        returned = 0
        async with await aio_pika.connect(settings.url) as connection:
            channel = await connection.channel()
            queue = await channel.get_queue(WORK)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                message = await queue.get(fail=False)
                if message is None:
                    dead = await channel.declare_queue(DEAD, passive=True)
                    if dead.declaration_result.message_count:
                        return returned
                    await asyncio.sleep(0.05)
                    continue
                await message.nack(requeue=True)
                returned += 1
        return returned

    assert asyncio.run(requeue_until_gone()) == 3  # first delivery + 2 redeliveries
    (dead,) = drain(settings.url, DEAD, 1, timeout=30)
    assert dead.message_id == "loop-1"
    assert dead.headers.get("x-first-death-reason") == "delivery_limit"


def test_s3_store_postgres_record_and_a_decided_submission_is_republished(vhost: str, tmp_path: Path) -> None:
    """The worker on the S3 store (moto server) and the PostgreSQL record; a resent message is not re-run."""
    import boto3
    import psycopg
    from moto.server import ThreadedMotoServer

    try:
        psycopg.connect("postgresql://postgres@127.0.0.1:5432/test", connect_timeout=3).close()
        decisions_url = "postgresql://postgres@127.0.0.1:5432/test"
    except psycopg.OperationalError:
        decisions_url = f"sqlite:///{tmp_path / 'decisions.sqlite3'}"
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        creds = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}
        boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing",
                     aws_secret_access_key="testing").create_bucket(Bucket="scans")  # fmt: skip
        env = queue_env(vhost, tmp_path, store="s3", s3_bucket="scans", s3_endpoint_url=endpoint,
                        s3_region="us-east-1", decisions_url=decisions_url)  # fmt: skip
        env.update(creds)
        assert run_cli(env, "queue", "setup").returncode == 0
        folder = make_cheap_submission(tmp_path / "s3sub", f"s3-{vhost}", random.Random(3))
        worker = WorkerProcess(env, tmp_path / "worker.log")
        try:
            worker.wait_for("consuming")
            first = run_cli(env, "submit", str(folder))
            assert first.returncode == 0, first.stderr
            (verdict,) = drain(env["DOCPROC_QUEUE_URL"], VERDICTS, 1, timeout=60)
            assert run_cli(env, "submit", str(folder)).returncode == 0  # the station sends it again
            (again,) = drain(env["DOCPROC_QUEUE_URL"], VERDICTS, 1, timeout=60)
            assert again.raw == verdict.raw, "the stored verdict is republished, byte for byte"
            published = worker.wait_for("verdict published", count=2)
            assert [e["republished"] for e in published] == [False, True]
            assert len(worker.wait_for("pipeline started")) == 1
        finally:
            assert worker.stop() == 0
    finally:
        server.stop()
