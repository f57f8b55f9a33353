"""The public hook specification: the whole contract between docproc and a plugin.

A plugin is any module or object with functions marked ``@hookimpl`` whose names
match the specifications below. Third-party plugins are found through the
``docproc.plugins`` entry-point group. Every hook receives data objects from
:mod:`docproc.models` and returns values; none may keep global state between
submissions (a worker process runs many submissions with one plugin manager).

Order of calls for one submission::

    docproc_document_types, docproc_problem_codes   (once, when the manager is built)
    for every page of every file:
        docproc_classify   (only when the scanning station gave no type hint)
        docproc_read       (firstresult: the plugin owning the type answers)
    docproc_merge_documents (once, pipelined through every plugin)

An exception raised by a hook implementation for a page becomes that page's
``error`` in the verdict (and the plugin is named); it never stops the run.
"""

from __future__ import annotations

import pluggy

from docproc.models import (
    Classification,
    DocumentResult,
    DocumentType,
    Page,
    ProblemCode,
    ReadContext,
    Reading,
)

PROJECT_NAME = "docproc"
ENTRY_POINT_GROUP = "docproc.plugins"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def docproc_document_types() -> list[DocumentType]:
    """Declare the document types this plugin recognises or reads.

    Called once when the plugin manager is built; results of all plugins are
    collected (not firstresult). A type declared by two plugins is one type.
    Return an empty list or ``None`` to declare nothing. Raising here makes the
    manager skip the plugin, with a logged reason.
    """


@hookspec
def docproc_problem_codes() -> list[ProblemCode]:
    """Declare the problem codes this plugin may emit, with documentation.

    Called once when the plugin manager is built; all results are collected.
    Codes outside the core vocabulary must be namespaced with the plugin's own
    prefix (``passport.mrz_truncated:...`` style is not allowed; use
    ``<plugin>:<what>``, e.g. ``supporting:unsigned``). A problem whose code was
    never declared is kept and joined by the problem ``review:undeclared_code``
    (``needs_review``).

    Not firstresult. Return a list of :class:`ProblemCode` (each with its
    severity), or ``None``/an empty list when the plugin only uses core codes.
    Raising here makes the manager skip the plugin, with a logged reason.
    """


@hookspec
def docproc_classify(page: Page) -> Classification | None:
    """Score how much ``page`` looks like one of this plugin's document types.

    Called for every page whose file came without a type hint; results of all
    plugins are collected (not firstresult) and the highest score above the
    configured threshold (``classify_threshold``, 0.5 by default) decides the
    type, else the page is ``unknown``. Return ``None`` when the page is not
    yours. Must be cheaper than reading: prefer layout cues and small OCR
    crops. An exception or time-out is recorded as the page's error (problem
    ``review:plugin_failed``) and the other plugins' scores still count.
    """


@hookspec(firstresult=True)
def docproc_read(page: Page, doc_type: str, context: ReadContext) -> Reading | None:
    """Read ``page``, already known to be of ``doc_type``, and check it.

    firstresult: the first plugin that returns a :class:`Reading` wins; return
    ``None`` for types you do not read. Called once per page, after
    classification. Field values are normalised by the plugin (dates ISO 8601,
    nationality ISO 3166-1 alpha-3, sex ``M``/``F``/``X``). Problems found on
    the page (``document:expired``, ``photo:*``, ...) go in
    ``Reading.problems``; information that must not change the status goes in
    ``Reading.warnings``. Raise :class:`docproc.errors.UnreadableDocument` for a
    page of the right type that cannot be read (becomes
    ``document:unreadable``); any other exception (or a time-out, see
    ``plugin_timeout_seconds``) becomes the page's ``error`` and the problem
    ``review:plugin_failed``.
    """


@hookspec
def docproc_merge_documents(
    documents: list[DocumentResult], context: ReadContext
) -> list[DocumentResult] | None:
    """Combine pages that belong together once every page has been read.

    Called once per submission after all reads, in plugin registration order,
    each plugin receiving the list returned by the previous one (a pipeline,
    not firstresult). Return a new list (for example a residence card's back
    page folding its address-change entry into the front's ``address``) or
    ``None`` to leave it unchanged. Never mutate the input. An exception is
    logged, reported as warning ``check:not_run``, and the list passes on
    unchanged.
    """
