"""The Graph page's model: what is drawn, where, and what each node and edge says on hover.

Pure functions of a :class:`queries.Subgraph` (or of a task's dependencies), so the benchmark
(``bench/app_bench.py``) and the tests build exactly what the page draws without a browser. The
page hands :attr:`GraphView.elements` and :func:`stylesheet` to the drawing component
(:mod:`views.graph_canvas`), which shows every word of them as text, never as markup.

Every word a person reads is Vietnamese and none is an id: a node is captioned with the
document's label (``Quyết định 749/QĐ-TTg (2020)``), an edge with its relation's name from the
one vocabulary (:data:`graph.model.RELATION_LABELS`), and hovering shows the evidence sentence and
the dates. The centre is the largest node, ringed in black.
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
    SCOPE_PARTIAL,
    UNKNOWN_TYPE,
    Document,
    Edge,
    Task,
    TaskEdgeType,
    edge_to_dict,
    node_to_dict,
)
from graph.store import DocumentRow, EdgeRow
from queries import Subgraph
from queries.render import left_out_phrase
from queries.tasks import DIRECT, INHERITED, Dependency, TaskDependencies
from queries.traversal import only_types
from views.dates import display_date
from views.graph_layout import Box, layout

# Beyond this many nodes the picture is a hairball (two hops around Luật Tổ chức Chính phủ 2015
# reach thousands of documents). The nodes nearest the centre (then the most cited) are kept and
# the page says how many were left out.
MAX_NODES = 400

# Node diameters in pixels: a document nobody cites is small, the most cited one in view is large;
# the centre is larger than any of them, whatever cites it.
MIN_SIZE = 18
MAX_SIZE = 60
CENTRE_SIZE = 78

# One colour per document type, from the type's row (graph.model.DOC_TYPE_TABLE).
TYPE_COLOURS: dict[str, str] = {row.code: row.colour for row in DOC_TYPE_TABLE}
DEFAULT_COLOUR = UNKNOWN_TYPE.colour
TASK_COLOUR = "#f2c12e"

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
DEPENDS_COLOUR = "#b8860b"
ASSIGNS_COLOUR = "#9e9e9e"

# The centre's ring: thick and black, where other nodes have a thin white one.
CENTRE_BORDER = "#111111"
CENTRE_BORDER_WIDTH = 6
BORDER_WIDTH = 1

# Captions: a node's under it, cut with "…" past LABEL_MAX_WIDTH pixels; an edge's along it.
NODE_FONT = 11
CENTRE_FONT = 13
EDGE_FONT = 9
LABEL_MAX_WIDTH = 170
CENTRE_LABEL_MAX_WIDTH = 260
LABEL_MARGIN = 4
# Width of a character of the caption, as a share of the font size: a little more than the
# sans-serif average, so that the layout leaves room for "Quyết định 1437/QĐ-TTg (2024)".
CHAR_WIDTH = 0.62
LINE_HEIGHT = 1.3
# Text smaller than this on screen is not drawn: zoomed out on four hundred nodes, captions
# would be a grey smear; zooming in brings them back.
MIN_ZOOMED_FONT = 6

# What a task-centred view calls its edges (issue 12: a task's dependencies as an officer reads
# them, queries.tasks.DIRECT / INHERITED), and the text assigning the task.
ASSIGNS = "giao nhiệm vụ"
TASK_CAPTION = "Nhiệm vụ"

# Element classes the stylesheet gives a look to.
CENTRE = "centre"
STUB = "stub"
TASK = "task"
DIRECT_EDGE = "direct"
INHERITED_EDGE = "inherited"
ASSIGNS_EDGE = "assigns"


@dataclass(frozen=True, slots=True)
class GraphView:
    """What the Graph page draws: elements (with positions) and how much of the neighbourhood.

    ``types`` are the document types of the whole neighbourhood, before any type filter (what
    the filter offers); ``relations`` the relation types drawn. ``left_out`` is
    :attr:`queries.Subgraph.left_out` of the documents drawn: how many documents each is related
    to that no drawn edge links it to, because the walk did not follow them all.
    """

    elements: dict[str, list[dict[str, Any]]]
    total_nodes: int
    types: tuple[str, ...]
    relations: tuple[str, ...]
    dropped: int = 0  # nodes left out by the cap
    documents: Mapping[str, Document | DocumentRow] = field(default_factory=dict)
    centre: str = ""
    left_out: dict[str, int] = field(default_factory=dict)

    @property
    def shown_nodes(self) -> int:
        return len(self.elements["nodes"])

    @property
    def shown_edges(self) -> int:
        return len(self.elements["edges"])

    @property
    def drawn_types(self) -> tuple[str, ...]:
        """The document types drawn, for the legend."""
        return tuple(sorted({d.doc_type for d in self.documents.values()}, key=type_name))


def type_name(doc_type: str) -> str:
    return DOC_TYPES.get(doc_type, doc_type)


def relation_name(relation: str) -> str:
    """A relation's Vietnamese name, from the vocabulary (as the portals' Lược đồ says it).

    >>> relation_name("IMPLEMENTS")
    'Văn bản được triển khai thực hiện'
    """
    return RELATION_LABELS.get(relation, (relation, relation))[0]


def node_size(in_degree: int, max_in_degree: int) -> float:
    """Diameter grows with the square root of the in-degree, so area tracks citations.

    >>> node_size(0, 10), node_size(10, 10)
    (18.0, 60.0)
    """
    if max_in_degree <= 0:
        return float(MIN_SIZE)
    share = math.sqrt(max(in_degree, 0) / max_in_degree)
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * min(share, 1.0), 1)


def caption_box(size: float, caption: str, centre: bool = False) -> Box:
    """The room a node takes: its disc and its caption (at most :data:`LABEL_MAX_WIDTH` wide,
    the centre's :data:`CENTRE_LABEL_MAX_WIDTH`)."""
    font = CENTRE_FONT if centre else NODE_FONT
    widest = CENTRE_LABEL_MAX_WIDTH if centre else LABEL_MAX_WIDTH
    width = min(len(caption) * font * CHAR_WIDTH, widest)
    return Box(size, width, font * LINE_HEIGHT, LABEL_MARGIN)


# -- hover texts ----------------------------------------------------------------------------------


def _tip(title: str, lines: Iterable[str | None]) -> dict[str, Any]:
    """What hovering shows: a title and lines, all plain text (the component writes them as
    text nodes: a sentence copied from the web never becomes markup)."""
    return {"title": title, "lines": [line for line in lines if line]}


def _dated(prefix: str, day: str | None) -> str | None:
    return f"{prefix} {display_date(day)}" if day else None


def document_tip(
    doc: Document | DocumentRow,
    in_degree: int | None = None,
    status: str | None = None,
    left_out: int | None = None,
) -> dict[str, Any]:
    """Hovering a document: its label, type, full name, issuer, dates, what is known of it and
    the relations not drawn (``left_out``: :attr:`queries.Subgraph.left_out`).

    >>> tip = document_tip(Document("x", "decree", "42/2022/NĐ-CP", 2022, issued_date="2022-06-24"))
    >>> tip["title"], tip["lines"]  # doctest: +NORMALIZE_WHITESPACE
    ('Nghị định 42/2022/NĐ-CP',
     ['Nghị định', 'Ban hành ngày 24/06/2022', 'Chỉ được dẫn chiếu: văn bản chưa có trong kho'])
    """
    cited = None if in_degree is None else f"Được {in_degree} văn bản trong kho dẫn chiếu"
    return _tip(
        doc.label,
        [
            type_name(doc.doc_type),
            doc.name if doc.name and doc.name != doc.label else None,
            doc.issuer,
            _dated("Ban hành ngày", doc.issued_date),
            _dated("Có hiệu lực từ", doc.effective_date),
            f"Hiệu lực: {status}" if status else None,
            cited,
            "Chỉ được dẫn chiếu: văn bản chưa có trong kho" if doc.is_stub else None,
            f"Còn {left_out_phrase(left_out)}" if left_out else None,
        ],
    )


def edge_tip(
    edge: Edge | EdgeRow,
    source: Document | DocumentRow | Task | None,
    target: Document | DocumentRow | Task | None,
    how: str | None = None,
    evidence: str | None = None,
) -> dict[str, Any]:
    """Hovering an edge: the relation, who to whom, the sentence that proves it and its dates
    (when the effect takes hold, for an edge that has that day; when the acting text was issued
    and took effect). An edge read light (:class:`graph.store.EdgeRow`, not made whole by
    :func:`queries.traversal.with_evidence`) says only the relation and who to whom.

    >>> a = Document("a", "decree", "42/2022/NĐ-CP", 2022, effective_date="2022-08-01")
    >>> b = Document("b", "decree", "43/2011/NĐ-CP", 2011)
    >>> e = Edge("a", "b", "REPLACES", "Nghị định này thay thế Nghị định 43/2011/NĐ-CP.",
    ...          effective_date="2022-08-01", scope="whole")
    >>> edge_tip(e, a, b)["lines"]  # doctest: +NORMALIZE_WHITESPACE
    ['Nghị định 42/2022/NĐ-CP → Nghị định 43/2011/NĐ-CP',
     '“Nghị định này thay thế Nghị định 43/2011/NĐ-CP.”',
     'Hiệu lực của quan hệ từ 01/08/2022', 'Phạm vi: toàn bộ văn bản',
     'Nghị định 42/2022/NĐ-CP có hiệu lực từ 01/08/2022']
    """
    names = [_name(source), _name(target)]
    if isinstance(edge, EdgeRow):
        return _tip(relation_name(edge.type), [how, " → ".join(n for n in names if n)])
    scope = None
    if edge.scope:
        provisions = f" ({', '.join(edge.provisions)})" if edge.provisions else ""
        part = "một phần" if edge.scope == SCOPE_PARTIAL else "toàn bộ văn bản"
        scope = f"Phạm vi: {part}{provisions}"
    acting = source if isinstance(source, Document | DocumentRow) else None
    said = edge.evidence if evidence is None else evidence
    return _tip(
        relation_name(edge.type),
        [
            how,
            " → ".join(n for n in names if n),
            f"“{said}”" if said else "Không có câu nào trong kho nêu quan hệ này.",
            _dated("Hiệu lực của quan hệ từ", edge.effective_date),
            scope,
            _dated(f"{acting.label} ban hành ngày", acting.issued_date) if acting else None,
            _dated(f"{acting.label} có hiệu lực từ", acting.effective_date) if acting else None,
        ],
    )


def _name(node: Document | DocumentRow | Task | None) -> str:
    if isinstance(node, Task):
        return task_caption(node)
    return node.label if node is not None else ""


def task_caption(task: Task) -> str:
    """``Nhiệm vụ 2.5``: where the task is in its text, never its id."""
    return f"{TASK_CAPTION} {task.section}" if task.section else TASK_CAPTION


# -- a document's neighbourhood -------------------------------------------------------------------


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
    """The elements drawing ``sub``: one node per document, one edge per relation, laid out.

    Parameters
    ----------
    sub : Subgraph
        A neighbourhood (:func:`queries.neighbourhood`).
    in_degree : mapping of str to int
        Number of documents citing each document in the whole store (sizes the nodes).
    doc_types : iterable of str, optional
        Keep only documents of these types, as the walk would have (the centre always stays,
        and what was reached only through another type goes: :func:`queries.traversal.only_types`,
        so the page draws what ``neighbourhood(…, doc_types=…)`` finds); all by default.
    cap : int
        Most nodes drawn; see :data:`MAX_NODES`.
    """
    present_types = tuple(sorted({d.doc_type for d in sub.nodes}, key=type_name))
    if doc_types is not None:
        sub = only_types(sub, doc_types)
    by_id = {d.id: d for d in sub.nodes}
    candidates = list(by_id)
    kept = _keep(sub, candidates, in_degree, cap)
    kept_set = set(kept)
    edges = [e for e in sub.edges if e.source in kept_set and e.target in kept_set]
    left_out = {i: n for i, n in sub.left_out.items() if i in kept_set}
    biggest = max((in_degree.get(i, 0) for i in kept if i != sub.center), default=0)
    sizes = {
        i: CENTRE_SIZE if i == sub.center else node_size(in_degree.get(i, 0), biggest) for i in kept
    }
    boxes = {i: caption_box(sizes[i], by_id[i].label, centre=i == sub.center) for i in kept}
    spots = _positions(kept, boxes, edges, sub.center, sub.distance)
    nodes = [
        _document_node(
            by_id[i],
            sizes[i],
            spots[i],
            i == sub.center,
            in_degree.get(i),
            by_id[i].status if isinstance(by_id[i], DocumentRow) else None,
            left_out.get(i),
        )
        for i in kept
    ]
    drawn = [
        _edge(f"e{k}", e, by_id.get(e.source), by_id.get(e.target)) for k, e in enumerate(edges)
    ]
    return GraphView(
        elements={"nodes": nodes, "edges": drawn},
        total_nodes=len(candidates),
        types=present_types,
        relations=tuple(sorted({e.type for e in edges})),
        dropped=len(candidates) - len(kept),
        documents={i: by_id[i] for i in kept},
        centre=sub.center,
        left_out=left_out,
    )


def _positions(
    ids: list[str],
    boxes: Mapping[str, Box],
    edges: Iterable[Edge | EdgeRow],
    centre: str,
    distance: Mapping[str, int],
) -> dict[str, tuple[float, float]]:
    return layout(ids, boxes, [(e.source, e.target) for e in edges], centre, distance)


def _node(
    node_id: str,
    caption: str,
    colour: str,
    size: float,
    spot: tuple[float, float],
    tip: dict[str, Any],
    classes: Iterable[str],
) -> dict[str, Any]:
    return {
        "data": {"id": node_id, "label": caption, "colour": colour, "size": size, "tip": tip},
        "position": {"x": spot[0], "y": spot[1]},
        "classes": " ".join(classes),
    }


def _document_node(
    doc: Document | DocumentRow,
    size: float,
    spot: tuple[float, float],
    centre: bool,
    in_degree: int | None,
    status: str | None = None,
    left_out: int | None = None,
) -> dict[str, Any]:
    classes = [CENTRE] if centre else []
    if doc.is_stub:
        classes.append(STUB)
    colour = TYPE_COLOURS.get(doc.doc_type, DEFAULT_COLOUR)
    tip = document_tip(doc, in_degree, status, left_out)
    return _node(doc.id, doc.label, colour, size, spot, tip, classes)


def _edge(
    edge_id: str,
    edge: Edge | EdgeRow,
    source: Document | DocumentRow | Task | None,
    target: Document | DocumentRow | Task | None,
    *,
    caption: str | None = None,
    colour: str | None = None,
    classes: Iterable[str] = (),
    how: str | None = None,
    evidence: str | None = None,
) -> dict[str, Any]:
    name = caption or relation_name(edge.type)
    return {
        "data": {
            "id": edge_id,
            "source": edge.source,
            "target": edge.target,
            "label": name,
            "colour": colour or RELATION_COLOURS.get(edge.type, DEFAULT_COLOUR),
            "tip": edge_tip(edge, source, target, how, evidence),
        },
        "classes": " ".join(classes),
    }


# -- a task and what it rests on ------------------------------------------------------------------


def task_view(report: TaskDependencies, in_degree: Mapping[str, int] | None = None) -> GraphView:
    """A task at the centre, the text assigning it, and what it rests on: the documents its own
    sentence cites joined by solid edges (*nêu trực tiếp*), those it inherits by dashed ones
    drawn from where it inherits them (the assigning text's căn cứ, a cited document's).

    Each dependency's ``via`` (:func:`queries.tasks.task_dependencies`) is drawn, each edge in
    the manner of the dependency it leads to; hovering the last one shows the dependency's own
    evidence sentence.
    """
    task = report.task
    degrees = in_degree or {}
    docs: dict[str, Document] = {}
    if report.source is not None:
        docs[report.source.id] = report.source
    leads_to: dict[tuple[str, str, str], Dependency] = {}
    edges: dict[tuple[str, str, str], Edge] = {}
    distance = {task.id: 0}
    for dep in report.dependencies:
        docs[dep.document.id] = dep.document
        distance.setdefault(dep.document.id, len(dep.via))
        for edge in dep.via:
            edges.setdefault(edge.key, edge)
        leads_to.setdefault(dep.via[-1].key, dep)
    if report.source is not None:
        distance.setdefault(report.source.id, 1)
    inherited_of = {d.document.id: d.inherited for d in report.dependencies}
    statuses = {d.document.id: d.derived.headline for d in report.dependencies}
    biggest = max((degrees.get(i, 0) for i in docs), default=0)
    sizes = {i: node_size(degrees.get(i, 0), biggest) for i in docs}
    if report.source is not None:
        # The text the inheritance comes through: as large as the most cited, whoever cites it.
        sizes[report.source.id] = MAX_SIZE
    caption = task_caption(task)
    boxes = {i: caption_box(sizes[i], docs[i].label) for i in docs}
    boxes[task.id] = caption_box(CENTRE_SIZE, caption, centre=True)
    spots = _positions([task.id, *docs], boxes, edges.values(), task.id, distance)
    task_tip = _tip(
        caption,
        [
            task.text,
            f"Chủ trì: {task.lead}" if task.lead else None,
            f"Phối hợp: {', '.join(task.partners)}" if task.partners else None,
            f"Thời hạn: {task.deadline}" if task.deadline else None,
            f"Giao tại: {report.source.label}" if report.source is not None else None,
        ],
    )
    nodes = [
        _node(task.id, caption, TASK_COLOUR, CENTRE_SIZE, spots[task.id], task_tip, [CENTRE, TASK])
    ]
    nodes.extend(
        _document_node(docs[i], sizes[i], spots[i], False, degrees.get(i), statuses.get(i))
        for i in docs
    )
    drawn = []
    for k, edge in enumerate(edges.values()):
        source: Document | Task | None = task if edge.source == task.id else docs.get(edge.source)
        target: Document | Task | None = task if edge.target == task.id else docs.get(edge.target)
        if edge.type == TaskEdgeType.HAS_TASK:
            drawn.append(
                _edge(
                    f"e{k}",
                    edge,
                    source,
                    target,
                    caption=ASSIGNS,
                    colour=ASSIGNS_COLOUR,
                    classes=[ASSIGNS_EDGE],
                )
            )
            continue
        inherited = inherited_of.get(edge.target, True)
        how = INHERITED if inherited else DIRECT
        name = relation_name(edge.type)
        if edge.type == TaskEdgeType.DEPENDS_ON:
            name = how
        elif inherited:
            name = f"{name} ({how})"
        reaching = leads_to.get(edge.key)
        drawn.append(
            _edge(
                f"e{k}",
                edge,
                source,
                target,
                caption=name,
                colour=DEPENDS_COLOUR if edge.type == TaskEdgeType.DEPENDS_ON else None,
                classes=[INHERITED_EDGE if inherited else DIRECT_EDGE],
                how=f"Nhiệm vụ {how} văn bản này",
                evidence=reaching.evidence if reaching is not None else None,
            )
        )
    return GraphView(
        elements={"nodes": nodes, "edges": drawn},
        total_nodes=len(docs),
        types=tuple(sorted({d.doc_type for d in docs.values()}, key=type_name)),
        relations=tuple(sorted({e.type for e in edges.values()})),
        documents=docs,
        centre=task.id,
    )


# -- how it looks ---------------------------------------------------------------------------------


def stylesheet() -> list[dict[str, Any]]:
    """The Cytoscape.js stylesheet: sizes and colours from each element's data, the centre
    ringed and largest, direct dependencies solid and inherited ones dashed."""
    return [
        {
            "selector": "node",
            "style": {
                "background-color": "data(colour)",
                "width": "data(size)",
                "height": "data(size)",
                "label": "data(label)",
                "font-size": NODE_FONT,
                "font-family": "sans-serif",
                "color": "#222",
                "text-valign": "bottom",
                "text-margin-y": LABEL_MARGIN,
                "text-wrap": "ellipsis",
                "text-max-width": LABEL_MAX_WIDTH,
                "text-background-color": "#ffffff",
                "text-background-opacity": 0.75,
                "text-background-padding": 1,
                "border-width": BORDER_WIDTH,
                "border-color": "#ffffff",
                "min-zoomed-font-size": MIN_ZOOMED_FONT,
            },
        },
        {"selector": f"node.{STUB}", "style": {"background-opacity": 0.7}},
        {
            "selector": f"node.{CENTRE}",
            "style": {
                "border-width": CENTRE_BORDER_WIDTH,
                "border-color": CENTRE_BORDER,
                "font-size": CENTRE_FONT,
                "font-weight": "bold",
                "text-max-width": CENTRE_LABEL_MAX_WIDTH,
                "z-index": 10,
            },
        },
        {"selector": f"node.{TASK}", "style": {"shape": "round-rectangle"}},
        {
            "selector": "node.chosen",
            "style": {"overlay-color": "#d62728", "overlay-opacity": 0.25, "overlay-padding": 6},
        },
        {
            "selector": "edge",
            "style": {
                "width": 1.6,
                "line-color": "data(colour)",
                "target-arrow-color": "data(colour)",
                "target-arrow-shape": "triangle",
                "arrow-scale": 0.9,
                "curve-style": "bezier",
                "label": "data(label)",
                "font-size": EDGE_FONT,
                "font-family": "sans-serif",
                "color": "#333",
                "text-rotation": "autorotate",
                "text-background-color": "#ffffff",
                "text-background-opacity": 0.85,
                "text-background-padding": 1,
                "min-zoomed-font-size": MIN_ZOOMED_FONT,
            },
        },
        {"selector": f"edge.{DIRECT_EDGE}", "style": {"width": 3.2, "line-style": "solid"}},
        {
            "selector": f"edge.{INHERITED_EDGE}",
            "style": {"width": 2, "line-style": "dashed", "line-dash-pattern": [7, 4]},
        },
        {"selector": f"edge.{ASSIGNS_EDGE}", "style": {"line-style": "dotted", "width": 2}},
        {
            "selector": "edge.hovered",
            "style": {"width": 4, "z-index": 20, "text-background-opacity": 1},
        },
    ]


def subgraph_export(
    sub: Subgraph, documents: Mapping[str, Document], keep: Iterable[str] | None = None
) -> dict[str, Any]:
    """Node-link data of (part of) a neighbourhood, in the export format (DESIGN.md): its
    documents whole (``documents``, by id: a walk holds rows) and its edges as
    :func:`queries.traversal.with_evidence` reads them (an edge still light exports the fields
    it has)."""
    ids = set(keep) if keep is not None else {d.id for d in sub.nodes}
    return {
        "nodes": [node_to_dict(documents[d.id]) for d in sub.nodes if d.id in ids],
        "edges": [
            edge_to_dict(e) if isinstance(e, Edge) else e._asdict()
            for e in sub.edges
            if e.source in ids and e.target in ids
        ],
    }
