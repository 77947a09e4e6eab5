"""``python -m graph export|stats --store DIR``: export a graph store, or count what it holds."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from graph.embedded import DEFAULT_STORE_DIR
from graph.export import ExportError, store_to_csv, to_graphml, to_json
from graph.messages import MENTION_STATUS_VI, os_reason, review_reason, store_message
from graph.model import Mention
from graph.open import NEO4J_HELP, open_store
from graph.store import GraphStore, StoreError
from graph.terminal import printable

# How many mentions `stats` lists before saying how many more there are: enough for a person to
# work through in one sitting, few enough that the counts above stay on screen.
DEFAULT_MENTION_LIMIT = 50
EXIT_ERROR = 2
FORMATS = ("json", "graphml", "csv")


class _Parser(argparse.ArgumentParser):
    """Usage errors as one ``error: …`` line, like every other error of this command."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"lỗi: {message} (xem {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m graph",
        description=(
            "Export a graph store of Vietnamese legal documents, or print what it holds. The "
            "store is built by python -m loader. Exit status 2 on any error (missing store, "
            "unwritable output), with one 'lỗi: ...' line on stderr (in Vietnamese)."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    export = commands.add_parser(
        "export",
        help="write the whole graph as node-link JSON, GraphML or neo4j-admin CSV",
        description=(
            "Write the whole graph. json: node-link {nodes, edges} (what "
            "../shared/eval/score.py reads), to stdout without --out. graphml: for Gephi / yEd, "
            "to stdout without --out. csv: the whole store for neo4j-admin database import "
            "(documents, tasks, agencies, relationships, texts, mentions and aliases .csv, into "
            "the directory --out; import with --multiline-fields=true, as README.md shows): "
            "the imported database is a Neo4j store the loader can go on updating."
        ),
    )
    _add_store(export)
    export.add_argument("--format", choices=FORMATS, default="json", help="default: json")
    export.add_argument(
        "--out", metavar="PATH", help="output file (json, graphml) or directory (csv)"
    )

    stats = commands.add_parser(
        "stats",
        help="count texts, documents, stubs, tasks, agencies and edges; list mentions to fix",
        description=(
            "Print the counts of the store, edges by type, and the ambiguous or unresolved "
            "mentions (file, mention text, reason) that a person should look at."
        ),
    )
    _add_store(stats)
    stats.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_MENTION_LIMIT,
        metavar="N",
        help=f"list at most N mentions, 0 for all (default: {DEFAULT_MENTION_LIMIT})",
    )
    return parser


def _add_store(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        default=str(DEFAULT_STORE_DIR),
        metavar="DIR",
        help=f"embedded store directory; must exist (default: {DEFAULT_STORE_DIR})",
    )
    parser.add_argument("--neo4j", metavar="URI", help=NEO4J_HELP)


def stats_lines(store: GraphStore, limit: int) -> list[str]:
    """The report of ``python -m graph stats``."""
    stats = store.stats()
    lines = [
        f"texts      {stats.texts}"
        + (
            f" (+{stats.other_sources} other files of their documents)"
            if stats.other_sources
            else ""
        ),
        f"documents  {stats.documents}",
        f"stubs      {stats.stubs}",
        f"tasks      {stats.tasks}",
        f"agencies   {stats.agencies}",
        f"edges      {stats.edges}",
    ]
    width = max((len(t) for t in stats.edges_by_type), default=0)
    for edge_type, count in sorted(stats.edges_by_type.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {edge_type:<{width}}  {count}")
    review = [m for m in store.mentions() if m.status in MENTION_STATUS_VI]
    counts = ", ".join(f"{n} {s}" for s, n in sorted(stats.mentions_by_status.items()))
    lines.append(f"mentions   {counts or 'none'}")
    if review:
        shown = review if limit <= 0 else review[:limit]
        lines.append("cần kiểm tra (tệp, trích dẫn, lý do):")
        lines.extend(_mention_line(m) for m in shown)
        if len(review) > len(shown):
            lines.append(f"... và {len(review) - len(shown)} trích dẫn khác (--limit 0: xem hết)")
    return lines


def _mention_line(mention: Mention) -> str:
    text = " ".join(mention.text.split())
    status = MENTION_STATUS_VI.get(mention.status, mention.status)
    return f"  {mention.origin}  [{status}]  «{text}»  {review_reason(mention.reason)}"


def _export(store: GraphStore, fmt: str, out: str | None) -> None:
    data = store.export()
    if fmt == "json":
        to_json(data, out if out else sys.stdout)
    elif fmt == "graphml":
        to_graphml(data, out if out else sys.stdout.buffer)
    else:
        assert out is not None
        store_to_csv(store, out)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "export" and args.format == "csv" and not args.out:
        print("lỗi: --format csv ghi nhiều tệp: hãy cho --out THƯ_MỤC", file=sys.stderr)
        return EXIT_ERROR
    try:
        with open_store(args.neo4j or args.store, create=False) as store:
            if args.command == "export":
                _export(store, args.format, args.out)
            else:
                print(printable("\n".join(stats_lines(store, args.limit))))
    except StoreError as exc:
        print(printable(f"lỗi: {store_message(exc)}"), file=sys.stderr)
        return EXIT_ERROR
    except ExportError as exc:
        print(printable(f"lỗi: không xuất được dạng {args.format}: {exc}"), file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        where = exc.filename or getattr(args, "out", None) or "đầu ra"
        print(printable(f"lỗi: không ghi được {where}: {os_reason(exc)}"), file=sys.stderr)
        return EXIT_ERROR
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # `… | head`: the reader has gone; stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
