"""The Explorer in a real browser over the sample dataset: what it draws and shows is what the
API answers for the same scope."""

import re
from collections.abc import Callable
from typing import Any

import neo4j
import pytest

from service.access import create_key
from tests.explorer.conftest import (
    READY_TIMEOUT_MS,
    SCREENSHOTS,
    VIEWPORT,
    GraphQL,
    shoot,
    wait_until,
)
from tests.neo4j_backends import Backend
from tests.serving import serve

NETWORK = """query ($projection: Projection!, $scope: ScopeInput) {
  network(projection: $projection, scope: $scope) { nodeCount edgeCount nodes { id } } }"""
DRAWN_IDS = "window.articulaExplorer.graph.cy.nodes().map((n) => n.id()).sort()"
DRAWN_EDGES = "window.articulaExplorer.graph.cy.edges().length"


def wait_ready(page: Any) -> None:
    wait_until(page, "document.body.dataset.state === 'ready'")


def open_view(page: Any, route: str) -> None:
    page.goto(f"/{route}")
    wait_ready(page)


def then_ready(page: Any, action: Callable[[], object]) -> None:
    """Do something that routes (changes the hash), then wait until the new view is drawn."""
    page.evaluate("document.body.dataset.state = 'stale'")
    action()
    wait_ready(page)


def network(api: GraphQL, scope: dict[str, Any], projection: str = "FULL") -> dict[str, Any]:
    return api(NETWORK, {"projection": projection, "scope": scope})["network"]


def test_the_page_draws_the_sample_network(page: Any, api: GraphQL) -> None:
    expected = network(api, {})
    open_view(page, "")
    assert page.evaluate(DRAWN_IDS) == sorted(n["id"] for n in expected["nodes"])
    assert page.evaluate(DRAWN_EDGES) == expected["edgeCount"]
    assert page.locator("#shown").inner_text() == (
        f"Mostrando {expected['nodeCount']} de {expected['nodeCount']} nodos y "
        f"{expected['edgeCount']} de {expected['edgeCount']} aristas")
    assert page.locator("#widen").is_hidden()
    assert page.locator("header nav a[aria-current=page]").inner_text() == "Red"
    page.fill("#search", "energia sostenible medellin")
    page.click("#search-results button")
    wait_until(page, "document.querySelector('#panel dl')")
    shoot(page, "network")


def test_filters_change_what_is_drawn(page: Any, api: GraphQL) -> None:
    open_view(page, "#/network?size=none")  # uniform sizes: no centrality to wait for
    everything = len(page.evaluate(DRAWN_IDS))

    page.select_option("select[name=country]", "CL")
    then_ready(page, lambda: page.click("#filters button[type=submit]"))
    chile = network(api, {"countries": ["CL"]})
    assert 0 < chile["nodeCount"] < everything
    assert page.evaluate(DRAWN_IDS) == sorted(n["id"] for n in chile["nodes"])
    assert page.evaluate(DRAWN_EDGES) == chile["edgeCount"]

    page.check("input[name=types][value=CLUSTER]")
    page.select_option("select[name=projection]", "ACTORS")
    then_ready(page, lambda: page.click("#filters button[type=submit]"))
    clusters = network(api, {"countries": ["CL"], "initiativeTypes": ["CLUSTER"]}, "ACTORS")
    assert 0 < clusters["nodeCount"] < chile["nodeCount"]
    assert page.evaluate(DRAWN_IDS) == sorted(n["id"] for n in clusters["nodes"])
    assert page.evaluate(DRAWN_EDGES) == clusters["edgeCount"]
    assert "country=CL" in page.url and "types=CLUSTER" in page.url  # the view is shareable

    # A code the service does not know: its message, in the browser's language (es-CO), and
    # nothing drawn changes.
    page.fill("input[name=sector]", "ZZZ")
    page.evaluate("document.body.dataset.state = 'stale'")
    page.click("#filters button[type=submit]")
    wait_until(page, "document.body.dataset.state === 'error'")
    assert "Código de sector desconocido 'ZZZ'" in page.locator("#notice").inner_text()
    assert page.evaluate(DRAWN_EDGES) == clusters["edgeCount"]


def test_the_cap_draws_the_most_central_nodes_pins_chosen_ones_and_widens(
        page: Any, api: GraphQL) -> None:
    total = network(api, {})["nodeCount"]
    ranking = api("""query ($top: Int!) { centrality(metric: DEGREE, projection: FULL, top: $top) {
        items { id name } } }""", {"top": total})["centrality"]["items"]
    open_view(page, "#/network?cap=40")
    drawn = page.evaluate(DRAWN_IDS)
    assert len(drawn) == 40
    assert set(drawn) == {i["id"] for i in ranking[:40]}
    assert page.locator("#shown").inner_text().startswith(f"Mostrando 40 de {total} nodos")
    # A search finds nodes past the cap too; choosing one draws it and opens its profile.
    last = ranking[-1]
    page.fill("#search", last["name"])
    page.locator("#search-results button").first.click()
    wait_until(page, "document.querySelector('#panel dl')")
    assert page.locator("#panel-title").inner_text() == last["name"]
    assert sorted(page.evaluate(DRAWN_IDS)) == sorted([*drawn, last["id"]])
    then_ready(page, lambda: page.click("#widen"))
    widened = page.evaluate(DRAWN_IDS)
    assert set(widened) == {i["id"] for i in ranking[:80]} | {last["id"]}  # still pinned
    assert "cap=80" in page.url


def test_clicking_a_node_opens_its_profile(page: Any, api: GraphQL) -> None:
    firm_id = "FIRM-CL-001"
    firm = api("""query ($id: ID!) {
        firm(id: $id) { name initiatives { initiative { name } } } }""", {"id": firm_id})["firm"]
    open_view(page, "#/network?country=CL")
    # Centre the node and zoom in, so that no neighbour lies under the pointer.
    x, y = page.evaluate("""(id) => {
        const cy = window.articulaExplorer.graph.cy;
        const node = cy.getElementById(id);
        cy.zoom(2); cy.center(node);
        const box = cy.container().getBoundingClientRect();
        const at = node.renderedPosition();
        return [box.left + at.x, box.top + at.y];
    }""", firm_id)
    page.mouse.click(x, y)
    title = page.locator("#panel-title")
    title.wait_for(timeout=READY_TIMEOUT_MS)
    wait_until(page, "document.querySelector('#panel dl')")
    assert title.inner_text() == firm["name"]
    panel = page.locator("#panel").inner_text()
    for edge in firm["initiatives"]:
        assert edge["initiative"]["name"] in panel
    degree = page.evaluate("(id) => window.articulaExplorer.graph.cy.getElementById(id).degree()",
                           firm_id)
    assert page.locator("#panel ul.links li").count() == degree
    assert page.evaluate("window.articulaExplorer.graph.cy.nodes(':selected').map((n) => n.id())"
                         ) == [firm_id]
    shoot(page, "network-profile")

    # The same by keyboard: search, Tab to the result, Enter; Escape closes the panel.
    page.keyboard.press("Escape")
    assert page.locator("#panel").is_hidden()
    page.fill("#search", "cordillera nahuelbuta")
    page.focus("#search")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    wait_until(page, "document.querySelector('#panel dl')")
    assert title.inner_text() == firm["name"]


def test_choosing_a_gap_highlights_exactly_its_nodes(page: Any, api: GraphQL) -> None:
    findings = api("""{ coordinationGaps(scope: {countries: ["PE"]}) {
        kind nodes { id kind } } }""")["coordinationGaps"]
    open_view(page, "#/gaps?country=PE")
    buttons = page.locator("#gap-list button")
    assert buttons.count() == len(findings)
    chosen = max(range(len(findings)), key=lambda i: len(findings[i]["nodes"]))
    gap = findings[chosen]
    assert len(gap["nodes"]) > 1
    buttons.nth(chosen).click()
    highlighted = page.evaluate(
        "window.articulaExplorer.graph.cy.nodes('.highlighted').map((n) => n.id()).sort()")
    assert highlighted == sorted(n["id"] for n in gap["nodes"] if n["kind"] != "Territory")
    faded = page.evaluate("window.articulaExplorer.graph.cy.nodes('.faded').length")
    assert faded == len(page.evaluate(DRAWN_IDS)) - len(highlighted)
    assert buttons.nth(chosen).get_attribute("aria-pressed") == "true"
    shoot(page, "gaps")
    # Choosing it again clears the highlight.
    buttons.nth(chosen).click()
    assert page.evaluate("window.articulaExplorer.graph.cy.nodes('.highlighted').length") == 0


HELICES = ["GOVERNMENT", "ACADEMIA", "BUSINESS", "CIVIL_SOCIETY", "OTHER"]
LEVELS = ["SUPRANATIONAL", "NATIONAL", "SUBNATIONAL", "LOCAL", None]


def helix(actor: dict[str, Any]) -> str:
    """The helix the HELIX gap counts an actor in (docs/gaps.md), "OTHER" for the rest."""
    kind = "FIRM" if actor["__typename"] == "Firm" else actor["kind"]
    if kind in ("FIRM", "BUSINESS_ASSOCIATION"):
        return "BUSINESS"
    return kind if kind in HELICES else "OTHER"


def grouped(page: Any, table: str) -> list[tuple[str, list[str]]]:
    """(group, row ids) of each group of a grouped table, in the page's order."""
    return [(group, ids) for group, ids in page.evaluate(
        f"""[...document.querySelectorAll('#{table} tbody')].map((b) => [b.dataset.group,
            [...b.querySelectorAll('tr[data-id]')].map((r) => r.dataset.id)])""")]


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_the_initiative_page_shows_members_governance_support_gaps_and_matches(
        page: Any, api: GraphQL, base_url: str) -> None:
    data = api("""{ initiative(id: "INI-CL-001") { name
        participants { actor { __typename id ... on Institution { kind } } }
        governance { institution { id name level } } supportedBy { program { name } } }
        matchmaking(id: "INI-CL-001", k: 5) { matches { suggestion { name } } }
        coordinationGaps(kinds: [UNGOVERNED, VERTICAL, HELIX, OVERLAP, FRAGMENTED_SUPPORT],
                         scope: {countries: ["CL"]}) { kind nodes { id } } }""")
    initiative = data["initiative"]
    # the address to share opens the initiative's view, titled with its name
    page.goto("/initiative/INI-CL-001")
    wait_ready(page)
    assert page.evaluate("location.pathname + location.hash") == "/#/initiative/INI-CL-001"
    assert page.title() == f"{initiative['name']} · Articula"
    assert page.locator("#initiative-share a").get_attribute("href") == (
        f"{base_url}/initiative/INI-CL-001")
    assert page.locator("#initiative-name").inner_text() == initiative["name"]
    # members by helix, governance by level, in the helices' and levels' order
    actors = [p["actor"] for p in initiative["participants"]]
    assert [(g, sorted(ids)) for g, ids in grouped(page, "members")] == [
        (h, sorted(a["id"] for a in actors if helix(a) == h)) for h in HELICES
        if any(helix(a) == h for a in actors)]
    seats = [g["institution"] for g in initiative["governance"]]
    assert [g for g, _ in grouped(page, "governance")] == [
        level or "none" for level in LEVELS if any(s["level"] == level for s in seats)]
    assert sorted(i for _, ids in grouped(page, "governance") for i in ids) == sorted(
        s["id"] for s in seats)
    # its own network: the initiative, its governors and its participants
    drawn = page.evaluate("[...document.querySelectorAll('#initiative-network [data-id]')]"
                          ".map((g) => g.dataset.id).sort()")
    assert drawn == sorted({"INI-CL-001", *(a["id"] for a in actors), *(s["id"] for s in seats)})
    support = page.locator("#support").inner_text()
    assert all(s["program"]["name"] in support for s in initiative["supportedBy"])
    matches = page.locator("#matches li")
    assert [matches.nth(i).locator("a").inner_text() for i in range(matches.count())] == [
        m["suggestion"]["name"] for m in data["matchmaking"]["matches"]]
    # its gaps: the findings of its countries that name it
    wait_until(page, "document.querySelectorAll('#metrics tbody tr').length === 3 && "
                     "!!document.querySelector('#initiative-gaps ul, #no-gaps')")
    own = [g["kind"] for g in data["coordinationGaps"]
           if any(n["id"] == "INI-CL-001" for n in g["nodes"])]
    assert own, "the sample's INI-CL-001 has coordination gaps"
    assert page.evaluate("[...document.querySelectorAll('#initiative-gaps li')]"
                         ".map((li) => li.dataset.kind)") == own
    shoot(page, "initiative")
    # printed, the profile fits one page
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and pdf_pages(pdf) == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "initiative-profile.pdf").write_bytes(pdf)
    page.emulate_media(media="print")
    shoot(page, "initiative-print")


def test_the_territory_view_matches_stats(page: Any, api: GraphQL) -> None:
    rows = api("""{ stats(scope: {territories: ["CO"]}) {
        byTerritory { code level initiatives firms institutions } } }""")["stats"]["byTerritory"]
    colombia = next(r for r in rows if r["code"] == "CO")
    open_view(page, "#/territory/CO")

    def bars(chart: str) -> dict[str, int]:
        return dict(page.evaluate(f"""[...document.querySelectorAll('#{chart} g[data-key]')]
            .map((g) => [g.dataset.key, Number(g.dataset.value)])"""))

    types = bars("chart-types")
    kinds = bars("chart-kinds")
    assert sum(types.values()) == colombia["initiatives"]
    assert kinds["FIRM"] == colombia["firms"]
    assert sum(v for k, v in kinds.items() if k != "FIRM") == colombia["institutions"]
    cards = {key: int(page.locator(f"[data-total={key}] strong").inner_text())
             for key in ("initiatives", "firms", "institutions")}
    assert cards == {k: colombia[k] for k in cards}
    table = page.locator("#territory-table tbody tr")
    assert sorted(table.nth(i).get_attribute("data-code") for i in range(table.count())) == sorted(
        r["code"] for r in rows if r["level"] == "REGION")
    shoot(page, "territory")

    then_ready(page, lambda: page.select_option("#territory-region", "CO-ANT"))
    antioquia = next(r for r in rows if r["code"] == "CO-ANT")
    assert sum(bars("chart-types").values()) == antioquia["initiatives"]
    assert bars("chart-kinds")["FIRM"] == antioquia["firms"]


def test_the_language_switch_changes_the_texts_and_is_remembered(page: Any) -> None:
    open_view(page, "#/territory/PE")
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.locator("#chart-types h3").inner_text() == "Iniciativas por tipo"
    then_ready(page, lambda: page.select_option("#language", "en"))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#chart-types h3").inner_text() == "Initiatives by type"
    assert page.locator("header nav a").all_inner_texts() == [
        "Network", "Gaps", "Territories", "Map", "Submit", "Moderation"]
    page.reload()
    wait_ready(page)
    assert page.locator("#chart-types h3").inner_text() == "Initiatives by type"
    # Every dictionary holds the same keys, so no text falls back to another language.
    es, en, pt = page.evaluate("""import('/explorer/js/i18n.js').then(({dictionaries}) =>
        ['es', 'en', 'pt'].map((l) => Object.keys(dictionaries[l]).sort()))""")
    assert es == en == pt


def test_without_anonymous_reading_the_page_asks_for_a_key_and_uses_it(
        browser: Any, driver: neo4j.Driver, neo4j_backend: Backend, api: GraphQL) -> None:
    chile = api("""{ stats(scope: {territories: ["CL"]}) { byTerritory { code initiatives } } }""")
    initiatives = next(r["initiatives"] for r in chile["stats"]["byTerritory"] if r["code"] == "CL")
    settings = neo4j_backend.settings
    key = create_key(driver, settings.neo4j_database, "explorer browser test", "READER")
    try:
        with serve(settings.model_copy(update={"anonymous_read": False})) as closed_url:
            context = browser.new_context(viewport=VIEWPORT, base_url=closed_url, locale="es-CO")
            page = context.new_page()
            page.goto("/#/territory/CL")
            wait_until(page, "document.body.dataset.state === 'error'")
            notice = page.locator("#notice")
            assert notice.inner_text().startswith("Este servicio pide una clave API")
            notice.locator("button").click()
            page.fill("#api-key", key.key)
            page.click("#api-key-dialog button[value=save]")  # saves it and reloads
            wait_ready(page)
            assert notice.is_hidden()
            shown = page.locator("[data-total=initiatives] strong").inner_text()
            assert shown == str(initiatives)
            context.close()
    finally:
        driver.execute_query("MATCH (k:ApiKey {id: $id}) DETACH DELETE k", id=key.id,
                             database_=settings.neo4j_database)


def test_a_network_past_the_edge_limit_opens_as_an_overview_not_an_error(
        browser: Any, neo4j_backend: Backend, api: GraphQL) -> None:
    whole = network(api, {})
    limit = whole["edgeCount"] - 1  # the whole network is refused; its 80 most connected fit
    top = """query ($top: Int!) { network(top: $top) {
        nodeCount edgeCount scopeNodeCount nodes { id } } }"""
    with serve(neo4j_backend.settings.model_copy(update={"max_network_edges": limit})) as url:
        context = browser.new_context(viewport=VIEWPORT, base_url=url, locale="en-GB")
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.add_init_script("localStorage.setItem('articula.language', 'en')")
        open_view(page, "#/network?cap=40")
        expected = api(top, {"top": 40})["network"]  # the overview the page asks for
        assert page.evaluate(DRAWN_IDS) == sorted(n["id"] for n in expected["nodes"])
        assert page.locator("#notice").is_hidden()
        shown = page.locator("#shown").inner_text()
        assert shown.startswith(f"Overview: the 40 most connected of {whole['nodeCount']} nodes")
        assert f"more than {limit:,} edges" in shown  # the refusal, naming the limit
        assert page.locator("#widen").is_visible()
        then_ready(page, lambda: page.click("#widen"))
        assert "cap=80" in page.url
        assert len(page.evaluate(DRAWN_IDS)) == min(80, whole["nodeCount"])
        context.close()
        assert not errors, errors


EVOLUTION = """query ($projection: Projection!, $scope: ScopeInput) {
  evolution(projection: $projection, scope: $scope) { years { year nodes edges modularity } } }"""
TIMELINE_READY = "document.getElementById('timeline').dataset.state === 'ready'"
SERIES = ("[...document.querySelectorAll('#timeline-chart [data-series={}] circle')]"
          ".map((c) => [Number(c.dataset.year), Number(c.dataset.value)])")
MARKED = ("[...document.querySelectorAll('#timeline-chart circle.marked')]"
          ".map((c) => c.dataset.year)")


def test_the_timeline_shows_the_series_and_the_year_slider_draws_a_year(
        page: Any, api: GraphQL) -> None:
    scope = {"countries": ["CO"]}
    series = api(EVOLUTION, {"projection": "ACTORS", "scope": scope})["evolution"]["years"]
    open_view(page, "#/network?country=CO&projection=ACTORS&size=none")
    assert page.evaluate("document.getElementById('timeline').dataset.state") == "none"
    page.click("#timeline-show")  # a Louvain run per year: only when asked for
    wait_until(page, TIMELINE_READY)
    for key in ("nodes", "edges", "modularity"):
        assert page.evaluate(SERIES.format(key)) \
            == [[y["year"], pytest.approx(y[key])] for y in series], key
    assert page.locator("#year-shown").inner_text() == "todos"
    early, later = series[len(series) // 3]["year"], series[2 * len(series) // 3]["year"]

    then_ready(page, lambda: page.evaluate(
        "(() => { const s = document.querySelector('input[name=year]');"
        f" s.value = '{early}'; s.dispatchEvent(new Event('change')); }})()"))
    assert page.url.endswith(f"year={early}")
    wait_until(page, TIMELINE_READY)
    expected = network(api, {**scope, "year": early}, "ACTORS")
    assert page.evaluate(DRAWN_IDS) == sorted(n["id"] for n in expected["nodes"])
    assert page.evaluate(MARKED) == [str(early)] * 3
    assert page.locator("#year-shown").inner_text() == str(early)

    then_ready(page, lambda: page.click(
        f"#timeline-chart [data-series=edges] circle[data-year='{later}']"))
    wait_until(page, TIMELINE_READY)
    expected = network(api, {**scope, "year": later}, "ACTORS")
    assert page.evaluate(DRAWN_IDS) == sorted(n["id"] for n in expected["nodes"])
    assert page.evaluate(DRAWN_EDGES) == expected["edgeCount"]
    assert page.evaluate("document.querySelector('input[name=year]').value") == str(later)
    shoot(page, "timeline")

    then_ready(page, lambda: page.click("#all-years"))
    assert "year=" not in page.url
    expected = network(api, scope, "ACTORS")
    assert page.evaluate(DRAWN_IDS) == sorted(n["id"] for n in expected["nodes"])
