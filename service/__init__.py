"""Articula: network analysis of territorial productive articulation initiatives."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("articula")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
