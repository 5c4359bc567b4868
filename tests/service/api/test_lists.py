"""Connections: every filter, every order, cursors, counts and the errors they refuse with."""

import csv
from collections import Counter
from typing import Any

import pytest

from loaders.reference_data import REFERENCE
from service.api.pagination import encode_cursor
from tests.service.api.conftest import (
    GraphQL,
    codes,
    integer,
    isic,
    national_sectors,
    ordered,
    sample,
    sector_line,
    territory_line,
)

ALL = 500


FILTERS = {"initiatives": "InitiativeFilter", "firms": "FirmFilter",
           "institutions": "InstitutionFilter", "actors": "ActorFilter",
           "programs": "ProgramFilter", "territories": "TerritoryFilter", "sectors": "SectorFilter"}
ORDERS = {"initiatives": "InitiativeOrder", "firms": "ActorOrder", "institutions": "ActorOrder",
          "actors": "ActorOrder", "programs": "ProgramOrder"}


def ids(gql: GraphQL, field: str, arguments: str = "", variables: dict[str, Any] | None = None,
        key: str = "id") -> list[str]:
    """The keys a list answers with, in order, on one page of 500 (unless told)."""
    types = {"filter": FILTERS.get(field), "order": ORDERS.get(field), "s": "String"}
    declared = "".join(f", ${name}: {types[name]}" for name in variables or {})
    data = gql(f"query($first: Int = {ALL}{declared}) {{ {field}(first: $first {arguments}) {{ "
               f"totalCount edges {{ node {{ {key} }} }} }} }}", variables)
    connection = data[field]
    found = [edge["node"][key] for edge in connection["edges"]]
    assert connection["totalCount"] == len(found)
    return found


def by_name(rows: list[dict[str, Any]]) -> list[str]:
    return ordered(rows, lambda r: r["name"])


def in_territories(cells: list[str], wanted: set[str]) -> bool:
    return any(territory_line(code) & wanted for code in cells)


def in_sectors(cells: list[str], wanted: set[str]) -> bool:
    return any(sector_line(code) & wanted for code in cells)


def active(row: dict[str, str], year: int) -> bool:
    start, end = integer(row["start_year"]), integer(row["end_year"])
    return (start is None or start <= year) and (end is None or year <= end)


def both_orders(gql: GraphQL, field: str, filter_: dict[str, Any], rows: list[dict[str, Any]]
                ) -> None:
    """The filter gives `rows` in the default order (name, read off the index) and by id
    descending (the general statement), so both statements' filters are checked."""
    assert rows  # every case keeps something
    assert ids(gql, field, ", filter: $filter", {"filter": filter_}) == by_name(rows)
    found = ids(gql, field, ", filter: $filter, orderBy: $order",
                {"filter": filter_, "order": {"field": "ID", "direction": "DESC"}})
    assert found == sorted((r["id"] for r in rows), reverse=True)


INITIATIVES = sample("initiatives")
FIRMS = sample("firms")
INSTITUTIONS = sample("institutions")
PROGRAMS = sample("programs")


# -- initiatives ------------------------------------------------------------------------------

def test_initiatives_default_to_name_order(gql: GraphQL) -> None:
    assert ids(gql, "initiatives") == by_name(INITIATIVES)
    assert len(INITIATIVES) == 15


@pytest.mark.parametrize("filter_, keep", [
    ({"types": ["CLUSTER"]}, lambda r: r["type"] == "CLUSTER"),
    ({"types": ["VALUE_CHAIN", "LOCAL_PRODUCTIVE"]},
     lambda r: r["type"] in {"VALUE_CHAIN", "LOCAL_PRODUCTIVE"}),
    ({"statuses": ["ACTIVE"]}, lambda r: r["status"] == "ACTIVE"),
    ({"statuses": ["PLANNED", "SUSPENDED"]}, lambda r: r["status"] in {"PLANNED", "SUSPENDED"}),
    ({"countries": ["MX"]}, lambda r: in_territories(codes(r["territory_codes"]), {"MX"})),
    ({"countries": ["CL", "PE"]},
     lambda r: in_territories(codes(r["territory_codes"]), {"CL", "PE"})),
    ({"territories": ["CO-ANT"]},
     lambda r: in_territories(codes(r["territory_codes"]), {"CO-ANT"})),
    ({"territories": ["CO-ANT-05364"]},
     lambda r: in_territories(codes(r["territory_codes"]), {"CO-ANT-05364"})),
    ({"sectors": ["C"]}, lambda r: in_sectors(codes(r["sector_codes"]), {"C"})),
    ({"sectors": ["16"]}, lambda r: in_sectors(codes(r["sector_codes"]), {"16"})),
    ({"sectors": ["56", "0122"]}, lambda r: in_sectors(codes(r["sector_codes"]), {"56", "0122"})),
    ({"year": 2018}, lambda r: active(r, 2018)),
    ({"year": 2027}, lambda r: active(r, 2027)),
    ({"types": ["CLUSTER"], "countries": ["CO", "MX"], "year": 2026},
     lambda r: r["type"] == "CLUSTER" and active(r, 2026)
     and in_territories(codes(r["territory_codes"]), {"CO", "MX"})),
])
def test_initiative_filters(gql: GraphQL, filter_: dict[str, Any], keep: Any) -> None:
    both_orders(gql, "initiatives", filter_, [r for r in INITIATIVES if keep(r)])


def test_known_sample_facts_hold_in_the_filters(gql: GraphQL) -> None:
    def ask(filter_: dict[str, Any]) -> list[str]:
        return ids(gql, "initiatives", ", filter: $filter", {"filter": filter_})

    assert ask({"statuses": ["PLANNED"]}) == ["INI-PE-003"]
    assert ask({"statuses": ["CONCLUDED"]}) == ["INI-CL-003"]
    assert len(ask({"countries": ["CO"]})) == 5
    forest = ask({"territories": ["CL-BI"], "sectors": ["16"]})
    assert sorted(forest) == ["INI-CL-001", "INI-CL-002"]


def initiative_keys() -> dict[str, Any]:
    participants = Counter(r["initiative_id"] for r in sample("participations"))
    return {
        "NAME": lambda r: r["name"], "ID": lambda r: r["id"],
        "START_YEAR": lambda r: integer(r["start_year"]),
        "END_YEAR": lambda r: integer(r["end_year"]),
        "PARTICIPANT_COUNT": lambda r: participants[r["id"]],
    }


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
@pytest.mark.parametrize("field", ["NAME", "ID", "START_YEAR", "END_YEAR", "PARTICIPANT_COUNT"])
def test_initiative_orders(gql: GraphQL, field: str, direction: str) -> None:
    key = initiative_keys()[field]
    found = ids(gql, "initiatives", ", orderBy: $order",
                {"order": {"field": field, "direction": direction}})
    assert found == ordered(INITIATIVES, key, descending=direction == "DESC")


def test_paging_with_first_2_yields_every_initiative_once_in_order(gql: GraphQL) -> None:
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        data = gql("""query($after: String) { initiatives(first: 2, after: $after) {
          edges { cursor node { id } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        } }""", {"after": after})["initiatives"]
        edges, info = data["edges"], data["pageInfo"]
        assert info["hasPreviousPage"] == (pages > 0)
        assert info["startCursor"] == edges[0]["cursor"]
        assert info["endCursor"] == edges[-1]["cursor"]
        seen += [edge["node"]["id"] for edge in edges]
        pages += 1
        if not info["hasNextPage"]:
            break
        after = info["endCursor"]
    assert seen == by_name(INITIATIVES)
    assert pages == 8  # 15 initiatives, two a page


def test_paging_a_descending_aggregate_order(gql: GraphQL) -> None:
    participants = Counter(r["initiative_id"] for r in sample("participations"))
    seen: list[str] = []
    after = None
    while True:
        data = gql("""query($after: String) {
          initiatives(first: 4, after: $after, orderBy: {field: PARTICIPANT_COUNT, direction: DESC})
          { edges { node { id } } pageInfo { hasNextPage endCursor } } }""",
                   {"after": after})["initiatives"]
        seen += [edge["node"]["id"] for edge in data["edges"]]
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
    assert seen == ordered(INITIATIVES, lambda r: participants[r["id"]], descending=True)


def test_an_empty_page_and_a_page_past_the_end(gql: GraphQL) -> None:
    data = gql("""query($after: String) {
      none: initiatives(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } }
      past: initiatives(first: 5, after: $after) { edges { cursor } pageInfo {
        hasNextPage hasPreviousPage startCursor } }
    }""", {"after": encode_cursor(40)})
    assert data["none"] == {"totalCount": 15, "edges": [],
                            "pageInfo": {"hasNextPage": True, "endCursor": None}}
    assert data["past"] == {"edges": [], "pageInfo": {
        "hasNextPage": False, "hasPreviousPage": True, "startCursor": None}}


# -- search -------------------------------------------------------------------------------------

def test_search_ignores_case_and_accents(gql: GraphQL) -> None:
    expected = by_name([r for r in INITIATIVES if "Medellín" in r["name"]])
    assert expected == ["INI-CO-001"]
    for text in ("Medellin", "medellín", "MEDELLIN"):
        found = ids(gql, "initiatives", ", filter: $filter", {"filter": {"search": text}})
        assert found == expected


def test_search_wants_every_word(gql: GraphQL) -> None:
    both = ids(gql, "initiatives", ", filter: $filter", {"filter": {"search": "cluster turismo"}})
    assert both == ["INI-PE-003"]
    found = ids(gql, "initiatives", ", filter: {search: $s, countries: [\"CO\"]}, "
                "orderBy: {field: NAME}", {"s": "clúster"})
    assert found == by_name([r for r in INITIATIVES if r["name"].startswith("Clúster")
                             and r["id"].startswith("INI-CO")])


def test_search_treats_lucene_syntax_as_text(gql: GraphQL) -> None:
    awkward = ('Medellín)', "energía AND", "\"moda", "NOT cafés*", "a:b [x TO y] \\", "-", "&& ||")
    for text in awkward:
        gql("query($s: String) { initiatives(filter: {search: $s}) { totalCount } }", {"s": text})


def test_search_in_every_list(gql: GraphQL) -> None:
    assert ids(gql, "firms", ", filter: {search: \"energia integral\"}") == ["FIRM-CO-001"]
    assert ids(gql, "institutions", ", filter: {search: \"EAFIT\"}") == ["INST-CO-EAFIT"]
    assert "INST-CO-EAFIT" in ids(gql, "actors", ", filter: {search: \"universidad\"}")
    assert ids(gql, "programs", ", filter: {search: $s}", {"s": "cafes especiales"}) == [
        r["id"] for r in PROGRAMS if "Cafés Especiales" in r["name"]
    ]
    # the sample's Medellín, and the reference municipalities of Antioquia and Veracruz
    assert ids(gql, "territories", ", filter: {search: \"medellin\"}", key="code") == [
        "CO-ANT-05001", "CO:05001", "MX:30105"
    ]
    assert "1071" in ids(gql, "sectors", ", filter: {search: \"bakery\"}", key="code")


# -- firms, institutions, actors, programmes ---------------------------------------------------

def firm_sectors(row: dict[str, str]) -> list[str]:
    return codes(row["sector_codes"])


@pytest.mark.parametrize("filter_, keep", [
    ({"sizes": ["LARGE"]}, lambda r: r["size"] == "LARGE"),
    ({"sizes": ["MICRO", "SMALL"]}, lambda r: r["size"] in {"MICRO", "SMALL"}),
    ({"countries": ["CL"]}, lambda r: in_territories([r["territory_code"]], {"CL"})),
    ({"territories": ["MX-NLE"]}, lambda r: in_territories([r["territory_code"]], {"MX-NLE"})),
    ({"sectors": ["C"]}, lambda r: in_sectors(firm_sectors(r), {"C"})),
    ({"sectors": ["01"]}, lambda r: in_sectors(firm_sectors(r), {"01"})),
    ({"year": 1990}, lambda r: not r["founded_year"] or int(r["founded_year"]) <= 1990),
    ({"sizes": ["MEDIUM"], "countries": ["CO"]},
     lambda r: r["size"] == "MEDIUM" and in_territories([r["territory_code"]], {"CO"})),
])
def test_firm_filters(gql: GraphQL, filter_: dict[str, Any], keep: Any) -> None:
    both_orders(gql, "firms", filter_, [r for r in FIRMS if keep(r)])


def test_firm_sizes_match_the_readme(gql: GraphQL) -> None:
    for size, count in (("LARGE", 10), ("MEDIUM", 18), ("SMALL", 29), ("MICRO", 18)):
        data = gql("query($s: FirmSize!) { firms(filter: {sizes: [$s]}) { totalCount } }",
                   {"s": size})
        assert data["firms"]["totalCount"] == count


def actor_keys() -> dict[str, Any]:
    initiatives = Counter(r["actor_id"] for r in sample("participations"))
    return {
        "NAME": lambda r: r["name"], "ID": lambda r: r["id"],
        "INITIATIVE_COUNT": lambda r: initiatives[r["id"]],
        "FOUNDED_YEAR": lambda r: integer(r.get("founded_year", "")),
        "EMPLOYEES": lambda r: integer(r.get("employees", "")),
    }


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
@pytest.mark.parametrize("field", ["NAME", "ID", "INITIATIVE_COUNT", "FOUNDED_YEAR", "EMPLOYEES"])
def test_actor_orders(gql: GraphQL, field: str, direction: str) -> None:
    key = actor_keys()[field]
    descending = direction == "DESC"
    order = {"order": {"field": field, "direction": direction}}
    assert ids(gql, "firms", ", orderBy: $order", order) == ordered(FIRMS, key, descending)
    assert ids(gql, "institutions", ", orderBy: $order", order) == ordered(
        INSTITUTIONS, key, descending
    )
    assert ids(gql, "actors", ", orderBy: $order", order) == ordered(
        FIRMS + INSTITUTIONS, key, descending
    )


def test_the_most_connected_actors(gql: GraphQL) -> None:
    top = ids(gql, "actors", ", orderBy: {field: INITIATIVE_COUNT, direction: DESC}")[:4]
    assert top == ["FIRM-CO-001", "INST-CO-CCMA", "INST-CO-EAFIT", "INST-CO-UDEA"]  # README


@pytest.mark.parametrize("filter_, keep", [
    ({"kinds": ["GOVERNMENT"]}, lambda r: r["kind"] == "GOVERNMENT"),
    ({"kinds": ["ACADEMIA", "FINANCIAL"]}, lambda r: r["kind"] in {"ACADEMIA", "FINANCIAL"}),
    ({"levels": ["SUPRANATIONAL"]}, lambda r: r["level"] == "SUPRANATIONAL"),
    ({"levels": ["LOCAL", "NATIONAL"]}, lambda r: r["level"] in {"LOCAL", "NATIONAL"}),
    ({"countries": ["PE"]},
     lambda r: bool(r["territory_code"]) and in_territories([r["territory_code"]], {"PE"})),
    ({"territories": ["CO-ANT"]},
     lambda r: bool(r["territory_code"]) and in_territories([r["territory_code"]], {"CO-ANT"})),
    ({"kinds": ["GOVERNMENT"], "levels": ["SUBNATIONAL"], "countries": ["MX"]},
     lambda r: r["kind"] == "GOVERNMENT" and r["level"] == "SUBNATIONAL"
     and bool(r["territory_code"]) and in_territories([r["territory_code"]], {"MX"})),
])
def test_institution_filters(gql: GraphQL, filter_: dict[str, Any], keep: Any) -> None:
    both_orders(gql, "institutions", filter_, [r for r in INSTITUTIONS if keep(r)])


def test_institution_kinds_and_levels_match_the_readme(gql: GraphQL) -> None:
    query = "query($k: InstitutionKind!) { institutions(filter: {kinds: [$k]}) { totalCount } }"
    assert gql(query, {"k": "GOVERNMENT"})["institutions"]["totalCount"] == 16
    query = "query($l: GovernmentLevel!) { institutions(filter: {levels: [$l]}) { totalCount } }"
    assert gql(query, {"l": "SUBNATIONAL"})["institutions"]["totalCount"] == 18


@pytest.mark.parametrize("filter_, keep", [
    ({"kinds": ["FIRM"]}, lambda r: "size" in r),
    ({"kinds": ["FIRM", "ACADEMIA"]}, lambda r: "size" in r or r["kind"] == "ACADEMIA"),
    ({"kinds": ["INTERNATIONAL"]}, lambda r: r.get("kind") == "INTERNATIONAL"),
    ({"countries": ["CL"]},
     lambda r: bool(r["territory_code"]) and in_territories([r["territory_code"]], {"CL"})),
    ({"territories": ["PE-PIU"]},
     lambda r: bool(r["territory_code"]) and in_territories([r["territory_code"]], {"PE-PIU"})),
    ({"sectors": ["G"]}, lambda r: in_sectors(codes(r.get("sector_codes", "")), {"G"})),
    ({"year": 1980}, lambda r: not r.get("founded_year") or int(r["founded_year"]) <= 1980),
])
def test_actor_filters(gql: GraphQL, filter_: dict[str, Any], keep: Any) -> None:
    both_orders(gql, "actors", filter_, [r for r in FIRMS + INSTITUTIONS if keep(r)])


@pytest.mark.parametrize("filter_, keep", [
    ({"currencies": ["COP"]}, lambda r: r["currency"] == "COP"),
    ({"currencies": ["USD", "PEN"]}, lambda r: r["currency"] in {"USD", "PEN"}),
    ({"year": 2019}, lambda r: active(r, 2019)),
    ({"year": 2026}, lambda r: active(r, 2026)),
])
def test_program_filters(gql: GraphQL, filter_: dict[str, Any], keep: Any) -> None:
    both_orders(gql, "programs", filter_, [r for r in PROGRAMS if keep(r)])


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
@pytest.mark.parametrize("field", ["NAME", "ID", "START_YEAR", "END_YEAR", "BUDGET"])
def test_program_orders(gql: GraphQL, field: str, direction: str) -> None:
    keys = {"NAME": lambda r: r["name"], "ID": lambda r: r["id"],
            "START_YEAR": lambda r: integer(r["start_year"]),
            "END_YEAR": lambda r: integer(r["end_year"]),
            "BUDGET": lambda r: float(r["budget"]) if r["budget"] else None}
    found = ids(gql, "programs", ", orderBy: $order",
                {"order": {"field": field, "direction": direction}})
    assert found == ordered(PROGRAMS, keys[field], descending=direction == "DESC")


# -- territories and sectors --------------------------------------------------------------------

def reference_municipalities(*parents: str) -> list[str]:
    with (REFERENCE / "municipalities.csv").open(encoding="utf-8", newline="") as file:
        return [r["code"] for r in csv.DictReader(file) if r["parent_code"] in parents]


def test_territories_within_a_region_and_by_level(gql: GraphQL) -> None:
    municipalities = sorted([r["code"] for r in sample("territories")
                             if r["parent_code"] == "CO-ANT"]
                            + reference_municipalities("CO-ANT"))  # the sample's and DANE's
    assert ids(gql, "territories", ", filter: {within: [\"CO-ANT\"]}", key="code") == [
        "CO-ANT", *municipalities
    ]
    found = ids(gql, "territories",
                ", filter: {within: [\"CO-SAN\", \"PE\"], levels: [MUNICIPALITY]}", key="code")
    assert found == sorted([r["code"] for r in sample("territories")
                            if r["level"] == "MUNICIPALITY"
                            and (r["parent_code"] == "CO-SAN" or r["code"][:2] == "PE")]
                           + reference_municipalities("CO-SAN"))
    countries = ids(gql, "territories", ", filter: {levels: [COUNTRY]}", key="code")
    assert {"CO", "MX", "CL", "PE"} <= set(countries) and all(len(c) == 2 for c in countries)


def test_sectors_within_a_section_and_by_level(gql: GraphQL) -> None:
    reference = isic()
    national = national_sectors()
    in_c = sorted(code for code in reference if "C" in sector_line(code))
    assert ids(gql, "sectors", ", filter: {within: [\"C\"]}", key="code") == in_c
    assert {"10", "107", "1071"} <= set(in_c)
    # ISIC's sections and CIIU Rev.4 A.C.'s (CIIU-CO:A ...): both are sections.
    assert ids(gql, "sectors", ", filter: {levels: [SECTION]}", key="code") == sorted(
        code for code, row in {**reference, **national}.items() if row["level"] == "SECTION"
    )
    data = gql("{ sectors(first: 3) { totalCount edges { node { code } } } }")["sectors"]
    assert data["totalCount"] == len(reference) + len(national)
    assert [e["node"]["code"] for e in data["edges"]] == sorted([*reference, *national])[:3]


# -- errors ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("after", ["not-a-cursor", "bm9wZQ==", encode_cursor(3)[:-2] + "!!", ""])
def test_a_bad_cursor_is_bad_user_input(gql_error: GraphQL, after: str) -> None:
    error = gql_error("query($a: String) { initiatives(after: $a) { totalCount } }", {"a": after})
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "cursor" in error["message"]


@pytest.mark.parametrize("first", [501, -1, 100000])
def test_first_outside_the_page_size_limit_is_bad_user_input(
    gql_error: GraphQL, first: int
) -> None:
    for field in ("initiatives", "firms", "institutions", "actors", "programs", "territories",
                  "sectors"):
        error = gql_error(f"query($f: Int!) {{ {field}(first: $f) {{ totalCount }} }}",
                          {"f": first})
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert "500" in error["message"] and str(first) in error["message"]
        assert "ARTICULA_MAX_PAGE_SIZE" in error["message"]  # the limit, by name


@pytest.mark.parametrize("query, code", [
    ('{ initiatives(filter: {territories: ["CO-XYZ"]}) { totalCount } }', "CO-XYZ"),
    ('{ initiatives(filter: {countries: ["ZZ"]}) { totalCount } }', "ZZ"),
    ('{ initiatives(filter: {countries: ["CO-ANT"]}) { totalCount } }', "CO-ANT"),
    ('{ initiatives(filter: {sectors: ["C", "99999"]}) { totalCount } }', "99999"),
    ('{ firms(filter: {territories: ["MX-NLE", "XX"]}) { totalCount } }', "XX"),
    ('{ institutions(filter: {countries: ["AQ"]}) { totalCount } }', "AQ"),
    ('{ actors(filter: {sectors: ["Z"]}) { totalCount } }', "Z"),
    ('{ territories(filter: {within: ["CO-NOPE"]}) { totalCount } }', "CO-NOPE"),
    ('{ sectors(filter: {within: ["0000"]}) { totalCount } }', "0000"),
])
def test_an_unknown_code_is_bad_user_input_naming_it(
    gql_error: GraphQL, query: str, code: str
) -> None:
    error = gql_error(query)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert repr(code) in error["message"]
