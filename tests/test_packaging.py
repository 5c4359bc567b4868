"""What users without our machines get: docker-compose.yml, the Dockerfile, the README."""

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import yaml

from service.language import LANGUAGES
from service.local_neo4j import pinned_versions

ROOT = Path(__file__).resolve().parent.parent


def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_the_pinned_neo4j_with_gds() -> None:
    neo4j = compose()["services"]["neo4j"]
    assert neo4j["image"] == f"neo4j:{pinned_versions().neo4j}-community"
    env = neo4j["environment"]
    assert "graph-data-science" in env["NEO4J_PLUGINS"]
    assert env["NEO4J_dbms_security_procedures_unrestricted"] == "gds.*"
    assert any(volume.endswith(":/data") for volume in neo4j["volumes"])
    assert "gds.version()" in " ".join(neo4j["healthcheck"]["test"])


def test_compose_api_waits_for_a_healthy_neo4j_and_connects_to_it() -> None:
    services = compose()["services"]
    api = services["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert (ROOT / api["build"] / "Dockerfile").is_file()
    # Both sides take the password from the same variable.
    assert "${NEO4J_PASSWORD" in services["neo4j"]["environment"]["NEO4J_AUTH"]
    assert "${NEO4J_PASSWORD" in api["environment"]["NEO4J_PASSWORD"]


def test_dockerfile_installs_the_package_with_its_cypher_and_serves_it() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.11" in dockerfile
    for folder in ("service", "loaders", "cypher"):
        assert f"COPY {folder} ./{folder}" in dockerfile
    assert 'CMD ["articula", "serve"]' in dockerfile


def test_readme_names_the_pinned_versions_and_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    versions = pinned_versions()
    assert f"Neo4j {versions.neo4j}" in readme
    assert f"GDS {versions.gds}" in readme
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "make serve" in quick_start and "make test" in quick_start


def test_the_wheel_ships_the_cypher_reference_data_sample_pom_explorer_and_catalogues(
    tmp_path: Path,
) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )
    (wheel,) = tmp_path.glob("articula-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    cypher_files = {f"service/cypher/{p.relative_to(ROOT / 'cypher').as_posix()}"
                    for p in (ROOT / "cypher").rglob("*.cypher")}
    assert cypher_files and cypher_files <= names
    assert {"loaders/reference/isic_rev4.csv", "loaders/reference/lac_countries.csv",
            "loaders/reference/national_sectors.csv", "loaders/reference/national_isic.csv",
            "loaders/sample/initiatives.csv", "service/local_neo4j/pom.xml"} <= names
    assert {f"service/locales/{language}/LC_MESSAGES/articula.po"
            for language in LANGUAGES} <= names
    explorer = {f"service/{p.relative_to(ROOT / 'service').as_posix()}"
                for p in (ROOT / "service" / "static").rglob("*") if p.is_file()}
    assert {"service/static/explorer/index.html",
            "service/static/explorer/vendor/cytoscape.esm.min.js",
            "service/static/explorer/vendor/cytoscape.LICENSE"} <= explorer <= names
