"""The Neo4j store: its Cypher, the store contract on both backends, grouped writes, settings,
errors a user meets (server down, wrong password, no such database) and a connection cut
mid-load.

The contract cases run on the ``store`` fixture of tests/conftest.py, so every row checks the
embedded store and Neo4j alike; the Neo4j-only cases compare with the embedded store's answer.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase

from graph import cypher
from graph.__main__ import main as graph_main
from graph.embedded import EmbeddedStore
from graph.model import EDGE_TYPES, Document, Edge, TextGraph
from graph.neo4j_store import (
    TEXTS_PER_TRANSACTION,
    WRITE_BATCH_SIZE,
    AuthenticationFailed,
    DatabaseMissing,
    Neo4jSettings,
    Neo4jStore,
    ServerUnreachable,
    connect,
)
from graph.open import open_store
from graph.store import GraphStore, StoreUnavailable
from loader.__main__ import main as loader_main
from neo4j_server import Neo4jServer, free_port, wipe
from queries.__main__ import main as queries_main
from tests.conftest import NEO4J_DATABASE
from tests.factories import agency, batch_text, doc, named, task, text_graph

ROOT = Path(__file__).resolve().parents[1]

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


def edge_keys(store: GraphStore, origin: str) -> set[tuple[str, str, str]]:
    return {e.key for e in store.edges() if e.origin == origin}


def embedded_export(texts: Sequence[TextGraph], directory: Path) -> dict[str, Any]:
    """What the reference store holds after writing ``texts`` one by one."""
    with EmbeddedStore(directory) as reference:
        for text in texts:
            reference.write_text(text)
        return reference.export()


# -- the Cypher, pinned (no server needed) ---------------------------------------------------------


@pytest.mark.parametrize(
    "hostile",
    [
        "CITES]->() DETACH DELETE n //",  # a type read from a text must never become Cypher
        "cites",  # the vocabulary is upper case
        "SUPERSEDES",  # a relation the model does not have
        "",
    ],
)
def test_only_the_vocabulary_becomes_cypher(hostile: str) -> None:
    with pytest.raises(cypher.CypherVocabularyError):
        cypher.relationship_type(hostile)
    with pytest.raises(cypher.CypherVocabularyError):
        cypher.label(hostile)
    with pytest.raises(cypher.CypherVocabularyError):
        cypher.create_edges(hostile)


def test_create_edges_text_is_pinned() -> None:
    assert cypher.create_edges("REPLACES") == (
        "\nUNWIND $rows AS row\n"
        "MATCH (s:Node {id: row[0]})\n"
        "MATCH (t:Node {id: row[1]})\n"
        "CREATE (s)-[r:REPLACES]->(t)\n"
        "SET r.origin = $origins[row[2]], r.evidence = row[3], r.start = row[4], "
        "r.`end` = row[5],\n"
        "    r.confidence = row[6]\n"
        "RETURN count(r) AS created\n"
    )


@pytest.mark.parametrize(
    ("direction", "types", "expected"),
    [
        (
            "in",
            ["REPLACES", "AMENDS", "REPLACES"],
            "MATCH (s:Node)-[r:AMENDS|REPLACES]->(t:Node {id: $id}) RETURN s.id AS source, "
            "t.id AS target, type(r) AS type, properties(r) AS props",
        ),
        (
            "out",
            None,
            "MATCH (s:Node {id: $id})-[r]->(t:Node) RETURN s.id AS source, t.id AS target, "
            "type(r) AS type, properties(r) AS props",
        ),
    ],
)
def test_edges_of_text_is_pinned(direction: str, types: list[str] | None, expected: str) -> None:
    assert cypher.edges_of(direction, types) == expected


def test_put_nodes_sets_one_label_of_the_vocabulary_per_row() -> None:
    text = cypher.put_nodes()
    assert text.startswith("UNWIND $rows AS row\nMERGE (n:Node {id: row.id})\nSET n = row.props\n")
    assert (
        "FOREACH (_ IN CASE WHEN row.kind = 'Task' THEN [1] ELSE [] END | "
        "REMOVE n:Document:Agency SET n:Task)"
    ) in text


def test_schema_is_idempotent_and_indexes_every_edge_origin() -> None:
    statements = cypher.schema_statements()
    assert all(" IF NOT EXISTS " in s for s in statements)
    assert (
        "CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE" in statements
    )
    origin_indexes = [s for s in statements if s.startswith("CREATE INDEX edge_origin_")]
    assert len(origin_indexes) == len(EDGE_TYPES)
    deleting = cypher.delete_contributions()
    assert all(f"MATCH ()-[r:{t} {{origin: origin}}]->() RETURN r" in deleting for t in EDGE_TYPES)


# -- the contract, on both stores ------------------------------------------------------------------

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
def test_changed_text_leaves_no_stale_edge(
    store: GraphStore, before: list[tuple[str, Document]], after: list[tuple[str, Document]]
) -> None:
    old, new = text_graph("qd.txt", DECREE_42, before), text_graph("qd.txt", DECREE_42, after)
    store.write_text(old)
    result = store.write_text(new)
    assert edge_keys(store, "qd.txt") == {e.key for e in new.edges}
    assert result.edges_added == len({e.key for e in new.edges} - {e.key for e in old.edges})
    assert result.edges_removed == len({e.key for e in old.edges} - {e.key for e in new.edges})
    assert {d.id for d in store.documents() if d.is_stub} == {target.id for _, target in after}


def test_same_content_again_changes_nothing(store: GraphStore) -> None:
    assert isinstance(store, GraphStore)  # every method of the contract is there
    text = text_graph("nd-42.txt", DECREE_42, [("REPLACES", DECREE_43), ("BASED_ON", LAW_2023)])
    store.write_text(text)
    before = (store.stats(), store.export(), list(store.texts()))
    again = store.write_text(
        text_graph("nd-42.txt", DECREE_42, [("REPLACES", DECREE_43), ("BASED_ON", LAW_2023)])
    )
    assert again.unchanged and again.doc_id == DECREE_42.id
    assert (store.stats(), store.export(), list(store.texts())) == before


def test_stub_upgrades_in_place_and_keeps_what_citers_knew(store: GraphStore) -> None:
    cited = doc("43/2011/NĐ-CP", issued_date="2011-06-13", name="Nghị định 43 về thông tin")
    store.write_text(text_graph("nd-42.txt", DECREE_42, [("REPLACES", cited)]))
    own = doc(
        "43/2011/NĐ-CP", issuer="Chính phủ", name="Nghị định quy định việc cung cấp thông tin"
    )
    result = store.write_text(text_graph("nd-43.txt", own, [("BASED_ON", LAW_2023)]))
    assert result.stub_upgraded
    node = store.document(cited.id)
    assert node is not None and node.source_path == "nd-43.txt"
    assert (node.issuer, node.name, node.issued_date) == ("Chính phủ", own.name, "2011-06-13")
    assert [e.source for e in store.edges_of(cited.id, "in")] == [DECREE_42.id]


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
    assert list(store.nodes("Agency")) == [agency(shared)]  # Bộ Tài chính lost its only edge
    assert store.document(LAW_2023.id) is None
    assert store.remove_text("nd.txt") and store.remove_text("kh.txt")
    assert not store.remove_text("kh.txt")
    assert store.stats().edges == 0 and list(store.nodes("Agency")) == []


def test_a_refused_text_writes_nothing(store: GraphStore) -> None:
    store.write_text(text_graph("nd-42.txt", DECREE_42, [("BASED_ON", LAW_2023)]))
    before = store.export()
    bad = text_graph("nd-42.txt", DECREE_42, [("CITES", DECREE_43)])
    bad.edges.append(Edge(DECREE_42.id, "vn:99/2099/ND-CP", "CITES", origin="nd-42.txt"))
    bad.sha256 = "changed"
    with pytest.raises(ValueError, match="vn:99/2099/ND-CP"):
        store.write_text(bad)
    assert store.export() == before
    record = store.text_record("nd-42.txt")
    assert record is not None and record.sha256 != "changed"


def test_reads_aliases_mentions_content_and_in_degrees(store: GraphStore) -> None:
    program = "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030"
    learnt = text_graph("qd-749.txt", DECISION_749, aliases=[(program, DECISION_749)])
    store.write_text(learnt)
    store.write_text(
        text_graph("a.txt", DECREE_42, [("BASED_ON", DECISION_749), ("CITES", LAW_2023)])
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
    assert [a.doc_id for a in store.aliases(program.upper())] == [DECISION_749.id]
    assert store.in_degrees()[DECISION_749.id] == 2  # a task's DEPENDS_ON is not a citation
    assert store.in_degrees(["IMPLEMENTS"]) == {DECISION_749.id: 1}
    assert store.in_degrees([]) == {} and store.edges_of(DECISION_749.id, "in", []) == []
    assert [m.text for m in store.mentions("unresolved")] == ["Đề án 06"]
    assert store.text_content("qd-749.txt") == learnt.content
    assert [d.id for d in store.find_documents("749/QD-TTG")] == [DECISION_749.id]
    assert [d.id for d in store.named_documents("Luật Giao dịch")] == [LAW_2023.id]
    assert [d.id for d in store.named_documents("luat giao dich dien t")] == []
    assert {d.id for d in store.documents([DECISION_749.id, "vn:missing"])} == {DECISION_749.id}


def test_a_text_longer_than_a_batch_is_written_whole(store: GraphStore) -> None:
    # A 300-page Bộ luật cites thousands of documents: more rows than one UNWIND batch carries.
    cited = [doc(f"{i}/QĐ-UBND", year=2020) for i in range(1, 2 * WRITE_BATCH_SIZE + 2)]
    text = text_graph("bo-luat.txt", DECREE_42, [("CITES", d) for d in cited])
    store.write_text(text)
    assert edge_keys(store, "bo-luat.txt") == {e.key for e in text.edges}
    assert store.stats().stubs == len(cited)


# -- grouped writes: the same graph as one text at a time ------------------------------------------

# Each row: texts written before, then a group written by one write_texts call. Orphans collected
# by one text of a group and named again by a later one, a stub upgraded and released inside
# the group: the plan must reproduce the one-at-a-time result exactly.
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
]


@pytest.mark.neo4j
@pytest.mark.parametrize(("before", "group"), GROUPS)
def test_grouped_writes_equal_one_at_a_time(
    neo4j_store: Neo4jStore, tmp_path: Path, before: list[TextGraph], group: list[TextGraph]
) -> None:
    for text in before:
        neo4j_store.write_text(text)
    results = neo4j_store.write_texts(group)
    assert [r.doc_id for r in results] == [t.document.id for t in group]
    assert neo4j_store.export() == embedded_export(before + group, tmp_path / "reference")


@pytest.mark.neo4j
def test_groups_are_cut_at_the_size_limit(neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    texts = [batch_text(i) for i in range(TEXTS_PER_TRANSACTION + 7)]
    assert not any(r.unchanged for r in neo4j_store.write_texts(texts))
    assert all(r.unchanged for r in neo4j_store.write_texts(texts))
    assert neo4j_store.export() == embedded_export(texts, tmp_path / "reference")


@pytest.mark.neo4j
def test_a_refused_text_in_a_group_keeps_the_texts_before_it(neo4j_store: Neo4jStore) -> None:
    bad = text_graph("bad.txt", DIRECTIVE_01)
    bad.edges.append(Edge(DIRECTIVE_01.id, "vn:99/2099/ND-CP", "CITES", origin="bad.txt"))
    texts = [batch_text(0), batch_text(1), bad, batch_text(2)]
    with pytest.raises(ValueError, match="vn:99/2099/ND-CP"):
        neo4j_store.write_texts(texts)
    assert [r.source_path for r in neo4j_store.texts()] == [
        batch_text(0).source_path,
        batch_text(1).source_path,
    ]


# -- settings and the errors people meet -----------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "uri", "expected"),
    [
        (
            {
                "NEO4J_URI": "neo4j+s://abcd1234.databases.neo4j.io",
                "NEO4J_PASSWORD": "s3cret-Bo-TTTT",
            },
            None,
            Neo4jSettings(
                "neo4j+s://abcd1234.databases.neo4j.io", "neo4j", "s3cret-Bo-TTTT", "neo4j"
            ),
        ),
        (  # --neo4j wins over NEO4J_URI; the rest still comes from the environment
            {"NEO4J_URI": "bolt://old:7687", "NEO4J_USERNAME": "vanthu", "NEO4J_DATABASE": "vb"},
            "bolt://db.so-tttt.gov.vn:7687",
            Neo4jSettings("bolt://db.so-tttt.gov.vn:7687", "vanthu", None, "vb"),
        ),
    ],
)
def test_settings_from_the_environment(
    env: dict[str, str], uri: str | None, expected: Neo4jSettings
) -> None:
    settings = Neo4jSettings.from_env(env, uri=uri)
    assert settings == expected
    assert (settings.password or "never-shown") not in repr(settings)


def test_settings_need_a_uri() -> None:
    with pytest.raises(StoreUnavailable, match="--neo4j URI"):
        Neo4jSettings.from_env({})


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"password": "mat-khau-sai"}, AuthenticationFailed, "refused the user name or password"),
        ({"database": "vanban"}, DatabaseMissing, "no database 'vanban'"),
        ({"uri": "closed-port"}, ServerUnreachable, "no Neo4j server answers"),
    ],
    ids=["wrong-password", "missing-database", "unreachable"],
)
def test_connection_problems_are_one_clear_error(
    neo4j_server: Neo4jServer, change: dict[str, str], error: type[Exception], message: str
) -> None:
    settings = _settings(neo4j_server, change)
    with pytest.raises(error, match=message):
        connect(settings)


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("cli", "argv"),
    [
        (loader_main, [str(ROOT / "samples")]),
        (graph_main, ["stats"]),
        (queries_main, ["find", "749/QĐ-TTg"]),
    ],
    ids=["loader", "graph", "queries"],
)
@pytest.mark.parametrize("change", [{"password": "mat-khau-sai"}, {"uri": "closed-port"}])
def test_clis_report_connection_problems_in_one_line(
    neo4j_server: Neo4jServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli: Any,
    argv: list[str],
    change: dict[str, str],
) -> None:
    settings = _settings(neo4j_server, change)
    monkeypatch.setenv("NEO4J_USERNAME", settings.username)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password or "")
    assert cli([*argv, "--neo4j", settings.uri]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1


@pytest.mark.neo4j
def test_clis_load_and_answer_from_neo4j(
    neo4j_server: Neo4jServer,
    neo4j_driver: Driver,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    wipe(neo4j_driver, NEO4J_DATABASE)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password or "")
    assert loader_main([str(ROOT / "samples"), "--neo4j", neo4j_server.uri]) == 0
    assert "Texts: 5 loaded" in capsys.readouterr().out
    assert queries_main(["status", "01/CT-BTTTT 2024", "--neo4j", neo4j_server.uri]) == 0
    assert "Còn hiệu lực" in capsys.readouterr().out
    assert graph_main(["stats", "--neo4j", neo4j_server.uri]) == 0
    assert "texts      5" in capsys.readouterr().out
    with open_store(neo4j_server.uri, create=False) as opened:
        assert opened.stats().texts == 5


def _settings(server: Neo4jServer, change: dict[str, str]) -> Neo4jSettings:
    settings = Neo4jSettings(server.uri, "neo4j", server.password, NEO4J_DATABASE)
    if change.get("uri") == "closed-port":
        change = {**change, "uri": f"bolt://127.0.0.1:{free_port()}"}
    return replace(settings, **change)


# -- a connection cut mid-load ---------------------------------------------------------------------

CUT_AFTER = 30  # texts committed before the server goes away


@pytest.mark.neo4j
@pytest.mark.slow
def test_a_load_cut_by_the_server_stopping_completes_when_run_again(
    neo4j_server: Neo4jServer, tmp_path: Path
) -> None:
    # Its own server, since this one is stopped under the store's feet (and killed, as a crash).
    server = Neo4jServer(tmp_path / "home", port=free_port(), password=secrets.token_urlsafe(8))
    server.start()
    texts = [batch_text(i) for i in range(2 * CUT_AFTER)]
    try:
        with _short_retry_store(server) as store:
            for text in texts[:CUT_AFTER]:
                store.write_text(text)
            server.stop(kill=True)
            with pytest.raises(ServerUnreachable, match="no Neo4j server answers"):
                store.write_text(texts[CUT_AFTER])
        server.start()
        with _short_retry_store(server) as store:
            results = store.write_texts(texts)
            assert [r.unchanged for r in results] == [True] * CUT_AFTER + [False] * CUT_AFTER
            assert store.export() == embedded_export(texts, tmp_path / "reference")
    finally:
        server.stop(kill=True)


def _short_retry_store(server: Neo4jServer) -> Neo4jStore:
    # The default retry budget waits 15 s for a server to come back; this one is not coming.
    driver = GraphDatabase.driver(server.uri, auth=server.auth, max_transaction_retry_time=1.0)
    return Neo4jStore(driver, NEO4J_DATABASE, uri=server.uri, owns_driver=True)
