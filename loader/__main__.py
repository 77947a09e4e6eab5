"""``python -m loader PATH... [--store DIR]``: load texts into a graph store and summarise."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence

from tqdm import tqdm

from graph.embedded import DEFAULT_STORE_DIR
from graph.open import NEO4J_HELP, open_store
from graph.store import GraphStore, StoreError
from loader.pipeline import LoadReport, default_workers, load_paths

# Below this many files a batch finishes before a progress bar would tell anyone anything.
PROGRESS_MIN_FILES = 20


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m loader",
        description=(
            "Load Vietnamese legal texts (.txt, .md; files or folders, searched recursively) "
            "into a graph store: each text's own document, the documents it cites and how "
            "(BASED_ON, IMPLEMENTS, GUIDES, AMENDS, REPLACES, REPEALS, CITES …), with the "
            "evidence sentence of every edge. Re-loading an unchanged text changes nothing; a "
            "changed text replaces its edges."
        ),
        epilog=(
            "A file that cannot be loaded is reported on stderr as 'failed: PATH: problem'; the "
            "batch goes on and the exit status is 1 at the end. Exit status 2: the store itself "
            "could not be used."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="text files or folders of them")
    parser.add_argument(
        "--store",
        default=DEFAULT_STORE_DIR,
        metavar="DIR",
        help=f"embedded store directory, created if missing (default: {DEFAULT_STORE_DIR})",
    )
    parser.add_argument("--neo4j", metavar="URI", help=NEO4J_HELP)
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
    parser.add_argument("-q", "--quiet", action="store_true", help="print only failures")
    return parser


def summary_lines(report: LoadReport, store: GraphStore, store_name: str) -> list[str]:
    """The closing summary: this run's counts, then what the store now holds."""
    counts = report.counts
    stats = store.stats()
    edges = ", ".join(f"{t} {n}" for t, n in sorted(stats.edges_by_type.items())) or "none"
    mentions = stats.mentions_by_status
    lines = [
        f"Texts: {counts['loaded']} loaded, {counts['unchanged']} unchanged, "
        f"{counts['failed']} failed ({counts['stubs upgraded']} cited-only stubs upgraded)",
        f"Store {store_name}: {stats.texts} texts, {stats.documents} documents, "
        f"{stats.stubs} cited-only stubs, {stats.edges} edges",
        f"Edges by type: {edges}",
        f"Mentions to check: {mentions.get('ambiguous', 0)} ambiguous, "
        f"{mentions.get('unresolved', 0)} unresolved (listed by: python -m graph stats "
        f"--store {store_name})",
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)

    def progress(files: Iterable[str]) -> Iterable[str]:
        files = list(files)
        quiet = args.quiet or len(files) < PROGRESS_MIN_FILES
        return tqdm(files, unit="text", file=sys.stderr, disable=True if quiet else None)

    def on_failure(path: str, problem: str) -> None:
        tqdm.write(f"failed: {path}: {problem}", file=sys.stderr)

    try:
        with open_store(args.neo4j or args.store) as store:
            report = load_paths(
                store, args.paths, progress=progress, on_failure=on_failure, workers=args.jobs
            )
            if not args.quiet:
                print("\n".join(summary_lines(report, store, args.neo4j or str(args.store))))
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            "interrupted: texts loaded so far are committed; run again to finish", file=sys.stderr
        )
        return 130
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
