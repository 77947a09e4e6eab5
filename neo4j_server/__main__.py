"""``python -m neo4j_server fetch|start|stop|import``: a local Neo4j for people who have none."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from neo4j_server.server import (
    CACHE_DIR,
    NEO4J_VERSION,
    Neo4jServer,
    ServerSetupError,
    fetch_jars,
    import_csv,
    java_command,
    stop_detached,
)

DEFAULT_HOME = CACHE_DIR / "home"
DEFAULT_PORT = 7687
# Set before the first start of a home, as its initial password. The server listens on 127.0.0.1
# only: this is a development password, not a secret.
DEFAULT_PASSWORD = "vn-legal-graph"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m neo4j_server",
        description=(
            f"Run Neo4j Community {NEO4J_VERSION} from Maven Central's jars on Java 17, on "
            "127.0.0.1 only: for trying the Neo4j store without installing Neo4j. Needs java "
            "(17+) and mvn."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("fetch", help=f"download the jars into {CACHE_DIR} (once)")
    start = commands.add_parser("start", help="start a server in the background")
    stop = commands.add_parser("stop", help="stop the server started with start")
    load = commands.add_parser(
        "import",
        help="neo4j-admin database import of a CSV export into a new home (server stopped)",
        description=(
            "Import the files of `python -m graph export --format csv --out DIR` with "
            "neo4j-admin database import full, into the database 'neo4j' of a home that has "
            "none yet; then start a server on that home: the loader can go on updating it."
        ),
    )
    load.add_argument("directory", type=Path, metavar="DIR", help="the CSV export")
    for sub in (start, stop, load):
        sub.add_argument(
            "--home",
            type=Path,
            default=DEFAULT_HOME,
            help=f"data and logs (default: {DEFAULT_HOME})",
        )
    start.add_argument("--port", type=int, default=DEFAULT_PORT, help="bolt port (default: 7687)")
    start.add_argument(
        "--password",
        default=DEFAULT_PASSWORD,
        help=f"initial password of user neo4j, on a new home (default: {DEFAULT_PASSWORD})",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "fetch":
            java_command()
            print(f"Neo4j {NEO4J_VERSION} jars in {fetch_jars()}")
        elif args.command == "start":
            server = Neo4jServer(args.home, port=args.port, password=args.password)
            server.start(detach=True)
            started = server.process.pid if server.process else "?"
            print(
                f"Neo4j {NEO4J_VERSION} is running at {server.uri} (pid {started}, "
                f"home {args.home})\n"
                f"  export NEO4J_URI={server.uri} NEO4J_USERNAME=neo4j "
                f"NEO4J_PASSWORD={args.password}\n"
                f"  python -m loader samples --neo4j {server.uri}\n"
                f"Stop it with: python -m neo4j_server stop"
            )
        elif args.command == "import":
            print(import_csv(args.home, args.directory))
            print(f"Start it with: python -m neo4j_server start --home {args.home}")
        else:
            stopped = stop_detached(args.home)
            shown = (
                f"stopped Neo4j (pid {stopped})" if stopped else f"no Neo4j ran from {args.home}"
            )
            print(shown)
    except ServerSetupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
