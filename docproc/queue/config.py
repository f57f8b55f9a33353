"""Queue service configuration: environment (``DOCPROC_QUEUE_*``) over an optional TOML file.

The file is named by ``--config`` or ``DOCPROC_QUEUE_CONFIG`` and holds the same keys,
either at top level or under a ``[queue]`` table. Environment variables win over the file.
"""

from __future__ import annotations

import os
import ssl
import tomllib
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

CONFIG_FILE_ENV = "DOCPROC_QUEUE_CONFIG"


class QueueSettings(BaseSettings):
    """Everything the worker, ``submit`` and ``queue setup`` need; names are configurable."""

    model_config = SettingsConfigDict(env_prefix="DOCPROC_QUEUE_", extra="ignore")

    # Broker. amqps:// URLs use TLS; the optional files below add a CA or a client certificate.
    url: str = "amqp://guest:guest@127.0.0.1:5672/"
    tls_ca_file: Path | None = None
    tls_cert_file: Path | None = None
    tls_key_file: Path | None = None
    heartbeat_s: int = 60
    reconnect_interval_s: float = 2.0

    # Topology.
    submissions_exchange: str = "docproc.submissions"
    submissions_routing_key: str = "submission"
    submissions_queue: str = "docproc.submissions"
    verdicts_exchange: str = "docproc.verdicts"
    verdicts_queue: str = Field(
        default="docproc.verdicts",
        description="A queue bound to every verdict (verdict.#) so none is unroutable; empty to declare none.",
    )
    dead_letter_exchange: str = "docproc.dead"
    dead_letter_queue: str = "docproc.submissions.dead"
    retry_delays_s: list[float] = Field(default_factory=lambda: [5.0, 30.0, 120.0])
    delivery_limit: int = Field(default=5, ge=1, description="Quorum x-delivery-limit: last guard against poison.")
    max_message_bytes: int = 1_000_000

    # Work.
    pool_size: int = Field(default=0, ge=0, description="Pipeline processes; 0 means one per core.")
    prefetch: int = Field(default=0, ge=0, description="Unacked deliveries per worker; 0 means the pool size.")
    runner: str = Field(
        default="docproc.queue.pool:run_pipeline",
        description="module:function run in the pool for one submission folder (tests swap in stand-ins).",
    )
    shutdown_timeout_s: float = 30.0
    publish_timeout_s: float = 30.0

    # Blob store (claim-check).
    store: Literal["local", "s3"] = "local"
    store_root: Path = Path("./docproc-blobs")
    s3_bucket: str = "docproc"
    s3_prefix: str = "blobs/"
    s3_endpoint_url: str | None = None
    s3_region: str | None = None

    # Record of decided submissions: sqlite:///path or postgresql://...
    decisions_url: str = "sqlite:///./docproc-decisions.sqlite3"

    # Operations.
    health_host: str = "0.0.0.0"
    health_port: int = Field(default=8080, ge=0, description="Health and /metrics endpoint; 0 disables it.")
    log_json: bool = True
    log_level: str = "INFO"

    @property
    def effective_pool_size(self) -> int:
        return self.pool_size or max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)

    @property
    def effective_prefetch(self) -> int:
        return self.prefetch or self.effective_pool_size

    @property
    def retry_queue_names(self) -> list[str]:
        return [f"{self.submissions_queue}.retry.{i + 1}" for i in range(len(self.retry_delays_s))]

    @property
    def redacted_url(self) -> str:
        """The broker URL without its password, for logs."""
        parts = urlsplit(self.url)
        if parts.password is None:
            return self.url
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        netloc = f"{parts.username}:***@{host}" if parts.username else host
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))

    def ssl_context(self) -> ssl.SSLContext | None:
        """A TLS context when the URL is amqps:// or certificate files are configured."""
        if not self.url.startswith("amqps://") and not (self.tls_ca_file or self.tls_cert_file):
            return None
        context = ssl.create_default_context(cafile=str(self.tls_ca_file) if self.tls_ca_file else None)
        if self.tls_cert_file:
            context.load_cert_chain(str(self.tls_cert_file), str(self.tls_key_file) if self.tls_key_file else None)
        return context


def _read_file(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    section = data.get("queue", data)
    if not isinstance(section, dict):
        raise ValueError(f"{path}: [queue] must be a table")
    return section


def load_queue_settings(config_file: Path | str | None = None, **overrides: Any) -> QueueSettings:
    """Settings from ``overrides`` > environment > config file > defaults."""
    path = config_file or os.environ.get(CONFIG_FILE_ENV)
    file_values = _read_file(Path(path)) if path else {}
    from_env = QueueSettings()
    env_values = {name: getattr(from_env, name) for name in from_env.model_fields_set}
    return QueueSettings(**{**file_values, **env_values, **overrides})
