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
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from graph.identity import fold_name
from graph.model import Alias, TextGraph
from graph.store import GraphStore, TextRecord, TextRefused, WriteResult
from loader.errors import LoaderError
from loader.parse import parse
from loader.read import SourceText, iter_text_files, read_path
from loader.relate import AliasLookup, extract_citations
from loader.tasks import extract_tasks


def extract(source: SourceText, lookup: AliasLookup | None = None) -> TextGraph:
    """Everything ``source`` contributes to the graph, without touching a store.

    ``lookup`` resolves names of programmes and strategies learnt from other texts
    (``Chương trình Chuyển đổi số quốc gia`` → Quyết định 749/QĐ-TTg); see :func:`store_lookup`.
    The names it was asked go into :attr:`TextGraph.asked` (and their answers into
    ``answered``), so that the text can be found and extracted again when one of them is taught
    or changes answer.
    """
    asked: set[str] = set()
    answered: set[str] = set()

    def recording(key: str) -> str | None:
        folded = fold_name(key)
        asked.add(folded)
        found = lookup(key) if lookup is not None else None
        if found is not None:
            answered.add(f"{folded}={found}")
        return found

    parsed = parse(source)
    citations = extract_citations(parsed, lookup=recording)
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
        asked=sorted(asked),
        answered=sorted(answered),
    )


def store_lookup(store: GraphStore) -> AliasLookup:
    """An :data:`AliasLookup` that consults the aliases other texts taught the store."""

    def lookup(key: str) -> str | None:
        found = store.aliases(key)
        return found[0].doc_id if found else None

    return lookup


Answers = dict[str, str]  # folded name → the document id store_lookup answers
Asked = dict[str, str | None]  # the names one extraction looked up → what it was answered


class AliasBook:
    """A store's aliases as a load goes on: read once, then kept up to date from the texts the
    loader writes, each text's aliases replacing the ones it taught before (as the stores do).

    Extraction asks for ~14 names per text; on a server each would be a round trip (14 s of a
    48 s load of 1,000 texts into Neo4j), so texts are extracted with a :meth:`snapshot` looked
    up in memory. Reading every alias from the store for each group instead grew with the square
    of the corpus (one alias per text or so). Aliases another process writes into the same store
    during a load are seen by the next load. It also says which names have changed answer since
    the loader last asked (:meth:`changed`): the texts that looked them up are out of date.
    """

    def __init__(self, aliases: Iterable[Alias]) -> None:
        self._of_origin: dict[str | None, set[tuple[str, str]]] = {}
        self._teachers: dict[str, Counter[str]] = {}  # key → doc_id → texts teaching the pair
        self._first: dict[str, str] = {}  # key → the doc_id store_lookup answers (the least)
        self._changed: set[str] = set()
        for alias in aliases:
            pair = (alias.key, alias.doc_id)
            taught = self._of_origin.setdefault(alias.origin, set())
            if pair not in taught:
                taught.add(pair)
                self._count(pair, +1)
        self._changed.clear()  # what the store already held is no change

    def wrote(self, texts: Iterable[TextGraph]) -> None:
        """The store now holds these texts (their aliases replace what they taught before)."""
        for text in texts:
            new = {(alias.key, alias.doc_id) for alias in text.aliases}
            old = self._of_origin.get(text.source_path, set())
            for pair in old - new:
                self._count(pair, -1)
            for pair in new - old:
                self._count(pair, +1)
            self._of_origin[text.source_path] = new

    def _count(self, pair: tuple[str, str], change: int) -> None:
        key, doc_id = pair
        teachers = self._teachers.setdefault(key, Counter())
        teachers[doc_id] += change
        if teachers[doc_id] <= 0:
            del teachers[doc_id]
        answer = min(teachers) if teachers else None
        if answer != self._first.get(key):
            self._changed.add(key)
            if answer is None:
                del self._first[key], self._teachers[key]
            else:
                self._first[key] = answer

    def answer(self, key: str) -> str | None:
        """What :func:`store_lookup` answers for a folded name."""
        return self._first.get(key)

    def changed(self) -> set[str]:
        """The names whose answer changed since the last call (or since the book was made)."""
        changed, self._changed = self._changed, set()
        return changed

    def snapshot(self) -> Answers:
        """What :func:`store_lookup` would answer, for every name: a copy, picklable for a
        worker process."""
        return dict(self._first)


def alias_snapshot(store: GraphStore) -> Answers:
    """Every alias the store knows, as an :class:`AliasBook` snapshot of it."""
    return AliasBook(store.aliases()).snapshot()


def looked_up(text: TextGraph | TextRecord) -> Asked:
    """What a text looked up and was answered (:func:`extract` records both), from the text or
    from its record: what the loader compares with the store's answers of the moment."""
    asked: Asked = dict.fromkeys(text.asked)
    for pair in text.answered:
        name, _, doc_id = pair.partition("=")
        asked[name] = doc_id
    return asked


def snapshot_lookup(answers: Answers) -> AliasLookup:
    """The :data:`AliasLookup` of a snapshot (looked up in memory: a worker process has no
    store)."""
    return lambda key: answers.get(fold_name(key))


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
    names = set(alias_keys)
    origins = _citing_named(store, names) | store.texts_asking(names)
    origins.discard(exclude or "")
    texts = _reextract(store, origins, alias_snapshot(store))
    store.write_texts(texts, force=True)  # one transaction per hundred on a server
    return len(texts)


def _citing_named(store: GraphStore, alias_keys: Iterable[str]) -> set[str]:
    """The texts that cite a document known only by one of these names (a stub of it)."""
    named = {doc.id for docs in store.named_documents_many(alias_keys).values() for doc in docs}
    citing = store.edges_of_many(named, "in") if named else {}
    return {e.origin for edges in citing.values() for e in edges if e.origin}


def _reextract(store: GraphStore, origins: Iterable[str], answers: Answers) -> list[TextGraph]:
    """Extract loaded texts again from their stored content, with these answers."""
    done = extract_sources(_stored_sources(store, origins), answers)
    if done.failures:
        path, problem = done.failures[0]
        raise LoaderError(path, problem)
    return done.texts


def _stored_sources(store: GraphStore, origins: Iterable[str]) -> list[SourceText]:
    """Loaded texts as they were read, from their stored content (in the order of their paths)."""
    wanted = set(origins)
    if not wanted:
        return []
    records = store.text_records(wanted)
    contents = store.text_contents(records)
    return [
        SourceText(
            path=origin,
            text=contents[origin],
            sha256=record.sha256,
            encoding=record.encoding,
            warnings=record.warnings,
        )
        for origin, record in sorted(records.items())
        if origin in contents
    ]


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
# ~8,000 edges instead of 100 of ~80, 2.5-4x the edges per second. Bounded by bytes on disk too,
# because a group's texts are held in memory until written (a Bộ luật is ~1 MB of text).
GROUP_TEXTS = 100
GROUP_BYTES = 20_000_000


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

    Texts are read and extracted a group at a time (:data:`GROUP_TEXTS`) by ``workers``
    processes (:func:`default_workers`; 1 does it here, in this process) while earlier groups
    are written,
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
        group: list[str] = []
        size = 0
        files = iter_text_files([os.fspath(p) for p in paths])
        for path in progress(files) if progress else files:
            group.append(source_key(path))
            with suppress(OSError):  # a file gone by now is read_path's to report
                size += os.stat(group[-1]).st_size
            if len(group) >= GROUP_TEXTS or size >= GROUP_BYTES:
                loader.submit(group)
                group, size = [], 0
        if group:
            loader.submit(group)
    return report


@dataclass(slots=True)
class Extracted:
    """What a worker made of a group of files."""

    texts: list[TextGraph] = field(default_factory=list)  # to write, in the order of the files
    unchanged: list[WriteResult] = field(default_factory=list)  # loaded with this content already
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, problem)
    kept: dict[str, Asked] = field(default_factory=dict)  # the unchanged ones' stored answers
    again: bool = False  # loaded texts extracted again: written with force, not reported


def extract_group(
    paths: list[str], stored: dict[str, TextRecord], aliases: dict[str, str]
) -> Extracted:
    """Read and extract files with the aliases the store knew (folded name → document id),
    skipping those whose content the store already holds (``stored``: their records). A bad file,
    or an extractor bug on one text, is that file's failure. Runs in a worker process: arguments
    and results are pickled, and the store is not at hand."""
    done = Extracted()
    for path in paths:
        try:
            source = read_path(path)
        except LoaderError as exc:
            done.failures.append((path, exc.problem))
            continue
        record = stored.get(path)
        if record is not None and record.sha256 == source.sha256:
            done.unchanged.append(WriteResult(path, record.doc_id, unchanged=True))
            done.kept[path] = looked_up(record)
            continue
        _extract_into(done, source, aliases)
    return done


def extract_sources(sources: list[SourceText], aliases: Answers) -> Extracted:
    """Extract loaded texts again (from their stored content) with newer answers; in a worker
    process too."""
    done = Extracted(again=True)
    for source in sources:
        _extract_into(done, source, aliases)
    return done


def _extract_into(done: Extracted, source: SourceText, aliases: Answers) -> None:
    try:
        done.texts.append(extract(source, lookup=snapshot_lookup(aliases)))
    except Exception as exc:  # noqa: BLE001 - an extractor bug on one text must not stop a batch
        problem = f"internal error ({type(exc).__name__}: {exc}); please report this file"
        done.failures.append((source.path, problem))


def _quiet_worker() -> None:
    # Ctrl-C reaches every process of the group: the loader reports it once, workers just stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# How many times one text may be extracted again in a load. Its answers change only when a text
# teaches a name, and re-extraction teaches nothing new (what a text teaches does not depend on
# what it looked up), so this never binds: it only guards against a cycle in a future extractor.
MAX_EXTRACTIONS_AGAIN = 50


class _Loader:
    """Extracts groups in worker processes and writes them here, in order, extracting up to
    :data:`GROUPS_AHEAD` groups ahead of the writes.

    A group is extracted with the names the store knew when it was submitted (an
    :class:`AliasBook` snapshot), which may be before the groups ahead of it were written; and
    a later group may teach a name an earlier one looked up in vain ("Chương trình Chuyển đổi số
    quốc gia", approved by Quyết định 749/QĐ-TTg), or a second document for a name whose answer
    is then the other one. So the loader remembers what each text of the load looked up and was
    answered, and after each write it queues, behind the groups already submitted, a job that
    extracts again (from the stored content, in a worker too) every text whose answers are no
    longer what the store would say: the graph then does not depend on the order of the files,
    and every decision is taken at a point fixed by the files alone, so nor on ``-j``. At the
    end, texts of earlier loads that looked up a name whose answer changed (the store records
    what each text looked up) are extracted again too.
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
        self.pending: deque[Future[Extracted]] = deque()  # groups, and texts to extract again
        self.groups_pending = 0
        self.book: AliasBook | None = None
        self.asked: dict[str, Asked] = {}  # text → what it looked up, for the texts written
        self.askers: dict[str, set[str]] = {}  # folded name → the texts that looked it up
        self.changed: set[str] = set()  # names whose answer changed during the load
        self.checked: set[str] = set()  # those whose askers among earlier loads were looked for
        self.again: Counter[str] = Counter()  # times each text was extracted again

    def _run(self, work: Callable[..., Extracted], *args: object) -> None:
        if self.jobs > 1 and self.pool is None:
            self.pool = ProcessPoolExecutor(self.jobs, initializer=_quiet_worker)
        if self.pool is None:
            done: Future[Extracted] = Future()
            done.set_result(work(*args))
            self.pending.append(done)
        else:
            self.pending.append(self.pool.submit(work, *args))

    def submit(self, paths: list[str]) -> None:
        stored = self.store.text_records(paths)
        if self.book is None:
            self.book = AliasBook(self.store.aliases())
        self._run(extract_group, paths, stored, self.book.snapshot())
        self.groups_pending += 1
        while self.groups_pending > GROUPS_AHEAD:
            self._write(self.pending.popleft())

    def _extract_again(self, origins: set[str]) -> None:
        assert self.book is not None
        wanted = {o for o in origins if self.again[o] < MAX_EXTRACTIONS_AGAIN}
        self.again.update(wanted)
        sources = _stored_sources(self.store, wanted)
        if sources:
            self._run(extract_sources, sources, self.book.snapshot())

    def _write(self, pending: Future[Extracted]) -> None:
        assert self.book is not None  # made by the first submit
        extracted = pending.result()
        if not extracted.again:
            self.groups_pending -= 1
        for path, problem in extracted.failures:
            _fail(self.report, path, problem, self.on_failure)
        self.report.results.extend(extracted.unchanged)
        # An unchanged text is checked like a written one: a load cut before the texts it had
        # put out of date were extracted again leaves them to the next run of the same files.
        self._remember(extracted.kept)
        texts = extracted.texts
        written = [t.source_path for t in texts]
        while texts:
            try:
                results = self.store.write_texts(texts, force=extracted.again)
                if not extracted.again:  # a text extracted again was reported when loaded
                    self.report.results.extend(results)
                self._wrote(texts)
                texts = []
            except TextRefused as exc:
                # Refused by the store (an edge to a node that is nowhere): that file fails
                # alone, the texts before it are written, the ones after it are tried again.
                self.report.results.extend(exc.written)
                done = len(exc.written)
                self._wrote(texts[:done])
                problem = str(exc).removeprefix(f"{exc.source_path}: ")
                _fail(self.report, exc.source_path, problem, self.on_failure)
                texts = texts[done + 1 :]
        self._settle([*extracted.kept, *(path for path in written if path in self.asked)])

    def _wrote(self, texts: list[TextGraph]) -> None:
        assert self.book is not None
        self.book.wrote(texts)
        self._remember({text.source_path: looked_up(text) for text in texts})

    def _remember(self, asked: dict[str, Asked]) -> None:
        for origin, looked_up in asked.items():
            for key in self.asked.get(origin, {}):
                self.askers[key].discard(origin)
            self.asked[origin] = looked_up
            for key in looked_up:
                self.askers.setdefault(key, set()).add(origin)

    def _out_of_date(self, origins: Iterable[str]) -> set[str]:
        assert self.book is not None
        return {
            origin
            for origin in origins
            if any(self.book.answer(k) != found for k, found in self.asked[origin].items())
        }

    def _settle(self, written: list[str]) -> None:
        """Queue the texts whose answers changed to be extracted again (see the class)."""
        assert self.book is not None
        changed = self.book.changed()
        self.changed |= changed
        askers = {o for key in changed for o in self.askers.get(key, ())}
        # The texts just written were extracted before the groups ahead of them were written.
        stale = self._out_of_date([*written, *askers])
        if stale:
            self._extract_again(stale)

    def _settle_earlier_loads(self) -> None:
        """Queue the texts of earlier loads that looked up a name whose answer this load
        changed, or that cite a stub of it (texts loaded before names were recorded)."""
        names = self.changed - self.checked
        if not names:
            return
        self.checked |= names
        earlier = self.store.texts_asking(names) | _citing_named(self.store, names)
        earlier.difference_update(self.asked)  # this load's are up to date
        if earlier:
            self._extract_again(earlier)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        try:
            while exc_type is None and self.pending:
                self._write(self.pending.popleft())
                if not self.pending:
                    self._settle_earlier_loads()
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)


def _fail(
    report: LoadReport, path: str, problem: str, on_failure: Callable[[str, str], None] | None
) -> None:
    report.failures.append((path, problem))
    if on_failure:
        on_failure(path, problem)
