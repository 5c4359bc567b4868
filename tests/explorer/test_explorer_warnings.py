"""The Explorer words the API's warning codes itself: coloured by community, a network whose
Louvain partition is only its connected components says so under the legend, in the page's
language."""

from collections.abc import Iterator
from typing import Any

import neo4j
import networkx as nx
import pytest

from tests.conftest import empty_database
from tests.explorer.conftest import VIEWPORT
from tests.explorer.test_explorer_browser import open_view, then_ready
from tests.neo4j_backends import Backend
from tests.service.analytics.synthetic import write_graph
from tests.serving import serve


@pytest.fixture(scope="module")
def triangles_url(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[str]:
    """Two firms' triangles apart: Louvain's best partition is the two components."""
    database = neo4j_backend.settings.neo4j_database
    empty_database(driver, database)
    write_graph(driver, database, nx.Graph([(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)]),
                "T")
    with serve(neo4j_backend.settings) as url:
        yield url
    empty_database(driver, database)


def test_a_trivial_partition_is_worded_in_the_page_s_language(
        browser: Any, triangles_url: str) -> None:
    context = browser.new_context(viewport=VIEWPORT, base_url=triangles_url, locale="es-CO")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    warnings = page.locator("#graph-warnings")
    open_view(page, "#/network?colour=kind")
    assert warnings.is_hidden()  # coloured by kind: no partition to speak of
    open_view(page, "#/network?colour=community")
    assert warnings.inner_text() == (
        "Louvain no encontró comunidades dentro de los componentes conexos: sus 2 comunidades "
        "son los 2 componentes de la red.")
    assert warnings.locator("p").get_attribute("data-code") == "TRIVIAL_PARTITION"
    then_ready(page, lambda: page.select_option("#language", "pt"))
    assert warnings.inner_text() == (
        "O Louvain não encontrou comunidades dentro dos componentes conexos: suas 2 comunidades "
        "são os 2 componentes da rede.")
    then_ready(page, lambda: page.select_option("#language", "en"))
    assert warnings.inner_text() == (
        "Louvain found no communities inside the connected components: its 2 communities are "
        "the network's 2 components.")
    context.close()
    assert not errors, errors
