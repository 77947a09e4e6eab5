"""Queries that walk the graph: a document's neighbourhood, a path between two documents, and
the chain of documents that replaced one another.

Walks go breadth-first a level at a time: the edges of a whole frontier come from one
:meth:`GraphStore.fan_out` (on Neo4j a depth-2 neighbourhood is then two statements, not one per
node). The neighbours of a node are visited in a fixed order (relation strength, then id) and the
nodes of a level in the order they were reached, so that every store returns the same path when
several are equally short. Walks answer with light rows (:class:`graph.store.DocumentRow`,
:class:`graph.store.EdgeRow`): a depth-2 walk reaches thousands of documents at national scale,
and made whole they were three quarters of its time (issue 14).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from graph.model import STATUS_NOT_APPLICABLE, Edge, RelationType, doc_type_info
from graph.status import SUPERSESSION_TYPES, derive_status
from graph.store import DocumentRow, EdgeRow, GraphStore
from queries.documents import (
    RELATION_ORDER,
    RELATIONS_PARAM,
    relation_types,
    require_document,
    rows_by_id,
)
from queries.errors import InvalidArgument
from queries.registry import Param, query

DIRECTIONS: tuple[str, ...] = ("both", "out", "in")

# Deeper than this and a neighbourhood of a much-cited document (Hiến pháp 2013, Luật Tổ chức
# Chính phủ 2015) is most of the store: no longer an answer anyone can read.
MAX_DEPTH = 5

# The Graph page draws at most 400 documents (views.network.MAX_NODES). A neighbourhood walk
# follows at most that many related documents at each hop, shared by the documents of the level,
# and one document at most half of them, so that the centre's relations leave room for the next
# level: two hops around Hiến pháp 2013 would otherwise read every text citing it (a third of a
# national corpus of 170,000, issue 14), and two hops around a decree resting on twenty
# much-cited laws the thousands of texts citing those. Each document follows its strongest
# relations first (REPLACES before CITES), then by id; the answer says how many it left out
# (Subgraph.left_out).
MAX_NEIGHBOURS = 200

# A path must find the shortest chain, whatever it goes through: no cap (the largest list index
# Cypher takes, far beyond any store).
_EVERY = 2**31 - 1


@dataclass(frozen=True, slots=True)
class Subgraph:
    """Documents around ``center`` and the edges walked to reach them.

    ``distance`` gives each document's number of hops from the centre (0 for the centre);
    ``depth`` and ``direction`` are the walk's (``depth`` None: as far as ``distance`` goes), so
    :func:`only_types` can narrow it as a walk would have been narrowed. ``nodes`` are light rows;
    ``edges`` light rows too (:func:`with_evidence` reads them whole for a page that shows their
    sentences). ``related`` gives, for each document the walk followed only part of the relations
    of (:data:`MAX_NEIGHBOURS`), how many documents those relations link it to in all;
    :attr:`left_out` says how many of them the answer does not link it to.
    """

    center: str
    nodes: tuple[DocumentRow, ...]
    edges: tuple[EdgeRow | Edge, ...]
    distance: dict[str, int] = field(default_factory=dict)
    depth: int | None = None
    direction: str = "both"
    related: dict[str, int] = field(default_factory=dict)

    @property
    def left_out(self) -> dict[str, int]:
        """For each document of :attr:`related`, the documents it is related to (by the walk's
        relations and direction) that no edge of the answer links it to, in the order of
        :attr:`nodes`: what a page must say it does not show (``… và quan hệ với 1.560 văn bản
        khác không hiển thị``: some of those documents may be in the answer another way)."""
        if not self.related:
            return {}
        forward = self.direction in ("both", "out")
        backward = self.direction in ("both", "in")
        shown: dict[str, set[str]] = {node: set() for node in self.related}
        for edge in self.edges:
            if forward and edge.source in shown:
                shown[edge.source].add(edge.target)
            if backward and edge.target in shown:
                shown[edge.target].add(edge.source)
        return {
            d.id: self.related[d.id] - len(shown[d.id])
            for d in self.nodes
            if d.id in shown and self.related[d.id] > len(shown[d.id])
        }


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path, from ``source`` to ``target`` along ``edge``; ``edge`` may point the
    other way (``forward`` False): paths ignore direction."""

    source: DocumentRow
    target: DocumentRow
    edge: Edge

    @property
    def forward(self) -> bool:
        return self.edge.source == self.source.id


@dataclass(frozen=True, slots=True)
class SupersessionChain:
    """Documents linked by REPLACES, oldest first, and those edges.

    ``current`` are the documents nothing in the chain replaces (usually one, the newest; whether
    it is in force is its status's to say: :func:`queries.documents.status`).
    """

    documents: tuple[DocumentRow, ...]
    edges: tuple[Edge, ...]

    @property
    def current(self) -> tuple[DocumentRow, ...]:
        replaced = {e.target for e in self.edges}
        return tuple(d for d in self.documents if d.id not in replaced)


def _type_strength(relation: str) -> int:
    return RELATION_ORDER.index(relation) if relation in RELATION_ORDER else len(RELATION_ORDER)


def _strength(edge: Edge | EdgeRow) -> int:
    return _type_strength(edge.type)


def _fans(
    store: GraphStore,
    nodes: list[str],
    directions: tuple[str, ...],
    types: tuple[str, ...],
    limit: int,
) -> tuple[dict[str, list[tuple[str, EdgeRow]]], dict[str, int]]:
    """(neighbour, edge) pairs of each of ``nodes`` in a fixed order, at most ``limit``
    neighbours each, and how many documents each node with more is related to: one
    :meth:`GraphStore.fan_out` for the whole frontier."""
    steps: dict[str, list[tuple[str, EdgeRow]]] = {node: [] for node in nodes}
    related: dict[str, int] = {}
    if not nodes:
        return steps, related
    ranked = sorted(types, key=_type_strength)  # the store keeps the strongest relations
    fans = store.fan_out(nodes, directions, ranked, limit)
    for node, pairs in steps.items():
        fan = fans[node]
        if fan.related > limit:
            related[node] = fan.related
        pairs.extend((e.target if e.source == node else e.source, e) for e in fan.edges)
        pairs.sort(key=lambda s: (_strength(s[1]), s[0], s[1].source, s[1].origin or ""))
    return steps, related


def _share(limit: int, level: int) -> int:
    """How many related documents each of ``level`` documents of a hop follows: ``limit`` at
    most, twice ``limit`` for the whole level, one at least.

    >>> _share(200, 1), _share(200, 16), _share(200, 1000)
    (200, 25, 1)
    """
    return max(1, min(limit, 2 * limit // max(level, 1)))


def _statuses(
    store: GraphStore, rows: Mapping[str, DocumentRow], walked: Sequence[str]
) -> dict[str, str]:
    """The status labels the answer can give without claiming more than the store says: every
    document of a type without legal force (*Không áp dụng*, whatever cites it) and the
    documents in ``walked``, from the supersession edges entering them (one more edge read);
    the others' need edges the walk did not read."""
    labels = {
        i: STATUS_NOT_APPLICABLE
        for i, row in rows.items()
        if doc_type_info(row.doc_type).has_legal_force is False
    }
    walked = [i for i in walked if i not in labels]
    if not walked:
        return labels
    incoming = store.edges_of_many(walked, "in", sorted(SUPERSESSION_TYPES))
    acting_ids = {e.source for i in walked for e in incoming[i]}
    acting = {i: row for i, row in rows.items() if i in acting_ids}
    acting.update(rows_by_id(store, acting_ids - acting.keys()))
    documents = {i: row.document() for i, row in acting.items()}
    for i in walked:
        labels[i] = derive_status(rows[i].document(), incoming[i], acting=documents).label
    return labels


def _steps(
    store: GraphStore, nodes: list[str], directions: tuple[str, ...], types: tuple[str, ...]
) -> dict[str, list[tuple[str, Edge]]]:
    """(neighbour, edge) pairs of each of ``nodes`` in a fixed order, whatever order the store
    returns; one round trip per direction for the whole frontier."""
    steps: dict[str, list[tuple[str, Edge]]] = {node: [] for node in nodes}
    if not nodes:
        return steps
    for direction in directions:
        found = store.edges_of_many(nodes, direction, types)
        for node, pairs in steps.items():
            for edge in found[node]:
                pairs.append((edge.target if direction == "out" else edge.source, edge))
    for pairs in steps.values():
        pairs.sort(key=lambda s: (_strength(s[1]), s[0], s[1].source, s[1].origin or ""))
    return steps


def _directions(direction: str) -> tuple[str, ...]:
    if direction not in DIRECTIONS:
        raise InvalidArgument(
            f"hướng phải là một trong {', '.join(DIRECTIONS)}, không phải {direction!r}"
        )
    return ("out", "in") if direction == "both" else (direction,)


@query(
    "neighbourhood",
    params=(
        Param("doc_id", "document", "the document at the centre"),
        Param("depth", "int", "how many hops", 1),
        RELATIONS_PARAM,
        Param("direction", "choice", "follow edges leaving, entering or both", "both", DIRECTIONS),
    ),
)
def neighbourhood(
    store: GraphStore,
    doc_id: str,
    depth: int = 1,
    relations: Iterable[str] | None = None,
    direction: str = "both",
    doc_types: Iterable[str] | None = None,
    limit: int = MAX_NEIGHBOURS,
) -> Subgraph:
    """The documents a few hops around a document, and the edges that reach them.

    Parameters
    ----------
    store : GraphStore
    doc_id : str
        The centre.
    depth : int
        Number of hops (0 gives the centre alone), at most ``MAX_DEPTH``.
    relations : iterable of str, optional
        Relation types to follow; all by default.
    direction : {"both", "out", "in"}
        Follow edges leaving a document (what it cites), entering it (what cites it), or both.
    doc_types : iterable of str, optional
        Enter only documents of these types (``"decree"``, ``"plan"`` …; the centre always), at
        every hop: what lies beyond a document of another type is reached only by another way
        (:func:`only_types`). All types by default.
    limit : int
        Most documents followed from one document at each hop (:data:`MAX_NEIGHBOURS`), those
        of its strongest relations, then by id; the documents of one hop follow at most twice
        that many between them (each an equal share, one at least). :attr:`Subgraph.left_out`
        counts the others.

    Returns
    -------
    Subgraph
        Breadth-first: the centre first, then documents one hop away, and so on, as
        :class:`graph.store.DocumentRow`; the status of each document the walk went through
        (and of every text without legal force) is derived, the others' left None.

    Examples
    --------
    >>> sub = neighbourhood(store, "vn:01/CT-BTTTT@2024", depth=1, direction="out")
    >>> sub.distance["vn:01/NQ-CP@2024"]
    1
    >>> sub.nodes[0].label, sub.nodes[0].status  # the centre: walked, so its status is known
    ('Chỉ thị 01/CT-BTTTT (2024)', 'Còn hiệu lực')
    >>> capped = neighbourhood(store, "vn:01/CT-BTTTT@2024", depth=1, direction="out", limit=2)
    >>> len(capped.nodes), capped.left_out  # 2 of its 7 relations followed, the others counted
    (3, {'vn:01/CT-BTTTT@2024': 5})
    """
    if not 0 <= depth <= MAX_DEPTH:
        raise InvalidArgument(f"độ sâu phải từ 0 đến {MAX_DEPTH}, không phải {depth}")
    if limit < 1:
        raise InvalidArgument(f"số văn bản đi tiếp từ mỗi văn bản phải từ 1, không phải {limit}")
    directions = _directions(direction)
    types = relation_types(relations)
    require_document(store, doc_id)
    distance = {doc_id: 0}
    edges: dict[tuple[str, str, str], EdgeRow] = {}
    related: dict[str, int] = {}
    frontier = [doc_id]
    for hops in range(1, depth + 1):
        steps, capped = _fans(store, frontier, directions, types, _share(limit, len(frontier)))
        related.update(capped)
        following: list[str] = []
        for node in frontier:
            for other, edge in steps[node]:
                edges.setdefault(edge.key, edge)
                if other not in distance:
                    distance[other] = hops
                    following.append(other)
        frontier = following
    rows = rows_by_id(store, distance)
    statuses = _statuses(store, rows, [i for i, hops in distance.items() if hops < depth])
    walked = Subgraph(
        center=doc_id,
        nodes=tuple(
            row._replace(status=statuses[i]) if i in statuses else row for i, row in rows.items()
        ),
        edges=tuple(edges.values()),
        distance=distance,
        depth=depth,
        direction=direction,
        related=related,
    )
    return walked if doc_types is None else only_types(walked, doc_types)


def with_evidence(store: GraphStore, sub: Subgraph) -> Subgraph:
    """``sub`` with each edge read whole: the sentence that proves it, its dates and scope (for a
    page that shows them; one round trip). Of the texts asserting an edge, the one the walk
    kept (the first by path) speaks for it."""
    rows = [e for e in sub.edges if isinstance(e, EdgeRow)]
    if not rows:
        return sub
    found = store.edges_with_keys(e.key for e in rows)
    whole: list[EdgeRow | Edge] = []
    for edge in sub.edges:
        if isinstance(edge, EdgeRow):
            same = [e for e in found.get(edge.key, ()) if e.origin == edge.origin]
            whole.append(same[0] if same else edge)
        else:
            whole.append(edge)
    return Subgraph(
        sub.center, sub.nodes, tuple(whole), sub.distance, sub.depth, sub.direction, sub.related
    )


def only_types(sub: Subgraph, doc_types: Iterable[str]) -> Subgraph:
    """``sub`` as the walk would have found it entering only documents of ``doc_types``.

    The centre always stays. A document of another type is left out with its edges, and so is
    what was reached only through it; what is reached another way gets its distance along that
    way. Every edge such a walk takes was taken by the wider one (a document nearer than
    ``sub.depth`` by the narrow walk is nearer by the wide one too), so no store is asked again:
    the Graph page narrows what it has, and :func:`neighbourhood` with ``doc_types`` is the same
    answer.

    Examples
    --------
    >>> from graph.store import DocumentRow as Row, EdgeRow as Edge
    >>> plan, decree, law = (Row("kh", "plan"), Row("nd", "decree"), Row("l", "law"))
    >>> sub = Subgraph(
    ...     "kh", (plan, decree, law), (Edge("kh", "nd", "BASED_ON"), Edge("nd", "l", "GUIDES")),
    ...     {"kh": 0, "nd": 1, "l": 2}, depth=2,
    ... )
    >>> [d.id for d in only_types(sub, ["law"]).nodes]  # the law was reached through the decree
    ['kh']
    >>> [d.id for d in only_types(sub, ["decree"]).nodes]
    ['kh', 'nd']
    """
    wanted = set(doc_types)
    by_id = {d.id: d for d in sub.nodes}
    allowed = {i for i, d in by_id.items() if d.doc_type in wanted or i == sub.center}
    depth = sub.depth if sub.depth is not None else max(sub.distance.values(), default=0)
    forward, backward = sub.direction in ("both", "out"), sub.direction in ("both", "in")
    # Each document's edges as the walk follows them: (neighbour, edge).
    steps: dict[str, list[tuple[str, EdgeRow | Edge]]] = {i: [] for i in allowed}
    for edge in sub.edges:
        if edge.source not in allowed or edge.target not in allowed:
            continue
        if forward:
            steps[edge.source].append((edge.target, edge))
        if backward and edge.target != edge.source:
            steps[edge.target].append((edge.source, edge))
    distance = {sub.center: 0}
    kept: dict[tuple[str, str, str], EdgeRow | Edge] = {}
    frontier = [sub.center]
    for hops in range(1, depth + 1):
        following: list[str] = []
        for node in frontier:
            for other, edge in steps.get(node, ()):
                kept.setdefault(edge.key, edge)
                if other not in distance:
                    distance[other] = hops
                    following.append(other)
        frontier = following
    order = {edge.key: k for k, edge in enumerate(sub.edges)}
    return Subgraph(
        center=sub.center,
        nodes=tuple(by_id[i] for i in distance),
        edges=tuple(sorted(kept.values(), key=lambda e: order[e.key])),
        distance=distance,
        depth=sub.depth,
        direction=sub.direction,
        related={i: n for i, n in sub.related.items() if i in distance},
    )


@query(
    "path",
    params=(
        Param("source_id", "document", "where the path starts"),
        Param("target_id", "document", "where it ends"),
        RELATIONS_PARAM,
    ),
)
def path(
    store: GraphStore, source_id: str, target_id: str, relations: Iterable[str] | None = None
) -> list[Hop] | None:
    """A shortest chain of relations linking two documents, ignoring edge direction.

    Parameters
    ----------
    store : GraphStore
    source_id, target_id : str
        The two documents.
    relations : iterable of str, optional
        Relation types the path may use; all by default.

    Returns
    -------
    list of Hop or None
        The hops from ``source_id`` to ``target_id``, each with its edge (type and evidence);
        an empty list when the two are the same document, None when nothing links them.

    Examples
    --------
    >>> hops = path(store, "vn:01/CT-BTTTT@2024", "vn:01/CT-BTTTT@2025")
    >>> [(h.edge.type, h.forward, h.target.label) for h in hops]  # doctest: +NORMALIZE_WHITESPACE
    [('IMPLEMENTS', True, 'Quyết định 654/QĐ-TTg'), ('CITES', False, 'Chỉ thị 01/CT-BTTTT (2025)')]
    """
    types = relation_types(relations)
    require_document(store, source_id)
    require_document(store, target_id)
    parent: dict[str, tuple[str, EdgeRow] | None] = {source_id: None}
    level = [source_id]
    while level and target_id not in parent:
        steps, _ = _fans(store, level, ("out", "in"), types, _EVERY)
        following: list[str] = []
        for node in level:
            # The target's first parent, in this visiting order, fixes the path: the nodes
            # left in the level could change nothing.
            if target_id in parent:
                break
            for other, edge in steps[node]:
                if other not in parent:
                    parent[other] = (node, edge)
                    following.append(other)
        level = following
    if target_id not in parent:
        return None
    chain: list[tuple[str, str, EdgeRow]] = []
    node = target_id
    while (step := parent[node]) is not None:
        previous, edge = step
        chain.append((previous, node, edge))
        node = previous
    chain.reverse()
    docs = rows_by_id(store, [source_id, *(b for _, b, _ in chain)])
    whole = store.edges_with_keys(edge.key for _, _, edge in chain)
    return [
        Hop(docs[a], docs[b], next(e for e in whole[edge.key] if e.origin == edge.origin))
        for a, b, edge in chain
    ]


def _date_key(document: DocumentRow) -> str:
    # "2011" sorts before "2011-06-13": a stub known only by its year still lands in its year.
    # Undated documents go last.
    if document.issued_date:
        return document.issued_date
    return f"{document.year:04d}" if document.year else "9999"


@query("supersession_chain", params=(Param("doc_id", "document", "any document of the chain"),))
def supersession_chain(store: GraphStore, doc_id: str) -> SupersessionChain:
    """The documents that replaced one another, before and after a document, oldest first.

    Follows REPLACES both ways from ``doc_id`` (what it replaced, what replaced that, what
    replaced it …); a document replacing two older ones joins both branches. Safe on cycles,
    which a mis-read text can create.

    Parameters
    ----------
    store : GraphStore
    doc_id : str
        Any document of the chain.

    Returns
    -------
    SupersessionChain
        ``documents`` with every predecessor before its successor (ties and cycles broken by
        issued date, then year, then id); just ``doc_id`` when nothing replaces or is replaced.

    Examples
    --------
    >>> chain = supersession_chain(store, "vn:43/2011/ND-CP")  # 42/2022 and 43/2011 loaded
    >>> [d.label for d in chain.documents], [d.label for d in chain.current]
    (['Nghị định 43/2011/NĐ-CP', 'Nghị định 42/2022/NĐ-CP'], ['Nghị định 42/2022/NĐ-CP'])
    """
    require_document(store, doc_id)
    replaces = (RelationType.REPLACES.value,)
    seen = {doc_id}
    edges: dict[tuple[str, str, str], Edge] = {}
    level = [doc_id]
    while level:
        steps = _steps(store, level, ("out", "in"), replaces)
        following: list[str] = []
        for node in level:
            for other, edge in steps[node]:
                edges.setdefault(edge.key, edge)
                if other not in seen:
                    seen.add(other)
                    following.append(other)
        level = following
    docs = rows_by_id(store, sorted(seen))
    return SupersessionChain(
        documents=tuple(docs[i] for i in _oldest_first(docs, list(edges.values()))),
        edges=tuple(sorted(edges.values(), key=lambda e: (e.target, e.source))),
    )


def _oldest_first(docs: dict[str, DocumentRow], edges: list[Edge]) -> list[str]:
    """Predecessors before successors (an edge ``B REPLACES A`` puts A first), by date among
    those free to go next; what a cycle leaves over follows by date."""

    def key(doc_id: str) -> tuple[str, str]:
        return (_date_key(docs[doc_id]), doc_id)

    waiting = dict.fromkeys(docs, 0)
    successors: dict[str, list[str]] = {i: [] for i in docs}
    for edge in edges:
        if edge.source != edge.target:
            waiting[edge.source] += 1
            successors[edge.target].append(edge.source)
    ready = [key(i) for i, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, node = heapq.heappop(ready)
        order.append(node)
        for successor in successors[node]:
            waiting[successor] -= 1
            if waiting[successor] == 0:
                heapq.heappush(ready, key(successor))
    placed = set(order)
    order.extend(sorted((i for i in docs if i not in placed), key=key))
    return order
