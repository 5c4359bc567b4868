"""The map view in a real browser over the sample: every LAC country drawn, coloured by the
measure chosen with its legend, as `stats.territoryMeasures` (and `rollup` for PageRank)
answers; a click opens the
territory's page; subdivisions of a country; texts in es, en and pt."""

import csv
from typing import Any

import pytest

from tests.explorer.conftest import ROOT, GraphQL, shoot, wait_until
from tests.explorer.test_explorer_browser import open_view, then_ready

MEASURES = """{ stats { territoryMeasures {
  code level initiatives actors ungoverned governanceTies } } }"""
SHAPES = "[...document.querySelectorAll('#map .territories path')]"
VALUES = f"Object.fromEntries({SHAPES}.map((p) => [p.dataset.code, p.dataset.value]))"
FILLS = f"{SHAPES}.map((p) => p.getAttribute('fill'))"
LEGEND = "[...document.querySelectorAll('#map-legend li')].map((li) => li.textContent)"


def lac_countries() -> list[str]:
    with (ROOT / "loaders" / "reference" / "lac_countries.csv").open(encoding="utf-8") as file:
        return sorted(row["code"] for row in csv.DictReader(file))


def measured(values: dict[str, str]) -> dict[str, float]:
    return {code: float(value) for code, value in values.items() if value != ""}


def test_the_map_colours_every_country_by_the_measure_chosen(page: Any, api: GraphQL) -> None:
    rows = api(MEASURES)["stats"]["territoryMeasures"]
    countries = {r["code"]: r for r in rows if r["level"] == "COUNTRY"}
    open_view(page, "#/map")
    assert page.locator("header nav a[aria-current=page]").inner_text() == "Mapa"
    values = page.evaluate(VALUES)
    assert sorted(values) == lac_countries()
    assert measured(values) == {c: r["initiatives"] for c, r in countries.items()}
    circles = page.evaluate("""[...document.querySelectorAll('#map .points circle')]
        .map((c) => [c.dataset.code, Number(c.dataset.initiatives)])""")
    assert dict(circles) == {c: r["initiatives"] for c, r in countries.items()}
    title = page.locator("#map path[data-code=CO] title").text_content()
    assert title == f"Colombia (CO): {countries['CO']['initiatives']}"
    assert page.evaluate(LEGEND)[-1] == "Sin datos"
    fills, legend = page.evaluate(FILLS), page.evaluate(LEGEND)
    assert len(set(fills)) > 2  # several classes, and no-data grey
    shoot(page, "map")

    then_ready(page, lambda: page.select_option("#map-measure", "ungoverned"))
    assert "measure=ungoverned" in page.url
    assert measured(page.evaluate(VALUES)) == pytest.approx(
        {c: r["ungoverned"] / r["initiatives"] for c, r in countries.items() if r["initiatives"]})
    assert page.evaluate(FILLS) != fills
    assert page.evaluate(LEGEND) != legend
    assert page.locator("#map-legend h3").inner_text() == "Iniciativas sin gobernanza (%)"

    ranks = api("""{ rollup(metric: PAGERANK, level: COUNTRY, projection: FULL) {
        territories { code mean } } }""")["rollup"]["territories"]
    then_ready(page, lambda: page.select_option("#map-measure", "pagerank"))
    assert measured(page.evaluate(VALUES)) == pytest.approx({r["code"]: r["mean"] for r in ranks})
    assert page.locator("#map-refusal").count() == 0

    then_ready(page, lambda: page.click("#map path[data-code=CL]"))
    assert page.url.endswith("#/territory/CL")
    assert page.locator("#page h2").inner_text() == "Chile"


def test_a_country_s_subdivisions_in_each_language(page: Any, api: GraphQL) -> None:
    rows = api(MEASURES)["stats"]["territoryMeasures"]
    open_view(page, "#/map?country=CO&measure=actors")
    values = page.evaluate(VALUES)
    assert all(code.startswith("CO-") for code in values)
    assert measured(values) == {r["code"]: r["actors"] for r in rows
                                if r["level"] == "REGION" and r["code"].startswith("CO-")}
    assert page.locator("#map-level").input_value() == "REGION"
    shoot(page, "map-subdivisions")
    texts = {}
    for language in ("en", "pt", "es"):
        then_ready(page, lambda chosen=language: page.select_option("#language", chosen))
        wait_until(page, "document.querySelector('#map')")
        texts[language] = (page.locator("#map-legend h3").inner_text(),
                           page.locator("header nav a[data-view=map]").inner_text(),
                           page.evaluate(LEGEND)[-1])
    assert texts == {"en": ("Actors", "Map", "No data"), "pt": ("Atores", "Mapa", "Sem dados"),
                     "es": ("Actores", "Mapa", "Sin datos")}
    then_ready(page, lambda: page.click("#map path[data-code=CO-ANT]"))
    assert page.url.endswith("#/territory/CO-ANT")
