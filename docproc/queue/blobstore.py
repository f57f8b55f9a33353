"""Blob stores for the claim-check: scans are stored once, by content hash; messages carry references.

One small interface, :class:`BlobStore`, with a local directory (default) and an S3-compatible
implementation. ``fetch`` verifies the sha256 while writing and refuses URIs outside the store.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Protocol
from urllib.parse import unquote, urlsplit

from docproc.queue.config import QueueSettings
from docproc.queue.errors import BlobIntegrityError, BlobRefused, BlobUnavailable
from docproc.queue.messages import BlobRef

CHUNK = 1 << 20


def media_type_of(path: Path) -> str:
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def hash_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _copy_verified(source: IO[bytes], dest: Path, ref: BlobRef) -> None:
    """Stream ``source`` into ``dest``, failing (and removing ``dest``) if size or hash differ."""
    digest = hashlib.sha256()
    size = 0
    with dest.open("wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if size > ref.size:
                break
            out.write(chunk)
    if size != ref.size or digest.hexdigest() != ref.sha256:
        dest.unlink(missing_ok=True)
        raise BlobIntegrityError("content does not match the reference")


class BlobStore(Protocol):
    def put(self, path: Path, media_type: str | None = None) -> BlobRef:
        """Store a file (idempotent: same content, same reference)."""

    def fetch(self, ref: BlobRef, dest: Path) -> None:
        """Write the blob to ``dest``, verified; BlobRefused / BlobIntegrityError / BlobUnavailable."""

    def check(self) -> None:
        """Raise BlobUnavailable if the store cannot be reached."""


class LocalBlobStore:
    """A directory (shared volume or network mount); blobs at ``<root>/<aa>/<sha256>``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()

    def _path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, path: Path, media_type: str | None = None) -> BlobRef:
        sha256, size = hash_file(path)
        target = self._path_for(sha256)
        try:
            if not (target.exists() and target.stat().st_size == size):
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
                with os.fdopen(fd, "wb") as out, path.open("rb") as src:
                    shutil.copyfileobj(src, out, CHUNK)
                os.replace(tmp, target)
        except OSError as exc:
            raise BlobUnavailable(type(exc).__name__) from exc
        return BlobRef(uri=target.as_uri(), sha256=sha256, size=size, media_type=media_type or media_type_of(path))

    def _resolve(self, ref: BlobRef) -> Path:
        parts = urlsplit(ref.uri)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise BlobRefused("not a file URI of this store")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root) or path == self.root:
            raise BlobRefused("URI outside the configured store")
        return path

    def fetch(self, ref: BlobRef, dest: Path) -> None:
        path = self._resolve(ref)
        if not self.root.is_dir():
            raise BlobUnavailable("store root missing")
        try:
            with path.open("rb") as source:
                _copy_verified(source, dest, ref)
        except FileNotFoundError as exc:
            raise BlobUnavailable("blob not found") from exc
        except OSError as exc:
            raise BlobUnavailable(type(exc).__name__) from exc

    def check(self) -> None:
        if not self.root.is_dir() or not os.access(self.root, os.R_OK | os.X_OK):
            raise BlobUnavailable("store root missing or unreadable")


class S3BlobStore:
    """An S3-compatible bucket; blobs at ``s3://<bucket>/<prefix><sha256>``."""

    def __init__(
        self,
        bucket: str,
        prefix: str = "blobs/",
        endpoint_url: str | None = None,
        region: str | None = None,
        client: object | None = None,
    ) -> None:
        import boto3
        from botocore.config import Config

        self.bucket = bucket
        self.prefix = prefix
        self.client = client or boto3.client(
            "s3",
            endpoint_url=endpoint_url,
            region_name=region,
            config=Config(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=5, read_timeout=30),
        )

    def _errors(self) -> tuple[type[BaseException], ...]:
        from botocore.exceptions import BotoCoreError, ClientError

        return (BotoCoreError, ClientError)

    def put(self, path: Path, media_type: str | None = None) -> BlobRef:
        sha256, size = hash_file(path)
        key = f"{self.prefix}{sha256}"
        media_type = media_type or media_type_of(path)
        try:
            self.client.upload_file(str(path), self.bucket, key, ExtraArgs={"ContentType": media_type})
        except self._errors() as exc:
            raise BlobUnavailable(type(exc).__name__) from exc
        return BlobRef(uri=f"s3://{self.bucket}/{key}", sha256=sha256, size=size, media_type=media_type)

    def _key(self, ref: BlobRef) -> str:
        parts = urlsplit(ref.uri)
        key = parts.path.lstrip("/")
        if parts.scheme != "s3" or parts.netloc != self.bucket:
            raise BlobRefused("not an s3 URI of the configured bucket")
        if not key.startswith(self.prefix) or ".." in key.split("/") or key == self.prefix:
            raise BlobRefused("URI outside the configured prefix")
        return key

    def fetch(self, ref: BlobRef, dest: Path) -> None:
        key = self._key(ref)
        from botocore.exceptions import ClientError

        try:
            body = self.client.get_object(Bucket=self.bucket, Key=key)["Body"]
            try:
                _copy_verified(body, dest, ref)
            finally:
                body.close()
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "ClientError")
            raise BlobUnavailable(f"s3 {code}") from exc
        except self._errors() as exc:
            raise BlobUnavailable(type(exc).__name__) from exc

    def check(self) -> None:
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except self._errors() as exc:
            raise BlobUnavailable(type(exc).__name__) from exc


def make_blob_store(settings: QueueSettings) -> BlobStore:
    if settings.store == "s3":
        return S3BlobStore(settings.s3_bucket, settings.s3_prefix, settings.s3_endpoint_url, settings.s3_region)
    return LocalBlobStore(settings.store_root)
