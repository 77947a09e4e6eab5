"""The pipeline: read → parse → find/resolve/relate → write.

:func:`extract` is pure (a :class:`SourceText` in, a :class:`TextGraph` out); only :func:`load_text`
and :func:`load_paths` touch a store, the latter a group of texts at a time. A text either lands
whole (its own transaction, or its group's) or not at all, so one bad file never leaves half its
data behind and never stops a batch.
"""

from __future__ import annotations

import functools
import multiprocessing
import operator
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field, fields
from multiprocessing.reduction import ForkingPickler
from pathlib import Path
from typing import Self

from graph.identity import fold_name
from graph.model import Agency, Alias, Document, Edge, Mention, Task, TextGraph
from graph.store import GraphStore, TextRecord, TextRefused, WriteResult
from graph.terminal import printable
from loader.budget import budget_seconds, extraction_budget
from loader.errors import ExtractionTooLong, IdentityConflict, LoaderError
from loader.formats import Progress
from loader.parse import parse
from loader.read import SourceText, list_files, read_path
from loader.relate import AliasLookup, extract_citations
from loader.sources import arbitrate, keep_rank
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
        folded = _fold_key(key)
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
        mentions=citations.mentions + list(parsed.review),  # a số hiệu OCR could not read
        aliases=citations.aliases,
        warnings=list(source.warnings),
        encoding=source.encoding,
        content=source.text,
        asked=sorted(asked),
        answered=sorted(answered),
        format=source.format,
        ocr=source.ocr,
        content_sha256=source.content_sha256,
    )


# The names a text asks are asked again by other texts ("Chương trình Chuyển đổi số quốc gia"):
# folded once (fold_name is three re.sub calls).
_fold_key = functools.lru_cache(maxsize=16384)(fold_name)


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

    def forget(self, origins: Iterable[str]) -> None:
        """These texts teach nothing any more (removed, or now another file's source)."""
        for origin in origins:
            for pair in self._of_origin.pop(origin, set()):
                self._count(pair, -1)

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
    store). Folded through :data:`_fold_key`: :func:`extract` has just folded the same name."""
    return lambda key: answers.get(_fold_key(key))


def source_key(path: str | os.PathLike[str]) -> str:
    """The string a store keys a text by: its absolute path, so that loading ``samples`` from
    two working directories, or a file named twice on the command line, is still one text."""
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):  # a symbolic link loop: reading the file will say so
        return os.path.abspath(path)


def load_text(store: GraphStore, path: str | os.PathLike[str]) -> WriteResult:
    """Read, extract and write one text; raises :class:`LoaderError` naming the file if it is bad.

    Re-loading an unchanged text changes nothing; a changed text replaces its edges.
    """
    return load_source(store, read_path(source_key(path)))


def load_source(store: GraphStore, source: SourceText) -> WriteResult:
    """Extract and write a text already read (a file, or bytes uploaded in the app).

    Unchanged content writes nothing, and nor does an exact copy of a loaded text
    (``WriteResult.copy_of``); another file of a loaded document is recorded as its source
    (``same_as``) or takes over as its text of record (:mod:`loader.sources`); a text that claims
    a loaded document's identity without sharing its wording raises :class:`LoaderError`. Names
    the text teaches re-resolve the texts loaded earlier that use them (:func:`reresolve`).
    """
    record = store.text_record(source.path)
    if record is not None and record.sha256 == source.sha256:
        return WriteResult(
            source_path=source.path,
            doc_id=record.doc_id,
            unchanged=True,
            same_as=record.same_as,
        )
    with extraction_budget(source.path):
        text = extract(source, lookup=store_lookup(store))
    decided = arbitrate(store, [text])
    if decided.copies:
        return decided.copies[0]
    if decided.conflicts:
        raise IdentityConflict(*decided.conflicts[0])
    learnt = _new_alias_keys(store, text) if text.same_as is None else set()
    result = store.write_text(text)
    promote(store, decided.released | _released(record, result))
    if learnt:
        reresolve(store, learnt, exclude=source.path)
    return result


@dataclass(slots=True)
class Removal:
    """What :func:`remove_source` or :func:`remove_document` did."""

    doc_id: str
    removed: list[str] = field(default_factory=list)  # the files no longer in the store
    promoted: str | None = None  # the file now the document's text of record in their place


def remove_source(store: GraphStore, path: str) -> Removal:
    """Take one loaded file out of the store (``python -m loader remove PATH``).

    Another file of a document only goes. A text of record takes its edges, tasks, mentions and
    aliases with it and its document becomes a stub if other texts still cite it, unless other
    files of the document are recorded: the best of them (:func:`loader.sources.keep_rank`)
    becomes its text of record first, in its own transaction, so a cut leaves the removed file
    as a source of the new one and running the command again finishes. Texts that resolved a
    name the file taught are extracted again (:func:`reresolve`). Raises :class:`LoaderError`
    if the file is not loaded.
    """
    record = store.text_record(path)
    if record is None:
        raise LoaderError(path, "is not loaded in this store (python -m graph stats lists texts)")
    done = Removal(record.doc_id, [path])
    if record.same_as is not None:
        store.remove_text(path)
        return done
    taught = {alias.key for alias in store.aliases() if alias.origin == path}
    others = [r.source_path for r in store.sources([record.doc_id]).get(record.doc_id, [])]
    others = [other for other in others if other != path]
    if others:
        extracted = extract_sources(_stored_sources(store, others), alias_snapshot(store))
        texts = [t for t in extracted.texts if t.document.id == record.doc_id]
        if texts:
            best = max(texts, key=keep_rank)
            best.same_as = None
            store.write_text(best, force=True)  # takes over: ``path`` is now one of its sources
            done.promoted = best.source_path
    store.remove_text(path)
    if taught:
        reresolve(store, taught)
    return done


def remove_document(store: GraphStore, doc_id: str) -> Removal:
    """Take a document's every loaded file out of the store (``python -m loader remove DOC``):
    its edges and tasks go, and it stays as a stub if other texts cite it. Raises
    :class:`LoaderError` if no file of it is loaded (it is only cited)."""
    records = store.sources([doc_id]).get(doc_id, [])
    if not records:
        raise LoaderError(doc_id, "has no loaded text in this store (it is only cited)")
    done = Removal(doc_id)
    taught = set()
    for record in reversed(records):  # the other files first, the text of record last
        taught |= {alias.key for alias in store.aliases() if alias.origin == record.source_path}
        store.remove_text(record.source_path)
        done.removed.append(record.source_path)
    if taught:
        reresolve(store, taught)
    return done


def _released(record: TextRecord | None, result: WriteResult) -> set[str]:
    """The document a text of record was of, if writing it made it another document's text."""
    if record is None or record.same_as is not None or record.doc_id == result.doc_id:
        return set()
    return {record.doc_id}


def promote(store: GraphStore, doc_ids: Iterable[str], answers: Answers | None = None) -> int:
    """For each of these documents that has files recorded (:meth:`GraphStore.sources`) but no
    text of record any more (it was removed, or it turned out to be another document), make the
    best of those files (:func:`loader.sources.keep_rank`) its text of record, extracted again
    from its stored content, and the others its sources. Returns how many were promoted."""
    wanted = set(doc_ids)
    if not wanted:
        return 0
    orphans = {
        doc_id: records
        for doc_id, records in store.sources(wanted).items()
        if records and all(r.same_as is not None for r in records)
    }
    if not orphans:
        return 0
    answers = alias_snapshot(store) if answers is None else answers
    promoted = 0
    for records in orphans.values():
        done = extract_sources(_stored_sources(store, [r.source_path for r in records]), answers)
        texts = [t for t in done.texts if t.document.id == records[0].doc_id]
        if not texts:
            continue
        best = max(texts, key=keep_rank)  # max keeps the first (by path) of equal rank
        best.same_as = None
        others = [t for t in texts if t is not best]
        for other in others:
            other.same_as = best.source_path
        store.write_texts([best, *others], force=True)
        promoted += 1
    return promoted


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
    """Extract loaded texts of record again from their stored content, with these answers."""
    done = extract_sources(_stored_sources(store, origins, of_record=True), answers)
    if done.failures:
        path, problem = done.failures[0]
        raise LoaderError(path, problem)
    return done.texts


def _stored_sources(
    store: GraphStore, origins: Iterable[str], *, of_record: bool = False
) -> list[SourceText]:
    """Loaded texts as they were read, from their stored content (in the order of their paths);
    with ``of_record`` only texts of record (another file of a document is never extracted again
    to be written: it contributes nothing)."""
    wanted = set(origins)
    if not wanted:
        return []
    records = store.text_records(wanted)
    if of_record:
        records = {path: r for path, r in records.items() if r.same_as is None}
    contents = store.text_contents(records)
    return [
        SourceText(
            path=origin,
            text=contents[origin],
            sha256=record.sha256,
            encoding=record.encoding,
            warnings=record.warnings,
            format=record.format,
            ocr=record.ocr,
        )
        for origin, record in sorted(records.items())
        if origin in contents
    ]


@dataclass(slots=True)
class LoadReport:
    """What a batch did: per-file outcomes for the CLI's and the app's summaries."""

    results: list[WriteResult] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, problem)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why): not a legal text

    @property
    def counts(self) -> Counter[str]:
        """``loaded``, ``unchanged`` (copies too), ``copies``, ``same document`` (recorded as
        another file of a loaded document), ``failed``, ``skipped``, ``stubs upgraded``."""
        c: Counter[str] = Counter()
        for r in self.results:
            if r.unchanged:
                c["unchanged"] += 1
                c["copies"] += r.copy_of is not None
            elif r.same_as is not None:
                c["same document"] += 1
            else:
                c["loaded"] += 1
            c["stubs upgraded"] += r.stub_upgraded
        c["failed"] = len(self.failures)
        c["skipped"] = len(self.skipped)
        return c

    @property
    def ok(self) -> bool:
        return not self.failures


def describe(result: WriteResult) -> tuple[str, str] | None:
    """What the CLI says of a text beyond "loaded": (label, message), or None.

    >>> copy = WriteResult("b/qd (1).txt", "vn:01/QD-TTG@2024", unchanged=True, copy_of="b/qd.txt")
    >>> describe(copy)
    ('unchanged', 'b/qd (1).txt: copy of b/qd.txt')
    """
    if result.copy_of is not None:
        return "unchanged", f"{result.source_path}: copy of {result.copy_of}"
    if result.unchanged:
        return None
    if result.same_as is not None:
        return (
            "same document",
            f"{result.source_path}: same document as {result.same_as}, which stays its text of "
            "record (recorded as one more source of it)",
        )
    if result.demoted is not None:
        return (
            "loaded",
            f"{result.source_path}: same document as {result.demoted}, and now its text of "
            "record in its place (typed over OCR, fuller header, longer text)",
        )
    return None


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
    Python and most of a load's time (~2.4 MB/s a core, bench/run.py); the writes mostly wait on
    the store."""
    return os.cpu_count() or 1


# A scanned PDF costs seconds a page to read (OCR), a hundred times a typed text: each counts as
# this many texts towards GROUP_TEXTS, so that a folder of scans is spread over the workers
# instead of queueing in one group behind one core.
PDF_GROUP_WEIGHT = 10


def load_paths(
    store: GraphStore,
    paths: Iterable[str | os.PathLike[str]],
    progress: Callable[[Iterable[str]], Iterable[str]] | None = None,
    on_failure: Callable[[str, str], None] | None = None,
    workers: int | None = None,
    on_note: Callable[[str, str], None] | None = None,
    on_page: PageProgress | None = None,
    budget: float | None = None,
) -> LoadReport:
    """Load files and folders of legal texts (every format of :data:`loader.formats.FORMATS`);
    a bad file is reported, not fatal.

    Texts are read and extracted a group at a time (:data:`GROUP_TEXTS`) by ``workers``
    processes (:func:`default_workers`; 1 does it here, in this process) while earlier groups
    are written,
    and each group is written with :meth:`GraphStore.write_texts`, in the order of the files.
    Each text still lands whole or not at all, and a batch gives the graph that loading its files
    one by one (:func:`load_text`) gives. Copies and other files of one document make one
    document (:mod:`loader.sources`). ``progress`` wraps the list of files (e.g. ``tqdm``);
    ``on_failure(path, problem)`` is called as each failure is known, so a CLI can print it at
    once, and ``on_note(label, message)`` for files skipped in folders (``skipped``), copies and
    other files of loaded documents (:func:`describe`). Store errors (disk full, server gone) are
    not per-file problems and propagate: the texts of earlier groups are loaded, a re-run
    finishes. ``on_page(path, done, total)`` hears of the pages OCR reads, in the workers (so it
    must be a module-level function: it is pickled). A text whose extraction takes more than
    ``budget`` CPU seconds (default :data:`loader.budget.EXTRACTION_BUDGET_SECONDS`; 0: no limit)
    fails alone (:func:`loader.budget.extraction_budget`).
    """
    report = LoadReport()
    jobs = default_workers() if workers is None else max(1, workers)
    listing = list_files([os.fspath(p) for p in paths])
    report.skipped.extend(listing.skipped)
    if on_note is not None:
        for path, why in listing.skipped:
            on_note("skipped", f"{path}: {why}")
    with _Loader(
        store, report, on_failure, jobs, on_note, on_page, budget_seconds(budget)
    ) as loader:
        group: list[str] = []
        size = weight = 0
        files = listing.files
        for path in progress(files) if progress else files:
            if not _utf8(path):
                # "qd_\xe9\xff.txt", copied from an old system: the store keys texts by their
                # names, in UTF-8, so this one cannot be keyed; the others go on.
                _fail(report, _shown(path), UNDECODABLE_NAME, on_failure)
                continue
            key = source_key(path)
            if key != os.path.abspath(path) and os.path.islink(path):
                # "x.txt" → /dev/zero: its failure names the entry in the folder, not only where
                # it leads (a user looking for "/dev/zero" among their files finds nothing).
                loader.links.setdefault(key, deque()).append(os.path.abspath(path))
            group.append(key)
            weight += PDF_GROUP_WEIGHT if path.lower().endswith(".pdf") else 1
            with suppress(OSError):  # a file gone by now is read_path's to report
                size += os.stat(group[-1]).st_size
            if weight >= GROUP_TEXTS or size >= GROUP_BYTES:
                loader.submit(group)
                group, size, weight = [], 0, 0
        if group:
            loader.submit(group)
    return report


UNDECODABLE_NAME = (
    "its name is not valid UTF-8 (a file name from another system): rename it and load it again"
)


def _utf8(path: str) -> bool:
    """Whether a path is text: names that are not UTF-8 arrive with surrogate escapes."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(path: str) -> str:
    """A path as it can be printed: bytes that are not UTF-8 as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


@dataclass(slots=True)
class Extracted:
    """What a worker made of a group of files."""

    texts: list[TextGraph] = field(default_factory=list)  # to write, in the order of the files
    unchanged: list[WriteResult] = field(default_factory=list)  # loaded with this content already
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, problem)
    kept: dict[str, Asked] = field(default_factory=dict)  # the unchanged ones' stored answers
    again: bool = False  # loaded texts extracted again: written with force, not reported
    copies: list[tuple[str, str]] = field(default_factory=list)  # (path, earlier path in group)


# A file's pages as OCR reads them: (path, pages done, pages in all).
PageProgress = Callable[[str, int, int], None]


def _by_fields(cls: type) -> Callable[[object], tuple[type, tuple[object, ...]]] | None:
    """A pickle reducer that rebuilds a dataclass by calling it with its fields, or None if
    that would not give an equal object (a field left out of ``__init__``, a ``__post_init__``).

    A frozen dataclass with slots pickles through ``__getstate__``/``__setstate__`` written in
    Python, which call ``dataclasses.fields()`` for every object: a group's ~13,000 edges, nodes
    and mentions cost ~2 ms a text to pickle in a worker and unpickle here, an eighth of a load
    of the synthetic corpus. The fields as one tuple (``attrgetter``, in C) and the class's own
    ``__init__`` take about half of that, and give equal objects.
    """
    members = fields(cls)
    if not members or hasattr(cls, "__post_init__"):
        return None
    if not all(f.init and not f.kw_only for f in members):
        return None
    values = operator.attrgetter(*(f.name for f in members))
    if len(members) == 1:
        return lambda obj: (cls, (values(obj),))
    return lambda obj: (cls, values(obj))


# Registered with multiprocessing's pickler only (what carries a group to a worker and its
# Extracted back), by exact type: pickle.dumps elsewhere is untouched.
for _cls in (Document, Task, Agency, Edge, Mention, Alias, TextGraph, TextRecord, WriteResult):
    if (_reducer := _by_fields(_cls)) is not None:
        ForkingPickler.register(_cls, _reducer)


def extract_group(
    paths: list[str],
    stored: dict[str, TextRecord],
    aliases: dict[str, str],
    on_page: PageProgress | None = None,
    budget: float | None = None,
) -> Extracted:
    """Read and extract files with the aliases the store knew (folded name → document id),
    skipping those whose content the store already holds (``stored``: their records), and the
    exact copies of texts before them in the group. A bad file, an extractor bug on one text, or
    an extraction over ``budget`` CPU seconds (:func:`loader.budget.extraction_budget`), is that
    file's failure. Runs in a worker process: arguments and results are pickled, and the
    store is not at hand."""
    done = Extracted()
    first: dict[str, str] = {}  # content digest → the first path of the group with it
    # The names the group's texts teach, answered as the store will once they are written (the
    # least document id of a name's teachers, AliasBook._count): a text that cites a programme by
    # the name its approving decision, earlier in the same group, gives it was otherwise
    # extracted a second time when the group was written (one text in ten of the synthetic
    # corpus). Only a first guess: the loader compares what each text was answered with the
    # store's answers once the group is written, and extracts again the texts it guessed wrong
    # for (a teacher refused, a copy, a text reloaded with other aliases).
    answers = dict(aliases)
    for path in paths:
        pages: Progress | None = None
        if on_page is not None:
            pages = functools.partial(on_page, path)
        try:
            source = read_path(path, pages)
        except LoaderError as exc:
            done.failures.append((path, exc.problem))
            continue
        record = stored.get(path)
        if record is not None and record.sha256 == source.sha256:
            done.unchanged.append(
                WriteResult(path, record.doc_id, unchanged=True, same_as=record.same_as)
            )
            if record.same_as is None:  # another file of a document looks nothing up
                done.kept[path] = looked_up(record)
            continue
        earlier = first.setdefault(source.content_sha256, path)
        if earlier != path and record is None:
            # "quyet_dinh (1).txt" beside "quyet_dinh.txt": nothing to extract twice. (The main
            # process decides whether the first is itself a copy of a loaded text.)
            done.copies.append((path, earlier))
            continue
        if _extract_into(done, source, answers, budget):
            _learn(answers, done.texts[-1].aliases)
    return done


def _learn(answers: Answers, aliases: Iterable[Alias]) -> None:
    """Add the aliases of a text just extracted to ``answers`` as :class:`AliasBook` would."""
    for alias in aliases:
        known = answers.get(alias.key)
        if known is None or alias.doc_id < known:
            answers[alias.key] = alias.doc_id


def extract_sources(
    sources: list[SourceText], aliases: Answers, budget: float | None = None
) -> Extracted:
    """Extract loaded texts again (from their stored content) with newer answers; in a worker
    process too."""
    done = Extracted(again=True)
    for source in sources:
        _extract_into(done, source, aliases, budget)
    return done


def _extract_into(
    done: Extracted, source: SourceText, aliases: Answers, budget: float | None
) -> bool:
    """Extract ``source`` into ``done``: True if it went into ``done.texts``."""
    try:
        with extraction_budget(source.path, budget):
            text = extract(source, lookup=snapshot_lookup(aliases))
    except ExtractionTooLong as exc:
        done.failures.append((source.path, exc.problem))
        return False
    except Exception as exc:  # noqa: BLE001 - an extractor bug on one text must not stop a batch
        problem = f"internal error ({type(exc).__name__}: {exc}); please report this file"
        done.failures.append((source.path, problem))
        return False
    done.texts.append(text)
    return True


# How often a worker looks whether the loader that started it is still there. A loader killed
# with SIGKILL (or by the OOM killer) runs no clean-up: its workers, reparented, went on holding
# memory, and sat on a queue nobody would fill.
PARENT_CHECK_SECONDS = 1.0


def _quiet_worker(loader_pid: int) -> None:
    # Ctrl-C reaches every process of the group: the loader reports it once, workers just stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_SECONDS)
            try:
                os.kill(loader_pid, 0)  # signal 0: only asks whether the process exists
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                pass  # it exists (another user's process can only mean pid reuse: keep going)

    threading.Thread(target=watch, name="loader-watch", daemon=True).start()


def print_page(path: str, done: int, total: int) -> None:
    """A :data:`PageProgress` for the command line: OCR's progress, a line a page, on stderr
    at once (it runs in the workers)."""
    # One write a line: unbuffered (PYTHONUNBUFFERED, as in CI), print() writes a line and its
    # newline apart, and the loader's "failed: …" line could land between them, glued to this.
    sys.stderr.write(printable(f"ocr: {path}: page {done}/{total}") + "\n")
    sys.stderr.flush()


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
        on_note: Callable[[str, str], None] | None = None,
        on_page: PageProgress | None = None,
        budget: float | None = None,
    ) -> None:
        self.store = store
        self.budget = budget  # CPU seconds a text's extraction may take, in the workers
        self.report = report
        self.on_failure = on_failure
        self.on_note = on_note
        self.on_page = on_page
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
        self.links: dict[str, deque[str]] = {}  # a target → the symbolic links listed to it

    def _run(self, work: Callable[..., Extracted], *args: object) -> None:
        if self.jobs > 1 and self.pool is None:
            # Workers start from a fork server, a fresh process: forked from the loader, they
            # held its open store (SQLite files, sockets) for as long as they lived. The fork
            # server imports the extractor once, before it forks them, instead of each worker
            # importing it (~0.25 s of CPU each). Only the first pool of a process starts the
            # fork server: later ones find this module imported there already.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([__name__])
            self.pool = ProcessPoolExecutor(
                self.jobs,
                mp_context=context,
                initializer=_quiet_worker,
                initargs=(os.getpid(),),
            )
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
        self._run(extract_group, paths, stored, self.book.snapshot(), self.on_page, self.budget)
        self.groups_pending += 1
        while self.groups_pending > GROUPS_AHEAD:
            self._write(self.pending.popleft())

    def _extract_again(self, origins: set[str]) -> None:
        assert self.book is not None
        wanted = {o for o in origins if self.again[o] < MAX_EXTRACTIONS_AGAIN}
        self.again.update(wanted)
        sources = _stored_sources(self.store, wanted, of_record=True)
        if sources:
            self._run(extract_sources, sources, self.book.snapshot(), self.budget)

    def _write(self, pending: Future[Extracted]) -> None:
        assert self.book is not None  # made by the first submit
        extracted = pending.result()
        if not extracted.again:
            self.groups_pending -= 1
        for path, problem in extracted.failures:
            if not extracted.again and self.links.get(path):
                # Each link to a target fails as its target does: one line for each, by name.
                path, problem = self.links[path].popleft(), f"{problem}; it is a link to {path}"
            _fail(self.report, path, problem, self.on_failure)
        self.report.results.extend(extracted.unchanged)
        # An unchanged text is checked like a written one: a load cut before the texts it had
        # put out of date were extracted again leaves them to the next run of the same files.
        self._remember(extracted.kept)
        texts = extracted.texts
        released: set[str] = set()
        if extracted.again:
            # A text of record may have become another file's source since it was queued.
            records = self.store.text_records(t.source_path for t in texts)
            texts = [t for t in texts if (r := records.get(t.source_path)) and r.same_as is None]
        else:
            decided = arbitrate(self.store, texts)
            texts, released = decided.texts, decided.released
            self._report(decided.copies)
            for path, problem in decided.conflicts:
                _fail(self.report, path, problem, self.on_failure)
        written = [t.source_path for t in texts if t.same_as is None]
        outcomes: list[WriteResult] = []
        while texts:
            try:
                results = self.store.write_texts(texts, force=extracted.again)
                outcomes.extend(results)
                self._wrote(texts, results)
                texts = []
            except TextRefused as exc:
                # Refused by the store (an edge to a node that is nowhere): that file fails
                # alone, the texts before it are written, the ones after it are tried again.
                outcomes.extend(exc.written)
                done = len(exc.written)
                self._wrote(texts[:done], exc.written)
                problem = str(exc).removeprefix(f"{exc.source_path}: ")
                _fail(self.report, exc.source_path, problem, self.on_failure)
                texts = texts[done + 1 :]
        if not extracted.again:  # a text extracted again was reported when loaded
            self._report(outcomes)
            self._report_copies(extracted.copies)
            self._warn(extracted.texts, outcomes)
        if released:
            promote(self.store, released, self.book.snapshot())
        self._settle([*extracted.kept, *(path for path in written if path in self.asked)])

    def _report(self, results: Iterable[WriteResult]) -> None:
        for result in results:
            self.report.results.append(result)
            note = describe(result)
            if note is not None and self.on_note is not None:
                self.on_note(*note)

    def _warn(self, texts: list[TextGraph], outcomes: list[WriteResult]) -> None:
        """What the readers warned of ("decoded as Windows-1258: check the diacritics", "page 1
        read by OCR: …"), for the texts written: the app shows it, so must the command line."""
        if self.on_note is None:
            return
        written = {r.source_path for r in outcomes if not r.unchanged}
        for text in texts:
            if text.source_path in written:
                for warning in text.warnings:
                    self.on_note("warning", f"{text.source_path}: {warning}")

    def _report_copies(self, copies: list[tuple[str, str]]) -> None:
        """Copies of texts earlier in their own group, by what became of those texts."""
        if not copies:
            return
        failed = dict(self.report.failures)
        outcome = {r.source_path: r for r in self.report.results}
        for path, earlier in copies:
            if earlier in failed:
                _fail(self.report, path, f"copy of {earlier}, which failed", self.on_failure)
            elif earlier in outcome:
                doc_id = outcome[earlier].doc_id
                self._report([WriteResult(path, doc_id, unchanged=True, copy_of=earlier)])

    def _wrote(self, texts: list[TextGraph], results: list[WriteResult]) -> None:
        assert self.book is not None
        of_record = [t for t in texts if t.same_as is None]
        # A text recorded as another file's source, or one those files took over from, teaches
        # and looks up nothing any more.
        gone = [t.source_path for t in texts if t.same_as is not None]
        gone += [r.demoted for r in results if r.demoted is not None]
        self.book.forget(gone)
        self.book.wrote(of_record)
        self._forget(gone)
        self._remember({text.source_path: looked_up(text) for text in of_record})

    def _forget(self, origins: Iterable[str]) -> None:
        for origin in origins:
            for key in self.asked.pop(origin, {}):
                self.askers[key].discard(origin)

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
            if any(self.book.answer(k) != found for k, found in self.asked.get(origin, {}).items())
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
