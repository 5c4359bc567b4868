"""`articula load`: read, validate everything, then write all or nothing."""

from collections.abc import Callable
from pathlib import Path

import neo4j

from loaders.cypher_run import in_transactions
from loaders.dataset_duplicates import dataset_duplicates
from loaders.known import DatabaseKnown
from loaders.numbers import NumberLocale, parse_locale
from loaders.problems import DatasetError
from loaders.readers import read_dataset
from loaders.reference_data import apply_schema, load_reference
from loaders.validation import Dataset, validate
from loaders.writer import SINGLE_TRANSACTION_ROWS, LoadSummary, recover, territory_codes, write
from service import messages
from service.cypher_catalog import cypher
from service.errors import ArticulaError
from service.messages import msg

RACE_ATTEMPTS = 5  # a load that loses a race for new ids is validated and written again


class LoadRaceLost(ArticulaError):
    code = "LOAD_CONFLICT"


def validated(path: Path, driver: neo4j.Driver, database: str, numbers: NumberLocale | None,
              say: Callable[[str], None], strict: bool = False) -> Dataset:
    """The dataset at `path`, read and validated against the database, each step said, with
    its likely duplicates as warnings (`strict`: as problems, and DatasetError)."""
    say(messages.say("cli.load.reading", name=path.name))
    raw = read_dataset(path)
    say(messages.say("cli.load.validating", rows=sum(len(t.frame) for t in raw.values())))
    dataset = validate(raw, DatabaseKnown(driver, database), numbers)
    raw = {name: table.without_cells() for name, table in raw.items()}
    dataset.warnings = [problem for problem, _ in dataset_duplicates(raw, dataset, driver,
                                                                     database)]
    if strict and dataset.warnings:
        raise DatasetError(dataset.warnings)
    return dataset


def load(path: Path, driver: neo4j.Driver, database: str, *, dry_run: bool = False,
         progress: bool = True, say: Callable[[str], None] = lambda message: None,
         single_transaction_rows: int = SINGLE_TRANSACTION_ROWS,
         lease_s: float | None = None, locale: str | None = None,
         strict: bool = False) -> LoadSummary:
    """Load the dataset at `path`; DatasetError (and no write) when anything is wrong.
    `lease_s`: the lease of a large load (ARTICULA_LOAD_LEASE by default); `locale`: how
    the dataset writes numbers (es-CO: 1.234,5), else each file's numbers tell; `strict`:
    likely duplicates are problems, not warnings."""
    numbers = parse_locale(locale)
    for load_id in recover(driver, database, lease_s):
        say(messages.say("cli.load.rolled_back", id=load_id))
    dataset = validated(path, driver, database, numbers, say, strict)
    if dry_run:
        return LoadSummary(source=path.name, dry_run=True, rows=dataset.count(),
                           warnings=dataset.warnings)
    apply_schema(driver, database)
    load_reference(driver, database, territory_codes(dataset))
    attempt = 1
    while True:
        try:
            summary = write(driver, database, dataset, path.name, progress=progress,
                            single_transaction_rows=single_transaction_rows, lease_s=lease_s)
            summary.warnings = dataset.warnings
            return summary
        except neo4j.exceptions.ConstraintError as error:
            # Another load created some of these ids since validation: this one wrote
            # nothing, and a load is idempotent, so validate against the new state again.
            if attempt == RACE_ATTEMPTS:
                raise LoadRaceLost(msg("error.load.race", name=path.name,
                                       attempts=attempt)) from error
            attempt += 1
            say(messages.say("cli.load.again"))
            dataset = validated(path, driver, database, numbers, say, strict)


SAMPLE = Path(__file__).with_name("sample")


def load_sample_if_empty(driver: neo4j.Driver, database: str) -> LoadSummary | None:
    """Load the sample dataset into a database that holds no dataset yet."""
    records, _, _ = driver.execute_query(cypher("db/is_empty"), database_=database,
                                         routing_=neo4j.RoutingControl.READ)
    if not records[0]["empty"]:
        return None
    return load(SAMPLE, driver, database, progress=False)


def reset(driver: neo4j.Driver, database: str) -> int:
    """Delete everything but the reference data, the API keys and the audit trail (what
    `articula db reset` does): the relationships first, then the nodes, in batches; return
    the new graph version."""
    in_transactions(driver, database, "db/reset_relationships")
    in_transactions(driver, database, "db/reset")
    records, _, _ = driver.execute_query(cypher("db/bump_version"), database_=database)
    return int(records[0]["version"])


def init(driver: neo4j.Driver, database: str) -> dict[str, int]:
    """Schema and reference data, idempotently: what `articula db init` does."""
    statements = apply_schema(driver, database)
    recover(driver, database)
    return {"schema statements": statements, **load_reference(driver, database)}
