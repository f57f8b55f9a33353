"""Exceptions with a precise meaning for the pipeline and the command line."""

from __future__ import annotations


class DocprocError(Exception):
    """Base class: an error docproc can explain to the user without a traceback."""


class BadSubmission(DocprocError):
    """The submission as a whole cannot be processed (no or invalid submission.json)."""


class FileProblem(DocprocError):
    """One listed file cannot be turned into pages; the others are still processed.

    ``code`` is a problem code from the core vocabulary (``document:unreadable``
    or ``missing:file``)."""

    def __init__(self, message: str, code: str = "document:unreadable") -> None:
        super().__init__(message)
        self.code = code


class UnreadableDocument(DocprocError):
    """Raised by a plugin's ``docproc_read`` for a page of its type that it cannot read."""
