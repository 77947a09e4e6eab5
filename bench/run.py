"""``python -m bench.run [--sizes 1000,10000] [--full] [--neo4j URI | --neo4j-server]``: how the
loader and the queries scale, on synthetic corpora (:mod:`bench.synth`), in the embedded store
and, with a Neo4j server, in Neo4j.

For each size N, a fresh subprocess (so that its peak memory is its own) generates N texts into a
temporary directory, then measures single-core extraction (:func:`loader.pipeline.extract` over
the read texts, no store), loading into a fresh embedded store (:func:`loader.pipeline.load_paths`),
the store's size on disk, and the latency of two queries over a sample of documents. With
``--neo4j URI`` (credentials from ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD``; the database is
emptied first) or ``--neo4j-server`` (a throwaway server from :mod:`neo4j_server`), the same corpus
is also loaded into Neo4j with the loader (read + extract + write, as ``python -m loader``), the
store writes alone are timed on both stores (edges/s: texts extracted beforehand, written with
``write_texts`` as the loader writes them; on Neo4j also one text per transaction), and the same
queries are timed there. The parent prints one table row per N, the Neo4j rows and ratios,
and the flatness of throughput between sizes. See ``bench/README.md``
for what each column means. A benchmark, never asserted in the tests.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DEFAULT_SIZES = (1_000, 10_000)
FULL_SIZE = 100_000
# Latency percentiles over this many documents: enough for a stable p95 (10 slowest calls).
QUERY_SAMPLE = 200
# tracemalloc slows extraction several times over, so it watches only the first texts.
TRACED_TEXTS = 200
NEIGHBOURHOOD_DEPTH = 2

# Columns of the printed table: (heading, key in a run's result, format).
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("N", "n", "{:d}"),
    ("corpus MB", "corpus_mb", "{:.1f}"),
    ("gen s", "generate_s", "{:.1f}"),
    ("citations MB/s", "citations_mb_s", "{:.2f}"),
    ("tasks MB/s", "tasks_mb_s", "{:.2f}"),
    ("extract MB/s", "extract_mb_s", "{:.2f}"),
    ("extract texts/s", "extract_texts_s", "{:.0f}"),
    ("extract peak KB", "extract_peak_kb", "{:.0f}"),
    ("load texts/s", "load_texts_s", "{:.0f}"),
    ("load s", "load_s", "{:.1f}"),
    ("failed", "failed", "{:d}"),
    ("store MB", "store_mb", "{:.1f}"),
    ("nbhd p50 ms", "neighbourhood_p50_ms", "{:.2f}"),
    ("nbhd p95 ms", "neighbourhood_p95_ms", "{:.2f}"),
    ("cited_by p50 ms", "cited_by_p50_ms", "{:.2f}"),
    ("cited_by p95 ms", "cited_by_p95_ms", "{:.2f}"),
    ("max RSS MB", "max_rss_mb", "{:.0f}"),
)

# The Neo4j table: the same measurements on the server, and the store writes alone.
NEO4J_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("N", "n", "{:d}"),
    ("edges", "edges", "{:d}"),
    ("emb load edges/s", "load_edges_s", "{:.0f}"),
    ("emb write edges/s", "write_edges_s", "{:.0f}"),
    ("neo4j load texts/s", "neo4j_load_texts_s", "{:.0f}"),
    ("neo4j load edges/s", "neo4j_load_edges_s", "{:.0f}"),
    ("neo4j 1-by-1 write edges/s", "neo4j_single_edges_s", "{:.0f}"),
    ("neo4j write edges/s", "neo4j_grouped_edges_s", "{:.0f}"),
    ("neo4j nbhd p50 ms", "neo4j_neighbourhood_p50_ms", "{:.2f}"),
    ("neo4j nbhd p95 ms", "neo4j_neighbourhood_p95_ms", "{:.2f}"),
    ("neo4j cited_by p50 ms", "neo4j_cited_by_p50_ms", "{:.2f}"),
    ("neo4j cited_by p95 ms", "neo4j_cited_by_p95_ms", "{:.2f}"),
)
# Neo4j / embedded, for each measurement both stores have.
RATIOS: tuple[tuple[str, str, str], ...] = (
    ("load texts/s (read + extract + write)", "neo4j_load_texts_s", "load_texts_s"),
    ("load edges/s (read + extract + write)", "neo4j_load_edges_s", "load_edges_s"),
    ("write edges/s, one text per transaction", "neo4j_single_edges_s", "write_edges_s"),
    ("write edges/s, write_texts (the loader's)", "neo4j_grouped_edges_s", "write_edges_s"),
    ("neighbourhood p50", "neo4j_neighbourhood_p50_ms", "neighbourhood_p50_ms"),
    ("neighbourhood p95", "neo4j_neighbourhood_p95_ms", "neighbourhood_p95_ms"),
    ("cited_by p50", "neo4j_cited_by_p50_ms", "cited_by_p50_ms"),
    ("cited_by p95", "neo4j_cited_by_p95_ms", "cited_by_p95_ms"),
)
# One text per transaction costs a commit each: time this many texts, not 100,000.
SINGLE_WRITE_TEXTS = 2_000
# Texts (another seed's) loaded into Neo4j and thrown away before each timed load.
WARMUP_TEXTS = 300


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _latencies(call: Callable[[str], object], ids: list[str]) -> tuple[float, float]:
    """p50 and p95 in milliseconds of ``call(id)`` over ``ids``."""
    times = []
    for doc_id in ids:
        start = time.perf_counter()
        call(doc_id)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), _percentile(times, 0.95)


def _tree_bytes(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())


def measure(n: int, seed: int, workdir: Path, neo4j_uri: str | None = None) -> dict[str, Any]:
    """Every measurement for one corpus size, in this process (see :func:`main` for why a
    subprocess); the Neo4j ones too when ``neo4j_uri`` is given."""
    from bench.synth import write_corpus
    from graph.embedded import EmbeddedStore
    from loader.errors import LoaderError
    from loader.parse import parse
    from loader.pipeline import extract, load_paths
    from loader.read import read_path
    from loader.relate import extract_citations
    from loader.tasks import extract_tasks
    from queries import cited_by, neighbourhood

    result: dict[str, Any] = {"n": n, "seed": seed}
    corpus = workdir / "corpus"
    start = time.perf_counter()
    paths = write_corpus(n, corpus, seed)
    result["generate_s"] = time.perf_counter() - start
    corpus_bytes = sum(p.stat().st_size for p in paths)
    result["corpus_mb"] = corpus_bytes / 1e6
    _progress(f"N={n}: generated {corpus_bytes / 1e6:.1f} MB in {result['generate_s']:.1f} s")

    # Extraction alone: reading is outside the clock. The stages of extract() are timed apart:
    # citations (parse → find → resolve → relate, issue 3's "extraction") and tasks (issue 4).
    citing = tasking = 0.0
    extracted_bytes = 0
    failed_extract = 0
    for path in paths:
        try:
            source = read_path(str(path))
        except LoaderError:
            failed_extract += 1
            continue
        try:
            start = time.perf_counter()
            parsed = parse(source)
            citations = extract_citations(parsed)
            middle = time.perf_counter()
            extract_tasks(parsed, citations)
            citing += middle - start
            tasking += time.perf_counter() - middle
        except Exception:  # noqa: BLE001 - a benchmark counts extractor failures, it does not stop
            failed_extract += 1
        extracted_bytes += path.stat().st_size
    extracting = citing + tasking
    mb = extracted_bytes / 1e6
    result["extract_s"] = extracting
    result["citations_mb_s"] = mb / citing if citing else 0.0
    result["tasks_mb_s"] = mb / tasking if tasking else 0.0
    result["extract_mb_s"] = mb / extracting if extracting else 0.0
    result["extract_texts_s"] = len(paths) / extracting if extracting else 0.0
    result["extract_failed"] = failed_extract
    _progress(f"N={n}: extracted at {result['extract_mb_s']:.2f} MB/s")

    # Memory of extracting one text: the largest peak over the first texts, traced.
    tracemalloc.start()
    peak = 0
    for path in paths[:TRACED_TEXTS]:
        try:
            source = read_path(str(path))
            tracemalloc.reset_peak()
            base = tracemalloc.get_traced_memory()[0]
            extract(source)
            peak = max(peak, tracemalloc.get_traced_memory()[1] - base)
        except Exception:  # noqa: BLE001 - counted above
            continue
    tracemalloc.stop()
    result["extract_peak_kb"] = peak / 1024

    store_dir = workdir / "store"
    with EmbeddedStore(store_dir) as store:
        start = time.perf_counter()
        report = load_paths(store, [corpus])
        result["load_s"] = time.perf_counter() - start
        result["load_texts_s"] = n / result["load_s"] if result["load_s"] else 0.0
        result["failed"] = len(report.failures)
        result["failures_sample"] = report.failures[:5]
        stats = store.stats()
        result["documents"] = stats.documents
        result["stubs"] = stats.stubs
        result["edges"] = stats.edges
        result["load_edges_s"] = stats.edges / result["load_s"] if result["load_s"] else 0.0
        _progress(f"N={n}: loaded in {result['load_s']:.1f} s ({stats.edges} edges)")

        loaded = sorted(d.id for d in store.documents() if not d.is_stub)
        sample = random.Random(seed).sample(loaded, min(QUERY_SAMPLE, len(loaded)))
        if sample:
            p50, p95 = _latencies(
                lambda i: neighbourhood(store, i, depth=NEIGHBOURHOOD_DEPTH), sample
            )
            result["neighbourhood_p50_ms"], result["neighbourhood_p95_ms"] = p50, p95
            p50, p95 = _latencies(lambda i: cited_by(store, i), sample)
            result["cited_by_p50_ms"], result["cited_by_p95_ms"] = p50, p95
    result["store_mb"] = _tree_bytes(store_dir) / 1e6
    if neo4j_uri:
        result.update(measure_neo4j(n, seed, paths, workdir, neo4j_uri, result))
    # Linux reports ru_maxrss in kilobytes.
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def measure_neo4j(
    n: int, seed: int, paths: list[Path], workdir: Path, uri: str, embedded: dict[str, Any]
) -> dict[str, Any]:
    """Load the corpus into an emptied Neo4j database, time the store writes alone on both
    stores, and the embedded run's queries on Neo4j."""
    from bench.synth import write_corpus
    from graph.embedded import EmbeddedStore
    from graph.neo4j_store import Neo4jSettings, connect
    from loader.errors import LoaderError
    from loader.pipeline import extract, load_paths
    from loader.read import read_path
    from neo4j_server import wipe
    from queries import cited_by, neighbourhood

    result: dict[str, Any] = {}
    texts = []
    for path in paths:
        try:
            texts.append(extract(read_path(str(path))))
        except (LoaderError, ValueError):
            continue
    edges = sum(len({(e.source, e.target, e.type) for e in t.edges}) for t in texts)
    with EmbeddedStore(workdir / "write-only") as store:
        start = time.perf_counter()
        store.write_texts(texts)
        result["write_edges_s"] = edges / (time.perf_counter() - start)

    settings = Neo4jSettings.from_env(uri=uri)
    with connect(settings) as store:
        # A server that has been running has its code compiled (JIT) and its statements planned;
        # one just started spends most of a small first load doing that (17.8 s against 7.2 s for
        # 1,000 texts). A load of other texts first, then thrown away, measures the loader.
        warmup = write_corpus(WARMUP_TEXTS, workdir / "warmup", seed + 1)
        wipe(store.driver, settings.database)
        load_paths(store, [workdir / "warmup"])
        result["neo4j_warmup_texts"] = len(warmup)
        wipe(store.driver, settings.database)
        start = time.perf_counter()
        report = load_paths(store, [workdir / "corpus"])
        elapsed = time.perf_counter() - start
        result["neo4j_load_texts_s"] = n / elapsed if elapsed else 0.0
        result["neo4j_load_edges_s"] = store.stats().edges / elapsed if elapsed else 0.0
        result["neo4j_failed"] = len(report.failures)
        _progress(f"N={n}: loaded into Neo4j in {elapsed:.1f} s")
        loaded = sorted(d.id for d in store.documents() if not d.is_stub)
        sample = random.Random(seed).sample(loaded, min(QUERY_SAMPLE, len(loaded)))
        if sample:
            p50, p95 = _latencies(
                lambda i: neighbourhood(store, i, depth=NEIGHBOURHOOD_DEPTH), sample
            )
            result["neo4j_neighbourhood_p50_ms"], result["neo4j_neighbourhood_p95_ms"] = p50, p95
            p50, p95 = _latencies(lambda i: cited_by(store, i), sample)
            result["neo4j_cited_by_p50_ms"], result["neo4j_cited_by_p95_ms"] = p50, p95

        wipe(store.driver, settings.database)
        single = texts[:SINGLE_WRITE_TEXTS]
        single_edges = sum(len({(e.source, e.target, e.type) for e in t.edges}) for t in single)
        start = time.perf_counter()
        for text in single:
            store.write_text(text)
        result["neo4j_single_edges_s"] = single_edges / (time.perf_counter() - start)

        wipe(store.driver, settings.database)
        start = time.perf_counter()
        store.write_texts(texts)
        result["neo4j_grouped_edges_s"] = edges / (time.perf_counter() - start)
        _progress(f"N={n}: Neo4j grouped writes at {result['neo4j_grouped_edges_s']:.0f} edges/s")
        if store.stats().edges != embedded.get("edges"):
            result["neo4j_error"] = "edge count differs from the embedded store's"
    return result


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_size(n: int, seed: int, neo4j_uri: str | None = None) -> dict[str, Any]:
    """Measure one size in a fresh interpreter, so max RSS belongs to that size alone."""
    command = [sys.executable, "-m", "bench.run", "--one", str(n), "--seed", str(seed)]
    if neo4j_uri:
        command += ["--neo4j", neo4j_uri]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        return {"n": n, "seed": seed, "error": f"exit status {done.returncode}"}
    return dict(json.loads(done.stdout))


def flatness(runs: list[dict[str, Any]]) -> dict[str, float]:
    """Throughput at the largest size over throughput at the smallest (1.0 = perfectly flat)."""
    ok = [r for r in runs if "error" not in r]
    if len(ok) < 2:
        return {}
    small, large = ok[0], ok[-1]
    ratios = {}
    for key in ("citations_mb_s", "extract_mb_s", "load_texts_s"):
        if small.get(key):
            ratios[f"{key} {large['n']}/{small['n']}"] = large[key] / small[key]
    return ratios


def table(runs: list[dict[str, Any]], columns: tuple[tuple[str, str, str], ...] = COLUMNS) -> str:
    rows = [[heading for heading, _, _ in columns]]
    for run in runs:
        row = []
        for _, key, fmt in columns:
            value = run.get(key)
            row.append("-" if value is None else fmt.format(value))
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(columns))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="comma-separated corpus sizes (default: 1000,10000)",
    )
    parser.add_argument("--full", action="store_true", help=f"also run N={FULL_SIZE}")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default: 0)")
    parser.add_argument("--out", type=Path, help="also write the results as JSON to this file")
    neo4j = parser.add_mutually_exclusive_group()
    neo4j.add_argument(
        "--neo4j",
        metavar="URI",
        help="also measure Neo4j at URI (NEO4J_USERNAME / NEO4J_PASSWORD); its database is EMPTIED",
    )
    neo4j.add_argument(
        "--neo4j-server",
        action="store_true",
        help="also measure Neo4j, on a throwaway server started for this run (neo4j_server)",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the per-size subprocess
    args = parser.parse_args(argv)

    if args.one is not None:
        with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
            print(json.dumps(measure(args.one, args.seed, Path(workdir), args.neo4j)))
        return 0
    if args.neo4j_server:
        return _with_throwaway_server(args)

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.full and FULL_SIZE not in sizes:
        sizes.append(FULL_SIZE)
    runs = [run_size(n, args.seed, args.neo4j) for n in sizes]
    print(table(runs))
    if args.neo4j:
        print()
        print(table(runs, NEO4J_COLUMNS))
        for run in runs:
            for name, mine, theirs in RATIOS:
                if run.get(mine) and run.get(theirs):
                    print(f"N={run['n']} Neo4j/embedded {name}: {run[mine] / run[theirs]:.2f}")
    ratios = flatness(runs)
    for name, ratio in ratios.items():
        print(f"flatness {name}: {ratio:.2f}")
    for run in runs:
        if "error" in run:
            print(f"N={run['n']}: {run['error']}", file=sys.stderr)
    if args.out:
        results = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "machine": platform.platform(),
            "runs": runs,
            "flatness": ratios,
        }
        args.out.write_text(
            json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return 0 if all("error" not in r for r in runs) else 1


def _with_throwaway_server(args: argparse.Namespace) -> int:
    """Run the benchmark against a Neo4j server started for it in a temporary home."""
    import os
    import secrets

    from neo4j_server import Neo4jServer, free_port

    with tempfile.TemporaryDirectory(prefix="bench-neo4j-") as home:
        server = Neo4jServer(Path(home), port=free_port(), password=secrets.token_urlsafe(12))
        server.start()
        try:
            os.environ["NEO4J_USERNAME"] = "neo4j"
            os.environ["NEO4J_PASSWORD"] = server.password or ""
            argv = [a for a in sys.argv[1:] if a != "--neo4j-server"]
            return main([*argv, "--neo4j", server.uri])
        finally:
            server.stop(kill=True)


if __name__ == "__main__":
    sys.exit(main())
