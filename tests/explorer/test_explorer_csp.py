"""The Explorer under its Content-Security-Policy in a real browser: every view works with no
violation, a website that is not http(s) is shown as text (never a link that runs), and an
API key lives no longer than its tab."""

from typing import Any

import neo4j
import pytest

from service.access import create_key
from service.security_headers import CONTENT_SECURITY_POLICY
from tests.explorer.conftest import VIEWPORT, wait_until
from tests.explorer.test_explorer_browser import open_view, wait_ready
from tests.neo4j_backends import Backend
from tests.serving import serve

# Records what the policy refuses, in every document the page opens (init scripts are
# injected by the browser itself, so the policy does not apply to this one).
WATCH = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));"""
INITIATIVE = "INI-CL-001"


@pytest.fixture
def watched(page: Any) -> Any:
    """The page, recording policy violations and console errors; none may happen."""
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.add_init_script(WATCH)
    yield page
    violations = page.evaluate("window.__violations")
    assert violations == []
    assert [m for m in console if "Content Security Policy" in m] == []


def test_every_view_works_under_the_policy(watched: Any) -> None:
    response = watched.goto("/")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-frame-options"] == "DENY"
    wait_ready(watched)
    assert watched.evaluate("window.articulaExplorer.graph.cy.nodes().length") > 0
    # Cytoscape's one inline style (its container's position) is applied: allowed by its hash
    position = watched.evaluate(
        "getComputedStyle(document.querySelector('.__________cytoscape_container')).position")
    assert position == "relative"
    swatch = watched.evaluate("getComputedStyle(document.querySelector('#legend .swatch'))"
                              ".backgroundColor")
    assert swatch not in ("", "rgba(0, 0, 0, 0)")  # legend colours set through the style object
    for route in ("#/gaps?country=PE", f"#/initiative/{INITIATIVE}", "#/map", "#/submit",
                  "#/territory/CO"):
        watched.evaluate("document.body.dataset.state = 'stale'")
        watched.goto(f"/{route}")
        wait_ready(watched)
    wait_until(watched, "document.querySelectorAll('#chart-types g[data-key]').length > 0")


def set_website(driver: neo4j.Driver, value: str | None) -> None:
    driver.execute_query("MATCH (i:Initiative {id: $id}) SET i.website = $website",
                         id=INITIATIVE, website=value)


def test_a_website_that_is_not_http_is_text_not_a_link(watched: Any, driver: neo4j.Driver
                                                       ) -> None:
    # Written straight to the database: loads and mutations refuse it, but a database may
    # hold one from before, or from another tool.
    hostile = "javascript:alert(document.domain)"
    try:
        set_website(driver, hostile)
        open_view(watched, f"#/initiative/{INITIATIVE}")
        shown = watched.locator("#initiative-website")
        assert shown.inner_text() == hostile
        assert shown.locator("a").count() == 0
        assert watched.locator("a[href^='javascript:' i]").count() == 0
        for other in ("JAVASCRIPT:alert(1)", " javascript:alert(1)", "data:text/html,x"):
            set_website(driver, other)
            open_view(watched, "#/territory/CL")
            open_view(watched, f"#/initiative/{INITIATIVE}")
            assert watched.locator("#initiative-website a").count() == 0

        set_website(driver, "https://madera.example.cl/red")
        open_view(watched, "#/territory/CL")
        open_view(watched, f"#/initiative/{INITIATIVE}")
        link = watched.locator("#initiative-website a")
        assert link.get_attribute("href") == "https://madera.example.cl/red"
        assert link.get_attribute("rel") == "noopener noreferrer"
    finally:
        set_website(driver, None)


def test_the_api_key_lives_in_the_tab_only(browser: Any, driver: neo4j.Driver,
                                           neo4j_backend: Backend) -> None:
    settings = neo4j_backend.settings
    key = create_key(driver, settings.neo4j_database, "explorer tab test", "READER")
    try:
        with serve(settings.model_copy(update={"anonymous_read": False})) as closed_url:
            context = browser.new_context(viewport=VIEWPORT, base_url=closed_url)
            page = context.new_page()
            page.goto("/#/territory/CL")
            wait_until(page, "document.body.dataset.state === 'error'")
            page.locator("#notice button").click()
            page.fill("#api-key", key.key)
            page.click("#api-key-dialog button[value=save]")  # saves it and reloads
            wait_ready(page)
            assert page.evaluate("sessionStorage.getItem('articula.apiKey')") == key.key
            assert page.evaluate("localStorage.length") == 0 or page.evaluate(
                "Object.keys(localStorage).every((k) => !localStorage.getItem(k).includes('ak_'))")
            # another tab of the same browser does not have it
            other = context.new_page()
            other.goto("/#/territory/CL")
            wait_until(other, "document.body.dataset.state === 'error'")
            assert other.evaluate("sessionStorage.getItem('articula.apiKey')") is None
            context.close()
    finally:
        driver.execute_query("MATCH (k:ApiKey {id: $id}) DETACH DELETE k", id=key.id,
                             database_=settings.neo4j_database)
