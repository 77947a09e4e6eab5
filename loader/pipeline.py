"""The pipeline: read → parse → find/resolve/relate → write, one text at a time.

:func:`extract` is pure (a :class:`SourceText` in, a :class:`TextGraph` out); only :func:`load_text`
and :func:`load_paths` touch a store. A text either lands whole (one store transaction) or not at
all, so one bad file never leaves half its data behind and never stops a batch.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.model import TextGraph
from graph.store import GraphStore, StoreError, WriteResult
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
    origins: set[str] = set()
    for key in alias_keys:
        for doc in store.named_documents(key):
            origins.update(e.origin for e in store.edges_of(doc.id, "in") if e.origin)
    origins.discard(exclude or "")
    rewritten = 0
    for origin in sorted(origins):
        record, content = store.text_record(origin), store.text_content(origin)
        if record is None or content is None:
            continue
        source = SourceText(
            path=origin,
            text=content,
            sha256=record.sha256,
            encoding=record.encoding,
            warnings=record.warnings,
        )
        store.write_text(extract(source, lookup=store_lookup(store)), force=True)
        rewritten += 1
    return rewritten


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


def load_paths(
    store: GraphStore,
    paths: Iterable[str | os.PathLike[str]],
    progress: Callable[[Iterable[str]], Iterable[str]] | None = None,
    on_failure: Callable[[str, str], None] | None = None,
) -> LoadReport:
    """Load files and folders of ``.txt`` / ``.md`` texts; a bad file is reported, not fatal.

    ``progress`` wraps the list of files (e.g. ``tqdm``); ``on_failure(path, problem)`` is called
    as each failure happens so a CLI can print it at once. Store errors (disk full, server gone)
    are not per-file problems and propagate.
    """
    report = LoadReport()
    files = iter_text_files([os.fspath(p) for p in paths])
    for path in progress(files) if progress else files:
        try:
            report.results.append(load_text(store, path))
        except StoreError:
            raise
        except LoaderError as exc:
            _fail(report, path, exc.problem, on_failure)
        except Exception as exc:  # noqa: BLE001 - an extractor bug on one text must not stop a batch
            _fail(
                report,
                path,
                f"internal error ({type(exc).__name__}: {exc}); please report this file",
                on_failure,
            )
    return report


def _fail(
    report: LoadReport, path: str, problem: str, on_failure: Callable[[str, str], None] | None
) -> None:
    report.failures.append((path, problem))
    if on_failure:
        on_failure(path, problem)
