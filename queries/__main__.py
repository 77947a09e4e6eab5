"""``python -m queries NAME ARGS… [--store DIR] [--json]``: run a named query from a terminal.

One subcommand per entry of :data:`queries.REGISTRY`. Documents can be named the way people type
them (``749/QD-TTg``, ``"01/CT-BTTTT 2024"``, ``"luat vien thong"``); exit status 2 with one line
on stderr when a name matches no document or several, or when the store cannot be opened.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from graph.embedded import DEFAULT_STORE_DIR
from graph.messages import store_message
from graph.open import NEO4J_HELP, open_store
from graph.store import GraphStore, StoreError
from graph.terminal import printable
from queries.documents import resolve
from queries.errors import QueryError
from queries.registry import REGISTRY, Param, Query
from queries.render import render, to_json

EXIT_UNUSABLE = 2  # as argparse and `python -m loader`: the request or the store was unusable


def _add_param(parser: argparse.ArgumentParser, param: Param, only_positional: bool) -> None:
    if param.required:
        # A lone document may be typed unquoted: `python -m queries status Luật Viễn thông 2023`.
        parser.add_argument(
            param.name,
            nargs="+" if only_positional else None,
            metavar=param.name.removesuffix("_id").upper(),
            help=param.help,
        )
    elif param.kind == "int":
        parser.add_argument(
            f"--{param.name}",
            type=int,
            default=param.default,
            metavar="N",
            help=f"{param.help} (default: {param.default})",
        )
    elif param.kind == "choice":
        parser.add_argument(
            f"--{param.name}",
            choices=param.choices,
            default=param.default,
            help=f"{param.help} (default: {param.default})",
        )
    elif param.kind == "day":
        parser.add_argument(f"--{param.name}", metavar="DAY", help=param.help)
    else:  # relations
        parser.add_argument(f"--{param.name}", metavar="TYPE,…", help=param.help)


def _common(defaults: bool) -> argparse.ArgumentParser:
    """The options every query takes, before or after its name. The query's own copy has no
    defaults, so ``--json cited_by …`` is not undone by the query's parser."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--store",
        default=DEFAULT_STORE_DIR if defaults else argparse.SUPPRESS,
        metavar="DIR",
        help=f"graph store directory (default: {DEFAULT_STORE_DIR})",
    )
    common.add_argument(
        "--neo4j", default=None if defaults else argparse.SUPPRESS, metavar="URI", help=NEO4J_HELP
    )
    common.add_argument(
        "--json",
        action="store_true",
        default=False if defaults else argparse.SUPPRESS,
        help="print the answer as JSON",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m queries",
        description="Ask the graph of legal documents a named question. Documents may be given "
        "by id, by số hiệu in any spelling (749/QD-TTg, '01/CT-BTTTT 2024') or by "
        "words of their name.",
        parents=[_common(defaults=True)],
    )
    commands = parser.add_subparsers(dest="query", required=True, metavar="QUERY", title="queries")
    for entry in REGISTRY.values():
        sub = commands.add_parser(
            entry.name, help=entry.summary, description=entry.summary, parents=[_common(False)]
        )
        positional = [p for p in entry.params if p.required]
        for param in entry.params:
            _add_param(sub, param, only_positional=len(positional) == 1)
    return parser


def _arguments(store: GraphStore, entry: Query, args: argparse.Namespace) -> dict[str, Any]:
    """The query's keyword arguments from the command line, documents resolved to ids."""
    kwargs: dict[str, Any] = {}
    for param in entry.params:
        value = getattr(args, param.name)
        if isinstance(value, list):
            value = " ".join(value)
        if param.kind == "document":
            value = resolve(store, value)
        elif param.kind == "relations" and value is not None:
            value = [v for v in value.split(",") if v.strip()]
        kwargs[param.name] = value
    return kwargs


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    entry = REGISTRY[args.query]
    try:
        # create=False: a mistyped --store must not answer from a fresh, empty graph.
        with open_store(args.neo4j or args.store, create=False) as store:
            result = entry.function(store, **_arguments(store, entry, args))
    except QueryError as exc:
        print(printable(f"lỗi: {exc}"), file=sys.stderr)
        return EXIT_UNUSABLE
    except StoreError as exc:
        print(printable(f"lỗi: {store_message(exc)}"), file=sys.stderr)
        return EXIT_UNUSABLE
    if args.json:
        print(printable(json.dumps(to_json(result), ensure_ascii=False, indent=2)))
    else:
        print(printable(render(entry.name, result)))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # `… | head`: the reader has gone; stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
