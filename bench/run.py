"""``python -m bench.run [--sizes N,...] [--full] [--corpus DIR] [--neo4j URI | --neo4j-server]``:
how fast each loader stage is beside the physical limit it measures, and how the loader and the
queries scale, on synthetic corpora (:mod:`bench.synth`) or on a folder of real texts, in the
embedded store and, with a Neo4j server, in Neo4j.

For each size N (or the ``--corpus`` texts, read where they are), a fresh subprocess (so that
its peak memory is its own) generates N texts into a temporary directory, then measures, over
the same files and in CPU time (:mod:`bench.usage`):

- the limits (:mod:`bench.limits`): a plain read (bytes, UTF-8, NFC), one compiled ``re`` pass
  for số hiệu over what it read;
- the stages, single core: :func:`loader.read.read_path`, the citation stages (parse → find →
  resolve → relate), the tasks stage, the whole of :func:`loader.pipeline.extract`, and the
  store's writes alone (``write_texts`` on a fresh embedded store, 100 texts at a time, as the
  loader writes), beside the same edge rows inserted into SQLite in one transaction under the
  store's own schema and under a bare table;
- loading into a fresh embedded store (:func:`loader.pipeline.load_paths`, worker processes
  included), the store's size on disk, the latency of two queries over a sample of documents,
  and the peak memory of the process and its workers.

With ``--neo4j URI`` (credentials from ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD``; the database is
emptied first) or ``--neo4j-server`` (a throwaway server from :mod:`neo4j_server`), the same
corpus is also loaded into Neo4j with the loader (read + extract + write, as ``python -m
loader``), its writes alone are timed (one text per transaction, and ``write_texts`` as the
loader writes), and the same queries are timed there. The parent prints one table row per run,
then each stage beside its limit with the ratio and issue 14's target, the Neo4j rows and ratios,
and the flatness of throughput between sizes. See ``bench/README.md`` for what each figure
means. A benchmark: no figure is ever asserted in the tests.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.usage import Clock

if TYPE_CHECKING:
    from graph.embedded import EmbeddedStore
    from graph.model import TextGraph

DEFAULT_SIZES = (1_000, 10_000)
FULL_SIZE = 100_000
# Latency percentiles over this many documents: enough for a stable p95 (10 slowest calls).
QUERY_SAMPLE = 200
# tracemalloc slows extraction several times over, so it watches only the first texts.
TRACED_TEXTS = 200
NEIGHBOURHOOD_DEPTH = 2
# What a run of synthetic texts is called in its "corpus" field.
SYNTHETIC = "synthetic"

# Columns of the printed table: (heading, key in a run's result, format).
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("corpus", "corpus", "{}"),
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
    ("load peak MB", "load_peak_rss_mb", "{:.0f}"),
    ("max RSS MB", "max_rss_mb", "{:.0f}"),
)


def _always(run: dict[str, Any]) -> bool:
    return True


def _synthetic(run: dict[str, Any]) -> bool:
    return bool(run.get("corpus") == SYNTHETIC)


def _real(run: dict[str, Any]) -> bool:
    return not _synthetic(run)


# Issue 14 sets the store's size at 10,000 and 100,000 texts: a small corpus's store is mostly
# the fixed cost of its indexes and stubs.
STORE_TARGET_TEXTS = 10_000


def _large(run: dict[str, Any]) -> bool:
    return int(run.get("n", 0)) >= STORE_TARGET_TEXTS


@dataclass(frozen=True, slots=True)
class Target:
    """A bound of issue 14's "done when": on a row's ratio to its limit, or on its figure."""

    bound: float
    at_most: bool = False  # a cost (≤ bound), not a share of the limit (≥ bound)
    on_ratio: bool = True
    applies: Callable[[dict[str, Any]], bool] = _always
    where: str = ""  # when it applies, as printed

    def text(self) -> str:
        what = "ratio " if self.on_ratio else ""
        sign = "≤" if self.at_most else "≥"
        return f"{what}{sign} {self.bound:g}" + (f" ({self.where})" if self.where else "")

    def verdict(self, value: float | None, run: dict[str, Any]) -> str:
        """``pass``, ``FAIL``, or ``n/a`` (not measured, or not a target for this run)."""
        if value is None or not self.applies(run):
            return "n/a"
        met = value <= self.bound if self.at_most else value >= self.bound
        return "pass" if met else "FAIL"


@dataclass(frozen=True, slots=True)
class StageRow:
    """A row of the stage-vs-limit table: a stage's figure (key in a run's result), the limit it
    is measured beside in the same run, their ratio (stage / limit) and the target."""

    stage: str
    key: str
    unit: str
    limit: str = ""
    limit_key: str = ""
    ratio_key: str = ""
    target: Target | None = None


# The limits are timed over the same files as the stages, in the same process, in CPU seconds.
READ_LIMIT = "plain read (bytes + UTF-8 + NFC)"
RE_LIMIT = "one compiled re pass for số hiệu"
STAGE_ROWS: tuple[StageRow, ...] = (
    StageRow("read", "read_mb_s", "MB/s", READ_LIMIT, "plain_read_mb_s", "read_ratio", Target(0.3)),
    StageRow(
        "citations",
        "citations_cpu_mb_s",
        "MB/s",
        RE_LIMIT,
        "re_pass_mb_s",
        "citations_ratio",
        Target(0.15),
    ),
    StageRow("tasks", "tasks_cpu_mb_s", "MB/s", RE_LIMIT, "re_pass_mb_s", "tasks_ratio"),
    StageRow(
        "whole extract",
        "extract_cpu_mb_s",
        "MB/s",
        RE_LIMIT,
        "re_pass_mb_s",
        "extract_ratio",
        Target(0.10),
    ),
    StageRow(
        "writes",
        "write_edges_cpu_s",
        "edges/s",
        "SQLite, same schema, one transaction",
        "sqlite_edges_s",
        "writes_ratio",
        Target(0.6),
    ),
    StageRow(
        "writes",
        "write_edges_cpu_s",
        "edges/s",
        "SQLite, bare table, one transaction",
        "bare_edges_s",
        "writes_bare_ratio",
    ),
    # Everything the store holds (its texts, nodes, mentions … besides the edges), copied the
    # same way: how much of the writes' time SQLite itself needs for what they store.
    StageRow(
        "writes",
        "write_edges_cpu_s",
        "edges/s",
        "SQLite, every table of the store, one transaction",
        "store_copy_edges_s",
        "writes_store_ratio",
    ),
    StageRow(
        "whole load",
        "load_cpu_ms_per_text",
        "ms CPU/text",
        target=Target(7, at_most=True, on_ratio=False, applies=_synthetic, where="synthetic"),
    ),
    StageRow(
        "whole load",
        "load_cpu_s",
        "CPU s",
        RE_LIMIT,
        "re_pass_cpu_s",
        "load_re_ratio",
        Target(12, at_most=True, applies=_real, where="real texts"),
    ),
    StageRow(
        "store",
        "store_mb",
        "MB",
        "the text (corpus MB)",
        "corpus_mb",
        "store_ratio",
        Target(2.5, at_most=True, applies=_large, where=f"N ≥ {STORE_TARGET_TEXTS:,}"),
    ),
    StageRow(
        "neighbourhood p95",
        "neighbourhood_p95_ms",
        "ms",
        target=Target(50, at_most=True, on_ratio=False),
    ),
    StageRow(
        "cited_by p95", "cited_by_p95_ms", "ms", target=Target(5, at_most=True, on_ratio=False)
    ),
    # The load's: the loader's process and its workers, the largest of them. max_rss_mb also
    # counts what this harness holds to measure (every edge row read back for the limits, the
    # texts kept for the Neo4j load), 1.4 GB at N=10,000 against the load's 276 MB.
    StageRow(
        "peak memory",
        "load_peak_rss_mb",
        "MB",
        target=Target(1024, at_most=True, on_ratio=False),
    ),
)
# The figures of the limits, and the ratios, every run has.
LIMIT_KEYS = tuple(dict.fromkeys(row.limit_key for row in STAGE_ROWS if row.limit_key))
RATIO_KEYS = tuple(row.ratio_key for row in STAGE_ROWS if row.ratio_key)

# Flatness (see flatness()): (key, whether more is better). Throughputs compare large / small,
# costs small / large, so that 1.0 is flat either way and below 1.0 is worse at the larger size.
FLATNESS_KEYS: tuple[tuple[str, bool], ...] = (
    ("citations_mb_s", True),
    ("extract_mb_s", True),
    ("load_texts_s", True),
    ("load_cpu_ms_per_text", False),
    # The same against the re pass timed over the same files, which divides out the machine's
    # own drift between the sizes: the limits measured at 1,000 and 10,000 synthetic texts lost
    # a fifth of their speed in one run (plain read 201 -> 158 MB/s) and none in the next.
    ("load_re_ratio", False),
)
# Issue 14: the load's CPU per text at 100,000 texts within 1 / 0.9 of that at 1,000.
FLATNESS_TARGETS = {"load_cpu_ms_per_text": 0.9}

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
# Issue 14: loading into Neo4j end to end (read + extract + write), edges a second.
NEO4J_LOAD_TARGET = 20_000
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


def measure(
    n: int,
    seed: int,
    workdir: Path,
    neo4j_uri: str | None = None,
    corpus: Sequence[Path] = (),
) -> dict[str, Any]:
    """Every measurement of one run, in this process (see :func:`main` for why a subprocess):
    ``n`` synthetic texts of ``seed`` generated into ``workdir``, or with ``corpus`` (folders or
    files) those texts, read where they are (``n`` is then ignored); the Neo4j measurements too
    when ``neo4j_uri`` is given. Everything else the run writes goes into ``workdir``."""
    from bench.limits import read_and_scan
    from bench.synth import write_corpus
    from bench.usage import peak_rss_mb, watched
    from graph.embedded import EmbeddedStore
    from loader.pipeline import extract, load_paths
    from loader.read import list_files, read_path
    from queries import cited_by, neighbourhood

    result: dict[str, Any] = {"seed": seed}
    if corpus:
        sources = [Path(c) for c in corpus]
        result["corpus"] = "+".join(p.name or str(p) for p in sources)
        result["corpus_paths"] = [str(p) for p in sources]
    else:
        sources = [workdir / "corpus"]
        result["corpus"] = SYNTHETIC
        start = time.perf_counter()
        write_corpus(n, sources[0], seed)
        result["generate_s"] = time.perf_counter() - start
    # The files load_paths will load, in its order: every figure below is over these.
    files = list_files(sources).files
    result["n"] = len(files)
    corpus_bytes = sum(os.stat(f).st_size for f in files)
    mb = corpus_bytes / 1e6
    result["corpus_mb"] = mb
    label = _label(result)
    _progress(f"{label}: {len(files)} texts, {mb:.1f} MB")

    reading, scanning, result["re_pass_matches"] = read_and_scan(files)
    result["plain_read_cpu_s"] = reading.cpu
    result["plain_read_mb_s"] = _rate(mb, reading.cpu)
    result["re_pass_cpu_s"] = scanning.cpu
    result["re_pass_mb_s"] = _rate(mb, scanning.cpu)
    _progress(
        f"{label}: limits: plain read {result['plain_read_mb_s']:.0f} MB/s, re pass "
        f"{result['re_pass_mb_s']:.0f} MB/s"
    )

    result.update(measure_stages(files, workdir, mb))
    _progress(
        f"{label}: extracted at {result['extract_cpu_mb_s']:.2f} MB/s (CPU), wrote "
        f"{result['write_edges_cpu_s']:.0f} edges/s (CPU)"
    )

    # Memory of extracting one text: the largest peak over the first texts, traced.
    tracemalloc.start()
    peak = 0
    for path in files[:TRACED_TEXTS]:
        try:
            source = read_path(path)
            tracemalloc.reset_peak()
            base = tracemalloc.get_traced_memory()[0]
            extract(source)
            peak = max(peak, tracemalloc.get_traced_memory()[1] - base)
        except Exception:  # noqa: BLE001 - counted by measure_stages
            continue
    tracemalloc.stop()
    result["extract_peak_kb"] = peak / 1024

    store_dir = workdir / "store"
    with EmbeddedStore(store_dir) as store:
        with watched() as load:
            report = load_paths(store, sources)
        # load_paths has shut its pool down on return (its workers joined, so reaped by the
        # forkserver that started them): their CPU time is in load.cpu (bench.usage).
        result["load_s"] = load.wall
        result["load_cpu_s"] = load.cpu
        result["load_cpu_ms_per_text"] = 1000 * load.cpu / len(files) if files else 0.0
        result["load_peak_rss_mb"] = load.peak_mb
        result["load_texts_s"] = _rate(len(files), load.wall)
        result["failed"] = len(report.failures)
        result["failures_sample"] = report.failures[:5]
        stats = store.stats()
        result["documents"] = stats.documents
        result["stubs"] = stats.stubs
        result["edges"] = stats.edges
        result["load_edges_s"] = _rate(stats.edges, load.wall)
        _progress(
            f"{label}: loaded in {load.wall:.1f} s, {result['load_cpu_ms_per_text']:.1f} ms CPU "
            f"a text ({stats.edges} edges)"
        )

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
        result.update(measure_neo4j(seed, files, sources, workdir, neo4j_uri, result))
    # The largest process: this one or a worker of a load (MiB, as the README's "MB").
    result["max_rss_mb"] = max(peak_rss_mb(), load.peak_mb)
    result.update(ratios(result))
    return result


def measure_stages(files: Sequence[str], workdir: Path, mb: float) -> dict[str, Any]:
    """The stages one at a time on one core, in CPU seconds (and wall seconds, for the first
    table): each file read (:func:`loader.read.read_path`), its citation stages and tasks stage
    timed apart, then the whole of :func:`loader.pipeline.extract` (everything again, plus the
    :class:`TextGraph`), whose texts are written to a fresh embedded store with ``write_texts``,
    :data:`loader.pipeline.GROUP_TEXTS` at a time as the loader writes them; then the store's
    edge rows inserted into bare SQLite files in one transaction (:mod:`bench.limits`).
    ``mb`` is the size of the files, the numerator of every MB/s."""
    from bench.limits import bare_schema, copy_edges, copy_store, edge_schema
    from graph.embedded import EmbeddedStore
    from loader.errors import LoaderError
    from loader.parse import parse
    from loader.pipeline import GROUP_TEXTS, extract
    from loader.read import read_path
    from loader.relate import extract_citations
    from loader.tasks import extract_tasks

    reading, citing, tasking, extracting, writing = Clock(), Clock(), Clock(), Clock(), Clock()
    failed = refused = extracted = 0
    store_dir = workdir / "writes"
    with EmbeddedStore(store_dir) as store:
        batch: list[TextGraph] = []
        for path in files:
            try:
                with reading.timing():
                    source = read_path(path)
            except LoaderError:
                failed += 1
                continue
            try:
                # citations: parse → find → resolve → relate (issue 3's "extraction"); tasks:
                # issue 4's stage.
                with citing.timing():
                    parsed = parse(source)
                    citations = extract_citations(parsed)
                with tasking.timing():
                    extract_tasks(parsed, citations)
                with extracting.timing():
                    batch.append(extract(source))
                extracted += 1
            except Exception:  # noqa: BLE001 - a benchmark counts extractor failures, it does not stop
                failed += 1
                continue
            if len(batch) >= GROUP_TEXTS:
                refused += _write(store, batch, writing)
                batch = []
        refused += _write(store, batch, writing)
        edges = store.stats().edges
        db = store.db_path
    schema, columns = edge_schema(db)
    same, rows = copy_edges(db, workdir / "limit-schema.sqlite", schema)
    bare, _ = copy_edges(db, workdir / "limit-bare.sqlite", bare_schema(columns))
    whole, whole_rows = copy_store(db, workdir / "limit-store.sqlite")
    # At 100,000 texts it is gigabytes: the load's store comes next, in the same directory.
    shutil.rmtree(store_dir)
    return {
        "read_cpu_s": reading.cpu,
        "read_mb_s": _rate(mb, reading.cpu),
        "citations_cpu_s": citing.cpu,
        "citations_cpu_mb_s": _rate(mb, citing.cpu),
        "citations_mb_s": _rate(mb, citing.wall),
        "tasks_cpu_s": tasking.cpu,
        "tasks_cpu_mb_s": _rate(mb, tasking.cpu),
        "tasks_mb_s": _rate(mb, tasking.wall),
        "extract_cpu_s": extracting.cpu,
        "extract_s": extracting.wall,
        "extract_cpu_mb_s": _rate(mb, extracting.cpu),
        "extract_mb_s": _rate(mb, extracting.wall),
        "extract_texts_s": _rate(len(files), extracting.wall),
        "extract_failed": failed,
        "write_refused": refused,
        "write_edges": edges,
        "write_cpu_s": writing.cpu,
        # Real explainers cite a few documents each: their writes cost by the text, not the edge.
        "write_cpu_ms_per_text": _rate(1000 * writing.cpu, extracted - refused),
        "write_edges_cpu_s": _rate(edges, writing.cpu),
        "write_edges_s": _rate(edges, writing.wall),
        "sqlite_rows": rows,
        "sqlite_cpu_s": same.cpu,
        "sqlite_edges_s": _rate(rows, same.cpu),
        "bare_cpu_s": bare.cpu,
        "bare_edges_s": _rate(rows, bare.cpu),
        "store_copy_rows": whole_rows,
        "store_copy_cpu_s": whole.cpu,
        # per edge, so that it reads beside the writes' edges/s
        "store_copy_edges_s": _rate(rows, whole.cpu),
    }


def _write(store: EmbeddedStore, texts: list[TextGraph], clock: Clock) -> int:
    """``store.write_texts(texts)``, timed on ``clock``; a text the store refuses is counted and
    the texts after it written. Returns how many were refused."""
    from graph.store import TextRefused

    refused = 0
    while texts:
        try:
            with clock.timing():
                store.write_texts(texts)
        except TextRefused as exc:
            refused += 1
            texts = texts[len(exc.written) + 1 :]
        else:
            break
    return refused


def _rate(amount: float, seconds: float) -> float:
    return amount / seconds if seconds > 0 else 0.0


def ratios(run: dict[str, Any]) -> dict[str, float]:
    """Each :data:`STAGE_ROWS` stage figure over its limit's, when both were measured."""
    found = {}
    for row in STAGE_ROWS:
        if row.ratio_key and run.get(row.key) and run.get(row.limit_key):
            found[row.ratio_key] = run[row.key] / run[row.limit_key]
    return found


def measure_neo4j(
    seed: int,
    files: Sequence[str],
    sources: Sequence[Path],
    workdir: Path,
    uri: str,
    embedded: dict[str, Any],
) -> dict[str, Any]:
    """Load the corpus (``sources``, whose texts are ``files``) into an emptied Neo4j database,
    time its writes alone, and the embedded run's queries on Neo4j."""
    from bench.synth import write_corpus
    from graph.neo4j_store import Neo4jSettings, connect
    from loader.errors import LoaderError
    from loader.pipeline import extract, load_paths
    from loader.read import read_path
    from neo4j_server import wipe
    from queries import cited_by, neighbourhood

    result: dict[str, Any] = {}
    texts = []
    for path in files:
        try:
            texts.append(extract(read_path(path)))
        except (LoaderError, ValueError):
            continue
    edges = sum(len({(e.source, e.target, e.type) for e in t.edges}) for t in texts)
    n = len(files)
    label = _label(embedded)

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
        report = load_paths(store, list(sources))
        elapsed = time.perf_counter() - start
        result["neo4j_load_texts_s"] = n / elapsed if elapsed else 0.0
        result["neo4j_load_edges_s"] = store.stats().edges / elapsed if elapsed else 0.0
        result["neo4j_failed"] = len(report.failures)
        _progress(f"{label}: loaded into Neo4j in {elapsed:.1f} s")
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
        _progress(f"{label}: Neo4j grouped writes at {result['neo4j_grouped_edges_s']:.0f} edges/s")
        if store.stats().edges != embedded.get("edges"):
            result["neo4j_error"] = "edge count differs from the embedded store's"
    return result


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _label(run: dict[str, Any]) -> str:
    """``N=1000`` for a synthetic run, the corpus's folder names (``real1k``) for the others."""
    if run.get("corpus", SYNTHETIC) == SYNTHETIC:
        return f"N={run['n']}"
    return str(run["corpus"])


def run_size(
    n: int, seed: int, neo4j_uri: str | None = None, corpus: Sequence[Path] = ()
) -> dict[str, Any]:
    """Measure one run in a fresh interpreter, so that max RSS belongs to that run alone."""
    command = [sys.executable, "-m", "bench.run", "--one", str(n), "--seed", str(seed)]
    for path in corpus:
        command += ["--corpus", os.fspath(path)]
    if neo4j_uri:
        command += ["--neo4j", neo4j_uri]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        failed: dict[str, Any] = {"n": n, "seed": seed, "error": f"exit status {done.returncode}"}
        if corpus:
            failed["corpus"] = "+".join(Path(p).name for p in corpus)
        else:
            failed["corpus"] = SYNTHETIC
        return failed
    return dict(json.loads(done.stdout))


def flatness(runs: list[dict[str, Any]]) -> dict[str, float]:
    """Each :data:`FLATNESS_KEYS` figure at the largest synthetic size against the smallest:
    1.0 is perfectly flat, below 1.0 the cost per text grows with the corpus."""
    ok = [r for r in runs if "error" not in r and _synthetic(r)]
    if len(ok) < 2:
        return {}
    small, large = ok[0], ok[-1]
    found = {}
    for key, more_is_better in FLATNESS_KEYS:
        if small.get(key) and large.get(key):
            ratio = large[key] / small[key] if more_is_better else small[key] / large[key]
            found[f"{key} {large['n']}/{small['n']}"] = ratio
    return found


def _grid(rows: list[list[str]], left: Sequence[int] = ()) -> str:
    """Rows of cells as aligned columns: those numbered in ``left`` to the left, the others
    (numbers) to the right."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(
            c.ljust(w) if i in left else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in rows
    )


def table(runs: list[dict[str, Any]], columns: tuple[tuple[str, str, str], ...] = COLUMNS) -> str:
    rows = [[heading for heading, _, _ in columns]]
    for run in runs:
        row = []
        for _, key, fmt in columns:
            value = run.get(key)
            row.append("-" if value is None else fmt.format(value))
        rows.append(row)
    return _grid(rows)


def _number(value: float | None) -> str:
    """A figure with as many digits as it needs: 67,012 · 155.3 · 5.31 · 0.034."""
    if value is None or not math.isfinite(value):
        return "-"
    size = abs(value)
    if size >= 1000:
        return f"{value:,.0f}"
    if size >= 10:
        return f"{value:.1f}"
    if size >= 0.1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def stage_rows(run: dict[str, Any]) -> list[dict[str, Any]]:
    """One run's :data:`STAGE_ROWS`: each stage's figure, its limit's, the ratio, the target and
    whether it is met (``pass``, ``FAIL``, or ``n/a``: not a target for this run)."""
    found = []
    for row in STAGE_ROWS:
        figure = run.get(row.key)
        ratio = run.get(row.ratio_key) if row.ratio_key else None
        target = row.target
        checked = ratio if target is not None and target.on_ratio else figure
        found.append(
            {
                "stage": row.stage,
                "figure": figure,
                "unit": row.unit,
                "limit": row.limit,
                "limit_figure": run.get(row.limit_key) if row.limit_key else None,
                "ratio": ratio,
                "target": target.text() if target else "",
                "result": target.verdict(checked, run) if target else "",
            }
        )
    return found


STAGE_HEADINGS = (
    "corpus",
    "stage",
    "unit",
    "figure",
    "limit",
    "ratio",
    "target",
    "result",
    "the limit",
)


def stage_table(runs: list[dict[str, Any]]) -> str:
    """Each stage beside the limit it measures, in the same run (CPU time; ratio = stage /
    limit), with issue 14's target: a row per :data:`STAGE_ROWS` per run."""
    rows = [list(STAGE_HEADINGS)]
    for run in runs:
        if "error" in run:
            continue
        for found in stage_rows(run):
            limited = bool(found["limit"])
            rows.append(
                [
                    _label(run),
                    found["stage"],
                    found["unit"],
                    _number(found["figure"]),
                    _number(found["limit_figure"]) if limited else "",
                    _number(found["ratio"]) if limited else "",
                    found["target"] or "-",
                    found["result"],
                    found["limit"],
                ]
            )
    return _grid(rows, left=(0, 1, 2, 6, 7, 8))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description=(
            "Measure each loader stage beside the limit it measures (a plain read, one re\n"
            "pass, bare SQLite inserts of the same rows), in CPU time, and how loading and\n"
            "the queries scale: on synthetic corpora of the given sizes, or on a folder of\n"
            "real texts. Progress goes to stderr, the tables to stdout; see bench/README.md."
        ),
        epilog=(
            "examples:\n"
            "  python -m bench.run --sizes 1000\n"
            "  python -m bench.run --full --out results.json   # adds N=100,000\n"
            "  python -m bench.run --corpus ../shared/corpus/real1k"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        help="comma-separated synthetic corpus sizes (default: "
        + ",".join(map(str, DEFAULT_SIZES))
        + ")",
    )
    parser.add_argument("--full", action="store_true", help=f"also run N={FULL_SIZE:,}")
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        metavar="DIR",
        help="measure the texts of DIR (a folder or a file, read where it is, never copied) "
        "instead of synthetic corpora; repeat it to measure several as one corpus",
    )
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
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the per-run subprocess
    args = parser.parse_args(argv)

    corpus: list[Path] = args.corpus or []
    if corpus and (args.sizes or args.full):
        parser.error("--corpus measures the texts given: --sizes and --full are for synthetic ones")
    if args.one is not None:
        with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
            print(json.dumps(measure(args.one, args.seed, Path(workdir), args.neo4j, corpus)))
        return 0
    if args.neo4j_server:
        return _with_throwaway_server(args)

    if corpus:
        runs = [run_size(0, args.seed, args.neo4j, corpus)]
    else:
        sizes = [int(s) for s in (args.sizes or "").split(",") if s.strip()] or list(DEFAULT_SIZES)
        if args.full and FULL_SIZE not in sizes:
            sizes.append(FULL_SIZE)
        runs = [run_size(n, args.seed, args.neo4j) for n in sizes]
    print(table(runs))
    print()
    print("stage vs limit (same run, same files, CPU time; ratio = stage / limit)")
    print(stage_table(runs))
    if args.neo4j:
        print()
        print(table(runs, NEO4J_COLUMNS))
        for run in runs:
            for name, mine, theirs in RATIOS:
                if run.get(mine) and run.get(theirs):
                    print(f"{_label(run)} Neo4j/embedded {name}: {run[mine] / run[theirs]:.2f}")
            if run.get("neo4j_load_edges_s"):
                rate = run["neo4j_load_edges_s"]
                met = "pass" if rate >= NEO4J_LOAD_TARGET else "FAIL"
                print(
                    f"{_label(run)} Neo4j end-to-end load: {rate:,.0f} edges/s "
                    f"(target ≥ {NEO4J_LOAD_TARGET:,}: {met})"
                )
    flat = flatness(runs)
    if flat:
        print()
    for name, ratio in flat.items():
        key = name.split(" ")[0]
        line = f"flatness {name}: {ratio:.2f}"
        if key in FLATNESS_TARGETS:
            bound = FLATNESS_TARGETS[key]
            line += f" (target ≥ {bound:g}: {'pass' if ratio >= bound else 'FAIL'})"
        print(line)
    for run in runs:
        if "error" in run:
            print(f"{_label(run)}: {run['error']}", file=sys.stderr)
    if args.out:
        results = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "machine": platform.platform(),
            "runs": runs,
            "stage_vs_limit": {_label(run): stage_rows(run) for run in runs if "error" not in run},
            "flatness": flat,
        }
        args.out.write_text(
            json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return 0 if all("error" not in r for r in runs) else 1


def _with_throwaway_server(args: argparse.Namespace) -> int:
    """Run the benchmark against a Neo4j server started for it in a temporary home."""
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
