"""Build the plugin manager and call hooks one plugin at a time, safely.

Third-party plugins come from the ``docproc.plugins`` entry-point group. A plugin
that fails to import or to register is logged and skipped (as paperless-ngx
does); operators choose plugins with an allowlist/denylist. Hooks that run on
pages are called per implementation so that one plugin's exception or time-out
is attributed to that plugin and never stops the others.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from typing import Any

import pluggy

from docproc.models import DocumentType, ProblemCode
from docproc.plugins import hookspecs
from docproc.plugins.builtin import core_types
from docproc.settings import Settings

log = logging.getLogger(__name__)

BUILTIN_PLUGINS = (core_types,)


@dataclass
class SkippedPlugin:
    name: str
    reason: str


class PluginManager(pluggy.PluginManager):
    """pluggy's manager plus what docproc learned while loading plugins."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(hookspecs.PROJECT_NAME)
        self.settings = settings
        self.skipped: list[SkippedPlugin] = []
        self.document_types: dict[str, DocumentType] = {}
        self.problem_codes: list[ProblemCode] = []
        self.distributions: dict[str, tuple[str, str]] = {}  # plugin name -> (package, version)

    def plugin_info(self) -> list[dict[str, Any]]:
        """Name, package, version and implemented hooks of every loaded plugin."""
        rows = []
        for name, plugin in self.list_name_plugin():
            package, version = self.distributions.get(name, ("docproc", "builtin"))
            hooks = sorted(h.name for h in self.get_hookcallers(plugin) or ())
            rows.append({"name": name, "package": package, "version": version, "hooks": hooks})
        return rows


def _wanted(name: str, settings: Settings) -> bool:
    if name in settings.disable_plugins:
        return False
    return settings.load_plugins is None or name in settings.load_plugins


def _load_entry_point(pm: PluginManager, ep: EntryPoint) -> None:
    if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
        return
    try:
        plugin = ep.load()
        pm.register(plugin, name=ep.name)
        pm.check_pending()
    except Exception as exc:  # a broken third-party plugin must not take the service down
        if pm.get_plugin(ep.name) is not None:
            pm.unregister(name=ep.name)
        pm.skipped.append(SkippedPlugin(ep.name, f"{type(exc).__name__}: {exc}"))
        log.warning("plugin %s skipped: %s: %s", ep.name, type(exc).__name__, exc)
        return
    if ep.dist is not None:
        pm.distributions[ep.name] = (ep.dist.name, ep.dist.version)


def _collect_declarations(pm: PluginManager) -> None:
    """Ask every plugin for its types and codes; a plugin that fails here is dropped."""
    for name, plugin in list(pm.list_name_plugin()):
        try:
            types = _call_single(pm, plugin, "docproc_document_types") or []
            codes = _call_single(pm, plugin, "docproc_problem_codes") or []
        except Exception as exc:
            pm.unregister(plugin)
            pm.skipped.append(SkippedPlugin(name, f"declarations failed: {type(exc).__name__}: {exc}"))
            log.warning("plugin %s skipped: its declarations failed: %s", name, type(exc).__name__)
            continue
        for doc_type in types:
            pm.document_types.setdefault(doc_type.name, doc_type)
        pm.problem_codes.extend(codes)


def _call_single(pm: PluginManager, plugin: object, hook_name: str) -> Any:
    for impl in getattr(pm.hook, hook_name).get_hookimpls():
        if impl.plugin is plugin:
            return impl.function()
    return None


def _readable_name(pm: PluginManager, plugin: object) -> str:
    """A module's name or an object's class name, so errors and traces name a plugin a person can find."""
    base = getattr(plugin, "__name__", None) or type(plugin).__name__
    name, n = base, 1
    while pm.get_plugin(name) is not None or pm.is_blocked(name):
        n += 1
        name = f"{base}#{n}"
    return name


def build_plugin_manager(settings: Settings | None = None, *, extra_plugins: tuple[object, ...] = ()) -> PluginManager:
    """A manager with the built-in plugins, the allowed installed ones and ``extra_plugins``."""
    settings = settings or Settings()
    pm = PluginManager(settings)
    pm.add_hookspecs(hookspecs)
    for plugin in BUILTIN_PLUGINS:
        pm.register(plugin, name=f"docproc.builtin.{plugin.__name__.rsplit('.', 1)[-1]}")
    if not settings.disable_plugin_autoload:
        for ep in entry_points(group=hookspecs.ENTRY_POINT_GROUP):
            if _wanted(ep.name, settings):
                _load_entry_point(pm, ep)
    for plugin in extra_plugins:
        pm.register(plugin, name=_readable_name(pm, plugin))
    pm.check_pending()
    _collect_declarations(pm)
    return pm


# --------------------------------------------------------------------------
# Calling page hooks one implementation at a time
# --------------------------------------------------------------------------


@dataclass
class HookOutcome:
    plugin: str
    result: Any = None
    exception: Exception | None = None
    seconds: float = 0.0

    @property
    def error(self) -> str | None:
        exc = self.exception
        if exc is None:
            return None
        return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


class PluginTimeout(Exception):
    pass


def _run_with_timeout(func: Any, kwargs: dict[str, Any], timeout: float) -> Any:
    """Run ``func`` in a daemon thread; give up waiting after ``timeout`` seconds.

    Python cannot kill a thread: a timed-out plugin keeps running in the
    background until it returns, but the submission goes on without it.
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = func(**kwargs)
        except BaseException as exc:  # reported to the caller below
            box["error"] = exc

    thread = threading.Thread(target=target, name=f"docproc-plugin-{getattr(func, '__module__', '?')}", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise PluginTimeout(f"no answer within {timeout:g} s")
    if "error" in box:
        raise box["error"]
    return box.get("result")


def call_impl(pm: PluginManager, hook_name: str, impl: pluggy.HookImpl, **kwargs: Any) -> HookOutcome:
    """Call one implementation within the time limit; its exception is captured, not raised."""
    args = {name: kwargs[name] for name in impl.argnames}
    started = time.perf_counter()
    outcome = HookOutcome(plugin=impl.plugin_name)
    try:
        outcome.result = _run_with_timeout(impl.function, args, pm.settings.plugin_timeout_seconds)
    except Exception as exc:
        outcome.exception = exc
    outcome.seconds = time.perf_counter() - started
    if pm.settings.trace_hooks:
        log.info(
            "hook %s plugin=%s seconds=%.3f result=%s error=%s",
            hook_name,
            outcome.plugin,
            outcome.seconds,
            type(outcome.result).__name__,
            type(outcome.exception).__name__ if outcome.exception else None,
        )
    return outcome


def hook_impls(pm: PluginManager, hook_name: str) -> list[pluggy.HookImpl]:
    """The implementations of ``hook_name`` in the order pluggy would call them."""
    return list(reversed(getattr(pm.hook, hook_name).get_hookimpls()))


def iter_hook(pm: PluginManager, hook_name: str, **kwargs: Any) -> Iterator[HookOutcome]:
    """Call each implementation of ``hook_name`` in pluggy's order, isolating failures."""
    for impl in hook_impls(pm, hook_name):
        yield call_impl(pm, hook_name, impl, **kwargs)
