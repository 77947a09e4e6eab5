"""The Graph page's model: Cytoscape elements for a neighbourhood, coloured, sized and capped.

Pure functions of a :class:`queries.Subgraph`, so the benchmark (``bench/app_bench.py``) and the
tests build exactly what the page draws without a browser.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.model import (
    DOC_TYPE_TABLE,
    DOC_TYPES,
    RELATION_LABELS,
    UNKNOWN_TYPE,
    Document,
    Edge,
    edge_to_dict,
    node_to_dict,
)
from queries import Subgraph

# Beyond this many nodes Cytoscape's force layout takes seconds and the picture is a hairball:
# two hops around Luật Tổ chức Chính phủ 2015 reach thousands of documents. The nodes nearest the
# centre (then the most cited) are kept and the page says how many were left out.
MAX_NODES = 400

# Node diameters in pixels: a document nobody cites is small, the most cited one in view is large.
MIN_SIZE = 18
MAX_SIZE = 60

# One colour per document type, from the type's row (graph.model.DOC_TYPE_TABLE).
TYPE_COLOURS: dict[str, str] = {row.code: row.colour for row in DOC_TYPE_TABLE}
DEFAULT_COLOUR = UNKNOWN_TYPE.colour

# Edge colours by relation: supersession in red tones, structure in blues, plain citation grey.
RELATION_COLOURS: dict[str, str] = {
    "REPLACES": "#c0392b",
    "REPEALS": "#8e1b10",
    "AMENDS": "#e67e22",
    "CORRECTS": "#d4a017",
    "SUSPENDS": "#7f3c8d",
    "CONSOLIDATES": "#5f9ea0",
    "GUIDES": "#2e86c1",
    "BASED_ON": "#1f4e79",
    "IMPLEMENTS": "#27ae60",
    "CITES": "#a0a0a0",
}

# Key of a node's data the info panel shows first; "label" is the style group (the type's name).
NODE_TITLE = "Văn bản"
# Cytoscape's data() mapper reads only plain keys: the caption drawn under a node.
CAPTION = "_caption"


@dataclass(frozen=True, slots=True)
class GraphView:
    """What the Graph page draws: Cytoscape ``elements`` and how much of the neighbourhood."""

    elements: dict[str, list[dict[str, Any]]]
    total_nodes: int
    types: tuple[str, ...]  # document types present, for the legend and the filter
    relations: tuple[str, ...]  # relation types present
    dropped: int = 0  # nodes left out by the cap
    documents: dict[str, Document] = field(default_factory=dict)

    @property
    def shown_nodes(self) -> int:
        return len(self.elements["nodes"])


def type_name(doc_type: str) -> str:
    return DOC_TYPES.get(doc_type, doc_type)


def node_size(in_degree: int, max_in_degree: int) -> float:
    """Diameter grows with the square root of the in-degree, so area tracks citations.

    >>> node_size(0, 10), node_size(10, 10)
    (18.0, 60.0)
    """
    if max_in_degree <= 0:
        return float(MIN_SIZE)
    share = math.sqrt(max(in_degree, 0) / max_in_degree)
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * min(share, 1.0), 1)


def _keep(
    sub: Subgraph, candidates: list[str], in_degree: Mapping[str, int], cap: int
) -> list[str]:
    """At most ``cap`` ids: the centre, then by hops from it, then most cited first."""
    ranked = sorted(
        candidates,
        key=lambda i: (i != sub.center, sub.distance.get(i, 0), -in_degree.get(i, 0), i),
    )
    return ranked[:cap]


def graph_view(
    sub: Subgraph,
    in_degree: Mapping[str, int],
    doc_types: Iterable[str] | None = None,
    cap: int = MAX_NODES,
) -> GraphView:
    """Cytoscape elements for ``sub``: one node per document, one edge per relation.

    Parameters
    ----------
    sub : Subgraph
        A neighbourhood (:func:`queries.neighbourhood`).
    in_degree : mapping of str to int
        Number of documents citing each document in the whole store (sizes the nodes).
    doc_types : iterable of str, optional
        Keep only documents of these types (the centre always stays); all by default.
    cap : int
        Most nodes drawn; see :data:`MAX_NODES`.
    """
    wanted = set(doc_types) if doc_types is not None else None
    by_id = {d.id: d for d in sub.nodes}
    present_types = tuple(sorted({d.doc_type for d in sub.nodes}, key=type_name))
    candidates = [
        d.id for d in sub.nodes if wanted is None or d.doc_type in wanted or d.id == sub.center
    ]
    kept = _keep(sub, candidates, in_degree, cap)
    kept_set = set(kept)
    biggest = max((in_degree.get(i, 0) for i in kept), default=0)
    nodes = [_node(by_id[i], i == sub.center, in_degree.get(i, 0), biggest) for i in kept]
    edges = [
        _edge(index, e)
        for index, e in enumerate(sub.edges)
        if e.source in kept_set and e.target in kept_set
    ]
    return GraphView(
        elements={"nodes": nodes, "edges": edges},
        total_nodes=len(candidates),
        types=present_types,
        relations=tuple(sorted({e.type for e in sub.edges})),
        dropped=len(candidates) - len(kept),
        documents={i: by_id[i] for i in kept},
    )


def _node(doc: Document, centre: bool, in_degree: int, biggest: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": doc.id,
        # The style group: NodeStyle selects on node[label='…'].
        "label": type_name(doc.doc_type),
        NODE_TITLE: doc.label,
        "Số hiệu": doc.number or "",
        "Năm": doc.year or "",
        "Cơ quan ban hành": doc.issuer or "",
        "Được dẫn chiếu bởi": in_degree,
        "Nội dung": "đã nạp" if not doc.is_stub else "chỉ được dẫn chiếu",
        # Underscored keys style the node and stay out of the info panel.
        "_size": node_size(in_degree, biggest),
        "_caption": doc.label,
        "_centre": 1 if centre else 0,
    }
    return {"data": data}


def _edge(index: int, edge: Edge) -> dict[str, Any]:
    return {
        "data": {
            "id": f"e{index}",
            "source": edge.source,
            "target": edge.target,
            # The style group: EdgeStyle selects on edge[label='…'].
            "label": edge.type,
            "Quan hệ": RELATION_LABELS.get(edge.type, (edge.type, edge.type))[0],
            "Trích dẫn": edge.evidence,
        }
    }


def subgraph_export(sub: Subgraph, keep: Iterable[str] | None = None) -> dict[str, Any]:
    """Node-link data of (part of) a neighbourhood, in the export format (DESIGN.md)."""
    ids = set(keep) if keep is not None else {d.id for d in sub.nodes}
    return {
        "nodes": [node_to_dict(d) for d in sub.nodes if d.id in ids],
        "edges": [edge_to_dict(e) for e in sub.edges if e.source in ids and e.target in ids],
    }
