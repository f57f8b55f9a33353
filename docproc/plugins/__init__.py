"""Plugin machinery: the public hook specification and the plugin manager."""

from docproc.plugins.hookspecs import ENTRY_POINT_GROUP, hookimpl, hookspec

__all__ = ["ENTRY_POINT_GROUP", "hookimpl", "hookspec"]
