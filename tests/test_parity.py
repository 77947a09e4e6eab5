"""Parity: the same texts loaded into the embedded store and into Neo4j give the same graph, and
every query of the registry gives the same answer (or the same refusal) on both.

Each corpus is loaded with the loader into both stores; then the stores' data is compared (export,
counts, text records, mentions, aliases, stored content) and every registered query is called
with arguments drawn from the graph itself (documents, numbers, names, tasks, agencies, dates),
so a query added to the registry is covered without touching this file. A second load must
change nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from bench.synth import write_corpus
from graph.embedded import EmbeddedStore
from graph.model import Agency, Edge, Task
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from loader.pipeline import load_paths
from queries import REGISTRY, QueryError
from queries.registry import Param, Query

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
NO_SHARED = "needs ../shared (the seed and dev corpora), absent from a fresh clone"

# Enough synthetic texts for supersession chains, amendments and shared stubs to appear; few
# enough that the whole suite stays well under a minute.
SYNTH_TEXTS = 40
SYNTH_SEED = 7
# Documents each query is asked about: a spread of loaded ones and stubs, in id order.
DOCUMENTS_PER_QUERY = 12
PATH_PAIRS = 10


@dataclass(frozen=True, slots=True)
class Call:
    """One query call of the suite."""

    query: str
    kwargs: tuple[tuple[str, Any], ...]

    def run(self, store: GraphStore) -> tuple[str, Any]:
        """("ok", answer) or ("refused", the error's type and message)."""
        try:
            return "ok", REGISTRY[self.query].function(store, **dict(self.kwargs))
        except QueryError as exc:
            return "refused", (type(exc).__name__, str(exc))


def _spread(items: list[Any], count: int) -> list[Any]:
    if len(items) <= count:
        return items
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def _texts_to_try(store: GraphStore) -> list[str]:
    """What people type into the text parameters: numbers, names, task ids and words, agencies,
    fields and dates, all taken from the graph."""
    docs = sorted(store.documents(), key=lambda d: d.id)
    tasks = sorted((n for n in store.nodes("Task") if isinstance(n, Task)), key=lambda t: t.id)
    agencies = [n.name for n in store.nodes("Agency") if isinstance(n, Agency)]
    words = [
        *(d.number for d in _spread([d for d in docs if d.number], 4)),
        *(" ".join(d.name.split()[:3]) for d in _spread([d for d in docs if d.name], 3)),
        *(t.id for t in _spread(tasks, 3)),
        *(" ".join(t.text.split()[:3]) for t in _spread(tasks, 2)),
        *_spread(sorted(agencies), 3),
        *sorted({t.field for t in tasks if t.field})[:2],
        "2025",
        "30/6/2025",
        "luật",
    ]
    return [w for w in dict.fromkeys(words) if w]


def _variants(param: Param) -> list[Any]:
    """Values of an optional parameter: its default and one other."""
    if param.kind == "relations":
        return [None, ["REPLACES", "AMENDS", "CITES"]]
    if param.kind == "choice":
        return list(param.choices)
    if param.kind == "int":
        return [param.default, (param.default or 0) + 1]
    return [param.default]


def query_calls(store: GraphStore) -> list[Call]:
    """The calls of the suite, the same list whichever store it is built from."""
    docs = sorted(store.documents(), key=lambda d: d.id)
    loaded = [d.id for d in docs if not d.is_stub]
    stubs = [d.id for d in docs if d.is_stub]
    doc_ids = _spread(loaded, DOCUMENTS_PER_QUERY // 2 + 1) + _spread(
        stubs, DOCUMENTS_PER_QUERY // 2
    )
    texts = _texts_to_try(store)
    calls: list[Call] = []
    for entry in REGISTRY.values():
        calls.extend(_calls_of(entry, doc_ids, texts))
    return calls


def _calls_of(entry: Query, doc_ids: list[str], texts: list[str]) -> Iterator[Call]:
    required = [p for p in entry.params if p.required]
    optional = [p for p in entry.params if not p.required]
    pools = [doc_ids if p.kind == "document" else texts for p in required]
    # path(source, target): distinct pairs; other queries: each value of their one parameter.
    heads = _spread(
        [list(h) for h in itertools.product(*pools) if len(set(h)) == len(h)],
        PATH_PAIRS if len(required) > 1 else len(doc_ids) + len(texts),
    )
    for i, head in enumerate(heads):
        base = dict(zip((p.name for p in required), head, strict=True))
        # Every head with the defaults; the first three with each other optional value too.
        yield Call(entry.name, tuple({**base, **{p.name: p.default for p in optional}}.items()))
        if i < 3:
            for param in optional:
                for value in _variants(param)[1:]:
                    kwargs = {**base, **{p.name: p.default for p in optional}, param.name: value}
                    yield Call(entry.name, tuple(kwargs.items()))


def _records(store: GraphStore) -> list[Any]:
    # loaded_at is when each store happened to write the text.
    return [replace(record, loaded_at="") for record in store.texts()]


def _edges_of_many(store: GraphStore) -> list[dict[str, list[Edge]]]:
    """edges_of_many over a spread of nodes (and one missing id), each direction, all types and
    two; checked here against edges_of on the same store, then compared across stores."""
    ids = [*_spread(sorted(n.id for n in store.nodes()), 40), "vn:no-such-document"]
    answers = []
    for direction in ("out", "in"):
        for types in (None, ["BASED_ON", "CITES", "HAS_TASK"], []):
            many = store.edges_of_many(ids, direction, types)
            assert many == {i: store.edges_of(i, direction, types) for i in sorted(ids)}
            answers.append(many)
    return answers


def _compare(embedded: GraphStore, neo4j: GraphStore) -> list[str]:
    """What differs between the two stores (data and every query), as readable lines."""
    differences = []
    data: list[tuple[str, Callable[[GraphStore], Any]]] = [
        ("export", lambda s: s.export()),
        ("stats", lambda s: s.stats()),
        ("texts", _records),
        ("mentions", lambda s: s.mentions()),
        (
            "mentions per text and status",
            lambda s: [
                (s.mentions(origin=r.source_path), s.mentions("ambiguous", r.source_path))
                for r in s.texts()
            ],
        ),
        ("aliases", lambda s: s.aliases()),
        ("content", lambda s: [s.text_content(r.source_path) for r in s.texts()]),
        ("in_degrees", lambda s: s.in_degrees()),
        ("edges of many nodes", _edges_of_many),
        (
            "text records by path",
            lambda s: {
                p: replace(r, loaded_at="")
                for p, r in s.text_records(
                    [*(r.source_path for r in s.texts()), "/no/such"]
                ).items()
            },
        ),
    ]
    for name, read in data:
        if read(embedded) != read(neo4j):
            differences.append(f"{name} differs")
    calls = query_calls(embedded)
    assert calls == query_calls(neo4j)
    for call in calls:
        if call.run(embedded) != call.run(neo4j):
            differences.append(f"{call.query}({dict(call.kwargs)}) differs")
    return differences


def _load_both(paths: list[Path], embedded: EmbeddedStore, neo4j_store: Neo4jStore) -> None:
    for store in (embedded, neo4j_store):
        report = load_paths(store, paths)
        assert report.ok, report.failures


def _synthetic(tmp_path: Path) -> list[Path]:
    return [write_corpus(SYNTH_TEXTS, tmp_path / "synth", SYNTH_SEED)[0].parent]


CORPORA = [
    pytest.param(lambda tmp: [ROOT / "samples"], id="samples"),
    pytest.param(
        lambda tmp: [SHARED / "corpus" / "seeds", SHARED / "corpus" / "dev"],
        id="seeds+dev",
        marks=[pytest.mark.shared, pytest.mark.skipif(not SHARED.exists(), reason=NO_SHARED)],
    ),
    pytest.param(_synthetic, id="synthetic"),
]


@pytest.mark.neo4j
@pytest.mark.parametrize("corpus", CORPORA)
def test_both_stores_answer_every_query_alike(
    corpus: Callable[[Path], list[Path]], neo4j_store: Neo4jStore, tmp_path: Path
) -> None:
    paths = corpus(tmp_path)
    with EmbeddedStore(tmp_path / "embedded") as embedded:
        _load_both(paths, embedded, neo4j_store)
        assert embedded.stats().edges > 0
        assert len(query_calls(embedded)) >= 3 * len(
            REGISTRY
        )  # a suite that asks nothing proves nothing
        assert _compare(embedded, neo4j_store) == []
        # Loading the same texts again changes nothing, in either store.
        before = (neo4j_store.stats(), neo4j_store.export())
        again = load_paths(neo4j_store, paths)
        assert again.counts["loaded"] == 0 and again.counts["unchanged"] > 0
        assert (neo4j_store.stats(), neo4j_store.export()) == before


@pytest.mark.neo4j
def test_grouped_load_of_the_synthetic_corpus_equals_the_loader(
    neo4j_store: Neo4jStore, tmp_path: Path
) -> None:
    # write_texts (what bulk loads and the benchmark use) gives what load_paths gives, text by
    # text, on the embedded store.
    from loader.pipeline import extract
    from loader.read import iter_text_files, read_path

    paths = _synthetic(tmp_path)
    with EmbeddedStore(tmp_path / "embedded") as embedded:
        texts = [extract(read_path(p)) for p in iter_text_files([str(p) for p in paths])]
        for text in texts:
            embedded.write_text(text)
        neo4j_store.write_texts(texts)
        assert _compare(embedded, neo4j_store) == []


def test_calls_cover_every_query_and_its_parameters(tmp_path: Path) -> None:
    # Runs without Neo4j: the suite above asks every registered query, with every option.
    with EmbeddedStore(tmp_path / "graph") as store:
        report = load_paths(store, [ROOT / "samples"])
        assert report.ok
        calls = query_calls(store)
    assert {c.query for c in calls} == set(REGISTRY)
    for entry in REGISTRY.values():
        for param in entry.params:
            if not param.required:
                values = [dict(c.kwargs)[param.name] for c in calls if c.query == entry.name]
                assert len({repr(v) for v in values}) == len(_variants(param)), param.name
