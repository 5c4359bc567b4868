"""Articula's Python client: `from articula import Client`."""

from articula.client import ApiError, Client

__all__ = ["ApiError", "Client"]
