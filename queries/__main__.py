"""``python -m queries NAME ARGS… [--store DIR] [--json]``: run a named query from a terminal.

One subcommand per entry of :data:`queries.REGISTRY`. Documents can be named the way people type
them (``749/QD-TTg``, ``"01/CT-BTTTT 2024"``, ``"luat vien thong"``); exit status 2 with one line
on stderr when a name matches no document or several, or when the store cannot be opened.

``task_dependencies`` and ``document_dependencies`` also write their answer as the report an
officer files (:mod:`queries.reports`): ``--xlsx FILE`` (Excel) and ``--docx FILE`` (Word).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
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
from queries.reports import Report, document_report, task_report, to_docx, to_xlsx

EXIT_UNUSABLE = 2  # as argparse and `python -m loader`: the request or the store was unusable

# The queries whose answer is also a report to file, and how the report is made from it.
REPORTS: dict[str, Callable[[Any], Report]] = {
    "task_dependencies": task_report,
    "document_dependencies": document_report,
}
WRITERS: dict[str, Callable[[Report], bytes]] = {"xlsx": to_xlsx, "docx": to_docx}


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
        if entry.name in REPORTS:
            sub.add_argument(
                "--xlsx", metavar="FILE", type=Path, help="also write the report as Excel (.xlsx)"
            )
            sub.add_argument(
                "--docx", metavar="FILE", type=Path, help="also write the report as Word (.docx)"
            )
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
    return _write_reports(entry.name, result, args)


def _write_reports(name: str, result: Any, args: argparse.Namespace) -> int:
    """Write the report files asked for (``--xlsx``, ``--docx``), saying so on stderr (stdout
    may be JSON); a file that cannot be written is one ``lỗi:`` line."""
    asked: list[tuple[str, Path | None]] = [(kind, getattr(args, kind, None)) for kind in WRITERS]
    wanted = [(kind, path) for kind, path in asked if path is not None]
    if not wanted:
        return 0
    report = REPORTS[name](result)
    for kind, path in wanted:
        try:
            path.write_bytes(WRITERS[kind](report))
        except OSError as exc:
            print(printable(f"lỗi: không ghi được {path}: {exc.strerror or exc}"), file=sys.stderr)
            return EXIT_UNUSABLE
        print(printable(f"đã ghi báo cáo: {path}"), file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # `… | head`: the reader has gone; stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
