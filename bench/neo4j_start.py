"""Time `articula neo4j start`: cold (nothing fetched yet), warm (jars and data there), running.

Cold uses an empty Maven repository and a fresh ARTICULA_HOME, so it includes the
download from Maven Central; `--maven-repository ~/.m2/repository` starts from the jars
already there instead (the copy and the first start, without the download). Run:
`.venv/bin/python bench/neo4j_start.py [--port 7697] [--maven-repository DIR]`.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(command: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=7697, help="Bolt port for the bench server")
    parser.add_argument("--maven-repository", type=Path,
                        help="a Maven repository holding the jars (default: a new, empty one)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="articula-bench-"))
    repository = args.maven_repository or work / "m2"
    env = {
        **{k: v for k, v in os.environ.items() if k != "NEO4J_URI"},
        "ARTICULA_HOME": str(work / "home"),
        "ARTICULA_BOLT_PORT": str(args.port),
        "MAVEN_OPTS": f"-Dmaven.repo.local={repository}",
    }
    articula = [sys.executable, "-m", "service.cli", "neo4j"]
    cold = ("cold (jars from the Maven repository + first start)" if args.maven_repository
            else "cold (download + first start)")
    try:
        rows = [(cold, timed([*articula, "start"], env))]
        rows.append(("stop", timed([*articula, "stop"], env)))
        rows.append(("warm (jars and data present)", timed([*articula, "start"], env)))
        rows.append(("again while running", timed([*articula, "start"], env)))
    finally:
        subprocess.run([*articula, "stop"], env=env, check=False, stdout=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)
    print("| step | seconds |\n| --- | ---: |")
    for step, seconds in rows:
        print(f"| {step} | {seconds:.1f} |")


if __name__ == "__main__":
    main()
