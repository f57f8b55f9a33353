"""How a delivery can fail, and what the worker does about it.

``InvalidMessage``: retrying cannot help, the message goes to the dead-letter queue at once.
``TransientFailure``: a store, database or broker path is unavailable; retried through delay queues.
``reason`` is a short code that is safe to log and to put in a header (never personal data).
"""

from __future__ import annotations


class QueueFailure(Exception):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class InvalidMessage(QueueFailure):
    """The message itself is wrong (schema, refused blob URI, checksum mismatch, bad file name)."""


class TransientFailure(QueueFailure):
    """Something the message depends on is unavailable right now."""


class BlobRefused(InvalidMessage):
    def __init__(self, detail: str = "") -> None:
        super().__init__("blob_refused", detail)


class BlobIntegrityError(InvalidMessage):
    def __init__(self, detail: str = "") -> None:
        super().__init__("blob_checksum_mismatch", detail)


class BlobUnavailable(TransientFailure):
    def __init__(self, detail: str = "") -> None:
        super().__init__("blob_store_unavailable", detail)
