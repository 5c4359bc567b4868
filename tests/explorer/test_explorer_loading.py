"""The Explorer's banner while a large load is under way: it shows the load's progress as the
API reports it, in both languages, and goes away by itself once the service has rolled the
dead load back."""

import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

from loaders.load import load
from loaders.writer import pending_loads
from tests.explorer.conftest import READY_TIMEOUT_MS, shoot, wait_until
from tests.loaders.datasets import small_network, write_csv_folder
from tests.neo4j_backends import Backend
from tests.service.hostile.test_half_loaded import CHECK_S, WITHIN_S, paused_loader
from tests.serving import serve

# The view has its answers (an error is an answer too: the banner follows every answer).
ANSWERED = "['ready', 'error'].includes(document.body.dataset.state)"


@pytest.fixture
def base_url(reference_db: neo4j.Driver, neo4j_backend: Backend, tmp_path: Path) -> Iterator[str]:
    """The app over the small network, looking for lapsed leases every CHECK_S seconds."""
    load(write_csv_folder(small_network(), tmp_path / "v1"), reference_db,
         neo4j_backend.settings.neo4j_database, progress=False)
    with serve(neo4j_backend.settings.model_copy(update={"load_lease_check_s": CHECK_S})) as url:
        yield url


def test_a_banner_shows_a_load_under_way_until_it_is_rolled_back(
    page: Any, base_url: str, reference_db: neo4j.Driver, neo4j_backend: Backend,
    tmp_path: Path,
) -> None:
    banner = page.locator("#data-state")
    page.goto("/#/territory")
    wait_until(page, ANSWERED)
    assert banner.is_hidden()

    loader = paused_loader(neo4j_backend, tmp_path)
    try:
        [pending] = pending_loads(reference_db, neo4j_backend.settings.neo4j_database)
        rows = str(pending["rowsTotal"])  # under 1,000: no digit grouping in either language
        assert pending["rowsTotal"] < 1000
        page.select_option("#language", "en")  # the view asks the API again
        banner.wait_for(state="visible", timeout=READY_TIMEOUT_MS)
        assert banner.inner_text() == (
            f"A data load is under way (interrupted): {rows} of {rows} rows written. "
            "Until it ends, what you see holds only the part written so far and may change.")
        assert banner.get_attribute("role") == "status"
        shoot(page, "loading")
        page.select_option("#language", "es")  # back to Spanish: the banner follows
        assert banner.inner_text() == (
            f"Hay una carga de datos en curso (interrupted): {rows} de {rows} filas escritas. "
            "Hasta que termine, lo que se ve incluye solo la parte ya escrita y puede cambiar.")
    finally:
        loader.send_signal(signal.SIGKILL)
        loader.communicate()
    # Nothing to do in the page: it asks again while the banner shows.
    banner.wait_for(state="hidden", timeout=WITHIN_S * 1000)
