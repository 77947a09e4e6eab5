"""The embedded store: atomic, idempotent, incremental writes; stubs; GC; crash safety."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest

from graph.embedded import DB_FILENAME, EmbeddedStore
from graph.model import Document, Edge
from graph.open import open_store
from graph.store import GraphStore, StoreCorrupt, StoreUnavailable
from tests.factories import agency, batch_text, doc, named, task, text_graph

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


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(tmp_path / "graph") as opened:
        yield opened


def edge_keys(store: EmbeddedStore, origin: str) -> set[tuple[str, str, str]]:
    return {e.key for e in store.edges() if e.origin == origin}


def test_protocol_and_fresh_directory(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b"
    with EmbeddedStore(target) as store:
        assert isinstance(store, GraphStore)
        assert (target / DB_FILENAME).is_file()
        assert store.stats().texts == 0
        assert store.export() == {"nodes": [], "edges": []}


def test_write_records_text_nodes_and_edges(store: EmbeddedStore) -> None:
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
def test_find_documents_by_folded_number(store: EmbeddedStore, query: str) -> None:
    store.write_text(text_graph("ct.txt", DIRECTIVE_01, [("BASED_ON", DECISION_749)]))
    assert [d.id for d in store.find_documents(query)] == [DECISION_749.id]


def test_same_content_again_writes_nothing(store: EmbeddedStore) -> None:
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
    store: EmbeddedStore, before: list[tuple[str, Document]], after: list[tuple[str, Document]]
) -> None:
    old, new = text_graph("qd.txt", DECREE_42, before), text_graph("qd.txt", DECREE_42, after)
    store.write_text(old)
    result = store.write_text(new)
    assert edge_keys(store, "qd.txt") == {e.key for e in new.edges}
    assert result.edges_added == len({e.key for e in new.edges} - {e.key for e in old.edges})
    assert result.edges_removed == len({e.key for e in old.edges} - {e.key for e in new.edges})
    stubs = {d.id for d in store.documents() if d.is_stub}
    assert stubs == {target.id for _, target in after}


def test_shared_stub_survives_until_its_last_citation_goes(store: EmbeddedStore) -> None:
    store.write_text(text_graph("a.txt", DECREE_42, [("BASED_ON", LAW_2023)]))
    store.write_text(text_graph("b.txt", DIRECTIVE_01, [("CITES", LAW_2023)]))
    store.write_text(text_graph("a.txt", DECREE_42, []))
    assert store.document(LAW_2023.id) is not None
    store.write_text(text_graph("b.txt", DIRECTIVE_01, [("CITES", DECISION_749)]))
    assert store.document(LAW_2023.id) is None


def test_agencies_and_tasks_go_with_their_text(store: EmbeddedStore) -> None:
    shared = "Bộ Thông tin và Truyền thông"
    store.write_text(
        text_graph(
            "kh.txt",
            DIRECTIVE_01,
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
    assert store.remove_text("nd.txt") and store.remove_text("kh.txt")
    assert list(store.nodes("Agency")) == [] and list(store.nodes("Task")) == []


def test_stub_upgrades_in_place_keeping_edges_and_filling_fields(store: EmbeddedStore) -> None:
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


def test_stub_fields_fill_gaps_but_never_overwrite(store: EmbeddedStore) -> None:
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
    store: EmbeddedStore, still_cited: bool, old_survives_as_stub: bool
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
def test_remove_text(store: EmbeddedStore, still_cited: bool, expect_stub: bool) -> None:
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


def test_dangling_edge_is_refused_and_nothing_is_written(store: EmbeddedStore) -> None:
    store.write_text(text_graph("nd-42.txt", DECREE_42, [("BASED_ON", LAW_2023)]))
    before, graph_before = store.export(), _graph_snapshot(store.graph)
    bad = text_graph("nd-42.txt", DECREE_42, [("CITES", DECREE_43)])
    bad.edges.append(Edge(DECREE_42.id, "vn:99/2099/ND-CP", "CITES", origin="nd-42.txt"))
    bad.sha256 = "changed"
    with pytest.raises(ValueError, match="vn:99/2099/ND-CP"):
        store.write_text(bad)
    assert store.export() == before
    assert _graph_snapshot(store.graph) == graph_before
    assert store.text_record("nd-42.txt").sha256 != "changed"  # type: ignore[union-attr]


def test_queries_aliases_mentions_and_in_degrees(store: EmbeddedStore) -> None:
    program = "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030"
    store.write_text(text_graph("qd-749.txt", DECISION_749, aliases=[(program, DECISION_749)]))
    store.write_text(
        text_graph("a.txt", DECREE_42, [("BASED_ON", DECISION_749), ("CITES", DECISION_749)])
    )
    store.write_text(
        text_graph(
            "b.txt",
            DIRECTIVE_01,
            [("IMPLEMENTS", DECISION_749)],
            tasks=[task("1", "Triển khai", "Bộ TTTT", depends_on=[DECISION_749])],
            mentions=[("Đề án 06", "unresolved", "tên đề án không đủ để xác định")],
        )
    )
    assert [
        a.doc_id
        for a in store.aliases(
            "“Chương trình chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030”"
        )
    ] == [DECISION_749.id]
    assert store.in_degrees()[DECISION_749.id] == 2  # a task's DEPENDS_ON is not a citing document
    assert store.in_degrees(["CITES"]) == {DECISION_749.id: 1}
    assert [m.text for m in store.mentions("unresolved")] == ["Đề án 06"]
    assert store.mentions("ambiguous") == []
    assert {d.id for d in store.documents([DECISION_749.id, "vn:missing"])} == {DECISION_749.id}


def _graph_snapshot(graph: nx.MultiDiGraph) -> tuple[set, set]:
    return (
        set(graph.nodes(data="kind")),
        {(s, t, k, d["type"]) for s, t, k, d in graph.edges(keys=True, data=True)},
    )


def test_networkx_view_follows_writes_in_place(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path) as store:
        store.write_text(text_graph("a.txt", DECREE_42, [("REPLACES", DECREE_43)]))
        graph = store.graph
        store.write_text(
            text_graph(
                "b.txt",
                DIRECTIVE_01,
                [("CITES", DECREE_43)],
                tasks=[task("1", "Rà soát", "Bộ Tư pháp")],
            )
        )
        store.write_text(text_graph("c.txt", doc("43/2011/NĐ-CP"), [("BASED_ON", LAW_2023)]))
        store.write_text(text_graph("a.txt", DECREE_42, [("BASED_ON", DECISION_749)]))
        store.remove_text("b.txt")
        assert store.graph is graph  # updated in place, never rebuilt
        live = _graph_snapshot(graph)
    with EmbeddedStore(tmp_path) as fresh:
        assert _graph_snapshot(fresh.graph) == live
        assert graph.number_of_edges() == len(list(fresh.edges()))


def test_networkx_view_sees_another_process_commit(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path) as reader, EmbeddedStore(tmp_path) as writer:
        assert reader.graph.number_of_nodes() == 0
        writer.write_text(text_graph("a.txt", DECREE_42, [("REPLACES", DECREE_43)]))
        assert reader.graph.has_edge(DECREE_42.id, DECREE_43.id)


def test_one_more_text_touches_only_its_own_rows(store: EmbeddedStore) -> None:
    for i in range(200):
        store.write_text(batch_text(i))
    extra = batch_text(200)
    before = store._conn.total_changes
    store.write_text(extra)
    changed = store._conn.total_changes - before
    # The text row, its own node and its edges; the cited stubs exist already and gain nothing.
    assert changed == 1 + 1 + len(extra.edges)


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


@pytest.mark.slow
def test_sigkill_leaves_every_committed_text_whole(tmp_path: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_writer", str(tmp_path), str(CRASH_TEXTS)],
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
    ("SELECT id FROM nodes WHERE kind = 'Task' AND source_path = ?", 1, "nodes_by_source_path"),
    ("SELECT id FROM nodes WHERE number_key = ? AND kind = 'Document'", 1, "nodes_by_number_key"),
    ("SELECT id FROM nodes WHERE kind = 'Document' AND name_key = ?", 1, "nodes_by_name_key"),
    ("SELECT 1 FROM edges WHERE origin = ?", 1, "edges_by_origin"),
    ("SELECT 1 FROM edges WHERE target = ? AND type = ?", 2, "edges_by_target"),
    ("SELECT 1 FROM mentions WHERE origin = ?", 1, "mentions_by_origin"),
    ("SELECT 1 FROM aliases WHERE key = ?", 1, "aliases_by_key"),
]


@pytest.mark.parametrize(("sql", "params", "index"), PER_TEXT_LOOKUPS)
def test_per_text_lookups_use_their_index(
    store: EmbeddedStore, sql: str, params: int, index: str
) -> None:
    store.write_text(text_graph("a.txt", doc("vn:01/CT-BTTTT@2024"), []))
    conn = sqlite3.connect(store.db_path)
    plan = " ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", ("x",) * params))
    conn.close()
    assert f"USING INDEX {index}" in plan or f"USING COVERING INDEX {index}" in plan, plan
