"""The pipeline: read → parse → find/resolve/relate → write.

:func:`extract` is pure (a :class:`SourceText` in, a :class:`TextGraph` out); only :func:`load_text`
and :func:`load_paths` touch a store, the latter a group of texts at a time. A text either lands
whole (its own transaction, or its group's) or not at all, so one bad file never leaves half its
data behind and never stops a batch.
"""

from __future__ import annotations

import os
import signal
from collections import Counter, deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from graph.identity import fold_name
from graph.model import TextGraph
from graph.store import GraphStore, TextRefused, WriteResult
from loader.errors import LoaderError
from loader.parse import parse
from loader.read import SourceText, iter_text_files, read_path
from loader.relate import AliasLookup, extract_citations
from loader.tasks import extract_tasks


def extract(source: SourceText, lookup: AliasLookup | None = None) -> TextGraph:
    """Everything ``source`` contributes to the graph, without touching a store.

    ``lookup`` resolves names of programmes and strategies learnt from other texts
    (``Chương trình Chuyển đổi số quốc gia`` → Quyết định 749/QĐ-TTg); see :func:`store_lookup`.
    """
    parsed = parse(source)
    citations = extract_citations(parsed, lookup=lookup)
    tasks = extract_tasks(parsed, citations)
    return TextGraph(
        source_path=source.path,
        sha256=source.sha256,
        document=parsed.document,
        cited=citations.cited,
        edges=citations.edges + tasks.edges,
        tasks=tasks.tasks,
        agencies=tasks.agencies,
        mentions=citations.mentions,
        aliases=citations.aliases,
        warnings=list(source.warnings),
        encoding=source.encoding,
        content=source.text,
    )


def store_lookup(store: GraphStore) -> AliasLookup:
    """An :data:`AliasLookup` that consults the aliases other texts taught the store."""

    def lookup(key: str) -> str | None:
        found = store.aliases(key)
        return found[0].doc_id if found else None

    return lookup


def alias_snapshot(store: GraphStore) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Every alias the store knows, as what :func:`store_lookup` would answer (folded name →
    document id), and the ``(key, doc_id)`` pairs.

    Extraction asks for ~14 names per text; on a server each would be a round trip (14 s of a
    48 s load of 1,000 texts into Neo4j). The store's aliases are few (one per named programme
    or strategy), so a group of texts reads them all once and looks them up in memory.
    """
    first: dict[str, str] = {}
    known: set[tuple[str, str]] = set()
    for alias in store.aliases():  # ordered by key, then doc_id: the first is store_lookup's
        first.setdefault(alias.key, alias.doc_id)
        known.add((alias.key, alias.doc_id))
    return first, known


def snapshot_lookup(aliases: dict[str, str]) -> AliasLookup:
    """The :data:`AliasLookup` of an :func:`alias_snapshot` (picklable data, looked up in
    memory: a worker process has no store)."""
    return lambda key: aliases.get(fold_name(key))


def source_key(path: str | os.PathLike[str]) -> str:
    """The string a store keys a text by: its absolute path, so that loading ``samples`` from
    two working directories, or a file named twice on the command line, is still one text."""
    return str(Path(path).resolve())


def load_text(store: GraphStore, path: str | os.PathLike[str]) -> WriteResult:
    """Read, extract and write one text; raises :class:`LoaderError` naming the file if it is bad.

    Re-loading an unchanged text changes nothing; a changed text replaces its edges.
    """
    return load_source(store, read_path(source_key(path)))


def load_source(store: GraphStore, source: SourceText) -> WriteResult:
    """Extract and write a text already read (a file, or bytes uploaded in the app).

    Unchanged content writes nothing; names the text teaches re-resolve the texts loaded earlier
    that use them (:func:`reresolve`).
    """
    record = store.text_record(source.path)
    if record is not None and record.sha256 == source.sha256:
        return WriteResult(source_path=source.path, doc_id=record.doc_id, unchanged=True)
    text = extract(source, lookup=store_lookup(store))
    learnt = _new_alias_keys(store, text)
    result = store.write_text(text)
    if learnt:
        reresolve(store, learnt, exclude=source.path)
    return result


def _new_alias_keys(store: GraphStore, text: TextGraph) -> set[str]:
    """Alias keys ``text`` teaches that the store does not know yet (for this document)."""
    return {
        alias.key
        for alias in text.aliases
        if not any(known.doc_id == alias.doc_id for known in store.aliases(alias.key))
    }


def reresolve(store: GraphStore, alias_keys: Iterable[str], exclude: str | None = None) -> int:
    """Re-extract, from their stored content, the texts that name what ``alias_keys`` now stand
    for; returns how many were rewritten.

    Seed 001 names the "Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số …" only;
    seed 003 says it is Quyết định 942/QĐ-TTg. Whichever is loaded first, 001 ends up citing the
    decision, and a batch gives the same graph in any order.
    """
    named = [doc.id for key in sorted(set(alias_keys)) for doc in store.named_documents(key)]
    citing = store.edges_of_many(named, "in")
    origins = {e.origin for edges in citing.values() for e in edges if e.origin}
    origins.discard(exclude or "")
    records = store.text_records(origins)
    aliases, _ = alias_snapshot(store)
    lookup = snapshot_lookup(aliases)
    texts = []
    for origin in sorted(records):
        record, content = records[origin], store.text_content(origin)
        if content is None:
            continue
        source = SourceText(
            path=origin,
            text=content,
            sha256=record.sha256,
            encoding=record.encoding,
            warnings=record.warnings,
        )
        texts.append(extract(source, lookup=lookup))
    store.write_texts(texts, force=True)  # one transaction per hundred on a server
    return len(texts)


@dataclass(slots=True)
class LoadReport:
    """What a batch did: per-file outcomes for the CLI's and the app's summaries."""

    results: list[WriteResult] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, problem)

    @property
    def counts(self) -> Counter[str]:
        c: Counter[str] = Counter()
        for r in self.results:
            c["unchanged" if r.unchanged else "loaded"] += 1
            c["stubs upgraded"] += r.stub_upgraded
        c["failed"] = len(self.failures)
        return c

    @property
    def ok(self) -> bool:
        return not self.failures


# The loader reads and extracts this many texts, then writes them with one write_texts call (and
# asks the store for their records in one round trip): on Neo4j a group is one transaction of
# ~8,000 edges instead of 100 of ~80, 2.5-4x the edges per second. Bounded by characters too,
# because a group's texts are held in memory until written (a Bộ luật is ~1 MB of text).
GROUP_TEXTS = 100
GROUP_CHARS = 20_000_000


# Groups read and extracted ahead of the one being written. A constant, not the number of
# workers: a group is extracted with the aliases of the groups written before it, so the same
# files give the same graph whatever -j a machine runs with (two ahead keep two cores busy).
GROUPS_AHEAD = 2


def default_workers() -> int:
    """Processes that extract texts while the loader writes: one per core. Extraction is pure
    Python and most of a load's time (~3 MB/s a core); the writes mostly wait on the store."""
    return os.cpu_count() or 1


def load_paths(
    store: GraphStore,
    paths: Iterable[str | os.PathLike[str]],
    progress: Callable[[Iterable[str]], Iterable[str]] | None = None,
    on_failure: Callable[[str, str], None] | None = None,
    workers: int | None = None,
) -> LoadReport:
    """Load files and folders of ``.txt`` / ``.md`` texts; a bad file is reported, not fatal.

    Texts are read a group at a time (:data:`GROUP_TEXTS`), extracted by ``workers`` processes
    (:func:`default_workers`; 1 extracts here, in this process) while earlier groups are written,
    and each group is written with :meth:`GraphStore.write_texts`, in the order of the files.
    Each text still lands whole or not at all, and a batch gives the graph that loading its files
    one by one (:func:`load_text`) gives. ``progress`` wraps the list of files (e.g. ``tqdm``);
    ``on_failure(path, problem)`` is called as each failure is known, so a CLI can print it at
    once. Store errors (disk full, server gone) are not per-file problems and propagate: the
    texts of earlier groups are loaded, a re-run finishes.
    """
    report = LoadReport()
    jobs = default_workers() if workers is None else max(1, workers)
    with _Loader(store, report, on_failure, jobs) as loader:
        group: list[SourceText] = []
        chars = 0
        files = iter_text_files([os.fspath(p) for p in paths])
        for path in progress(files) if progress else files:
            try:
                source = read_path(source_key(path))
            except LoaderError as exc:
                _fail(report, path, exc.problem, on_failure)
                continue
            group.append(source)
            chars += len(source.text)
            if len(group) >= GROUP_TEXTS or chars >= GROUP_CHARS:
                loader.submit(group)
                group, chars = [], 0
        if group:
            loader.submit(group)
    return report


Extracted = tuple[list[TextGraph], list[tuple[str, str]]]  # texts, and (path, problem) failures


def extract_group(sources: list[SourceText], aliases: dict[str, str]) -> Extracted:
    """Extract texts with the aliases the store knew (folded name → document id); an extractor
    bug on one text is that text's failure. Runs in a worker process: arguments and results are
    pickled, and the store is not at hand."""
    lookup = snapshot_lookup(aliases)
    texts: list[TextGraph] = []
    failures: list[tuple[str, str]] = []
    for source in sources:
        try:
            texts.append(extract(source, lookup=lookup))
        except Exception as exc:  # noqa: BLE001 - an extractor bug on one text must not stop a batch
            problem = f"internal error ({type(exc).__name__}: {exc}); please report this file"
            failures.append((source.path, problem))
    return texts, failures


def _quiet_worker() -> None:
    # Ctrl-C reaches every process of the group: the loader reports it once, workers just stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@dataclass(slots=True)
class _Pending:
    extracted: Future[Extracted]
    known: set[tuple[str, str]]  # the (key, doc_id) aliases the extraction's snapshot had
    written_before: int  # groups written when the snapshot was taken


class _Loader:
    """Extracts groups in worker processes and writes them here, in order, extracting up to
    :data:`GROUPS_AHEAD` groups ahead of the writes.

    A group is extracted with the aliases the store holds when it is submitted, which may be
    before the groups ahead of it are written: so names those groups teach ("Chiến lược …
    (Quyết định 942/QĐ-TTg)") are re-resolved after it is written too, and the graph is the one
    loading text by text gives.
    """

    def __init__(
        self,
        store: GraphStore,
        report: LoadReport,
        on_failure: Callable[[str, str], None] | None,
        jobs: int,
    ) -> None:
        self.store = store
        self.report = report
        self.on_failure = on_failure
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None
        self.pending: deque[_Pending] = deque()
        self.learnt: list[set[str]] = []  # the names each written group taught, in order

    def submit(self, sources: list[SourceText]) -> None:
        records = self.store.text_records(s.path for s in sources)
        changed = []
        for source in sources:
            record = records.get(source.path)
            if record is not None and record.sha256 == source.sha256:
                self.report.results.append(
                    WriteResult(source_path=source.path, doc_id=record.doc_id, unchanged=True)
                )
            else:
                changed.append(source)
        aliases, known = alias_snapshot(self.store)
        if self.jobs > 1 and self.pool is None:
            self.pool = ProcessPoolExecutor(self.jobs, initializer=_quiet_worker)
        if self.pool is None:
            done: Future[Extracted] = Future()
            done.set_result(extract_group(changed, aliases))
            self.pending.append(_Pending(done, known, len(self.learnt)))
        else:
            extracted = self.pool.submit(extract_group, changed, aliases)
            self.pending.append(_Pending(extracted, known, len(self.learnt)))
        while len(self.pending) > GROUPS_AHEAD:
            self._write(self.pending.popleft())

    def _write(self, pending: _Pending) -> None:
        texts, failures = pending.extracted.result()
        for path, problem in failures:
            _fail(self.report, path, problem, self.on_failure)
        learnt = {a.key for t in texts for a in t.aliases if (a.key, a.doc_id) not in pending.known}
        while texts:
            try:
                self.report.results.extend(self.store.write_texts(texts))
                texts = []
            except TextRefused as exc:
                # Refused by the store (an edge to a node that is nowhere): that file fails
                # alone, the texts before it are written, the ones after it are tried again.
                self.report.results.extend(exc.written)
                problem = str(exc).removeprefix(f"{exc.source_path}: ")
                _fail(self.report, exc.source_path, problem, self.on_failure)
                texts = texts[len(exc.written) + 1 :]
        unseen = learnt.union(*self.learnt[pending.written_before :])
        self.learnt.append(learnt)
        if unseen:
            reresolve(self.store, unseen)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        try:
            while exc_type is None and self.pending:
                self._write(self.pending.popleft())
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)


def _fail(
    report: LoadReport, path: str, problem: str, on_failure: Callable[[str, str], None] | None
) -> None:
    report.failures.append((path, problem))
    if on_failure:
        on_failure(path, problem)
