"""Build and check municipalities.csv: the second-level units of Colombia, Mexico and Brazil.

Standalone maintenance script; nothing in the package imports it.

    municipalities.csv <- Colombia: location/Colombia/DANE/out/locations_colombia_dane.csv
                          Mexico:   location/Mexico/INEGI/out/locations_mexico_inegi.csv
                                    (both of cid-harvard/classifications, BSD-3-Clause)
                          Brazil:   csv/municipios.csv and csv/estados.csv
                                    (of kelvins/municipios-brasileiros, MIT)

Each municipality's code is its country's alpha-2 code, a colon and the national code
(DIVIPOLA, INEGI, IBGE); its parent is the ISO 3166-2 code of its department or state,
through the tables below, each checked against pycountry's subdivision names.

Usage (see README.md in this folder):

    python loaders/reference/build_municipalities.py --dane PATH --inegi PATH \
        --ibge-municipios PATH --ibge-estados PATH
    python loaders/reference/build_municipalities.py --check-only
"""

from __future__ import annotations

import argparse
import csv
import unicodedata
from collections import Counter
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
MUNICIPALITIES_CSV = HERE / "municipalities.csv"
HEADER = ("code", "parent_code", "name")
EXPECTED = {"BR": 5571, "CO": 1122, "MX": 2457}
DIGITS = {"BR": 7, "CO": 5, "MX": 5}

# DANE department code (DIVIPOLA) -> ISO 3166-2:CO.
DANE_DEPARTMENTS = {
    "05": "CO-ANT", "08": "CO-ATL", "11": "CO-DC", "13": "CO-BOL", "15": "CO-BOY",
    "17": "CO-CAL", "18": "CO-CAQ", "19": "CO-CAU", "20": "CO-CES", "23": "CO-COR",
    "25": "CO-CUN", "27": "CO-CHO", "41": "CO-HUI", "44": "CO-LAG", "47": "CO-MAG",
    "50": "CO-MET", "52": "CO-NAR", "54": "CO-NSA", "63": "CO-QUI", "66": "CO-RIS",
    "68": "CO-SAN", "70": "CO-SUC", "73": "CO-TOL", "76": "CO-VAC", "81": "CO-ARA",
    "85": "CO-CAS", "86": "CO-PUT", "88": "CO-SAP", "91": "CO-AMA", "94": "CO-GUA",
    "95": "CO-GUV", "97": "CO-VAU", "99": "CO-VID",
}
# INEGI state code (Marco Geoestadístico) -> ISO 3166-2:MX.
INEGI_STATES = {
    "01": "MX-AGU", "02": "MX-BCN", "03": "MX-BCS", "04": "MX-CAM", "05": "MX-COA",
    "06": "MX-COL", "07": "MX-CHP", "08": "MX-CHH", "09": "MX-CMX", "10": "MX-DUR",
    "11": "MX-GUA", "12": "MX-GRO", "13": "MX-HID", "14": "MX-JAL", "15": "MX-MEX",
    "16": "MX-MIC", "17": "MX-MOR", "18": "MX-NAY", "19": "MX-NLE", "20": "MX-OAX",
    "21": "MX-PUE", "22": "MX-QUE", "23": "MX-ROO", "24": "MX-SLP", "25": "MX-SIN",
    "26": "MX-SON", "27": "MX-TAB", "28": "MX-TAM", "29": "MX-TLA", "30": "MX-VER",
    "31": "MX-YUC", "32": "MX-ZAC",
}
# IBGE UF code -> ISO 3166-2:BR.
IBGE_STATES = {
    "11": "BR-RO", "12": "BR-AC", "13": "BR-AM", "14": "BR-RR", "15": "BR-PA", "16": "BR-AP",
    "17": "BR-TO", "21": "BR-MA", "22": "BR-PI", "23": "BR-CE", "24": "BR-RN", "25": "BR-PB",
    "26": "BR-PE", "27": "BR-AL", "28": "BR-SE", "29": "BR-BA", "31": "BR-MG", "32": "BR-ES",
    "33": "BR-RJ", "35": "BR-SP", "41": "BR-PR", "42": "BR-SC", "43": "BR-RS", "50": "BR-MS",
    "51": "BR-MT", "52": "BR-GO", "53": "BR-DF",
}
# Where the source's first-level name and pycountry's differ by more than a qualifier.
SAME_UNIT = {
    ("CO-DC", "bogota, d. c."), ("CO-SAP", "archipielago de san andres, providencia y"),
    ("MX-CMX", "distrito federal"),
}

# The cid-harvard file title-cases INEGI's names ("Pabellón De Arteaga"); INEGI writes these
# words in lower case after the first word ("Pabellón de Arteaga").
INEGI_LOWER = frozenset({"De", "Del", "La", "Las", "Los", "El", "Y", "E"})

Row = tuple[str, str, str]


def fold(text: str) -> str:
    """Lower case, without accents or repeated spaces: for comparing names."""
    plain = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).lower().split())


def require(ok: bool, what: object) -> None:
    if not ok:
        raise SystemExit(f"municipality check failed: {what}")


def subdivision_names() -> dict[str, str]:
    """ISO 3166-2 first-level codes of the three countries and their pycountry names."""
    return {s.code: s.name for country in EXPECTED
            for s in pycountry.subdivisions.get(country_code=country) or []  # type: ignore[no-untyped-call]
            if s.parent_code is None}


def check_crosswalk(table: dict[str, str], source_names: dict[str, str]) -> None:
    """Every first-level unit of the source is in `table`, and names the same unit."""
    iso = subdivision_names()
    require(set(table) == set(source_names), sorted(set(table) ^ set(source_names)))
    for code, parent in table.items():
        require(parent in iso, parent)
        ours, theirs = fold(source_names[code]), fold(iso[parent])
        require(ours in theirs or theirs in ours or (parent, ours) in SAME_UNIT,
                (code, parent, source_names[code], iso[parent]))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def colombia(path: Path) -> list[Row]:
    rows = read_csv(path)
    departments = {r["code"]: r["name"] for r in rows if r["level"] == "department"}
    check_crosswalk(DANE_DEPARTMENTS, departments)
    return [(f"CO:{r['code']}", DANE_DEPARTMENTS[r["code"][:2]], " ".join(r["name"].split()))
            for r in rows if r["level"] == "municipality"]


def mexico(path: Path) -> list[Row]:
    rows = read_csv(path)
    states = {r["code"]: r["name_es"] for r in rows if r["level"] == "department"}
    check_crosswalk(INEGI_STATES, states)
    return [(f"MX:{r['code']}", INEGI_STATES[r["code"][:2]], inegi_case(r["name_es"]))
            for r in rows if r["level"] == "municipality"]


def inegi_case(name: str) -> str:
    first, *rest = name.split()
    return " ".join([first, *(w.lower() if w in INEGI_LOWER else w for w in rest)])


def brazil(municipios: Path, estados: Path) -> list[Row]:
    states = {r["codigo_uf"]: r["nome"] for r in read_csv(estados)}
    check_crosswalk(IBGE_STATES, states)
    abbreviations = {r["codigo_uf"]: r["uf"] for r in read_csv(estados)}
    require(all(IBGE_STATES[c] == f"BR-{uf}" for c, uf in abbreviations.items()), abbreviations)
    rows = []
    for r in read_csv(municipios):
        require(r["codigo_ibge"].startswith(r["codigo_uf"]), r)
        rows.append((f"BR:{r['codigo_ibge']}", IBGE_STATES[r["codigo_uf"]],
                     " ".join(r["nome"].split())))
    return rows


def check(rows: list[Row]) -> Counter[str]:
    codes = [r[0] for r in rows]
    require(len(codes) == len(set(codes)), "duplicate codes")
    iso = subdivision_names()
    for code, parent, name in rows:
        country, _, national = code.partition(":")
        require(country in DIGITS and len(national) == DIGITS[country] and national.isdigit(),
                code)
        require(parent in iso and parent.startswith(f"{country}-"), (code, parent))
        require(bool(name) and name == name.strip(), code)
    counts = Counter(r[0][:2] for r in rows)
    require(dict(counts) == EXPECTED, counts)
    return counts


def write(rows: list[Row]) -> None:
    with MUNICIPALITIES_CSV.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(sorted(rows))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build and check municipalities.csv.")
    parser.add_argument("--dane", type=Path, help="locations_colombia_dane.csv")
    parser.add_argument("--inegi", type=Path, help="locations_mexico_inegi.csv")
    parser.add_argument("--ibge-municipios", type=Path, help="csv/municipios.csv")
    parser.add_argument("--ibge-estados", type=Path, help="csv/estados.csv")
    parser.add_argument("--check-only", action="store_true", help="only check the CSV here")
    args = parser.parse_args(argv)

    if not args.check_only:
        sources = (args.dane, args.inegi, args.ibge_municipios, args.ibge_estados)
        if not all(sources):
            parser.error("give all four source files, or --check-only")
        rows = (colombia(args.dane) + mexico(args.inegi)
                + brazil(args.ibge_municipios, args.ibge_estados))
        check(rows)
        write(rows)
    rows = [(r["code"], r["parent_code"], r["name"]) for r in read_csv(MUNICIPALITIES_CSV)]
    counts = check(rows)
    print(f"municipalities.csv: {len(rows)} rows, " + ", ".join(
        f"{country} {n}" for country, n in sorted(counts.items())))


if __name__ == "__main__":
    main()
