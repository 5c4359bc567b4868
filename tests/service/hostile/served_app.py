"""The app on a real uvicorn server, with its state at hand, and GraphQL over HTTP to it."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx2
from fastapi import FastAPI

from service.app import create_app
from service.settings import Settings
from tests.serving import serve


@contextmanager
def served(settings: Settings) -> Iterator[tuple[str, FastAPI]]:
    """The base URL of the app served with `settings`, and the app (its `state.db`)."""
    app = create_app(settings)
    with serve(settings, app) as url:
        yield url, app


def post(url: str, query: str, variables: dict[str, Any] | None = None,
         headers: dict[str, str] | None = None) -> httpx2.Response:
    return httpx2.post(f"{url}/graphql", json={"query": query, "variables": variables or {}},
                       headers=headers, timeout=120)


def refused(url: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """The one error of an answer that executed nothing."""
    answer = post(url, query, variables).json()
    assert answer.get("data") is None, answer
    [error] = answer["errors"]
    assert "path" not in error or error["path"] is None, error
    return dict(error)
