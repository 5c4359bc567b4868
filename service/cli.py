"""The `articula` command: the local Neo4j server and the service."""

import argparse
import sys
from collections.abc import Sequence

from service.errors import ArticulaError
from service.local_neo4j import LocalNeo4j
from service.settings import Settings, get_settings


def _neo4j(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.uses_local_server:
        print(
            f"NEO4J_URI is set ({settings.neo4j_uri}): the local server is not used; "
            "unset NEO4J_URI to manage it.",
            file=sys.stderr,
        )
        return 2
    server = LocalNeo4j(settings)
    if args.action == "start":
        server.start()
    elif args.action == "stop":
        print("Neo4j stopped." if server.stop() else "Neo4j was not running.")
    else:
        status = server.status()
        print(status.describe())
        return 0 if status.running else 3
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from service.app import create_app

    server = LocalNeo4j(settings) if settings.uses_local_server else None
    started_here = False
    if server is not None:
        started_here = server.pid() is None
        server.start()
    host, port = args.host or settings.host, args.port or settings.port
    print(f"Articula GraphQL at http://{host}:{port}/graphql", flush=True)
    try:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
    finally:
        if server is not None and started_here:
            print("Stopping the local Neo4j this command started...", flush=True)
            server.stop()
    return 0


def _schema(args: argparse.Namespace, settings: Settings) -> int:
    from service.api.schema import schema

    print(schema.as_str())
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="articula",
        description="Network analysis of territorial productive articulation initiatives.",
    )
    commands = root.add_subparsers(dest="command", required=True)

    neo4j = commands.add_parser(
        "neo4j", help="manage the local Neo4j + GDS server (used when NEO4J_URI is unset)"
    )
    neo4j.add_argument("action", choices=["start", "stop", "status"])
    neo4j.set_defaults(run=_neo4j)

    serve = commands.add_parser(
        "serve", help="run the GraphQL service, starting the local Neo4j when needed"
    )
    serve.add_argument("--host", help="address to bind (default ARTICULA_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default ARTICULA_PORT or 8000)")
    serve.set_defaults(run=_serve)

    schema = commands.add_parser(
        "schema", help="print the GraphQL schema (SDL), as kept in graphql/schema.graphql"
    )
    schema.set_defaults(run=_schema)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args, get_settings()))
    except ArticulaError as error:
        print(f"articula: {error.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
