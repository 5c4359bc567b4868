"""A real uvicorn server over the sample dataset, and Debian's Chromium driven by Playwright.

Without Chromium (or the playwright package) the browser tests skip, naming what to
install; with ARTICULA_REQUIRE_BROWSER=1 (CI) they fail instead.
"""

import json
import os
import shutil
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.neo4j_backends import Backend
from tests.serving import serve

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 800}
# The first analytics on a cold GDS take seconds on a busy machine.
READY_TIMEOUT_MS = 90_000

GraphQL = Callable[..., dict[str, Any]]


def chromium() -> str | None:
    """Debian's Chromium (package `chromium`), or the one ARTICULA_CHROMIUM names."""
    found = os.environ.get("ARTICULA_CHROMIUM") or shutil.which("chromium")
    return found if found and Path(found).is_file() else None


def missing_browser(reason: str) -> None:
    if os.environ.get("ARTICULA_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (ARTICULA_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def base_url(sample_db: object, neo4j_backend: Backend) -> Iterator[str]:
    with serve(neo4j_backend.settings) as url:
        yield url


@pytest.fixture(scope="module")
def api(base_url: str) -> GraphQL:
    """Ask the running server directly: the reference the page's numbers are checked against."""

    def run(query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        request = urllib.request.Request(
            f"{base_url}/graphql", method="POST",
            data=json.dumps({"query": query, "variables": variables or {}}).encode(),
            headers={"content-type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            body = json.load(response)
        assert "errors" not in body, body["errors"]
        return dict(body["data"])

    return run


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium()
    if executable is None:
        missing_browser("Chromium is not installed: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_browser("The playwright package is not installed: pip install -e '.[dev]'")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page (Spanish, empty storage) at 1280x800 whose script errors fail the test."""
    context = browser.new_context(viewport=VIEWPORT, base_url=base_url, locale="es-CO")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors


def wait_until(page: Any, expression: str, timeout_ms: int = READY_TIMEOUT_MS) -> None:
    """Wait until `expression` is truthy in the page: what page.wait_for_function does, without
    the eval it runs in the page, which the Explorer's Content-Security-Policy refuses."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not holds(page, expression):
        assert time.monotonic() < deadline, f"waited {timeout_ms} ms for {expression}"
        page.wait_for_timeout(50)


def holds(page: Any, expression: str) -> bool:
    """Whether `expression` is truthy in the page; false while the page is navigating (a
    reload, a new address): its old document can no longer be asked, and its new one may
    have no body yet."""
    from playwright.sync_api import Error

    try:
        return bool(page.evaluate(f"!!(document.body && ({expression}))"))
    except Error as error:
        if "Execution context was destroyed" in error.message:
            return False
        raise


def shoot(page: Any, name: str) -> Path:
    """Save a screenshot where CI keeps its artifacts."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
