"""The `articula` command: the local Neo4j server, the database, datasets and the service.

Every command that writes to the database records an audit entry with role `cli` and the
operating-system user, after its write commits.
"""

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import neo4j

from service.audit import Who, load_summary, record
from service.cli_words import speak_argparse
from service.database import sync_driver, translated_errors
from service.errors import ArticulaError
from service.local_neo4j import LocalNeo4j
from service.messages import say
from service.progress import Progress
from service.settings import Settings, get_settings

if TYPE_CHECKING:
    from loaders.writer import LoadSummary


def _neo4j(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.uses_local_server:
        print(say("cli.uri_set", uri=settings.neo4j_uri), file=sys.stderr)
        return 2
    server = LocalNeo4j(settings)
    if args.action == "start":
        server.start()
        server.keep()  # the user's now: `articula serve` leaves it running at its end
    elif args.action == "stop":
        print(say("cli.neo4j_stopped") if server.stop() else say("cli.neo4j_not_running"))
    else:
        status = server.status()
        print(status.describe())
        return 0 if status.running else 3
    return 0


def load_sample(driver: neo4j.Driver, database: str) -> "LoadSummary | None":
    """`serve`'s start: the sample dataset into a database that holds none, audited."""
    from loaders.load import load_sample_if_empty

    sample = load_sample_if_empty(driver, database)
    if sample is not None:
        record(driver, database, Who.command_line(), "load", after=load_summary(sample),
               load=sample.load_id, version=sample.graph_version)
    return sample


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from service.supervisor import serve

    server = LocalNeo4j(settings) if settings.uses_local_server else None
    if server is not None:
        server.start(quiet=True)
    try:
        if not args.no_sample:
            with sync_driver(settings) as driver, translated_errors(settings):
                sample = load_sample(driver, settings.neo4j_database)
            if sample is not None:
                print(say("cli.sample_loaded", created=sample.created), flush=True)
        host, port = args.host or settings.host, args.port or settings.port
        print(say("cli.serving", url=f"http://{host}:{port}/graphql"), flush=True)
        status = serve(host, port, args.workers)
    finally:
        if server is not None:
            _stop_own(server)
    return status


def _stop_own(server: LocalNeo4j) -> None:
    """Stop the local Neo4j if this command started it and it is still that server, unless
    `articula neo4j start` took it over meanwhile; leave any other one running."""
    if server.ours_to_stop:
        print(say("cli.stopping_own"), flush=True)
        server.stop()
    elif server.started_here:
        print(say("cli.leaving_running", uri=server.uri), flush=True)


def _driver(settings: Settings) -> neo4j.Driver:
    """A driver on NEO4J_URI, or on the local server, started when it is not running."""
    if settings.uses_local_server:
        LocalNeo4j(settings, say=lambda message: print(message, file=sys.stderr)).start(
            quiet=True)
    return sync_driver(settings)


def _db(args: argparse.Namespace, settings: Settings) -> int:
    from loaders.load import init, reset

    if args.action in ("dump", "restore"):
        return _backup(args, settings)
    if args.action == "export":
        return _export(args, settings)
    if args.action == "reset" and not args.yes:
        print("articula: " + say("cli.reset_confirm"), file=sys.stderr)
        return 2
    with (_driver(settings) as driver,
          translated_errors(settings, operation=f"`articula db {args.action}`")):
        version = None
        if args.action == "reset":
            version = reset(driver, settings.neo4j_database)
            print(say("cli.reset_done", version=version))
        counts = init(driver, settings.neo4j_database)
        record(driver, settings.neo4j_database, Who.command_line(), f"db {args.action}",
               after=counts, version=version)
        print(say("cli.init_done", counts=[f"{count} {what}" for what, count in counts.items()]))
    return 0


def _backup(args: argparse.Namespace, settings: Settings) -> int:
    from service.backup import dump, restore

    if not args.file:
        print("articula: " + say("cli.needs_file", action=args.action), file=sys.stderr)
        return 2
    if args.action == "restore" and not args.yes:
        print("articula: " + say("cli.restore_confirm"), file=sys.stderr)
        return 2
    path = Path(args.file)
    database = settings.neo4j_database
    with (_driver(settings) as driver,
          translated_errors(settings, operation=f"`articula db {args.action}`")):
        if args.action == "dump":
            summary = dump(driver, database, path, show_progress=True)
            print(say("cli.dumped", nodes=summary.nodes, relationships=summary.relationships,
                      path=str(path)))
        else:
            summary = restore(driver, database, path,
                              progress=lambda message: print(message, file=sys.stderr),
                              show_progress=True)
            record(driver, database, Who.command_line(), "db restore", after={
                "file": str(path), "nodes": summary.nodes,
                "relationships": summary.relationships})
            print(say("cli.restored", nodes=summary.nodes,
                      relationships=summary.relationships, path=str(path)))
    return 0


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from loaders.dataset_export import export_dataset

    if not args.file:
        print("articula: " + say("cli.needs_file", action=args.action), file=sys.stderr)
        return 2
    with (_driver(settings) as driver,
          translated_errors(settings, operation="`articula db export`")):
        summary = export_dataset(driver, settings.neo4j_database, Path(args.file),
                                 show_progress=True)
    for note in summary.notes():
        print("articula: " + note.render(), file=sys.stderr)
    print(say("cli.exported", rows=summary.total, tables=len(summary.rows), path=args.file))
    return 0


def _keys(args: argparse.Namespace, settings: Settings) -> int:
    from service.access import create_key, list_keys, revoke_key

    database = settings.neo4j_database
    with _driver(settings) as driver, translated_errors(settings):
        if args.action == "create":
            new = create_key(driver, database, args.name or "", args.role)
            record(driver, database, Who.command_line(), "keys create", targets=[new.id],
                   after={"id": new.id, "name": new.name, "role": new.role.name})
            print(say("cli.key_created", role=new.role.name, id=new.id, name=new.name,
                      key=new.key))
        elif args.action == "list":
            keys = list_keys(driver, database)
            print(f"{'id':<13} {say('cli.keys.role'):<7} {say('cli.keys.created'):<31} "
                  f"{say('cli.keys.revoked'):<8} {say('cli.keys.name')}")
            for key in keys:
                print(f"{key['id']:<13} {key['role']:<7} {key['createdAt']:<31} "
                      f"{say('cli.yes') if key['revokedAt'] else say('cli.no'):<8} {key['name']}")
        else:
            if not args.id:
                print("articula: " + say("cli.revoke_needs_id"), file=sys.stderr)
                return 2
            revoked_at = revoke_key(driver, database, args.id)
            record(driver, database, Who.command_line(), "keys revoke", targets=[args.id],
                   after={"id": args.id, "revokedAt": revoked_at})
            print(say("cli.key_revoked", id=args.id, at=revoked_at))
    return 0


def _load(args: argparse.Namespace, settings: Settings) -> int:
    from loaders.load import load

    if args.bulk:
        return _bulk_load(args, settings)
    with _driver(settings) as driver, translated_errors(settings, operation="`articula load`"):
        summary = load(Path(args.path), driver, settings.neo4j_database,
                       dry_run=args.dry_run, progress=True, locale=args.locale,
                       strict=args.strict,
                       say=lambda message: print(message, file=sys.stderr, flush=True))
        if not args.dry_run:
            record(driver, settings.neo4j_database, Who.command_line(), "load",
                   after=load_summary(summary), load=load_summary(summary)["loadId"],
                   version=summary.graph_version)
    print(summary.describe())
    return 0


def _bulk_load(args: argparse.Namespace, settings: Settings) -> int:
    from loaders.bulk import bulk_load

    def tell(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    with translated_errors(settings, operation="`articula load --bulk`"):
        server = LocalNeo4j(settings, say=tell) if settings.uses_local_server else None
        summary = bulk_load(Path(args.path), settings, server=server, dry_run=args.dry_run,
                            progress=sys.stderr.isatty(), say=tell, locale=args.locale,
                            strict=args.strict)
        if not args.dry_run:
            with sync_driver(settings) as driver:
                record(driver, settings.neo4j_database, Who.command_line(), "load --bulk",
                       after=load_summary(summary), load=load_summary(summary)["loadId"],
                       version=summary.graph_version)
    print(summary.describe())
    return 0


def _generate(args: argparse.Namespace, settings: Settings) -> int:
    from loaders.synthetic import MIN_ACTORS, OUTPUT, generate

    if args.actors < MIN_ACTORS:
        print("articula: " + say("cli.min_actors", minimum=MIN_ACTORS), file=sys.stderr)
        return 2
    with Progress(say("cli.generate.writing"), len(OUTPUT), say("cli.unit.tables"),
                  every=0) as bar:
        rows = generate(Path(args.out), args.actors, args.seed,
                        progress=lambda message: bar.update())
    print(say("cli.generated", rows=sum(rows.values()), tables=len(rows), out=str(args.out)))
    return 0


def _schema(args: argparse.Namespace, settings: Settings) -> int:
    from service.api.schema import schema

    print(schema.as_str())
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(say("cli.help.not_positive", value=value))
    return value


def parser() -> argparse.ArgumentParser:
    speak_argparse()
    root = argparse.ArgumentParser(
        prog="articula",
        description=say("cli.help.description"),
    )
    commands = root.add_subparsers(dest="command", required=True)

    neo4j = commands.add_parser(
        "neo4j", help=say("cli.help.neo4j"))
    neo4j.add_argument("action", choices=["start", "stop", "status"])
    neo4j.set_defaults(run=_neo4j)

    serve = commands.add_parser(
        "serve", help=say("cli.help.serve"))
    serve.add_argument("--host", help=say("cli.help.host"))
    serve.add_argument("--port", type=int, help=say("cli.help.port"))
    serve.add_argument("--no-sample", action="store_true", help=say("cli.help.no_sample"))
    serve.add_argument("--workers", type=_positive, default=1, help=say("cli.help.workers"))
    serve.set_defaults(run=_serve)

    db = commands.add_parser(
        "db", help=say("cli.help.db"))
    db.add_argument("action", choices=["init", "reset", "dump", "restore", "export"],
                    help=say("cli.help.db_action"))
    db.add_argument("file", nargs="?", help=say("cli.help.db_file"))
    db.add_argument("--yes", action="store_true", help=say("cli.help.yes"))
    db.set_defaults(run=_db)

    load = commands.add_parser(
        "load", help=say("cli.help.load"))
    load.add_argument("path", help=say("cli.help.load_path"))
    load.add_argument("--dry-run", action="store_true", help=say("cli.help.dry_run"))
    load.add_argument("--locale", help=say("cli.help.locale"))
    load.add_argument("--bulk", action="store_true", help=say("cli.help.bulk"))
    load.add_argument("--strict", action="store_true", help=say("cli.help.strict"))
    load.set_defaults(run=_load)

    generate = commands.add_parser(
        "generate", help=say("cli.help.generate"))
    generate.add_argument("--actors", type=int, required=True, help=say("cli.help.actors"))
    generate.add_argument("--seed", type=int, default=0, help=say("cli.help.seed"))
    generate.add_argument("out", help=say("cli.help.out"))
    generate.set_defaults(run=_generate)

    keys = commands.add_parser("keys", help=say("cli.help.keys"))
    keys.add_argument("action", choices=["create", "list", "revoke"])
    keys.add_argument("id", nargs="?", help=say("cli.help.key_id"))
    keys.add_argument("--name", help=say("cli.help.key_name"))
    keys.add_argument("--role", choices=["READER", "EDITOR", "ADMIN"], default="READER",
                      help=say("cli.help.key_role"))
    keys.set_defaults(run=_keys)

    schema = commands.add_parser(
        "schema", help=say("cli.help.schema"))
    schema.set_defaults(run=_schema)

    from service.analytics.command import add_parser as add_analyze

    add_analyze(commands)
    return root


class _NoRetryNotices(logging.Filter):
    """Drops the driver's notice of each retried transaction: the retry is the driver's
    business, and an error that outlasts the retries reaches the user as an error."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "will be retried" not in str(record.msg)


RETRY_NOTICES = _NoRetryNotices()


def quiet_driver() -> None:
    """Keep the driver's retry notices out of the commands' output, and the server's
    notifications about statements (a property no node has yet, in an empty database):
    they speak to whoever writes the statements, not to whoever runs the command."""
    session = logging.getLogger("neo4j.session")
    if RETRY_NOTICES not in session.filters:
        session.addFilter(RETRY_NOTICES)
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    quiet_driver()
    try:
        return int(args.run(args, get_settings()))
    except ArticulaError as error:
        print(f"articula: {error.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
