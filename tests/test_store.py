"""The store contract on every backend, then what only the embedded store does.

The contract cases take conftest's ``store`` (an empty store of each backend in turn: embedded,
then Neo4j), so every row checks both: atomic, idempotent, incremental writes; stubs; garbage
collection; the reads the queries use; batch reads (``edges_of_many``, ``text_records``) and
grouped writes (``write_texts``). The embedded-only cases (its networkx view, its SQLite files,
crash safety, query plans) take the ``embedded`` fixture or open an EmbeddedStore themselves.
"""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.embedded import DB_FILENAME, IDS_PER_QUERY, EmbeddedStore
from graph.identity import content_digest
from graph.model import Document, Edge, Task, TextGraph, edge_from_dict
from graph.neo4j_store import WRITE_BATCH_SIZE
from graph.open import open_store
from graph.store import (
    GraphStore,
    StoreCorrupt,
    StoreStats,
    StoreUnavailable,
    TextRefused,
    WriteResult,
)
from tests.factories import agency, batch_text, doc, named, task, text_graph
from tests.old_stores import downgrade_to_6

REPO = Path(__file__).resolve().parents[1]

DECREE_42 = doc(
    "42/2022/NĐ-CP",
    name="Nghị định quy định về cung cấp thông tin và dịch vụ công trực tuyến",
    issued_date="2022-06-24",
)
DECREE_43 = doc("43/2011/NĐ-CP", name="Nghị định quy định về việc cung cấp thông tin trực tuyến")
LAW_2023 = named("law", "Luật Giao dịch điện tử", 2023)
DECISION_749 = doc("749/QĐ-TTg", year=2020, issued_date="2020-06-03")
RESOLUTION_18 = doc("18-NQ/TW", year=2017)
DIRECTIVE_01 = doc("01/CT-BTTTT", year=2024, name="Chỉ thị về chuyển đổi số năm 2024")

# A document no text names: an edge to it must be refused (the loader never makes one; a bug might).
NOWHERE = "vn:99/2099/ND-CP"


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[EmbeddedStore]:
    """An empty embedded store, for what only it does (its networkx view, its SQLite file)."""
    with EmbeddedStore(tmp_path / "graph") as opened:
        yield opened


def edge_keys(store: GraphStore, origin: str) -> set[tuple[str, str, str]]:
    return {e.key for e in store.edges() if e.origin == origin}


def refused(text: TextGraph) -> TextGraph:
    """``text`` with one more edge, to :data:`NOWHERE`: a store must refuse the whole text."""
    text.edges.append(Edge(text.document.id, NOWHERE, "CITES", origin=text.source_path))
    return text


def one_by_one(
    directory: Path, before: Sequence[TextGraph], texts: Sequence[TextGraph], force: bool = False
) -> tuple[list[WriteResult], dict[str, Any], list[tuple[str, str, str]]]:
    """What the embedded store answers to ``write_text`` of ``before``, then of each of ``texts``:
    the results for ``texts``, the export and the (path, sha256, document) of every text."""
    with EmbeddedStore(directory) as reference:
        for text in before:
            reference.write_text(text)
        results = [reference.write_text(text, force=force) for text in texts]
        return results, reference.export(), text_rows(reference)


def text_rows(store: GraphStore) -> list[tuple[str, str, str]]:
    return [(r.source_path, r.sha256, r.doc_id) for r in store.texts()]


# -- writing: the contract on every backend --------------------------------------------------------


def test_an_empty_store(store: GraphStore) -> None:
    assert isinstance(store, GraphStore)  # every method of the contract is there
    assert store.stats() == StoreStats()
    assert store.export() == {"nodes": [], "edges": []}
    assert list(store.texts()) == [] and list(store.nodes()) == []


def test_write_records_text_nodes_and_edges(store: GraphStore) -> None:
    text = text_graph(
        "chi-thi-01.txt",
        DIRECTIVE_01,
        [("BASED_ON", DECISION_749), ("IMPLEMENTS", RESOLUTION_18)],
        tasks=[task("2.5", "Xây dựng kho dữ liệu số", "Bộ TTTT", partners=["Bộ Tài chính"])],
        mentions=[("Nghị quyết số 01/NQ-CP", "ambiguous", "số hiệu không kèm năm")],
    )
    result = store.write_text(text)
    assert (result.unchanged, result.edges_added, result.edges_removed) == (False, 5, 0)
    assert result.doc_id == DIRECTIVE_01.id
    record = store.text_record("chi-thi-01.txt")
    assert record is not None and record.sha256 == text.sha256
    assert store.text_content("chi-thi-01.txt") == text.content
    own = store.document(DIRECTIVE_01.id)
    assert own is not None and own.source_path == "chi-thi-01.txt" and own.name == DIRECTIVE_01.name
    stats = store.stats()
    assert (stats.texts, stats.documents, stats.stubs, stats.tasks, stats.agencies) == (
        1,
        1,
        2,
        1,
        2,
    )
    assert stats.edges_by_type == {
        "BASED_ON": 1,
        "HAS_TASK": 1,
        "IMPLEMENTS": 1,
        "LED_BY": 1,
        "SUPPORTED_BY": 1,
    }
    assert stats.mentions_by_status == {"ambiguous": 1}
    stored = store.edges_of(DIRECTIVE_01.id, "out", ["BASED_ON"])
    assert stored == [e for e in text.edges if e.type == "BASED_ON"]


@pytest.mark.parametrize(
    "query",
    ["749/QĐ-TTg", "749/QD-TTG", "749 / QĐ – TTg", "0749/QĐ-TTg"],
    ids=["as-written", "no-diacritics", "spaced-en-dash", "leading-zero"],
)
def test_find_documents_by_folded_number(store: GraphStore, query: str) -> None:
    store.write_text(text_graph("ct.txt", DIRECTIVE_01, [("BASED_ON", DECISION_749)]))
    assert [d.id for d in store.find_documents(query)] == [DECISION_749.id]


def test_same_content_again_writes_nothing(store: GraphStore) -> None:
    text = text_graph("nd-42.txt", DECREE_42, [("REPLACES", DECREE_43), ("BASED_ON", LAW_2023)])
    store.write_text(text)
    before = (store.stats(), store.export(), list(store.texts()))
    again = store.write_text(
        text_graph("nd-42.txt", DECREE_42, [("REPLACES", DECREE_43), ("BASED_ON", LAW_2023)])
    )
    assert again.unchanged and again.doc_id == DECREE_42.id and again.edges_added == 0
    assert (store.stats(), store.export(), list(store.texts())) == before


# Each row: what the text said, then what its new version says. The store must hold exactly the
# new version's edges and no stub that only the old version cited.
RELOADS = [
    pytest.param(
        [("BASED_ON", DECISION_749), ("CITES", RESOLUTION_18)],
        [("BASED_ON", DECISION_749)],
        id="drops-a-citation",
    ),
    pytest.param([("CITES", DECREE_43)], [("AMENDS", DECREE_43)], id="retypes-cites-to-amends"),
    pytest.param(
        [("BASED_ON", LAW_2023)], [("BASED_ON", LAW_2023), ("CITES", DECISION_749)], id="adds"
    ),
    pytest.param([("BASED_ON", LAW_2023), ("REPEALS", DECREE_43)], [], id="cites-nothing-now"),
]


@pytest.mark.parametrize(("before", "after"), RELOADS)
def test_changed_text_replaces_its_edges_exactly(
    store: GraphStore, before: list[tuple[str, Document]], after: list[tuple[str, Document]]
) -> None:
    old, new = text_graph("qd.txt", DECREE_42, before), text_graph("qd.txt", DECREE_42, after)
    store.write_text(old)
    result = store.write_text(new)
    assert edge_keys(store, "qd.txt") == {e.key for e in new.edges}
    assert result.edges_added == len({e.key for e in new.edges} - {e.key for e in old.edges})
    assert result.edges_removed == len({e.key for e in old.edges} - {e.key for e in new.edges})
    stubs = {d.id for d in store.documents() if d.is_stub}
    assert stubs == {target.id for _, target in after}


def test_supersession_edges_keep_scope_provisions_and_effective_date(store: GraphStore) -> None:
    # "Bãi bỏ khoản 2 Điều 21 Nghị định số 43/2011/NĐ-CP … Nghị định này có hiệu lực từ ngày
    # 01/7/2022": a partial repeal, of one clause, from a day.
    text = text_graph("nd-42.txt", DECREE_42, [("REPEALS", DECREE_43), ("CITES", LAW_2023)])
    partial = replace(
        text.edges[0], scope="partial", provisions=("khoản 2 Điều 21",), effective_date="2022-07-01"
    )
    store.write_text(replace(text, edges=[partial, *text.edges[1:]]))
    (edge,) = store.edges(["REPEALS"])
    assert (edge.scope, edge.provisions, edge.effective_date) == (
        "partial",
        ("khoản 2 Điều 21",),
        "2022-07-01",
    )
    (cites,) = store.edges(["CITES"])
    assert (cites.scope, cites.provisions, cites.effective_date) == (None, (), None)
    exported = [e for e in store.export()["edges"] if e["type"] == "REPEALS"]
    assert exported[0]["provisions"] == ["khoản 2 Điều 21"]


def test_shared_stub_survives_until_its_last_citation_goes(store: GraphStore) -> None:
    store.write_text(text_graph("a.txt", DECREE_42, [("BASED_ON", LAW_2023)]))
    store.write_text(text_graph("b.txt", DIRECTIVE_01, [("CITES", LAW_2023)]))
    store.write_text(text_graph("a.txt", DECREE_42, []))
    assert store.document(LAW_2023.id) is not None
    store.write_text(text_graph("b.txt", DIRECTIVE_01, [("CITES", DECISION_749)]))
    assert store.document(LAW_2023.id) is None


def test_tasks_agencies_and_stubs_go_with_their_last_edge(store: GraphStore) -> None:
    shared = "Bộ Thông tin và Truyền thông"
    store.write_text(
        text_graph(
            "kh.txt",
            DIRECTIVE_01,
            [("CITES", LAW_2023)],
            tasks=[task("1", "Ban hành kế hoạch", shared, partners=["Bộ Tài chính"])],
        )
    )
    store.write_text(text_graph("nd.txt", DECREE_42, tasks=[task("3", "Hướng dẫn", shared)]))
    store.write_text(text_graph("kh.txt", DIRECTIVE_01, tasks=[task("2", "Tổng kết", shared)]))
    assert {t.id for t in store.nodes("Task")} == {
        f"task:{DIRECTIVE_01.id}:2",
        f"task:{DECREE_42.id}:3",
    }
    # Bộ Tài chính lost its only edge with task 1; Bộ TTTT still leads tasks 2 and 3.
    assert list(store.nodes("Agency")) == [agency(shared)]
    assert store.document(LAW_2023.id) is None  # the new kh.txt no longer cites the law
    assert store.remove_text("nd.txt") and store.remove_text("kh.txt")
    assert not store.remove_text("kh.txt")
    assert store.stats().edges == 0
    assert list(store.nodes("Agency")) == [] and list(store.nodes("Task")) == []


def test_stub_upgrades_in_place_keeping_edges_and_filling_fields(store: GraphStore) -> None:
    cited = doc("43/2011/NĐ-CP", issued_date="2011-06-13", name="Nghị định 43 về thông tin")
    store.write_text(text_graph("nd-42.txt", DECREE_42, [("REPLACES", cited)]))
    own = doc(
        "43/2011/NĐ-CP", issuer="Chính phủ", name="Nghị định quy định việc cung cấp thông tin"
    )
    result = store.write_text(text_graph("nd-43.txt", own, [("BASED_ON", LAW_2023)]))
    assert result.stub_upgraded and result.doc_id == cited.id
    node = store.document(cited.id)
    assert node is not None and node.source_path == "nd-43.txt"
    assert node.issuer == "Chính phủ" and node.name == own.name  # the text's own fields win
    assert node.issued_date == "2011-06-13"  # the empty one is filled from what the citer knew
    assert [e.source for e in store.edges_of(cited.id, "in")] == [DECREE_42.id]
    statuses = {n["id"]: n["status"] for n in store.export()["nodes"] if n["kind"] == "Document"}
    assert statuses[cited.id] == "Hết hiệu lực"


def test_stub_fields_fill_gaps_but_never_overwrite(store: GraphStore) -> None:
    store.write_text(
        text_graph("nd-42.txt", DECREE_42, [("BASED_ON", doc("749/QĐ-TTg", year=2020))])
    )
    store.write_text(text_graph("ct.txt", DIRECTIVE_01, [("CITES", DECISION_749)]))
    stub = store.document(DECISION_749.id)
    assert stub is not None and stub.issued_date == "2020-06-03"
    renamed = replace(DECREE_42, name="Nghị định 42 (tên viết tắt)", signer="Phạm Minh Chính")
    store.write_text(text_graph("ct.txt", DIRECTIVE_01, [("CITES", renamed)]))
    full = store.document(DECREE_42.id)
    assert full is not None and full.name == DECREE_42.name and full.signer == "Phạm Minh Chính"


@pytest.mark.parametrize(
    ("still_cited", "old_survives_as_stub"),
    [(True, True), (False, False)],
    ids=["cited-elsewhere-reverts-to-stub", "uncited-is-deleted"],
)
def test_text_declaring_another_document_releases_the_old_one(
    store: GraphStore, still_cited: bool, old_survives_as_stub: bool
) -> None:
    misread = doc("01/CT-BTTTT", year=2020)
    store.write_text(text_graph("ct.txt", misread, [("BASED_ON", DECISION_749)]))
    if still_cited:
        store.write_text(text_graph("kh.txt", DECREE_42, [("CITES", misread)]))
    store.write_text(text_graph("ct.txt", DIRECTIVE_01, [("BASED_ON", DECISION_749)]))
    old = store.document(misread.id)
    assert (old is not None) == old_survives_as_stub
    assert old is None or old.is_stub
    assert store.document(DIRECTIVE_01.id) is not None
    record = store.text_record("ct.txt")
    assert record is not None and record.doc_id == DIRECTIVE_01.id


@pytest.mark.parametrize(
    ("still_cited", "expect_stub"), [(True, True), (False, False)], ids=["cited", "alone"]
)
def test_remove_text(store: GraphStore, still_cited: bool, expect_stub: bool) -> None:
    store.write_text(text_graph("nd-43.txt", DECREE_43, [("BASED_ON", LAW_2023)]))
    if still_cited:
        store.write_text(text_graph("nd-42.txt", DECREE_42, [("REPLACES", DECREE_43)]))
    assert store.remove_text("nd-43.txt")
    assert not store.remove_text("nd-43.txt")
    assert store.text_record("nd-43.txt") is None
    node = store.document(DECREE_43.id)
    assert (node is not None and node.is_stub) == expect_stub
    assert store.document(LAW_2023.id) is None
    assert edge_keys(store, "nd-43.txt") == set()


def test_dangling_edge_is_refused_and_nothing_is_written(store: GraphStore) -> None:
    store.write_text(text_graph("nd-42.txt", DECREE_42, [("BASED_ON", LAW_2023)]))
    before = store.export()
    bad = refused(text_graph("nd-42.txt", DECREE_42, [("CITES", DECREE_43)]))
    bad.sha256 = "changed"
    with pytest.raises(ValueError, match=re.escape(NOWHERE)):
        store.write_text(bad)
    assert store.export() == before
    record = store.text_record("nd-42.txt")
    assert record is not None and record.sha256 != "changed"


def test_queries_aliases_mentions_and_in_degrees(store: GraphStore) -> None:
    program = "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030"
    learnt = text_graph("qd-749.txt", DECISION_749, aliases=[(program, DECISION_749)])
    store.write_text(learnt)
    # 42 cites 749 twice (BASED_ON and CITES): one citing document all the same.
    cites = [("BASED_ON", DECISION_749), ("CITES", DECISION_749), ("CITES", LAW_2023)]
    store.write_text(text_graph("a.txt", DECREE_42, cites))
    store.write_text(
        text_graph(
            "b.txt",
            DIRECTIVE_01,
            [("IMPLEMENTS", DECISION_749)],
            tasks=[task("1", "Triển khai", "Bộ TTTT", depends_on=[DECISION_749])],
            mentions=[("Đề án 06", "unresolved", "tên đề án không đủ để xác định")],
        )
    )
    # The key is folded: quotes, case and diacritics do not matter.
    quoted = "“Chương trình chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030”"
    assert [[a.doc_id for a in store.aliases(key)] for key in (quoted, program.upper())] == [
        [DECISION_749.id],
        [DECISION_749.id],
    ]
    assert store.in_degrees()[DECISION_749.id] == 2  # a task's DEPENDS_ON is not a citing document
    assert store.in_degrees(["CITES"]) == {DECISION_749.id: 1, LAW_2023.id: 1}
    assert store.in_degrees(["IMPLEMENTS"]) == {DECISION_749.id: 1}
    assert store.in_degrees([]) == {} and store.edges_of(DECISION_749.id, "in", []) == []
    assert [m.text for m in store.mentions("unresolved")] == ["Đề án 06"]
    assert store.mentions("ambiguous") == []
    assert store.text_content("qd-749.txt") == learnt.content
    assert [d.id for d in store.find_documents("749/QD-TTG")] == [DECISION_749.id]
    assert [d.id for d in store.named_documents("Luật Giao dịch")] == [LAW_2023.id]
    assert [d.id for d in store.named_documents("luat giao dich dien t")] == []  # whole words
    # Many at once, as re-resolution asks: keyed as given, [] for a key naming nothing.
    assert {
        key: [d.id for d in found]
        for key, found in store.named_documents_many(
            ["Luật Giao dịch", "luat giao dich", "luat giao dich dien t"]
        ).items()
    } == {
        "Luật Giao dịch": [LAW_2023.id],
        "luat giao dich": [LAW_2023.id],
        "luat giao dich dien t": [],
    }
    assert store.named_documents_many([]) == {}
    assert store.text_contents(["qd-749.txt", "b.txt", "missing.txt"]) == {
        "qd-749.txt": learnt.content,
        "b.txt": store.text_content("b.txt"),
    }
    assert {d.id for d in store.documents([DECISION_749.id, "vn:missing"])} == {DECISION_749.id}


def test_texts_record_the_names_they_looked_up(store: GraphStore) -> None:
    # What the loader asks when a name changes answer: which loaded texts looked it up.
    programme, strategy = "chuong trinh chuyen doi so quoc gia", "chien luoc du lieu quoc gia"
    answer = f"{programme}={DECISION_749.id}"  # what the look-up answered, if anything
    first = replace(
        text_graph("a.txt", DIRECTIVE_01), asked=[strategy, programme, programme], answered=[answer]
    )
    store.write_text(first)
    store.write_text(replace(text_graph("b.txt", DECREE_42), asked=[programme]))
    record = store.text_record("a.txt")
    assert record is not None
    assert (record.asked, record.answered) == ((strategy, programme), (answer,))  # sorted, once
    assert store.texts_asking([programme]) == {"a.txt", "b.txt"}
    assert store.texts_asking([strategy, "chuong trinh"]) == {"a.txt"}
    assert store.texts_asking([]) == set()
    # Replaced with its text, and gone with it.
    store.write_text(replace(first, sha256="changed", asked=[], answered=[]))
    assert store.texts_asking([strategy, programme]) == {"b.txt"}
    assert store.text_records(["a.txt"])["a.txt"].asked == ()
    assert store.text_records(["a.txt"])["a.txt"].answered == ()
    store.remove_text("b.txt")
    assert store.texts_asking([programme]) == set()


def test_a_text_longer_than_a_batch_is_written_whole(store: GraphStore) -> None:
    # A 300-page Bộ luật cites thousands of documents: more rows than one of Neo4j's UNWIND
    # batches carries (the embedded store must take it whole too).
    cited = [doc(f"{i}/QĐ-UBND", year=2020) for i in range(1, 2 * WRITE_BATCH_SIZE + 2)]
    text = text_graph("bo-luat.txt", DECREE_42, [("CITES", d) for d in cited])
    store.write_text(text)
    assert edge_keys(store, "bo-luat.txt") == {e.key for e in text.edges}
    assert store.stats().stubs == len(cited)


# -- batch reads: one round trip for what a walk or a reload asks of many nodes or texts ----------


def load_web(store: GraphStore) -> None:
    """Texts whose edges reach every kind of node, in and out, and one edge key twice."""
    store.write_text(text_graph("qd-749.txt", DECISION_749, [("BASED_ON", RESOLUTION_18)]))
    store.write_text(
        text_graph(
            "nd-42.txt",
            DECREE_42,
            [("REPLACES", DECREE_43), ("BASED_ON", DECISION_749), ("CITES", DECISION_749)],
        )
    )
    store.write_text(
        text_graph(
            "ct-01.txt",
            DIRECTIVE_01,
            [("IMPLEMENTS", DECISION_749), ("BASED_ON", LAW_2023)],
            # The directive reports 42 → 43 as nd-42.txt does: the same key from another origin.
            third_party=[(DECREE_42, "REPLACES", DECREE_43)],
            tasks=[
                task(
                    "2.5",
                    "Xây dựng kho dữ liệu số",
                    "Bộ Thông tin và Truyền thông",
                    partners=["Bộ Tài chính"],
                    depends_on=[DECISION_749],
                )
            ],
        )
    )


# Ids no store holds, enough that the embedded store's `IN (…)` lists split in two; they sort
# between the agencies' ids and the others, so real ids land in both lists.
FILLER_IDS = [f"missing:{i:04d}" for i in range(IDS_PER_QUERY + 100)]


# Each row: a direction, the types asked for, and how many of load_web's 11 edges they are.
@pytest.mark.parametrize(
    ("direction", "types", "count"),
    [
        ("out", None, 11),
        ("in", None, 11),
        ("out", ["CITES", "REPLACES"], 3),
        ("in", ["BASED_ON", "IMPLEMENTS", "DEPENDS_ON"], 5),
        ("out", ["LED_BY", "SUPPORTED_BY"], 2),  # a task's edges
        ("in", ["SUPERSEDES"], 0),  # not in the vocabulary: no edge has it
        ("out", ["CITES", "SUPERSEDES"], 1),
        ("in", [], 0),
        ("out", [], 0),
    ],
)
def test_edges_of_many_equals_edges_of_each(
    store: GraphStore, direction: str, types: list[str] | None, count: int
) -> None:
    load_web(store)
    real = sorted(n.id for n in store.nodes())
    missing = [NOWHERE, "agency:bo-khong-co"]
    asked = [*reversed(real), *missing, real[0], *FILLER_IDS]  # a duplicate; a one-shot iterator
    many = store.edges_of_many(iter(asked), direction, None if types is None else iter(types))
    assert set(many) == set(asked)
    assert {i: many[i] for i in real + missing} == {
        i: store.edges_of(i, direction, types) for i in real + missing
    }
    assert all(many[i] == [] for i in [*missing, *FILLER_IDS])
    # Each edge has one source and one target: over every node, each edge comes back once.
    every = Counter(e for edges in many.values() for e in edges)
    assert every == Counter(store.edges(types)) and every.total() == count


@pytest.mark.parametrize("direction", ["both", "OUT", ""])
@pytest.mark.parametrize("ids", [[DECREE_42.id], []], ids=["one-id", "no-ids"])
def test_edges_of_many_refuses_a_bad_direction(
    store: GraphStore, direction: str, ids: list[str]
) -> None:
    store.write_text(text_graph("nd-42.txt", DECREE_42, [("REPLACES", DECREE_43)]))
    with pytest.raises(ValueError, match="direction"):
        store.edges_of_many(ids, direction)


# Paths no store holds, enough that the embedded store's `IN (…)` lists split in two; they sort
# between "b/ct-01.txt" and "nd-42.txt", so loaded paths land in both lists.
FILLER_PATHS = [f"khong-co/{i:04d}.txt" for i in range(IDS_PER_QUERY + 100)]


@pytest.mark.parametrize(
    ("asked", "found"),
    [
        (["a.txt", "b/ct-01.txt", "nd-42.txt"], ["a.txt", "b/ct-01.txt", "nd-42.txt"]),
        (["nd-42.txt", "khong-co.txt"], ["nd-42.txt"]),
        (["da-xoa.txt"], []),  # loaded, then removed
        (["A.txt", "nd-42.txt "], []),  # a path is matched exactly
        (["a.txt", "a.txt"], ["a.txt"]),
        ([], []),
        (["a.txt", *FILLER_PATHS, "nd-42.txt"], ["a.txt", "nd-42.txt"]),
    ],
    ids=["all", "unknown", "removed", "exact", "twice", "none", "more-than-one-in-list"],
)
def test_text_records_are_those_loaded(
    store: GraphStore, asked: list[str], found: list[str]
) -> None:
    texts = [
        text_graph("a.txt", DECISION_749, [("BASED_ON", RESOLUTION_18)]),
        text_graph("b/ct-01.txt", DIRECTIVE_01, [("IMPLEMENTS", DECISION_749)]),
        text_graph("nd-42.txt", DECREE_42, [("REPLACES", DECREE_43)]),
        text_graph("da-xoa.txt", DECREE_43),
        text_graph("a.txt", DECISION_749, [("CITES", LAW_2023)]),  # a.txt's second version
    ]
    for text in texts:
        store.write_text(text)
    assert store.remove_text("da-xoa.txt")
    records = store.text_records(iter(asked))
    assert records == {path: store.text_record(path) for path in found}
    latest = {text.source_path: text.sha256 for text in texts}
    assert {path: r.sha256 for path, r in records.items()} == {p: latest[p] for p in found}


# -- grouped writes: the same as one text at a time ----------------------------------------------

# Text 1 creates the stub of Nghị định 43 (with the date it gives), text 2 cites that stub (with a
# name), text 3 is its own text: the stub becomes the full node in place, keeping both claims.
STUB_GROUP = [
    text_graph("a.txt", DECREE_42, [("REPLACES", replace(DECREE_43, issued_date="2011-06-13"))]),
    text_graph("b.txt", DIRECTIVE_01, [("CITES", replace(DECREE_43, name="Nghị định 43"))]),
    text_graph("c.txt", replace(DECREE_43, issuer="Chính phủ"), [("BASED_ON", LAW_2023)]),
]

# Each row: texts written before, then texts written by one write_texts call. Orphans collected
# by one text of the group and named again by a later one, a stub upgraded and released inside
# the group, a text twice: a server store plans a group at once and must still give the
# one-at-a-time result exactly.
GROUPS = [
    pytest.param(
        [text_graph("a.txt", DECREE_42, [("CITES", replace(DECREE_43, issued_date="2011-06-13"))])],
        [
            text_graph("a.txt", DECREE_42, [("BASED_ON", LAW_2023)]),  # 43's stub goes
            text_graph("b.txt", DIRECTIVE_01, [("CITES", doc("43/2011/NĐ-CP", name="NĐ 43"))]),
        ],
        id="stub-collected-then-cited-anew",
    ),
    pytest.param(
        [text_graph("b.txt", DECREE_43, [("BASED_ON", LAW_2023)])],
        [
            text_graph("a.txt", DECREE_42, [("REPLACES", replace(DECREE_43, issuer="Chính phủ"))]),
            text_graph("c.txt", replace(DECREE_43, signer="Nguyễn Tấn Dũng")),  # a second copy
            text_graph("b.txt", DIRECTIVE_01, [("CITES", DECREE_43)]),  # c.txt owns 43 now
        ],
        id="fill-copy-release",
    ),
    pytest.param(
        [text_graph("kh.txt", DIRECTIVE_01, tasks=[task("1", "Rà soát", "Bộ Tư pháp")])],
        [
            text_graph("kh.txt", DIRECTIVE_01, tasks=[task("1", "Rà soát", "Bộ Tài chính")]),
            text_graph("nd.txt", DECREE_42, tasks=[task("2", "Ban hành", "Bộ Tư pháp")]),
        ],
        id="agency-collected-then-named-again",
    ),
    pytest.param(
        [],
        [batch_text(0), batch_text(0)],  # the second is the same content: unchanged
        id="same-text-twice",
    ),
    pytest.param(
        [],
        [
            text_graph("qd.txt", DECREE_42, [("CITES", DECREE_43), ("BASED_ON", LAW_2023)]),
            batch_text(1),
            text_graph("qd.txt", DECREE_42, [("AMENDS", DECREE_43)]),  # replaces the first
        ],
        id="new-version-in-the-same-call",
    ),
    pytest.param(
        [batch_text(0), batch_text(1)],
        [batch_text(0), batch_text(1), batch_text(2)],
        id="loaded-ones-unchanged",
    ),
    pytest.param([batch_text(0)], [], id="nothing"),
    pytest.param([], STUB_GROUP, id="stub-created-cited-then-loaded"),
]


@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
@pytest.mark.parametrize(("before", "group"), GROUPS)
def test_write_texts_equals_write_text_one_by_one(
    store: GraphStore,
    tmp_path: Path,
    before: list[TextGraph],
    group: list[TextGraph],
    force: bool,
) -> None:
    for text in before:
        store.write_text(text)
    results = store.write_texts(iter(group), force=force)
    expected, export, rows = one_by_one(tmp_path / "reference", before, group, force)
    assert results == expected
    assert store.export() == export
    assert text_rows(store) == rows


# Each row: texts written before, the texts of one write_texts call, and which of them is refused.
REFUSALS = [
    pytest.param([], [refused(batch_text(0)), batch_text(1)], 0, id="first"),
    pytest.param(
        [], [batch_text(0), batch_text(1), refused(batch_text(2)), batch_text(3)], 2, id="middle"
    ),
    pytest.param([], [batch_text(0), refused(batch_text(1))], 1, id="last"),
    pytest.param(
        [text_graph("nd-42.txt", DECREE_42, [("BASED_ON", LAW_2023)])],
        [
            batch_text(0),
            refused(text_graph("nd-42.txt", DECREE_42, [("CITES", DECREE_43)])),
            batch_text(1),
        ],
        1,
        id="new-version-of-a-loaded-text",  # the old version stays
    ),
]


@pytest.mark.parametrize(("before", "texts", "bad"), REFUSALS)
def test_write_texts_stops_at_a_refused_text(
    store: GraphStore, tmp_path: Path, before: list[TextGraph], texts: list[TextGraph], bad: int
) -> None:
    for text in before:
        store.write_text(text)
    with pytest.raises(TextRefused, match=re.escape(NOWHERE)) as refusal:
        store.write_texts(texts)
    # What the loader needs to go on with the rest: which text, and what the ones before it did.
    assert refusal.value.source_path == texts[bad].source_path
    assert [r.source_path for r in refusal.value.written] == [t.source_path for t in texts[:bad]]
    assert not any(r.unchanged for r in refusal.value.written)
    _, export, rows = one_by_one(tmp_path / "reference", before, texts[:bad])
    assert store.export() == export
    assert text_rows(store) == rows


def test_a_group_creates_cites_and_loads_a_stub(store: GraphStore) -> None:
    # Each text of a group sees what the ones before it wrote, as if each had been committed.
    results = store.write_texts(STUB_GROUP)
    assert [(r.stub_upgraded, r.edges_added) for r in results] == [
        (False, 1),
        (False, 1),
        (True, 1),
    ]
    node = store.document(DECREE_43.id)
    assert node is not None and node.source_path == "c.txt"
    assert (node.name, node.issuer) == (DECREE_43.name, "Chính phủ")  # its own text's
    assert node.issued_date == "2011-06-13"  # a gap filled from what text 1 said
    tally = json.loads(store.stored_claims().tallies[DECREE_43.id])
    assert tally["name"] == {
        json.dumps(n, ensure_ascii=False): 1 for n in (DECREE_43.name, "Nghị định 43")
    }
    assert {e.source for e in store.edges_of(DECREE_43.id, "in")} == {DECREE_42.id, DIRECTIVE_01.id}
    assert store.stats().stubs == 1  # only the law text 3 is based on


# -- only the embedded store: its networkx view, its SQLite file -----------------------------------


def test_a_fresh_directory_is_created(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b"
    with EmbeddedStore(target) as store:
        assert (target / DB_FILENAME).is_file()
        assert store.stats().texts == 0


def test_a_refused_text_leaves_the_networkx_view_as_it_was(embedded: EmbeddedStore) -> None:
    embedded.write_text(text_graph("nd-42.txt", DECREE_42, [("BASED_ON", LAW_2023)]))
    before = _graph_snapshot(embedded.graph)
    with pytest.raises(ValueError, match=re.escape(NOWHERE)):
        embedded.write_text(refused(text_graph("nd-42.txt", DECREE_42, [("CITES", DECREE_43)])))
    assert _graph_snapshot(embedded.graph) == before


def _graph_snapshot(graph: nx.MultiDiGraph) -> tuple[set, set]:
    return (
        set(graph.nodes(data="kind")),
        {(s, t, k, d["type"]) for s, t, k, d in graph.edges(keys=True, data=True)},
    )


def test_networkx_view_is_built_again_only_after_a_commit(tmp_path: Path) -> None:
    # Writes do not keep the view in step (issue 14: it cost them time and nothing reads it while
    # loading); it is built from SQLite when asked after this store or another committed.
    first = text_graph("a.txt", DECREE_42, [("REPLACES", DECREE_43)])
    with EmbeddedStore(tmp_path) as store:
        store.write_text(first)
        graph = store.graph
        assert store.write_text(first).unchanged
        assert store.graph is graph  # nothing committed since
        store.write_text(
            text_graph(
                "b.txt",
                DIRECTIVE_01,
                [("CITES", DECREE_43)],
                tasks=[task("1", "Rà soát", "Bộ Tư pháp")],
            )
        )
        store.write_texts(
            [
                text_graph("c.txt", doc("43/2011/NĐ-CP"), [("BASED_ON", LAW_2023)]),
                text_graph("a.txt", DECREE_42, [("BASED_ON", DECISION_749)]),
            ]
        )
        store.remove_text("b.txt")
        live = store.graph
        assert live is not graph and store.graph is live
        assert _graph_snapshot(graph) != _graph_snapshot(live)
    with EmbeddedStore(tmp_path) as fresh:
        assert _graph_snapshot(fresh.graph) == _graph_snapshot(live)
        assert live.number_of_edges() == len(list(fresh.edges()))


def test_networkx_view_sees_another_process_commit(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path) as reader, EmbeddedStore(tmp_path) as writer:
        assert reader.graph.number_of_nodes() == 0
        writer.write_text(text_graph("a.txt", DECREE_42, [("REPLACES", DECREE_43)]))
        assert reader.graph.has_edge(DECREE_42.id, DECREE_43.id)


# -- the embedded store's transactions: one a group, a savepoint a text ---------------------------


def table_rows(directory: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the store in ``directory``, sorted, as another connection sees
    them (what is committed); ``loaded_at`` blanked, the one column a clock writes."""
    conn = sqlite3.connect(directory / DB_FILENAME)
    tables: dict[str, list[tuple[Any, ...]]] = {}
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        shown = ", ".join("''" if c == "loaded_at" else f'"{c}"' for c in columns)
        tables[table] = sorted(conn.execute(f"SELECT {shown} FROM {table}"), key=repr)
    conn.close()
    return tables


@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
@pytest.mark.parametrize(("before", "group"), GROUPS)
def test_write_texts_leaves_the_rows_of_one_by_one(
    tmp_path: Path, before: list[TextGraph], group: list[TextGraph], force: bool
) -> None:
    # Exports leave out the tallies and texts' claims: the rows must be the same too.
    with EmbeddedStore(tmp_path / "grouped") as store:
        for text in before:
            store.write_text(text)
        store.write_texts(group, force=force)
    one_by_one(tmp_path / "one-by-one", before, group, force)
    assert table_rows(tmp_path / "grouped") == table_rows(tmp_path / "one-by-one")


# A text asserting every kind of row a text owns: edges (to stubs, to a loaded document, between
# two others), a task with a lead and a partner, a mention, an alias, names it looked up, and what
# it says of each document it cites (its claims, counted in their tallies).
FULL_TEXT = replace(
    text_graph(
        "ct-01.txt",
        DIRECTIVE_01,
        [
            ("BASED_ON", replace(DECISION_749, name="Chương trình Chuyển đổi số")),
            ("CITES", replace(DECREE_43, issued_date="2011-06-13")),
            ("IMPLEMENTS", DECREE_42),
        ],
        third_party=[(DECREE_42, "REPLACES", DECREE_43)],
        tasks=[
            task(
                "1",
                "Rà soát văn bản",
                "Bộ Tư pháp",
                partners=["Bộ Tài chính"],
                depends_on=[LAW_2023],
            )
        ],
        mentions=[("Đề án 06", "unresolved", "tên đề án không đủ để xác định")],
        aliases=[("Chương trình Chuyển đổi số quốc gia", DECISION_749)],
    ),
    asked=["chuong trinh chuyen doi so quoc gia"],
    answered=[f"chuong trinh chuyen doi so quoc gia={DECISION_749.id}"],
)
# Texts beside it: the loaded Nghị định 42 (its task led by Bộ Tư pháp too) and a plan citing the
# directive (which stays as a stub when its text goes).
AROUND = [
    text_graph(
        "nd-42.txt",
        DECREE_42,
        [("BASED_ON", LAW_2023)],
        tasks=[task("3", "Hướng dẫn thi hành", "Bộ Tư pháp")],
    ),
    text_graph("kh-02.txt", doc("02/KH-UBND", year=2024), [("IMPLEMENTS", DIRECTIVE_01)]),
]


@pytest.mark.parametrize("grouped", [False, True], ids=["one-by-one", "in-one-group"])
@pytest.mark.parametrize(
    "after",
    [
        pytest.param(text_graph("ct-01.txt", DIRECTIVE_01), id="rewritten-bare"),
        pytest.param(
            text_graph(
                "ct-01.txt",
                DIRECTIVE_01,
                [("CITES", DECISION_749)],
                tasks=[task("2", "Tổng kết", "Bộ Tài chính")],
            ),
            id="rewritten-with-another-task",
        ),
        pytest.param(
            text_graph("ct-01.txt", doc("02/CT-BTTTT", year=2024), [("CITES", DECREE_43)]),
            id="rewritten-as-another-document",
        ),
        pytest.param(None, id="removed"),
    ],
)
def test_a_rewrite_or_removal_leaves_no_row_of_the_old_text(
    tmp_path: Path, after: TextGraph | None, grouped: bool
) -> None:
    # Every row the old version asserted must go (edges, tasks, agencies and stubs only it named,
    # mentions, aliases, lookups, its claims in the tallies): the store is then row for row the
    # one that never saw it. A DELETE dropped from a write is caught here, without Neo4j.
    with EmbeddedStore(tmp_path / "rewritten") as store:
        if grouped:
            store.write_texts([*AROUND, FULL_TEXT, *([after] if after else [])])
        else:
            for text in [*AROUND, FULL_TEXT, *([after] if after else [])]:
                store.write_text(text)
        if after is None:
            assert store.remove_text(FULL_TEXT.source_path)
    with EmbeddedStore(tmp_path / "never") as reference:
        reference.write_texts([*AROUND, *([after] if after else [])])
    assert table_rows(tmp_path / "rewritten") == table_rows(tmp_path / "never")


def test_a_refused_text_mid_group_keeps_those_before_it_committed(tmp_path: Path) -> None:
    group = [batch_text(0), batch_text(1), refused(batch_text(2)), batch_text(3)]
    with EmbeddedStore(tmp_path / "store") as store:
        with pytest.raises(TextRefused) as refusal:
            store.write_texts(group)
        assert [r.source_path for r in refusal.value.written] == [t.source_path for t in group[:2]]
        assert not store._conn.in_transaction
        # Another connection (the app, while the loader goes on) sees the first two committed,
        # nothing of the refused one, and nothing of the one after it.
        with EmbeddedStore(tmp_path / "store") as reader:
            assert [r.source_path for r in reader.texts()] == [t.source_path for t in group[:2]]
            assert reader.document(group[2].document.id) is None
            assert reader.document(group[3].document.id) is None
        with EmbeddedStore(tmp_path / "reference") as reference:
            reference.write_texts(group[:2])
        assert table_rows(tmp_path / "store") == table_rows(tmp_path / "reference")
        store.write_texts(group[3:])  # the loader goes on with the texts after it
        assert store.text_record(group[3].source_path) is not None


class DiskFailure(sqlite3.OperationalError):
    """What SQLite raises when the disk fails under a write (made up here)."""


@pytest.mark.parametrize(
    ("failure", "raised"),
    [(DiskFailure("disk I/O error"), StoreUnavailable), (KeyboardInterrupt(), KeyboardInterrupt)],
    ids=["sqlite-error", "ctrl-c"],
)
@pytest.mark.parametrize("where", ["third-text", "commit"])
def test_a_failure_mid_group_rolls_back_the_whole_group(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: BaseException,
    raised: type[BaseException],
    where: str,
) -> None:
    # Not a refusal: the store is as before the group (a load killed half-way loses at most the
    # group in flight), including the loaded text the group was rewriting.
    loaded = text_graph("qd.txt", DECREE_42, [("CITES", DECREE_43), ("BASED_ON", LAW_2023)])
    group = [
        batch_text(0),
        text_graph("qd.txt", DECREE_42, [("AMENDS", DECREE_43)]),
        batch_text(1),
        batch_text(2),
    ]
    with EmbeddedStore(tmp_path / "store") as store:
        store.write_text(loaded)
        before = table_rows(tmp_path / "store")
        if where == "third-text":
            put_annotations = EmbeddedStore._put_annotations

            def failing(self: EmbeddedStore, text: TextGraph, number: int) -> None:
                put_annotations(self, text, number)
                if text.source_path == group[2].source_path:
                    raise failure

            monkeypatch.setattr(EmbeddedStore, "_put_annotations", failing)
        else:
            monkeypatch.setattr(store, "_conn", FailingCommit(store._conn, failure))
        with pytest.raises(raised):
            store.write_texts(group)
        assert not store._conn.in_transaction
        assert table_rows(tmp_path / "store") == before
        monkeypatch.undo()
        assert [r.unchanged for r in store.write_texts(group)] == [False] * len(group)
    one_by_one(tmp_path / "reference", [loaded], group)
    assert table_rows(tmp_path / "store") == table_rows(tmp_path / "reference")


class FailingCommit:
    """A store's connection whose COMMIT fails, every text of the group written by then."""

    def __init__(self, conn: sqlite3.Connection, failure: BaseException) -> None:
        self.conn, self.failure = conn, failure

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql == "COMMIT":
            raise self.failure
        return self.conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)


def test_one_more_text_touches_only_its_own_rows(embedded: EmbeddedStore) -> None:
    for i in range(200):
        embedded.write_text(batch_text(i))
    extra = batch_text(200)
    before = embedded._conn.total_changes
    embedded.write_text(extra)
    changed = embedded._conn.total_changes - before
    # The text row, its own node, the tally of each document it cites (one more text says what
    # it says of it) and its edges: nothing that grows with the store.
    assert changed == 1 + 1 + len(extra.cited) + len(extra.edges)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"%PDF-1.7 Quyet dinh 749/QD-TTg" + b"\0" * 200, StoreCorrupt),
        ("foreign", StoreCorrupt),
        ("old-version", StoreCorrupt),
    ],
    ids=["not-a-database", "someone-elses-sqlite", "other-schema-version"],
)
def test_unreadable_store_files(
    tmp_path: Path, content: bytes | str, error: type[Exception]
) -> None:
    db = tmp_path / DB_FILENAME
    if isinstance(content, bytes):
        db.write_bytes(content * 40)
    elif content == "foreign":
        with sqlite3.connect(db) as conn:
            conn.execute("CREATE TABLE vanban (so_hieu TEXT)")
        conn.close()
    else:
        EmbeddedStore(tmp_path).close()
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
        conn.close()
    with pytest.raises(error):
        EmbeddedStore(tmp_path)


@pytest.mark.parametrize("command", ["stats", "export"])
def test_a_corrupt_page_is_one_line_from_the_cli(tmp_path: Path, command: str) -> None:
    # A store that opens (its header is sound) but whose table pages are not: the read
    # transaction's end must not hide the error under a traceback (issue 13).
    with EmbeddedStore(tmp_path) as store:
        for i in range(300):
            store.write_text(batch_text(i))
    db = tmp_path / DB_FILENAME
    data = bytearray(db.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 2 * page):
        data[start : start + page] = b"\xa5" * page
    db.write_bytes(bytes(data))
    args = [sys.executable, "-m", "graph", command, "--store", str(tmp_path)]
    if command == "export":
        args += ["--out", str(tmp_path / "e.json")]
    result = subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=REPO)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("lỗi: ") and "không phải kho dữ liệu đọc được" in line


def _downgrade_to_5(conn: sqlite3.Connection) -> None:
    """Make a store as version 5 wrote it: no claims of texts, no tallies of documents."""
    conn.execute("ALTER TABLE texts DROP COLUMN claims")
    conn.execute("ALTER TABLE nodes DROP COLUMN claims")
    conn.execute("ALTER TABLE nodes DROP COLUMN own")
    conn.execute("UPDATE meta SET value = '5' WHERE key = 'version'")


def _downgrade_to_4(conn: sqlite3.Connection) -> None:
    """Make a store as version 4 wrote it: no format, digest or same_as of texts, no scope,
    provisions or effective date of edges."""
    _downgrade_to_5(conn)
    for index in ("texts_by_doc_id", "texts_by_content", "texts_by_same_as"):
        conn.execute(f"DROP INDEX {index}")
    for column in ("format", "ocr", "content_sha256", "same_as"):
        conn.execute(f"ALTER TABLE texts DROP COLUMN {column}")
    for column in ("scope", "provisions", "effective_date"):
        conn.execute(f"ALTER TABLE edges DROP COLUMN {column}")
    conn.execute("UPDATE meta SET value = '4' WHERE key = 'version'")


def test_a_version_3_store_is_upgraded_on_open(tmp_path: Path) -> None:
    # A store written before texts recorded the names they looked up: it opens, keeps its
    # texts (with nothing recorded) and records them from the next write on.
    with EmbeddedStore(tmp_path) as store:
        store.write_text(text_graph("a.txt", DIRECTIVE_01, [("CITES", DECISION_749)]))
    downgrade_to_6(tmp_path)
    with sqlite3.connect(tmp_path / DB_FILENAME) as conn:
        _downgrade_to_4(conn)
        conn.execute("DROP TABLE lookups")
        conn.execute("ALTER TABLE texts DROP COLUMN asked")
        conn.execute("ALTER TABLE texts DROP COLUMN answered")
        conn.execute("UPDATE meta SET value = '3' WHERE key = 'version'")
    conn.close()
    with EmbeddedStore(tmp_path) as store:
        assert [(r.source_path, r.asked, r.answered) for r in store.texts()] == [("a.txt", (), ())]
        asking = replace(text_graph("b.txt", DECREE_42), asked=["chuong trinh chuyen doi so"])
        store.write_text(asking)
        assert store.texts_asking(["chuong trinh chuyen doi so"]) == {"b.txt"}
    with sqlite3.connect(tmp_path / DB_FILENAME) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone() == ("7",)
    conn.close()


def test_a_version_5_store_gains_claims_and_shows_the_same_graph(tmp_path: Path) -> None:
    # Version 5 kept no record of what each text said of a stub. The upgrade takes each citing
    # text to have said what the stub holds: nothing shown changes, and from then on the tallies
    # follow edits and removals.
    dated = replace(DECISION_749, issued_date="2020-06-03", name="Chương trình")
    with EmbeddedStore(tmp_path) as store:
        store.write_text(text_graph("a.txt", DIRECTIVE_01, [("CITES", dated)]))
        store.write_text(text_graph("b.txt", DECREE_42, [("CITES", DECISION_749)]))
        store.write_text(text_graph("c.txt", doc("43/2011/NĐ-CP"), [("CITES", DECREE_42)]))
        before = store.export()
    downgrade_to_6(tmp_path)
    with sqlite3.connect(tmp_path / DB_FILENAME) as conn:
        _downgrade_to_5(conn)
    conn.close()
    with EmbeddedStore(tmp_path) as store:
        assert store.export() == before
        store.remove_text("b.txt")  # the loaded Nghị định 42 is a stub of c.txt's claim now
        decree = store.document(DECREE_42.id)
        assert decree is not None and decree.is_stub and decree.number == DECREE_42.number
        store.remove_text("a.txt")
        assert store.document(DECISION_749.id) is None  # nothing cites it any more
    with sqlite3.connect(tmp_path / DB_FILENAME) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone() == ("7",)
    conn.close()


def test_a_version_4_store_keeps_one_text_of_record_per_document(tmp_path: Path) -> None:
    # Version 4 wrote a second file of one document as a text of its own: the Chỉ thị's edges
    # twice, once per origin. The upgrade keeps the file that owns the node and records the
    # other as its source; digests are computed from the stored content.
    first = text_graph("a.txt", DIRECTIVE_01, [("CITES", DECISION_749)])
    with EmbeddedStore(tmp_path) as store:
        store.write_text(first)
        store.write_text(replace(first, source_path="b.txt", sha256="b" * 64))
    downgrade_to_6(tmp_path)
    with sqlite3.connect(tmp_path / DB_FILENAME) as conn:
        _downgrade_to_4(conn)
        # What version 4 did: both texts' edges in the store.
        conn.execute(
            "INSERT INTO edges SELECT source, target, type, 'a.txt', evidence, start, \"end\", "
            "confidence FROM edges WHERE origin = 'b.txt'"
        )
    conn.close()
    with EmbeddedStore(tmp_path) as store:
        records = {r.source_path: r for r in store.texts()}
        assert records["b.txt"].same_as is None and records["a.txt"].same_as == "b.txt"
        assert {e.origin for e in store.edges()} == {"b.txt"}
        assert records["a.txt"].content_sha256 == content_digest(first.content)
        assert store.stats().texts == 1 and store.stats().other_sources == 1


# -- version 7: evidence as spans, texts by number, a text's edges by their keys (issue 14) -----

# A Nghị định whose evidence takes every form a span keeps (graph.quotes): a sentence as it is,
# one over a line break, cut after, cut before, cut both sides, an empty one, and one that is in
# no span of the text (an ISSUED_BY issuer as real1k e4ddc120fc14463c.md has it, beside a table
# rule): that one is kept as it is. Its tasks: a text cut and squashed, and one not in the text.
# Last in each row, the form its span must have (graph.quotes: 1 "…" before, 2 after, 4 squashed;
# None: no span).
QUOTED_CONTENT = (
    "NGHỊ ĐỊNH quy định về cung cấp thông tin và dịch vụ công trực tuyến\n"
    "Căn cứ Luật Giao dịch điện tử năm 2023;\n"
    "Căn cứ Nghị định 43/2011/NĐ-CP ngày 13 tháng 6\nnăm 2011 của Chính phủ;\n"
    "Thực hiện  Quyết định 749/QĐ-TTg phê duyệt Chương trình Chuyển đổi số quốc gia.\n"
    "Điều 2. Bộ Tư pháp rà soát, sửa đổi các văn bản\nquy phạm pháp luật về giao dịch điện tử.\n"
)
QUOTED_EVIDENCE = [
    ("BASED_ON", LAW_2023.id, "Căn cứ Luật Giao dịch điện tử năm 2023;", 0),
    (
        "BASED_ON",
        DECREE_43.id,
        "Căn cứ Nghị định 43/2011/NĐ-CP ngày 13 tháng 6 năm 2011 của Chính phủ;",
        4,
    ),
    ("CITES", DECREE_43.id, "Căn cứ Nghị định 43/2011/NĐ-CP…", 2),
    ("AMENDS", DECREE_43.id, "…tháng 6 năm 2011 của Chính phủ;", 1 | 4),
    ("IMPLEMENTS", DECISION_749.id, "…Quyết định 749/QĐ-TTg phê duyệt…", 1 | 2),
    ("CITES", RESOLUTION_18.id, "", 0),
    ("ISSUED_BY", agency("Chính phủ").id, "Chính phủ_______ số: 171/2025/NĐ-CP |", None),
]
QUOTED_TASKS = [
    "Bộ Tư pháp rà soát, sửa đổi các văn bản quy phạm pháp luật…",
    "Tổng kết việc thi hành Nghị định",  # in no span of the text
]


def quoted_text(path: str = "nd-42.txt") -> TextGraph:
    own = replace(DECREE_42, source_path=path)
    tasks = [
        Task(f"task:{own.id}:{i}", said, section=f"Điều {i}", source_path=path)
        for i, said in enumerate(QUOTED_TASKS, 2)
    ]
    start = QUOTED_CONTENT.index("Căn cứ Luật")
    edges = [
        Edge(own.id, target, type_, said, start, start + 5, 0.9, path)
        for type_, target, said, _ in QUOTED_EVIDENCE
    ]
    edges += [Edge(own.id, t.id, "HAS_TASK", t.text, 0, 0, 1.0, path) for t in tasks]
    return TextGraph(
        source_path=path,
        sha256="9" * 64,
        document=own,
        cited=[LAW_2023, DECREE_43, DECISION_749, RESOLUTION_18],
        edges=edges,
        tasks=tasks,
        agencies=[agency("Chính phủ")],
        content=QUOTED_CONTENT,
    )


def test_evidence_and_task_texts_are_rebuilt_as_written(embedded: EmbeddedStore) -> None:
    text = quoted_text()
    embedded.write_text(text)
    written = {e.key: e for e in text.edges}
    own = text.document.id
    for edges in (
        list(embedded.edges()),
        embedded.edges_of(own, "out"),
        embedded.edges_of_many([own], "out")[own],
        [e for found in embedded.edges_with_keys(written).values() for e in found],
        [edge_from_dict(e) for e in embedded.export()["edges"]],
    ):
        assert {e.key: e for e in edges} == written
    for task_node in text.tasks:
        assert embedded.node(task_node.id) == task_node
    assert list(embedded.nodes("Task")) == text.tasks
    # Only the sentence in no span of the text, and the task's, are kept in words.
    kept = embedded._conn.execute("SELECT evidence FROM edges WHERE evidence IS NOT NULL")
    assert {row[0] for row in kept} == {"Chính phủ_______ số: 171/2025/NĐ-CP |", QUOTED_TASKS[1]}
    forms = embedded._conn.execute(
        "SELECT type, target, said_form FROM edges WHERE type != 'HAS_TASK'"
    )
    assert set(forms) == {(type_, target, form) for type_, target, _, form in QUOTED_EVIDENCE}
    spans = embedded._conn.execute("SELECT data FROM nodes WHERE kind = 'Task' ORDER BY id")
    assert ["text" in json.loads(data) for (data,) in spans] == [False, True]


def test_evidence_is_read_again_after_its_text_changes(tmp_path: Path) -> None:
    # Each store keeps the start of the texts it read last: another process rewriting a text
    # (same number, new content) must not leave a reader quoting the old content.
    with EmbeddedStore(tmp_path) as reader, EmbeddedStore(tmp_path) as writer:
        writer.write_text(quoted_text())
        assert {e.evidence for e in reader.edges()} == {e.evidence for e in quoted_text().edges}
        changed = replace(
            quoted_text(),
            sha256="8" * 64,
            content="Tiêu đề mới.\n" + QUOTED_CONTENT.replace("Căn cứ Luật", "Căn  cứ Luật"),
            edges=[
                replace(e, evidence=e.evidence.replace("Căn cứ Luật", "Căn  cứ Luật"))
                for e in quoted_text().edges
            ],
        )
        writer.write_text(changed)
        assert {e.key: e for e in reader.edges()} == {e.key: e for e in changed.edges}


def _rows(directory: Path) -> dict[str, list[tuple[Any, ...]]]:
    """:func:`table_rows`, the content of texts decompressed: an upgraded store keeps the blobs
    version 6 compressed (another zlib level)."""
    tables = table_rows(directory)
    conn = sqlite3.connect(directory / DB_FILENAME)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(texts)")]
    conn.close()
    at = columns.index("content")
    tables["texts"] = sorted(
        (
            tuple(zlib.decompress(v) if i == at else v for i, v in enumerate(row))
            for row in tables["texts"]
        ),
        key=repr,
    )
    return tables


def orphans(directory: Path) -> dict[str, int]:
    """Rows of each table that name a text no longer loaded, or (edges) that their text's
    ``edge_keys`` do not list: what a rewrite or removal must never leave."""
    conn = sqlite3.connect(directory / DB_FILENAME)
    found = {
        table: conn.execute(
            f"SELECT COUNT(*) FROM {table} WHERE origin IS NOT NULL "
            "AND origin NOT IN (SELECT id FROM texts)"
        ).fetchone()[0]
        for table in ("edges", "nodes", "mentions", "aliases", "lookups")
    }
    listed = {
        (*key, number)
        for number, keys in conn.execute("SELECT id, edge_keys FROM texts")
        for key in (json.loads(zlib.decompress(keys)) if keys else [])
    }
    stored = set(conn.execute("SELECT source, target, type, origin FROM edges"))
    conn.close()
    found["edges not in edge_keys"] = len(stored - listed)
    found["edge_keys not in edges"] = len(listed - stored)
    return found


NO_ORPHANS = {
    "edges": 0,
    "nodes": 0,
    "mentions": 0,
    "aliases": 0,
    "lookups": 0,
    "edges not in edge_keys": 0,
    "edge_keys not in edges": 0,
}
# The texts of the upgrade test: every kind of row a text owns, the quoted text, and a second
# file of the Chỉ thị (a source: its edges are the text of record's).
UPGRADED = [
    *AROUND,
    FULL_TEXT,
    quoted_text("nd-42.txt"),
    replace(FULL_TEXT, source_path="ct-01.docx", sha256="d" * 64, same_as="ct-01.txt"),
]


@pytest.mark.parametrize("after", ["rewritten", "removed", "demoted"])
def test_a_rewrite_or_removal_leaves_no_orphan_rows(tmp_path: Path, after: str) -> None:
    with EmbeddedStore(tmp_path) as store:
        store.write_texts(UPGRADED)
        assert orphans(tmp_path) == NO_ORPHANS
        if after == "rewritten":
            store.write_text(text_graph("ct-01.txt", DIRECTIVE_01, [("CITES", DECREE_43)]))
        elif after == "removed":
            assert store.remove_text("nd-42.txt")
            assert store.remove_text("ct-01.txt")
        else:  # the .docx becomes the text of record: the .txt a source of it
            store.write_text(replace(FULL_TEXT, source_path="ct-01.docx", sha256="e" * 64))
        assert orphans(tmp_path) == NO_ORPHANS


def test_a_version_6_store_is_upgraded_in_place_and_shows_the_same_graph(tmp_path: Path) -> None:
    # Every row is made anew in one transaction: the graph, texts, claims, mentions, aliases and
    # lookups read the same, and the store then writes and removes as one loaded afresh does.
    upgraded, fresh = tmp_path / "upgraded", tmp_path / "fresh"

    def seen(store: EmbeddedStore) -> tuple[Any, ...]:
        return (
            store.export(),
            list(store.texts()),
            store.stored_claims(),
            store.mentions(),
            store.aliases(),
            store.texts_asking(["chuong trinh chuyen doi so quoc gia"]),
            {r.source_path: store.text_content(r.source_path) for r in store.texts()},
        )

    for directory in (upgraded, fresh):
        with EmbeddedStore(directory) as store:
            store.write_texts(UPGRADED)
            before = seen(store)
    downgrade_to_6(upgraded)
    with sqlite3.connect(upgraded / DB_FILENAME) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone() == ("6",)
        assert conn.execute("SELECT COUNT(*) FROM edges WHERE evidence != ''").fetchone()[0] > 0
    conn.close()
    with EmbeddedStore(upgraded) as store:
        assert seen(store) == before
    assert _rows(upgraded) == _rows(fresh)
    for directory in (upgraded, fresh):
        with EmbeddedStore(directory) as store:
            store.write_text(text_graph("ct-01.txt", DIRECTIVE_01, [("CITES", DECREE_43)]))
            assert store.remove_text("nd-42.txt")
            store.write_text(quoted_text("qd-2.txt"))
    assert _rows(upgraded) == _rows(fresh)
    assert orphans(upgraded) == NO_ORPHANS
    with sqlite3.connect(upgraded / DB_FILENAME) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone() == ("7",)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_edge_reads_and_writes_seek_an_index(embedded: EmbeddedStore) -> None:
    # Every statement on edges that a read of some nodes or keys, or a rewrite, makes must seek
    # (the key, edges_by_target), never scan the table: by source, by target, by key, by text.
    embedded.write_texts([*AROUND, FULL_TEXT, quoted_text()])
    statements: list[str] = []
    embedded._conn.set_trace_callback(statements.append)
    own, cited = DIRECTIVE_01.id, DECREE_43.id
    for direction in ("out", "in"):
        embedded.edges_of(cited, direction)
        embedded.edges_of_many([own, cited], direction)
        embedded.edges_of_many([own], direction, ["CITES", "HAS_TASK"])
    embedded.edges_with_keys([(own, DECISION_749.id, "BASED_ON")])
    embedded.fan_out([own, cited], ["out", "in"], ["BASED_ON", "CITES"], 1)
    embedded.write_text(text_graph("ct-01.txt", DIRECTIVE_01, [("CITES", DECREE_43)]))
    embedded.remove_text("nd-42.txt")
    embedded._conn.set_trace_callback(None)
    on_edges = {s for s in statements if re.search(r"\bedges\b", s) and "INSERT" not in s}
    assert len(on_edges) > 10
    for statement in on_edges:
        plan = [row[3] for row in embedded._conn.execute(f"EXPLAIN QUERY PLAN {statement}")]
        scans = [step for step in plan if re.match(r"SCAN (edges|e)\b", step)]
        assert not scans, (statement, plan)


@pytest.mark.parametrize(
    "uri", ["http://127.0.0.1:7687", "https://neo4j.example:7473", "file:///tmp/g"]
)
def test_a_uri_that_is_not_neo4j_is_no_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, uri: str
) -> None:
    # "--neo4j http://127.0.0.1:7687" used to write a new SQLite store under ./http:/….
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreUnavailable, match="not a Neo4j one"):
        open_store(uri)
    assert list(tmp_path.iterdir()) == []


def test_unavailable_directories(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("Quyết định 749/QĐ-TTg", encoding="utf-8")
    with pytest.raises(StoreUnavailable, match="cannot create"):
        EmbeddedStore(blocker / "graph")
    with pytest.raises(StoreUnavailable, match="no graph store at"):
        open_store(tmp_path / "missing", create=False)
    assert not (tmp_path / "missing").exists()


CRASH_TEXTS = 5000
CRASH_AFTER = 40  # committed texts before the kill: enough that it lands mid-batch
CRASH_GROUP = 10  # texts a write_texts call, one transaction (the loader's are 100)


@pytest.mark.slow
def test_sigkill_leaves_every_committed_group_whole(tmp_path: Path) -> None:
    # A group of texts is one transaction (issue 14): a kill loses the group in flight, whole,
    # and never leaves half of a text or of a group.
    writer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.crash_writer",
            str(tmp_path),
            str(CRASH_TEXTS),
            str(CRASH_GROUP),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    committed = -1
    for line in writer.stdout:
        committed = int(line.split()[1])
        if committed + 1 >= CRASH_AFTER:
            break
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL, "the writer finished before it was killed"
    with sqlite3.connect(tmp_path / DB_FILENAME) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with EmbeddedStore(tmp_path) as store:
        records = {r.source_path: r for r in store.texts()}
        assert len(records) >= CRASH_AFTER
        assert len(records) % CRASH_GROUP == 0, "a group is committed whole or not at all"
        for i in range(len(records)):
            expected = batch_text(i)
            assert expected.source_path in records, "texts are committed in order"
            assert edge_keys(store, expected.source_path) == {e.key for e in expected.edges}
        orphans = [e for e in store.edges() if e.origin not in records]
        assert orphans == []
        extra = batch_text(len(records))
        assert store.document(extra.document.id) is None  # the killed transaction left nothing


# Lookups a write or a query makes per text: each must use its selective index, or loading the
# 10,001st text scans what the first 10,000 left (a scan of every Task on each write made loading
# 10,000 synthetic texts three times slower per text than loading 1,000).
PER_TEXT_LOOKUPS = [
    ("SELECT id FROM nodes WHERE origin = ? AND kind = 'Task'", 1, "nodes_by_origin"),
    ("SELECT id FROM nodes WHERE number_key = ? AND kind = 'Document'", 1, "nodes_by_number_key"),
    ("SELECT id FROM nodes WHERE kind = 'Document' AND name_key = ?", 1, "nodes_by_name_key"),
    ("SELECT id FROM nodes WHERE source_path = ?", 1, "nodes_by_source_path"),
    ("SELECT 1 FROM edges WHERE source = ? AND origin = ?", 2, "PRIMARY KEY"),
    ("SELECT 1 FROM edges WHERE target = ? AND type = ?", 2, "edges_by_target"),
    ("SELECT edge_keys FROM texts WHERE id = ?", 1, "INTEGER PRIMARY KEY"),
    ("SELECT 1 FROM mentions WHERE origin = ?", 1, "mentions_by_origin"),
    ("SELECT 1 FROM aliases WHERE key = ?", 1, "aliases_by_key"),
    ("SELECT 1 FROM lookups WHERE key = ? AND origin = ?", 2, "PRIMARY KEY"),
]


@pytest.mark.parametrize(("sql", "params", "index"), PER_TEXT_LOOKUPS)
def test_per_text_lookups_use_their_index(
    embedded: EmbeddedStore, sql: str, params: int, index: str
) -> None:
    embedded.write_text(text_graph("a.txt", doc("vn:01/CT-BTTTT@2024"), []))
    conn = sqlite3.connect(embedded.db_path)
    plan = " ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", ("x",) * params))
    conn.close()
    assert re.search(f"USING (COVERING INDEX |INDEX )?{index}", plan), plan
