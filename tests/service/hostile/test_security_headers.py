"""Security headers on every response of a real server, and an Explorer whose files need
nothing the Content-Security-Policy forbids (no inline script, style or handler)."""

import http.client
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import neo4j
import pytest

from service.security_headers import CONTENT_SECURITY_POLICY, CYTOSCAPE_STYLE
from tests.neo4j_backends import Backend
from tests.serving import serve

STATIC = Path(__file__).resolve().parents[3] / "service" / "static" / "explorer"
EXPECTED = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


@pytest.fixture(scope="module")
def url(sample_db: neo4j.Driver, neo4j_backend: Backend) -> Iterator[str]:
    with serve(neo4j_backend.settings) as base:
        yield base


def headers_of(url: str, method: str = "GET", body: bytes | None = None,
               authorization: str | None = None) -> tuple[int, dict[str, str]]:
    headers = {"Content-Type": "application/json"}
    if authorization:
        headers["Authorization"] = authorization
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


def declared_too_large(url: str) -> tuple[int, dict[str, str]]:
    """A POST that announces a body over the limit (refused before it is sent)."""
    host, port = url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=120)
    try:
        connection.putrequest("POST", "/graphql")
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", "2000000")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}
    finally:
        connection.close()


def test_the_policy_is_strict() -> None:
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"  # no inline script, no eval, no javascript:
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "'unsafe-eval'" not in CONTENT_SECURITY_POLICY
    assert "*" not in CONTENT_SECURITY_POLICY


def test_every_kind_of_response_carries_the_security_headers(url: str) -> None:
    answers = [
        headers_of(url + "/"), headers_of(url + "/explorer/js/main.js"),
        headers_of(url + "/healthz"), headers_of(url + "/readyz"),
        headers_of(url + "/graphql", "POST", b'{"query": "{ about { version } }"}'),
        headers_of(url + "/graphql", "POST", b'{"query": "{ about { version } }"}',
                   "Bearer ak_000000000000.wrong"),  # 401
        headers_of(url + "/export/csv?projection=SUPPLY"),
        headers_of(url + "/export/csv?projection=TREES"),  # 400
        headers_of(url + "/admin/load", "POST", b"{}"),  # 401
        headers_of(url + "/no/such/page"),  # 404
        declared_too_large(url),  # 413
    ]
    assert [status for status, _ in answers] == [200, 200, 200, 200, 200, 401, 200, 400, 401,
                                                 404, 413]
    for status, headers in answers:
        for name, value in EXPECTED.items():
            assert headers.get(name) == value, (status, name, headers)


class _Inline(HTMLParser):
    """Collects what a strict policy would block in an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.blocked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and not found.get("src"):
            self.blocked.append("inline <script>")
        if tag == "style":
            self.blocked.append("<style>")
        for name, value in attrs:
            if name.startswith("on"):
                self.blocked.append(f"{name}= handler on <{tag}>")
            if name == "style":
                self.blocked.append(f"style= on <{tag}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                    "javascript:"):
                self.blocked.append(f"javascript: URL on <{tag}>")


def test_the_explorer_page_has_nothing_inline_the_policy_blocks() -> None:
    parser = _Inline()
    parser.feed((STATIC / "index.html").read_text(encoding="utf-8"))
    assert parser.blocked == []
    for path in sorted((STATIC / "js").glob("*.js")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""style\s*:\s*[`"']""", text), f"{path.name} sets a style attribute"
        assert "innerHTML" not in text and "eval(" not in text, path.name


def test_the_one_inline_style_allowed_is_the_one_cytoscape_inserts() -> None:
    library = (STATIC / "vendor" / "cytoscape.esm.min.js").read_text(encoding="utf-8")
    inserted = re.search(r'textContent="\."\+s\+"([^"]*)"', library)
    container = re.search(r's="(__________cytoscape_container)"', library)
    assert inserted and container, "the vendored Cytoscape.js no longer inserts its style so"
    assert f".{container.group(1)}{inserted.group(1)}" == CYTOSCAPE_STYLE
