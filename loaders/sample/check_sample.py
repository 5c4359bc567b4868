"""Check the sample dataset in this folder and its six documented coordination gaps.

Standalone, standard library only (pycountry is used when installed); nothing imports it.
Run from anywhere: ``python loaders/sample/check_sample.py``. Exits non-zero on any error.
"""

import csv
import importlib
import itertools
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REFERENCE = HERE.parent / "reference"

COLUMNS = {
    "initiatives": "id* name* type* status start_year end_year territory_codes* sector_codes "
    "description website",
    "firms": "id* name* size territory_code* sector_codes employees founded_year tax_id",
    "institutions": "id* name* kind* level* territory_code",
    "programs": "id* name* instrument institution_id start_year end_year budget currency",
    "participations": "actor_id* initiative_id* role* since until source confidence",
    "governance": "institution_id* initiative_id* role* since until source confidence",
    "supports": "program_id* initiative_id* amount currency since until source confidence",
    "supplies": "supplier_id* client_id* weight since until source confidence",
    "collaborations": "initiative_id* partner_initiative_id* kind since until source confidence",
    "agreements": "institution_id* partner_institution_id* kind since until source confidence",
    "territories": "code* name* level* parent_code*",
}
ENUMS = {
    ("initiatives", "type"): "CLUSTER VALUE_CHAIN LOCAL_PRODUCTIVE BUSINESS_NETWORK "
    "SUPPLIER_DEVELOPMENT",
    ("initiatives", "status"): "ACTIVE PLANNED CONCLUDED SUSPENDED",
    ("firms", "size"): "MICRO SMALL MEDIUM LARGE",
    ("institutions", "kind"): "GOVERNMENT ACADEMIA BUSINESS_ASSOCIATION CIVIL_SOCIETY "
    "DEVELOPMENT_AGENCY FINANCIAL INTERNATIONAL",
    ("institutions", "level"): "SUPRANATIONAL NATIONAL SUBNATIONAL LOCAL",
    ("participations", "role"): "MEMBER LEADER ANCHOR SUPPLIER CLIENT PARTNER",
    ("governance", "role"): "CHAIR BOARD_MEMBER TECHNICAL_SECRETARIAT FUNDER ADVISOR",
    ("territories", "level"): "MUNICIPALITY",
}
ENTITIES = ("initiatives", "firms", "institutions", "programs")
# relationship table -> its two end columns and the entity tables each end may name
EDGES = {
    "participations": (("actor_id", "firms institutions"), ("initiative_id", "initiatives")),
    "governance": (("institution_id", "institutions"), ("initiative_id", "initiatives")),
    "supports": (("program_id", "programs"), ("initiative_id", "initiatives")),
    "supplies": (("supplier_id", "firms"), ("client_id", "firms")),
    "collaborations": (("initiative_id", "initiatives"), ("partner_initiative_id", "initiatives")),
    "agreements": (("institution_id", "institutions"), ("partner_institution_id", "institutions")),
}

# The deliberate coordination gaps (README.md): each must hold for exactly these ids.
GAPS: dict[str, set[Any]] = {
    "no governing institution": {"INI-CO-004"},
    "governed by a single level of government": {"INI-PE-002"},
    "same region and division, nothing shared": {("INI-CL-001", "INI-CL-002")},
    "no academia among participants and governors": {"INI-MX-001"},
    "two programmes whose institutions do not coordinate": {"INI-PE-001"},
    "many firms of a division in a region, no initiative of it there": {("CO-SAN", "15")},
}
WHITE_SPOT_MIN_FIRMS = 5  # firms of the division in the region
WHITE_SPOT_MIN_QUOTIENT = 1.5  # the division's share of the region's firms / of the country's

Row = dict[str, str]


def read(path: Path) -> tuple[list[str], list[Row]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def in_unit_interval(text: str) -> bool:
    try:
        return 0 <= float(text) <= 1
    except ValueError:
        return False


def codes(cell: str) -> list[str]:
    return [c for c in cell.split(";") if c]


def check(folder: Path) -> tuple[dict[str, list[Row]], list[str]]:
    errors: list[str] = []
    t: dict[str, list[Row]] = {}
    for table, spec in COLUMNS.items():
        header, t[table] = read(folder / f"{table}.csv")
        columns = [c.rstrip("*") for c in spec.split()]
        if header != columns:
            errors.append(f"{table}: header {header}, expected {columns}")
        for n, row in enumerate(t[table], start=2):
            for c in (c.rstrip("*") for c in spec.split() if c.endswith("*")):
                if not (row.get(c) or "").strip():
                    errors.append(f"{table}.csv:{n}: {c} is empty")
            for (tab, c), allowed in ENUMS.items():
                if tab == table and row[c] and row[c] not in allowed.split():
                    errors.append(f"{table}.csv:{n}: {c}={row[c]!r} is not a valid value")
            if row.get("confidence") and not in_unit_interval(row["confidence"]):
                errors.append(f"{table}.csv:{n}: confidence is not a number in 0-1")

    owner: dict[str, str] = {}
    for table in ENTITIES:
        for row in t[table]:
            if row["id"] in owner:
                errors.append(f"id {row['id']} in both {owner[row['id']]} and {table}")
            owner[row["id"]] = table
    runner_ok = all(owner.get(p["institution_id"]) == "institutions" for p in t["programs"])
    if not runner_ok:
        errors.append("programs: an institution_id is not an institution")
    for table, ends in EDGES.items():
        for n, row in enumerate(t[table], start=2):
            for column, targets in ends:
                if owner.get(row[column]) not in targets.split():
                    errors.append(f"{table}.csv:{n}: {column}={row[column]} not in {targets}")
            if row[ends[0][0]] == row[ends[1][0]]:
                errors.append(f"{table}.csv:{n}: self-loop")

    countries = {r["code"] for r in read(REFERENCE / "lac_countries.csv")[1]}
    isic = {r["code"] for r in read(REFERENCE / "isic_rev4.csv")[1]}
    try:
        iso: Any = importlib.import_module("pycountry").subdivisions
    except ImportError:
        iso = None
        print("note: pycountry not installed, ISO 3166-2 codes checked by form only")

    def subdivision(code: str) -> bool:
        country, _, rest = code.partition("-")
        if country not in countries or not (rest.isalnum() and len(rest) <= 3):
            return False
        found = iso.get(code=code) if iso is not None else True
        return bool(found) and not getattr(found, "parent_code", None)

    municipality = {r["code"]: r["parent_code"] for r in t["territories"]}
    for code, parent in municipality.items():
        national = code.removeprefix(parent + "-")
        if not subdivision(parent) or national == code or not national.isdigit():
            errors.append(f"territories: {code} is not <ISO 3166-2 subdivision>-<national code>")
    cells = [(r["id"], c) for r in t["initiatives"] for c in codes(r["territory_codes"])]
    cells += [(r["id"], r["territory_code"]) for r in t["firms"] + t["institutions"]]
    for entity, code in cells:
        if code and code not in countries and code not in municipality and not subdivision(code):
            errors.append(f"{entity}: unknown territory code {code}")
    for row in t["initiatives"] + t["firms"]:
        errors += [
            f"{row['id']}: {c} not in ISIC Rev.4"
            for c in codes(row["sector_codes"])
            if c not in isic
        ]
    missing = set(ENUMS["initiatives", "type"].split()) - {r["type"] for r in t["initiatives"]}
    if missing:
        errors.append(f"initiative types missing: {sorted(missing)}")
    if errors:
        return t, [*errors, "gaps not checked: fix the errors above first"]
    return t, check_gaps(t, municipality)


def check_gaps(t: dict[str, list[Row]], municipality: dict[str, str]) -> list[str]:
    initiative = {r["id"]: r for r in t["initiatives"]}
    institution = {r["id"]: r for r in t["institutions"]}
    members: dict[str, set[str]] = defaultdict(set)
    governors: dict[str, set[str]] = defaultdict(set)
    for row in t["participations"]:
        members[row["initiative_id"]].add(row["actor_id"])
    for row in t["governance"]:
        governors[row["initiative_id"]].add(row["institution_id"])
    linked = {
        frozenset((r["initiative_id"], r["partner_initiative_id"])) for r in t["collaborations"]
    }
    linked |= {
        frozenset((r["institution_id"], r["partner_institution_id"])) for r in t["agreements"]
    }
    co_governing = {
        frozenset(pair) for g in governors.values() for pair in itertools.combinations(g, 2)
    }

    def regions(i: str) -> set[str]:
        return {municipality.get(c, c) for c in codes(initiative[i]["territory_codes"]) if "-" in c}

    def divisions(i: str) -> set[str]:
        return {c[:2] for c in codes(initiative[i]["sector_codes"]) if c[0].isdigit()}

    def single_level(i: str) -> bool:
        kinds = {institution[g]["kind"] for g in governors[i]}
        return kinds == {"GOVERNMENT"} and len({institution[g]["level"] for g in governors[i]}) == 1

    def academia(i: str) -> bool:
        return any(
            institution.get(a, {}).get("kind") == "ACADEMIA" for a in members[i] | governors[i]
        )

    def disconnected(a: str, b: str) -> bool:
        shared = (members[a] | governors[a]) & (members[b] | governors[b])
        return not shared and frozenset((a, b)) not in linked

    runner = {r["id"]: r["institution_id"] for r in t["programs"]}
    funders: dict[str, set[str]] = defaultdict(set)
    for row in t["supports"]:
        funders[row["initiative_id"]].add(runner[row["program_id"]])

    def uncoordinated(i: str) -> bool:
        return any(
            frozenset(p) not in linked | co_governing for p in itertools.combinations(funders[i], 2)
        )

    def white_spots() -> set[tuple[str, str]]:
        def region(code: str) -> str | None:
            return municipality.get(code, code) if "-" in code else None

        cells: dict[tuple[str, str], int] = defaultdict(int)
        region_firms: dict[str, int] = defaultdict(int)
        for row in t["firms"]:
            place = region(row["territory_code"])
            if place is None:
                continue
            region_firms[place] += 1
            for division in {c[:2] for c in codes(row["sector_codes"]) if c[0].isdigit()}:
                cells[place, division] += 1
        country_firms: dict[str, int] = defaultdict(int)
        country_cells: dict[tuple[str, str], int] = defaultdict(int)
        for place, n in region_firms.items():
            country_firms[place.split("-")[0]] += n
        for (place, division), n in cells.items():
            country_cells[place.split("-")[0], division] += n
        covered = set()
        for i in ids:
            for code in codes(initiative[i]["territory_codes"]):
                places = {region(code)} if "-" in code else {
                    r for r in region_firms if r.split("-")[0] == code}
                covered |= {(place, d) for place in places for d in divisions(i)}
        return {
            (place, division)
            for (place, division), n in cells.items()
            if n >= WHITE_SPOT_MIN_FIRMS and (place, division) not in covered
            and (n / region_firms[place])
            / (country_cells[place.split("-")[0], division] / country_firms[place.split("-")[0]])
            >= WHITE_SPOT_MIN_QUOTIENT
        }

    ids = sorted(initiative)
    found: dict[str, set[Any]] = {
        "no governing institution": {i for i in ids if not governors[i]},
        "governed by a single level of government": {i for i in ids if single_level(i)},
        "same region and division, nothing shared": {
            (a, b)
            for a, b in itertools.combinations(ids, 2)
            if regions(a) & regions(b) and divisions(a) & divisions(b) and disconnected(a, b)
        },
        "no academia among participants and governors": {i for i in ids if not academia(i)},
        "two programmes whose institutions do not coordinate": {i for i in ids if uncoordinated(i)},
        "many firms of a division in a region, no initiative of it there": white_spots(),
    }
    return [
        f"gap '{gap}': found {sorted(found[gap])}, expected {sorted(expected)}"
        for gap, expected in GAPS.items()
        if found[gap] != expected
    ]


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    tables, errors = check(folder)
    print("rows: " + ", ".join(f"{name} {len(rows)}" for name, rows in tables.items()))
    for message in errors:
        print(f"error: {message}")
    print(f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
