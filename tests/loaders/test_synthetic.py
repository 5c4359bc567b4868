"""The synthetic dataset generator: deterministic, complete, consistent and realistic in shape.

Everything here reads the CSV files back as plain text and checks them on its own terms, from
the reference files and pycountry, not through the generator's internals. No Neo4j needed.
"""

import csv
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from loaders.synthetic import generate

ACTORS = 2500
SEED = 11
REFERENCE = Path(__file__).parents[2] / "loaders" / "reference"

COLUMNS = {
    "initiatives": ["id", "name", "type", "status", "start_year", "end_year", "territory_codes",
                    "sector_codes", "description", "website", "contact"],
    "firms": ["id", "name", "size", "territory_code", "sector_codes", "employees",
              "founded_year", "tax_id"],
    "institutions": ["id", "name", "kind", "level", "territory_code"],
    "programs": ["id", "name", "instrument", "institution_id", "start_year", "end_year",
                 "budget", "currency"],
    "participations": ["actor_id", "initiative_id", "role", "since", "until", "source",
                       "confidence"],
    "governance": ["institution_id", "initiative_id", "role", "since", "until", "source",
                   "confidence"],
    "supports": ["program_id", "initiative_id", "amount", "currency", "since", "until", "source",
                 "confidence"],
    "supplies": ["supplier_id", "client_id", "weight", "since", "until", "source", "confidence"],
    "collaborations": ["initiative_id", "partner_initiative_id", "kind", "since", "until",
                       "source", "confidence"],
    "agreements": ["institution_id", "partner_institution_id", "kind", "since", "until",
                   "source", "confidence"],
    "territories": ["code", "name", "level", "parent_code"],
}
REQUIRED = {
    "initiatives": ["id", "name", "type", "territory_codes"],
    "firms": ["id", "name", "territory_code"],
    "institutions": ["id", "name", "kind", "level"],
    "programs": ["id", "name"],
    "participations": ["actor_id", "initiative_id", "role"],
    "governance": ["institution_id", "initiative_id", "role"],
    "supports": ["program_id", "initiative_id"],
    "supplies": ["supplier_id", "client_id"],
    "collaborations": ["initiative_id", "partner_initiative_id"],
    "agreements": ["institution_id", "partner_institution_id"],
    "territories": ["code", "name", "level", "parent_code"],
}
ENUMS = {
    ("initiatives", "type"): {"CLUSTER", "VALUE_CHAIN", "LOCAL_PRODUCTIVE", "BUSINESS_NETWORK",
                              "SUPPLIER_DEVELOPMENT"},
    ("initiatives", "status"): {"ACTIVE", "PLANNED", "CONCLUDED", "SUSPENDED"},
    ("firms", "size"): {"MICRO", "SMALL", "MEDIUM", "LARGE"},
    ("institutions", "kind"): {"GOVERNMENT", "ACADEMIA", "BUSINESS_ASSOCIATION", "CIVIL_SOCIETY",
                               "DEVELOPMENT_AGENCY", "FINANCIAL", "INTERNATIONAL"},
    ("institutions", "level"): {"SUPRANATIONAL", "NATIONAL", "SUBNATIONAL", "LOCAL"},
    ("participations", "role"): {"MEMBER", "LEADER", "ANCHOR", "SUPPLIER", "CLIENT", "PARTNER"},
    ("governance", "role"): {"CHAIR", "BOARD_MEMBER", "TECHNICAL_SECRETARIAT", "FUNDER",
                             "ADVISOR"},
    ("territories", "level"): {"MUNICIPALITY"},
}
# relationship table: (source column, target column, source table(s), target table)
ENDS = {
    "participations": ("actor_id", "initiative_id", ("firms", "institutions"), "initiatives"),
    "governance": ("institution_id", "initiative_id", ("institutions",), "initiatives"),
    "supports": ("program_id", "initiative_id", ("programs",), "initiatives"),
    "supplies": ("supplier_id", "client_id", ("firms",), "firms"),
    "collaborations": ("initiative_id", "partner_initiative_id", ("initiatives",),
                       "initiatives"),
    "agreements": ("institution_id", "partner_institution_id", ("institutions",),
                   "institutions"),
}
YEAR_COLUMNS = {"initiatives": ("start_year", "end_year"), "firms": ("founded_year",),
                "programs": ("start_year", "end_year")} | {
    table: ("since", "until") for table in ENDS}

Table = list[dict[str, str]]


def read(folder: Path, table: str) -> Table:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def ids(rows: Table) -> set[str]:
    return {row["id"] for row in rows}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("synthetic") / "dataset"
    messages: list[str] = []
    counts = generate(folder, ACTORS, SEED, messages.append)
    assert len(messages) == len(COLUMNS)
    return folder, counts


@pytest.fixture(scope="module")
def data(made: tuple[Path, dict[str, int]]) -> dict[str, Table]:
    return {table: read(made[0], table) for table in COLUMNS}


def countries() -> set[str]:
    with (REFERENCE / "lac_countries.csv").open(encoding="utf-8", newline="") as file:
        return {row["code"] for row in csv.DictReader(file)}


def subdivisions() -> set[str]:
    return {
        sub.code for country in countries()
        for sub in pycountry.subdivisions.get(country_code=country) or []  # type: ignore[no-untyped-call]
        if sub.parent_code is None
    }


def isic() -> dict[str, str]:
    with (REFERENCE / "isic_rev4.csv").open(encoding="utf-8", newline="") as file:
        return {row["code"]: row["level"] for row in csv.DictReader(file)}


def test_same_seed_same_bytes_other_seed_other_data(
        made: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    assert generate(again, ACTORS, SEED) == made[1]
    generate(other, ACTORS, SEED + 1)
    for table in COLUMNS:
        assert (again / f"{table}.csv").read_bytes() == (made[0] / f"{table}.csv").read_bytes()
    assert (other / "firms.csv").read_bytes() != (made[0] / "firms.csv").read_bytes()
    assert (other / "participations.csv").read_bytes() != (
        made[0] / "participations.csv").read_bytes()


def test_every_table_and_column(made: tuple[Path, dict[str, int]], data: dict[str, Table]
                                ) -> None:
    folder, counts = made
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.csv" for t in COLUMNS)
    assert counts == {table: len(rows) for table, rows in data.items()}
    for table, columns in COLUMNS.items():
        with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as file:
            assert next(csv.reader(file)) == columns, table
        assert data[table], table
        for column in REQUIRED[table]:
            assert all(row[column] for row in data[table]), (table, column)


def test_sizes_follow_the_actor_count(data: dict[str, Table]) -> None:
    firms, institutions = len(data["firms"]), len(data["institutions"])
    assert firms + institutions == ACTORS
    assert 0.8 <= firms / ACTORS <= 0.9
    assert len(data["initiatives"]) == ACTORS // 100
    assert sum(len(data[t]) for t in ENDS) >= 2 * ACTORS
    assert len(data["participations"]) > len(data["supplies"]) / 3


def test_ids_are_unique_across_entities(data: dict[str, Table]) -> None:
    prefixes = {"initiatives": "I", "firms": "F", "institutions": "N", "programs": "P"}
    every = [row["id"] for table in prefixes for row in data[table]]
    assert len(every) == len(set(every))
    for table, prefix in prefixes.items():
        assert all(row["id"].startswith(prefix) for row in data[table])


def test_every_reference_exists(data: dict[str, Table]) -> None:
    for table, (source, target, source_tables, target_table) in ENDS.items():
        sources = set().union(*(ids(data[t]) for t in source_tables))
        targets = ids(data[target_table])
        for row in data[table]:
            assert row[source] in sources, (table, row)
            assert row[target] in targets, (table, row)
    institutions = ids(data["institutions"])
    assert all(row["institution_id"] in institutions for row in data["programs"])


def test_enumerations(data: dict[str, Table]) -> None:
    for (table, column), allowed in ENUMS.items():
        found = Counter(row[column] for row in data[table])
        assert set(found) <= allowed, (table, column, set(found) - allowed)
    kinds = Counter(row["kind"] for row in data["institutions"])
    levels = Counter(row["level"] for row in data["institutions"])
    assert set(levels) == ENUMS["institutions", "level"]
    assert {"GOVERNMENT", "ACADEMIA", "BUSINESS_ASSOCIATION"} <= set(kinds)
    assert set(Counter(row["type"] for row in data["initiatives"])) == ENUMS[
        "initiatives", "type"]


def test_territory_codes_are_real_or_generated(data: dict[str, Table]) -> None:
    lac, subs = countries(), subdivisions()
    municipalities = {row["code"] for row in data["territories"]}
    for row in data["territories"]:
        assert row["parent_code"] in subs
        assert row["code"].startswith(row["parent_code"] + "-M")
    known = lac | subs | municipalities
    assert len(known) == len(lac) + len(subs) + len(municipalities)
    used = [row["territory_code"] for row in data["firms"]]
    used += [row["territory_code"] for row in data["institutions"] if row["territory_code"]]
    used += [c for row in data["initiatives"] for c in row["territory_codes"].split(";")]
    assert set(used) <= known, set(used) - known
    assert {code[:2] for code in used} <= lac


def test_sector_codes_are_isic(data: dict[str, Table]) -> None:
    levels = isic()
    for row in data["firms"]:
        assert all(levels.get(c) == "CLASS" for c in row["sector_codes"].split(";")), row
    for row in data["initiatives"]:
        codes = row["sector_codes"].split(";")
        assert all(levels.get(c) in {"DIVISION", "CLASS"} for c in codes), row


def test_relationships_are_simple(data: dict[str, Table]) -> None:
    for table, (source, target, _, _) in ENDS.items():
        pairs = [(row[source], row[target]) for row in data[table]]
        assert len(pairs) == len(set(pairs)), table
        assert all(a != b for a, b in pairs), table
    for table in ("collaborations", "agreements"):  # symmetric ties, each pair once
        source, target = ENDS[table][:2]
        ties = {frozenset((row[source], row[target])) for row in data[table]}
        assert len(ties) == len(data[table])


def test_years_amounts_and_confidence(data: dict[str, Table]) -> None:
    for table, columns in YEAR_COLUMNS.items():
        for row in data[table]:
            years = [int(row[c]) for c in columns if row[c]]
            assert all(1900 <= y <= 2100 for y in years), (table, row)
            assert years == sorted(years), (table, row)
    for table in ENDS:
        assert all(0.0 <= float(row["confidence"]) <= 1.0 for row in data[table])
    assert all(0.0 < float(row["weight"]) <= 1.0 for row in data["supplies"])
    assert all(int(row["amount"]) > 0 and len(row["currency"]) == 3
               for row in data["supports"])
    assert all(int(row["budget"]) > 0 for row in data["programs"])
    starts = {row["id"]: int(row["start_year"]) for row in data["initiatives"]}
    founded = {row["id"]: int(row["founded_year"]) for row in data["firms"]
               if row["founded_year"]}
    for row in data["participations"]:
        assert int(row["since"]) >= starts[row["initiative_id"]]
        assert int(row["since"]) >= founded.get(row["actor_id"], 0)


def test_participation_is_heavy_tailed(data: dict[str, Table]) -> None:
    per_actor = Counter(row["actor_id"] for row in data["participations"])
    degrees = sorted(per_actor.get(i, 0) for t in ("firms", "institutions") for i in ids(data[t]))
    median = degrees[len(degrees) // 2]
    assert median <= 1
    assert sum(d <= 1 for d in degrees) > len(degrees) / 2
    assert degrees[-1] >= 8 * max(median, 1)


def test_participants_come_mostly_from_the_home_country(data: dict[str, Table]) -> None:
    home = {row["id"]: row["territory_codes"][:2] for row in data["initiatives"]}
    where = {row["id"]: row["territory_code"][:2] for row in data["firms"]}
    firms = [row for row in data["participations"] if row["actor_id"] in where]
    local = sum(where[row["actor_id"]] == home[row["initiative_id"]] for row in firms)
    assert local > 0.5 * len(firms)


def test_anchors_are_large_and_supplied(data: dict[str, Table]) -> None:
    size = {row["id"]: row["size"] for row in data["firms"]}
    where = {row["id"]: row["territory_code"] for row in data["firms"]}
    kind = {row["id"]: row["type"] for row in data["initiatives"]}
    anchors = {row["actor_id"] for row in data["participations"]
               if row["role"] == "ANCHOR" and kind[row["initiative_id"]] == "SUPPLIER_DEVELOPMENT"}
    assert anchors
    assert all(size[a] == "LARGE" for a in anchors)
    supplies = [row for row in data["supplies"] if row["client_id"] in anchors]
    assert {row["client_id"] for row in supplies} == anchors
    suppliers = [row["supplier_id"] for row in supplies]
    assert sum(size[s] in {"SMALL", "MEDIUM"} for s in suppliers) > 0.8 * len(suppliers)
    same_country = sum(where[row["supplier_id"]][:2] == where[row["client_id"]][:2]
                       for row in supplies)
    assert same_country > 0.5 * len(supplies)
    first_tier = set(suppliers)
    assert any(row["client_id"] in first_tier for row in data["supplies"])


def test_too_few_actors_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least"):
        generate(tmp_path / "tiny", 10, SEED)


LABELS = {  # an initiative's name begins with its type in its country's language
    "es": ("Clúster", "Cadena de valor", "Iniciativa productiva local", "Red empresarial",
           "Desarrollo de proveedores"),
    "pt": ("Cluster", "Cadeia de valor", "Arranjo produtivo local", "Rede empresarial",
           "Desenvolvimento de fornecedores"),
    "en": ("Cluster", "Value chain", "Local productive initiative", "Business network",
           "Supplier development"),
}
TYPES = ("CLUSTER", "VALUE_CHAIN", "LOCAL_PRODUCTIVE", "BUSINESS_NETWORK", "SUPPLIER_DEVELOPMENT")
ENGLISH = {"AG", "BB", "BS", "BZ", "DM", "GD", "GY", "JM", "KN", "LC", "SR", "TT", "VC"}


def test_names_are_in_the_language_of_their_country(data: dict[str, Table]) -> None:
    """Portuguese in Brazil, English in the English-speaking Caribbean, Spanish elsewhere:
    the type's label and the sector's title of one name never mix two languages."""
    with (REFERENCE / "isic_rev4.csv").open(encoding="utf-8", newline="") as file:
        divisions = [row for row in csv.DictReader(file) if row["level"] == "DIVISION"]
    spanish = {row["name_es"] for row in divisions}
    english = {row["name_en"] for row in divisions}
    firms = {row["name"] for row in data["firms"]}
    seen = Counter()
    for row in data["initiatives"]:
        country = row["territory_codes"].split(";")[0][:2]
        if country == "HT":
            continue
        language = "pt" if country == "BR" else "en" if country in ENGLISH else "es"
        label = LABELS[language][TYPES.index(row["type"])]
        assert row["name"].startswith(f"{label}: "), (language, row["name"])
        topic = row["name"][len(label) + 2:].rsplit(" (", 1)[0]
        if row["type"] == "SUPPLIER_DEVELOPMENT":
            assert topic in firms  # named after its anchor firm
        elif language == "es":
            assert topic in spanish, row["name"]
        elif language == "en":
            assert topic in english, row["name"]
        else:
            assert topic not in spanish | english, row["name"]
            assert not {"Fabricación", "Elaboración", "Actividades"} & set(topic.split())
        seen[language] += 1
    assert seen["pt"] >= 5 and seen["es"] >= 5
