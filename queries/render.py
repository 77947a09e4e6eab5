"""Query answers as text for people (labels, Vietnamese relation names) and as JSON for programs.

One renderer per registered query name; a test checks none is missing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from graph.model import RELATION_LABELS, Document, Edge, edge_to_dict, node_to_dict
from graph.status import Status, format_day
from graph.store import DocumentRow, EdgeRow
from queries.documents import Citation, CitationCount, DocumentStatus
from queries.traversal import Hop, Subgraph, SupersessionChain

# Evidence sentences run to hundreds of characters ("Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13
# tháng 6 năm 2011 của Chính phủ quy định về việc cung cấp thông tin …"): one terminal line each.
EVIDENCE_WIDTH = 160


def to_json(value: Any) -> Any:
    """A JSON-ready form of any query answer: documents as node-link nodes (plus ``label``),
    edges as node-link edges, other dataclasses as objects."""
    if isinstance(value, Document):
        return {**node_to_dict(value), "label": value.label}
    if isinstance(value, DocumentRow):  # a named tuple: before the tuples below
        return {**value._asdict(), "label": value.label}
    if isinstance(value, Edge):
        return edge_to_dict(value)
    if isinstance(value, EdgeRow):
        return value._asdict()
    if isinstance(value, Subgraph):
        return {**_fields(value), "left_out": value.left_out}
    if isinstance(value, Status):
        return {**_fields(value), "headline": value.headline}
    if isinstance(value, DocumentStatus):
        return {**_fields(value), "status": value.status}
    if isinstance(value, SupersessionChain):
        return {
            "documents": to_json(value.documents),
            "edges": to_json(value.edges),
            "current": [d.id for d in value.current],
        }
    if isinstance(value, Hop):
        return {
            "source": to_json(value.source),
            "target": to_json(value.target),
            "edge": to_json(value.edge),
            "forward": value.forward,
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _fields(value)
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value


def _fields(value: Any) -> dict[str, Any]:
    return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}


def relation_name(relation: str, seen_from_target: bool = False) -> str:
    """``REPLACES`` → ``Văn bản bị thay thế`` (what a document replaced) or, seen from the
    replaced document, ``Văn bản thay thế``."""
    labels = RELATION_LABELS.get(relation, (relation, relation))
    return labels[1] if seen_from_target else labels[0]


def _doc(document: Document | DocumentRow) -> str:
    stub = " — chỉ được dẫn chiếu" if document.is_stub else ""
    return f"{document.label} [{document.id}]{stub}"


def vietnamese_count(number: int) -> str:
    """A count as Vietnamese writes it: thousands separated by dots.

    >>> vietnamese_count(12345)
    '12.345'
    """
    return f"{number:,}".replace(",", ".")


def left_out_phrase(count: int) -> str:
    """What a walk did not show of a document it did not follow every relation of
    (:attr:`queries.traversal.Subgraph.left_out`): its relations with the other documents, not
    the documents, which another way may have reached.

    >>> left_out_phrase(1560)
    'quan hệ với 1.560 văn bản khác không hiển thị'
    """
    return f"quan hệ với {vietnamese_count(count)} văn bản khác không hiển thị"


def left_out_line(count: int) -> str:
    """The line under such a document: ``… và quan hệ với 1.560 văn bản khác không hiển thị``."""
    return f"… và {left_out_phrase(count)}"


def left_out_summary(left_out: dict[str, int]) -> str:
    """One line for all the relations a walk left out (a document two of them relate to counts
    once for each: it is two relations).

    >>> left_out_summary({"vn:a": 1560, "vn:b": 40})
    'Không hiển thị 1.600 quan hệ của 2 văn bản có nhiều quan hệ hơn một trang vẽ được (các quan hệ mạnh nhất được giữ).'
    """  # noqa: E501
    return (
        f"Không hiển thị {vietnamese_count(sum(left_out.values()))} quan hệ của "
        f"{vietnamese_count(len(left_out))} văn bản có nhiều quan hệ hơn một trang vẽ được "
        "(các quan hệ mạnh nhất được giữ)."
    )


def _evidence(edge: Edge) -> str:
    text = " ".join(edge.evidence.split())
    if len(text) > EVIDENCE_WIDTH:
        text = text[: EVIDENCE_WIDTH - 1] + "…"
    return f"      “{text}”" if text else "      (không có câu dẫn chứng)"


def _find(result: list[Document]) -> list[str]:
    if not result:
        return ["Không tìm thấy văn bản nào."]
    return [_doc(d) for d in result]


def _groups(result: dict[str, list[Citation]], seen_from_target: bool) -> list[str]:
    if not result:
        return ["Không có quan hệ nào."]
    lines: list[str] = []
    for relation, rows in result.items():
        lines.append(f"{relation_name(relation, seen_from_target)} ({relation}, {len(rows)}):")
        for row in rows:
            lines.append(f"  - {_doc(row.document)}")
            lines.append(_evidence(row.edge))
    return lines


def _cites(result: dict[str, list[Citation]]) -> list[str]:
    return _groups(result, seen_from_target=False)


def _cited_by(result: dict[str, list[Citation]]) -> list[str]:
    return _groups(result, seen_from_target=True)


def _most_cited(result: list[CitationCount]) -> list[str]:
    if not result:
        return ["Chưa có văn bản nào được dẫn chiếu."]
    return [f"{row.count:6d}  {_doc(row.document)}" for row in result]


def status_lines(derived: Status) -> list[str]:
    """The explanation of a status and the day it is for, as the CLI prints it under the label."""
    return [f"  {derived.explanation} Tính đến ngày {format_day(derived.on)}."]


def _status(result: DocumentStatus) -> list[str]:
    lines = [f"{_doc(result.document)}: {result.derived.headline}", *status_lines(result.derived)]
    for row in (*result.superseded_by, *result.amended_by):
        lines.append(
            f"  {relation_name(row.edge.type, seen_from_target=True)}: {_doc(row.document)}"
        )
        lines.append(_evidence(row.edge))
    return lines


def _edge_line(edge: Edge | EdgeRow, labels: dict[str, str]) -> str:
    source = labels.get(edge.source, edge.source)
    target = labels.get(edge.target, edge.target)
    return f"{source} → {target}: {relation_name(edge.type)} ({edge.type})"


def _neighbourhood(result: Subgraph) -> list[str]:
    labels = {d.id: d.label for d in result.nodes}
    left_out = result.left_out
    lines = []
    for document in result.nodes:
        hops = result.distance.get(document.id, 0)
        status = f": {document.status}" if document.status else ""
        lines.append(f"{'  ' * hops}[{hops}] {_doc(document)}{status}")
        if document.id in left_out:
            lines.append(f"{'  ' * hops}    {left_out_line(left_out[document.id])}")
    lines.append(f"Quan hệ ({len(result.edges)}):")
    lines.extend(f"  {_edge_line(e, labels)}" for e in result.edges)
    if left_out:
        lines.append(left_out_summary(left_out))
    return lines


def _path(result: list[Hop] | None) -> list[str]:
    if result is None:
        return ["Không có chuỗi quan hệ nào nối hai văn bản."]
    if not result:
        return ["Hai văn bản là một."]
    labels = {}
    for hop in result:
        labels[hop.source.id] = hop.source.label
        labels[hop.target.id] = hop.target.label
    lines = [_doc(result[0].source)]
    for number, hop in enumerate(result, 1):
        lines.append(f"{number}. {_edge_line(hop.edge, labels)}")
        lines.append(_evidence(hop.edge))
    return lines


def _supersession_chain(result: SupersessionChain) -> list[str]:
    current = {d.id for d in result.current}
    if len(result.documents) == 1:
        return [f"{_doc(result.documents[0])}: không thay thế và không bị thay thế văn bản nào."]
    lines = []
    for document in result.documents:
        # The last of the chain is not "hiện hành": a stub, or a text not yet in force, may be.
        mark = " ← cuối chuỗi" if document.id in current else ""
        lines.append(f"{_doc(document)}{mark}")
    lines.append("Thay thế:")
    labels = {d.id: d.label for d in result.documents}
    lines.extend(f"  {labels[e.source]} thay thế {labels[e.target]}" for e in result.edges)
    return lines


RENDERERS: dict[str, Callable[[Any], list[str]]] = {
    "find": _find,
    "cites": _cites,
    "cited_by": _cited_by,
    "most_cited": _most_cited,
    "status": _status,
    "neighbourhood": _neighbourhood,
    "path": _path,
    "supersession_chain": _supersession_chain,
}


def render(name: str, result: Any) -> str:
    """The answer of query ``name`` as lines for a terminal."""
    return "\n".join(RENDERERS[name](result))
