"""Loading a dataset again right after `articula db reset`: each write step's time, load after
load, on one server.

    .venv/bin/python bench/reload_after_reset.py --actors 1000000 --seed 7 --bolt-port 7715 \\
        [--reloads 2] [--heap 8g]

A fresh local server (an empty store, then the reference data) loads a synthetic dataset
with `articula load`'s validation and write (in this process, the write's steps timed),
then, `--reloads` times, `articula db reset --yes` runs as a process of its own (as a user
runs it) and the same dataset is loaded again. Each step is timed from its first batch's
start to its last batch's end, and every batch attempt is counted (a deadlock the driver
retries is one more attempt).
Prints a Markdown table for BENCHMARKS.md; the server is stopped and its store removed at
the end.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j
from api_throughput import child_env
from load_throughput import server_for

import loaders.writer as writer
from loaders.load import init, validated

ARTICULA = str(Path(sys.executable).with_name("articula"))


@dataclass
class StepTimes:
    """When a step's batches ran: the first start, the last end, the attempts."""

    first: float = float("inf")
    last: float = 0.0
    attempts: int = 0

    @property
    def seconds(self) -> float:
        return self.last - self.first


@dataclass
class Timing:
    steps: dict[str, StepTimes] = field(default_factory=dict)

    def watch(self) -> None:
        """Time every batch the writer applies (`loaders.writer._apply`)."""
        apply = writer._apply

        def timed(tx: neo4j.ManagedTransaction, step: writer.Step,
                  batch: Sequence[dict[str, Any]], stamp: dict[str, Any]) -> writer.Applied:
            times = self.steps.setdefault(step.label, StepTimes())
            began = time.perf_counter()
            times.first = min(times.first, began)
            times.attempts += 1
            result = apply(tx, step, batch, stamp)
            times.last = max(times.last, time.perf_counter())
            return result

        writer._apply = timed


def load_once(driver: neo4j.Driver, data: Path, timing: Timing) -> dict[str, Any]:
    timing.steps.clear()
    began = time.perf_counter()
    dataset = validated(data, driver, "neo4j", None, say=lambda message: None)
    checked = time.perf_counter()
    writer.write(driver, "neo4j", dataset, "bench", progress=False)
    written = time.perf_counter()
    return {"validate_s": checked - began, "write_s": written - checked,
            "steps": {label: (t.seconds, t.attempts) for label, t in timing.steps.items()}}


SHOWN = ("firms", "firm territories", "firm sectors", "participations", "supplies")


def table(rounds: list[dict[str, Any]]) -> str:
    """The write steps that touch the most rows, each with its seconds and attempts."""
    lines = ["| load | after | reset s | validate s | write s | "
             + " | ".join(f"{label} s (attempts)" for label in SHOWN) + " |",
             "| ---: | --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in SHOWN) + " |"]
    for number, r in enumerate(rounds, 1):
        reset = f"{r['reset_s']:.1f}" if r["reset_s"] is not None else "n/a"
        cells = [f"{r['steps'][label][0]:.1f} ({r['steps'][label][1]})"
                 if label in r["steps"] else "n/a" for label in SHOWN]
        lines.append(f"| {number} | {r['after']} | {reset} | {r['validate_s']:.1f} "
                     f"| {r['write_s']:.1f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--bolt-port", type=int, default=7715)
    parser.add_argument("--reloads", type=int, default=2)
    parser.add_argument("--heap", help="the server's heap (ARTICULA_NEO4J_HEAP otherwise)")
    args = parser.parse_args()
    if args.heap:
        os.environ["ARTICULA_NEO4J_HEAP"] = args.heap
    server = server_for(args.bolt_port)
    server.start()
    settings = server.settings
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    work = Path(tempfile.mkdtemp(prefix="articula-bench-"))
    timing = Timing()
    timing.watch()
    rounds: list[dict[str, Any]] = []
    try:
        subprocess.run([ARTICULA, "generate", "--actors", str(args.actors), "--seed",
                        str(args.seed), str(work / "data")], check=True,
                       stdout=subprocess.DEVNULL)
        with neo4j.GraphDatabase.driver(server.uri, auth=auth,
                                        notifications_min_severity="OFF") as driver:
            init(driver, "neo4j")
            for number in range(args.reloads + 1):
                reset_s = None
                if number:
                    began = time.perf_counter()
                    subprocess.run([ARTICULA, "db", "reset", "--yes"], check=True,
                                   env=child_env(settings), stdout=subprocess.DEVNULL)
                    reset_s = time.perf_counter() - began
                figures = load_once(driver, work / "data", timing)
                figures.update(reset_s=reset_s, after="`articula db reset`" if number
                               else "a store that never held the dataset")
                print(f"{time.strftime('%H:%M:%S')} load {number + 1}: reset {reset_s}, "
                      f"write {figures['write_s']:.1f} s, {figures['steps']}",
                      file=sys.stderr, flush=True)
                rounds.append(figures)
    finally:
        server.stop()
        shutil.rmtree(server.directory, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    print(table(rounds))


if __name__ == "__main__":
    main()
