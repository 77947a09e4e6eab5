"""Walks at national scale (issue 14): light rows, and a cap on what a much-cited document fans
out to, with the count of what was left out; the same answers on every store.

The graph: Luật Tổ chức Chính phủ 2015, based on Hiến pháp 2013, amended by a law of 2019 (which
a directive reports too: the same edge from two texts), implemented by three decisions, cited by
four plans (one of which also cites itself) and both based on and cited by a decree. Each walk
below is checked against a walk made here, node by node from :meth:`GraphStore.edges_of`, that
follows the rule of :func:`queries.neighbourhood` as its docstring states it: at each hop, each
document follows at most ``limit`` related documents (its strongest relations first, then by id)
and the documents of a hop twice ``limit`` between them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest

from graph.embedded import EmbeddedStore
from graph.model import STATUS_IN_FORCE, STATUS_NOT_APPLICABLE, Document, Edge
from graph.store import DocumentRow, EdgeRow, Fan, GraphStore
from queries import neighbourhood, path, status, supersession_chain
from queries.documents import RELATION_ORDER, cited_by
from queries.render import render, to_json
from queries.traversal import MAX_NEIGHBOURS, Subgraph, only_types, with_evidence
from tests.factories import doc, named, text_graph
from views.graph import left_out_note
from views.network import graph_view

CONSTITUTION = named("constitution", "Hiến pháp", 2013)
HUB = doc("76/2015/QH13", name="Luật Tổ chức Chính phủ", issued_date="2015-06-19")
AMENDING = doc("47/2019/QH14", name="Luật sửa đổi Luật Tổ chức Chính phủ", issued_date="2019-11-22")
DECREE = replace(
    doc("123/2016/NĐ-CP", name="Nghị định quy định chức năng của bộ", issued_date="2016-09-01"),
    effective_date="2016-09-01",
)
DECISIONS = [doc(f"{k}/QĐ-TTg", year=2016, name=f"Quyết định triển khai {k}") for k in (7, 8, 9)]
PLANS = [doc(f"{k}/KH-UBND", year=2017, name=f"Kế hoạch thực hiện {k}") for k in (1, 2, 3, 4)]
DIRECTIVE = doc("05/CT-TTg", year=2020, name="Chỉ thị về tổ chức bộ máy")
LETTER = doc("1234/BNV-TCBC", year=2021, name="Công văn về sắp xếp tổ chức")

TEXTS = [
    text_graph("luat-76-2015.txt", HUB, [("BASED_ON", CONSTITUTION)]),
    text_graph("luat-47-2019.txt", AMENDING, [("AMENDS", HUB)]),
    text_graph("nd-123-2016.txt", DECREE, [("BASED_ON", HUB), ("CITES", HUB)]),
    *(
        text_graph(f"qd-{d.number}.txt".replace("/", "-"), d, [("IMPLEMENTS", HUB)])
        for d in DECISIONS
    ),
    *(
        text_graph(
            f"kh-{p.number}.txt".replace("/", "-"),
            p,
            [("CITES", HUB), *([("CITES", p)] if k == 0 else [])],
        )
        for k, p in enumerate(PLANS)
    ),
    text_graph(
        "ct-05-2020.txt",
        DIRECTIVE,
        [("BASED_ON", DECREE)],
        third_party=[(AMENDING, "AMENDS", HUB)],
    ),
    text_graph("cv-1234.txt", LETTER, [("CITES", DIRECTIVE)]),
]
ALL = [CONSTITUTION, HUB, AMENDING, DECREE, *DECISIONS, *PLANS, DIRECTIVE, LETTER]


@pytest.fixture
def store(fresh_store: GraphStore) -> GraphStore:
    """The graph above, on each backend (``fresh_store`` of tests/conftest.py)."""
    for text in TEXTS:
        fresh_store.write_text(text)
    return fresh_store


@pytest.fixture(params=["read whole", "ranked by SQLite"])
def ranking(
    request: pytest.FixtureRequest, store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> GraphStore:
    """The store, its fans ranked either way the embedded store can: every node read whole and
    ranked in Python, or (with an index of the edges in (target, type, source) order) every
    node's fan ranked by SQLite. Neo4j ranks on the server either way."""
    if isinstance(store, EmbeddedStore) and request.param == "ranked by SQLite":
        with sqlite3.connect(store.db_path) as connection:
            connection.execute("CREATE INDEX edges_ranked ON edges (target, type, source, origin)")
        monkeypatch.setattr(EmbeddedStore, "_READ_WHOLE", 0)
    return store


# -- the walk as its docstring states it, node by node ------------------------------------------


def _strength(relation: str) -> int:
    return RELATION_ORDER.index(relation)


def expected_fan(
    store: GraphStore, node: str, directions: Sequence[str], types: Sequence[str], limit: int
) -> Fan:
    """The fan of ``node`` from :meth:`GraphStore.edges_of`: every related document ranked by
    its strongest relation (the first in ``types``), then id, the first ``limit`` kept with all
    their edges."""
    edges = {
        EdgeRow(e.source, e.target, e.type, e.origin): e
        for direction in directions
        for e in store.edges_of(node, direction, types)
    }
    rank: dict[str, int] = {}
    for edge in edges:
        other = edge.target if edge.source == node else edge.source
        rank[other] = min(rank.get(other, len(types)), list(types).index(edge.type))
    kept = set(sorted(rank, key=lambda o: (rank[o], o))[:limit])
    rows = [e for e in edges if (e.target if e.source == node else e.source) in kept]
    return Fan(tuple(sorted(rows)), len(rank))


def expected_walk(
    store: GraphStore,
    centre: str,
    depth: int,
    direction: str,
    relations: Sequence[str] | None,
    limit: int,
) -> tuple[dict[str, int], list[EdgeRow], dict[str, int]]:
    """(distance, edges, related) of the capped walk, read node by node."""
    directions = ("out", "in") if direction == "both" else (direction,)
    types = sorted(relations or RELATION_ORDER, key=_strength)
    distance, edges, related = {centre: 0}, {}, {}
    frontier = [centre]
    for hops in range(1, depth + 1):
        share = max(1, min(limit, 2 * limit // len(frontier)))
        following = []
        for node in frontier:
            fan = expected_fan(store, node, directions, types, share)
            if fan.related > share:
                related[node] = fan.related
            steps = sorted(
                ((e.target if e.source == node else e.source, e) for e in fan.edges),
                key=lambda s: (_strength(s[1].type), s[0], s[1].source, s[1].origin or ""),
            )
            for other, edge in steps:
                edges.setdefault(edge.key, edge)
                if other not in distance:
                    distance[other] = hops
                    following.append(other)
        frontier = following
    return distance, list(edges.values()), related


def expected_left_out(
    sub: Subgraph, store: GraphStore, relations: Sequence[str] | None
) -> dict[str, int]:
    """For each capped document, its related documents that no edge of the answer links it to,
    counted from the store's edges."""
    directions = ("out", "in") if sub.direction == "both" else (sub.direction,)
    found = {}
    for node in sub.related:
        others = {
            e.target if d == "out" else e.source
            for d in directions
            for e in store.edges_of(node, d, relations or RELATION_ORDER)
        }
        drawn = {e.target for e in sub.edges if e.source == node and "out" in directions} | {
            e.source for e in sub.edges if e.target == node and "in" in directions
        }
        if len(others - drawn) > 0:
            found[node] = len(others - drawn)
    return found


# -- the cases -------------------------------------------------------------------------------------

WALKS = [
    # the hub's 10 related documents, 3 followed: the amending law, then its two BASED_ON
    pytest.param(HUB, 1, "both", None, 3, id="hub-both"),
    pytest.param(HUB, 1, "in", ["CITES", "IMPLEMENTS"], 2, id="hub-in-two-relations"),
    pytest.param(HUB, 2, "both", None, 3, id="hub-depth-2"),
    # from a plan: the hub one hop away, its fan shared with the plan's other neighbours
    pytest.param(PLANS[0], 2, "both", None, 2, id="plan-depth-2-shared"),
    pytest.param(LETTER, 3, "out", None, 1, id="letter-out-chain"),
    pytest.param(DIRECTIVE, 2, "both", None, MAX_NEIGHBOURS, id="uncapped"),
]


@pytest.mark.parametrize(("centre", "depth", "direction", "relations", "limit"), WALKS)
def test_a_capped_walk_follows_the_strongest_and_counts_the_rest(
    ranking: GraphStore,
    centre: Document,
    depth: int,
    direction: str,
    relations: list[str] | None,
    limit: int,
) -> None:
    store = ranking
    sub = neighbourhood(store, centre.id, depth, relations, direction, limit=limit)
    distance, edges, related = expected_walk(store, centre.id, depth, direction, relations, limit)
    assert sub.distance == distance
    assert [d.id for d in sub.nodes] == list(distance)
    assert list(sub.edges) == edges
    assert sub.related == related
    assert sub.left_out == expected_left_out(sub, store, relations)
    assert all(isinstance(d, DocumentRow) for d in sub.nodes)


def test_the_hubs_fan_hand_checked(store: GraphStore) -> None:
    sub = neighbourhood(store, HUB.id, 1, limit=3)
    # AMENDS (the law of 2019), then BASED_ON: Hiến pháp ("name:…" sorts before "vn:…"), the
    # decree; the decree's CITES of the hub comes with it
    assert [d.id for d in sub.nodes] == [HUB.id, AMENDING.id, CONSTITUTION.id, DECREE.id]
    assert sorted(e.type for e in sub.edges if e.source == DECREE.id) == ["BASED_ON", "CITES"]
    # 3 decisions and 4 plans not drawn; the plan citing itself is not the hub's neighbour
    assert (sub.related, sub.left_out) == ({HUB.id: 10}, {HUB.id: 7})
    lines = render("neighbourhood", sub).splitlines()
    assert lines[1] == "    … và quan hệ với 7 văn bản khác không hiển thị"
    assert lines[-1].startswith("Không hiển thị 7 quan hệ của 1 văn bản")


def test_two_texts_asserting_one_edge_give_it_once(store: GraphStore) -> None:
    sub = neighbourhood(store, AMENDING.id, 1, ["AMENDS"], "out")
    # the law's own text and the directive report it: one edge, the first text by path
    assert [(e.key, e.origin) for e in sub.edges] == [
        ((AMENDING.id, HUB.id, "AMENDS"), "ct-05-2020.txt")
    ]
    whole = with_evidence(store, sub).edges
    assert isinstance(whole[0], Edge) and "Sửa đổi, bổ sung" in whole[0].evidence


def test_depth_counts_stay_right_when_narrowed_by_type(store: GraphStore) -> None:
    sub = neighbourhood(store, HUB.id, 2, limit=3)
    narrowed = only_types(sub, ["decree"])
    assert narrowed.distance == {HUB.id: 0, DECREE.id: 1}
    # the hub's relations with the amending law and Hiến pháp are not drawn any more either
    assert narrowed.left_out[HUB.id] == 9
    assert neighbourhood(store, HUB.id, 2, doc_types=["decree"], limit=3) == narrowed


# -- statuses on the rows ------------------------------------------------------------------------


def test_rows_carry_the_status_of_the_documents_walked_through(store: GraphStore) -> None:
    sub = neighbourhood(store, DIRECTIVE.id, 2)
    by_id = {d.id: d for d in sub.nodes}
    for walked in (DIRECTIVE.id, DECREE.id):  # hops 0 and 1 of 2
        assert by_id[walked].status == status(store, walked).status
    assert by_id[DECREE.id].status == STATUS_IN_FORCE
    assert by_id[LETTER.id].status == STATUS_NOT_APPLICABLE  # a Công văn, whatever cites it
    assert by_id[HUB.id].status is None  # at the edge of the walk: its amendment was not read


# -- the store methods the walks use --------------------------------------------------------------


@pytest.mark.parametrize("directions", [("out",), ("in",), ("out", "in")])
@pytest.mark.parametrize("limit", [1, 3, 100])
def test_fan_out_is_what_the_edges_say(
    ranking: GraphStore, directions: tuple[str, ...], limit: int
) -> None:
    store = ranking
    ids = [d.id for d in ALL] + ["vn:no-such-document"]
    for types in (list(RELATION_ORDER), ["CITES", "BASED_ON"], ["HAS_TASK"]):
        fans = store.fan_out(ids, directions, types, limit)
        assert fans == {i: expected_fan(store, i, directions, types, limit) for i in sorted(ids)}


def test_the_counts_kept_of_a_hub_follow_every_write(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The embedded store keeps a much-cited node's edge counts between walks: a write through
    it, or through another process's connection, must show in the next walk."""
    monkeypatch.setattr(EmbeddedStore, "_READ_WHOLE", 0)  # every node ranked by SQLite
    types = list(RELATION_ORDER)
    with EmbeddedStore(tmp_path / "graph") as store:
        for text in TEXTS:
            store.write_text(text)
        with sqlite3.connect(store.db_path) as connection:
            connection.execute("CREATE INDEX edges_ranked ON edges (target, type, source, origin)")
        for limit in (3, 1, 3):  # the counts are kept whatever the limit
            assert store.fan_out([HUB.id], ["in"], types, limit) == {
                HUB.id: expected_fan(store, HUB.id, ["in"], types, limit)
            }
        assert store._hubs  # (what this test is about: counts were kept)
        before = store.fan_out([HUB.id], ["in"], types, 3)[HUB.id].related
        plan = doc("5/KH-UBND", year=2017, name="Kế hoạch thực hiện 5")
        store.write_text(text_graph("kh-5.txt", plan, [("CITES", HUB)]))
        assert store.fan_out([HUB.id], ["in"], types, 3)[HUB.id].related == before + 1
        # the paths of the texts the walks name are kept too: the last text's number goes to the
        # next text loaded, here by another process
        whole = store.fan_out([HUB.id], ["in"], types, 20)[HUB.id]
        assert ("kh-5.txt", plan.id) in {(e.origin, e.source) for e in whole.edges}
        with EmbeddedStore(tmp_path / "graph") as other:
            other.remove_text("kh-5.txt")
            other.write_text(text_graph("kh-6.txt", plan, [("CITES", HUB)]))
        whole = store.fan_out([HUB.id], ["in"], types, 20)[HUB.id]
        assert whole == expected_fan(store, HUB.id, ["in"], types, 20)
        assert ("kh-6.txt", plan.id) in {(e.origin, e.source) for e in whole.edges}
        assert store.text_record("kh-6.txt") is not None
        with EmbeddedStore(tmp_path / "graph") as other:
            other.remove_text("kh-6.txt")
            other.write_text(text_graph("kh-5.txt", plan, [("CITES", HUB)]))
        with EmbeddedStore(tmp_path / "graph") as other:
            other.remove_text("kh-5.txt")
            other.remove_text("qd-7-QĐ-TTg.txt")
        assert store.fan_out([HUB.id], ["in"], types, 3) == {
            HUB.id: expected_fan(store, HUB.id, ["in"], types, 3)
        }
        assert store.fan_out([HUB.id], ["in"], types, 3)[HUB.id].related == before - 1


def test_rows_are_the_documents_fields(store: GraphStore) -> None:
    ids = [d.id for d in ALL]
    rows = store.document_rows([*ids, "vn:no-such-document"])
    assert rows == {i: DocumentRow.of(d) for i in ids if (d := store.document(i))}
    assert rows[HUB.id].label == "Luật 76/2015/QH13" and not rows[HUB.id].is_stub
    assert rows[CONSTITUTION.id].is_stub


def test_edges_with_keys_are_the_whole_edges(store: GraphStore) -> None:
    edges = list(store.edges(RELATION_ORDER))
    keys = [e.key for e in edges] + [("vn:a", "vn:b", "CITES")]
    expected: dict[tuple[str, str, str], list[Edge]] = {}
    for edge in edges:
        expected.setdefault(edge.key, []).append(edge)
    assert store.edges_with_keys(keys) == expected


# -- the other walks and cited_by read rows -------------------------------------------------------


def test_paths_chains_and_citations_name_documents_by_rows(store: GraphStore) -> None:
    hops = path(store, PLANS[0].id, LETTER.id)
    assert hops is not None and all(isinstance(h.target, DocumentRow) for h in hops)
    assert [h.edge.type for h in hops] == ["CITES", "BASED_ON", "BASED_ON", "CITES"]
    assert all(isinstance(h.edge, Edge) and h.edge.evidence for h in hops)
    chain = supersession_chain(store, HUB.id)
    assert chain.documents == (DocumentRow.of(store.document(HUB.id) or HUB),)
    citing = cited_by(store, HUB.id)
    assert [c.document.id for c in citing["IMPLEMENTS"]] == [d.id for d in DECISIONS]
    assert all(isinstance(c.document, DocumentRow) for rows in citing.values() for c in rows)


def test_json_names_rows_with_labels_and_says_what_was_left_out(store: GraphStore) -> None:
    answer: Any = to_json(neighbourhood(store, HUB.id, 1, limit=3))
    assert answer["nodes"][0]["label"] == "Luật 76/2015/QH13"
    assert answer["edges"][0].keys() == {"source", "target", "type", "origin"}
    assert answer["left_out"] == {HUB.id: 7}


# -- the Graph page says it -----------------------------------------------------------------------


def test_the_graph_page_names_what_it_leaves_out(store: GraphStore) -> None:
    sub = with_evidence(store, neighbourhood(store, HUB.id, 1, limit=3))
    view = graph_view(sub, {})
    assert view.left_out == {HUB.id: 7}
    note = left_out_note(view)
    assert note is not None
    assert note.splitlines()[-1] == ("Luật 76/2015/QH13: quan hệ với 7 văn bản khác không hiển thị")
    hub = next(n for n in view.elements["nodes"] if n["data"]["id"] == HUB.id)
    assert "Còn quan hệ với 7 văn bản khác không hiển thị" in hub["data"]["tip"]["lines"]
    edge = view.elements["edges"][0]
    assert any(line.startswith("“") for line in edge["data"]["tip"]["lines"])  # the sentence
    assert view.shown_nodes == 4 and view.shown_edges == len(sub.edges)
