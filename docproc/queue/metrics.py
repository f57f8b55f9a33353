"""Prometheus metrics of one worker process (own registry, so tests can build many workers)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

SECONDS_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 80, 160, 320)


class WorkerMetrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        self.submissions = Counter(
            "docproc_submissions",
            "Verdicts published, by status; republished=true for a stored verdict sent again.",
            ["status", "republished"],
            registry=self.registry,
        )
        self.processing_seconds = Histogram(
            "docproc_processing_seconds",
            "Delivery to ack, for submissions that were processed.",
            buckets=SECONDS_BUCKETS,
            registry=self.registry,
        )
        self.pipeline_seconds = Histogram(
            "docproc_pipeline_seconds",
            "Time inside the pipeline process for one submission.",
            buckets=SECONDS_BUCKETS,
            registry=self.registry,
        )
        self.failures = Counter(
            "docproc_failures", "Failed deliveries by kind (reason code).", ["kind", "action"], registry=self.registry
        )
        self.in_flight = Gauge("docproc_in_flight", "Deliveries being handled now.", registry=self.registry)
        self.connected = Gauge(
            "docproc_broker_connected", "1 while the broker connection is up.", registry=self.registry
        )
