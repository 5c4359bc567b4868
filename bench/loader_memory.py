"""The loader's memory, stage by stage, on a generated dataset, without a database.

    .venv/bin/python bench/loader_memory.py DATASET_FOLDER

Reads the dataset, validates it against the reference data alone (what a first load into an
empty database sees), finds its likely duplicates and plans its writes, as `articula load`
does before it writes, then writes the import files of `articula load --bulk` (into a
temporary folder, deleted at the end); after each stage prints the seconds since the start,
the process's resident memory, the stage's own peak and the peak so far (MB; the kernel's
peak is reset after each stage, through /proc/self/clear_refs). The live load's writes make
their rows a batch at a time and add little (`bench/load_throughput.py` measures a whole
load's peak).
"""

import argparse
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from loaders.bulk import reference_image, write_import_files
from loaders.dataset_duplicates import dataset_records
from loaders.duplicates import likely_duplicates
from loaders.known import reference_names
from loaders.readers import read_dataset
from loaders.reference_data import sector_rows, territory_rows
from loaders.validation import validate
from loaders.writer import LoadSummary, plan


class ReferenceOnly:
    """What an empty database holds: the reference data."""

    def entities(self, ids: list[str]) -> dict[str, frozenset[str]]:
        return {}

    def territories(self, codes: list[str]) -> set[str]:
        known = {row["code"] for row in territory_rows()}
        return {code for code in codes if code in known}

    def sectors(self, codes: list[str]) -> set[str]:
        known = {row["code"] for row in sector_rows()}
        return {code for code in codes if code in known}

    def territory_names(self, prefixes: list[str]) -> dict[str, str]:
        return reference_names(territory_rows(), prefixes)

    def sector_names(self, prefixes: list[str]) -> dict[str, str]:
        return reference_names(sector_rows(), prefixes)


def memory_mb() -> tuple[float, float]:
    """Resident memory now, and its peak since the last call (which starts a new one)."""
    status = dict(line.split(":", 1) for line in
                  Path("/proc/self/status").read_text().splitlines() if ":" in line)
    Path("/proc/self/clear_refs").write_text("5")
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset", type=Path)
    args = parser.parse_args()
    began = time.perf_counter()

    highest = 0.0

    def stage(name: str, **figures: Any) -> None:
        nonlocal highest
        now, peak = memory_mb()
        highest = max(highest, peak)
        extra = "".join(f" {key}={value:,}" for key, value in figures.items())
        print(f"{name:<12} {time.perf_counter() - began:7.1f} s  {now:8,.0f} MB  "
              f"stage peak {peak:8,.0f} MB  peak {highest:8,.0f} MB{extra}", flush=True)

    stage("start")
    raw = read_dataset(args.dataset)
    stage("read", rows=sum(len(table.frame) for table in raw.values()))
    dataset = validate(raw, ReferenceOnly())
    raw = {name: table.without_cells() for name, table in raw.items()}  # as the loader does
    stage("validated")
    records = dataset_records(raw, dataset, set())
    pairs = likely_duplicates(records)
    del records, raw  # the loader keeps only the dataset after this
    stage("duplicates", pairs=len(pairs))
    steps = plan(dataset)
    stage("planned", rows=sum(len(step.rows) for step in steps))
    del steps  # the import files' writer plans its own, as `articula load --bulk` does
    folder = Path(tempfile.mkdtemp(prefix="articula-import-files-"))
    try:
        files = write_import_files(dataset, reference_image(), folder, "bench",
                                   LoadSummary("bench"))
        stage("import files", lines=files.node_count + files.relationship_count,
              MiB=sum(path.stat().st_size for path in folder.iterdir()) // 2**20)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
