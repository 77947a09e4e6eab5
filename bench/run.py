"""``python -m bench.run [--sizes 1000,10000] [--full] [--out FILE]``: how the loader and the
queries scale, on synthetic corpora (:mod:`bench.synth`).

For each size N, a fresh subprocess (so that its peak memory is its own) generates N texts into a
temporary directory, then measures single-core extraction (:func:`loader.pipeline.extract` over
the read texts, no store), loading into a fresh embedded store (:func:`loader.pipeline.load_paths`),
the store's size on disk, and the latency of two queries over a sample of documents. The parent
prints one table row per N and the flatness of throughput between sizes. See ``bench/README.md``
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


def measure(n: int, seed: int, workdir: Path) -> dict[str, Any]:
    """Every measurement for one corpus size, in this process (see :func:`main` for why a
    subprocess)."""
    from bench.synth import write_corpus
    from graph.embedded import EmbeddedStore
    from loader.errors import LoaderError
    from loader.pipeline import extract, load_paths
    from loader.read import read_path
    from queries import cited_by, neighbourhood

    result: dict[str, Any] = {"n": n, "seed": seed}
    corpus = workdir / "corpus"
    start = time.perf_counter()
    paths = write_corpus(n, corpus, seed)
    result["generate_s"] = time.perf_counter() - start
    corpus_bytes = sum(p.stat().st_size for p in paths)
    result["corpus_mb"] = corpus_bytes / 1e6
    _progress(f"N={n}: generated {corpus_bytes / 1e6:.1f} MB in {result['generate_s']:.1f} s")

    # Extraction alone: reading is outside the clock, only extract() is timed.
    extracting = 0.0
    extracted_bytes = 0
    failed_extract = 0
    for path in paths:
        try:
            source = read_path(str(path))
        except LoaderError:
            failed_extract += 1
            continue
        start = time.perf_counter()
        try:
            extract(source)
        except Exception:  # noqa: BLE001 - a benchmark counts extractor failures, it does not stop
            failed_extract += 1
        extracting += time.perf_counter() - start
        extracted_bytes += path.stat().st_size
    result["extract_s"] = extracting
    result["extract_mb_s"] = extracted_bytes / 1e6 / extracting if extracting else 0.0
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
    # Linux reports ru_maxrss in kilobytes.
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_size(n: int, seed: int) -> dict[str, Any]:
    """Measure one size in a fresh interpreter, so max RSS belongs to that size alone."""
    command = [sys.executable, "-m", "bench.run", "--one", str(n), "--seed", str(seed)]
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
    for key in ("extract_mb_s", "load_texts_s"):
        if small.get(key):
            ratios[f"{key} {large['n']}/{small['n']}"] = large[key] / small[key]
    return ratios


def table(runs: list[dict[str, Any]]) -> str:
    rows = [[heading for heading, _, _ in COLUMNS]]
    for run in runs:
        row = []
        for _, key, fmt in COLUMNS:
            value = run.get(key)
            row.append("-" if value is None else fmt.format(value))
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
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
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the per-size subprocess
    args = parser.parse_args(argv)

    if args.one is not None:
        with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
            print(json.dumps(measure(args.one, args.seed, Path(workdir))))
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.full and FULL_SIZE not in sizes:
        sizes.append(FULL_SIZE)
    runs = [run_size(n, args.seed) for n in sizes]
    print(table(runs))
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


if __name__ == "__main__":
    sys.exit(main())
