"""Reference data every database starts with: LAC countries and their first-level
subdivisions (ISO 3166, via pycountry), the municipalities of Colombia, Mexico and Brazil
(national codes, `CO:41551`), the ISIC Rev.4 hierarchy, and the national sector
classifications linked to ISIC (loaders/reference/).
"""

import csv
from collections.abc import Collection
from functools import cache
from pathlib import Path
from typing import Any

import neo4j
import pycountry

from loaders.cypher_run import batches, run
from service.cypher_catalog import cypher, names

REFERENCE = Path(__file__).with_name("reference")
BATCH = 2000


def _csv(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@cache
def territory_rows() -> list[dict[str, Any]]:
    """Countries first, then subdivisions, then municipalities: parents always precede
    children."""
    return subdivision_rows() + municipality_rows()


@cache
def subdivision_rows() -> list[dict[str, Any]]:
    """The countries and their first-level subdivisions, countries first."""
    countries = _csv("lac_countries.csv")
    rows: list[dict[str, Any]] = [
        {"code": c["code"], "parentCode": None, "props": {
            "name": c["name_es"], "nameEs": c["name_es"], "nameEn": c["name_en"],
            "level": "COUNTRY", "country": c["code"], "reference": True,
        }} for c in countries
    ]
    for country in countries:
        found = pycountry.subdivisions.get(country_code=country["code"])  # type: ignore[no-untyped-call]
        for sub in sorted(found or [], key=lambda s: s.code):
            if sub.parent_code is None:
                rows.append({"code": sub.code, "parentCode": country["code"], "props": {
                    "name": sub.name, "level": "REGION", "subdivisionType": sub.type,
                    "country": country["code"], "reference": True,
                }})
    return rows


@cache
def municipality_rows() -> list[dict[str, Any]]:
    """The second-level units of municipalities.csv (`CO:41551`), each PART_OF its
    ISO 3166-2 subdivision."""
    return [
        {"code": m["code"], "parentCode": m["parent_code"], "props": {
            "name": m["name"], "level": "MUNICIPALITY", "country": m["code"][:2],
            "reference": True,
        }} for m in _csv("municipalities.csv")
    ]


@cache
def municipalities() -> dict[str, dict[str, Any]]:
    """The reference municipalities by code."""
    return {row["code"]: row for row in municipality_rows()}


@cache
def sector_rows() -> list[dict[str, Any]]:
    """ISIC Rev.4, then the national classifications; parents always precede children."""
    order = {"SECTION": 0, "DIVISION": 1, "GROUP": 2, "CLASS": 3}
    rows = sorted(_csv("isic_rev4.csv"), key=lambda r: order[r["level"]])
    return [
        {"code": r["code"], "parentCode": r["parent_code"] or None, "props": {
            "name": r["name_en"], "nameEn": r["name_en"], "nameEs": r["name_es"] or None,
            "level": r["level"], "classification": "ISIC Rev.4", "reference": True,
        }} for r in rows
    ] + national_sector_rows()


@cache
def national_sector_rows() -> list[dict[str, Any]]:
    """SCIAN (Mexico) and CIIU Rev.4 A.C. (Colombia): codes prefixed `SCIAN:`, `CIIU-CO:`,
    titles in Spanish as published; the CSV lists parents first."""
    return [
        {"code": r["code"], "parentCode": r["parent_code"] or None, "props": {
            "name": r["name_es"], "nameEs": r["name_es"], "level": r["level"],
            "classification": r["classification"], "reference": True,
        }} for r in _csv("national_sectors.csv")
    ]


@cache
def sector_correspondences() -> list[dict[str, Any]]:
    """Each national code's ISIC Rev.4 node(s); `partial` where a code has several."""
    return [{"code": r["code"], "isicCode": r["isic_code"], "partial": r["partial"] == "true"}
            for r in _csv("national_isic.csv")]


def apply_schema(driver: neo4j.Driver, database: str) -> int:
    """Create every constraint and index that does not exist yet; return how many statements."""
    statements = [name for name in names() if name.startswith("schema/")]
    # Constraints first: the indexes behind them serve the MERGEs of every load.
    statements.sort(key=lambda name: not name.startswith("schema/constraint_"))
    for name in statements:
        driver.execute_query(cypher(name), database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    return len(statements)


def load_reference(driver: neo4j.Driver, database: str,
                   named: Collection[str] | None = None) -> dict[str, int]:
    """Write the reference territories and sectors (idempotent): every municipality, or (for
    a load) only those among the territory codes `named`. One transaction per batch of
    BATCH rows, parents first, so that what one transaction holds stays small whatever
    Neo4j's transaction memory; an interrupted write is completed by running it again."""
    territories = subdivision_rows() + _municipalities(named)
    sectors = sector_rows()
    correspondences = sector_correspondences()
    with driver.session(database=database) as session:
        for name, rows in (("reference/territories", territories),
                           ("reference/sectors", sectors),
                           ("reference/sector_correspondences", correspondences)):
            for batch in batches(rows, BATCH):
                session.execute_write(_write_rows, name, list(batch))
    return {"territories": len(territories), "sectors": len(sectors)}


def _write_rows(tx: neo4j.ManagedTransaction, name: str, rows: list[dict[str, Any]]) -> None:
    run(tx, name, rows=rows)


def load_municipalities(driver: neo4j.Driver, database: str, named: Collection[str]) -> int:
    """Write the reference municipalities among the territory codes `named` (idempotent),
    before a write that links to them; return how many."""
    rows = _municipalities(named)

    def work(tx: neo4j.ManagedTransaction) -> None:
        for batch in batches(rows, BATCH):
            run(tx, "reference/territories", rows=list(batch))

    if rows:
        with driver.session(database=database) as session:
            session.execute_write(work)
    return len(rows)


def _municipalities(named: Collection[str] | None) -> list[dict[str, Any]]:
    if named is None:
        return municipality_rows()
    found = municipalities()
    return [found[code] for code in sorted(set(named)) if code in found]
