"""``python -m loader PATH... [--store DIR]``: load texts into a graph store and summarise;
``python -m loader remove PATH|DOC``: take a file, or a document's every file, out of it."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence

from tqdm import tqdm

from graph.embedded import DEFAULT_STORE_DIR
from graph.messages import store_message
from graph.open import NEO4J_HELP, open_store
from graph.store import GraphStore, StoreError
from graph.terminal import printable
from loader.budget import EXTRACTION_BUDGET_SECONDS
from loader.errors import LoaderError
from loader.formats import FORMATS
from loader.pipeline import (
    LoadReport,
    Removal,
    default_workers,
    load_paths,
    print_page,
    remove_document,
    remove_source,
    source_key,
)

# Below this many files a batch finishes before a progress bar would tell anyone anything.
PROGRESS_MIN_FILES = 20

_SUFFIXES = ", ".join(s for f in FORMATS.values() for s in f.suffixes)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m loader",
        description=(
            "Load Vietnamese legal texts (files or folders, searched recursively) into a graph "
            "store: each text's own document, the documents it cites and how (BASED_ON, "
            "IMPLEMENTS, GUIDES, AMENDS, REPLACES, REPEALS, CITES …), with the evidence sentence "
            f"of every edge. Formats, sniffed from the bytes: {_SUFFIXES} (scanned PDFs by OCR: "
            "apt-get install tesseract-ocr tesseract-ocr-vie; Word 97 .doc: apt-get install "
            "antiword). Re-loading an unchanged text changes nothing; a changed text replaces its "
            "edges; an exact copy of a loaded text (any name) writes nothing; another file of a "
            "loaded document (its .docx beside its .html) is recorded as one more source of it. "
            "'python -m loader remove PATH|DOC' takes a file or a document out of the store."
        ),
        epilog=(
            "A file that cannot be loaded is reported on stderr as 'failed: PATH: problem'; the "
            "batch goes on and the exit status is 1 at the end. Files in folders that are not in "
            "a legal text format are listed as 'skipped: PATH: why' (exit status 0). Exit status "
            "2: the store itself could not be used."
        ),
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="files or folders of them (or: remove PATH|DOC)"
    )
    _store_options(parser)
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=default_workers(),
        metavar="N",
        help=(
            "processes reading and extracting texts while earlier ones are written (default: "
            f"the machine's {default_workers()} cores; 1 does it in the loader's own process)"
        ),
    )
    parser.add_argument(
        "--extraction-budget",
        type=_seconds,
        default=EXTRACTION_BUDGET_SECONDS,
        metavar="SECONDS",
        help=(
            "CPU seconds one text's extraction may take; a text that takes longer fails with "
            "'failed: PATH: extraction took longer than SECONDS s' and the batch goes on "
            f"(default: {EXTRACTION_BUDGET_SECONDS:g}; 0: no limit)"
        ),
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only failures")
    return parser


def _seconds(value: str) -> float:
    """A number of seconds, 0 or more (argparse's type for --extraction-budget)."""
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not seconds >= 0 or seconds == float("inf"):  # "nan" and "inf" parse as floats
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}")
    return seconds


def build_remove_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m loader remove",
        description=(
            "Take loaded texts out of the store. PATH: that file (if it is its document's text of "
            "record and other files of the document are loaded, the best of them takes its "
            "place). DOC (an id, a số hiệu or words of a name): every file of that document. "
            "Its edges and tasks go; it stays as a cited-only stub if other texts cite it."
        ),
        epilog="Exit status 1: a PATH or DOC that is not loaded; 2: the store could not be used.",
    )
    parser.add_argument("targets", nargs="+", metavar="PATH|DOC", help="a loaded file or document")
    _store_options(parser, created=False)
    return parser


def _store_options(parser: argparse.ArgumentParser, *, created: bool = True) -> None:
    made = ", created if missing" if created else ""
    parser.add_argument(
        "--store",
        default=DEFAULT_STORE_DIR,
        metavar="DIR",
        help=f"embedded store directory{made} (default: {DEFAULT_STORE_DIR})",
    )
    parser.add_argument("--neo4j", metavar="URI", help=NEO4J_HELP)


def summary_lines(report: LoadReport, store: GraphStore, store_name: str) -> list[str]:
    """The closing summary: this run's counts, then what the store now holds."""
    counts = report.counts
    stats = store.stats()
    edges = ", ".join(f"{t} {n}" for t, n in sorted(stats.edges_by_type.items())) or "none"
    mentions = stats.mentions_by_status
    copies = f" ({counts['copies']} copies of loaded texts)" if counts["copies"] else ""
    same = counts["same document"]
    same_text = f", {same} other files of loaded documents" if same else ""
    skipped = f", {counts['skipped']} skipped" if counts["skipped"] else ""
    others = f", {stats.other_sources} other files of them" if stats.other_sources else ""
    lines = [
        f"Texts: {counts['loaded']} loaded, {counts['unchanged']} unchanged{copies}{same_text}, "
        f"{counts['failed']} failed{skipped} ({counts['stubs upgraded']} cited-only stubs "
        "upgraded)",
        f"Store {store_name}: {stats.texts} texts{others}, {stats.documents} documents, "
        f"{stats.stubs} cited-only stubs, {stats.edges} edges",
        f"Edges by type: {edges}",
        f"Mentions to check: {mentions.get('ambiguous', 0)} ambiguous, "
        f"{mentions.get('unresolved', 0)} unresolved (listed by: python -m graph stats "
        f"--store {store_name})",
    ]
    return lines


def say(line: str) -> None:
    """A line on stderr, above the progress bar, in one write: unbuffered (PYTHONUNBUFFERED, as
    in CI) tqdm.write writes a line and its newline apart, and a worker's "ocr: …" line could
    land between them."""
    tqdm.write(printable(line) + "\n", file=sys.stderr, end="")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["remove"]:
        return remove_main(args_list[1:])
    args = build_parser().parse_args(args_list)

    def progress(files: Iterable[str]) -> Iterable[str]:
        files = list(files)
        quiet = args.quiet or len(files) < PROGRESS_MIN_FILES
        return tqdm(files, unit="text", file=sys.stderr, disable=True if quiet else None)

    def on_failure(path: str, problem: str) -> None:
        say(f"failed: {path}: {problem}")

    def on_note(label: str, message: str) -> None:
        if not args.quiet:
            say(f"{label}: {message}")

    try:
        with open_store(args.neo4j or args.store) as store:
            report = load_paths(
                store,
                args.paths,
                progress=progress,
                on_failure=on_failure,
                workers=args.jobs,
                on_note=on_note,
                on_page=None if args.quiet else print_page,
                budget=args.extraction_budget,
            )
            if not args.quiet:
                lines = summary_lines(report, store, args.neo4j or str(args.store))
                print(printable("\n".join(lines)))
    except StoreError as exc:
        print(printable(f"lỗi: {store_message(exc)}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            "đã dừng: các văn bản nạp đến lúc này đã được ghi; chạy lại lệnh để nạp nốt",
            file=sys.stderr,
        )
        return 130
    return 0 if report.ok else 1


def removal_line(removal: Removal) -> str:
    """What ``remove`` did, in a line."""
    files = ", ".join(removal.removed)
    line = f"removed: {files} [{removal.doc_id}]"
    if removal.promoted is not None:
        line += f"; {removal.promoted} is now its text of record"
    return line


def remove_main(argv: Sequence[str]) -> int:
    args = build_remove_parser().parse_args(argv)
    # The CLI's edge: the queries' resolver reads what a user types as a document.
    from queries.documents import resolve
    from queries.errors import QueryError

    status = 0
    try:
        with open_store(args.neo4j or args.store, create=False) as store:
            for target in args.targets:
                try:
                    key = source_key(target)
                    if store.text_record(key) is not None:
                        removal = remove_source(store, key)
                    elif store.text_record(target) is not None:  # an upload: "upload/qd.docx"
                        removal = remove_source(store, target)
                    else:
                        removal = remove_document(store, resolve(store, target))
                except (LoaderError, QueryError) as exc:
                    print(printable(f"failed: {target}: {exc}"), file=sys.stderr)
                    status = 1
                    continue
                print(printable(removal_line(removal)))
    except StoreError as exc:
        print(printable(f"lỗi: {store_message(exc)}"), file=sys.stderr)
        return 2
    return status


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # `… | head`: the reader has gone; stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
