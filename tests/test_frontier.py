"""Walks read the edges of a whole frontier in one request, and answer as a node-by-node walk does.

On Neo4j each edge read is a round trip: a depth-2 neighbourhood of a much-cited decision read
node by node makes one per document it reaches, so the walks ask :meth:`GraphStore.edges_of_many`
for a whole level at once. The first table counts edge reads on a real store (wrapped only to
count them) around a decision that many plans implement; the second checks, on a synthetic corpus,
that the answers are exactly those of the node-by-node walk (same nodes, edges, order and chosen
path), the walk the queries made before.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from typing import Any

import pytest

from bench.synth import write_corpus
from graph.embedded import EmbeddedStore
from graph.model import Edge
from graph.store import EdgeRow, Fan, GraphStore
from loader.pipeline import load_paths
from queries import REGISTRY
from queries.documents import RELATION_ORDER
from tests.factories import doc, task, text_graph

# Plans implementing one decision: enough that a node-by-node walk would read edges dozens of
# times, where a frontier-at-a-time walk reads them a fixed number of times.
FAN = 12
HUB = doc("749/QĐ-TTg", year=2020, name="Chương trình Chuyển đổi số quốc gia")
PLANS = [
    doc(f"{k + 1}/KH-UBND", year=2021, name=f"Kế hoạch chuyển đổi số {k + 1}") for k in range(FAN)
]
DECREES = [doc(f"{k + 1}/2020/NĐ-CP") for k in range(FAN)]
RESOLUTION = doc("52-NQ/TW", year=2019)
LEAD = "Sở Thông tin và Truyền thông"


class EdgeReads:
    """A real store that counts its edge reads (one per ``edges_of``, ``edges_of_many``,
    ``fan_out`` or ``edges_with_keys``)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.count = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def edges_of(
        self, node_id: str, direction: str = "out", types: Iterable[str] | None = None
    ) -> list[Edge]:
        self.count += 1
        return self.store.edges_of(node_id, direction, types)

    def edges_of_many(
        self, node_ids: Iterable[str], direction: str = "out", types: Iterable[str] | None = None
    ) -> dict[str, list[Edge]]:
        self.count += 1
        return self.store.edges_of_many(node_ids, direction, types)

    def fan_out(
        self, node_ids: Iterable[str], directions: Sequence[str], types: Sequence[str], limit: int
    ) -> dict[str, Fan]:
        self.count += 1
        return self.store.fan_out(node_ids, directions, types, limit)

    def edges_with_keys(
        self, keys: Iterable[tuple[str, str, str]]
    ) -> dict[tuple[str, str, str], list[Edge]]:
        self.count += 1
        return self.store.edges_with_keys(keys)


@pytest.fixture
def fan_store(fresh_store: GraphStore) -> GraphStore:
    """The decision (loaded) is BASED_ON a resolution; each plan IMPLEMENTS the decision, is
    BASED_ON its own decree and assigns one task that depends on the decision."""
    fresh_store.write_text(text_graph("749.txt", HUB, [("BASED_ON", RESOLUTION)]))
    for k, plan in enumerate(PLANS):
        fresh_store.write_text(
            text_graph(
                f"kh-{k + 1}.txt",
                plan,
                [("IMPLEMENTS", HUB), ("BASED_ON", DECREES[k])],
                tasks=[task("1", f"Triển khai kế hoạch {k + 1}", LEAD, depends_on=[HUB])],
            )
        )
    return fresh_store


EDGE_READS = [
    # two levels, both directions in one read each, whatever the number of plans; then what
    # replaces or amends the documents walked through (their status)
    pytest.param("neighbourhood", {"doc_id": HUB.id, "depth": 2}, 3, id="neighbourhood"),
    # nothing cites the plans: the third level has no frontier, hence no read
    pytest.param(
        "neighbourhood",
        {"doc_id": HUB.id, "depth": 3, "direction": "in"},
        3,
        id="neighbourhood-empty-frontier",
    ),
    pytest.param("neighbourhood", {"doc_id": HUB.id, "depth": 0}, 0, id="neighbourhood-depth-0"),
    # plan 1 → decision → plan 12 → decree 12: three levels, both directions in one read each;
    # then the three edges whole
    pytest.param(
        "path", {"source_id": PLANS[0].id, "target_id": DECREES[-1].id}, 4, id="path-three-hops"
    ),
    pytest.param("supersession_chain", {"doc_id": HUB.id}, 2, id="supersession-chain"),
    # plans resting on the decision, and what rests on them (a level more: a plan's tasks
    # inherit the decision it carries out); the tasks citing any of them, the tasks the plans
    # assign, who assigns the citing tasks
    pytest.param("dependent_tasks", {"doc_id": HUB.id, "depth": 2}, 5, id="dependent-tasks"),
    # the plan assigning the task; the task's citations with what the plan cites, in one read;
    # per level the statuses and what loaded documents rest on (the resolution is a stub: no
    # third read of that kind)
    pytest.param(
        "task_dependencies",
        {"task_id": f"task:{PLANS[0].id}:1", "depth": 2},
        5,
        id="task-dependencies",
    ),
    pytest.param("tasks_by_agency", {"agency": LEAD}, 2, id="tasks-by-agency"),
]


@pytest.mark.parametrize(("name", "kwargs", "reads"), EDGE_READS)
def test_a_walk_reads_edges_a_level_at_a_time(
    fan_store: GraphStore, name: str, kwargs: dict[str, Any], reads: int
) -> None:
    counted = EdgeReads(fan_store)
    REGISTRY[name].function(counted, **kwargs)
    assert counted.count == reads


def test_the_walks_reach_every_plan(fan_store: GraphStore) -> None:
    # The counts above come from walks that did reach the whole fan.
    sub = REGISTRY["neighbourhood"].function(fan_store, HUB.id, depth=2)
    assert {d.id for d in sub.nodes} == {
        HUB.id,
        RESOLUTION.id,
        *(p.id for p in PLANS),
        *(d.id for d in DECREES),
    }
    assert len(REGISTRY["dependent_tasks"].function(fan_store, HUB.id, depth=2)) == FAN
    report = REGISTRY["task_dependencies"].function(fan_store, f"task:{PLANS[0].id}:1", depth=2)
    # the decision it cites, the plan's own decree it inherits, the decision's resolution
    assert [d.document.id for d in report.dependencies] == [HUB.id, DECREES[0].id, RESOLUTION.id]
    assert len(REGISTRY["tasks_by_agency"].function(fan_store, LEAD)) == FAN
    assert len(REGISTRY["path"].function(fan_store, PLANS[0].id, DECREES[-1].id)) == 3


# -- the same answers as the node-by-node walk ----------------------------------------------------


def _one_by_one(
    store: GraphStore, node: str, directions: tuple[str, ...], types: tuple[str, ...]
) -> list[tuple[str, Edge]]:
    """A node's (neighbour, edge) pairs in the order the walks visit them, read node by node."""
    steps = [
        (edge.target if direction == "out" else edge.source, edge)
        for direction in directions
        for edge in store.edges_of(node, direction, types)
    ]
    return sorted(
        steps, key=lambda s: (RELATION_ORDER.index(s[1].type), s[0], s[1].source, s[1].origin or "")
    )


def expected_neighbourhood(
    store: GraphStore, doc_id: str, depth: int, directions: tuple[str, ...]
) -> tuple[dict[str, int], list[Edge]]:
    distance = {doc_id: 0}
    edges: dict[tuple[str, str, str], Edge] = {}
    queue = deque([doc_id])
    while queue:
        node = queue.popleft()
        if distance[node] == depth:
            continue
        for other, edge in _one_by_one(store, node, directions, RELATION_ORDER):
            edges.setdefault(edge.key, edge)
            if other not in distance:
                distance[other] = distance[node] + 1
                queue.append(other)
    return distance, list(edges.values())


UNCAPPED = 10**9


def _light(edge: Edge | EdgeRow) -> EdgeRow:
    return EdgeRow(edge.source, edge.target, edge.type, edge.origin)


def expected_path(store: GraphStore, source: str, target: str) -> list[Edge] | None:
    parent: dict[str, tuple[str, Edge] | None] = {source: None}
    queue = deque([source])
    while queue and target not in parent:
        node = queue.popleft()
        for other, edge in _one_by_one(store, node, ("out", "in"), RELATION_ORDER):
            if other not in parent:
                parent[other] = (node, edge)
                queue.append(other)
    if target not in parent:
        return None
    chain = []
    while (step := parent[target]) is not None:
        target, edge = step
        chain.append(edge)
    return chain[::-1]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Any:
    # The embedded store only: tests/test_parity.py carries every answer over to Neo4j.
    folder = tmp_path_factory.mktemp("frontier")
    paths = write_corpus(40, folder / "texts", seed=7)
    with EmbeddedStore(folder / "graph") as store:
        assert load_paths(store, paths).ok
        yield store


def _spread(store: GraphStore, count: int) -> list[str]:
    ids = sorted(d.id for d in store.documents())
    return ids[:: max(1, len(ids) // count)][:count]


@pytest.mark.parametrize("direction", ["both", "out", "in"])
@pytest.mark.parametrize("depth", [1, 2, 3])
def test_neighbourhood_as_node_by_node(synthetic: GraphStore, depth: int, direction: str) -> None:
    directions = ("out", "in") if direction == "both" else (direction,)
    for doc_id in _spread(synthetic, 15):
        # no cap here (tests/test_hubs.py has the capped walks): the same walk, a level at a time
        sub = REGISTRY["neighbourhood"].function(
            synthetic, doc_id, depth, direction=direction, limit=UNCAPPED
        )
        distance, edges = expected_neighbourhood(synthetic, doc_id, depth, directions)
        assert sub.distance == distance
        assert [_light(e) for e in sub.edges] == [_light(e) for e in edges]
        assert [d.id for d in sub.nodes] == list(distance)
        assert sub.related == {}


def test_path_as_node_by_node(synthetic: GraphStore) -> None:
    ids = _spread(synthetic, 14)
    found = 0
    for source in ids:
        for target in ids:
            hops = REGISTRY["path"].function(synthetic, source, target)
            expected = expected_path(synthetic, source, target)
            assert (None if hops is None else [h.edge for h in hops]) == expected
            found += bool(expected)
    assert found > len(ids)  # pairs with a path of at least one hop were compared
