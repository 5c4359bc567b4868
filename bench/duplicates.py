"""The duplicate detector (loaders/duplicates.py): precision and recall on the labelled name
pairs in tests/data/, and the time to compare every firm, institution and initiative of a
synthetic dataset.

    .venv/bin/python bench/duplicates.py [--actors 100000] [--seed 1]

Generates the synthetic dataset into a temporary folder. Prints a Markdown table per part.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from loaders.dataset_duplicates import TABLES, places
from loaders.duplicates import Record, likely_duplicates, verdict
from loaders.synthetic import generate

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SETS = {"development": "duplicate_pairs.csv", "held out": "duplicate_pairs_held_out.csv"}


def labelled(name: str) -> list[tuple[Record, Record, bool]]:
    with (DATA / name).open(encoding="utf-8", newline="") as file:
        return [(Record("a", row["kind"], row["name_a"], row["country"], row["tax_a"] or None),
                 Record("b", row["kind"], row["name_b"], row["country"], row["tax_b"] or None),
                 row["duplicate"] == "1")
                for row in csv.DictReader(file)]


def quality() -> None:
    print("| set | pairs | duplicates | found right | found wrong | missed | precision | recall |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    every = {k: labelled(v) for k, v in SETS.items()}
    every["all"] = [pair for pairs in list(every.values()) for pair in pairs]
    for name, pairs in every.items():
        said = [(verdict(a, b) is not None, truth) for a, b, truth in pairs]
        right = sum(s and t for s, t in said)
        wrong = sum(s and not t for s, t in said)
        missed = sum(t and not s for s, t in said)
        print(f"| {name} | {len(pairs)} | {right + missed} | {right} | {wrong} | {missed} | "
              f"{right / (right + wrong):.2f} | {right / (right + missed):.2f} |")


def records(folder: Path) -> list[Record]:
    with (folder / "territories.csv").open(encoding="utf-8", newline="") as file:
        parents = {row["code"]: row["parent_code"] or None for row in csv.DictReader(file)}
    found = []
    for table, kind in TABLES.items():
        with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                codes = (row["territory_codes"].split(";") if table == "initiatives"
                         else row["territory_code"])
                country, region = places(codes, parents)
                found.append(Record(row["id"], kind, row["name"], country,
                                    row.get("tax_id") or None, region))
    return found


def speed(actors: int, seed: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), actors, seed)
        every = records(Path(folder))
    started = time.perf_counter()
    found = likely_duplicates(every)
    seconds = time.perf_counter() - started
    print("| actors | records compared | likely duplicates | seconds |")
    print("| ---: | ---: | ---: | ---: |")
    print(f"| {actors:,} | {len(every):,} | {len(found)} | {seconds:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    quality()
    print()
    speed(args.actors, args.seed)


if __name__ == "__main__":
    main()
