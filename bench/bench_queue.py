"""Queue service benchmark: throughput and latency through RabbitMQ for 1 and 2 worker processes.

For each worker count (each worker with a pool of one process, so 2 workers fill the 2 cores):
  * sequential: one submission at a time, submit (store + publish) -> verdict received; latency p50/p95
    beside the pipeline's own time for the same submissions (reported by the worker), so the broker
    path's share is visible (goal: < 5 % of the pipeline time);
  * burst: all submissions published at once; throughput (submissions/min) and latency p50/p95.
The in-process pipeline time (check_folder with a prebuilt plugin manager) is measured first.

    .venv/bin/python bench/bench_queue.py --kind generated --n 8
    .venv/bin/python bench/bench_queue.py --kind cheap --n 60      # broker overhead on a near-empty pipeline

Needs RabbitMQ at 127.0.0.1:5672 and rabbitmqctl (per-run vhost). Prints a table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aio_pika

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "queue"))

from queue_testkit import (
    WorkerProcess,
    create_vhost,
    delete_vhost,
    make_cheap_submission,
    queue_env,
    settings_for,
)

from docproc.queue.blobstore import LocalBlobStore
from docproc.queue.submit import build_message, publish_submissions
from docproc.queue.topology import setup


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def generate(kind: str, n: int, root: Path) -> list[Path]:
    folders = []
    for i in range(n):
        folder = root / f"sub-{i:03d}"
        if kind == "cheap":
            make_cheap_submission(folder, f"bench-{i:03d}", random.Random(i))
        else:
            from docproc.synth.submission import SubmissionSpec, build_submission

            build_submission(folder, SubmissionSpec(seed=1000 + i, submission_id=f"bench-{i:03d}", damage=0.3))
        folders.append(folder)
    return folders


def pipeline_times(folders: list[Path]) -> list[float]:
    from docproc.pipeline import check_folder
    from docproc.plugins.manager import build_plugin_manager
    from docproc.settings import Settings

    settings = Settings()
    pm = build_plugin_manager(settings)
    times = []
    for folder in folders:
        started = time.perf_counter()
        check_folder(folder, settings=settings, plugin_manager=pm)
        times.append(time.perf_counter() - started)
    return times


def with_id(folder: Path, new_id: str, root: Path) -> Path:
    """A copy of the submission under a fresh id (so the decision record never short-circuits it)."""
    import shutil

    target = root / new_id
    shutil.copytree(folder, target)
    manifest = json.loads((target / "submission.json").read_text())
    manifest["submission_id"] = new_id
    (target / "submission.json").write_text(json.dumps(manifest))
    return target


class VerdictWatch:
    """Consumes the verdicts queue and timestamps each verdict's arrival by correlation id."""

    def __init__(self, url: str, queue: str) -> None:
        self.url, self.queue = url, queue
        self.arrived: dict[str, float] = {}
        self._waiters: dict[str, asyncio.Future[float]] = {}

    async def __aenter__(self) -> VerdictWatch:
        self.connection = await aio_pika.connect(self.url)
        channel = await self.connection.channel()
        await channel.set_qos(prefetch_count=500)
        queue = await channel.get_queue(self.queue)
        await queue.consume(self._on_verdict, no_ack=True)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.connection.close()

    async def _on_verdict(self, message: aio_pika.abc.AbstractIncomingMessage) -> None:
        now = time.perf_counter()
        sid = message.correlation_id or ""
        self.arrived.setdefault(sid, now)
        waiter = self._waiters.pop(sid, None)
        if waiter and not waiter.done():
            waiter.set_result(now)

    async def wait(self, sid: str, timeout: float) -> float:
        if sid in self.arrived:
            return self.arrived[sid]
        waiter = self._waiters.setdefault(sid, asyncio.get_running_loop().create_future())
        return await asyncio.wait_for(waiter, timeout)


async def run_workers(folders: list[Path], workers: int, root: Path, sequential_n: int, timeout: float) -> dict:
    vhost = create_vhost("docproc-bench")
    workdir = root / f"w{workers}"
    workdir.mkdir()
    env = queue_env(vhost, workdir, log_level="INFO")
    settings = settings_for(env)
    store = LocalBlobStore(settings.store_root)
    await setup(settings)
    procs = [WorkerProcess(env, workdir / f"worker{i}.log") for i in range(workers)]
    try:
        for proc in procs:
            await asyncio.to_thread(proc.wait_for, "consuming", 120)
        async with VerdictWatch(settings.url, settings.verdicts_queue) as watch:
            sequential = []
            for i, folder in enumerate(folders[:sequential_n]):
                copy = with_id(folder, f"seq-{workers}-{i:03d}", workdir)
                started = time.perf_counter()
                message = build_message(copy, store)
                await publish_submissions([message], settings)
                sequential.append(await watch.wait(message.submission_id, timeout) - started)
            copies = [with_id(f, f"burst-{workers}-{i:03d}", workdir) for i, f in enumerate(folders)]
            messages = [build_message(c, store) for c in copies]
            started = time.perf_counter()
            await publish_submissions(messages, settings)
            arrivals = [await watch.wait(m.submission_id, timeout) for m in messages]
        burst = [a - started for a in arrivals]
    finally:
        for proc in procs:
            proc.stop()
        delete_vhost(vhost)
    worker_pipeline = {
        e["submission_id"]: e["pipeline_seconds"]
        for proc in procs
        for e in proc.events()
        if e.get("event") == "verdict published" and "pipeline_seconds" in e
    }
    seq_pipeline = [worker_pipeline[f"seq-{workers}-{i:03d}"] for i in range(len(sequential))]
    return {
        "workers": workers,
        "n": len(folders),
        "throughput": len(folders) / (max(arrivals) - started) * 60,
        "burst_p50": pct(burst, 0.5),
        "burst_p95": pct(burst, 0.95),
        "seq_p50": pct(sequential, 0.5),
        "seq_p95": pct(sequential, 0.95),
        "seq_pipeline_p50": pct(seq_pipeline, 0.5),
        "overhead_p50": pct([s - p for s, p in zip(sequential, seq_pipeline, strict=True)], 0.5),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=["generated", "cheap"], default="generated")
    parser.add_argument("--n", type=int, default=8, help="submissions per burst")
    parser.add_argument("--sequential", type=int, default=0, help="sequential submissions (default: n)")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-queue-") as tmp:
        root = Path(tmp)
        folders = generate(args.kind, args.n, root / "src")
        pipeline = pipeline_times(folders)
        rows = [
            asyncio.run(run_workers(folders, int(w), root, args.sequential or args.n, args.timeout))
            for w in args.workers.split(",")
        ]
    p50 = statistics.median(pipeline)
    print(f"\nqueue benchmark — {args.kind} submissions, n={args.n}, in-process pipeline p50 {p50:.3f}s "
          f"p95 {pct(pipeline, 0.95):.3f}s (1 process)\n")  # fmt: skip
    header = (
        "| workers | subs/min (burst) | burst p50 s | burst p95 s | seq latency p50 s | seq p95 s "
        "| pipeline p50 s (in worker) | broker path p50 s | broker path % |"
    )
    print(header)
    print("|" + "|".join("---" for _ in range(header.count("|") - 1)) + "|")
    for r in rows:
        share = 100 * r["overhead_p50"] / r["seq_pipeline_p50"] if r["seq_pipeline_p50"] else float("nan")
        print(
            f"| {r['workers']} | {r['throughput']:.1f} | {r['burst_p50']:.3f} | {r['burst_p95']:.3f} "
            f"| {r['seq_p50']:.3f} | {r['seq_p95']:.3f} | {r['seq_pipeline_p50']:.3f} "
            f"| {r['overhead_p50']:.3f} | {share:.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
