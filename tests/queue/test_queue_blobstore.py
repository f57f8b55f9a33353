"""Blob stores: local directory and S3 (against moto running as a real S3 server on localhost)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from docproc.queue.blobstore import LocalBlobStore, S3BlobStore
from docproc.queue.errors import BlobIntegrityError, BlobRefused, BlobUnavailable
from docproc.queue.messages import BlobRef


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "scan.png"
    path.write_bytes(os.urandom(3 * 1024 * 1024 + 17))  # spans several read chunks
    return path


def test_local_roundtrip_is_verified_and_content_addressed(tmp_path: Path, scan: Path) -> None:
    store = LocalBlobStore(tmp_path / "store")
    ref = store.put(scan)
    assert ref.sha256 == hashlib.sha256(scan.read_bytes()).hexdigest() and ref.size == scan.stat().st_size
    assert ref.media_type == "image/png" and store.put(scan) == ref
    out = tmp_path / "out.png"
    store.fetch(ref, out)
    assert out.read_bytes() == scan.read_bytes()


def test_local_refuses_uris_outside_the_store(tmp_path: Path, scan: Path) -> None:
    store = LocalBlobStore(tmp_path / "store")
    ref = store.put(scan)
    for uri in (scan.as_uri(), (tmp_path / "store").as_uri() + "/../scan.png", "s3://b/k", "http://x/y"):
        with pytest.raises(BlobRefused):
            store.fetch(ref.model_copy(update={"uri": uri}), tmp_path / "x")


def test_local_detects_tampering_and_missing_blobs(tmp_path: Path, scan: Path) -> None:
    store = LocalBlobStore(tmp_path / "store")
    ref = store.put(scan)
    out = tmp_path / "out.png"
    with pytest.raises(BlobIntegrityError):
        store.fetch(ref.model_copy(update={"sha256": "0" * 64}), out)
    assert not out.exists()
    with pytest.raises(BlobIntegrityError):
        store.fetch(ref.model_copy(update={"size": ref.size - 1}), out)
    Path(ref.uri.removeprefix("file://")).unlink()
    with pytest.raises(BlobUnavailable):
        store.fetch(ref, out)


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    yield f"http://{host}:{port}"
    server.stop()


def test_s3_roundtrip_refusal_and_integrity(tmp_path: Path, scan: Path, s3_endpoint: str) -> None:
    import boto3

    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(Bucket="scans")
    store = S3BlobStore("scans", "blobs/", endpoint_url=s3_endpoint, region="us-east-1")
    store.check()
    ref = store.put(scan)
    assert ref.uri == f"s3://scans/blobs/{ref.sha256}"
    out = tmp_path / "out.png"
    store.fetch(ref, out)
    assert out.read_bytes() == scan.read_bytes()
    for uri in ("s3://other/blobs/" + ref.sha256, "s3://scans/private/x", "s3://scans/blobs/../private/x"):
        with pytest.raises(BlobRefused):
            store.fetch(ref.model_copy(update={"uri": uri}), out)
    with pytest.raises(BlobIntegrityError):
        store.fetch(ref.model_copy(update={"sha256": "1" * 64}), out)
    with pytest.raises(BlobUnavailable):
        store.fetch(BlobRef(uri="s3://scans/blobs/" + "2" * 64, sha256="2" * 64, size=1), out)


def test_s3_unreachable_is_transient(tmp_path: Path) -> None:
    store = S3BlobStore("scans", endpoint_url="http://127.0.0.1:9", region="us-east-1")
    with pytest.raises(BlobUnavailable):
        store.check()
