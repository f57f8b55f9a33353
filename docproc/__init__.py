"""docproc: scanned residence-card application bundles in, completeness verdicts out."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("docproc")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
