"""How the Explorer draws the network: supply links with their direction, community colours
that no edge colour can be mistaken for, labels that do not overlap, and the view saved as a
PNG."""

import itertools
import struct
from pathlib import Path
from typing import Any

from tests.explorer.colours import delta_e, delta_e_lab, over_white, rgb
from tests.explorer.conftest import READY_TIMEOUT_MS, GraphQL, shoot, wait_until
from tests.explorer.test_explorer_browser import open_view

CY = "window.articulaExplorer.graph.cy"
SUPPLY = """query ($id: ID!) { firm(id: $id) {
  suppliers { firm { id } } clients { firm { id } } } }"""
# Far enough apart to be told at a glance (CIEDE2000; 1 is a just noticeable difference).
DISTINCT = 15


def test_the_colour_difference_is_ciede2000() -> None:
    """Sharma, Wu and Dalal's test pairs: the reference the palette is held to."""
    assert round(delta_e_lab((50, 2.6772, -79.7751), (50, 0, -82.7485)), 4) == 2.0425
    assert round(delta_e_lab((50, 2.5, 0), (73, 25, -18)), 4) == 27.1492
    assert round(delta_e_lab((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387)),
                 4) == 1.2644


def test_supply_links_have_arrows_and_say_which_way_they_run(page: Any, api: GraphQL) -> None:
    open_view(page, "#/network?country=CO&size=none")
    edges = page.evaluate(f"""{CY}.edges().map((e) => [e.data('type'), e.source().id(),
        e.target().id(), e.style('target-arrow-shape'), e.style('curve-style')])""")
    supply = [e for e in edges if e[0] == "SUPPLIES"]
    assert supply and len(supply) < len(edges)
    assert all(e[3:] == ["triangle", "bezier"] for e in supply)
    assert all(e[3] == "none" for e in edges if e[0] != "SUPPLIES")
    # a firm that both supplies and is supplied, in the drawn network
    clients = {(s, t) for _, s, t, *_ in supply}
    firm = next(s for s, _ in sorted(clients) if any(t == s for _, t in clients))
    data = api(SUPPLY, {"id": firm})["firm"]
    page.evaluate("(id) => { window.articulaExplorer.graph.onSelect(id); }", firm)
    wait_until(page, "document.querySelector('#panel li.supply')")
    links = page.locator("#panel li.supply")
    found = {(links.nth(i).get_attribute("data-direction"), links.nth(i).inner_text())
             for i in range(links.count())}
    names = dict(page.evaluate(f"{CY}.nodes().map((n) => [n.id(), n.data('name')])"))
    assert found == (
        {("out", f"suministra a {names[c['firm']['id']]}") for c in data["clients"]}
        | {("in", f"recibe suministros de {names[s['firm']['id']]}")
           for s in data["suppliers"]})
    assert "Suministro (proveedor → cliente)" in page.locator("#legend").inner_text()
    # (the functions return nothing: Playwright would copy a Cytoscape object, slowly)
    page.evaluate(f"(id) => {{ {CY}.zoom({{level: 2, position: {CY}.getElementById(id)"
                  f".position()}}); }}", firm)
    shoot(page, "supply-links")


def test_community_colours_are_none_of_the_edge_colours(page: Any, api: GraphQL) -> None:
    open_view(page, "#/network?colour=community&size=none")
    palette, other, edge_colours, opacity = page.evaluate("""import('/explorer/js/graph.js')
        .then((g) => [g.COMMUNITY_COLOURS, g.OTHER_COMMUNITY, Object.values(g.EDGE_COLOURS),
                      g.EDGE_OPACITY])""")
    # the edges as drawn: their colour at their opacity, on the white canvas
    drawn_edges = {rgb(c) for c in page.evaluate(f"{CY}.edges().map((e) => e.style('line-color'))")}
    assert drawn_edges <= {rgb(c) for c in edge_colours}
    edges = {rgb(c) for c in edge_colours} | {over_white(rgb(c), opacity) for c in edge_colours}
    communities = [rgb(c) for c in palette]
    for colour in communities:
        assert min(delta_e(colour, e) for e in edges) >= DISTINCT, colour
        assert delta_e(colour, rgb(other)) >= DISTINCT, colour
    for a, b in itertools.combinations(communities, 2):
        assert delta_e(a, b) >= DISTINCT, (a, b)
    # each node wears its Louvain community's colour (seed 42, as the page asks)
    found = api("""{ communities(algorithm: LOUVAIN, seed: 42, top: 10000) {
        communities { id members { id } } } }""")["communities"]["communities"]
    expected = {m["id"]: (communities[k["id"] - 1] if k["id"] <= len(communities)
                          else rgb(other)) for k in found for m in k["members"]}
    colours = dict(page.evaluate(
        f"{CY}.nodes().map((n) => [n.id(), n.style('background-color')])"))
    assert {n: rgb(c) for n, c in colours.items()} == expected
    shoot(page, "communities")


OVERLAPS = f"""() => {{
  const cy = {CY};
  const box = (n) => n.boundingBox({{includeNodes: false, includeEdges: false,
                                     includeLabels: true, includeOverlays: false}});
  const body = (n) => n.boundingBox({{includeLabels: false, includeOverlays: false}});
  const meet = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  const shown = cy.nodes().filter((n) => n.style('label') !== '');
  const out = {{nodes: cy.nodes().length, labelled: shown.length, labels: [], bodies: []}};
  shown.forEach((a) => {{
    shown.forEach((b) => {{ if (a.id() < b.id() && meet(box(a), box(b)))
      out.labels.push([a.id(), b.id()]); }});
    cy.nodes().forEach((b) => {{ if (a.id() !== b.id() && meet(box(a), body(b)))
      out.bodies.push([a.id(), b.id()]); }});
  }});
  return out;
}}"""


def test_labels_do_not_overlap_on_the_actors_view(page: Any) -> None:
    for route, nodes in (("#/network?projection=ACTORS&cap=36&size=none", 36),
                         ("#/network?projection=ACTORS&country=CO&size=none", 38)):
        open_view(page, route)
        found = page.evaluate(OVERLAPS)
        assert found["nodes"] == nodes
        assert found["labels"] == [], route
        assert found["bodies"] == [], route
        assert found["labelled"] >= nodes - 2, (route, found["labelled"])
        # a node whose label found no free place shows it when chosen
        hidden = page.evaluate(f"{CY}.nodes('.unlabelled').map((n) => n.id())")
        for node in hidden:
            page.evaluate(f"(id) => {{ {CY}.getElementById(id).select(); }}", node)
            assert page.evaluate(f"(id) => {CY}.getElementById(id).style('label')", node)
            page.evaluate(f"(id) => {{ {CY}.getElementById(id).unselect(); }}", node)
        shoot(page, f"actors-{nodes}")


def test_the_view_is_saved_as_a_png_of_what_is_drawn(page: Any) -> None:
    open_view(page, "#/network?projection=SUPPLY&size=none")
    save = page.locator("#save-png")
    assert save.inner_text() == "Guardar PNG"
    size = settled_size(page)  # the panel may still grow a line once the drawing is done
    with page.expect_download(timeout=READY_TIMEOUT_MS) as started:
        save.click()
    download = started.value
    assert download.suggested_filename == "articula-supply.png"
    content = Path(download.path()).read_bytes()
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", content[16:24])  # the IHDR chunk
    assert (width, height) == (2 * size[0], 2 * size[1])


def settled_size(page: Any) -> list[int]:
    """The drawing's size once two readings 200 ms apart agree."""
    last = None
    for _ in range(50):
        size = page.evaluate(f"[{CY}.width(), {CY}.height()]")
        if size == last:
            return list(size)
        last = size
        page.wait_for_timeout(200)
    raise AssertionError(f"the drawing's size kept changing: {last}")
