"""The Explorer's files: served at / from the package, offline (no URL outside the service),
and the vendored Cytoscape.js is the version the lockfile pins."""

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "service" / "static" / "explorer"
VENDOR = STATIC / "vendor"


def app_client() -> TestClient:
    """The app without its lifespan: static files need no database."""
    return TestClient(create_app(Settings(NEO4J_URI="bolt://127.0.0.1:1")))


def locked_version(package: str) -> str:
    lock = json.loads((ROOT / "explorer" / "package-lock.json").read_text())
    return str(lock["packages"][f"node_modules/{package}"]["version"])


def test_the_vendored_cytoscape_is_the_locked_version_with_its_licence() -> None:
    version = locked_version("cytoscape")
    manifest = json.loads((ROOT / "explorer" / "package.json").read_text())
    assert manifest["dependencies"]["cytoscape"] == version  # pinned, not a range
    built = (VENDOR / "cytoscape.esm.min.js").read_text(encoding="utf-8")
    assert built.startswith(f"/*! cytoscape {version} (npm, MIT licence: cytoscape.LICENSE) */\n")
    assert f'.version="{version}"' in built  # the library's own version string
    assert "The Cytoscape Consortium" in (VENDOR / "cytoscape.LICENSE").read_text()


def test_the_page_is_served_at_the_root_with_its_files() -> None:
    """GraphQL itself is at /graphql: tests/service/test_app.py checks it over the database."""
    client = app_client()
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="explorer/js/main.js">' in page.text
    script = client.get("/explorer/vendor/cytoscape.esm.min.js")
    assert script.status_code == 200
    assert "javascript" in script.headers["content-type"]
    assert client.get("/explorer/js/main.js").status_code == 200


def test_the_page_loads_nothing_from_outside_the_service() -> None:
    sources = [STATIC / "index.html", STATIC / "explorer.css",
               *sorted((STATIC / "js").glob("*.js"))]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']https?:""", text), path
        assert not re.search(r"""(from|import\()\s*["']https?:""", text), path
        assert "@import" not in text, path


def test_every_module_the_page_imports_exists() -> None:
    for path in sorted((STATIC / "js").glob("*.js")):
        for target in re.findall(r"""from\s+["'](\.[^"']+)["']""", path.read_text()):
            assert (path.parent / target).resolve().is_file(), f"{path.name} imports {target}"


def test_the_readme_shows_a_screenshot_of_each_view() -> None:
    section = (ROOT / "README.md").read_text().split("\n## Explorer\n", 1)[1].split("\n## ", 1)[0]
    for view in ("network", "gaps", "initiative", "territory", "map"):
        assert f"(docs/screenshots/{view}.png)" in section
        assert (ROOT / "docs" / "screenshots" / f"{view}.png").read_bytes().startswith(b"\x89PNG")
