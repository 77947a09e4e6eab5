"""What only the Neo4j store does: its Cypher, groups cut at a size limit, settings, the errors a
user meets (server down, wrong password, no such database) and a connection cut mid-load.

The store contract itself runs on both stores in tests/test_store.py; the cases here that write
compare with the embedded store's answer.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase

from graph import cypher, neo4j_store
from graph.__main__ import main as graph_main
from graph.embedded import EmbeddedStore
from graph.messages import store_message
from graph.model import EDGE_TYPES, TextGraph
from graph.neo4j_store import (
    ACQUIRE_TIMEOUT_SECONDS,
    TEXTS_PER_TRANSACTION,
    AuthenticationFailed,
    DatabaseMissing,
    Neo4jSettings,
    Neo4jStore,
    ServerSilent,
    ServerUnreachable,
    _edge_batches,
    connect,
)
from graph.open import open_store
from graph.store import StoreUnavailable
from loader.__main__ import main as loader_main
from loader.pipeline import load_paths
from neo4j_server import Neo4jServer, free_port, wipe
from queries.__main__ import main as queries_main
from tests.conftest import NEO4J_DATABASE
from tests.factories import batch_text

ROOT = Path(__file__).resolve().parents[1]


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
    with pytest.raises(cypher.CypherVocabularyError):
        cypher.create_nodes(hostile)


def test_create_edges_text_is_pinned() -> None:
    assert cypher.create_edges("REPLACES") == (
        "\nUNWIND $groups AS g\n"
        "MATCH (s:Node {id: g[0]}) USING INDEX SEEK s:Node(id)\n"
        "UNWIND g[1] AS row\n"
        "MATCH (t:Node {id: row[0]}) USING INDEX SEEK t:Node(id)\n"
        "CREATE (s)-[r:REPLACES {origin: $origins[row[1]], evidence: row[2], start: row[3], "
        "`end`: row[4],\n"
        "    confidence: row[5], scope: row[6], provisions: row[7], effective_date: row[8]}]->(t)\n"
        "RETURN count(r) AS created\n"
    )


# The statements of a write that find rows by key. Each names its index: planned while a load
# into an emptied database starts, an unhinted one may scan the index once per row, for good.
WRITE_LOOKUPS = [
    pytest.param(cypher.TEXT_RECORDS_OF, id="TEXT_RECORDS_OF"),
    pytest.param(cypher.DOCUMENT_OWNERS, id="DOCUMENT_OWNERS"),
    pytest.param(cypher.DEMOTE_TEXTS, id="DEMOTE_TEXTS"),
    pytest.param(cypher.REPOINT_SOURCES, id="REPOINT_SOURCES"),
    pytest.param(cypher.delete_contributions(), id="delete_contributions"),
    pytest.param(cypher.TEXT_CLAIMS, id="TEXT_CLAIMS"),
    pytest.param(cypher.LOCK_DOCUMENTS, id="LOCK_DOCUMENTS"),
    pytest.param(cypher.NODE_STATES, id="NODE_STATES"),
    pytest.param(cypher.create_edges("CITES"), id="create_edges"),
    pytest.param(cypher.DELETE_NODES, id="DELETE_NODES"),
    pytest.param(cypher.DELETE_TEXT_RECORD, id="DELETE_TEXT_RECORD"),
]


@pytest.mark.parametrize("statement", WRITE_LOOKUPS)
def test_write_lookups_seek_their_index(statement: str) -> None:
    matches = [line for line in statement.splitlines() if "MATCH (" in line]
    assert matches
    assert all("USING INDEX SEEK" in line for line in matches), matches


def test_create_nodes_text_is_pinned() -> None:
    assert cypher.create_nodes("Task") == (
        "\nUNWIND $rows AS props\nCREATE (n:Node:Task)\nSET n = props\nRETURN count(n) AS written\n"
    )


# Each row: edges by source, the batch size, and the (sources, rows) of each statement sent.
EDGE_BATCHES = [
    pytest.param({"a": [[1], [2]], "b": [[3]]}, 3, [(["a", "b"], 3)], id="all-in-one"),
    pytest.param({"a": [[1], [2]], "b": [[3], [4]]}, 3, [(["a"], 2), (["b"], 2)], id="no-split"),
    # A Bộ luật citing more documents than a statement holds: its source is sent in pieces.
    pytest.param({"a": [[i] for i in range(5)]}, 2, [(["a"], 2), (["a"], 2), (["a"], 1)], id="big"),
    pytest.param({}, 2, [], id="none"),
]


@pytest.mark.parametrize(("by_source", "size", "expected"), EDGE_BATCHES)
def test_edge_batches_keep_every_row_once_and_statements_small(
    by_source: dict[str, list[list[int]]], size: int, expected: list[tuple[list[str], int]]
) -> None:
    batches = list(_edge_batches(by_source, size))
    assert [([g[0] for g in groups], count) for groups, count in batches] == expected
    assert all(count == sum(len(g[1]) for g in groups) <= size for groups, count in batches)
    sent = [row for groups, _ in batches for g in groups for row in g[1]]
    assert sent == [row for rows in by_source.values() for row in rows]


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


@pytest.mark.parametrize(
    ("direction", "types", "expected"),
    [
        (
            "in",
            ["REPLACES", "AMENDS", "REPLACES"],
            "UNWIND $ids AS key MATCH (s:Node)-[r:AMENDS|REPLACES]->(t:Node {id: key}) RETURN key, "
            "s.id AS source, t.id AS target, type(r) AS type, properties(r) AS props",
        ),
        (
            "out",
            None,
            "UNWIND $ids AS key MATCH (s:Node {id: key})-[r]->(t:Node) RETURN key, "
            "s.id AS source, t.id AS target, type(r) AS type, properties(r) AS props",
        ),
    ],
)
def test_edges_of_many_text_is_pinned(
    direction: str, types: list[str] | None, expected: str
) -> None:
    # One statement for a whole frontier: the ids are a parameter, each row says which it is for.
    assert cypher.edges_of_many(direction, types) == expected


def test_fan_out_text_is_pinned() -> None:
    # One statement for a frontier: each node's related documents ranked by the server
    # ($rank: type -> place), the edges to the first $limit of them returned light.
    assert cypher.fan_out(["in", "out"], ["CITES", "BASED_ON"]) == (
        "UNWIND $ids AS key MATCH (n:Node {id: key}) CALL (n) { MATCH "
        "(n)-[r:BASED_ON|CITES]-(o:Node) WITH o, min($rank[type(r)]) AS rank ORDER BY rank, o.id "
        "RETURN count(o) AS related, collect(o)[..$limit] AS kept } UNWIND kept AS o MATCH "
        "(n)-[r:BASED_ON|CITES]-(o:Node) RETURN DISTINCT key, related, startNode(r).id AS source, "
        "endNode(r).id AS target, type(r) AS type, r.origin AS origin"
    )
    assert "MATCH (n)<-[r:CITES]-(o:Node)" in cypher.fan_out(["in"], ["CITES"])
    assert "MATCH (n)-[r:CITES]->(o:Node)" in cypher.fan_out(["out"], ["CITES"])
    with pytest.raises(ValueError):
        cypher.fan_out(["sideways"], ["CITES"])


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
    assert all(
        f"MATCH ()-[r:{t} {{origin: origin}}]->() USING INDEX SEEK r:{t}(origin) RETURN r"
        in deleting
        for t in EDGE_TYPES
    )


# -- grouped writes: cut into transactions of a bounded size ---------------------------------------

# The contract of write_texts (the same as write_text one by one, a refused text stopping it) is
# in tests/test_store.py, on both stores; what only Neo4j does is cut a long load into groups.


@pytest.mark.neo4j
def test_groups_are_cut_at_the_size_limit(neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    texts = [batch_text(i) for i in range(TEXTS_PER_TRANSACTION + 7)]
    assert not any(r.unchanged for r in neo4j_store.write_texts(texts))
    assert all(r.unchanged for r in neo4j_store.write_texts(texts))
    assert neo4j_store.export() == embedded_export(texts, tmp_path / "reference")


# -- query plans -------------------------------------------------------------------------------

# Every statement that looks up a few nodes, edges or records by key, with parameters to plan it
# with. Each must start from an index: a label scan costs ~1 ms per 1,000 documents on every call
# (DOCUMENTS_BY_ID matched on :Document, which has no index on id, made a depth-2 neighbourhood
# take 800 ms).
_IDS = {"ids": ["vn:749/QD-TTG@2020", "vn:missing"]}
_ORIGINS = {"origins": ["/samples/a.txt"]}
KEYED_STATEMENTS = [
    pytest.param(cypher.TEXT_RECORD, {"origin": "/a.txt"}, id="TEXT_RECORD"),
    pytest.param(cypher.TEXT_RECORDS_OF, _ORIGINS, id="TEXT_RECORDS_OF"),
    pytest.param(cypher.TEXT_CONTENT, {"origin": "/a.txt"}, id="TEXT_CONTENT"),
    pytest.param(cypher.TEXT_CONTENTS, _ORIGINS, id="TEXT_CONTENTS"),
    pytest.param(cypher.NODE, {"id": "vn:749/QD-TTG@2020"}, id="NODE"),
    pytest.param(cypher.DOCUMENTS_BY_ID, _IDS, id="DOCUMENTS_BY_ID"),
    pytest.param(cypher.DOCUMENTS_BY_NUMBER, {"key": "749/QD-TTG"}, id="DOCUMENTS_BY_NUMBER"),
    pytest.param(cypher.DOCUMENTS_BY_NAME, {"key": "luat vien thong"}, id="DOCUMENTS_BY_NAME"),
    pytest.param(
        cypher.DOCUMENTS_BY_NAMES, {"keys": ["luat vien thong", "chuong"]}, id="DOCUMENTS_BY_NAMES"
    ),
    pytest.param(cypher.edges_of("out"), {"id": "vn:749/QD-TTG@2020"}, id="edges_of-out"),
    pytest.param(cypher.edges_of("in", ["CITES"]), {"id": "vn:749/QD-TTG@2020"}, id="edges_of-in"),
    pytest.param(cypher.edges_of_many("out"), _IDS, id="edges_of_many-out"),
    pytest.param(cypher.edges_of_many("in", ["REPLACES"]), _IDS, id="edges_of_many-in"),
    pytest.param(
        cypher.fan_out(["in", "out"], ["CITES", "IMPLEMENTS"]),
        {**_IDS, "rank": {"IMPLEMENTS": 0, "CITES": 1}, "limit": 200},
        id="fan_out",
    ),
    pytest.param(cypher.DOCUMENT_ROWS, _IDS, id="DOCUMENT_ROWS"),
    pytest.param(
        cypher.EDGES_WITH_KEYS,
        {"keys": [["vn:01/CT-BTTTT@2025", "vn:749/QD-TTG@2020", "CITES"]]},
        id="EDGES_WITH_KEYS",
    ),
    pytest.param(cypher.ALIASES_BY_KEY, {"key": "chuong trinh"}, id="ALIASES_BY_KEY"),
    pytest.param(cypher.MENTIONS_BY_ORIGIN, {"origin": "/a.txt"}, id="MENTIONS_BY_ORIGIN"),
    pytest.param(cypher.MENTIONS_BY_STATUS, {"status": "ambiguous"}, id="MENTIONS_BY_STATUS"),
    pytest.param(cypher.NODE_STATES, _IDS, id="NODE_STATES"),
    pytest.param(cypher.LOCK_DOCUMENTS, _IDS, id="LOCK_DOCUMENTS"),
    pytest.param(cypher.delete_contributions(), _ORIGINS, id="delete_contributions"),
    pytest.param(cypher.COLLECT_GARBAGE, _IDS, id="COLLECT_GARBAGE"),
    pytest.param(cypher.DELETE_NODES, _IDS, id="DELETE_NODES"),
    pytest.param(cypher.TEXT_CLAIMS, _ORIGINS, id="TEXT_CLAIMS"),
    pytest.param(cypher.DELETE_TEXT_RECORD, {"origin": "/a.txt"}, id="DELETE_TEXT_RECORD"),
    pytest.param(cypher.DOCUMENT_OWNERS, _IDS, id="DOCUMENT_OWNERS"),
    pytest.param(cypher.DEMOTE_TEXTS, {"rows": [{"owner": "/a.txt", "to": "/b.txt"}]}, id="DEMOTE"),
    pytest.param(
        cypher.REPOINT_SOURCES, {"rows": [{"from": "/a.txt", "to": "/b.txt"}]}, id="REPOINT"
    ),
    pytest.param(cypher.SOURCES_OF, {"values": ["vn:749/QD-TTG@2020"]}, id="SOURCES_OF"),
    pytest.param(cypher.TEXTS_WITH_CONTENT, {"values": ["0" * 64]}, id="TEXTS_WITH_CONTENT"),
    pytest.param(
        cypher.create_edges("CITES"),
        {
            "groups": [["vn:a", [["vn:b", 0, "", 0, 1, 1.0, None, None, None]]]],
            "origins": ["/a.txt"],
        },
        id="create_edges",
    ),
]
SCANS = (
    "AllNodesScan",
    "NodeByLabelScan",
    "DirectedRelationshipTypeScan",
    "UndirectedRelationship",
)


def _operators(plan: dict[str, Any]) -> list[str]:
    children = plan.get("children", [])
    return [plan["operatorType"], *(op for child in children for op in _operators(child))]


@pytest.mark.neo4j
def test_keyed_statements_start_from_an_index(neo4j_store: Neo4jStore) -> None:
    assert load_paths(neo4j_store, [ROOT / "samples"]).ok  # statistics of a real graph to plan on
    scanning = {}
    with neo4j_store.driver.session(
        database=NEO4J_DATABASE, notifications_min_severity="OFF"
    ) as session:
        for case in KEYED_STATEMENTS:
            statement, params = case.values
            plan = session.run(f"EXPLAIN {statement}", params).consume().plan
            assert plan is not None
            found = [op for op in _operators(plan) if op.split("@")[0].startswith(SCANS)]
            if found:
                scanning[case.id] = found
    assert scanning == {}


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
    assert err.startswith("lỗi: ") and len(err.strip().splitlines()) == 1


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


def test_a_port_that_accepts_and_never_answers_is_unreachable() -> None:
    # A frozen server, or another service on the port: the TCP connection opens, the Bolt
    # handshake never comes back. One clear error after the acquisition time-out (the driver's
    # default is a minute); the subprocess time-out only guards the suite against a hang.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    port = listener.getsockname()[1]
    try:
        done = subprocess.run(
            [sys.executable, "-m", "queries", "find", "749", "--neo4j", f"bolt://127.0.0.1:{port}"],
            capture_output=True,
            text=True,
            timeout=3 * ACQUIRE_TIMEOUT_SECONDS,
            cwd=ROOT,
            env={**os.environ, "NEO4J_PASSWORD": "x"},
        )
    finally:
        listener.close()
    assert done.returncode == 2
    assert done.stderr.startswith("lỗi: ") and "không có máy chủ Neo4j nào trả lời" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


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


@pytest.mark.neo4j
@pytest.mark.slow
def test_a_server_frozen_mid_query_is_one_error_not_a_hang(
    neo4j_server: Neo4jServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A server stopped (SIGSTOP: a paused VM, a frozen JVM) keeps its connections open and never
    # answers; the driver has no read time-out, and waited 136 s before a vague error. The
    # store gives up after its named time-outs (shortened here) with the error that says so.
    server = Neo4jServer(tmp_path / "home", port=free_port(), password=secrets.token_urlsafe(8))
    server.start()
    assert server.process is not None
    try:
        with _short_retry_store(server) as store:
            store.write_text(batch_text(0))
            store.stats()
            monkeypatch.setattr(neo4j_store, "QUERY_TIMEOUT_SECONDS", 2.0)
            monkeypatch.setattr(neo4j_store, "WRITE_TIMEOUT_SECONDS", 2.0)
            os.kill(server.process.pid, signal.SIGSTOP)
            try:
                with pytest.raises(ServerSilent, match="has not answered for 2 s") as silent:
                    store.stats()
                assert "máy chủ Neo4j không trả lời sau 2 giây" in store_message(silent.value)
                with pytest.raises(ServerSilent, match="cannot write"):
                    store.write_text(batch_text(1))
                with pytest.raises(ServerSilent, match="cannot remove"):
                    store.remove_text(batch_text(0).source_path)
            finally:
                os.kill(server.process.pid, signal.SIGCONT)
    finally:
        server.stop(kill=True)


def _short_retry_store(server: Neo4jServer) -> Neo4jStore:
    # The default retry budget waits 15 s for a server to come back; this one is not coming.
    driver = GraphDatabase.driver(server.uri, auth=server.auth, max_transaction_retry_time=1.0)
    return Neo4jStore(driver, NEO4J_DATABASE, uri=server.uri, owns_driver=True)
