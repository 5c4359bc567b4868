"""The submission flow in a real browser: an anonymous visitor submits an initiative through
the form, it stays invisible while pending, an EDITOR approves it in the moderation view, and
its page then exists with its members and suggested matches; a new member that is likely a
firm the database holds is offered for linking and approved as that firm."""

from collections.abc import Iterator
from typing import Any

import neo4j
import pytest

from service.access import NewKey, create_key
from tests.explorer.conftest import GraphQL, shoot, wait_until
from tests.neo4j_backends import Backend

NAME = "Red de Tostadores del Huila"
CONTACT = "tostadores@example.co"
TWIN = "Transformadores Andinos SAS"  # the sample's FIRM-CO-002 is "Transformadores Andinos S.A.S."
FOUND = """query ($search: String!) { initiatives(first: 5, filter: {search: $search}) {
  totalCount edges { node { id name participants { actor { id name } role } } } } }"""


@pytest.fixture
def editor(driver: neo4j.Driver, neo4j_backend: Backend) -> Iterator[NewKey]:
    database = neo4j_backend.settings.neo4j_database
    key = create_key(driver, database, "explorer moderation", "EDITOR")
    yield key
    driver.execute_query("MATCH (k:ApiKey {id: $id}) DETACH DELETE k", id=key.id,
                         database_=database)
    driver.execute_query("MATCH (s:Submission) DETACH DELETE s", database_=database)
    driver.execute_query("MATCH (i:Initiative {name: $name}) DETACH DELETE i", name=NAME,
                         database_=database)
    driver.execute_query("MATCH (f:Firm) WHERE f.name IN ['Tostadora Garzón', $twin] "
                         "DETACH DELETE f", twin=TWIN, database_=database)


def ready(page: Any) -> None:
    wait_until(page, "document.body.dataset.state === 'ready'")


def pick(page: Any, scope: str, text: str, result: str) -> None:
    """Type into a search box of the form and choose the result that shows `result`."""
    page.locator(f"{scope} input[type=search]").first.fill(text)
    page.locator(f"{scope} .found button", has_text=result).first.click()


def test_submit_anonymously_then_approve_as_an_editor(page: Any, api: GraphQL,
                                                      editor: NewKey) -> None:
    page.goto("/#/submit")
    ready(page)
    form = "#submit-form"
    page.select_option(f"{form} select[name=type]", "BUSINESS_NETWORK")
    pick(page, "#submit-initiative .finder[data-field=territoryCodes]", "huila", "(CO-HUI)")
    pick(page, "#submit-initiative .finder[data-field=sectorCodes]", "beverage crops", "0127")
    page.fill(f"{form} textarea[name=description]", "Tostadores de café del sur del Huila.")
    page.fill(f"{form} input[name=contact]", CONTACT)
    # the first member: an existing firm, found by its name
    pick(page, ".member .existing", "energia integral", "Energía Integral de Antioquia")
    # a second member: a new firm
    page.click("#add-member")
    new = page.locator(".member").nth(1)
    new.locator("select[name=mode]").select_option("firm")
    new.locator("input[name=name]").fill("Tostadora Garzón")
    new.locator("select[name=size]").select_option("MICRO")
    pick(page, ".member:nth-of-type(2) .new", "huila", "(CO-HUI)")
    # a third: a new firm by name, which the database holds already
    page.click("#add-member")
    twin = page.locator(".member").nth(2)
    twin.locator("select[name=mode]").select_option("firm")
    twin.locator("input[name=name]").fill(TWIN)
    twin.locator("select[name=size]").select_option("MEDIUM")
    pick(page, ".member:nth-of-type(3) .new", "antioquia", "(CO-ANT)")
    # no name: the service's message shows next to the name field, nothing is stored
    page.click(f"{form} button[type=submit]")
    wait_until(page, "document.querySelector('#submit-initiative input[name=name] + .problem')")
    assert "name" in page.locator("#submit-initiative .problem").first.inner_text()
    page.fill("#submit-initiative input[name=name]", NAME)
    page.click(f"{form} button[type=submit]")
    wait_until(page, "document.querySelector('#submit-reference')")
    reference = page.locator("#submit-reference").inner_text()
    assert len(reference) >= 24
    page.locator("#submit-done").scroll_into_view_if_needed()
    shoot(page, "submit")
    # quarantined: no read finds it
    assert api(FOUND, {"search": NAME})["initiatives"]["totalCount"] == 0
    page.click("#submit-status-link")
    wait_until(page, "document.querySelector('#submission-status')")
    ready(page)
    assert page.locator("#submission-status").get_attribute("data-status") == "PENDING"
    assert page.locator("#submission-status").inner_text() == "Pendiente de revisión"

    # an EDITOR approves it in the moderation view
    page.evaluate(f"sessionStorage.setItem('articula.apiKey', '{editor.key}')")
    page.goto("/#/moderation")
    page.reload()
    ready(page)
    card = page.locator(f".submission[data-reference='{reference}']")
    assert card.locator("h3").inner_text() == NAME
    rows = card.locator("table.ties tbody tr")
    assert rows.count() == 3
    assert "Tostadora Garzón" in rows.nth(1).inner_text()
    offered = card.locator(".duplicates label.duplicate")
    assert offered.count() == 1
    assert TWIN in offered.inner_text() and "Transformadores Andinos S.A.S." in offered.inner_text()
    assert offered.locator("input[type=checkbox]").is_checked()  # linked unless unticked
    shoot(page, "moderation")
    card.locator("button.approve").click()
    wait_until(page, "document.querySelector('#moderation-approved a')")
    ready(page)
    assert page.locator(f".submission[data-reference='{reference}']").count() == 0
    page.click("#moderation-approved a")
    wait_until(page, "document.querySelector('#initiative-name')")
    ready(page)
    assert page.locator("#initiative-name").inner_text() == NAME
    members = page.locator("#members tbody tr[data-id]")
    ids = [members.nth(i).get_attribute("data-id") for i in range(members.count())]
    assert len(ids) == 3 and {"FIRM-CO-001", "FIRM-CO-002"} <= set(ids)
    assert page.locator("#initiative-contact a").get_attribute("href") == f"mailto:{CONTACT}"
    assert page.locator("#matches li").count() >= 1
    found = api(FOUND, {"search": NAME})["initiatives"]
    assert found["totalCount"] == 1
    assert sorted(p["actor"]["name"] for p in found["edges"][0]["node"]["participants"]) == [
        "Energía Integral de Antioquia S.A. E.S.P.", "Tostadora Garzón",
        "Transformadores Andinos S.A.S."]
