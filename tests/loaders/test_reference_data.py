"""`articula db init`: ISO 3166 territories, ISIC Rev.4 sectors and the national sector
classifications, with their hierarchies and links to ISIC."""

import neo4j

from loaders.load import init
from tests.loaders.graph_dump import count, dump
from tests.neo4j_backends import Backend

LAC = {
    "AG", "AR", "BS", "BB", "BZ", "BO", "BR", "CL", "CO", "CR", "CU", "DM", "DO", "EC", "SV",
    "GD", "GT", "GY", "HT", "HN", "JM", "MX", "NI", "PA", "PY", "PE", "KN", "LC", "VC", "SR",
    "TT", "UY", "VE",
}


def values(driver: neo4j.Driver, query: str) -> list[object]:
    records, _, _ = driver.execute_query(query)
    return [record[0] for record in records]


def test_the_33_lac_countries_are_there_with_spanish_names(reference_db: neo4j.Driver) -> None:
    codes = values(reference_db, "MATCH (t:Territory {level: 'COUNTRY'}) RETURN t.code")
    assert set(codes) == LAC and len(codes) == 33
    assert values(reference_db, "MATCH (t:Territory {code: 'MX'}) RETURN t.nameEs") == ["México"]
    assert values(reference_db, "MATCH (t:Territory {code: 'HT'}) RETURN t.nameEn") == ["Haiti"]


def test_first_level_subdivisions_are_part_of_their_country(reference_db: neo4j.Driver) -> None:
    records, _, _ = reference_db.execute_query(
        "MATCH (r:Territory {level: 'REGION'})-[:PART_OF]->(c:Territory {level: 'COUNTRY'}) "
        "WHERE c.code IN ['CO', 'BR', 'MX', 'CL', 'AR', 'PE', 'EC', 'UY', 'PY', 'BO', 'VE'] "
        "RETURN c.code AS country, count(r) AS regions"
    )
    published = {"CO": 33, "BR": 27, "MX": 32, "CL": 16, "AR": 24, "PE": 26, "EC": 24,
                 "UY": 19, "PY": 18, "BO": 9, "VE": 25}
    assert {r["country"]: r["regions"] for r in records} == published
    assert values(reference_db, "MATCH (t:Territory {code: 'CO-ANT'}) RETURN t.name") == [
        "Antioquia"]


def test_isic_rev4_has_its_published_counts_and_hierarchy(reference_db: neo4j.Driver) -> None:
    records, _, _ = reference_db.execute_query(
        "MATCH (s:Sector {classification: 'ISIC Rev.4'}) RETURN s.level AS level, count(*) AS n"
    )
    assert {r["level"]: r["n"] for r in records} == {
        "SECTION": 21, "DIVISION": 88, "GROUP": 238, "CLASS": 419}
    path = values(reference_db, "MATCH p = (:Sector {code: '1071'})-[:PART_OF*3]->(:Sector) "
                                "RETURN [n IN nodes(p) | n.code]")
    assert path == [["1071", "107", "10", "C"]]
    assert values(reference_db, "MATCH (s:Sector {code: 'C'}) RETURN s.nameEs") == [
        "Industrias manufactureras"]
    orphans = values(reference_db, "MATCH (s:Sector {classification: 'ISIC Rev.4'}) "
                                   "WHERE s.level <> 'SECTION' "
                                   "AND NOT (s)-[:PART_OF]->(:Sector) RETURN s.code")
    assert orphans == []


def test_init_again_changes_nothing(reference_db: neo4j.Driver, neo4j_backend: Backend) -> None:
    before = dump(reference_db, stamps=True), count(reference_db)
    init(reference_db, neo4j_backend.settings.neo4j_database)
    assert (dump(reference_db, stamps=True), count(reference_db)) == before


def test_name_search_ignores_accents_and_case(reference_db: neo4j.Driver) -> None:
    names = values(reference_db, "CALL db.index.fulltext.queryNodes('names', 'NUEVO leon') "
                                 "YIELD node RETURN node.name LIMIT 1")
    assert names == ["Nuevo León"]


def test_national_classifications_have_their_counts_and_isic_links(
    reference_db: neo4j.Driver,
) -> None:
    records, _, _ = reference_db.execute_query(
        "MATCH (s:Sector) WHERE s.classification <> 'ISIC Rev.4' "
        "RETURN s.classification AS c, s.level AS level, count(*) AS n")
    assert {(r["c"], r["level"]): r["n"] for r in records} == {
        ("SCIAN 2018", "SECTOR"): 20, ("SCIAN 2018", "CLASS"): 1086,
        ("CIIU Rev.4 A.C.", "SECTION"): 21, ("CIIU Rev.4 A.C.", "DIVISION"): 86,
        ("CIIU Rev.4 A.C.", "GROUP"): 244, ("CIIU Rev.4 A.C.", "CLASS"): 491}
    def links(code: str) -> list[list[object]]:
        records, _, _ = reference_db.execute_query(
            "MATCH (:Sector {code: $code})-[c:CORRESPONDS_TO]->(s) "
            "RETURN s.code, c.partial ORDER BY s.code", code=code)
        return [list(r) for r in records]

    # INEGI's table: one SCIAN class to three ISIC classes, each partial; one to exactly one.
    assert links("SCIAN:336390") == [["2813", True], ["2819", True], ["2930", True]]
    assert links("SCIAN:311110") == [["1080", False]]
    assert links("CIIU-CO:10") == [["10", False]]
    names = values(reference_db, "MATCH (s:Sector) WHERE s.code IN ['SCIAN:336390', "
                                 "'CIIU-CO:0127', 'SCIAN:31-33'] "
                                 "RETURN s.nameEs ORDER BY s.code")
    assert names == ["Cultivo de plantas con las que se preparan bebidas",
                     "Industrias manufactureras",
                     "Fabricación de otras partes para vehículos automotrices"]
    # Every SCIAN class reaches ISIC; every CIIU-CO code reaches it through its division.
    unlinked = values(reference_db, "MATCH (s:Sector) WHERE s.classification <> 'ISIC Rev.4' "
                                    "AND s.level <> 'SECTOR' AND NOT EXISTS { (s)-[:PART_OF*0..]"
                                    "->()-[:CORRESPONDS_TO]->() } RETURN s.code")
    assert unlinked == []
