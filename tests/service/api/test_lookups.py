"""Single lookups by id or code answer every scalar field as the sample's CSVs say."""

import csv
from typing import Any

from loaders.reference_data import REFERENCE
from tests.service.api.conftest import GraphQL, integer, isic, number, sample, text

INITIATIVE = "id name type status startYear endYear description website"
FIRM = "id name size employees foundedYear"
INSTITUTION = "id name kind level"
PROGRAM = "id name instrument startYear endYear budget currency"


def initiative_of(row: dict[str, str]) -> dict[str, Any]:
    return {
        "id": row["id"], "name": row["name"], "type": row["type"], "status": text(row["status"]),
        "startYear": integer(row["start_year"]), "endYear": integer(row["end_year"]),
        "description": text(row["description"]), "website": text(row["website"]),
    }


def firm_of(row: dict[str, str]) -> dict[str, Any]:
    return {"id": row["id"], "name": row["name"], "size": text(row["size"]),
            "employees": integer(row["employees"]), "foundedYear": integer(row["founded_year"])}


def institution_of(row: dict[str, str]) -> dict[str, Any]:
    return {"id": row["id"], "name": row["name"], "kind": row["kind"], "level": row["level"]}


def program_of(row: dict[str, str]) -> dict[str, Any]:
    return {"id": row["id"], "name": row["name"], "instrument": text(row["instrument"]),
            "startYear": integer(row["start_year"]), "endYear": integer(row["end_year"]),
            "budget": number(row["budget"]), "currency": text(row["currency"])}


def lookup_all(gql: GraphQL, field: str, ids: list[str], selection: str) -> list[Any]:
    """Look every id up in one request, through aliases."""
    query = "{ " + " ".join(
        f'n{i}: {field}(id: "{id_}") {{ {selection} }}' for i, id_ in enumerate(ids)
    ) + " }"
    data = gql(query)
    return [data[f"n{i}"] for i in range(len(ids))]


def test_every_initiative_by_id(gql: GraphQL) -> None:
    rows = sample("initiatives")
    found = lookup_all(gql, "initiative", [r["id"] for r in rows], INITIATIVE)
    assert found == [initiative_of(r) for r in rows]


def test_every_firm_by_id(gql: GraphQL) -> None:
    rows = sample("firms")
    found = lookup_all(gql, "firm", [r["id"] for r in rows], FIRM)
    assert found == [firm_of(r) for r in rows]


def test_every_institution_by_id(gql: GraphQL) -> None:
    rows = sample("institutions")
    found = lookup_all(gql, "institution", [r["id"] for r in rows], INSTITUTION)
    assert found == [institution_of(r) for r in rows]


def test_every_program_by_id(gql: GraphQL) -> None:
    rows = sample("programs")
    found = lookup_all(gql, "program", [r["id"] for r in rows], PROGRAM)
    assert found == [program_of(r) for r in rows]


def test_node_finds_each_kind_by_id(gql: GraphQL) -> None:
    data = gql("""{
      a: node(id: "INI-CO-004") { __typename id name ... on Initiative { type } }
      b: node(id: "FIRM-MX-001") { __typename id ... on Firm { size } }
      c: node(id: "INST-CO-UDEA") { __typename id ... on Institution { kind level } }
      d: node(id: "PROG-PE-001") { __typename id ... on Program { currency } }
      e: node(id: "NOPE-001") { id }
    }""")
    assert data["a"] == {"__typename": "Initiative", "id": "INI-CO-004", "type": "BUSINESS_NETWORK",
                         "name": "Red de Turismo Rural Comunitario de Jardín"}
    assert data["b"] == {"__typename": "Firm", "id": "FIRM-MX-001", "size": "LARGE"}
    assert data["c"] == {"__typename": "Institution", "id": "INST-CO-UDEA",
                         "kind": "ACADEMIA", "level": "SUBNATIONAL"}
    assert data["d"] == {"__typename": "Program", "id": "PROG-PE-001", "currency": "PEN"}
    assert data["e"] is None


def test_actor_finds_firms_and_institutions_only(gql: GraphQL) -> None:
    data = gql("""{
      firm: actor(id: "FIRM-CO-001") { __typename id name }
      institution: actor(id: "INST-CO-CCMA") { __typename id }
      initiative: actor(id: "INI-CO-001") { id }
      missing: actor(id: "FIRM-XX-999") { id }
    }""")
    firm = next(r for r in sample("firms") if r["id"] == "FIRM-CO-001")
    assert data["firm"] == {"__typename": "Firm", "id": "FIRM-CO-001", "name": firm["name"]}
    assert data["institution"] == {"__typename": "Institution", "id": "INST-CO-CCMA"}
    assert data["initiative"] is None and data["missing"] is None


def test_a_lookup_of_the_wrong_kind_is_null(gql: GraphQL) -> None:
    data = gql("""{
      a: initiative(id: "FIRM-CO-001") { id }  b: firm(id: "INST-CO-CCMA") { id }
      c: institution(id: "FIRM-CO-001") { id }  d: program(id: "INI-CO-001") { id }
      e: initiative(id: "INI-XX-404") { id }
    }""")
    assert data == {"a": None, "b": None, "c": None, "d": None, "e": None}


def test_territory_by_code_with_parent_and_children(gql: GraphQL) -> None:
    data = gql("""{
      municipality: territory(code: "CO-ANT-05001") {
        code name level parent { code level parent { code name level parent { code } } }
        children { code }
      }
      region: territory(code: "CO-ANT") { code level children { code name level } }
      missing: territory(code: "ZZ-NOPE") { code }
    }""")
    municipality = data["municipality"]
    assert municipality["name"] == "Medellín" and municipality["level"] == "MUNICIPALITY"
    assert municipality["parent"]["code"] == "CO-ANT"
    assert municipality["parent"]["level"] == "REGION"
    assert municipality["parent"]["parent"] == {
        "code": "CO", "name": "Colombia", "level": "COUNTRY", "parent": None,
    }
    assert municipality["children"] == []
    with (REFERENCE / "municipalities.csv").open(encoding="utf-8", newline="") as file:
        dane = [{**r, "level": "MUNICIPALITY"} for r in csv.DictReader(file)]
    below = sorted(  # the sample's municipalities of Antioquia and the reference data's
        (r for r in [*sample("territories"), *dane] if r["parent_code"] == "CO-ANT"),
        key=lambda r: r["code"],
    )
    assert data["region"]["children"] == [
        {"code": r["code"], "name": r["name"], "level": r["level"]} for r in below
    ]
    assert len(below) == 9 + 125
    assert data["missing"] is None


def test_sector_by_code_with_parent_and_children(gql: GraphQL) -> None:
    data = gql("""{
      class: sector(code: "1071") { code name nameEs level parent { code level parent { code } } }
      section: sector(code: "C") { code level parent { code } children { code level } }
      missing: sector(code: "9999") { code }
    }""")
    reference = isic()
    bakery = reference["1071"]
    assert data["class"] == {
        "code": "1071", "name": bakery["name_en"], "nameEs": bakery["name_es"] or None,
        "level": "CLASS", "parent": {"code": "107", "level": "GROUP", "parent": {"code": "10"}},
    }
    divisions = sorted(code for code, row in reference.items() if row["parent_code"] == "C")
    assert data["section"]["parent"] is None
    assert data["section"]["children"] == [{"code": c, "level": "DIVISION"} for c in divisions]
    assert data["missing"] is None
